package main

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/openras/openras/engine"
	"github.com/openras/openras/wasm/scenario"
)

// councilTools are the councillor's tools on the scenario and cohort pages
// (docs/rules.md, "Fitting and calibrating"): fit the rates to a budget,
// derive them from the cohort's current costs, and keep a scenario as the
// baseline of the next. The model is package scenario's; this is the view.
type councilTools struct {
	form     scenario.FitForm
	budgetOK bool // the budget field has been offered its default
	fit      *scenario.FitResult
	fitErr   string
	fitTook  time.Duration
	cal      *scenario.Calibrated
	calErr   string
	calTook  time.Duration
	calRuns  bool // the rates are being derived
	keepName string
	keepErr  string
}

// keepView offers to keep the scenario as the baseline of the next, or says
// which is kept.
func (t *councilTools) keepView(sc *scenario.Scenario, changed func()) app.UI {
	if k := sc.Kept(); k != nil {
		return app.Div().ID("kept").Class("inset").Body(
			app.P().Body(app.Text("Compared with "), app.Strong().Text(k.Name), app.Text(", kept as the baseline ("+plural(len(k.Changes), "change")+" to the published policy). Change a value to compare the next scenario with it.")),
			app.Button().Type("button").Class("link-button").ID("drop-kept").Text("Compare with the published policy again").OnClick(func(ctx app.Context, e app.Event) {
				sc.DropKept()
				changed()
			}),
		)
	}
	f := field{id: "keep-name", label: "Name of the baseline", hint: "Default: " + scenario.DefaultKeptName + ".", err: t.keepErr}
	return app.Div().ID("keep").Class("keep no-print").Body(
		govukField(f, govukTextInput(f, t.keepName, "", "w10").Attr("maxlength", scenario.MaxKeptName).Attr("placeholder", scenario.DefaultKeptName).
			OnInput(func(ctx app.Context, e app.Event) { t.keepName = ctx.JSSrc().Get("value").String() })),
		app.Button().Type("button").Class("button secondary").ID("keep-baseline").Text("Keep this scenario as the baseline").
			OnClick(func(ctx app.Context, e app.Event) {
				if err := sc.Keep(t.keepName); err != nil {
					t.keepErr = err.Error()
					return
				}
				t.keepErr = ""
				changed()
			}),
	)
}

// view is the fit and the calibration, once a cohort is held.
func (t *councilTools) view(sc *scenario.Scenario, lc *scenario.Cohort, changed func()) app.UI {
	if lc == nil || lc.Held == nil || sc.Baseline == nil {
		return nil
	}
	start, startErr := sc.FitStart()
	if !t.budgetOK {
		t.budgetOK = true
		if sc.Baseline.Budget != nil {
			t.form.Budget = engine.FormatMoney(sc.Baseline.Budget.Amount)
		}
		if t.form.Vary == "" {
			t.form.Vary = scenario.VaryAll
		}
	}
	body := []app.UI{
		app.H2().ID("fit-title").Class("h2").Text("Fit to a budget"),
		app.P().Text("Scale the rates you choose by one factor, the largest (in steps of 0.0001) that keeps " + lc.Title() + "'s total allocation a year within the budget. " +
			"It fits the annual total, not a year's spend: transition protection makes a year's spend rise and fall as the rates change, so no one factor would hold it to a budget."),
	}
	if startErr != nil {
		body = append(body, app.P().Class("muted").ID("fit-unavailable").Text("No fit: "+startErr.Error()+"."))
		return app.Section().ID("fit").Class("section council-tools").Aria("labelledby", "fit-title").Body(body...)
	}
	bf := field{id: "fit-budget", label: "Budget for the total allocation a year, £"}
	if b := sc.Baseline.Budget; b != nil {
		bf.hint = "The report's budget: " + b.Label + ", " + engine.FormatMoney(b.Amount) + "."
	}
	var cols, rows []app.UI
	for _, b := range start.Scores.Bands {
		if b.Basis != engine.BasisNone {
			if t.form.Column == "" {
				t.form.Column = b.ID
			}
			cols = append(cols, selectedIf(app.Option().Value(b.ID).Text(b.Label), t.form.Column == b.ID))
		}
	}
	for _, a := range start.Age.Bands {
		if t.form.Row == "" {
			t.form.Row = a.ID
		}
		rows = append(rows, selectedIf(app.Option().Value(a.ID).Text(a.Label), t.form.Row == a.ID))
	}
	vary := func(v string) app.EventHandler {
		return func(ctx app.Context, e app.Event) { t.form.Vary = v }
	}
	body = append(body,
		govukField(bf, govukTextInput(bf, t.form.Budget, "decimal", "w10").OnInput(func(ctx app.Context, e app.Event) {
			t.form.Budget = ctx.JSSrc().Get("value").String()
		})),
		govukRadios("fit-vary", "What may vary", "", []radio{
			{value: scenario.VaryAll, label: "Every rate", checked: t.form.Vary == scenario.VaryAll, onChange: vary(scenario.VaryAll)},
			{value: scenario.VaryColumn, label: "One score band (a column)", checked: t.form.Vary == scenario.VaryColumn, onChange: vary(scenario.VaryColumn)},
			{value: scenario.VaryRow, label: "One age band (a row)", checked: t.form.Vary == scenario.VaryRow, onChange: vary(scenario.VaryRow)},
			{value: scenario.VaryChosen, label: "Cells I choose", checked: t.form.Vary == scenario.VaryChosen, onChange: vary(scenario.VaryChosen)},
		}),
		app.If(t.form.Vary == scenario.VaryColumn, func() app.UI {
			return app.Div().Class("form-group").Body(app.Label().For("fit-column").Class("label").Text("Score band"),
				app.Select().ID("fit-column").Class("select").Body(cols...).OnChange(func(ctx app.Context, e app.Event) { t.form.Column = ctx.JSSrc().Get("value").String() }))
		}),
		app.If(t.form.Vary == scenario.VaryRow, func() app.UI {
			return app.Div().Class("form-group").Body(app.Label().For("fit-row").Class("label").Text("Age band"),
				app.Select().ID("fit-row").Class("select").Body(rows...).OnChange(func(ctx app.Context, e app.Event) { t.form.Row = ctx.JSSrc().Get("value").String() }))
		}),
		app.If(t.form.Vary == scenario.VaryChosen, func() app.UI { return t.cellChoices(start) }),
		app.Button().Type("button").Class("button").ID("fit-run").Text("Fit the rates to the budget").OnClick(func(ctx app.Context, e app.Event) {
			began := time.Now()
			r, err := sc.Fit(lc, t.form)
			if err == nil {
				r.Curve = r.CurvePoints()
			}
			t.fitTook = time.Since(began)
			if err != nil {
				t.fit, t.fitErr = nil, upperFirst(err.Error())+"."
				return
			}
			t.fit, t.fitErr = r, ""
			sc.SetRates(r.Changes)
			// The fit is shown first, in the frame after the click; the
			// cohort is compared under the fitted rates after it, as for
			// any change of a rate.
			ctx.Async(func() {
				waitForPaint()
				ctx.Dispatch(func(ctx app.Context) { changed() })
			})
		}),
		app.If(t.fitErr != "", func() app.UI {
			return app.P().ID("fit-error").Class("error-message").Role("alert").Text(t.fitErr)
		}),
		t.fitResult(),
	)
	return app.Section().ID("fit").Class("section council-tools").Aria("labelledby", "fit-title").Body(
		append(body, t.calView(sc, lc, start, changed))...)
}

// cellChoices are a checkbox for each priced cell of the rates table.
func (t *councilTools) cellChoices(p *engine.Policy) app.UI {
	if t.form.Cells == nil {
		t.form.Cells = map[string]bool{}
	}
	cells, _ := p.VaryCells(nil)
	items := make([]app.UI, len(cells))
	for i, c := range cells {
		path := p.CellPath(c)
		id := "fit-cell-" + strings.ReplaceAll(path, ".", "-")
		items[i] = app.Div().Class("checkbox").Body(
			checkedIf(app.Input().Type("checkbox").ID(id), t.form.Cells[path]).OnChange(func(ctx app.Context, e app.Event) {
				t.form.Cells[path] = ctx.JSSrc().Get("checked").Bool()
			}),
			app.Label().For(id).Class("checkbox-label").Text(p.Age.Bands[c.Age].Label+", "+p.Scores.Bands[c.Score].Label),
		)
	}
	return app.FieldSet().Class("fieldset fit-cells").Body(app.Legend().Class("legend").Text("The cells to vary"), app.Div().Body(items...))
}

// fitResult shows the fit made: the factor, the total against the budget,
// who gains and loses, the rates, and the total as the factor runs.
func (t *councilTools) fitResult() app.UI {
	r := t.fit
	if r == nil {
		return nil
	}
	var rows []app.UI
	for _, c := range r.Changes {
		rows = append(rows, app.Tr().Body(app.Td().Text(c.Path), app.Td().Class("num").Text(scenario.TypedOf(c.Was)), app.Td().Class("num changed-cell").Text(scenario.TypedOf(c.Value))))
	}
	ill := ""
	if r.Illustrative {
		ill = " The rates it started from are illustrative, not the council's: so is every figure here."
	}
	return app.Div().ID("fit-result").Class("fit-result").Attr("data-factor", r.Factor.String()).Attr("data-total", r.Total.StringFixed(2)).
		Attr("data-fit-ms", t.fitTook.Milliseconds()).Body(
		app.P().Class("headline").Body(
			app.Text("Factor "), app.Strong().ID("fit-factor").Text(r.Factor.String()), app.Text(": total allocation a year "),
			app.Strong().ID("fit-total").Text(engine.FormatMoney(r.Total)), app.Text(" against a budget of "+engine.FormatMoney(r.Budget)+", "),
			app.Strong().ID("fit-headroom").Text(engine.FormatMoney(r.Headroom)), app.Text(" to spare."),
		),
		app.P().Text(children(r.Gain)+" gain and "+children(r.Lose)+" lose against the rates before the fit. The new rates are now the scenario's: its table, link and download hold them."+ill),
		app.If(len(rows) > 0, func() app.UI {
			return tableWrap("The fitted rates", app.Table().Class("table").Body(
				app.Caption().Class("caption").Text("The fitted rates"),
				app.THead().Body(app.Tr().Body(app.Th().Scope("col").Text("Cell"), app.Th().Scope("col").Class("num").Text("Before"), app.Th().Scope("col").Class("num").Text("Fitted"))),
				app.TBody().Body(rows...),
			))
		}),
		app.If(len(r.Curve) > 0, func() app.UI {
			return app.Figure().Class("figure").Body(
				app.FigCaption().Class("caption").Text("The total allocation a year as the factor runs, with the budget (dashed) and the fitted factor (dot)"),
				app.Raw(fitSVG(r)),
			)
		}),
	)
}

// calView derives the rates from the cohort's current costs.
func (t *councilTools) calView(sc *scenario.Scenario, lc *scenario.Cohort, start *engine.Policy, changed func()) app.UI {
	body := []app.UI{
		app.H2().ID("calibrate-title").Class("h2").Text("Rates from current costs"),
		app.P().Text("Derive each rate from what the children of its cell cost now (those at or above the threshold, with a current cost and no allocation given): the rate that comes closest to their costs. The rates are derived from this cohort, not the council's published rates."),
		app.Button().Type("button").Class("button secondary").ID("calibrate-run").Text("Derive rates from this cohort's current costs").OnClick(func(ctx app.Context, e app.Event) {
			if t.calRuns {
				return
			}
			began := time.Now()
			run, err := sc.StartCalibration(lc)
			if err != nil {
				t.calTook = time.Since(began)
				t.cal, t.calErr = nil, upperFirst(err.Error())+"."
				return
			}
			t.calRuns = true
			// Every child with a current cost is worked out: in runs, with
			// the browser's turn between them, so that the page goes on
			// answering (100,000 children take most of a second).
			ctx.Async(func() {
				last := time.Now()
				for !run.Step(compareStep) {
					if time.Since(last) > turn {
						yieldToBrowser()
						last = time.Now()
					}
				}
				ctx.Dispatch(func(ctx app.Context) {
					t.calRuns, t.calTook = false, time.Since(began)
					if tabCohort != lc || !run.For(sc) {
						// The page answered meanwhile: a value or the
						// cohort changed, and these rates are the old ones'.
						t.cal, t.calErr = nil, "The scenario or the cohort changed while the rates were being derived: derive them again."
						return
					}
					cal := run.Result()
					t.cal, t.calErr = cal, ""
					sc.SetRates(cal.Changes)
					// The rates are shown first; the cohort is compared
					// under them after the frame that shows them.
					ctx.Async(func() {
						waitForPaint()
						ctx.Dispatch(func(ctx app.Context) { changed() })
					})
				})
			})
		}),
		app.If(t.calRuns, func() app.UI {
			return app.P().ID("calibrate-running").Class("hint").Role("status").Text("Deriving the rates from the children's current costs…")
		}),
		app.If(t.calErr != "", func() app.UI {
			return app.P().ID("calibrate-error").Class("error-message").Role("alert").Text(t.calErr)
		}),
	}
	if cal := t.cal; cal != nil {
		rows := make([]app.UI, len(cal.Cells))
		for i, c := range cal.Cells {
			to, fit := cal.Start.FormatCell(c.Cell, c.To), engine.FormatMoney(c.MeanAbsoluteDifference)
			if c.Kept() {
				to, fit = "kept: no child", "–"
			}
			rows[i] = app.Tr().Body(app.Td().Text(c.Path), app.Td().Class("num").Text(cal.Start.FormatCell(c.Cell, c.From)),
				app.Td().Class("num changed-cell").Text(to), app.Td().Class("num").Text(itoa(c.Children)), app.Td().Class("num").Text(fit))
		}
		label := "Derived from " + lc.Title() + ", not the council's published rates."
		if cal.Illustrative || lc.Synthetic {
			label += " Illustrative: "
			if cal.Illustrative {
				label += "they start from illustrative prices; "
			}
			if lc.Synthetic {
				label += "the cohort is synthetic; "
			}
			label = strings.TrimSuffix(label, "; ") + "."
		}
		body = append(body, app.Div().ID("calibrate-result").Attr("data-calibrate-ms", t.calTook.Milliseconds()).Body(
			app.Div().Class("warning").Role("note").Text(label+" They are now the scenario's rates."),
			app.P().Class("hint").Text("Fit, £: how closely each rate fits its children, the mean absolute difference between their allocation and their cost."),
			tableWrap("Rates derived from current costs", app.Table().Class("table").Body(
				app.Caption().Class("caption").Text("Rates derived from current costs"),
				app.THead().Body(app.Tr().Body(app.Th().Scope("col").Text("Cell"), app.Th().Scope("col").Class("num").Text("Before"),
					app.Th().Scope("col").Class("num").Text("Derived"), app.Th().Scope("col").Class("num").Text("Children"), app.Th().Scope("col").Class("num").Text("Fit, £"))),
				app.TBody().Body(rows...),
			)),
		))
	}
	return app.Div().ID("calibrate").Body(body...)
}

// fitSVG draws the total allocation a year as the factor runs from 0.5 to
// 1.5, the budget as a dashed line and the fitted factor as a dot where it
// is within the range drawn.
func fitSVG(r *scenario.FitResult) string {
	top := r.Budget.InexactFloat64()
	for _, p := range r.Curve {
		top = max(top, p.Total.InexactFloat64())
	}
	sc := newScale(top, true)
	f := frame{left: axisLabelsLeft(sc.labels)}
	lo, hi := r.Curve[0].Factor.InexactFloat64(), r.Curve[len(r.Curve)-1].Factor.InexactFloat64()
	var ticks []tick
	for v := math.Ceil(lo*4) / 4; v <= hi+1e-9; v += 0.25 {
		ticks = append(ticks, tick{x: f.left + f.width()*(v-lo)/(hi-lo), text: fmt.Sprintf("%g", v), left: f.left})
	}
	tr, nrows := placeTicks(ticks)
	f.bottom = bottomFor(nrows)
	x := func(v float64) float64 { return f.left + f.width()*(v-lo)/(hi-lo) }
	y := func(v float64) float64 { return padT + f.height()*(1-v/sc.top) }
	var b strings.Builder
	const id = "fit-chart"
	desc := fmt.Sprintf("From %s at factor %s to %s at factor %s; the budget is %s; the fitted factor %s gives %s.",
		engine.FormatMoney(r.Curve[0].Total), r.Curve[0].Factor, engine.FormatMoney(r.Curve[len(r.Curve)-1].Total), r.Curve[len(r.Curve)-1].Factor, engine.FormatMoney(r.Budget), r.Factor, engine.FormatMoney(r.Total))
	fmt.Fprintf(&b, svgOpen, chartW, chartH, id, id)
	fmt.Fprintf(&b, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, "Total allocation a year by factor", id, escapeHTML(desc))
	valueAxis(&b, f, sc)
	by := y(r.Budget.InexactFloat64())
	fmt.Fprintf(&b, `<line class="step budget-line" x1="%.1f" y1="%.1f" x2="%d" y2="%.1f"/>`, f.left, by, chartW-padR, by)
	b.WriteString(`<polyline class="line" points="`)
	for i, p := range r.Curve {
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%.1f,%.1f", x(p.Factor.InexactFloat64()), y(p.Total.InexactFloat64()))
	}
	b.WriteString(`"/>`)
	if fv := r.Factor.InexactFloat64(); fv >= lo && fv <= hi {
		fmt.Fprintf(&b, `<circle class="dot" cx="%.1f" cy="%.1f" r="6"/>`, x(fv), y(r.Total.InexactFloat64()))
	}
	drawTicks(&b, ticks, tr, f.bottom)
	b.WriteString(`</svg>`)
	return b.String()
}

// upperFirst is s with its first letter upper-case, to open a sentence.
func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
