package main

import (
	"slices"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/openras/openras/engine"
	wlink "github.com/openras/openras/wasm/link"
)

// calculator is the parent's page: a form for the score, the age and the
// current package, and the indicative budget with how it was worked out,
// updated as the visitor types. Its state lives in the link's fragment, which
// browsers never send to a server.
type calculator struct {
	app.Compo
	form form
	// submitted is set once the visitor asks for the result or opens a link
	// with values: from then on, empty required fields are errors too.
	submitted bool
	copied    bool
	out       outcome
	linkErrs  []*wlink.Problem // the parts of the link that could not be read
	// initFrag is the fragment OnInit read the form from, until the page's
	// first OnNav, which then need not read it again.
	initFrag *string
	// explainLater holds back how a link's result is worked out until the
	// page has been drawn once with the result itself (OnMount).
	explainLater bool
}

// examplePolicy is the policy a new visitor starts with: the first whose
// prices are published, so a score gives a budget.
func examplePolicy() string {
	for _, id := range policyIDs() {
		if shipped.about(id).Published {
			return id
		}
	}
	if ids := policyIDs(); len(ids) > 0 {
		return ids[0]
	}
	return ""
}

func (c *calculator) OnPreRender(ctx app.Context) {
	c.load(ctx)
}

// OnInit reads the form from the link in the browser before the page is
// first drawn, so that a link with values is drawn once, with its result,
// rather than first with the worked example, worked out and drawn only to
// be replaced at once: on a phone's first visit, that was time between the
// program's arrival and the family's answer.
func (c *calculator) OnInit() {
	if !app.IsClient {
		return
	}
	frag := clientFragment()
	c.form, c.linkErrs, c.submitted = readForm(frag)
	// The answer alone: how it is worked out is written once the page has
	// been drawn with it (OnMount).
	c.out = workFigures(c.form)
	c.initFrag = &frag
	c.explainLater = c.out.result != nil
}

// OnMount draws how a link's result is worked out once the browser has had
// its turn: the answer and the form come first, and a phone spends the time
// it takes to draw the rest, most of the page below the form, once the page
// can be used.
func (c *calculator) OnMount(ctx app.Context) {
	if c.explainLater {
		ctx.After(explainAfter, func(ctx app.Context) {
			c.out = work(c.form)
			c.explainLater = false
		})
	}
}

// explainAfter is about a frame: long enough for the browser to draw the
// page between the answer and its explanation.
const explainAfter = 16 * time.Millisecond

func (c *calculator) OnNav(ctx app.Context) {
	c.load(ctx)
}

// load reads the form from the link: a link with values shows its result, or
// its errors, straight away.
func (c *calculator) load(ctx app.Context) {
	ctx.Page().SetTitle("Personal budget calculator – OpenRAS")
	ctx.Page().SetDescription("Work out an indicative personal budget for a disabled child under a council's Resource Allocation System, and see how it is worked out.")
	frag := pageFragment(ctx)
	if init := c.initFrag; init != nil {
		c.initFrag = nil
		if *init == frag {
			// The page drawn from OnInit is the page of this link:
			// drawing it again would change nothing, and on a phone's
			// first visit it is time before the answer shows.
			c.syncInputs(ctx)
			ctx.PreventUpdate()
			return
		}
	}
	if frag != "" && !strings.Contains(frag, "=") && c.form.Policy != "" {
		// A link within the page, like the error summary's #score or the
		// skip link's #main: keep the answers, and move the focus there.
		c.restoreLink()
		ctx.After(20*time.Millisecond, func(ctx app.Context) { focusOn(frag) })
		return
	}
	c.read(frag)
	c.syncInputs(ctx)
}

// read sets the form from the link's fragment frag and works out its outcome.
func (c *calculator) read(frag string) {
	c.form, c.linkErrs, c.submitted = readForm(frag)
	c.out = work(c.form)
}

// readForm is the form of the link's fragment frag, the parts of the link
// that could not be read, and whether it asks for a result.
func readForm(frag string) (form, []*wlink.Problem, bool) {
	f, errs := parseFragment(frag)
	f.today = visitorToday()
	submitted := !f.empty()
	if f.Policy == "" {
		f.Policy = examplePolicy()
	}
	return f, errs, submitted
}

// restoreLink puts the answers back in the address after a link within the
// page replaced them.
func (c *calculator) restoreLink() {
	if app.IsClient {
		app.Window().Get("history").Call("replaceState", nil, "", "#"+c.form.fragment())
	}
}

// visitorToday is the visitor's own date, from the browser's clock (Go's
// clock in the browser keeps the visitor's time zone); the prerendered page
// has none, since it is written before anyone visits.
func visitorToday() engine.Date {
	if !app.IsClient {
		return engine.Date{}
	}
	t := time.Now()
	return engine.MustDate(t.Year(), t.Month(), t.Day())
}

// focusOn moves the keyboard's focus to the element id, if there is one.
func focusOn(id string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Call("focus")
	}
}

// syncInputs makes each input show the form's value. go-app leaves an
// input's text as it was when its value becomes empty, so a form replaced by
// a link or the example is written into the inputs here.
func (c *calculator) syncInputs(ctx app.Context) {
	if !app.IsClient {
		return
	}
	f := c.form
	ctx.Defer(func(ctx app.Context) {
		for _, fl := range fields {
			if el := app.Window().GetElementByID(fl.name); el.Truthy() && el.Get("type").String() == "text" {
				el.Set("value", *fl.get(&f))
			}
		}
		for _, name := range dateFields {
			syncDate(name, splitDate(*f.field(name)))
		}
	})
}

// syncDate writes a date's parts into its boxes: a date pasted into one box
// goes into all three, and a box keeps no separator.
func syncDate(name string, d dateParts) {
	for _, b := range dateBoxes {
		if el := app.Window().GetElementByID(name + "-" + b); el.Truthy() && el.Get("value").String() != *d.part(b) {
			el.Set("value", *d.part(b))
		}
	}
}

// changed recomputes the outcome and keeps the link in step with the form.
func (c *calculator) changed(ctx app.Context) {
	c.copied = false
	c.out = work(c.form)
	if app.IsClient {
		app.Window().Get("history").Call("replaceState", nil, "", "#"+c.form.fragment())
	}
}

// onInput stores what was typed in the field named by the input's id. It
// reads the id from the input rather than capture it, since go-app keeps an
// input's handler when the input is reused for another field (the score's
// becomes the allocation's when the policy changes).
func (c *calculator) onInput(ctx app.Context, e app.Event) {
	if f := c.form.field(ctx.JSSrc().Get("id").String()); f != nil {
		*f = ctx.JSSrc().Get("value").String()
		c.changed(ctx)
	}
}

// onDateInput stores what was typed in a box of a date, read by its id,
// date_of_birth-day: a whole date typed or pasted into any box, 20/08/2014
// or 2014-08-20, fills all three.
func (c *calculator) onDateInput(ctx app.Context, e app.Event) {
	id := ctx.JSSrc().Get("id").String()
	i := strings.LastIndexByte(id, '-')
	if i < 0 || !isDate(id[:i]) {
		return
	}
	text := c.form.field(id[:i])
	d := splitDate(*text).typed(id[i+1:], ctx.JSSrc().Get("value").String())
	*text = d.text()
	syncDate(id[:i], d)
	c.changed(ctx)
}

func (c *calculator) onPolicy(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		c.form.Policy = id
		c.changed(ctx)
	}
}

func (c *calculator) onContingency(ctx app.Context, e app.Event) {
	c.form.IncludesContingency = ""
	if ctx.JSSrc().Get("checked").Bool() {
		c.form.IncludesContingency = "true"
	}
	c.changed(ctx)
}

func (c *calculator) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	c.submitted = true
	c.changed(ctx)
	target := "result"
	if len(c.visibleErrors()) > 0 {
		target = "error-summary"
	}
	// After the page has drawn the summary or the result.
	ctx.After(20*time.Millisecond, func(ctx app.Context) { focusOn(target) })
}

func (c *calculator) onExample(ctx app.Context, e app.Event) {
	e.PreventDefault()
	c.form = exampleForm()
	c.form.today = visitorToday()
	c.submitted = true
	c.changed(ctx)
	c.syncInputs(ctx)
}

func (c *calculator) onCopy(ctx app.Context, e app.Event) {
	url := app.Window().Get("location").Get("href").String()
	clip := app.Window().Get("navigator").Get("clipboard")
	if clip.Truthy() {
		clip.Call("writeText", url)
		c.copied = true
	}
}

func (c *calculator) onPrint(ctx app.Context, e app.Event) {
	app.Window().Call("print")
}

// exampleForm is Example 3 of the Trafford report, Appendix 1.
func exampleForm() form {
	return form{Policy: "trafford-2013", Fields: engine.Fields{Score: "261", DateOfBirth: "2000-08-20", AssessedOn: "2013-04-01", CurrentCost: "15000"}}
}

// visibleErrors are the errors to show: every error once the visitor has
// asked for the result, and before that only fields with something in them.
func (c *calculator) visibleErrors() []fieldError {
	var shown []fieldError
	for _, e := range c.out.errors {
		if c.submitted || !e.Missing {
			shown = append(shown, e)
		}
	}
	return shown
}

func (c *calculator) errorFor(name string) string {
	for _, e := range c.visibleErrors() {
		if e.Field == name {
			return e.Message
		}
	}
	return ""
}

func (c *calculator) Render() app.UI {
	p := c.out.policy
	errs := c.visibleErrors()
	return shell("/",
		app.H1().Text("Work out an indicative personal budget"),
		app.P().Class("lead").Text("For a disabled child, under a council's Resource Allocation System (RAS). Enter the score from the RAS questionnaire and the child's age; the budget, and how it is worked out, appear as you type."),
		app.If(shipped.loadErr() != nil, func() app.UI {
			return app.Div().Class("warning").Role("alert").Text("A policy could not be loaded: " + shipped.loadErr().Error())
		}),
		linkProblems(c.linkErrs),
		app.If(c.submitted && len(errs) > 0, func() app.UI { return errorSummary(errs) }).
			Else(errorSummarySlot),
		app.Div().Class("columns").Body(
			app.Form().Class("calculator").Attr("novalidate", true).OnSubmit(c.onSubmit).Body(c.formBody(
				c.policyField(),
				app.If(p == nil || p.Prices.Published, func() app.UI {
					return c.textField(engine.FieldScore, "RAS score", "The total points from the RAS questionnaire, like 180.", "numeric", "w5")
				}),
				app.If(p == nil || p.Prices.Published, func() app.UI {
					return c.textField(engine.FieldAllocation, "Annual allocation you were told, in £ (optional)", "If the council has told the family its allocation, like 9367, it is used instead of the score's.", "decimal", "w10")
				}).Else(func() app.UI {
					return c.textField(engine.FieldAllocation, "Annual allocation you were told, in £", p.Prices.UnpublishedMessage, "decimal", "w10")
				}),
				app.FieldSet().Class("fieldset").Body(
					app.Legend().Class("legend").Text("The child's age"),
					app.Div().Class("hint").ID("age-legend-hint").Text("Give the age, or the date of birth to see what changes at a birthday."),
					c.textField(engine.FieldAge, "Age in whole years", "", "numeric", "w3"),
					c.dateField(engine.FieldDateOfBirth, "Or date of birth", "For example, "+c.exampleDate(engine.FieldDateOfBirth)+"."),
				),
				c.dateField(engine.FieldAssessedOn, "Date of assessment (optional)", c.assessedHint()),
				c.textField(engine.FieldCurrentCost, "Current annual cost of support, in £ (optional)", "What the child's support costs a year now, like 15000. Leave blank if there is none: the transition to the new budget is then not shown.", "decimal", "w10"),
				app.If(p != nil && p.Transition.Contingency != nil, func() app.UI { return c.contingencyField() }),
				app.Button().Type("submit").Class("button").Text("Show the budget"),
			)...),
			app.Div().Class("results").Body(
				app.Div().ID("result").Class("live").TabIndex(-1).Aria("live", "polite").Body(c.headline()),
				app.If(c.out.result != nil && c.explainLater, func() app.UI { return app.Div().Class("result") }).
					ElseIf(c.out.result != nil, func() app.UI { return c.resultView() }).
					Else(func() app.UI { return c.exampleView() }),
			),
		),
	)
}

// formBody is the form's controls: in the browser, as they are; in the
// prerendered page, which shows them before the program runs or without
// JavaScript, disabled in a fieldset, under a line that says why. A disabled
// control cannot be typed in, and a form whose controls are all disabled
// sends nothing anywhere, whatever is pressed: nothing typed before the
// program runs is lost when it draws the form again, or sent in the address.
func (c *calculator) formBody(controls ...app.UI) []app.UI {
	if app.IsClient {
		return controls
	}
	return []app.UI{
		app.P().ID("getting-ready").Class("getting-ready").Role("status").
			Text("The calculator is getting ready: you can fill in the form as soon as it has loaded."),
		needsJavaScript("The calculator needs JavaScript, which is off in this browser: it works out the budget on your device, so that nothing you type is sent anywhere. The worked example below, and each policy's rules, can be read without it."),
		disabledIf(app.FieldSet().Class("fieldset"), true).Body(controls...),
	}
}

// assessedHint says what a blank date of assessment stands for: today, in
// the visitor's own date, worked out as the page runs.
func (c *calculator) assessedHint() string {
	if c.form.today.IsZero() {
		return "For example, " + c.exampleDate(engine.FieldAssessedOn) + ". Leave blank for today."
	}
	return "For example, " + c.exampleDate(engine.FieldAssessedOn) + ". Leave blank for today, " + c.form.today.Long() + "."
}

// exampleDate is the example of a date field's hint, written as its boxes
// take it: 30 11 2026.
func (c *calculator) exampleDate(name string) string {
	p := c.out.policy
	if p == nil {
		p = shipped.policy(examplePolicy())
	}
	if p == nil {
		return "20 8 2017"
	}
	return boxesOf(exampleDate(p, c.form.Fields, c.form.today, name))
}

// headline is what a screen reader announces as the result changes: the
// budget, and how it compares with the current cost.
func (c *calculator) headline() app.UI {
	r := c.out.result
	switch {
	case r == nil && len(c.visibleErrors()) > 0:
		return app.P().Class("headline muted").Text("Correct the answers marked, and the budget appears here.")
	case r == nil && c.out.policy != nil && !c.out.policy.Prices.Published:
		return app.P().Class("headline muted").Text("Enter the allocation you were told and an age, and the indicative budget appears here.")
	case r == nil:
		return app.P().Class("headline muted").Text("Enter a score and an age, and the indicative budget appears here.")
	case !r.Eligible && r.AllocationGiven:
		return app.P().Class("headline").Text("No personal budget: the allocation you were told is " + engine.FormatMoney(r.AnnualBudget()) + ".")
	case !r.Eligible:
		return app.P().Class("headline").Text("No personal budget from this model: a score of " + itoa(*r.Score) + " is under the threshold.")
	}
	// The comparison with what the family has now is part of what is
	// announced: a budget that falls is the news.
	return app.Div().Body(
		app.P().Class("headline").Body(
			app.Span().Class("headline-label").Text("Indicative budget "),
			app.Strong().Class("amount").Text(engine.FormatMoney(r.AnnualBudget())+" a year"),
			app.Span().Class("headline-week").Text(" ("+engine.FormatMoney(r.Weekly())+" a week)"),
		),
		comparisonView(r.Transition),
	)
}

func (c *calculator) policyField() app.UI {
	radios := make([]radio, 0, len(policyIDs()))
	for _, id := range policyIDs() {
		p := shipped.about(id)
		hint := p.Council + ", " + p.Date.Long()
		if !p.Published {
			hint += ". Prices not published: you enter the allocation you were told"
		}
		radios = append(radios, radio{value: id, label: p.Name, hint: hint, checked: c.form.Policy == id, onChange: c.onPolicy(id)})
	}
	return govukRadios("policy", "Council policy", c.errorFor("policy"), radios)
}

// textField is the text input of the form's field name, with its label,
// hint and error. mode is the inputmode for phone keyboards.
func (c *calculator) textField(name, label, hint, mode, width string) app.UI {
	f := field{id: name, label: label, hint: hint, err: c.errorFor(name)}
	return govukField(f, govukTextInput(f, *c.form.field(name), mode, width).OnInput(c.onInput))
}

// dateField is the date input of the date field name: day, month and year
// boxes under its legend, hint and error, the wrong boxes marked.
func (c *calculator) dateField(name, legend, hint string) app.UI {
	f := field{id: name, label: legend, hint: hint}
	var wrong []string
	for _, e := range c.visibleErrors() {
		if e.Field == name {
			f.err, wrong = e.Message, e.Boxes
			if len(wrong) == 0 {
				wrong = dateBoxes
			}
		}
	}
	d := splitDate(*c.form.field(name))
	boxes := make([]dateBox, len(dateBoxes))
	for i, b := range dateBoxes {
		boxes[i] = dateBox{part: b, value: *d.part(b), wrong: slices.Contains(wrong, b)}
	}
	return govukDateInput(f, boxes, c.onDateInput)
}

func (c *calculator) contingencyField() app.UI {
	p := c.out.policy
	rate := p.Transition.Contingency.Rate.Shift(2).String()
	return govukCheckbox(field{
		id:    engine.FieldIncludesContingency,
		label: "The current cost includes the " + rate + "% contingency",
		hint:  "Direct payments used to include " + rate + "% for contingencies; it is taken out before the budgets are compared (" + p.Name + ", " + p.Transition.Contingency.Source + ").",
		err:   c.errorFor(engine.FieldIncludesContingency),
	}, c.form.IncludesContingency == "true", c.onContingency)
}

// errorSummary lists the form's errors at the top of the page, each linking
// to its field; the policy's links to its first choice.
func errorSummary(errs []fieldError) app.UI {
	items := make([]summaryItem, len(errs))
	for i, e := range errs {
		target := e.target()
		if target == "policy" {
			target = "policy-" + examplePolicy()
		}
		items[i] = summaryItem{target: target, message: e.Message}
	}
	return govukErrorSummary("There is a problem", items)
}
