package main

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/openras/openras/engine"
)

// methodology is the published method of one policy, drawn from its policy
// file: who is in scope, the rates table as the report prints it, a chart of
// the budget by score for each age band, moderation, the transition groups,
// notice and reviews, the figures the report publishes, and every Decision.
// Every value names the section of the report it comes from, which is served
// with the site.
type methodology struct {
	app.Compo
	id string
}

func (m *methodology) OnPreRender(ctx app.Context) { m.title(ctx) }
func (m *methodology) OnNav(ctx app.Context)       { m.title(ctx) }

// title names the page, and takes its policy from the address: go-app keeps
// the component when the visitor goes from one methodology page to another.
func (m *methodology) title(ctx app.Context) {
	path := strings.TrimPrefix(ctx.Page().URL().Path, strings.TrimRight(app.Getenv("GOAPP_ROOT_PREFIX"), "/"))
	if id := strings.TrimPrefix(path, "/methodology/"); id != path && shipped.policy(id) != nil {
		m.id = id
	}
	if p := shipped.policy(m.id); p != nil {
		ctx.Page().SetTitle("How " + p.Name + " works out a personal budget – OpenRAS")
		ctx.Page().SetDescription("The rules of " + p.Council + "'s Resource Allocation System for children, from its report of " + p.Source.Date.Long() + ", with each figure's source.")
	}
}

func (m *methodology) Render() app.UI {
	p := shipped.policy(m.id)
	if p == nil {
		return shell(methodologyPath(m.id), app.H1().Text("Policy not found"))
	}
	return shell(methodologyPath(m.id),
		app.H1().Text("How "+p.Name+" works out a personal budget"),
		app.P().Class("lead").Body(
			app.Text(p.Council+", "+p.Source.Body+", "+p.Source.Date.Long()+": “"+p.Source.Title+"”. "),
			app.A().Href(link(reportPath(p.ID))).Text("Read the report"),
			app.Text(". In effect from "+p.EffectiveFrom.Long()+"."),
		),
		scopeSection(p),
		ratesSection(p),
		moderationSection(p),
		transitionSection(p),
		processSection(p),
		figuresSection(p),
		examplesSection(p),
		notesSection(p),
		decisionsSection(p),
	)
}

func section(id, title string, body ...app.UI) app.UI {
	return app.Section().Class("section").Aria("labelledby", id).Body(
		append([]app.UI{app.H2().ID(id).Class("h2").Text(title)}, body...)...,
	)
}

func scopeSection(p *engine.Policy) app.UI {
	items := make([]app.UI, len(p.Age.Bands))
	for i, b := range p.Age.Bands {
		items[i] = app.Li().Text(b.Label + ": ages " + itoa(b.From) + " to " + itoa(b.To))
	}
	return section("scope", "Who is in scope",
		// The policy's message says who is in scope ("children under 18"),
		// so the page does not say it again.
		app.P().Body(app.Text(p.Age.OutOfScopeMessage+" Age is counted in whole years on the date of assessment."), cite(p, p.Age.Source)),
		app.Ul().Class("list").Body(items...),
	)
}

func ratesSection(p *engine.Policy) app.UI {
	if !p.Prices.Published || p.Scores == nil {
		return section("rates", "The budget", app.P().Body(app.Text(p.Prices.UnpublishedMessage), cite(p, p.Prices.Source)))
	}
	head := []app.UI{app.Th().Scope("col").Text("Age band")}
	for _, b := range p.Scores.Bands {
		label := b.Label
		switch b.Basis {
		case engine.BasisFixed:
			label += " (fixed offer)"
		}
		head = append(head, app.Th().Scope("col").Class("num").Text(label))
	}
	var rows []app.UI
	for ai, a := range p.Age.Bands {
		cells := []app.UI{app.Th().Scope("row").Text(a.Label)}
		for si, b := range p.Scores.Bands {
			cells = append(cells, app.Td().Class("num").Body(rateCell(p, ai, si, b)))
		}
		rows = append(rows, app.Tr().Body(cells...))
	}
	var charts []app.UI
	for ai, a := range p.Age.Bands {
		charts = append(charts, app.Figure().Class("figure").Body(
			app.FigCaption().Class("caption").Text("Annual budget by score, age band "+a.Label+". Shaded: the moderation zones around each step."),
			app.Raw(budgetSVG(p, ai)),
		))
	}
	return section("rates", "The rates",
		app.P().Body(
			app.Text("A score under "+itoa(p.Scores.Threshold)+" gets no personal budget from this model. "),
			app.Text("The fixed offers are in "+p.Prices.FixedUnit+"; the other rates are in "+p.Prices.PerPointUnit+", so a year's budget is score × rate × "+itoa(p.Prices.WeeksPerYear)+" weeks."),
			cite(p, p.Prices.Source),
		),
		tableWrap("The rates",
			app.Table().Class("table").Body(
				app.Caption().Class("caption").Text("The financial model, as the report prints it, with each per-point rate's value a year"),
				app.THead().Body(app.Tr().Body(head...)),
				app.TBody().Body(rows...),
			),
		),
		app.Div().Class("charts").Body(charts...),
	)
}

func rateCell(p *engine.Policy, ai, si int, b engine.ScoreBand) app.UI {
	rate := p.Rate(ai, si)
	switch b.Basis {
	case engine.BasisNone:
		return app.Text("none")
	case engine.BasisFixed:
		return app.Text(engine.FormatMoney(rate))
	}
	year := p.AnnualRate(ai, si)
	return app.Span().Body(
		app.Text(engine.FormatMoney(rate)),
		app.Span().Class("derived").Text(" ("+engine.FormatMoney(year)+" a point a year)"),
	)
}

func moderationSection(p *engine.Policy) app.UI {
	m := p.Moderation
	if m == nil {
		return nil
	}
	steps := make([]string, len(m.Steps))
	for i, s := range m.Steps {
		steps[i] = itoa(s)
	}
	within := "within"
	if m.Inclusive {
		within = "no more than"
	}
	return section("moderation", "Moderation",
		app.P().Body(
			app.Text("The model rises in steps at "+strings.Join(steps, ", ")+". A score "+within+" "+itoa(m.Window)+" points from a step goes to a moderation panel, which checks which side of the step the child's needs fall: scores "+strings.Join(zoneRanges(m), ", ")+"."),
			cite(p, m.Source),
		),
	)
}

// zoneRanges writes the moderation zone of each step, as the engine
// computes it: 250–270.
func zoneRanges(m *engine.Moderation) []string {
	zones := make([]string, len(m.Steps))
	for i, s := range m.Steps {
		lo, hi := m.Zone(s)
		zones[i] = itoa(lo) + "–" + itoa(hi)
	}
	return zones
}

func transitionSection(p *engine.Policy) app.UI {
	t := p.Transition
	var rows []app.UI
	for _, g := range t.Groups {
		rows = append(rows, app.Tr().Body(
			app.Th().Scope("row").Text(g.ID),
			app.Td().Text(g.Label),
			app.Td().Text(groupRule(p, g)),
		))
	}
	body := []app.UI{
		app.P().Body(app.Text("A family with a current package moves to the new budget by the difference between the two (the base cost less the allocation), to the penny."), cite(p, t.Source)),
		tableWrap("Transition groups", app.Table().Class("table").Body(
			app.Caption().Class("caption").Text("Transition groups"),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Group"),
				app.Th().Scope("col").Text("Who"),
				app.Th().Scope("col").Text("What happens"),
			)),
			app.TBody().Body(rows...),
		)),
	}
	if c := t.Contingency; c != nil {
		body = append(body, app.P().Body(app.Text("Where the current amount includes the "+c.Rate.Shift(2).String()+"% contingency, it is taken out first: the base cost is the amount ÷ "+c.Rate.Add(decimalInt(1)).String()+"."), cite(p, c.Source)))
	}
	if t.SupersedeOnAgeBandChange {
		body = append(body, app.P().Body(app.Text("A birthday into a new age band before the last stage brings the new band's allocation for the same score at once, and the transition ends there; so does a new assessment after a significant change in need."), cite(p, t.SupersedeSource)))
	}
	return section("transition", "Moving from a current package", body...)
}

func groupRule(p *engine.Policy, g engine.Group) string {
	switch g.Effect {
	case engine.EffectImmediate:
		return "The allocation, from the date the support plan is agreed."
	case engine.EffectAfterNotice:
		return "The current cost continues for " + itoa(p.Notice.Months) + " months' notice, then the allocation."
	}
	fr := make([]string, len(g.Fractions))
	for i, f := range g.Fractions {
		fr[i] = f.Text
	}
	when := ""
	if g.StageDates != nil {
		ds := make([]string, len(g.StageDates))
		for i, d := range g.StageDates {
			ds[i] = d.Long()
		}
		when = "on " + strings.Join(ds, ", ")
	} else {
		ms := make([]string, len(g.StageMonths))
		for i, m := range g.StageMonths {
			ms[i] = itoa(m)
		}
		when = strings.Join(ms, ", ") + " months after the plan date"
	}
	return "The base cost until the first stage, then lower by " + strings.Join(fr, ", ") + " of the difference " + when + "; the allocation alone from the last."
}

func processSection(p *engine.Policy) app.UI {
	var items []app.UI
	if n := p.Notice; n != nil {
		items = append(items, app.Li().Body(app.Text(itoa(n.Months)+" months' notice before a lower budget takes effect."), cite(p, n.Source)))
	}
	if r := p.Reviews; r != nil {
		ms := make([]string, len(r.Months))
		for i, m := range r.Months {
			ms[i] = itoa(m)
		}
		items = append(items, app.Li().Body(app.Text("Reviews "+strings.Join(ms, " and ")+" months after the decision."), cite(p, r.Source)))
	}
	if p.ImplementationMonths > 0 {
		items = append(items, app.Li().Body(app.Text("Existing packages are reviewed over "+itoa(p.ImplementationMonths)+" months from "+p.EffectiveFrom.Long()+"."), cite(p, p.ImplementationSrc)))
	}
	if b := p.Budget; b != nil {
		items = append(items, app.Li().Body(app.Text(b.Label+": "+engine.FormatMoney(b.Amount)+"."), cite(p, b.Source)))
	}
	if len(items) == 0 {
		return nil
	}
	return section("process", "Notice, reviews and budget", app.Ul().Class("list").Body(items...))
}

func figuresSection(p *engine.Policy) app.UI {
	c := p.Cohort
	if c == nil {
		return nil
	}
	rows := make([]app.UI, len(c.Figures))
	for i, f := range c.Figures {
		v := f.Value
		if strings.Contains(v, ".") {
			if m, err := engine.ParseAmount(v); err == nil {
				v = engine.FormatMoney(m)
			}
		}
		rows[i] = summaryRow(f.Label, app.Text(v))
	}
	return section("figures", "Figures the report publishes",
		app.P().Body(app.Text("The children the policy was modelled on."), cite(p, c.Source)),
		app.Dl().Class("summary").Body(rows...),
	)
}

// examplesSection shows the report's worked examples: each figure the report
// prints beside the engine's figure for the same inputs, worked out as the
// page is drawn, with any that differ marked.
func examplesSection(p *engine.Policy) app.UI {
	if len(p.Examples) == 0 {
		return nil
	}
	body := []app.UI{app.P().Text("Each figure the report prints in its worked examples, beside the figure OpenRAS works out for the same case. A figure that differs is marked.")}
	for i, w := range p.Examples {
		body = append(body, exampleCheck(p, w, "example-"+itoa(i+1)))
	}
	return section("examples", "The report's worked examples", body...)
}

func exampleCheck(p *engine.Policy, w engine.WorkedExample, id string) app.UI {
	head := app.H3().ID(id).Class("h3").Body(app.Text(w.Title), cite(p, w.Source))
	checks, err := w.Check(p)
	if err != nil {
		return app.Div().Class("worked-example").Body(head, app.P().Text(w.Summary),
			app.P().Class("warning").Text("OpenRAS cannot work this example out: "+err.Error()))
	}
	rows := make([]app.UI, len(checks))
	differ := 0
	for i, c := range checks {
		engineCell := app.Td().Class("num").Text(c.Engine)
		if !c.Agrees {
			differ++
			engineCell = app.Td().Class("num differs").Body(app.Text(c.Engine), app.Strong().Class("mismatch").Text(" differs"))
		}
		rows[i] = app.Tr().Body(
			app.Th().Scope("row").Text(c.Label),
			app.Td().Class("num").Text(c.Printed),
			engineCell,
		)
	}
	verdict := "OpenRAS works out every figure the report prints."
	if differ > 0 {
		verdict = plural(differ, "figure") + " the report prints " + isAre(differ) + " not what OpenRAS works out: marked below."
	}
	return app.Div().Class("worked-example").Body(
		head,
		app.P().Text(w.Summary),
		app.If(w.Inputs != "", func() app.UI { return app.P().Class("hint").Text(w.Inputs) }),
		app.P().Class("verdict").Text(verdict),
		tableWrap(w.Title, app.Table().Class("table").Body(
			app.Caption().Class("caption").Text(w.Title+": the report's figures and OpenRAS's"),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Figure"),
				app.Th().Scope("col").Class("num").Text("The report prints"),
				app.Th().Scope("col").Class("num").Text("OpenRAS works out"),
			)),
			app.TBody().Body(rows...),
		)),
	)
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func notesSection(p *engine.Policy) app.UI {
	if len(p.Notes) == 0 {
		return nil
	}
	return section("safeguards", "What the report says a family should know", notesList(p))
}

// decisionAnchor is the id of a Decision's item on the methodology page.
func decisionAnchor(id string) string { return "decision-" + id }

func decisionsSection(p *engine.Policy) app.UI {
	items := make([]app.UI, len(p.Decisions))
	for i, d := range p.Decisions {
		items[i] = app.Li().ID(decisionAnchor(d.ID)).Text(d.Wording)
	}
	return section("decisions", "Decisions",
		app.P().Text("Where the report is silent or ambiguous, OpenRAS takes a Decision, written in the policy file in these words so anyone can check it, and a councillor can change it."),
		app.Ol().Class("list").Body(items...),
	)
}
