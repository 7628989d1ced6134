package main

import (
	"slices"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/openras/openras/engine"
)

func itoa(n int) string { return strconv.Itoa(n) }

// cite is a citation of a policy's report, linking to its text.
func cite(p *engine.Policy, section string) app.UI {
	if section == "" {
		return nil
	}
	return app.Span().Class("cite").Body(
		app.Text(" ("),
		app.A().Href(citeHref(p.ID, section)).Text(p.Name+", "+section),
		app.Text(")"),
	)
}

// resultView shows everything the engine worked out for the form: the
// comparison with the current cost and the actions come first, under the
// headline, so that on a phone they are not after the working.
func (c *calculator) resultView() app.UI {
	r := c.out.result
	return app.Div().Class("result").Body(
		resultWith(r, 2, nil, app.Div().Class("actions no-print").Body(
			app.Button().Type("button").Class("button secondary").Text("Copy a link to this result").OnClick(c.onCopy),
			app.Button().Type("button").Class("button secondary").Text("Print").OnClick(c.onPrint),
			app.P().Class("hint").Aria("live", "polite").Body(
				app.If(c.copied, func() app.UI { return app.Text("Link copied. It holds your answers, so share it with care.") }).
					Else(func() app.UI {
						return app.Text("The link holds your answers after the # sign, which browsers never send to a server.")
					}),
			),
		)),
		answersForPrint(c.form, r),
		&printReady{},
	)
}

// resultDetails shows a result, as resultWith does, with no actions.
// Its comparison with the current cost comes first.
func resultDetails(r *engine.Result, level int) app.UI {
	return resultWith(r, level, comparisonView(r.Transition), nil)
}

// resultWith shows a result: how it compares with the current cost, the
// actions (if any), the budget and the bands, moderation, the transition,
// notice and reviews, what the family can do next, what it means for them,
// and the explanation with citations, which opens and closes. level is the
// level of its heading: 2 where it is the page's own result, 3 inside the
// worked example, under the example's heading; its sections are a level
// below. compare is the comparison with the current cost, where it is not
// already in the headline above.
func resultWith(r *engine.Result, level int, compare, actions app.UI) app.UI {
	p := r.Policy
	rows := []app.UI{
		summaryRow("Policy", app.Text(p.Name+": "+p.Council+", "+p.Source.Date.Long())),
		summaryRow("Age band", app.Text(r.AgeBand.Label+" (age "+itoa(r.Age)+" on "+r.AssessedOn.Long()+")")),
	}
	if r.ScoreBand != nil {
		eligible := "at or above the threshold of " + itoa(p.Scores.Threshold)
		if !r.Eligible {
			eligible = "under the threshold of " + itoa(p.Scores.Threshold)
		}
		rows = append(rows, summaryRow("Score band", app.Text(r.ScoreBand.Label+": "+eligible)))
	}
	rows = append(rows, summaryRow("Indicative budget", app.Text(engine.FormatMoney(r.AnnualBudget())+" a year, "+engine.FormatMoney(r.Weekly())+" a week")))
	if r.Route != "" && p.Routes != nil {
		rows = append(rows, summaryRow("How it is managed", app.Text(p.Routes[r.Route])))
	}
	if r.Provision != nil {
		rows = append(rows, summaryRow("Indicative provision", app.Text(r.Provision.Label)))
	}
	return app.Div().Body(
		heading(level, "", "h2", "Your result"),
		compare,
		actions,
		app.If(p.Prices.Illustrative, func() app.UI {
			return app.Div().Class("warning").Text("Illustrative prices, not the council's: every figure here comes from prices supplied in a scenario.")
		}),
		app.If(!r.Eligible && r.ScoreBand != nil, func() app.UI {
			return app.Div().Class("inset").Text(p.Scores.BelowThresholdMessage)
		}),
		app.Dl().Class("summary").Body(rows...),
		moderationView(r, level+1),
		transitionView(r, level+1),
		noticeView(r, level+1),
		nextView(p, level+1),
		notesView(p, level+1),
		explanationView(r, level+1),
	)
}

// comparisonView says how the budget compares with what the family has now,
// in the engine's own figures: nothing when there is no current cost.
func comparisonView(t *engine.Plan) app.UI {
	if t == nil {
		return nil
	}
	change := engine.FormatMoney(t.Decrease()) + " a year less than now"
	switch t.Decrease().Sign() {
	case -1:
		change = engine.FormatMoney(t.Decrease().Neg()) + " a year more than now"
	case 0:
		change = "the same as now"
	}
	now := " (now " + engine.FormatMoney(t.BaseCost) + " a year)"
	if !t.Contingency.IsZero() {
		now = " (now " + engine.FormatMoney(t.BaseCost) + " a year, without the contingency of " + engine.FormatMoney(t.Contingency) + ")"
	}
	return app.P().Class("compare-now").Body(
		app.Strong().Text(upper(change)),
		app.Span().Class("compare-base").Text(now),
	)
}

// heading is a heading of level 2 to 4, with its id (if any) and the class
// that sizes it, so that a part of the page keeps its look wherever it sits
// in the outline.
func heading(level int, id, class, text string) app.UI {
	switch {
	case level <= 2:
		h := app.H2().Class(class).Text(text)
		if id != "" {
			h = h.ID(id)
		}
		return h
	case level == 3:
		h := app.H3().Class(class).Text(text)
		if id != "" {
			h = h.ID(id)
		}
		return h
	}
	h := app.H4().Class(class).Text(text)
	if id != "" {
		h = h.ID(id)
	}
	return h
}

func summaryRow(key string, value app.UI) app.UI {
	return app.Div().Class("summary-row").Body(
		app.Dt().Class("summary-key").Text(key),
		app.Dd().Class("summary-value").Body(value),
	)
}

func moderationView(r *engine.Result, level int) app.UI {
	p := r.Policy
	m := r.Moderation
	if p.Moderation == nil || r.Score == nil || !m.Flagged {
		return nil
	}
	below, above := r.Below(), r.Above()
	return app.Section().Class("section").Aria("labelledby", "moderation-title").Body(
		heading(level, "moderation-title", "h3", "Moderation"),
		app.P().Body(
			app.Text("A score of "+itoa(*r.Score)+" is within "+itoa(p.Moderation.Window)+" points of the step at "+itoa(m.Step)+
				" (scores "+itoa(m.ZoneFrom)+" to "+itoa(m.ZoneTo)+"), so a moderation panel looks at it again."),
			cite(p, p.Moderation.Source),
		),
		app.If(below.Priced && above.Priced, func() app.UI {
			return app.P().Text("The panel weighs which side of the step the child's needs fall: for age band " + r.AgeBand.Label +
				", a score of " + itoa(below.Score) + " gives " + engine.FormatMoney(below.Annual) + " a year, and " +
				itoa(above.Score) + " gives " + engine.FormatMoney(above.Annual) + ".")
		}),
		app.P().Class("hint").Text("Moderation is there because the model rises in steps: a few points either side of a step make a large difference, so professionals check that the score is right before the budget is set."),
	)
}

// timetableNote says, beside a staged schedule, which timetable it follows
// when the policy has two: the report's stage dates for a plan agreed in the
// implementation period, or the same timetable counted from the plan date
// for one agreed later (the Decision implementation-period).
func timetableNote(r *engine.Result) app.UI {
	t, tr := r.Transition, &r.Policy.Transition
	g := t.Group
	if g.Effect != engine.EffectStaged || g.StageDates == nil || g.StageMonths == nil || tr.ImplementationPeriod == nil || tr.Calendar(g, r.AssessedOn) {
		return nil
	}
	decision := ""
	for _, d := range r.Policy.Decisions {
		if slices.Contains(d.Governs, "transition.implementation_period") {
			decision = d.ID
		}
	}
	return app.P().ID("timetable-note").Body(
		app.Text("The report's stage dates have passed; the same timetable is counted from the plan date"),
		cite(r.Policy, tr.ImplementationPeriod.Source),
		app.If(decision != "", func() app.UI {
			return app.Span().Body(app.Text(": "),
				app.A().Href(link(methodologyPath(r.Policy.ID))+"#"+decisionAnchor(decision)).Text("the Decision on plans agreed later"))
		}),
		app.Text("."),
	)
}

func transitionView(r *engine.Result, level int) app.UI {
	t := r.Transition
	if t == nil {
		return nil
	}
	p := r.Policy
	rows := make([]app.UI, len(t.Schedule))
	for i, e := range t.Schedule {
		rows[i] = app.Tr().Body(
			app.Td().Class("nowrap").Text(e.From.Long()),
			app.Td().Class("num").Text(engine.FormatMoney(e.Amount())),
			app.Td().Text(e.Reason),
		)
	}
	change := "The budget is " + engine.FormatMoney(t.Decrease()) + " a year less than the current cost"
	switch t.Decrease().Sign() {
	case -1:
		change = "The budget is " + engine.FormatMoney(t.Decrease().Neg()) + " a year more than the current cost"
	case 0:
		change = "The budget is the same as the current cost"
	}
	return app.Section().Class("section").Aria("labelledby", "transition-title").Body(
		heading(level, "transition-title", "h3", "Moving from the current package"),
		app.P().Body(
			app.Text(change+" ("+engine.FormatMoney(t.BaseCost)+" a year"),
			app.If(!t.Contingency.IsZero(), func() app.UI {
				return app.Text(", after taking out the contingency of " + engine.FormatMoney(t.Contingency))
			}),
			app.Text("), so the child is in "+t.Group.Name()+" ("+lower(t.Group.Label)+")."),
			cite(p, p.Transition.Source),
		),
		tableWrap("The transition", app.Table().Class("table").Body(
			app.Caption().Class("caption").Text("The annual amount, and the date each change takes effect"),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("From"),
				app.Th().Scope("col").Class("num").Text("Annual amount"),
				app.Th().Scope("col").Text("Why"),
			)),
			app.TBody().Body(rows...),
		)),
		timetableNote(r),
		app.If(len(t.Schedule) > 1, func() app.UI { return app.Raw(timelineSVG(t)) }),
	)
}

func noticeView(r *engine.Result, level int) app.UI {
	p := r.Policy
	if r.Notice == nil && len(r.Reviews) == 0 {
		return nil
	}
	var items []app.UI
	if n := r.Notice; n != nil {
		items = append(items, app.Li().Body(
			app.Text("Notice of the lower budget is given on "+n.GivenOn.Long()+", with written reasons; the lower budget takes effect on "+n.TakesEffect.Long()+", "+itoa(n.Months)+" months later."),
			cite(p, p.Notice.Source),
		))
	}
	for i, d := range r.Reviews {
		items = append(items, app.Li().Body(app.Text("Review "+itoa(i+1)+": "+d.Long()+"."), cite(p, p.Reviews.Source)))
	}
	return app.Section().Class("section").Aria("labelledby", "dates-title").Body(
		heading(level, "dates-title", "h3", "Notice and reviews"),
		app.Ul().Class("list").Body(items...),
	)
}

// nextView says what the family can do next: what the report says about
// asking for a decision to be looked at again, each with its citation, and
// the routes open to every family in England, which are not the report's and
// are named in plain words, with no link: nothing here asks another site for
// anything.
func nextView(p *engine.Policy, level int) app.UI {
	var items []app.UI
	for _, n := range p.Notes {
		if n.NextStep {
			items = append(items, app.Li().Body(app.Text(n.Text), cite(p, n.Source)))
		}
	}
	return app.Section().Class("section next").Aria("labelledby", "next-title").Body(
		heading(level, "next-title", "h3", "What you can do next"),
		app.If(len(items) > 0, func() app.UI {
			return app.Div().Body(
				app.P().Text("What the report says:"),
				app.Ul().Class("list").Body(items...),
			)
		}),
		app.P().Text("Open to every family in England, whatever the report says:"),
		app.Ul().Class("list").Body(
			app.Li().Text("Your local SEND information, advice and support service (SENDIASS): free, impartial advice about special educational needs and disability, which every council in England must arrange."),
			app.Li().Text("Your area's parent carer forum: parents and carers of disabled children who work with the council on the services it provides."),
			app.Li().Text("The council's complaints procedure, for a decision or a service you are not happy with."),
		),
		app.P().Class("hint").Text("Your council's website names each of them. OpenRAS links to none, so nothing you do here is sent anywhere."),
	)
}

// notesView shows what the report says a family should know, apart from
// what they can do next, which nextView shows.
func notesView(p *engine.Policy, level int) app.UI {
	var items []app.UI
	for _, n := range p.Notes {
		if !n.NextStep {
			items = append(items, app.Li().Body(app.Text(n.Text), cite(p, n.Source)))
		}
	}
	if len(items) == 0 {
		return nil
	}
	return app.Section().Class("section").Aria("labelledby", "means-title").Body(
		heading(level, "means-title", "h3", "What this means for you"),
		app.Ul().Class("list").Body(items...),
	)
}

// notesList lists what a policy's report says a family should know, each
// with its citation.
func notesList(p *engine.Policy) app.UI {
	items := make([]app.UI, len(p.Notes))
	for i, n := range p.Notes {
		items[i] = app.Li().Body(app.Text(n.Text), cite(p, n.Source))
	}
	return app.Ul().Class("list").Body(items...)
}

// explanationView is the working, step by step, in a details element that
// opens and closes (the GOV.UK details component): closed at first, so the
// result and what to do next come before it on a phone, and opened for
// printing.
func explanationView(r *engine.Result, level int) app.UI {
	p := r.Policy
	steps := make([]app.UI, len(r.Explanation))
	for i, s := range r.Explanation {
		steps[i] = app.Li().Body(app.Text(s.Text), cite(p, s.Citation))
	}
	return app.Section().Class("section").Aria("labelledby", "how-title").Body(
		app.Details().Class("details working").Body(
			app.Summary().Class("details-summary").Body(heading(level, "how-title", "h3 summary-heading", "How this was worked out")),
			app.Div().Class("details-text").Body(
				app.Ol().Class("list steps").Body(steps...),
				app.P().Body(
					app.A().Href(link(methodologyPath(p.ID))).Text("All the rules of "+p.Name+", with the Decisions taken where the report is silent"),
				),
			),
		),
	)
}

// answersForPrint lists the answers, the policy and the date, shown only on
// paper so a printed result says what it was worked out from.
func answersForPrint(f form, r *engine.Result) app.UI {
	var rows []app.UI
	labels := map[string]string{
		engine.FieldScore: "Score", engine.FieldAllocation: "Allocation told", engine.FieldAge: "Age",
		engine.FieldDateOfBirth: "Date of birth", engine.FieldAssessedOn: "Date of assessment",
		engine.FieldCurrentCost: "Current annual cost", engine.FieldIncludesContingency: "Includes the contingency",
	}
	for _, fl := range fields {
		if v := *fl.get(&f); v != "" {
			rows = append(rows, summaryRow(labels[fl.name], app.Text(v)))
		}
	}
	p := r.Policy
	return app.Div().Class("print-only").Body(
		app.H3().Class("h3").Text("Worked out from"),
		app.Dl().Class("summary").Body(rows...),
		app.P().Text("Policy: "+p.Name+" ("+p.Council+", "+p.Source.Date.Long()+"), from the report “"+p.Source.Title+"” to the "+p.Source.Body+
			". These are the council's rules as published then, which it may have changed since."),
		app.P().Body(
			app.Text("Worked out by OpenRAS and printed on "),
			app.Span().Class("printed-on").Text(dateToday().Long()),
			app.Text(". An indicative figure: the council's assessment decides."),
		),
	)
}

// dateToday is the visitor's date, as the device's clock has it.
func dateToday() engine.Date {
	t := time.Now()
	return engine.MustDate(t.Year(), t.Month(), t.Day())
}

// printReady gets the page ready for paper, however printing starts (the
// Print button or the browser's menu): it opens the working, which the
// stylesheet alone cannot do in every browser, and dates the paper today;
// after printing, it closes again what it opened.
type printReady struct {
	app.Compo
	release func()
}

func (pr *printReady) OnMount(ctx app.Context) {
	w := app.Window()
	doc := w.Get("document")
	before := app.FuncOf(func(app.Value, []app.Value) any {
		closed := doc.Call("querySelectorAll", "details:not([open])")
		for i := 0; i < closed.Length(); i++ {
			d := closed.Index(i)
			d.Call("setAttribute", "data-opened-to-print", "")
			d.Set("open", true)
		}
		dates := doc.Call("querySelectorAll", ".printed-on")
		for i := 0; i < dates.Length(); i++ {
			dates.Index(i).Set("textContent", dateToday().Long())
		}
		return nil
	})
	after := app.FuncOf(func(app.Value, []app.Value) any {
		opened := doc.Call("querySelectorAll", "details[data-opened-to-print]")
		for i := 0; i < opened.Length(); i++ {
			d := opened.Index(i)
			d.Call("removeAttribute", "data-opened-to-print")
			d.Set("open", false)
		}
		return nil
	})
	w.Call("addEventListener", "beforeprint", before)
	w.Call("addEventListener", "afterprint", after)
	pr.release = func() {
		w.Call("removeEventListener", "beforeprint", before)
		w.Call("removeEventListener", "afterprint", after)
		before.Release()
		after.Release()
	}
}

func (pr *printReady) OnDismount() {
	if pr.release != nil {
		pr.release()
		pr.release = nil
	}
}

func (pr *printReady) Render() app.UI { return app.Span().Class("print-ready") }

// exampleView is shown until the form gives a result: the Trafford report's
// Example 3, worked out, so the page shows a real result before anything is
// typed (and before the program loads).
func (c *calculator) exampleView() app.UI {
	f := exampleForm()
	out := work(f)
	if out.result == nil {
		return nil
	}
	return app.Section().Class("example").Aria("labelledby", "example-title").Body(
		app.H2().ID("example-title").Class("h2").Text("A worked example"),
		app.P().Body(
			app.Text("Example 3 of the Trafford report (Appendix 1): a child of 12, born on 20 August 2000, scores 261 and has support costing £15,000 a year. "),
			app.A().Href(link("/")+"#"+f.fragment()).Class("no-print").Text("Try this example in the calculator").OnClick(c.onExample),
		),
		app.Div().Class("example-body").Body(
			app.P().Class("headline").Body(
				app.Span().Class("headline-label").Text("Indicative budget "),
				app.Strong().Class("amount").Text(engine.FormatMoney(out.result.AnnualBudget())+" a year"),
			),
			resultDetails(out.result, 3),
		),
	)
}

// upper puts the first letter of s in capitals.
func upper(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

func lower(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}
