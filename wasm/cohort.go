package main

import (
	"slices"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/openras/openras/engine"
	"github.com/openras/openras/wasm/scenario"
)

// cohortPage is where a councillor sees what a policy, or a scenario, does
// to a whole cohort: the figures of the summary under each, who gains and
// who loses by age band, spend by financial year and the spread of budgets.
// The file is read in the browser and never leaves it; it is held while the
// tab is open, so the scenario page compares each change with it too.
type cohortPage struct {
	app.Compo
	sc        scenario.Scenario // the baseline and the scenario, from the link
	run       cohortRead
	lc        *scenario.Cohort
	runs      scenario.Runs          // the comparison under the scenario, from choosing the file or changing the scenario to its figures
	exportErr string                 // why a download could not be made
	changes   *scenario.ChildChanges // the children the scenario changes most, once asked for
	changesOf *scenario.Comparison   // the comparison changes was made for
	changeErr string                 // why the children's changes could not be listed
	sortBy    string                 // how the children's changes are sorted: "gain", "loss" or "line"
	page      app.Context            // the page's own, for the work that outlasts an event
	tools     councilTools           // fit to a budget, rates from costs, a baseline kept
}

func (c *cohortPage) OnMount(ctx app.Context) { c.page = ctx }

func (c *cohortPage) OnPreRender(ctx app.Context) { c.load(ctx) }
func (c *cohortPage) OnNav(ctx app.Context) {
	c.page = ctx
	c.load(ctx)
	warmUp(ctx, c.sc.Baseline)
}

func (c *cohortPage) load(ctx app.Context) {
	ctx.Page().SetTitle("A whole cohort – OpenRAS")
	ctx.Page().SetDescription("See what a council's policy, or a change to it, does to a whole cohort of children: totals, who gains and who loses, spend by year.")
	c.sc.ReadLink(pageFragment(ctx), published, examplePolicy())
	if tabCohort != nil {
		c.show(tabCohort, time.Now())
	}
}

// onFile reads a cohort file chosen on the device, in the browser.
func (c *cohortPage) onFile(ctx app.Context, e app.Event) {
	began := time.Now()
	readFile(ctx.JSSrc(), ctx, &c.run, func(ctx app.Context, name string, src scenario.Source) { c.start(name, src, false, began) })
	if c.run.err != "" {
		// Refused: the figures of the cohort before are not this file's.
		c.lc, c.runs.Result, tabCohort = nil, nil, nil
	}
}

// onDemo loads the synthetic demonstration cohort served with the site.
func (c *cohortPage) onDemo(ctx app.Context, e app.Event) {
	began := time.Now()
	fetchDemo(ctx, func(ctx app.Context, name string, src scenario.Source) { c.start(name, src, true, began) })
}

// start reads a cohort under the baseline, then compares it under the
// scenario, in the background on the page's own context.
func (c *cohortPage) start(name string, src scenario.Source, synthetic bool, began time.Time) {
	c.lc, c.runs.Result, c.exportErr = nil, nil, ""
	c.runs.Stop()
	holdCohort(c.page, &c.run, c.sc.From(), name, src, synthetic, func(ctx app.Context, lc *scenario.Cohort) {
		c.show(lc, began)
	})
}

// show compares a held cohort under the page's scenario. A cohort held under
// another baseline is read again under this one.
func (c *cohortPage) show(lc *scenario.Cohort, began time.Time) {
	if !lc.HeldUnder(c.sc.From()) {
		if !c.run.running {
			c.start(lc.Name, lc.Src, lc.Synthetic, began)
		}
		return
	}
	c.lc, c.runs.Result = lc, nil
	scen := c.sc.Compared()
	if scen == nil {
		return // the scenario has a mistake: its errors are shown, and no figure
	}
	compareCohort(c.page, lc, scen, &c.runs, began)
}

// onExport saves the scenario's result for each child as CSV, made in the
// browser from the file, read again in the background. A file that cannot
// be read to its end, or written, is not offered half made: the page says
// why, and nothing is downloaded.
func (c *cohortPage) onExport(ctx app.Context, e app.Event) {
	lc, scen := c.lc, c.sc.Policy
	if lc == nil || scen == nil {
		return
	}
	c.exportErr = ""
	ctx.Async(func() {
		text, err := lc.ResultsCSV(scen)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				c.exportErr = "Each child's result could not be made into a file, so none was downloaded: " + scenario.FileMessage(err)
				return
			}
			save("cohort-results.csv", "text/csv", text)
		})
	})
}

func (c *cohortPage) onExportSummary(ctx app.Context, e app.Event) {
	t := time.Now()
	text, err := scenario.SummaryCSV(c.runs.Result.Cmp, c.sc.Changes, engine.MustDate(t.Year(), t.Month(), t.Day()))
	if err != nil {
		c.exportErr = "The summary could not be made into a file, so none was downloaded: " + err.Error()
		return
	}
	c.exportErr = ""
	save("cohort-summary.csv", "text/csv", text)
}

func (c *cohortPage) onPrint(ctx app.Context, e app.Event) { app.Window().Call("print") }

// onChildChanges lists the children whose allocation the scenario changes
// most, the file read again in the background.
func (c *cohortPage) onChildChanges(ctx app.Context, e app.Event) {
	lc, scen, res := c.lc, c.sc.Policy, c.runs.Result
	if lc == nil || scen == nil || res == nil {
		return
	}
	c.changeErr = ""
	ctx.Async(func() {
		ch, err := lc.Changes(scen)
		ctx.Dispatch(func(ctx app.Context) {
			if err != nil {
				c.changeErr = "The children's changes could not be listed: " + scenario.FileMessage(err)
				return
			}
			c.changes, c.changesOf = &ch, res
		})
	})
}

func (c *cohortPage) onSort(ctx app.Context, e app.Event) {
	c.sortBy = ctx.JSSrc().Get("value").String()
}

// chartData is the link under a chart to download the data it draws.
func chartData(d scenario.ChartData) app.UI {
	return app.P().Class("chart-data no-print").Body(
		app.Button().Type("button").Class("link-button").Attr("data-file", d.File).Text("Download this chart's data (CSV)").
			OnClick(func(ctx app.Context, e app.Event) { save(d.File, "text/csv", d.CSV()) }),
	)
}

func (c *cohortPage) Render() app.UI {
	v := &c.sc
	if v.Baseline == nil {
		return shell("/cohort", app.H1().Text("A whole cohort"))
	}
	lead := "See what " + v.Baseline.Name + " does to a whole cohort of children: who gains, who loses, and the cost against the budget. Change the rules on the scenario page to compare."
	if len(v.Changes) > 0 {
		lead = "See what " + v.Baseline.Name + " does to a whole cohort of children, and what a scenario with " + plural(len(v.Changes), "change") + " would change: who gains, who loses, and the cost against the budget."
	}
	return shell("/cohort",
		app.H1().Text("A whole cohort"),
		app.P().Class("lead").Text(lead),
		app.P().Body(
			app.Text("Change the rules on the "),
			app.A().Href(link("/scenario")+"#"+c.sc.Link()).Text("scenario page"),
			app.Text("; this page follows the link."),
		),
		linkProblems(v.LinkErrs),
		app.If(len(v.Errs) > 0, func() app.UI { return scenarioErrors(v.Errs, false) }),
		func() app.UI {
			f := field{id: "cohort-file", label: "A cohort file (CSV) on this device", err: c.run.err,
				hint: "It is read here, in your browser, and never uploaded anywhere. One child a row, with the columns id, score, age or date_of_birth, and optionally assessed_on, current_cost, includes_contingency and allocation."}
			return govukFieldLook(f, look{group: "no-print"}, app.Input().Type("file").ID(f.id).Accept(".csv,text/csv").Aria("describedby", f.describedBy()).OnChange(c.onFile))
		}(),
		app.Div().Class("no-print").Body(
			app.Button().Type("button").Class("button secondary").ID("demo-cohort").Text("Use the demonstration cohort (synthetic)").OnClick(c.onDemo),
			app.P().Class("hint").Text("153 invented children whose counts match those the Trafford report publishes for its modelling (EIA, section C1): no real child's data."),
		),
		progressView("cohort-progress", &c.run),
		app.If(c.runs.Busy, func() app.UI {
			return app.P().Class("muted").Role("status").Text("Comparing " + itoa(c.lc.Held.Rows()) + " rows under the scenario…")
		}),
		c.results(),
		c.tools.view(&c.sc, c.lc, c.toolsChanged),
	)
}

// toolsChanged follows a fit, a calibration or a baseline kept: the link
// holds the scenario, and the cohort is compared under it again.
func (c *cohortPage) toolsChanged() {
	replaceLink(c.sc.Link())
	if c.lc != nil {
		c.show(c.lc, time.Now())
	}
}

func (c *cohortPage) results() app.UI {
	if c.lc != nil && c.runs.Result == nil && !c.runs.Busy && len(c.sc.Errs) > 0 {
		return app.P().ID("cohort-held").Class("inset").Role("status").Text(
			"Read " + plural(c.lc.Held.Rows(), "row") + " of " + c.lc.Title() + ". The scenario has a mistake, so no figure is shown from it: put it right on the scenario page.")
	}
	if c.runs.Result == nil || c.lc == nil {
		return nil
	}
	cmp, lc := c.runs.Result.Cmp, c.lc
	v := &c.sc
	rows := []app.UI{}
	scenSet := len(v.Changes) > 0
	for _, f := range scenario.Figures(cmp) {
		cls := "num"
		if f.Baseline != f.Scenario {
			cls += " differs"
		}
		cells := []app.UI{app.Th().Scope("row").Text(f.Label), app.Td().Class("num").Text(f.Baseline)}
		if scenSet {
			cells = append(cells, app.Td().Class(cls).Text(f.Scenario))
		}
		rows = append(rows, app.Tr().Body(cells...))
	}
	figHead := []app.UI{app.Th().Scope("col").Text("Figure"), app.Th().Scope("col").Class("num").Text(map[bool]string{true: "Published policy", false: v.FromName()}[v.Kept() == nil])}
	if scenSet {
		figHead = append(figHead, app.Th().Scope("col").Class("num").Text("Scenario"))
	}
	title := "Cohort: " + lc.Title()
	if c.sc.Policy != nil && c.sc.Policy.Prices.Illustrative {
		title += ", scenario with illustrative prices (not the council's)"
	}
	var errItems []app.UI
	rowErrs, rowErrN := append(append([]string(nil), lc.RowErrs...), c.runs.Result.RowErrs...), lc.RowErrN+c.runs.Result.RowErrN
	if len(rowErrs) > scenario.MaxRowErrors {
		rowErrs = rowErrs[:scenario.MaxRowErrors]
	}
	for _, e := range rowErrs {
		errItems = append(errItems, app.Li().Text(e))
	}
	return app.Section().ID("cohort-results").Class("section").Aria("labelledby", "cohort-title").
		Attr("data-elapsed-ms", c.runs.Took.Milliseconds()).Body(
		app.H2().ID("cohort-title").Class("h2").Text(title),
		app.P().Class("sentence").ID("cohort-sentence").Text(v.Sentence(cmp)),
		c.tools.keepView(v, c.toolsChanged),
		app.P().Class("print-only").Text("Policy: "+v.Baseline.Name+". "+changesLine(v.Changes)+" Worked out by OpenRAS on "+today()+"."),
		app.Div().Class("live").Aria("live", "polite").Body(app.P().Class("headline").Body(
			app.Text(itoa(cmp.Baseline.Children)+" children: total allocation "),
			app.Strong().Text(engine.FormatMoney(cmp.Baseline.TotalAllocation)),
			app.If(len(v.Changes) > 0, func() app.UI {
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
		app.If(len(cmp.Warnings) > 0, func() app.UI {
			// The reader's warnings, as the command line gives them.
			items := make([]app.UI, len(cmp.Warnings))
			for i, w := range cmp.Warnings {
				items[i] = app.Li().Text(w)
			}
			return app.Div().ID("cohort-warnings").Class("inset").Body(
				app.P().Text("Columns of the file read otherwise than written, or ignored:"),
				app.Ul().Class("list").Body(items...),
			)
		}),
		tableWrap("The figures under each", app.Table().Class("table").Body(
			app.Caption().Class("caption").Text("The figures under each"),
			app.THead().Body(app.Tr().Body(figHead...)),
			app.TBody().Body(rows...),
		)),
		app.If(!scenSet, func() app.UI {
			return app.P().ID("no-scenario").Class("inset").Text("No scenario set: these are the published policy's figures. Change a rate or rule on the scenario page to see what it would change.")
		}),
		publishedFigures(v.Baseline),
		app.If(scenSet, func() app.UI { return gainsView(cmp) }),
		app.If(scenSet, func() app.UI { return scoreGainsView(cmp) }),
		app.If(scenSet, func() app.UI { return moderationChangeView(cmp) }),
		app.If(scenSet, func() app.UI {
			return app.Div().Class("charts").Body(
				app.Figure().Class("figure").ID("change-age-figure").Body(
					app.FigCaption().Class("caption").Text("The change in allocation, scenario less published, by age band: above the line a rise, below it a fall"),
					app.Raw(changeSVG(cmp, false)),
					chartData(scenario.AgeChangeData(cmp)),
				),
				app.Figure().Class("figure").ID("change-score-figure").Body(
					app.FigCaption().Class("caption").Text("The change in allocation, scenario less published, by score band"),
					app.Raw(changeSVG(cmp, true)),
					chartData(scenario.ScoreChangeData(cmp)),
				),
			)
		}),
		app.If(scenSet, func() app.UI { return c.childChangesView() }),
		app.Div().Class("charts").Body(
			app.Figure().Class("figure").ID("spend-figure").Body(
				app.FigCaption().Class("caption").Text(map[bool]string{true: "Spend by financial year through the transition: published (dark) and scenario (light)", false: "Spend by financial year through the transition"}[scenSet]+
					map[bool]string{true: ", against the budget (the line)", false: ""}[cmp.Baseline.Budget != nil]),
				app.Raw(spendSVG(cmp)),
				app.P().Class("hint").ID("spend-how").Text("How spend by year is worked out: each child's annual amount is counted for the days of the financial year (1 April to 31 March) it applies, from the assessment date through each change of the transition, and nothing from the child's 18th birthday."),
				chartData(scenario.SpendData(cmp)),
			),
			app.Figure().Class("figure").ID("distribution-figure").Body(
				app.FigCaption().Class("caption").Text("Children by annual budget, in bands of £2,000"+map[bool]string{true: ": published (dark) and scenario (light)", false: ""}[scenSet]),
				app.Raw(distributionSVG(cmp)),
				chartData(scenario.DistributionData(cmp)),
			),
		),
		app.Div().Class("actions no-print").Body(
			app.Button().Type("button").Class("button secondary").Text("Download each child's result (CSV)").OnClick(c.onExport),
			app.P().Class("hint").Text("Each child's allocation under the published policy and the scenario and the difference, in columns published_allocation, scenario_allocation and difference. The summary's file opens with the policy, the scenario's changes and the date, then a row a figure; amounts are numbers, without £ or commas."),
			app.Button().Type("button").Class("button secondary").Text("Download the summary (CSV)").OnClick(c.onExportSummary),
			app.Button().Type("button").Class("button secondary").Text("Print the summary").OnClick(c.onPrint),
			app.If(c.exportErr != "", func() app.UI {
				return app.P().ID("export-error").Class("error-message").Role("alert").Text(c.exportErr)
			}),
		),
	)
}

func changesLine(changes []engine.Change) string {
	if len(changes) == 0 {
		return "No changes."
	}
	var parts []string
	for _, c := range changes {
		parts = append(parts, c.Path+": "+orNone(scenario.TypedOf(c.Was))+" → "+orNone(scenario.TypedOf(c.Value)))
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
		chartData(scenario.AgeChangeData(cmp)),
	)
}

// scoreGainsView is who gains and who loses by score band.
func scoreGainsView(cmp *engine.Comparison) app.UI {
	var rows []app.UI
	for _, b := range cmp.ByScoreBand {
		rows = append(rows, app.Tr().Body(
			app.Th().Scope("row").Text(b.Label()),
			app.Td().Class("num").Text(itoa(b.Gain)),
			app.Td().Class("num").Text(itoa(b.Lose)),
			app.Td().Class("num").Text(itoa(b.Same)),
			app.Td().Class("num").Text(engine.FormatMoney(b.GainAmount)),
			app.Td().Class("num").Text(engine.FormatMoney(b.LoseAmount)),
			app.Td().Class("num").Text(signedMoney(b.TotalChange)),
		))
	}
	return tableWrap("Who gains and who loses, by score band",
		app.Table().Class("table").ID("score-gains").Body(
			app.Caption().Class("caption").Text("Who gains and who loses under the scenario, by score band"),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Score band"), app.Th().Scope("col").Class("num").Text("Gain"),
				app.Th().Scope("col").Class("num").Text("Lose"), app.Th().Scope("col").Class("num").Text("Same"),
				app.Th().Scope("col").Class("num").Text("Gained"), app.Th().Scope("col").Class("num").Text("Lost"),
				app.Th().Scope("col").Class("num").Text("Change"),
			)),
			app.TBody().Body(rows...),
		),
	)
}

// moderationChangeView is the change in children sent to moderation, step by step.
func moderationChangeView(cmp *engine.Comparison) app.UI {
	steps := cmp.ModerationChange()
	if len(steps) == 0 {
		return nil
	}
	var rows []app.UI
	for _, st := range steps {
		rows = append(rows, app.Tr().Body(
			app.Th().Scope("row").Text("The step at "+st.Step),
			app.Td().Class("num").Text(itoa(st.Baseline)),
			app.Td().Class("num").Text(itoa(st.Scenario)),
			app.Td().Class("num").Text(signedCount(st.Scenario-st.Baseline)),
		))
	}
	return tableWrap("Children sent to moderation, by step",
		app.Table().Class("table").ID("moderation-change").Body(
			app.Caption().Class("caption").Text("Children sent to moderation, by step"),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Step"), app.Th().Scope("col").Class("num").Text("Published policy"),
				app.Th().Scope("col").Class("num").Text("Scenario"), app.Th().Scope("col").Class("num").Text("Change"),
			)),
			app.TBody().Body(rows...),
		),
		chartData(scenario.ModerationData(cmp)),
	)
}

func signedCount(n int) string {
	switch {
	case n > 0:
		return "+" + itoa(n)
	case n < 0:
		return "−" + itoa(-n)
	}
	return "0"
}

// childChangesView lists the children whose allocation the scenario changes
// most, once asked for, sorted as chosen.
func (c *cohortPage) childChangesView() app.UI {
	ch := c.changes
	if c.changesOf != c.runs.Result {
		ch = nil // made for an earlier scenario
	}
	body := []app.UI{
		app.H3().Class("h3").ID("child-changes-title").Text("Child by child"),
	}
	if ch == nil {
		body = append(body,
			app.Button().Type("button").Class("button secondary no-print").ID("show-child-changes").Text("Show the children whose allocation changes most").OnClick(c.onChildChanges),
			app.If(c.changeErr != "", func() app.UI { return app.P().Class("error-message").Role("alert").Text(c.changeErr) }),
		)
		return app.Div().Class("section").ID("child-changes").Body(body...)
	}
	list := append(append([]scenario.ChildChange(nil), ch.Gains...), ch.Losses...)
	switch c.sortBy {
	case "loss":
		list = append(append([]scenario.ChildChange(nil), ch.Losses...), ch.Gains...)
	case "line":
		slices.SortFunc(list, func(a, b scenario.ChildChange) int { return a.Line - b.Line })
	}
	var rows []app.UI
	for _, x := range list {
		rows = append(rows, app.Tr().Body(
			app.Td().Class("num").Text(itoa(x.Line)),
			app.Th().Scope("row").Text(x.ID),
			app.Td().Text(x.AgeBand),
			app.Td().Text(x.ScoreBand),
			app.Td().Class("num").Text(engine.FormatMoney(x.Published)),
			app.Td().Class("num").Text(engine.FormatMoney(x.Scenario)),
			app.Td().Class("num").Text(signedMoney(x.Diff)),
		))
	}
	note := itoa(ch.Gain) + " children gain, " + itoa(ch.Lose) + " lose and " + itoa(ch.Same) + " are unchanged."
	if ch.Gain > len(ch.Gains) || ch.Lose > len(ch.Losses) {
		note += " Shown: the " + itoa(len(ch.Gains)) + " largest gains and the " + itoa(len(ch.Losses)) + " largest losses; every child is in the file of each child's result."
	}
	opt := func(value, label string) app.UI {
		return app.Option().Value(value).Selected(c.sortBy == value || (c.sortBy == "" && value == "gain")).Text(label)
	}
	body = append(body,
		app.P().ID("child-changes-note").Text(note),
		app.Div().Class("form-group no-print").Body(
			app.Label().Class("label").For("child-sort").Text("Sort by"),
			app.Select().Class("select").ID("child-sort").OnChange(c.onSort).Body(
				opt("gain", "Difference, largest gain first"),
				opt("loss", "Difference, largest loss first"),
				opt("line", "Line of the file"),
			),
		),
		tableWrap("Child by child", app.Table().Class("table").ID("child-changes-table").Body(
			app.Caption().Class("caption").Text("Each child's allocation under the published policy and the scenario"),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Class("num").Text("Line"), app.Th().Scope("col").Text("Id"),
				app.Th().Scope("col").Text("Age band"), app.Th().Scope("col").Text("Score band"),
				app.Th().Scope("col").Class("num").Text("Published"), app.Th().Scope("col").Class("num").Text("Scenario"),
				app.Th().Scope("col").Class("num").Text("Difference"),
			)),
			app.TBody().Body(rows...),
		)),
	)
	return app.Div().Class("section").ID("child-changes").Body(body...)
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
