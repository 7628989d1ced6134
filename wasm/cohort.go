package main

import (
	"bytes"
	"encoding/csv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/openras/openras/engine"
)

// maxCohortBytes bounds a cohort file the page reads: 500,000 children take
// about 25 MB, so a larger file is not a cohort and is refused before it is
// read.
const maxCohortBytes = 256 << 20

// demoCohort is the synthetic demonstration cohort, served with the site.
const demoCohort = "/web/demo-trafford-synthetic.csv"

// cohortPage is where a councillor sees what a policy, or a scenario, does
// to a whole cohort: the figures of the summary under each, who gains and
// who loses by age band, spend by financial year and the spread of budgets.
// The file is read in the browser and never leaves it.
type cohortPage struct {
	app.Compo
	sc        scenarioPage // the baseline and the scenario, from the link
	name      string
	text      string
	synthetic bool
	running   bool
	rows      int
	estimate  int
	fileErr   string
	rowErrs   []string
	rowErrN   int
	cmp       *engine.Comparison
	elapsed   time.Duration // from choosing the file to its summary
}

func (c *cohortPage) OnPreRender(ctx app.Context) { c.load(ctx) }
func (c *cohortPage) OnNav(ctx app.Context)       { c.load(ctx) }

func (c *cohortPage) load(ctx app.Context) {
	ctx.Page().SetTitle("A whole cohort – OpenRAS")
	ctx.Page().SetDescription("See what a council's policy, or a change to it, does to a whole cohort of children: totals, who gains and who loses, spend by year.")
	c.sc.fromFragment(ctx.Page().URL().Fragment)
}

// onFile reads a cohort file chosen on the device, in the browser.
func (c *cohortPage) onFile(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	f := files.Index(0)
	name := f.Get("name").String()
	if size := f.Get("size").Float(); size > maxCohortBytes {
		c.fileErr = name + " is " + megabytes(size) + ": a cohort file is at most 256 MB (500,000 children take about 25 MB). Is it the right file?"
		return
	}
	c.fileErr = ""
	began := time.Now()
	var done app.Func
	done = app.FuncOf(func(this app.Value, args []app.Value) any {
		text := args[0].String()
		ctx.Dispatch(func(ctx app.Context) { c.start(ctx, name, text, false, began) })
		done.Release()
		return nil
	})
	f.Call("text").Call("then", done)
}

func megabytes(size float64) string {
	return itoa(int(size/(1<<20))) + " MB"
}

// onDemo loads the synthetic demonstration cohort served with the site.
func (c *cohortPage) onDemo(ctx app.Context, e app.Event) {
	began := time.Now()
	var gotText, gotResponse app.Func
	gotText = app.FuncOf(func(this app.Value, args []app.Value) any {
		text := args[0].String()
		ctx.Dispatch(func(ctx app.Context) { c.start(ctx, "the demonstration cohort", text, true, began) })
		gotText.Release()
		return nil
	})
	gotResponse = app.FuncOf(func(this app.Value, args []app.Value) any {
		args[0].Call("text").Call("then", gotText)
		gotResponse.Release()
		return nil
	})
	app.Window().Call("fetch", ctx.ResolveStaticResource(demoCohort)).Call("then", gotResponse)
}

// start reads a cohort under the baseline and the scenario, a batch of rows
// at a time, giving the browser its turn between batches so the page keeps
// answering and the progress bar moves.
func (c *cohortPage) start(ctx app.Context, name, text string, synthetic bool, began time.Time) {
	base, scen := c.sc.v.baseline, c.sc.v.policy
	if len(c.sc.v.changes) == 0 {
		scen = base // the published policy alone: each row is evaluated once
	}
	if scen == nil {
		c.fileErr = "The scenario has a mistake, so no figure is shown from it: put it right on the scenario page."
		return
	}
	c.name, c.text, c.synthetic = name, text, synthetic
	c.running, c.rows, c.cmp, c.rowErrs, c.rowErrN, c.fileErr = true, 0, nil, nil, 0, ""
	c.estimate = strings.Count(text, "\n")
	ctx.Async(func() {
		rows := 0
		var errs []string
		errN := 0
		last := time.Now()
		cmp, err := engine.CompareCohort(base, scen, name, strings.NewReader(text), func(row engine.Row, a, b *engine.Result) error {
			rows++
			if row.Err != nil {
				errN++
				if len(errs) < 100 {
					errs = append(errs, row.Err.Error())
				}
			}
			// Reading the clock costs a call out to JavaScript: look at it
			// every 512 rows only.
			if rows%512 == 0 && time.Since(last) > 200*time.Millisecond {
				n := rows
				ctx.Dispatch(func(ctx app.Context) { c.rows = n })
				time.Sleep(time.Millisecond)
				last = time.Now()
			}
			return nil
		})
		ctx.Dispatch(func(ctx app.Context) {
			c.running, c.rows, c.rowErrs, c.rowErrN = false, rows, errs, errN
			c.elapsed = time.Since(began)
			if err != nil {
				c.fileErr = err.Error()
				return
			}
			c.cmp = cmp
		})
	})
}

// onExport saves the scenario's result for each child as CSV, made in the
// browser from the file already read.
func (c *cohortPage) onExport(ctx app.Context, e app.Event) {
	var b bytes.Buffer
	w, err := engine.NewResultWriter(&b)
	if err != nil {
		return
	}
	engine.EvaluateCohort(c.sc.v.policy, c.name, strings.NewReader(c.text), func(row engine.Row, r *engine.Result) error {
		return w.Write(row, r)
	})
	w.Flush()
	save("cohort-results.csv", "text/csv", b.String())
}

func (c *cohortPage) onExportSummary(ctx app.Context, e app.Event) {
	save("cohort-summary.csv", "text/csv", summaryCSV(c.cmp))
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
			fs = append(fs, n("Transition group "+g.Name, g.Count, b.Groups[i].Count))
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
	scenarioName := "the published policy"
	if len(v.changes) > 0 {
		scenarioName = "a scenario with " + plural(len(v.changes), "change")
	}
	return shell("/cohort",
		app.H1().Text("A whole cohort"),
		app.P().Class("lead").Text("See what "+v.baseline.Name+" does to a whole cohort of children, and what "+scenarioName+" would change: who gains, who loses, and the cost against the budget."),
		app.P().Body(
			app.Text("Change the rules on the "),
			app.A().Href(link("/scenario")+"#"+c.sc.fragment()).Text("scenario page"),
			app.Text("; this page follows the link."),
		),
		app.If(len(v.errs) > 0, func() app.UI { return scenarioErrors(v.errs) }),
		app.Div().Class("form-group no-print").Body(
			app.Label().For("cohort-file").Class("label").Text("A cohort file (CSV) on this device"),
			app.Div().ID("cohort-file-hint").Class("hint").Text("It is read here, in your browser, and never uploaded anywhere. One child a row, with the columns id, score, age or date_of_birth, and optionally assessed_on, current_cost, includes_contingency and allocation."),
			app.If(c.fileErr != "", func() app.UI {
				return app.P().ID("cohort-file-error").Class("error-message").Body(app.Span().Class("visually-hidden").Text("Error: "), app.Text(c.fileErr))
			}),
			app.Input().Type("file").ID("cohort-file").Accept(".csv,text/csv").Aria("describedby", "cohort-file-hint").OnChange(c.onFile),
		),
		app.Div().Class("no-print").Body(
			app.Button().Type("button").Class("button secondary").ID("demo-cohort").Text("Use the demonstration cohort (synthetic)").OnClick(c.onDemo),
			app.P().Class("hint").Text("153 invented children whose counts match those the Trafford report publishes for its modelling (EIA, section C1): no real child's data."),
		),
		c.progress(),
		c.results(),
	)
}

func (c *cohortPage) progress() app.UI {
	if !c.running {
		return nil
	}
	max := c.estimate
	if max < c.rows {
		max = c.rows
	}
	return app.Div().Class("progress-wrap").Body(
		app.Label().For("cohort-progress").Class("label").Text("Reading "+c.name+": "+itoa(c.rows)+" rows"),
		app.Progress().ID("cohort-progress").Max(max).Value(c.rows),
	)
}

func (c *cohortPage) results() app.UI {
	cmp := c.cmp
	if cmp == nil {
		return nil
	}
	v := c.sc.v
	rows := []app.UI{}
	for _, f := range figures(cmp) {
		cls := "num"
		if f.a != f.b {
			cls += " differs"
		}
		rows = append(rows, app.Tr().Body(app.Th().Scope("row").Text(f.label), app.Td().Class("num").Text(f.a), app.Td().Class(cls).Text(f.b)))
	}
	title := "Cohort: " + c.name
	if c.synthetic {
		title += " (synthetic)"
	}
	if c.sc.v.policy != nil && c.sc.v.policy.Prices.Illustrative {
		title += ", scenario with illustrative prices (not the council's)"
	}
	var errItems []app.UI
	for _, e := range c.rowErrs {
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
		app.If(c.rowErrN > 0, func() app.UI {
			return app.Div().Class("inset").Body(
				app.P().Text(plural(c.rowErrN, "row")+" with mistakes, left out of every figure:"),
				app.Ul().Class("list").Body(errItems...),
				app.If(c.rowErrN > len(c.rowErrs), func() app.UI { return app.P().Text("…and " + itoa(c.rowErrN-len(c.rowErrs)) + " more.") }),
			)
		}),
		tableWrap("The figures under each", app.Table().Class("table").Body(
			app.Caption().Class("caption").Text("The figures under each"),
			app.THead().Body(app.Tr().Body(app.Th().Scope("col").Text("Figure"), app.Th().Scope("col").Class("num").Text("Published policy"), app.Th().Scope("col").Class("num").Text("Scenario"))),
			app.TBody().Body(rows...),
		)),
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
