package main

import (
	"fmt"
	"html"
	"math"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/openras/openras/engine"
)

// The charts are inline SVG, written as text: they need no script to draw,
// show in the prerendered page, and are styled by classes from the site's
// stylesheet (the page's Content-Security-Policy allows no inline styles).
// Each has a title and a description for screen readers, and the figures it
// draws are also in a table beside it.

const (
	chartW, chartH             = 640, 240
	padL, padR, padT, padB     = 78, 16, 16, 40
	plotW, plotH               = chartW - padL - padR, chartH - padT - padB
	svgOpen                    = `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-labelledby="%s-title %s-desc" xmlns="http://www.w3.org/2000/svg">`
	moneyTicks                 = 4
	timelineDaysAfterLastEntry = 365
)

// timelineSVG draws a transition's schedule: the annual amount over time, in
// steps.
func timelineSVG(t *engine.Plan) string {
	s := t.Schedule
	start, end := s[0].From, s[len(s)-1].From.AddDays(timelineDaysAfterLastEntry)
	span := float64(start.DaysUntil(end))
	top := maxAmount(s)
	x := func(d engine.Date) float64 { return padL + plotW*float64(start.DaysUntil(d))/span }
	y := func(m engine.Money) float64 { return padT + plotH*(1-m.InexactFloat64()/top) }

	var b strings.Builder
	id := "timeline"
	fmt.Fprintf(&b, svgOpen, chartW, chartH, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">The annual amount over time</title>`, id)
	desc := make([]string, len(s))
	for i, e := range s {
		desc[i] = e.From.Long() + ": " + engine.FormatMoney(e.Amount)
	}
	fmt.Fprintf(&b, `<desc id="%s-desc">%s.</desc>`, id, html.EscapeString(strings.Join(desc, "; ")))
	moneyAxis(&b, top)
	var pts []string
	for i, e := range s {
		next := end
		if i+1 < len(s) {
			next = s[i+1].From
		}
		pts = append(pts, fmt.Sprintf("%.1f,%.1f %.1f,%.1f", x(e.From), y(e.Amount), x(next), y(e.Amount)))
	}
	fmt.Fprintf(&b, `<polyline class="line" points="%s"/>`, strings.Join(pts, " "))
	for i, e := range s {
		fmt.Fprintf(&b, `<circle class="dot" cx="%.1f" cy="%.1f" r="4"/>`, x(e.From), y(e.Amount))
		anchor := "start"
		if i == len(s)-1 && len(s) > 1 {
			anchor = "end"
		}
		fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%.1f" text-anchor="%s">%s</text>`, x(e.From)+6, y(e.Amount)-8, anchor, engine.FormatMoney(e.Amount))
		fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%d" text-anchor="middle">%s</text>`, x(e.From), chartH-padB+18, shortDate(e.From))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// budgetSVG draws the annual budget for each score in one age band, with the
// steps of the model and the moderation zones around them.
func budgetSVG(p *engine.Policy, ai int) string {
	return budgetChart([]*engine.Policy{p}, ai, "budget-"+p.Age.Bands[ai].ID)
}

// budgetCompareSVG draws the budget by score under a published policy (a
// solid line) and a scenario (a dashed line), with the scenario's zones.
func budgetCompareSVG(base, scen *engine.Policy, ai int) string {
	return budgetChart([]*engine.Policy{base, scen}, ai, "compare-"+base.Age.Bands[ai].ID)
}

func budgetChart(ps []*engine.Policy, ai int, id string) string {
	p := ps[len(ps)-1]
	band := p.Age.Bands[ai]
	maxScore := p.Scores.Threshold + 100
	if p.Moderation != nil && len(p.Moderation.Steps) > 0 {
		maxScore = p.Moderation.Steps[len(p.Moderation.Steps)-1] + 60
	}
	age := band.From
	curves := make([][]engine.Money, len(ps))
	top := 0.0
	for i, q := range ps {
		curves[i] = make([]engine.Money, maxScore+1)
		for s := range curves[i] {
			curves[i][s], _ = q.Allocation(age, s)
			top = max(top, curves[i][s].InexactFloat64())
		}
	}
	if top == 0 {
		top = 1
	}
	top *= 1.1
	x := func(s int) float64 { return padL + plotW*float64(s)/float64(maxScore) }
	y := func(m engine.Money) float64 { return padT + plotH*(1-m.InexactFloat64()/top) }

	var b strings.Builder
	fmt.Fprintf(&b, svgOpen, chartW, chartH, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">Annual budget by score, age band %s</title>`, id, html.EscapeString(band.Label))
	fmt.Fprintf(&b, `<desc id="%s-desc">%s</desc>`, id, html.EscapeString(budgetDesc(p, ai, maxScore)))
	if m := p.Moderation; m != nil {
		for _, st := range m.Steps {
			lo, hi := max(st-m.Window, 0), min(st+m.Window, maxScore)
			fmt.Fprintf(&b, `<rect class="zone" x="%.1f" y="%d" width="%.1f" height="%d"/>`, x(lo), padT, x(hi)-x(lo), plotH)
			fmt.Fprintf(&b, `<line class="step" x1="%.1f" y1="%d" x2="%.1f" y2="%d"/>`, x(st), padT, x(st), padT+plotH)
			fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%d" text-anchor="middle">%d</text>`, x(st), chartH-padB+18, st)
		}
	}
	moneyAxis(&b, top)
	for i, amounts := range curves {
		var pts []string
		for s, a := range amounts {
			if s > 0 && !a.Equal(amounts[s-1]) && stepAt(ps[i], s) {
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(s), y(amounts[s-1])))
			}
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", x(s), y(a)))
		}
		class := "line"
		if i > 0 {
			class = "line line-scenario"
		}
		fmt.Fprintf(&b, `<polyline class="%s" points="%s"/>`, class, strings.Join(pts, " "))
	}
	fmt.Fprintf(&b, `<text class="tick" x="%d" y="%d" text-anchor="end">score</text>`, chartW-padR, chartH-6)
	b.WriteString(`</svg>`)
	return b.String()
}

// stepAt reports whether a score band starts at score s.
func stepAt(p *engine.Policy, s int) bool {
	for _, b := range p.Scores.Bands {
		if b.From == s {
			return true
		}
	}
	return false
}

func budgetDesc(p *engine.Policy, ai, maxScore int) string {
	var parts []string
	for _, b := range p.Scores.Bands {
		lo := b.From
		hi := b.To
		if b.Open {
			hi = maxScore
		}
		a1, _ := p.Allocation(p.Age.Bands[ai].From, lo)
		a2, _ := p.Allocation(p.Age.Bands[ai].From, hi)
		parts = append(parts, fmt.Sprintf("score %d gives %s and score %d gives %s", lo, engine.FormatMoney(a1), hi, engine.FormatMoney(a2)))
	}
	s := strings.Join(parts, "; ") + "."
	if m := p.Moderation; m != nil {
		s += fmt.Sprintf(" Scores within %d points of a step go to moderation.", m.Window)
	}
	return s
}

// moneyAxis draws the amount axis, with gridlines.
func moneyAxis(b *strings.Builder, top float64) {
	for i := 0; i <= moneyTicks; i++ {
		v := top / 1.1 * float64(i) / moneyTicks
		yy := padT + plotH*(1-v/top)
		fmt.Fprintf(b, `<line class="grid" x1="%d" y1="%.1f" x2="%d" y2="%.1f"/>`, padL, yy, chartW-padR, yy)
		fmt.Fprintf(b, `<text class="tick" x="%d" y="%.1f" text-anchor="end">%s</text>`, padL-6, yy+4, roundPounds(v))
	}
	fmt.Fprintf(b, `<line class="axis" x1="%d" y1="%d" x2="%d" y2="%d"/>`, padL, padT+plotH, chartW-padR, padT+plotH)
}

// roundPounds writes an axis label in whole pounds: £12,500. Axis labels
// mark the chart's scale; every figure of record is in the tables.
func roundPounds(v float64) string {
	return strings.TrimSuffix(engine.FormatMoney(decimal.NewFromInt(int64(math.Round(v)))), ".00")
}

func maxAmount(s []engine.Entry) float64 {
	top := 0.0
	for _, e := range s {
		top = max(top, e.Amount.InexactFloat64())
	}
	if top == 0 {
		top = 1
	}
	return top * 1.1
}

func shortDate(d engine.Date) string {
	return time.Month(d.Month).String()[:3] + " " + itoa(d.Year)
}

func decimalInt(n int) engine.Money { return decimal.NewFromInt(int64(n)) }

// barsSVG draws grouped bars: for each label, a bar per series (the first
// dark, the second light). values are for drawing only; the figures of
// record are in the tables beside each chart.
func barsSVG(id, title, desc string, labels []string, series [][]float64, money bool) string {
	top := 0.0
	for _, s := range series {
		for _, v := range s {
			top = max(top, v)
		}
	}
	if top == 0 {
		top = 1
	}
	top *= 1.1
	var b strings.Builder
	fmt.Fprintf(&b, svgOpen, chartW, chartH, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, html.EscapeString(title), id, html.EscapeString(desc))
	if money {
		moneyAxis(&b, top)
	} else {
		countAxis(&b, top)
	}
	slot := float64(plotW) / float64(max(len(labels), 1))
	bw := slot * 0.8 / float64(max(len(series), 1))
	for i, label := range labels {
		x0 := padL + slot*float64(i) + slot*0.1
		for j, s := range series {
			h := plotH * s[i] / top
			fmt.Fprintf(&b, `<rect class="bar bar-%d" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/>`, j, x0+bw*float64(j), padT+plotH-h, bw, h)
		}
		if len(labels) <= 8 || i%2 == 0 {
			fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%d" text-anchor="middle">%s</text>`, x0+slot*0.4, chartH-padB+18, html.EscapeString(label))
		}
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// countAxis draws an axis of whole numbers, with gridlines.
func countAxis(b *strings.Builder, top float64) {
	for i := 0; i <= moneyTicks; i++ {
		v := top / 1.1 * float64(i) / moneyTicks
		yy := padT + plotH*(1-v/top)
		fmt.Fprintf(b, `<line class="grid" x1="%d" y1="%.1f" x2="%d" y2="%.1f"/>`, padL, yy, chartW-padR, yy)
		fmt.Fprintf(b, `<text class="tick" x="%d" y="%.1f" text-anchor="end">%d</text>`, padL-6, yy+4, int(math.Round(v)))
	}
	fmt.Fprintf(b, `<line class="axis" x1="%d" y1="%d" x2="%d" y2="%d"/>`, padL, padT+plotH, chartW-padR, padT+plotH)
}

func spendSVG(cmp *engine.Comparison) string {
	var labels, desc []string
	var a, b []float64
	scen := map[string]engine.Money{}
	for _, y := range cmp.Scenario.SpendByYear {
		scen[y.Label()] = y.Spend
	}
	for _, y := range cmp.Baseline.SpendByYear {
		labels = append(labels, y.Label())
		a = append(a, y.Spend.InexactFloat64())
		b = append(b, scen[y.Label()].InexactFloat64())
		desc = append(desc, y.Label()+": "+engine.FormatMoney(y.Spend)+" published, "+engine.FormatMoney(scen[y.Label()])+" scenario")
	}
	return barsSVG("spend", "Spend by financial year", strings.Join(desc, "; "), labels, [][]float64{a, b}, true)
}

func distributionSVG(cmp *engine.Comparison) string {
	var labels, desc []string
	var a, b []float64
	for i, d := range cmp.Baseline.Distribution {
		s := cmp.Scenario.Distribution[i]
		labels = append(labels, "£"+itoa(i*2)+"k")
		a = append(a, float64(d.Count))
		b = append(b, float64(s.Count))
		desc = append(desc, d.Name+": "+itoa(d.Count)+" published, "+itoa(s.Count)+" scenario")
	}
	return barsSVG("distribution", "Children by annual budget", strings.Join(desc, "; "), labels, [][]float64{a, b}, false)
}

func gainsSVG(cmp *engine.Comparison) string {
	var labels, desc []string
	var gain, lose []float64
	for _, c := range cmp.Changed {
		labels = append(labels, c.Band.Label)
		gain = append(gain, c.GainAmount.InexactFloat64())
		lose = append(lose, c.LoseAmount.InexactFloat64())
		desc = append(desc, c.Band.Label+": "+itoa(c.Gain)+" gain "+engine.FormatMoney(c.GainAmount)+", "+itoa(c.Lose)+" lose "+engine.FormatMoney(c.LoseAmount))
	}
	return barsSVG("gains", "Gained (dark) and lost (light) under the scenario, by age band", strings.Join(desc, "; "), labels, [][]float64{gain, lose}, true)
}
