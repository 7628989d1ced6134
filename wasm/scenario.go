package main

import (
	"errors"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// scenarioPage is the councillors' page: start from a policy, change its
// rates and rules, see what the change alters and compare a child's budget
// under both. The scenario is the policy file with changes, read as strictly
// as any; it can be downloaded as YAML or shared as a link holding only the
// changes.
type scenarioPage struct {
	app.Compo
	base   string            // the baseline policy's id
	typed  map[string]string // what was typed, by key path, for values changed
	notes  map[string]string // why, by key path
	pasted string            // a whole policy file pasted or loaded instead
	child  engine.Fields
	copied bool
	v      scenarioView

	pastedRead pastedFile // s.pasted, read once

	// The tab's cohort, compared again on every change.
	run        cohortRead
	impact     *comparison
	impactGen  int           // counts the comparisons begun, so a stale one is dropped
	impactBusy bool          // a large cohort is being compared in the background
	impactTime time.Duration // from the last change to its figures
	impactN    int           // how many comparisons have been shown
	ctx        app.Context   // the page's own, for the work that outlasts an event
}

func (s *scenarioPage) OnMount(ctx app.Context) { s.ctx = ctx }

// scenarioView is what the page's state comes to.
type scenarioView struct {
	baseline *engine.Policy
	baseText []byte
	baseVals engine.Values // baseText read once, for the form's published values
	pasted   engine.Values // a pasted file read once, for the form's values
	params   []param
	changes  []engine.Change
	scen     engine.Values  // the scenario's policy file, as values
	policy   *engine.Policy // nil while the scenario has mistakes
	errs     engine.Errors
	altered  []engine.Decision
}

// param is one value of a policy a councillor can change through the form.
type param struct {
	Path    string
	Label   string
	Group   string
	List    bool     // a list, typed with commas
	Choices []string // the values of a choice
}

func (s *scenarioPage) OnPreRender(ctx app.Context) { s.load(ctx) }
func (s *scenarioPage) OnNav(ctx app.Context) {
	s.ctx = ctx
	s.load(ctx)
	warmUp(ctx, s.v.baseline)
}

func (s *scenarioPage) load(ctx app.Context) {
	ctx.Page().SetTitle("Try a change to the rules – OpenRAS")
	ctx.Page().SetDescription("Change a council's rates and rules and see what the change does, to one child and against the published policy.")
	s.fromFragment(ctx.Page().URL().Fragment)
	s.resummarise(ctx, time.Now())
}

// fromFragment reads the page's state from a link's fragment.
func (s *scenarioPage) fromFragment(fragment string) {
	s.typed, s.notes = map[string]string{}, map[string]string{}
	values, _ := url.ParseQuery(fragment)
	s.base = values.Get("policy")
	if shipped.byID[s.base] == nil {
		s.base = examplePolicy()
	}
	for _, c := range values["c"] {
		path, value, _ := strings.Cut(c, "=")
		s.typed[path] = typedOf(value)
	}
	for _, n := range values["n"] {
		path, note, _ := strings.Cut(n, "=")
		s.notes[path] = note
	}
	s.child = engine.Fields{Score: values.Get("score"), Age: values.Get("age"), CurrentCost: values.Get("current_cost")}
	if s.child.Score == "" && s.child.Age == "" {
		s.child = engine.Fields{Score: "261", Age: "12", CurrentCost: "15000"}
	}
	s.update()
}

// typedOf is how a YAML value reads in a form field: a list with commas.
func typedOf(value string) string {
	v, list, ok := engine.ValueAt([]byte("v: "+value), "v")
	switch {
	case !ok:
		return value
	case list != nil:
		return strings.Join(list, ", ")
	}
	return v
}

// yamlOf is a typed value as YAML: quoted, so that it reaches the policy
// reader as typed, mistakes included.
func yamlOf(p param, typed string) string {
	if !p.List {
		return strconv.Quote(strings.TrimSpace(typed))
	}
	var items []string
	for _, it := range strings.Split(typed, ",") {
		items = append(items, strconv.Quote(strings.TrimSpace(it)))
	}
	return "[" + strings.Join(items, ", ") + "]"
}

// update works out the scenario from the page's state: the baseline, or a
// pasted file, with the values typed into the form on top; its changes are
// what differs from the baseline.
func (s *scenarioPage) update() {
	v := scenarioView{baseline: shipped.byID[s.base]}
	v.baseText, v.baseVals = baseValues(s.base)
	start, startErr := v.baseVals, error(nil)
	v.params = params(v.baseline)
	if s.pasted != "" {
		if s.pastedRead.text != s.pasted {
			s.pastedRead = readPasted(s.pasted)
		}
		v.pasted, start, startErr = s.pastedRead.vals, s.pastedRead.vals, s.pastedRead.err
		if v.baseline != nil && s.pastedRead.policy != nil {
			v.params = params(s.pastedRead.policy) // the form follows the file: illustrative prices give rates to edit
		}
	}
	var typed []engine.Change
	for _, p := range v.params {
		if t, ok := s.typed[p.Path]; ok {
			typed = append(typed, engine.Change{Path: p.Path, Value: yamlOf(p, t)})
		}
	}
	err := startErr
	switch {
	case err != nil:
	case s.pasted == "" && len(typed) == 0:
		// The published policy itself: nothing to read again.
		v.scen, v.policy = v.baseVals, v.baseline
	default:
		// The values typed, on the file read once: a mistake is reported
		// at its line in that file.
		v.scen, err = start.With(typed)
		if err == nil {
			v.changes, err = v.baseVals.Diff(v.scen)
		}
		if err == nil {
			v.policy, err = v.scen.Policy("")
		}
	}
	for i := range v.changes {
		v.changes[i].Note = s.notes[v.changes[i].Path]
	}
	switch e := err.(type) {
	case nil:
	case engine.Errors:
		v.errs = e
	case *engine.Error:
		v.errs = engine.Errors{e}
	default:
		v.errs = engine.Errors{{Msg: err.Error()}}
	}
	if v.baseline != nil {
		v.altered = v.baseline.Affected(v.changes)
	}
	s.v = v
}

// baseValues is a shipped policy's file, and its values read once: the
// form compares every field with them at every keystroke.
func baseValues(id string) ([]byte, engine.Values) {
	baseRead.Lock()
	defer baseRead.Unlock()
	if r, ok := baseRead.byID[id]; ok {
		return r.text, r.vals
	}
	text, _ := policies.Text(id)
	vals := engine.ReadValues(text)
	baseRead.byID[id] = policyFile{text, vals}
	return text, vals
}

// policyFile is a policy file with its values.
type policyFile struct {
	text []byte
	vals engine.Values
}

var baseRead = struct {
	sync.Mutex
	byID map[string]policyFile
}{byID: map[string]policyFile{}}

// pastedFile is a policy file pasted or loaded, read once.
type pastedFile struct {
	text   string
	vals   engine.Values
	err    error          // the file is not YAML
	policy *engine.Policy // the file as a policy; nil while it has mistakes
}

func readPasted(text string) pastedFile {
	r := pastedFile{text: text}
	if len(text) > engine.MaxPolicySize {
		_, r.err = engine.ParsePolicy("", []byte(text)) // says how large a file may be
		return r
	}
	r.vals, r.err = engine.ParseValues([]byte(text))
	if r.err == nil {
		r.policy, _ = engine.ParsePolicy("", []byte(text))
	}
	return r
}

// illustrativePrices are prices a councillor may try under a policy whose
// council has not published its own: every figure from them is labelled as
// illustrative. The rates are a starting point to change, not an estimate.
func illustrativePrices(p *engine.Policy) []engine.Change {
	rates := make([]string, len(p.Age.Bands))
	for i, a := range p.Age.Bands {
		rates[i] = a.ID + `: {100-149: "750.00", 150-199: "0.25", 200-259: "0.60", 260-plus: "0.90"}`
	}
	return []engine.Change{
		{Path: "prices", Value: `{published: true, illustrative: true, source: "Illustrative prices supplied in a scenario, not the council's", fixed_unit: "£ a year", per_point_unit: "£ per point per week, applied to the whole score", weeks_per_year: 52}`},
		{Path: "scores", Value: `{source: "Illustrative score bands supplied in a scenario", eligibility_threshold: 100, below_threshold_message: "Under the illustrative threshold: no budget from these illustrative prices.", bands: [` +
			`{id: below-100, label: "Below 100", from: 0, to: 99, basis: none, route: none}, ` +
			`{id: 100-149, label: "100–149", from: 100, to: 149, basis: fixed-annual, route: social-worker}, ` +
			`{id: 150-199, label: "150–199", from: 150, to: 199, basis: per-point-weekly, route: brokerage}, ` +
			`{id: 200-259, label: "200–259", from: 200, to: 259, basis: per-point-weekly, route: brokerage}, ` +
			`{id: 260-plus, label: "260+", from: 260, basis: per-point-weekly, route: brokerage}]}`},
		{Path: "routes", Value: `{source: "Illustrative", none: "No personal budget from these illustrative prices.", social-worker: "A set allocation managed by a social worker (illustrative).", brokerage: "A personal budget planned with support (illustrative)."}`},
		{Path: "rates", Value: "{" + strings.Join(rates, ", ") + "}"},
	}
}

func (s *scenarioPage) onIllustrative(ctx app.Context, e app.Event) {
	text, err := engine.ApplyChanges(s.v.baseText, illustrativePrices(s.v.baseline))
	if err != nil {
		return
	}
	s.pasted, s.typed = string(text), map[string]string{}
	s.changed(ctx)
}

func baseValue(vals engine.Values, p param) (string, bool) {
	v, list, ok := vals.At(p.Path)
	if list != nil {
		return strings.Join(list, ", "), ok
	}
	return v, ok
}

// params lists the values of a policy the form offers to change: the rates
// cell by cell, the eligibility threshold, moderation, the transition groups'
// edges, fractions and stage timing, the notice period and the rounding.
func params(p *engine.Policy) []param {
	if p == nil {
		return nil
	}
	var ps []param
	if p.Prices.Published && p.Scores != nil {
		for _, a := range p.Age.Bands {
			for _, b := range p.Scores.Bands {
				if b.Basis != engine.BasisNone {
					ps = append(ps, param{Path: "rates." + a.ID + "." + b.ID, Label: a.Label + ", " + b.Label, Group: "Rates"})
				}
			}
		}
		ps = append(ps, param{Path: "scores.eligibility_threshold", Label: "Eligibility threshold (points)", Group: "Eligibility and moderation"})
	}
	if p.Moderation != nil {
		ps = append(ps,
			param{Path: "moderation.window", Label: "Moderation window (points either side of a step)", Group: "Eligibility and moderation"},
			param{Path: "moderation.inclusive", Label: "A score exactly that far from a step is moderated", Group: "Eligibility and moderation", Choices: []string{"true", "false"}},
			param{Path: "moderation.steps", Label: "Steps (scores)", Group: "Eligibility and moderation", List: true},
		)
	}
	for i, g := range p.Transition.Groups {
		n := strconv.Itoa(i + 1)
		group := "Transition group " + g.ID
		if i > 0 {
			ps = append(ps, param{Path: "transition.groups." + n + ".decrease_from", Label: "Decreases from (£ a year)", Group: group})
		}
		if i < len(p.Transition.Groups)-1 {
			ps = append(ps, param{Path: "transition.groups." + n + ".decrease_to", Label: "Decreases up to (£ a year)", Group: group})
		}
		if g.Effect == engine.EffectStaged {
			ps = append(ps, param{Path: "transition.groups." + n + ".fractions", Label: "Fractions of the difference, a stage each", Group: group, List: true})
			if g.StageDates != nil {
				ps = append(ps, param{Path: "transition.groups." + n + ".stage_dates", Label: "Stage dates (year-month-day)", Group: group, List: true})
			} else {
				ps = append(ps, param{Path: "transition.groups." + n + ".stage_months_after_plan", Label: "Stages, in months after the plan date", Group: group, List: true})
			}
		}
	}
	if p.Notice != nil {
		ps = append(ps, param{Path: "notice.months", Label: "Notice before a reduction (months)", Group: "Notice and rounding"})
	}
	ps = append(ps,
		param{Path: "rounding.places", Label: "Decimal places of amounts", Group: "Notice and rounding", Choices: []string{"0", "1", "2"}},
		param{Path: "rounding.mode", Label: "Rounding", Group: "Notice and rounding", Choices: []string{"half-away-from-zero", "half-even", "down", "up"}},
	)
	return ps
}

// fragment is the scenario as a link: the baseline, the changes and their
// notes, and the child compared.
func (s *scenarioPage) fragment() string {
	q := url.Values{}
	q.Set("policy", s.base)
	for _, c := range s.v.changes {
		q.Add("c", c.Path+"="+c.Value)
		if c.Note != "" {
			q.Add("n", c.Path+"="+c.Note)
		}
	}
	for k, v := range map[string]string{"score": s.child.Score, "age": s.child.Age, "current_cost": s.child.CurrentCost} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q.Encode()
}

func (s *scenarioPage) changed(ctx app.Context) {
	began := time.Now()
	s.copied = false
	s.update()
	if app.IsClient {
		app.Window().Get("history").Call("replaceState", nil, "", "#"+s.fragment())
	}
	s.resummarise(ctx, began)
}

// resummarise compares the tab's cohort, if one is loaded, under the
// scenario as it now stands: at once for a cohort of up to atOnceRows rows,
// so the new figures come with the change.
func (s *scenarioPage) resummarise(ctx app.Context, began time.Time) {
	lc := tabCohort
	s.impactGen++
	s.impactBusy = false
	if lc == nil || s.v.baseline == nil {
		s.impact = nil
		return
	}
	if lc.held.Baseline() != s.v.baseline {
		s.impact = nil
		if !s.run.running {
			holdCohort(s.ctx, &s.run, s.v.baseline, lc.name, lc.src, lc.synthetic, func(ctx app.Context, _ *loadedCohort) {
				s.resummarise(ctx, began)
			})
		}
		return
	}
	scen := s.v.policy
	if len(s.v.changes) == 0 {
		scen = s.v.baseline // the published policy alone
	}
	if scen == nil {
		s.impact = nil // a mistake: no figure is shown from the scenario
		return
	}
	gen := s.impactGen
	s.impactBusy = true
	compareCohort(s.ctx, lc, scen, func() bool { return s.impactGen == gen }, func(ctx app.Context, res comparison) {
		s.impact, s.impactBusy = &res, false
		s.impactTime = time.Since(began)
		s.impactN++
	})
}

func (s *scenarioPage) onImpactFile(ctx app.Context, e app.Event) {
	began := time.Now()
	readFile(ctx.JSSrc(), s.ctx, &s.run, func(ctx app.Context, name string, src cohortSource) { s.hold(ctx, name, src, false, began) })
}

func (s *scenarioPage) onImpactDemo(ctx app.Context, e app.Event) {
	began := time.Now()
	fetchDemo(s.ctx, func(ctx app.Context, name string, src cohortSource) { s.hold(ctx, name, src, true, began) })
}

func (s *scenarioPage) hold(ctx app.Context, name string, src cohortSource, synthetic bool, began time.Time) {
	s.impact = nil
	holdCohort(s.ctx, &s.run, s.v.baseline, name, src, synthetic, func(ctx app.Context, _ *loadedCohort) {
		s.resummarise(ctx, began)
	})
}

// onImpactClear lets the tab's cohort go, to load another.
func (s *scenarioPage) onImpactClear(ctx app.Context, e app.Event) {
	tabCohort, s.impact = nil, nil
	s.impactGen++
}

// onValue stores a value typed into the field of the key path the input
// names in its data-path: read from the input, not captured, since go-app
// keeps an input's handler when it reuses the input for another value (as it
// does when the baseline changes).
func (s *scenarioPage) onValue(ctx app.Context, e app.Event) {
	path := ctx.JSSrc().Get("dataset").Get("path").String()
	v := ctx.JSSrc().Get("value").String()
	for _, p := range s.v.params {
		if p.Path != path {
			continue
		}
		if base, _ := baseValue(s.v.baseVals, p); strings.TrimSpace(v) == base {
			delete(s.typed, path)
		} else {
			s.typed[path] = v
		}
		s.changed(ctx)
		return
	}
}

func (s *scenarioPage) onNote(ctx app.Context, e app.Event) {
	s.notes[ctx.JSSrc().Get("dataset").Get("path").String()] = ctx.JSSrc().Get("value").String()
	s.changed(ctx)
}

func (s *scenarioPage) onBase(id string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		s.base, s.typed, s.notes, s.pasted = id, map[string]string{}, map[string]string{}, ""
		s.changed(ctx)
	}
}

func (s *scenarioPage) onChild(field string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		v := ctx.JSSrc().Get("value").String()
		switch field {
		case engine.FieldScore:
			s.child.Score = v
		case engine.FieldAge:
			s.child.Age = v
		case engine.FieldCurrentCost:
			s.child.CurrentCost = v
		}
		s.changed(ctx)
	}
}

// onPaste takes a whole policy file pasted: it replaces the values changed
// in the form before it.
func (s *scenarioPage) onPaste(ctx app.Context, e app.Event) {
	s.pasted = ctx.JSSrc().Get("value").String()
	s.typed, s.notes = map[string]string{}, map[string]string{}
	s.changed(ctx)
}

// onFile reads a policy file chosen on the device. It is read in the
// browser; nothing is sent anywhere.
func (s *scenarioPage) onFile(ctx app.Context, e app.Event) {
	files := ctx.JSSrc().Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	var done app.Func
	done = app.FuncOf(func(this app.Value, args []app.Value) any {
		text := args[0].String()
		ctx.Dispatch(func(ctx app.Context) {
			s.pasted = text
			s.typed, s.notes = map[string]string{}, map[string]string{}
			s.changed(ctx)
		})
		done.Release()
		return nil
	})
	files.Index(0).Call("text").Call("then", done)
}

func (s *scenarioPage) onReset(ctx app.Context, e app.Event) {
	s.typed, s.notes, s.pasted = map[string]string{}, map[string]string{}, ""
	s.changed(ctx)
}

// onDownload saves the scenario's policy file, made in the browser.
func (s *scenarioPage) onDownload(ctx app.Context, e app.Event) {
	blob := app.Window().Get("Blob").New([]any{s.download()}, map[string]any{"type": "application/yaml"})
	href := app.Window().Get("URL").Call("createObjectURL", blob)
	a := app.Window().Get("document").Call("createElement", "a")
	a.Set("href", href)
	a.Set("download", s.base+"-scenario.yaml")
	a.Call("click")
	app.Window().Get("URL").Call("revokeObjectURL", href)
}

// download is the scenario's file, opening with what it changes and why.
func (s *scenarioPage) download() string {
	var b strings.Builder
	b.WriteString("# A scenario made with OpenRAS from " + s.v.baseline.Name + ". Changed:\n")
	for _, c := range s.v.changes {
		b.WriteString("#   " + c.Path + ": " + orNone(c.Was) + " -> " + orNone(c.Value))
		if c.Note != "" {
			b.WriteString(" (" + c.Note + ")")
		}
		b.WriteString("\n")
	}
	text, _ := s.v.scen.Text()
	b.Write(text)
	return b.String()
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func (s *scenarioPage) onCopy(ctx app.Context, e app.Event) {
	loc := app.Window().Get("location")
	clip := app.Window().Get("navigator").Get("clipboard")
	if clip.Truthy() {
		clip.Call("writeText", loc.Get("origin").String()+loc.Get("pathname").String()+"#"+s.fragment())
		s.copied = true
	}
}

func (s *scenarioPage) errorFor(path string) *engine.Error {
	for _, e := range s.v.errs {
		if e.Field == path || strings.HasPrefix(e.Field, path+".") {
			return e
		}
	}
	return nil
}

func (s *scenarioPage) Render() app.UI {
	v := s.v
	if v.baseline == nil {
		return shell("/scenario", app.H1().Text("Try a change to the rules"), app.P().Text("No policy is loaded."))
	}
	return shell("/scenario",
		app.H1().Text("Try a change to the rules"),
		app.P().Class("lead").Text("Start from a council's published policy, change any rate or rule, and see what the change does: to one child, and which of the policy's Decisions it alters. Nothing is sent anywhere; share the scenario as a link, or download it as a policy file."),
		app.If(len(v.errs) > 0, func() app.UI { return scenarioErrors(v.errs, s.pasted != "") }).
			Else(func() app.UI { return app.Div().Class("error-summary-slot") }),
		s.baseField(),
		app.If(!v.baseline.Prices.Published && (v.policy == nil || !v.policy.Prices.Published), func() app.UI {
			return app.Div().Class("inset").Body(
				app.P().Text(v.baseline.Prices.UnpublishedMessage),
				app.Button().Type("button").Class("button secondary").ID("illustrative").Text("Try illustrative prices (not the council's)").OnClick(s.onIllustrative),
			)
		}),
		app.If(v.policy != nil && v.policy.Prices.Illustrative, func() app.UI {
			return app.Div().Class("warning").Role("note").Text("Illustrative prices: supplied in this scenario, not published by " + v.baseline.Council + ". No figure from them is the council's.")
		}),
		app.Div().Class("scenario-columns").Body(
			app.Div().Body(s.paramForm()...),
			app.Div().Class("scenario-results").Body(
				s.summary(),
				s.childCompare(),
				s.cohortImpact(),
			),
		),
		s.charts(),
	)
}

// scenarioErrors is the error summary of a scenario's mistakes. A pasted
// file's mistakes give their lines in it; a value typed in the form is named
// by its key path alone, since the file behind the form is not on the page.
func errorText(e *engine.Error, pasted bool) string {
	if pasted {
		return e.Error()
	}
	c := *e
	c.Line = 0
	return c.Error()
}

func scenarioErrors(errs engine.Errors, pasted bool) app.UI {
	items := make([]app.UI, len(errs))
	for i, e := range errs {
		target := "param-" + strings.ReplaceAll(e.Field, ".", "-")
		items[i] = app.Li().Body(app.A().Href("#" + target).Text(errorText(e, pasted)))
	}
	return app.Div().ID("error-summary").Class("error-summary").TabIndex(-1).Role("alert").Aria("labelledby", "error-summary-title").Body(
		app.H2().ID("error-summary-title").Class("error-summary-title").Text("The scenario has a mistake, so no figure is shown from it"),
		app.Ul().Class("error-summary-list").Body(items...),
	)
}

func (s *scenarioPage) baseField() app.UI {
	var radios []app.UI
	for _, id := range policyIDs() {
		p := shipped.byID[id]
		radios = append(radios, app.Div().Class("radio").Body(
			app.Input().Type("radio").ID("base-"+id).Name("base").Value(id).Checked(s.base == id).OnChange(s.onBase(id)),
			app.Label().For("base-"+id).Class("radio-label").Text(p.Name+": "+p.Council),
		))
	}
	return app.FieldSet().Class("fieldset form-group").Body(
		app.Legend().Class("legend").Text("Start from"),
		app.Div().Class("radios").Body(radios...),
	)
}

func (s *scenarioPage) paramForm() []app.UI {
	v := s.v
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
	for _, p := range v.params {
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
		app.Div().Class("form-group").Body(
			app.Label().For("policy-file").Class("label").Text("A policy file on this device (.yaml)"),
			app.Div().ID("policy-file-hint").Class("hint").Text("It is read here, in your browser, and not uploaded anywhere."),
			app.Input().Type("file").ID("policy-file").Accept(".yaml,.yml,text/yaml").Aria("describedby", "policy-file-hint").OnChange(s.onFile),
		),
		app.Div().Class("form-group").Body(
			app.Label().For("policy-text").Class("label").Text("Or paste its text"),
			app.Div().ID("policy-text-hint").Class("hint").Text("A file loaded or pasted replaces the values changed above; change its values in the form after."),
			app.Textarea().ID("policy-text").Class("textarea").Rows(8).Aria("describedby", "policy-text-hint").Text(s.pasted).OnInput(s.onPaste),
		),
	))
	out = append(out, app.Button().Type("button").Class("button secondary").Text("Start again from the published policy").OnClick(s.onReset))
	return out
}

// ratesTable lays out the rates as the report prints them, a field a cell.
func (s *scenarioPage) ratesTable() app.UI {
	p := s.v.baseline
	if s.pasted != "" && s.pastedRead.policy != nil {
		p = s.pastedRead.policy // a file with prices of its own, illustrative ones say
	}
	if !p.Prices.Published || p.Scores == nil {
		return nil
	}
	head := []app.UI{app.Th().Scope("col").Text("Age band")}
	for _, b := range p.Scores.Bands {
		if b.Basis != engine.BasisNone {
			head = append(head, app.Th().Scope("col").Text(b.Label))
		}
	}
	var rows, notes []app.UI
	for _, a := range p.Age.Bands {
		cells := []app.UI{app.Th().Scope("row").Text(a.Label)}
		for _, b := range p.Scores.Bands {
			if b.Basis == engine.BasisNone {
				continue
			}
			pr := param{Path: "rates." + a.ID + "." + b.ID, Label: a.Label + ", " + b.Label, Group: "Rates"}
			cells = append(cells, app.Td().Body(s.cell(pr)))
			if _, _, changed := s.valueOf(pr); changed && s.pasted == "" {
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
func (s *scenarioPage) cell(p param) app.UI {
	id := "param-" + strings.ReplaceAll(p.Path, ".", "-")
	base, value, changed := s.valueOf(p)
	e := s.errorFor(p.Path)
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

// valueOf is a parameter's published value, the value the scenario gives
// it, and whether they differ.
func (s *scenarioPage) valueOf(p param) (base, value string, changed bool) {
	base, _ = baseValue(s.v.baseVals, p)
	value = base
	if typed, ok := s.typed[p.Path]; ok {
		value, changed = typed, true
	}
	if s.pasted != "" {
		if v, list, ok := s.v.pasted.At(p.Path); ok {
			value = v
			if list != nil {
				value = strings.Join(list, ", ")
			}
			changed = value != base
		}
	}
	return base, value, changed
}

func (s *scenarioPage) paramField(p param) app.UI {
	id := "param-" + strings.ReplaceAll(p.Path, ".", "-")
	base, value, changed := s.valueOf(p)
	e := s.errorFor(p.Path)
	class := "form-group param"
	if changed {
		class += " param-changed"
	}
	if e != nil {
		class += " form-group-error"
	}
	hint := "The published value: " + orNone(base) + "."
	var input app.UI
	if p.Choices != nil {
		opts := make([]app.UI, len(p.Choices))
		for i, c := range p.Choices {
			opts[i] = app.Option().Value(c).Selected(c == value).Text(c)
		}
		input = app.Select().ID(id).Class("select").Aria("describedby", id+"-hint").DataSet("path", p.Path).OnChange(s.onValue).Body(opts...)
	} else {
		input = app.Input().Type("text").ID(id).Class("input w10").Value(value).Attr("spellcheck", "false").
			Aria("describedby", id+"-hint").DataSet("path", p.Path).OnInput(s.onValue)
	}
	return app.Div().Class(class).Body(
		app.Label().For(id).Class("label").Text(p.Label),
		app.Div().ID(id+"-hint").Class("hint").Body(
			app.Text(hint),
			app.If(changed, func() app.UI { return app.Strong().Class("changed-tag").Text(" Changed.") }),
		),
		app.If(e != nil, func() app.UI {
			return app.P().ID(id+"-error").Class("error-message").Body(app.Span().Class("visually-hidden").Text("Error: "), app.Text(errorText(e, s.pasted != "")))
		}).Else(func() app.UI { return app.Span().Class("error-slot") }),
		input,
		app.If(changed && s.pasted == "", func() app.UI { return s.noteField(p, "Why (optional)") }),
	)
}

// noteField is where a councillor says why a value changed.
func (s *scenarioPage) noteField(p param, label string) app.UI {
	id := "param-" + strings.ReplaceAll(p.Path, ".", "-") + "-note"
	return app.Div().Class("note").Body(
		app.Label().For(id).Class("label note-label").Text(label),
		app.Input().Type("text").ID(id).Class("input").Value(s.notes[p.Path]).DataSet("path", p.Path).OnInput(s.onNote),
	)
}

// summary lists what the scenario changes and the Decisions it alters.
func (s *scenarioPage) summary() app.UI {
	v := s.v
	if len(v.changes) == 0 {
		return app.Div().Class("live").Aria("live", "polite").Body(
			app.P().Class("headline muted").Text("No change yet: this is the published policy. Change a value to see what it does."),
		)
	}
	rows := make([]app.UI, len(v.changes))
	for i, c := range v.changes {
		rows[i] = app.Tr().Body(
			app.Td().Text(c.Path),
			app.Td().Text(orNone(typedOf(c.Was))),
			app.Td().Class("changed-cell").Text(orNone(typedOf(c.Value))),
			app.Td().Text(c.Note),
		)
	}
	altered := make([]app.UI, len(v.altered))
	for i, d := range v.altered {
		altered[i] = app.Li().Text(d.Wording)
	}
	return app.Div().Body(
		app.Div().Class("live").Aria("live", "polite").Body(
			app.P().Class("headline").Text(plural(len(v.changes), "change")+" to "+v.baseline.Name+
				map[bool]string{true: ", with a mistake: no figure is shown from it.", false: "."}[len(v.errs) > 0]),
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
			app.Button().Type("button").Class("button secondary").Text("Download the scenario (YAML)").Disabled(len(v.errs) > 0).OnClick(s.onDownload),
			app.Button().Type("button").Class("button secondary").Text("Copy a link to this scenario").OnClick(s.onCopy),
			app.P().Class("hint").Aria("live", "polite").Text(map[bool]string{true: "Link copied: it holds only the changes.", false: "The link holds only the changes, after the # sign."}[s.copied]),
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
	v := s.v
	fieldsIn := func(id, label, value, field string) app.UI {
		return app.Div().Class("form-group inline-group").Body(
			app.Label().For(id).Class("label").Text(label),
			app.Input().Type("text").ID(id).Class("input w5").Value(value).Attr("inputmode", "numeric").OnInput(s.onChild(field)),
		)
	}
	c, err := s.child.Case()
	var base, scen *engine.Result
	var msg, baseMsg, scenMsg string
	if err != nil {
		msg = "Enter a score, an age and, if you like, a current cost."
	} else {
		// Each is worked out on its own: illustrative prices give a figure
		// where the published policy cannot.
		if base, err = engine.Evaluate(v.baseline, c); err != nil {
			baseMsg = childMessage(err)
		}
		if v.policy != nil {
			if scen, err = engine.Evaluate(v.policy, c); err != nil {
				scenMsg = childMessage(err)
			}
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
		if other != nil && !r.AnnualBudget.Equal(other.AnnualBudget) {
			cls += " differs"
		}
		items := []app.UI{
			app.H3().Class("h3").Text(title),
			app.P().Class("headline").Body(app.Strong().Class(cls).Text(engine.FormatMoney(r.AnnualBudget) + " a year")),
		}
		if r.Moderation.Flagged {
			items = append(items, app.P().Text("Moderation at the step at "+itoa(r.Moderation.Step)+"."))
		}
		if t := r.Transition; t != nil {
			lines := make([]app.UI, len(t.Schedule))
			for i, e := range t.Schedule {
				lines[i] = app.Li().Text(e.From.Long() + ": " + engine.FormatMoney(e.Amount))
			}
			items = append(items, app.P().Text("Group "+t.Group.ID+"."), app.Ul().Class("list").Body(lines...))
		}
		return app.Div().Class("compare-col").Body(items...)
	}
	return app.Section().Class("section").Aria("labelledby", "child-title").Body(
		app.H2().ID("child-title").Class("h2").Text("Compare for one child"),
		app.Div().Class("inline-fields").Body(
			fieldsIn("child-score", "Score", s.child.Score, engine.FieldScore),
			fieldsIn("child-age", "Age", s.child.Age, engine.FieldAge),
			fieldsIn("child-cost", "Current cost, £", s.child.CurrentCost, engine.FieldCurrentCost),
		),
		app.If(msg != "", func() app.UI { return app.P().Class("muted").Text(msg) }),
		app.Div().Class("compare").Aria("live", "polite").Body(
			column("Published: "+v.baseline.Name, base, scen, baseMsg),
			column(map[bool]string{true: "Scenario (illustrative prices)", false: "Scenario"}[v.policy != nil && v.policy.Prices.Illustrative], scen, base, scenMsg),
		),
	)
}

// childMessage is why a policy gives the child compared no figure, in
// words: the messages of the case's fields, without their key paths.
func childMessage(err error) string {
	var es engine.Errors
	if errors.As(err, &es) {
		var parts []string
		for _, e := range es {
			parts = append(parts, e.Message())
		}
		return "No figure: " + strings.Join(parts, "; ")
	}
	return "No figure: " + err.Error()
}

// charts overlay the scenario's budget by score on the published one, for
// each age band.
func (s *scenarioPage) charts() app.UI {
	v := s.v
	if v.policy == nil || !v.baseline.Prices.Published || !v.policy.Prices.Published || !slices.EqualFunc(v.baseline.Age.Bands, v.policy.Age.Bands, func(a, b engine.AgeBand) bool { return a.ID == b.ID }) {
		return nil
	}
	var figs []app.UI
	for ai, a := range v.baseline.Age.Bands {
		figs = append(figs, app.Figure().Class("figure").Body(
			app.FigCaption().Class("caption").Text("Annual budget by score, age band "+a.Label+": published (solid) and scenario (dashed)"),
			app.Raw(budgetCompareSVG(v.baseline, v.policy, ai)),
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
			app.Div().Class("form-group").Body(
				app.Label().For("impact-file").Class("label").Text("Or a cohort file (CSV) on this device"),
				app.Div().ID("impact-file-hint").Class("hint").Text("One child a row, with the columns id, score, and age or date_of_birth; the cohort page says more."),
				app.If(s.run.err != "", func() app.UI {
					return app.P().ID("impact-file-error").Class("error-message").Body(app.Span().Class("visually-hidden").Text("Error: "), app.Text(s.run.err))
				}),
				app.Input().Type("file").ID("impact-file").Accept(".csv,text/csv").Aria("describedby", describedBy("impact-file-hint", s.run.err != "", "impact-file-error")).OnChange(s.onImpactFile),
			),
			app.P().Body(
				app.Text("Or see every figure of a cohort under this scenario on the "),
				app.A().ID("scenario-cohort-link").Href(link("/cohort")+"#"+s.fragment()).Text("cohort page"),
				app.Text("."),
			),
		)
	default:
		body = append(body, s.impactSummary(lc))
	}
	return app.Section().ID("cohort-impact").Class("section").Aria("labelledby", "impact-title").Body(body...)
}

func (s *scenarioPage) impactSummary(lc *loadedCohort) app.UI {
	summary := app.Div().ID("impact-summary").Aria("live", "polite").
		Attr("data-rows", lc.held.Rows()).Attr("data-summaries", s.impactN).
		Attr("data-resummary-ms", s.impactTime.Milliseconds())
	links := app.P().Class("no-print").Body(
		app.A().Href(link("/cohort")+"#"+s.fragment()).Text("Every figure for this cohort"),
		app.Text(" · "),
		app.Button().Type("button").Class("link-button").ID("impact-clear").Text("Use another cohort").OnClick(s.onImpactClear),
	)
	res := s.impact
	switch {
	case res == nil && s.impactBusy:
		return summary.Body(app.P().Class("muted").Role("status").Text("Comparing " + itoa(lc.held.Rows()) + " rows…"))
	case res == nil:
		return summary.Body(app.P().Class("muted").Text("The scenario has a mistake, so no figure is shown for "+cohortTitle(lc)+"."), links)
	}
	a, b := res.cmp.Baseline, res.cmp.Scenario
	gain, lose := 0, 0
	for _, c := range res.cmp.Changed {
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
	if lc.rowErrN > 0 {
		items = append(items, app.Li().Text(plural(lc.rowErrN, "row")+" with mistakes, left out: see them on the cohort page."))
	}
	return summary.Body(
		app.P().Class("headline").Body(
			app.Text(children(a.Children)+" of "+cohortTitle(lc)+": total allocation "),
			app.Strong().Text(engine.FormatMoney(a.TotalAllocation)),
			app.Text(" under the published policy, "),
			app.Strong().ID("impact-total").Text(engine.FormatMoney(b.TotalAllocation)),
			app.Text(" under the scenario: "+change+"."),
		),
		app.Ul().Class("list").Body(items...),
		links,
	)
}
