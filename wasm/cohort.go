package main

import (
	"bytes"
	"encoding/csv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/openras/openras/engine"
)

// cohortPage is where a councillor sees what a policy, or a scenario, does
// to a whole cohort: the figures of the summary under each, who gains and
// who loses by age band, spend by financial year and the spread of budgets.
// The file is read in the browser and never leaves it; it is held while the
// tab is open, so the scenario page compares each change with it too.
type cohortPage struct {
	app.Compo
	sc        scenarioPage // the baseline and the scenario, from the link
	run       cohortRead
	lc        *loadedCohort
	res       *comparison
	gen       int           // counts the comparisons begun, so a stale one is dropped
	comparing bool          // a large cohort is being compared in the background
	elapsed   time.Duration // from choosing the file, or changing the scenario, to the figures
	ctx       app.Context   // the page's own, for the work that outlasts an event
}

func (c *cohortPage) OnMount(ctx app.Context) { c.ctx = ctx }

func (c *cohortPage) OnPreRender(ctx app.Context) { c.load(ctx) }
func (c *cohortPage) OnNav(ctx app.Context) {
	c.ctx = ctx
	c.load(ctx)
	warmUp(ctx, c.sc.v.baseline)
}

func (c *cohortPage) load(ctx app.Context) {
	ctx.Page().SetTitle("A whole cohort – OpenRAS")
	ctx.Page().SetDescription("See what a council's policy, or a change to it, does to a whole cohort of children: totals, who gains and who loses, spend by year.")
	c.sc.fromFragment(ctx.Page().URL().Fragment)
	if tabCohort != nil {
		c.show(ctx, tabCohort, time.Now())
	}
}

// onFile reads a cohort file chosen on the device, in the browser.
func (c *cohortPage) onFile(ctx app.Context, e app.Event) {
	began := time.Now()
	readFile(ctx.JSSrc(), c.ctx, &c.run, func(ctx app.Context, name string, src cohortSource) { c.start(ctx, name, src, false, began) })
	if c.run.err != "" {
		// Refused: the figures of the cohort before are not this file's.
		c.lc, c.res, tabCohort = nil, nil, nil
	}
}

// onDemo loads the synthetic demonstration cohort served with the site.
func (c *cohortPage) onDemo(ctx app.Context, e app.Event) {
	began := time.Now()
	fetchDemo(c.ctx, func(ctx app.Context, name string, src cohortSource) { c.start(ctx, name, src, true, began) })
}

// start reads a cohort under the baseline, then compares it under the
// scenario.
func (c *cohortPage) start(ctx app.Context, name string, src cohortSource, synthetic bool, began time.Time) {
	c.lc, c.res = nil, nil
	c.gen++
	holdCohort(c.ctx, &c.run, c.sc.v.baseline, name, src, synthetic, func(ctx app.Context, lc *loadedCohort) {
		c.show(ctx, lc, began)
	})
}

// show compares a held cohort under the page's scenario. A cohort held under
// another baseline is read again under this one.
func (c *cohortPage) show(ctx app.Context, lc *loadedCohort, began time.Time) {
	v := c.sc.v
	if lc.held.Baseline() != v.baseline {
		if !c.run.running {
			c.start(ctx, lc.name, lc.src, lc.synthetic, began)
		}
		return
	}
	c.lc, c.res = lc, nil
	scen := v.policy
	if len(v.changes) == 0 {
		scen = v.baseline // the published policy alone: nothing to evaluate again
	}
	if scen == nil {
		return // the scenario has a mistake: its errors are shown, and no figure
	}
	c.gen++
	gen := c.gen
	c.comparing = true
	compareCohort(c.ctx, lc, scen, func() bool { return c.gen == gen }, func(ctx app.Context, res comparison) {
		c.res, c.comparing = &res, false
		c.elapsed = time.Since(began)
	})
}

// onExport saves the scenario's result for each child as CSV, made in the
// browser from the file, read again in the background.
func (c *cohortPage) onExport(ctx app.Context, e app.Event) {
	lc, scen := c.lc, c.sc.v.policy
	if lc == nil || scen == nil {
		return
	}
	c.ctx.Async(func() {
		var b bytes.Buffer
		w, err := engine.NewResultWriter(&b)
		if err != nil {
			return
		}
		engine.EvaluateCohort(scen, lc.name, lc.src.open(nil), func(row engine.Row, r *engine.Result) error {
			return w.Write(row, r)
		})
		w.Flush()
		c.ctx.Dispatch(func(ctx app.Context) { save("cohort-results.csv", "text/csv", b.String()) })
	})
}

func (c *cohortPage) onExportSummary(ctx app.Context, e app.Event) {
	save("cohort-summary.csv", "text/csv", summaryCSV(c.res.cmp))
}

func (c *cohortPage) onPrint(ctx app.Context, e app.Event) { app.Window().Call("print") }

// save offers text as a file to download, made in the browser.
func save(name, kind, text string) {
	blob := app.Window().Get("Blob").New([]any{text}, map[string]any{"type": kind})
	href := app.Window().Get("URL").Call("createObjectURL", blob)
	a := app.Window().Get("document").Call("createElement", "a")
	a.Set("href", href)
	a.Set("download", name)
	a.Call("click")
	app.Window().Get("URL").Call("revokeObjectURL", href)
}

// summaryCSV is the comparison's figures, a row each, baseline and scenario.
func summaryCSV(cmp *engine.Comparison) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"figure", "baseline", "scenario"})
	for _, f := range figures(cmp) {
		w.Write([]string{engine.SafeCell(f.label), engine.SafeCell(f.a), engine.SafeCell(f.b)})
	}
	w.Flush()
	return b.String()
}

type figure struct{ label, a, b string }

// figures are the summary contract's figures, and the further ones, for both.
func figures(cmp *engine.Comparison) []figure {
	a, b := cmp.Baseline, cmp.Scenario
	n := func(label string, x, y int) figure { return figure{label, itoa(x), itoa(y)} }
	m := func(label string, x, y engine.Money) figure {
		return figure{label, engine.FormatMoney(x), engine.FormatMoney(y)}
	}
	fs := []figure{
		n("Children", a.Children, b.Children),
		n("Rows with errors", a.RejectedRows, b.RejectedRows),
		n("Eligible", a.Eligible, b.Eligible),
		m("Total allocation", a.TotalAllocation, b.TotalAllocation),
		n("With a current cost", a.WithCurrentCost, b.WithCurrentCost),
		m("Total base cost", a.TotalBaseCost, b.TotalBaseCost),
		n("Higher than now", a.Higher, b.Higher),
		n("Lower than now", a.Lower, b.Lower),
		n("Unchanged", a.Unchanged, b.Unchanged),
		n("To moderation", a.ModerationFlagged, b.ModerationFlagged),
	}
	for i, g := range a.Groups {
		if i < len(b.Groups) {
			label := "Transition group " + g.Name
			if i < len(a.Policy.Transition.Groups) && a.Policy.Transition.Groups[i].ID == g.Name {
				label += ": " + lower(a.Policy.Transition.Groups[i].Label)
			}
			fs = append(fs, n(label, g.Count, b.Groups[i].Count))
		}
	}
	for i, s := range a.ModerationByStep {
		if i < len(b.ModerationByStep) {
			fs = append(fs, n("Moderation at the step at "+s.Name, s.Count, b.ModerationByStep[i].Count))
		}
	}
	spend := map[string]engine.Money{}
	for _, y := range b.SpendByYear {
		spend[y.Label()] = y.Spend
	}
	for _, y := range a.SpendByYear {
		fs = append(fs, m("Spend "+y.Label(), y.Spend, spend[y.Label()]))
	}
	if a.Budget != nil && b.Budget != nil {
		fs = append(fs, m(a.Budget.Budget.Label+": spend", a.Budget.Spend, b.Budget.Spend),
			m(a.Budget.Budget.Label+": left (negative: over)", a.Budget.Left, b.Budget.Left))
	}
	return fs
}

func (c *cohortPage) Render() app.UI {
	v := c.sc.v
	if v.baseline == nil {
		return shell("/cohort", app.H1().Text("A whole cohort"))
	}
	lead := "See what " + v.baseline.Name + " does to a whole cohort of children: who gains, who loses, and the cost against the budget. Change the rules on the scenario page to compare."
	if len(v.changes) > 0 {
		lead = "See what " + v.baseline.Name + " does to a whole cohort of children, and what a scenario with " + plural(len(v.changes), "change") + " would change: who gains, who loses, and the cost against the budget."
	}
	return shell("/cohort",
		app.H1().Text("A whole cohort"),
		app.P().Class("lead").Text(lead),
		app.P().Body(
			app.Text("Change the rules on the "),
			app.A().Href(link("/scenario")+"#"+c.sc.fragment()).Text("scenario page"),
			app.Text("; this page follows the link."),
		),
		app.If(len(v.errs) > 0, func() app.UI { return scenarioErrors(v.errs, false) }),
		app.Div().Class("form-group no-print").Body(
			app.Label().For("cohort-file").Class("label").Text("A cohort file (CSV) on this device"),
			app.Div().ID("cohort-file-hint").Class("hint").Text("It is read here, in your browser, and never uploaded anywhere. One child a row, with the columns id, score, age or date_of_birth, and optionally assessed_on, current_cost, includes_contingency and allocation."),
			app.If(c.run.err != "", func() app.UI {
				return app.P().ID("cohort-file-error").Class("error-message").Body(app.Span().Class("visually-hidden").Text("Error: "), app.Text(c.run.err))
			}),
			app.Input().Type("file").ID("cohort-file").Accept(".csv,text/csv").Aria("describedby", describedBy("cohort-file-hint", c.run.err != "", "cohort-file-error")).OnChange(c.onFile),
		),
		app.Div().Class("no-print").Body(
			app.Button().Type("button").Class("button secondary").ID("demo-cohort").Text("Use the demonstration cohort (synthetic)").OnClick(c.onDemo),
			app.P().Class("hint").Text("153 invented children whose counts match those the Trafford report publishes for its modelling (EIA, section C1): no real child's data."),
		),
		progressView("cohort-progress", &c.run),
		app.If(c.comparing, func() app.UI {
			return app.P().Class("muted").Role("status").Text("Comparing " + itoa(c.lc.held.Rows()) + " rows under the scenario…")
		}),
		c.results(),
	)
}

func (c *cohortPage) results() app.UI {
	if c.lc != nil && c.res == nil && !c.comparing && len(c.sc.v.errs) > 0 {
		return app.P().ID("cohort-held").Class("inset").Role("status").Text(
			"Read " + plural(c.lc.held.Rows(), "row") + " of " + cohortTitle(c.lc) + ". The scenario has a mistake, so no figure is shown from it: put it right on the scenario page.")
	}
	if c.res == nil || c.lc == nil {
		return nil
	}
	cmp, lc := c.res.cmp, c.lc
	v := c.sc.v
	rows := []app.UI{}
	for _, f := range figures(cmp) {
		cls := "num"
		if f.a != f.b {
			cls += " differs"
		}
		rows = append(rows, app.Tr().Body(app.Th().Scope("row").Text(f.label), app.Td().Class("num").Text(f.a), app.Td().Class(cls).Text(f.b)))
	}
	title := "Cohort: " + cohortTitle(lc)
	if c.sc.v.policy != nil && c.sc.v.policy.Prices.Illustrative {
		title += ", scenario with illustrative prices (not the council's)"
	}
	var errItems []app.UI
	rowErrs, rowErrN := append(append([]string(nil), lc.rowErrs...), c.res.rowErrs...), lc.rowErrN+c.res.rowErrN
	if len(rowErrs) > maxRowErrors {
		rowErrs = rowErrs[:maxRowErrors]
	}
	for _, e := range rowErrs {
		errItems = append(errItems, app.Li().Text(e))
	}
	return app.Section().ID("cohort-results").Class("section").Aria("labelledby", "cohort-title").
		Attr("data-elapsed-ms", c.elapsed.Milliseconds()).Body(
		app.H2().ID("cohort-title").Class("h2").Text(title),
		app.P().Class("print-only").Text("Policy: "+v.baseline.Name+". "+changesLine(v.changes)+" Worked out by OpenRAS on "+today()+"."),
		app.Div().Class("live").Aria("live", "polite").Body(app.P().Class("headline").Body(
			app.Text(itoa(cmp.Baseline.Children)+" children: total allocation "),
			app.Strong().Text(engine.FormatMoney(cmp.Baseline.TotalAllocation)),
			app.If(len(v.changes) > 0, func() app.UI {
				return app.Span().Body(app.Text(" now, "), app.Strong().Text(engine.FormatMoney(cmp.Scenario.TotalAllocation)), app.Text(" under the scenario"))
			}),
			app.Text("."),
		)),
		app.If(rowErrN > 0, func() app.UI {
			return app.Div().Class("inset").Body(
				app.P().Text(plural(rowErrN, "row")+" with mistakes, left out of every figure:"),
				app.Ul().Class("list").Body(errItems...),
				app.If(rowErrN > len(rowErrs), func() app.UI { return app.P().Text("…and " + itoa(rowErrN-len(rowErrs)) + " more.") }),
			)
		}),
		tableWrap("The figures under each", app.Table().Class("table").Body(
			app.Caption().Class("caption").Text("The figures under each"),
			app.THead().Body(app.Tr().Body(app.Th().Scope("col").Text("Figure"), app.Th().Scope("col").Class("num").Text("Published policy"), app.Th().Scope("col").Class("num").Text("Scenario"))),
			app.TBody().Body(rows...),
		)),
		publishedFigures(v.baseline),
		gainsView(cmp),
		app.Div().Class("charts").Body(
			app.Figure().Class("figure").Body(
				app.FigCaption().Class("caption").Text("Spend by financial year through the transition: published (dark) and scenario (light)"),
				app.Raw(spendSVG(cmp)),
			),
			app.Figure().Class("figure").Body(
				app.FigCaption().Class("caption").Text("Children by annual budget, in bands of £2,000: published (dark) and scenario (light)"),
				app.Raw(distributionSVG(cmp)),
			),
		),
		app.Div().Class("actions no-print").Body(
			app.Button().Type("button").Class("button secondary").Text("Download each child's result (CSV)").OnClick(c.onExport),
			app.Button().Type("button").Class("button secondary").Text("Download the summary (CSV)").OnClick(c.onExportSummary),
			app.Button().Type("button").Class("button secondary").Text("Print the summary").OnClick(c.onPrint),
		),
	)
}

func changesLine(changes []engine.Change) string {
	if len(changes) == 0 {
		return "No changes."
	}
	var parts []string
	for _, c := range changes {
		parts = append(parts, c.Path+": "+orNone(typedOf(c.Was))+" → "+orNone(typedOf(c.Value)))
	}
	return "Scenario: " + strings.Join(parts, "; ") + "."
}

func today() string {
	t := time.Now()
	return engine.MustDate(t.Year(), t.Month(), t.Day()).Long()
}

func gainsView(cmp *engine.Comparison) app.UI {
	var rows []app.UI
	for _, b := range cmp.Changed {
		rows = append(rows, app.Tr().Body(
			app.Th().Scope("row").Text(b.Band.Label),
			app.Td().Class("num").Text(itoa(b.Gain)),
			app.Td().Class("num").Text(itoa(b.Lose)),
			app.Td().Class("num").Text(itoa(b.Same)),
			app.Td().Class("num").Text(engine.FormatMoney(b.GainAmount)),
			app.Td().Class("num").Text(engine.FormatMoney(b.LoseAmount)),
		))
	}
	return tableWrap("Who gains and who loses",
		app.Table().Class("table").Body(
			app.Caption().Class("caption").Text("Who gains and who loses under the scenario, by age band"),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Age band"), app.Th().Scope("col").Class("num").Text("Gain"),
				app.Th().Scope("col").Class("num").Text("Lose"), app.Th().Scope("col").Class("num").Text("Same"),
				app.Th().Scope("col").Class("num").Text("Gained"), app.Th().Scope("col").Class("num").Text("Lost"),
			)),
			app.TBody().Body(rows...),
		),
		app.Raw(gainsSVG(cmp)),
	)
}

// publishedFigures are the figures the policy's report publishes about the
// children it modelled, to set beside a cohort's.
func publishedFigures(p *engine.Policy) app.UI {
	if p.Cohort == nil || len(p.Cohort.Figures) == 0 {
		return nil
	}
	rows := make([]app.UI, len(p.Cohort.Figures))
	for i, f := range p.Cohort.Figures {
		rows[i] = app.Tr().Body(app.Th().Scope("row").Text(f.Label), app.Td().Class("num").Text(f.Value))
	}
	return app.Details().Class("details").Body(
		app.Summary().Class("details-summary").Text("The figures "+p.Name+"'s report publishes, to compare"),
		app.P().Class("hint").Text("From "+p.Source.Title+", "+p.Cohort.Source+". The report's children are not this cohort, unless it is the demonstration cohort made to match them."),
		tableWrap("The report's figures", app.Table().Class("table").Body(
			app.Caption().Class("caption").Text("What the report publishes about the children it modelled"),
			app.TBody().Body(rows...),
		)),
	)
}
