package main

import (
	"fmt"
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
//
// A chart scales with the width of the page, and its text with it, so the
// text is sized in the units of the viewBox: chartFont units is what the
// stylesheet gives a phone's narrow screen (about 12 CSS pixels on a screen
// 375 pixels wide), and wider screens get smaller units (see ".chart text" in
// site/style.css). Every chart is laid out for text of chartFont units, the
// largest, so that no label overlaps a line or another label at any width.

const (
	chartW, chartH             = 480, 240
	chartFont                  = 17 // the largest size of the charts' text, in viewBox units: keep in step with site/style.css
	padR, padT                 = 12, 12
	tickGap                    = 6 // between a label and what it labels
	svgOpen                    = `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-labelledby="%s-title %s-desc" xmlns="http://www.w3.org/2000/svg">`
	moneyTicks                 = 4
	timelineDaysAfterLastEntry = 365
)

// box is a rectangle of the chart, in viewBox units: what a label covers.
type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlaps(b box) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

func (a box) grow(m float64) box { return box{a.x0 - m, a.y0 - m, a.x1 + m, a.y1 + m} }

// textWidth estimates the width of s at chartFont, from the advances of a
// wide sans-serif font (DejaVu Sans), so the estimate errs on the wide side.
func textWidth(s string, bold bool) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r == ' ' || r == ',' || r == '.' || r == ':' || r == 'i' || r == 'l' || r == 'j':
			w += 0.32
		case r == 'f' || r == 't' || r == 'r':
			w += 0.42
		case r == 'm' || r == 'w' || r == 'M' || r == 'W':
			w += 0.98
		case r >= 'A' && r <= 'Z':
			w += 0.76
		default: // digits, £, other lower case
			w += 0.64
		}
	}
	if bold {
		w *= 1.1
	}
	return w * chartFont
}

// textBox is the box of s drawn at (x, y), y being its baseline, with the
// given text-anchor.
func textBox(s string, bold bool, x, y float64, anchor string) box {
	w := textWidth(s, bold)
	x0 := x
	switch anchor {
	case "middle":
		x0 = x - w/2
	case "end":
		x0 = x - w
	}
	return box{x0, y - 0.8*chartFont, x0 + w, y + 0.25*chartFont}
}

// frame is a chart's plot area: what is left of the viewBox once the labels
// of its axes have room.
type frame struct {
	left, bottom float64 // the plot's left edge and its axis, in viewBox units
}

func (f frame) width() float64  { return chartW - padR - f.left }
func (f frame) height() float64 { return f.bottom - padT }

// axisLabelsLeft returns the left edge of a plot whose vertical axis has
// these labels, drawn to its left.
func axisLabelsLeft(labels []string) float64 {
	w := 0.0
	for _, l := range labels {
		w = max(w, textWidth(l, false))
	}
	return math.Ceil(w + 2*tickGap)
}

// tick is a label under the horizontal axis, centred on x.
type tick struct {
	x    float64
	text string
	end  bool    // anchored at its end, like the axis's own name at the right
	left float64 // the plot's left edge: the label starts no further left, clear of the value axis's labels
}

// placeTicks puts each label under the axis in the first of two rows where it
// overlaps no other, in the order given, and leaves out one that fits in
// neither (every figure is also in the table beside the chart). It returns
// the labels' rows, -1 for one left out, and how many rows are used.
func placeTicks(ts []tick) ([]int, int) {
	rows := make([]int, len(ts))
	var placed [2][]box
	used := 0
	for i, t := range ts {
		rows[i] = -1
		for r := range placed {
			b := tickBox(t, 0)
			if fits(b.grow(tickGap/2), placed[r]) {
				placed[r] = append(placed[r], b)
				rows[i] = r
				used = max(used, r+1)
				break
			}
		}
	}
	return rows, max(used, 1)
}

// everyOtherTick puts labels in one row, every one if they fit and otherwise
// every second, third… from the first: for labels of a regular axis, which
// read best evenly spaced.
func everyOtherTick(ts []tick) ([]int, int) {
	rows := make([]int, len(ts))
	for k := 1; k <= len(ts); k++ {
		var placed []box
		ok := true
		for i, t := range ts {
			rows[i] = -1
			if i%k != 0 {
				continue
			}
			b := tickBox(t, 0)
			if !fits(b.grow(tickGap/2), placed) {
				ok = false
				break
			}
			placed = append(placed, b)
			rows[i] = 0
		}
		if ok {
			break
		}
	}
	return rows, 1
}

// tickX keeps a centred label within the chart, and to the right of the
// value axis's labels.
func tickX(t tick) (float64, string) {
	if t.end {
		return t.x, "end"
	}
	half := textWidth(t.text, false) / 2
	return min(max(t.x, t.left-tickGap/2+half), chartW-half-2), "middle"
}

func tickBox(t tick, y float64) box {
	x, anchor := tickX(t)
	return textBox(t.text, false, x, y, anchor)
}

func fits(b box, others []box) bool {
	for _, o := range others {
		if b.overlaps(o) {
			return false
		}
	}
	return true
}

// tickRowHeight is the height of a row of labels under the axis.
const tickRowHeight = chartFont + 4

// bottomFor is where the horizontal axis goes so that rows of labels fit
// under it.
func bottomFor(rows int) float64 {
	return chartH - float64(rows)*tickRowHeight - tickGap
}

// drawTicks writes the labels under the axis at bottom in their rows.
func drawTicks(b *strings.Builder, ts []tick, rows []int, bottom float64) {
	for i, t := range ts {
		if rows[i] < 0 {
			continue
		}
		x, anchor := tickX(t)
		y := bottom + tickGap + 0.8*chartFont + float64(rows[i])*tickRowHeight
		fmt.Fprintf(b, `<text class="tick" x="%.1f" y="%.1f" text-anchor="%s">%s</text>`, x, y, anchor, escapeHTML(t.text))
	}
}

// timelineSVG draws a transition's schedule: the annual amount over time, in
// steps, each step's amount beside its line where it overlaps no line and no
// other label.
func timelineSVG(t *engine.Plan) string {
	s := t.Schedule
	start, end := s[0].From, s[len(s)-1].From.AddDays(timelineDaysAfterLastEntry)
	span := float64(start.DaysUntil(end))
	sc := newScale(maxAmount(s), true)
	f := frame{left: axisLabelsLeft(sc.labels)}
	x := func(d engine.Date) float64 { return f.left + f.width()*float64(start.DaysUntil(d))/span }
	ticks := make([]tick, len(s))
	for i, e := range s {
		ticks[i] = tick{x: x(e.From), text: shortDate(e.From), left: f.left}
	}
	rows, nrows := placeTicks(ticks)
	f.bottom = bottomFor(nrows)
	y := func(m engine.Money) float64 { return padT + f.height()*(1-m.InexactFloat64()/sc.top) }

	var b strings.Builder
	id := "timeline"
	fmt.Fprintf(&b, svgOpen, chartW, chartH, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">The annual amount over time</title>`, id)
	desc := make([]string, len(s))
	for i, e := range s {
		desc[i] = e.From.Long() + ": " + engine.FormatMoney(e.Amount())
	}
	fmt.Fprintf(&b, `<desc id="%s-desc">%s.</desc>`, id, escapeHTML(strings.Join(desc, "; ")))
	valueAxis(&b, f, sc)

	// The steps: a level line for each entry, and a rise or fall to the next.
	type step struct{ x0, x1, y float64 }
	steps := make([]step, len(s))
	var pts []string
	var lines []box
	for i, e := range s {
		next := end
		if i+1 < len(s) {
			next = s[i+1].From
		}
		steps[i] = step{x(e.From), x(next), y(e.Amount())}
		pts = append(pts, fmt.Sprintf("%.1f,%.1f %.1f,%.1f", steps[i].x0, steps[i].y, steps[i].x1, steps[i].y))
		lines = append(lines, box{steps[i].x0, steps[i].y, steps[i].x1, steps[i].y})
		if i > 0 {
			lines = append(lines, box{steps[i].x0, min(steps[i-1].y, steps[i].y), steps[i].x0, max(steps[i-1].y, steps[i].y)})
		}
	}
	fmt.Fprintf(&b, `<polyline class="line" points="%s"/>`, strings.Join(pts, " "))
	for _, st := range steps {
		fmt.Fprintf(&b, `<circle class="dot" cx="%.1f" cy="%.1f" r="4"/>`, st.x0, st.y)
		lines = append(lines, box{st.x0 - 4, st.y - 4, st.x0 + 4, st.y + 4})
	}

	// Each amount goes above its level line or below it, at its start, its
	// end or its middle: the first of those places that stays in the plot
	// and clear of every line and label.
	plot := box{f.left, 0, chartW, f.bottom - 2}
	var labels []box
	for i, e := range s {
		text := engine.FormatMoney(e.Amount())
		st := steps[i]
		ascent := 0.8 * chartFont
		above, below := st.y-tickGap-0.25*chartFont, st.y+tickGap+ascent
		type place struct {
			x, y   float64
			anchor string
		}
		places := []place{
			{st.x0 + tickGap + 4, above, "start"},
			{st.x1 - tickGap, above, "end"},
			{(st.x0 + st.x1) / 2, above, "middle"},
			{st.x0 + tickGap + 4, below, "start"},
			{st.x1 - tickGap, below, "end"},
			{(st.x0 + st.x1) / 2, below, "middle"},
		}
		chosen := places[0]
		for _, p := range places {
			bx := textBox(text, true, p.x, p.y, p.anchor)
			if bx.x0 >= plot.x0 && bx.x1 <= plot.x1 && bx.y0 >= plot.y0 && bx.y1 <= plot.y1 &&
				fits(bx.grow(2), lines) && fits(bx.grow(2), labels) {
				chosen = p
				break
			}
		}
		labels = append(labels, textBox(text, true, chosen.x, chosen.y, chosen.anchor))
		fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%.1f" text-anchor="%s">%s</text>`, chosen.x, chosen.y, chosen.anchor, text)
	}
	drawTicks(&b, ticks, rows, f.bottom)
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
	curves := make([][]curvePoint, len(ps))
	top := 0.0
	for i, q := range ps {
		curves[i] = budgetCurve(q, age, maxScore)
		for _, pt := range curves[i] {
			top = max(top, pt.amount)
		}
	}
	sc := newScale(top, true)
	f := frame{left: axisLabelsLeft(sc.labels)}
	x := func(s int) float64 { return f.left + f.width()*float64(s)/float64(maxScore) }
	var ticks []tick
	if m := p.Moderation; m != nil {
		for _, st := range m.Steps {
			ticks = append(ticks, tick{x: x(st), text: itoa(st), left: f.left})
		}
	}
	ticks = append(ticks, tick{x: chartW - padR, text: "score", end: true})
	rows, nrows := placeTicks(ticks)
	f.bottom = bottomFor(nrows)
	y := func(amount float64) float64 { return padT + f.height()*(1-amount/sc.top) }

	var b strings.Builder
	fmt.Fprintf(&b, svgOpen, chartW, chartH, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">Annual budget by score, age band %s</title>`, id, escapeHTML(band.Label))
	fmt.Fprintf(&b, `<desc id="%s-desc">%s</desc>`, id, escapeHTML(budgetDesc(p, ai, maxScore)))
	if m := p.Moderation; m != nil {
		for _, st := range m.Steps {
			lo, hi := m.Zone(st)
			hi = min(hi, maxScore)
			fmt.Fprintf(&b, `<rect class="zone" x="%.1f" y="%d" width="%.1f" height="%.1f"/>`, x(lo), padT, x(hi)-x(lo), f.height())
			fmt.Fprintf(&b, `<line class="step" x1="%.1f" y1="%d" x2="%.1f" y2="%.1f"/>`, x(st), padT, x(st), f.bottom)
		}
	}
	valueAxis(&b, f, sc)
	for i, curve := range curves {
		pts := make([]string, len(curve))
		for j, pt := range curve {
			pts[j] = fmt.Sprintf("%.1f,%.1f", x(pt.score), y(pt.amount))
		}
		class := "line"
		if i > 0 {
			class = "line line-scenario"
		}
		fmt.Fprintf(&b, `<polyline class="%s" points="%s"/>`, class, strings.Join(pts, " "))
	}
	drawTicks(&b, ticks, rows, f.bottom)
	b.WriteString(`</svg>`)
	return b.String()
}

// curvePoint is a corner of the budget-by-score line.
type curvePoint struct {
	score  int
	amount float64
}

// budgetCurve is the line of the annual budget by score, from 0 to maxScore,
// at age: its corners only. Within a score band the budget is a fixed offer
// or the score times a rate, a straight line, so the line is drawn from each
// band's first score to its last, rising straight up where a band starts
// higher than the one before ends.
func budgetCurve(p *engine.Policy, age, maxScore int) []curvePoint {
	at := func(score int) float64 {
		a, _ := p.Allocation(age, score)
		return a.InexactFloat64()
	}
	var pts []curvePoint
	for _, b := range p.Scores.Bands {
		lo, hi := max(b.From, 0), b.To
		if b.Open || hi > maxScore {
			hi = maxScore
		}
		if lo > maxScore || hi < lo {
			continue
		}
		if lo > 0 {
			if before := at(lo - 1); len(pts) == 0 || before != at(lo) {
				pts = append(pts, curvePoint{lo, before})
			}
		}
		pts = append(pts, curvePoint{lo, at(lo)}, curvePoint{hi, at(hi)})
	}
	return pts
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
		s += " Scores " + strings.Join(zoneRanges(m), ", ") + " go to moderation."
	}
	return s
}

// scale is a value axis: gridlines at round values from 0 to at least the
// largest value drawn, and the value at the top of the plot, which leaves
// room above the largest.
type scale struct {
	ticks  []float64
	labels []string
	top    float64
}

// newScale makes the axis for values from 0 to largest, in pounds or in
// whole numbers: about four steps of 1, 2, 2.5 or 5 times a power of ten.
func newScale(largest float64, money bool) scale {
	largest = max(largest, 1)
	raw := largest / moneyTicks
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * mag
	for _, m := range []float64{1, 2, 2.5, 5} {
		if m*mag >= raw && (m != 2.5 || mag >= 10) { // 2.5 only as 25, 250…: whole labels
			step = m * mag
			break
		}
	}
	step = max(step, 1) // whole pounds, whole children
	var sc scale
	for i := 0; ; i++ {
		v := step * float64(i)
		sc.ticks = append(sc.ticks, v)
		if money {
			sc.labels = append(sc.labels, roundPounds(v))
		} else {
			sc.labels = append(sc.labels, itoa(int(math.Round(v))))
		}
		if v >= largest {
			break
		}
	}
	sc.top = max(sc.ticks[len(sc.ticks)-1], largest*1.1)
	return sc
}

// valueAxis draws a value axis at the plot's left, with gridlines.
func valueAxis(b *strings.Builder, f frame, sc scale) {
	for i, v := range sc.ticks {
		yy := padT + f.height()*(1-v/sc.top)
		fmt.Fprintf(b, `<line class="grid" x1="%.1f" y1="%.1f" x2="%d" y2="%.1f"/>`, f.left, yy, chartW-padR, yy)
		fmt.Fprintf(b, `<text class="tick" x="%.1f" y="%.1f" text-anchor="end">%s</text>`, f.left-tickGap, yy+0.35*chartFont, sc.labels[i])
	}
	fmt.Fprintf(b, `<line class="axis" x1="%.1f" y1="%.1f" x2="%d" y2="%.1f"/>`, f.left, f.bottom, chartW-padR, f.bottom)
}

// roundPounds writes an axis label in whole pounds: £12,500. Axis labels
// mark the chart's scale; every figure of record is in the tables.
func roundPounds(v float64) string {
	return strings.TrimSuffix(engine.FormatMoney(decimal.NewFromInt(int64(math.Round(v)))), ".00")
}

func maxAmount(s []engine.Entry) float64 {
	top := 0.0
	for _, e := range s {
		top = max(top, e.Amount().InexactFloat64())
	}
	return top
}

func shortDate(d engine.Date) string {
	return time.Month(d.Month).String()[:3] + " " + itoa(d.Year)
}

func decimalInt(n int) engine.Money { return decimal.NewFromInt(int64(n)) }

// barsSVG draws grouped bars: for each label, a bar per series (the first
// dark, the second light). values are for drawing only; the figures of
// record are in the tables beside each chart.
func barsSVG(id, title, desc string, labels []string, series [][]float64, money bool) string {
	return barsLineSVG(id, title, desc, labels, series, money, 0, "")
}

// barsLineSVG is barsSVG with a level line across the bars at line (none
// where it is 0), labelled lineLabel: a budget, say.
func barsLineSVG(id, title, desc string, labels []string, series [][]float64, money bool, line float64, lineLabel string) string {
	top := line
	for _, s := range series {
		for _, v := range s {
			top = max(top, v)
		}
	}
	sc := newScale(top, money)
	f := frame{left: axisLabelsLeft(sc.labels)}
	slot := f.width() / float64(max(len(labels), 1))
	bw := slot * 0.8 / float64(max(len(series), 1))
	ticks := make([]tick, len(labels))
	for i, label := range labels {
		ticks[i] = tick{x: f.left + slot*float64(i) + slot*0.5, text: label, left: f.left}
	}
	rows, nrows := everyOtherTick(ticks)
	f.bottom = bottomFor(nrows)
	var b strings.Builder
	fmt.Fprintf(&b, svgOpen, chartW, chartH, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, escapeHTML(title), id, escapeHTML(desc))
	valueAxis(&b, f, sc)
	for i := range labels {
		x0 := f.left + slot*float64(i) + slot*0.1
		for j, s := range series {
			h := f.height() * s[i] / sc.top
			fmt.Fprintf(&b, `<rect class="bar bar-%d" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/>`, j, x0+bw*float64(j), f.bottom-h, bw, h)
		}
	}
	if line > 0 {
		yy := f.bottom - f.height()*line/sc.top
		fmt.Fprintf(&b, `<line class="budget-line" x1="%.1f" y1="%.1f" x2="%d" y2="%.1f"/>`, f.left, yy, chartW-padR, yy)
		fmt.Fprintf(&b, `<text class="tick budget-label" x="%d" y="%.1f" text-anchor="end">%s</text>`, chartW-padR, yy-tickGap, escapeHTML(lineLabel))
	}
	drawTicks(&b, ticks, rows, f.bottom)
	b.WriteString(`</svg>`)
	return b.String()
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
	line, label := 0.0, ""
	if bc := cmp.Baseline.Budget; bc != nil {
		line, label = bc.Budget.Amount.InexactFloat64(), "Budget "+roundPounds(bc.Budget.Amount.InexactFloat64())
		desc = append(desc, bc.Budget.Label+": "+engine.FormatMoney(bc.Budget.Amount)+" in "+engine.YearSpend{Year: bc.Budget.FinancialYear}.Label())
	}
	return barsLineSVG("spend", "Spend by financial year", strings.Join(desc, "; "), labels, [][]float64{a, b}, true, line, label)
}

func distributionSVG(cmp *engine.Comparison) string {
	var labels, desc []string
	var a, b []float64
	for i, d := range cmp.Baseline.Distribution {
		s := cmp.Scenario.Distribution[i]
		_, short := engine.DistributionBand(i)
		labels = append(labels, short)
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

// diffSVG draws a difference chart: a bar for each label, above the zero
// line for a rise and below it for a fall, on a scale of the changes alone,
// so that a change of £13,000 in £1 million shows as plainly as it is.
func diffSVG(id, title, desc string, labels []string, values []float64) string {
	top := 0.0
	for _, v := range values {
		top = max(top, math.Abs(v))
	}
	sc := newScale(top, true)
	var axis []string
	for _, l := range sc.labels {
		axis = append(axis, "−"+l)
	}
	f := frame{left: axisLabelsLeft(axis)}
	slot := f.width() / float64(max(len(labels), 1))
	ticks := make([]tick, len(labels))
	for i, label := range labels {
		ticks[i] = tick{x: f.left + slot*float64(i) + slot*0.5, text: label, left: f.left}
	}
	rows, nrows := everyOtherTick(ticks)
	f.bottom = bottomFor(nrows)
	mid := padT + f.height()/2
	half := f.height() / 2
	var b strings.Builder
	fmt.Fprintf(&b, svgOpen, chartW, chartH, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, escapeHTML(title), id, escapeHTML(desc))
	for i, v := range sc.ticks {
		for _, sign := range []float64{1, -1} {
			if v == 0 && sign < 0 {
				continue
			}
			yy := mid - sign*half*v/sc.top
			label := sc.labels[i]
			if sign < 0 {
				label = "−" + label
			}
			fmt.Fprintf(&b, `<line class="grid" x1="%.1f" y1="%.1f" x2="%d" y2="%.1f"/>`, f.left, yy, chartW-padR, yy)
			fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%.1f" text-anchor="end">%s</text>`, f.left-tickGap, yy+0.35*chartFont, label)
		}
	}
	fmt.Fprintf(&b, `<line class="axis" x1="%.1f" y1="%.1f" x2="%d" y2="%.1f"/>`, f.left, mid, chartW-padR, mid)
	for i, v := range values {
		h := half * math.Abs(v) / sc.top
		y, cls := mid-h, "bar bar-0 rise"
		if v < 0 {
			y, cls = mid, "bar bar-1 fall"
		}
		fmt.Fprintf(&b, `<rect class="%s" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/>`, cls, f.left+slot*float64(i)+slot*0.2, y, slot*0.6, h)
	}
	drawTicks(&b, ticks, rows, f.bottom)
	b.WriteString(`</svg>`)
	return b.String()
}

// changeSVG draws the difference the scenario makes, scenario less
// published, in each age band or score band.
func changeSVG(cmp *engine.Comparison, byScore bool) string {
	var labels, desc []string
	var values []float64
	add := func(label string, diff engine.Money) {
		labels = append(labels, label)
		values = append(values, diff.InexactFloat64())
		desc = append(desc, label+": "+signedMoney(diff))
	}
	id, title := "change-age", "The change in allocation under the scenario, by age band"
	if byScore {
		id, title = "change-score", "The change in allocation under the scenario, by score band"
		for _, c := range cmp.ByScoreBand {
			add(c.Label(), c.TotalChange)
		}
	} else {
		for _, c := range cmp.Changed {
			add(c.Band.Label, c.TotalChange)
		}
	}
	return diffSVG(id, title, strings.Join(desc, "; "), labels, values)
}

// signedMoney writes a change of money with its sign: +£1,066.00, −£520.00, £0.00.
func signedMoney(m engine.Money) string {
	switch m.Sign() {
	case 1:
		return "+" + engine.FormatMoney(m)
	case -1:
		return "−" + engine.FormatMoney(m.Neg())
	}
	return engine.FormatMoney(m)
}
