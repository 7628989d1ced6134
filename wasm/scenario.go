package main

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/openras/openras/engine"
	"github.com/openras/openras/wasm/scenario"
)

// scenarioPage is the councillors' page: start from a policy, change its
// rates and rules, see what the change alters and compare a child's budget
// under both. The scenario itself, its link, its changes and its download,
// is the model's (package scenario); the page holds what is on the screen.
type scenarioPage struct {
	app.Compo
	sc      scenario.Scenario
	copied  bool
	saveErr string // why the scenario's file could not be made
	illErr  string // why the illustrative prices could not be applied
	fileErr string // why a policy file chosen was not read

	typing     string // the text in the policy file's field, to read
	typingRead bool   // it is to be read, in tasks of its own
	// wholeFiles counts the reads of a chosen file or a paste begun: a
	// read overtaken by a later one is not shown.
	wholeFiles int

	// The tab's cohort, compared again on every change.
	run    cohortRead
	impact scenario.Runs
	page   app.Context // the page's own, for the work that outlasts an event

	tools councilTools // fit to a budget, rates from costs, a baseline kept
}

// published finds a policy shipped with the page by its id.
func published(id string) *engine.Policy { return shipped.policy(id) }

func (s *scenarioPage) OnMount(ctx app.Context) { s.page = ctx }

func (s *scenarioPage) OnPreRender(ctx app.Context) { s.load(ctx) }
func (s *scenarioPage) OnNav(ctx app.Context) {
	s.page = ctx
	s.load(ctx)
	warmUp(ctx, s.sc.Baseline)
}

func (s *scenarioPage) load(ctx app.Context) {
	ctx.Page().SetTitle("Try a change to the rules – OpenRAS")
	ctx.Page().SetDescription("Change a council's rates and rules and see what the change does, to one child and against the published policy.")
	s.sc.ReadLink(pageFragment(ctx), published, examplePolicy())
	s.resummarise(time.Now())
}

// changed follows a change to the scenario: the address holds it, and the
// tab's cohort is compared under it again.
func (s *scenarioPage) changed(began time.Time) {
	s.copied, s.saveErr, s.illErr = false, "", ""
	replaceLink(s.sc.Link())
	s.resummarise(began)
}

// resummarise compares the tab's cohort, if one is loaded, under the
// scenario as it now stands: at once for a cohort of up to atOnceRows rows,
// so the new figures come with the change.
func (s *scenarioPage) resummarise(began time.Time) {
	lc := tabCohort
	s.impact.Stop()
	if lc == nil || s.sc.Baseline == nil {
		s.impact.Result = nil
		return
	}
	if !lc.HeldUnder(s.sc.From()) {
		s.impact.Result = nil
		if !s.run.running {
			holdCohort(s.page, &s.run, s.sc.From(), lc.Name, lc.Src, lc.Synthetic, func(ctx app.Context, _ *scenario.Cohort) {
				s.resummarise(began)
			})
		}
		return
	}
	scen := s.sc.Compared()
	if scen == nil {
		s.impact.Result = nil // a mistake: no figure is shown from the scenario
		return
	}
	compareCohort(s.page, lc, scen, &s.impact, began)
}

func (s *scenarioPage) onImpactFile(ctx app.Context, e app.Event) {
	began := time.Now()
	readFile(ctx.JSSrc(), ctx, &s.run, func(ctx app.Context, name string, src scenario.Source) { s.hold(name, src, false, began) })
}

func (s *scenarioPage) onImpactDemo(ctx app.Context, e app.Event) {
	began := time.Now()
	fetchDemo(ctx, func(ctx app.Context, name string, src scenario.Source) { s.hold(name, src, true, began) })
}

// hold reads a cohort under the baseline, in the background on the page's
// own context: the input that chose it makes way for the progress bar.
func (s *scenarioPage) hold(name string, src scenario.Source, synthetic bool, began time.Time) {
	s.impact.Result = nil
	holdCohort(s.page, &s.run, s.sc.From(), name, src, synthetic, func(ctx app.Context, _ *scenario.Cohort) {
		s.resummarise(began)
	})
}

// onImpactClear lets the tab's cohort go, to load another.
func (s *scenarioPage) onImpactClear(ctx app.Context, e app.Event) {
	tabCohort, s.impact.Result = nil, nil
	s.impact.Stop()
}

// onValue stores a value typed into the field of the key path the input
// names in its data-path: read from the input, not captured, since go-app
// keeps an input's handler when it reuses the input for another value (as it
// does when the baseline changes).
func (s *scenarioPage) onValue(ctx app.Context, e app.Event) {
	began := time.Now()
	if s.sc.SetValue(ctx.JSSrc().Get("dataset").Get("path").String(), ctx.JSSrc().Get("value").String()) {
		s.changed(began)
	}
}

func (s *scenarioPage) onNote(ctx app.Context, e app.Event) {
	began := time.Now()
	s.sc.SetNote(ctx.JSSrc().Get("dataset").Get("path").String(), ctx.JSSrc().Get("value").String())
	s.changed(began)
}

func (s *scenarioPage) onBase(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		began := time.Now()
		s.sc.Start(id)
		s.changed(began)
	}
}

func (s *scenarioPage) onChild(field string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		began := time.Now()
		s.sc.SetChild(field, ctx.JSSrc().Get("value").String())
		s.changed(began)
	}
}

// onPaste takes a whole policy file pasted: it replaces the values changed
// in the form before it. It is read after the browser's task, 8 KB a task
// (engine.PaceBytes): pasting a long file into the field takes the browser a
// task of its own (a 96 KB file, 150 ms or more), and reading it in that
// same task, or all in the next, would keep the page from answering input.
// Keys typed before it is read are read with it, once.
func (s *scenarioPage) onPaste(ctx app.Context, e app.Event) {
	began := time.Now()
	s.typing = ctx.JSSrc().Get("value").String()
	if s.typingRead {
		return
	}
	s.typingRead = true
	s.wholeFiles++
	mine := s.wholeFiles
	ctx.Async(func() {
		// Short tasks: the browser's paste; reading the text, a few
		// kilobytes a task (a large file's YAML takes a while in
		// WebAssembly); showing it.
		yieldToBrowser()
		text := s.typing
		read := scenario.ReadPastedPaced(text, yieldToBrowser)
		yieldToBrowser()
		ctx.Dispatch(func(ctx app.Context) {
			s.typingRead = false
			if s.wholeFiles != mine {
				return // a file chosen since
			}
			if s.typing == text {
				s.sc.PasteRead(read)
			} else {
				s.sc.Paste(s.typing) // keys typed while it was read
			}
			s.changed(began)
		})
	})
}

// onFile reads a policy file chosen on the device. It is read in the
// browser; nothing is sent anywhere. Its text is read as a paste's is, a
// few kilobytes a task; a file chosen, or text pasted, while it is read
// replaces it.
func (s *scenarioPage) onFile(ctx app.Context, e app.Event) {
	readText(ctx.JSSrc(), ctx, &s.fileErr, func(ctx app.Context, text string) {
		began := time.Now()
		s.wholeFiles++
		mine := s.wholeFiles
		ctx.Async(func() {
			read := scenario.ReadPastedPaced(text, yieldToBrowser)
			yieldToBrowser()
			ctx.Dispatch(func(ctx app.Context) {
				if s.wholeFiles != mine {
					return
				}
				s.sc.PasteRead(read)
				s.changed(began)
			})
		})
	})
}

func (s *scenarioPage) onReset(ctx app.Context, e app.Event) {
	began := time.Now()
	s.sc.Reset()
	s.changed(began)
}

func (s *scenarioPage) onIllustrative(ctx app.Context, e app.Event) {
	began := time.Now()
	if err := s.sc.UseIllustrativePrices(); err != nil {
		s.illErr = "The illustrative prices could not be applied: " + err.Error()
		return
	}
	s.changed(began)
}

// onDownload saves the scenario's policy file, made in the browser. A file
// that cannot be made is not offered half made: the page says why.
func (s *scenarioPage) onDownload(ctx app.Context, e app.Event) {
	text, err := s.sc.Download()
	if err != nil {
		s.saveErr = "The scenario could not be made into a file: " + err.Error()
		return
	}
	s.saveErr = ""
	save(s.sc.DownloadName(), "application/yaml", text)
}

func (s *scenarioPage) onCopy(ctx app.Context, e app.Event) {
	s.copied = copyLink(s.sc.Link())
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func (s *scenarioPage) Render() app.UI {
	v := &s.sc
	if v.Baseline == nil {
		return shell("/scenario", app.H1().Text("Try a change to the rules"), app.P().Text("No policy is loaded."))
	}
	return shell("/scenario",
		app.H1().Text("Try a change to the rules"),
		app.P().Class("lead").Text("Start from a council's published policy, change any rate or rule, and see what the change does: to one child, and which of the policy's Decisions it alters. Nothing is sent anywhere; share the scenario as a link, or download it as a policy file."),
		linkProblems(v.LinkErrs),
		app.If(len(v.Errs) > 0, func() app.UI { return scenarioErrors(v.Errs, s.sc.Pasted() != "") }).
			Else(func() app.UI { return app.Div().Class("error-summary-slot") }),
		s.baseField(),
		app.If(!v.Baseline.Prices.Published && (v.Policy == nil || !v.Policy.Prices.Published), func() app.UI {
			ill := v.Baseline.Illustrative
			return app.Div().Class("inset").Body(
				app.P().Text(v.Baseline.Prices.UnpublishedMessage),
				app.If(ill != nil, func() app.UI {
					return app.Div().Body(
						app.P().Class("hint").ID("illustrative-hint").Text("Prices "+ill.Label+". "+ill.Note),
						app.Button().Type("button").Class("button secondary").ID("illustrative").Aria("describedby", "illustrative-hint").
							Text("Try illustrative prices (not the council's)").OnClick(s.onIllustrative),
					)
				}),
				app.If(s.illErr != "", func() app.UI { return app.P().Class("error-message").Role("alert").Text(s.illErr) }),
			)
		}),
		app.If(v.Policy != nil && v.Policy.Prices.Illustrative, func() app.UI {
			return app.Div().Class("warning").Role("note").Text("Illustrative prices: supplied in this scenario, not published by " + v.Baseline.Council + ". No figure from them is the council's.")
		}),
		app.Div().Class("scenario-columns").Body(
			app.Div().Body(s.paramForm()...),
			app.Div().Class("scenario-results").Body(
				s.summary(),
				s.tools.keepView(&s.sc, func() { s.changed(time.Now()) }),
				s.childCompare(),
				s.cohortImpact(),
			),
		),
		s.tools.view(&s.sc, tabCohort, func() { s.changed(time.Now()) }),
		s.charts(),
	)
}

// scenarioErrors is the error summary of a scenario's mistakes. A pasted
// file's mistakes give their lines in it; a value typed in the form is named
// by its key path alone, since the file behind the form is not on the page.
func errorText(e *engine.Error, pasted bool) string {
	if pasted {
		return e.Sentence()
	}
	return e.InRow()
}

func scenarioErrors(errs engine.Errors, pasted bool) app.UI {
	items := make([]summaryItem, len(errs))
	for i, e := range errs {
		items[i] = summaryItem{target: paramID(e.Field), message: errorText(e, pasted)}
	}
	return govukErrorSummary("The scenario has a mistake, so no figure is shown from it", items)
}

// paramID is the id of the field of the value at a key path.
func paramID(path string) string { return "param-" + strings.ReplaceAll(path, ".", "-") }

func (s *scenarioPage) baseField() app.UI {
	var radios []radio
	for _, id := range policyIDs() {
		p := shipped.about(id)
		radios = append(radios, radio{value: id, label: p.Name + ": " + p.Council, checked: s.sc.Base() == id, onChange: s.onBase(id)})
	}
	return govukRadios("base", "Start from", "", radios)
}

func (s *scenarioPage) paramForm() []app.UI {
	v := &s.sc
	var out []app.UI
	group := ""
	var rows []app.UI
	flush := func() {
		if group != "" {
			out = append(out, app.FieldSet().Class("fieldset param-group").Body(
				append([]app.UI{app.Legend().Class("legend").Text(group)}, rows...)...))
		}
		rows = nil
	}
	out = append(out, s.ratesTable())
	for _, p := range v.Params {
		if p.Group == "Rates" {
			continue
		}
		if p.Group != group {
			flush()
			group = p.Group
		}
		rows = append(rows, s.paramField(p))
	}
	flush()
	out = append(out, app.Details().Class("details").Body(
		app.Summary().Class("details-summary").Text("Load or paste a whole policy file instead"),
		fileField(field{id: "policy-file", label: "A policy file on this device (.yaml)", hint: "It is read here, in your browser, and not uploaded anywhere.", err: s.fileErr},
			".yaml,.yml,text/yaml", s.onFile),
		func() app.UI {
			f := field{id: "policy-text", label: "Or paste its text", hint: "A file loaded or pasted replaces the values changed above; change its values in the form after."}
			return govukField(f, app.Textarea().ID(f.id).Class("textarea").Rows(8).Aria("describedby", f.describedBy()).Text(s.sc.Pasted()).OnInput(s.onPaste))
		}(),
	))
	out = append(out, app.Button().Type("button").Class("button secondary").Text("Start again from the published policy").OnClick(s.onReset))
	return out
}

// ratesTable lays out the rates as the report prints them, a field a cell.
func (s *scenarioPage) ratesTable() app.UI {
	p := s.sc.Baseline
	if pp := s.sc.PastedPolicy(); pp != nil {
		p = pp // a file with prices of its own, illustrative ones say
	}
	if !p.Prices.Published || p.Scores == nil {
		return nil
	}
	head := []app.UI{app.Th().Scope("col").Class("sticky-col").Text("Age band")}
	for _, b := range p.Scores.Bands {
		if b.Basis != engine.BasisNone {
			head = append(head, app.Th().Scope("col").Text(b.Label))
		}
	}
	var rows, notes []app.UI
	for _, a := range p.Age.Bands {
		cells := []app.UI{app.Th().Scope("row").Class("sticky-col").Text(a.Label)}
		for _, b := range p.Scores.Bands {
			if b.Basis == engine.BasisNone {
				continue
			}
			pr := scenario.RateParam(a, b)
			cells = append(cells, app.Td().Body(s.cell(pr)))
			if _, _, changed := s.sc.ValueOf(pr); changed && s.sc.Pasted() == "" {
				notes = append(notes, s.noteField(pr, "Why the rate for "+pr.Label+" changed (optional)"))
			}
		}
		rows = append(rows, app.Tr().Body(cells...))
	}
	return app.Div().Class("param-group").Body(
		app.H2().Class("legend").Text("Rates"),
		app.P().Class("hint").Text("Fixed offers in "+p.Prices.FixedUnit+"; the other rates in "+p.Prices.PerPointUnit+". A changed cell is marked, with the published value beside it."),
		tableWrap("The rates to change", app.Table().Class("table rates-table").Body(
			app.THead().Body(app.Tr().Body(head...)),
			app.TBody().Body(rows...),
		)),
		app.Div().Class("rate-notes").Body(notes...),
	)
}

// cell is a rate's field in the rates table.
func (s *scenarioPage) cell(p scenario.Param) app.UI {
	id := "param-" + strings.ReplaceAll(p.Path, ".", "-")
	base, value, changed := s.sc.ValueOf(p)
	e := s.sc.ErrorFor(p.Path)
	class := "input cell-input"
	if changed {
		class += " input-changed"
	}
	if e != nil {
		class += " input-error"
	}
	return app.Div().Class("cell").Body(
		app.Label().For(id).Class("visually-hidden").Text(p.Label),
		app.Input().Type("text").ID(id).Class(class).Value(value).Attr("inputmode", "decimal").Attr("spellcheck", "false").
			Aria("invalid", e != nil).DataSet("path", p.Path).OnInput(s.onValue),
		app.If(changed, func() app.UI { return app.Span().Class("cell-was").Text("was " + base) }),
		app.If(e != nil, func() app.UI {
			return app.Span().Class("error-message cell-error").Body(app.Span().Class("visually-hidden").Text("Error: "), app.Text(e.Message()))
		}),
	)
}

func (s *scenarioPage) paramField(p scenario.Param) app.UI {
	base, value, changed := s.sc.ValueOf(p)
	f := field{id: paramID(p.Path), label: p.Label, hint: "The published value: " + orNone(base) + "."}
	if e := s.sc.ErrorFor(p.Path); e != nil {
		f.err = errorText(e, s.sc.Pasted() != "")
	}
	l := look{hint: []app.UI{
		app.Text(f.hint),
		app.If(changed, func() app.UI { return app.Strong().Class("changed-tag").Text(" Changed.") }),
	}}
	if changed {
		l.group = "param-changed"
	}
	var input app.UI
	if p.Choices != nil {
		opts := make([]app.UI, len(p.Choices))
		for i, c := range p.Choices {
			opts[i] = selectedIf(app.Option().Value(c), c == value).Text(c)
		}
		input = app.Select().ID(f.id).Class("select").Aria("describedby", f.describedBy()).DataSet("path", p.Path).OnChange(s.onValue).Body(opts...)
	} else {
		input = govukTextInput(f, value, "", "w10").Attr("maxlength", scenario.MaxTyped).DataSet("path", p.Path).OnInput(s.onValue)
	}
	return govukFieldLook(f, l, input,
		app.If(changed && s.sc.Pasted() == "", func() app.UI { return s.noteField(p, "Why (optional)") }))
}

// noteField is where a councillor says why a value changed.
func (s *scenarioPage) noteField(p scenario.Param, label string) app.UI {
	f := field{id: paramID(p.Path) + "-note", label: label}
	return govukFieldLook(f, look{group: "note", label: "note-label"},
		govukTextInput(f, s.sc.Note(p.Path), "", "").Attr("maxlength", scenario.MaxNote).DataSet("path", p.Path).OnInput(s.onNote))
}

// fileField is a field that chooses a file on the device, of the types
// accept names.
func fileField(f field, accept string, onChange app.EventHandler) app.UI {
	return govukField(f, app.Input().Type("file").ID(f.id).Accept(accept).Aria("describedby", f.describedBy()).OnChange(onChange))
}

// summary lists what the scenario changes and the Decisions it alters.
func (s *scenarioPage) summary() app.UI {
	v := &s.sc
	if len(v.Changes) == 0 {
		return app.Div().Class("live").Aria("live", "polite").Body(
			app.P().Class("headline muted").Text("No change yet: this is the published policy. Change a value to see what it does."),
		)
	}
	rows := make([]app.UI, len(v.Changes))
	for i, c := range v.Changes {
		rows[i] = app.Tr().Body(
			app.Td().Text(c.Path),
			app.Td().Text(orNone(scenario.TypedOf(c.Was))),
			app.Td().Class("changed-cell").Text(orNone(scenario.TypedOf(c.Value))),
			app.Td().Text(c.Note),
		)
	}
	altered := make([]app.UI, len(v.Altered))
	for i, d := range v.Altered {
		altered[i] = app.Li().Text(d.Wording)
	}
	return app.Div().Body(
		app.Div().Class("live").Aria("live", "polite").Body(
			app.P().Class("headline").Text(plural(len(v.Changes), "change")+" to "+v.Baseline.Name+
				map[bool]string{true: ", with a mistake: no figure is shown from it.", false: "."}[len(v.Errs) > 0]),
		),
		tableWrap("What the scenario changes", app.Table().Class("table").Body(
			app.Caption().Class("caption").Text("What the scenario changes"),
			app.THead().Body(app.Tr().Body(
				app.Th().Scope("col").Text("Value"), app.Th().Scope("col").Text("Published"),
				app.Th().Scope("col").Text("Scenario"), app.Th().Scope("col").Text("Why"),
			)),
			app.TBody().Body(rows...),
		)),
		app.If(len(altered) > 0, func() app.UI {
			return app.Section().Class("section").Body(
				app.H2().Class("h3").Text("Decisions the scenario alters"),
				app.Ul().Class("list").Body(altered...),
			)
		}),
		app.Div().Class("actions").Body(
			app.Button().Type("button").Class("button secondary").Text("Download the scenario (YAML)").Disabled(len(v.Errs) > 0).OnClick(s.onDownload),
			app.Button().Type("button").Class("button secondary").Text("Copy a link to this scenario").OnClick(s.onCopy),
			app.P().Class("hint").Aria("live", "polite").Text(map[bool]string{true: "Link copied: it holds only the changes.", false: "The link holds only the changes, after the # sign."}[s.copied]),
			app.If(s.saveErr != "", func() app.UI {
				return app.P().ID("download-error").Class("error-message").Role("alert").Text(s.saveErr)
			}),
		),
	)
}

// children counts children in words: 1 child, 2 children.
func children(n int) string {
	if n == 1 {
		return "1 child"
	}
	return strconv.Itoa(n) + " children"
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// childCompare shows one child's budget under the published policy and the
// scenario, side by side.
func (s *scenarioPage) childCompare() app.UI {
	v := &s.sc
	fieldsIn := func(id, label, value, name string) app.UI {
		f := field{id: id, label: label}
		return govukFieldLook(f, look{group: "inline-group"}, govukTextInput(f, value, "numeric", "w5").OnInput(s.onChild(name)))
	}
	cc := s.sc.CompareChild()
	base, scen := cc.Baseline, cc.Scenario
	var msg, baseMsg, scenMsg string
	switch {
	case cc.CaseErr != nil && !v.Baseline.Prices.Published:
		msg = "Enter the allocation the family was told, an age and, if you like, a current cost."
	case cc.CaseErr != nil:
		msg = "Enter a score, an age and, if you like, a current cost."
	default:
		if cc.BaselineErr != nil {
			base, baseMsg = nil, childMessage(cc.BaselineErr)
		}
		if cc.ScenarioErr != nil {
			scen, scenMsg = nil, childMessage(cc.ScenarioErr)
		}
	}
	column := func(title string, r *engine.Result, other *engine.Result, why string) app.UI {
		if r == nil {
			if why == "" {
				why = "No figure."
			}
			return app.Div().Class("compare-col").Body(app.H3().Class("h3").Text(title), app.P().Class("muted").Text(why))
		}
		cls := "amount"
		if other != nil && !r.AnnualBudget().Equal(other.AnnualBudget()) {
			cls += " differs"
		}
		items := []app.UI{
			app.H3().Class("h3").Text(title),
			app.P().Class("headline").Body(app.Strong().Class(cls).Text(engine.FormatMoney(r.AnnualBudget()) + " a year")),
		}
		if r.Moderation.Flagged {
			items = append(items, app.P().Text("Moderation at the step at "+itoa(r.Moderation.Step)+"."))
		}
		if t := r.Transition; t != nil {
			lines := make([]app.UI, len(t.Schedule))
			for i, e := range t.Schedule {
				lines[i] = app.Li().Text(e.From.Long() + ": " + engine.FormatMoney(e.Amount()))
			}
			items = append(items, app.P().Text("Group "+t.Group.ID+"."), app.Ul().Class("list").Body(lines...))
		}
		return app.Div().Class("compare-col").Body(items...)
	}
	return app.Section().Class("section").Aria("labelledby", "child-title").Body(
		app.H2().ID("child-title").Class("h2").Text("Compare for one child"),
		app.Div().Class("inline-fields").Body(
			// A policy with no published prices prices no score: it takes
			// the allocation the family was told.
			app.If(!v.Baseline.Prices.Published, func() app.UI {
				return fieldsIn("child-allocation", "Allocation told, £", s.sc.Child().Allocation, engine.FieldAllocation)
			}),
			fieldsIn("child-score", map[bool]string{true: "Score", false: "Score (illustrative prices only)"}[v.Baseline.Prices.Published], s.sc.Child().Score, engine.FieldScore),
			fieldsIn("child-age", "Age", s.sc.Child().Age, engine.FieldAge),
			fieldsIn("child-cost", "Current cost, £", s.sc.Child().CurrentCost, engine.FieldCurrentCost),
		),
		app.If(msg != "", func() app.UI { return app.P().Class("muted").Text(msg) }),
		app.If(v.Policy != nil, func() app.UI { return app.P().Class("sentence").ID("child-sentence").Text(v.Sentence(nil)) }),
		app.Div().Class("compare").Aria("live", "polite").Body(
			column(map[bool]string{true: "Published: " + v.Baseline.Name, false: v.FromName()}[v.Kept() == nil], base, scen, baseMsg),
			column(map[bool]string{true: "Scenario (illustrative prices)", false: "Scenario"}[v.Policy != nil && v.Policy.Prices.Illustrative], scen, base, scenMsg),
		),
	)
}

// childMessage is why a policy gives the child compared no figure, in
// words: the messages of the case's fields, without their key paths.
func childMessage(err error) string {
	var es engine.Errors
	if errors.As(err, &es) {
		return "No figure: " + es.Messages()
	}
	return "No figure: " + err.Error()
}

// charts overlay the scenario's budget by score on the published one, for
// each age band.
func (s *scenarioPage) charts() app.UI {
	v := &s.sc
	if v.Policy == nil || !v.Baseline.Prices.Published || !v.Policy.Prices.Published || !slices.EqualFunc(v.Baseline.Age.Bands, v.Policy.Age.Bands, func(a, b engine.AgeBand) bool { return a.ID == b.ID }) {
		return nil
	}
	var figs []app.UI
	for ai, a := range v.Baseline.Age.Bands {
		figs = append(figs, app.Figure().Class("figure").Body(
			app.FigCaption().Class("caption").Text("Annual budget by score, age band "+a.Label+": published (solid) and scenario (dashed)"),
			app.Raw(budgetCompareSVG(v.Baseline, v.Policy, ai)),
		))
	}
	return app.Section().Class("section").Aria("labelledby", "charts-title").Body(
		app.H2().ID("charts-title").Class("h2").Text("The budget by score, published and scenario"),
		app.Div().Class("charts").Body(figs...),
	)
}

// cohortImpact shows what the scenario does to a whole cohort, compared
// again on every change: the totals, who gains and who loses.
func (s *scenarioPage) cohortImpact() app.UI {
	lc := tabCohort
	body := []app.UI{app.H2().ID("impact-title").Class("h2").Text("On a whole cohort")}
	switch {
	case s.run.running:
		body = append(body, progressView("impact-progress", &s.run))
	case lc == nil:
		body = append(body,
			app.P().Text("See what the change does to every child of a cohort, worked out again as you change a value. The file is read here, in your browser, and never uploaded anywhere."),
			app.Button().Type("button").Class("button secondary").ID("impact-demo").Text("Use the demonstration cohort (synthetic)").OnClick(s.onImpactDemo),
			fileField(field{id: "impact-file", label: "Or a cohort file (CSV) on this device",
				hint: "One child a row, with the columns id, score, and age or date_of_birth; the cohort page says more.", err: s.run.err},
				".csv,text/csv", s.onImpactFile),
			app.P().Body(
				app.Text("Or see every figure of a cohort under this scenario on the "),
				app.A().ID("scenario-cohort-link").Href(link("/cohort")+"#"+s.sc.Link()).Text("cohort page"),
				app.Text("."),
			),
		)
	default:
		body = append(body, s.impactSummary(lc))
	}
	return app.Section().ID("cohort-impact").Class("section").Aria("labelledby", "impact-title").Body(body...)
}

func (s *scenarioPage) impactSummary(lc *scenario.Cohort) app.UI {
	summary := app.Div().ID("impact-summary").Aria("live", "polite").
		Attr("data-rows", lc.Held.Rows()).Attr("data-summaries", s.impact.Shown).
		Attr("data-resummary-ms", s.impact.Took.Milliseconds())
	links := app.P().Class("no-print").Body(
		app.A().Href(link("/cohort")+"#"+s.sc.Link()).Text("Every figure for this cohort"),
		app.Text(" · "),
		app.Button().Type("button").Class("link-button").ID("impact-clear").Text("Use another cohort").OnClick(s.onImpactClear),
	)
	res := s.impact.Result
	switch {
	case res == nil && s.impact.Busy:
		return summary.Body(app.P().Class("muted").Role("status").Text("Comparing " + itoa(lc.Held.Rows()) + " rows…"))
	case res == nil:
		return summary.Body(app.P().Class("muted").Text("The scenario has a mistake, so no figure is shown for "+lc.Title()+"."), links)
	}
	a, b := res.Cmp.Baseline, res.Cmp.Scenario
	gain, lose := 0, 0
	for _, c := range res.Cmp.Changed {
		gain += c.Gain
		lose += c.Lose
	}
	diff := b.TotalAllocation.Sub(a.TotalAllocation)
	change := "no change"
	switch diff.Sign() {
	case 1:
		change = engine.FormatMoney(diff) + " more"
	case -1:
		change = engine.FormatMoney(diff.Neg()) + " less"
	}
	items := []app.UI{
		app.Li().Text(itoa(gain) + " gain, " + itoa(lose) + " lose, the others are unchanged."),
	}
	if rejected := b.RejectedRows - a.RejectedRows; rejected > 0 {
		items = append(items, app.Li().Text(children(rejected)+" the published policy takes, the scenario does not."))
	}
	if a.Budget != nil && b.Budget != nil {
		items = append(items, app.Li().Text(a.Budget.Budget.Label+": "+engine.FormatMoney(a.Budget.Spend)+" spent now, "+engine.FormatMoney(b.Budget.Spend)+" under the scenario, of "+engine.FormatMoney(a.Budget.Budget.Amount)+"."))
	}
	if lc.RowErrN > 0 {
		items = append(items, app.Li().Text(plural(lc.RowErrN, "row")+" with mistakes, left out: see them on the cohort page."))
	}
	return summary.Body(
		app.P().Class("sentence").ID("impact-sentence").Text(s.sc.Sentence(res.Cmp)),
		app.P().Class("headline").Body(
			app.Text(children(a.Children)+" of "+lc.Title()+": total allocation "),
			app.Strong().Text(engine.FormatMoney(a.TotalAllocation)),
			app.Text(" under "+map[bool]string{true: "the published policy", false: s.sc.FromName()}[s.sc.Kept() == nil]+", "),
			app.Strong().ID("impact-total").Text(engine.FormatMoney(b.TotalAllocation)),
			app.Text(" under the scenario: "+change+"."),
		),
		app.Ul().Class("list").Body(items...),
		links,
	)
}
