// Package scenario is the model behind the scenario and cohort pages: a
// council's published policy with the changes a councillor tries, read from
// and written to a link; the values a form offers to change; what the
// changes alter, and the scenario's file to download; and a cohort held in
// the tab to compare under it. It has no go-app import: the pages are views
// over it, and it is tested natively.
package scenario

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/wasm/link"
)

// Published finds a council's published policy by its id, or nil for an id
// it does not know. The pages give the policies they ship.
type Published func(id string) *engine.Policy

// Scenario is a published policy, the baseline, with changes: values typed
// into the form, each with a note of why, or a whole policy file pasted or
// loaded instead; and a child to compare under both. The scenario is the
// policy file with the changes, read as strictly as any; it can be
// downloaded as YAML or shared as a link holding only the changes.
//
// Each method that changes the scenario works out again what it comes to:
// the exported fields below, which a page reads and does not set.
type Scenario struct {
	base      string            // the baseline policy's id
	typed     map[string]string // what was typed, by key path, for values changed
	notes     map[string]string // why, by key path
	pasted    string            // a whole policy file pasted or loaded instead
	child     engine.Fields
	published Published

	pastedRead pastedFile // pasted, read once
	kept       *Kept      // a scenario kept as the baseline of this one

	Baseline   *engine.Policy
	BaseText   []byte
	BaseVals   engine.Values   // BaseText read once, for the form's published values
	PastedVals engine.Values   // a pasted file read once, for the form's values
	Params     []Param         // the values the form offers to change
	Changes    []engine.Change // what differs from the baseline, each with its note
	Values     engine.Values   // the scenario's policy file, as values
	Policy     *engine.Policy  // the scenario as a policy; nil while it has mistakes
	Errs       engine.Errors   // the scenario's mistakes
	Altered    []engine.Decision
	LinkErrs   []*link.Problem // the parts of the link that could not be read
}

// The most characters a value typed into the form may hold (a list of
// steps or dates, perhaps), and a note; a key path the form offers is far
// shorter than MaxPath. The form's fields hold no more, and a link no more
// than it takes to write them.
const (
	MaxTyped = 400
	MaxNote  = 2000
	MaxPath  = 100
)

// linkLimits are the limits of a scenario link's parts: a change is its key
// path and its value as YAML, each character of which may be written with
// an escape (\U0010FFFF) and each item of a list quoted.
func linkLimits(name string) int {
	switch name {
	case "c":
		return MaxPath + 1 + 16*MaxTyped
	case "n":
		return MaxPath + 1 + MaxNote
	case "b":
		return MaxPath + 1 + 16*MaxTyped
	case "bn":
		return 16 * MaxKeptName
	}
	return link.MaxValue
}

// cut is text cut to n characters.
func cut(text string, n int) string {
	if len(text) <= n {
		return text
	}
	if r := []rune(text); len(r) > n {
		return string(r[:n])
	}
	return text
}

// ReadLink reads the scenario from a link's fragment: the baseline's id
// (example where the link names none that published knows), the changes and
// their notes, and the child compared. A file pasted before is kept.
func (s *Scenario) ReadLink(fragment string, published Published, example string) {
	s.published = published
	s.typed, s.notes, s.kept = map[string]string{}, map[string]string{}, nil
	// A link cut short or mistyped keeps the parts that read, as much of
	// the scenario as it holds, and says which it left out.
	parts, problems := link.Read(fragment, linkLimits)
	s.base = link.Get(parts, "policy")
	if s.find(s.base) == nil {
		s.base = example
	}
	// A scenario on the illustrative prices of a council that published
	// none links the sections those prices give (its rates among them):
	// they open as the illustrative prices do, with the link's sections in
	// place of the policy file's.
	illustrative := s.illustrativeIn(link.All(parts, "c"))
	var sections []engine.Change
	for _, c := range link.All(parts, "c") {
		path, value, _ := strings.Cut(c, "=")
		if illustrative && illustrativePath(path) {
			sections = append(sections, engine.Change{Path: path, Value: value})
			continue
		}
		typed := TypedOf(value)
		if len([]rune(typed)) > MaxTyped {
			problems = append(problems, &link.Problem{Part: "c", Msg: "The link's change to " + quotedIfNeeded(cut(path, MaxPath)) + " is longer than " + strconv.Itoa(MaxTyped) + " characters: it was left out."})
			continue
		}
		s.typed[path] = typed
	}
	for _, n := range link.All(parts, "n") {
		path, note, _ := strings.Cut(n, "=")
		if len([]rune(note)) > MaxNote {
			problems = append(problems, &link.Problem{Part: "n", Msg: "The link's note on " + quotedIfNeeded(cut(path, MaxPath)) + " is longer than " + strconv.Itoa(MaxNote) + " characters: it was left out."})
			continue
		}
		s.notes[path] = note
	}
	s.child = engine.Fields{Score: link.Get(parts, "score"), Age: link.Get(parts, "age"), CurrentCost: link.Get(parts, "current_cost")}
	if s.child.Score == "" && s.child.Age == "" {
		s.child = engine.Fields{Score: "261", Age: "12", CurrentCost: "15000"}
	}
	if illustrative {
		_, vals := baseValues(s.base)
		withPrices, err := applied(vals, append(slices.Clone(s.find(s.base).Illustrative.Changes), sections...))
		if err != nil {
			problems = append(problems, &link.Problem{Part: "c", Msg: "The link's prices do not read as a policy (" + err.Error() + "): they were left out."})
		} else {
			s.pasted = string(withPrices)
		}
	}
	s.update()
	// A change to a value the form does not offer is not the scenario's:
	// the link says so rather than drop it without a word.
	for _, c := range link.All(parts, "c") {
		path, _, _ := strings.Cut(c, "=")
		if illustrative && illustrativePath(path) {
			continue
		}
		if !slices.ContainsFunc(s.Params, func(p Param) bool { return p.Path == path }) {
			problems = append(problems, &link.Problem{Part: "c", Msg: "The link changes " + quotedIfNeeded(cut(path, MaxPath)) + ", which is not a value of " + s.base + " the form offers: it was left out."})
		}
	}
	if p := s.readKept(link.Get(parts, "bn"), link.All(parts, "b")); p != nil {
		problems = append(problems, p)
	}
	s.LinkErrs = problems
}

// illustrativeIn reports whether a link's changes give prices the baseline
// does not publish but offers as illustrative ones: a change to a section
// the illustrative prices give (prices, scores, routes, rates) that the
// baseline's own form does not offer.
func (s *Scenario) illustrativeIn(changes []string) bool {
	b := s.find(s.base)
	if b == nil || b.Illustrative == nil {
		return false
	}
	offered := Params(b)
	for _, c := range changes {
		path, _, _ := strings.Cut(c, "=")
		if illustrativePath(path) && !slices.ContainsFunc(offered, func(p Param) bool { return p.Path == path }) {
			return true
		}
	}
	return false
}

// illustrativePath reports whether path lies in a section illustrative
// prices give.
func illustrativePath(path string) bool {
	for _, sec := range []string{"prices", "scores", "routes", "rates"} {
		if path == sec || strings.HasPrefix(path, sec+".") {
			return true
		}
	}
	return false
}

func (s *Scenario) find(id string) *engine.Policy {
	if s.published == nil {
		return nil
	}
	return s.published(id)
}

// Link is the scenario as a link's fragment: the baseline, the changes and
// their notes, and the child compared.
func (s *Scenario) Link() string {
	q := url.Values{}
	q.Set("policy", s.base)
	for _, c := range s.Changes {
		q.Add("c", c.Path+"="+c.Value)
		if c.Note != "" {
			q.Add("n", c.Path+"="+c.Note)
		}
	}
	s.kept.link(q)
	for k, v := range map[string]string{"score": s.child.Score, "age": s.child.Age, "current_cost": s.child.CurrentCost} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q.Encode()
}

// Base is the baseline policy's id.
func (s *Scenario) Base() string { return s.base }

// Pasted is the policy file pasted or loaded, or "" for the baseline with
// the form's values.
func (s *Scenario) Pasted() string { return s.pasted }

// PastedPolicy is the pasted file as a policy, or nil while it has mistakes
// or none is pasted.
func (s *Scenario) PastedPolicy() *engine.Policy {
	if s.pasted == "" {
		return nil
	}
	return s.pastedRead.policy
}

// Note is why the value at path changed, in the councillor's words.
func (s *Scenario) Note(path string) string { return s.notes[path] }

// Child is the child compared under both, as typed.
func (s *Scenario) Child() engine.Fields { return s.child }

// SetValue takes a value typed into the field of a key path the form
// offers; a value typed back to the published one is no longer a change. It
// reports whether the form offers the path.
func (s *Scenario) SetValue(path, typed string) bool {
	typed = cut(typed, MaxTyped) // as the field's maxlength does
	for _, p := range s.Params {
		if p.Path != path {
			continue
		}
		if base, _ := baseValue(s.BaseVals, p); strings.TrimSpace(typed) == base {
			delete(s.typed, path)
		} else {
			s.typed[path] = typed
		}
		s.update()
		return true
	}
	return false
}

// SetNote takes why the value at path changed.
func (s *Scenario) SetNote(path, note string) {
	s.notes[path] = cut(note, MaxNote) // as the field's maxlength does
	s.update()
}

// SetChild takes a field of the child compared: engine.FieldScore,
// engine.FieldAge, engine.FieldCurrentCost or engine.FieldAllocation.
func (s *Scenario) SetChild(field, value string) {
	switch field {
	case engine.FieldScore:
		s.child.Score = value
	case engine.FieldAge:
		s.child.Age = value
	case engine.FieldCurrentCost:
		s.child.CurrentCost = value
	case engine.FieldAllocation:
		s.child.Allocation = value
	}
	s.update()
}

// Start starts again from the published policy id, with no change.
func (s *Scenario) Start(id string) {
	s.base, s.kept = id, nil // a baseline kept is of another policy
	s.Reset()
}

// Reset lets every change go: the published policy again.
func (s *Scenario) Reset() {
	s.typed, s.notes, s.pasted = map[string]string{}, map[string]string{}, ""
	s.update()
}

// Pasted is a policy file's text read ahead of its paste (ReadPasted), so
// that a page can read a large file in one task and show it in the next.
type Pasted struct{ read pastedFile }

// ReadPasted reads a pasted or loaded file's text once, touching no
// scenario: it may run while the page answers other input.
func ReadPasted(text string) Pasted { return Pasted{readPasted(text)} }

// ReadPastedPaced is ReadPasted, calling pause each time another
// engine.PaceBytes of the text has been read: a page gives the browser its
// turn there, so that a large file is read in tasks each short.
func ReadPastedPaced(text string, pause func()) Pasted {
	return Pasted{readPastedPaced(text, pause)}
}

// PasteRead is Paste of a file already read by ReadPasted.
func (s *Scenario) PasteRead(p Pasted) {
	s.pastedRead = p.read
	s.Paste(p.read.text)
}

// Paste takes a whole policy file pasted or loaded: it replaces the values
// changed in the form before it.
//
// A file the page downloaded opens with its changes and their notes: the
// notes are read back from there, so the scenario loaded is the scenario
// downloaded, notes and all.
func (s *Scenario) Paste(text string) {
	s.pasted = text
	s.typed, s.notes = map[string]string{}, readNotes(text)
	if name, changes, ok := readKeptComment(text); ok {
		s.update()
		s.keepChanges(name, changes)
	}
	s.update()
}

// UseIllustrativePrices gives a baseline whose council has published no
// prices the illustrative ones its policy file offers, as a pasted file
// would: the form then offers their rates to change.
func (s *Scenario) UseIllustrativePrices() error {
	if s.Baseline == nil || s.Baseline.Illustrative == nil {
		return &engine.Error{Field: "illustrative_prices", Msg: "is not in this policy: it has no prices to try"}
	}
	text, err := applied(s.BaseVals, s.Baseline.Illustrative.Changes)
	if err != nil {
		return err
	}
	s.Paste(string(text))
	return nil
}

// update works out what the state comes to: the baseline, or a pasted file,
// with the values typed into the form on top; its changes are what differs
// from the baseline.
func (s *Scenario) update() {
	if s.typed == nil {
		s.typed, s.notes = map[string]string{}, map[string]string{}
	}
	*s = Scenario{base: s.base, typed: s.typed, notes: s.notes, pasted: s.pasted, child: s.child,
		published: s.published, pastedRead: s.pastedRead, kept: s.kept, Baseline: s.find(s.base), LinkErrs: s.LinkErrs}
	s.BaseText, s.BaseVals = baseValues(s.base)
	start, startErr := s.BaseVals, error(nil)
	s.Params = Params(s.Baseline)
	if s.pasted != "" {
		if s.pastedRead.text != s.pasted {
			s.pastedRead = readPasted(s.pasted)
		}
		s.PastedVals, start, startErr = s.pastedRead.vals, s.pastedRead.vals, s.pastedRead.err
		if s.Baseline != nil && s.pastedRead.policy != nil {
			s.Params = Params(s.pastedRead.policy) // the form follows the file: illustrative prices give rates to edit
		}
	}
	var typed []engine.Change
	for _, p := range s.Params {
		if t, ok := s.typed[p.Path]; ok {
			typed = append(typed, engine.Change{Path: p.Path, Value: yamlOf(p, t)})
		}
	}
	err := startErr
	switch {
	case err != nil:
	case s.pasted == "" && len(typed) == 0:
		// The published policy itself: nothing to read again.
		s.Values, s.Policy = s.BaseVals, s.Baseline
	default:
		// The values typed, on the file read once: a mistake is reported
		// at its line in that file.
		s.Values, err = start.With(typed)
		if err == nil {
			s.Changes, err = s.BaseVals.Diff(s.Values)
		}
		if err == nil {
			s.Policy, err = s.Values.Policy("")
		}
	}
	for i := range s.Changes {
		s.Changes[i].Note = s.notes[s.Changes[i].Path]
	}
	switch e := err.(type) {
	case nil:
	case engine.Errors:
		s.Errs = e
	case *engine.Error:
		s.Errs = engine.Errors{e}
	default:
		s.Errs = engine.Errors{{Kind: engine.KindInvalid, Msg: err.Error()}}
	}
	if s.Baseline != nil {
		s.Altered = s.Baseline.Affected(s.Changes)
	}
}

// ValueOf is a parameter's published value, the value the scenario gives
// it, and whether they differ.
func (s *Scenario) ValueOf(p Param) (base, value string, changed bool) {
	base, _ = baseValue(s.BaseVals, p)
	value = base
	typed, ok := s.typed[p.Path]
	if ok {
		value, changed = typed, true
	}
	// A value typed over a pasted file is the scenario's: a fit made on
	// illustrative prices shows its rates.
	if s.pasted != "" && !ok {
		if v, list, ok := s.PastedVals.At(p.Path); ok {
			value = v
			if list != nil {
				value = strings.Join(list, ", ")
			}
			changed = value != base
		}
	}
	return base, value, changed
}

// ErrorFor is the scenario's first mistake in the value at path, or in a
// value under it; nil if it has none.
func (s *Scenario) ErrorFor(path string) *engine.Error {
	for _, e := range s.Errs {
		if e.Field == path || strings.HasPrefix(e.Field, path+".") {
			return e
		}
	}
	return nil
}

// Compared is the policy a cohort is compared under: the baseline itself
// while nothing is changed, the scenario's policy otherwise, nil while the
// scenario has a mistake (no figure is shown from it).
func (s *Scenario) Compared() *engine.Policy {
	if len(s.Changes) == 0 {
		return s.Baseline
	}
	return s.Policy
}

// ChildComparison is the child compared worked out under the published
// policy and under the scenario, each on its own: illustrative prices give a
// figure where the published policy cannot.
type ChildComparison struct {
	CaseErr     error // the child's fields do not make a case
	Baseline    *engine.Result
	BaselineErr error
	Scenario    *engine.Result // nil while the scenario has a mistake
	ScenarioErr error
}

// CompareChild works out the child compared under both.
func (s *Scenario) CompareChild() ChildComparison {
	var cc ChildComparison
	c, err := s.child.Case()
	if err != nil {
		cc.CaseErr = err
		return cc
	}
	if from := s.From(); from != nil {
		cc.Baseline, cc.BaselineErr = engine.Evaluate(from, c)
	}
	if s.Policy != nil {
		cc.Scenario, cc.ScenarioErr = engine.Evaluate(s.Policy, c)
	}
	return cc
}

// Download is the scenario's policy file, opening with what it changes and
// why; an error, and no text, where the file cannot be written.
func (s *Scenario) Download() (string, error) {
	if s.Baseline == nil {
		return "", &engine.Error{Field: "policy", Value: s.base, Msg: "is not a known policy"}
	}
	if len(s.Errs) > 0 {
		return "", s.Errs
	}
	text, err := s.Values.Text()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(downloadHead + oneLine(s.Baseline.Name) + ". Changed:\n")
	for _, c := range s.Changes {
		b.WriteString(changePrefix + quotedIfNeeded(c.Path) + ": " + oneLine(orNone(c.Was)) + " -> " + oneLine(orNone(c.Value)) + "\n")
		if c.Note != "" {
			// A note is data, never YAML: one line, quoted, every line
			// break in it escaped.
			b.WriteString(notePrefix + strconv.Quote(c.Note) + "\n")
		}
	}
	b.WriteString(s.kept.comment())
	b.Write(text)
	return b.String(), nil
}

// How the file the page downloads opens: a line saying where it comes from,
// then a line for each change and one for its note, if it has one.
const (
	downloadHead = "# A scenario made with OpenRAS from "
	changePrefix = "#   "
	notePrefix   = "#     why: "
)

// quotedIfNeeded is a key path as the file's opening names it: as it is, or
// quoted if it holds a space, a colon, a quote or anything that is not
// printed.
func quotedIfNeeded(path string) string {
	if path == "" || strings.ContainsAny(path, " :\"#") || oneLine(path) != path {
		return strconv.Quote(path)
	}
	return path
}

// oneLine is text for a comment: as it is, or quoted if it holds a line
// break (as YAML counts them: \n, \r, U+0085, U+2028, U+2029) or another
// character that is not printed.
func oneLine(text string) string {
	for _, r := range text {
		if !strconv.IsPrint(r) {
			return strconv.Quote(text)
		}
	}
	return text
}

// readNotes reads the notes from the opening comment of a file the page
// downloaded: each change's line names its key path, and the note's line
// after it holds the note, quoted. Anything else is a comment like any.
func readNotes(text string) map[string]string {
	notes := map[string]string{}
	if !strings.HasPrefix(text, downloadHead) {
		return notes
	}
	path := ""
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		switch {
		case !strings.HasPrefix(line, "#"):
			return notes
		case strings.HasPrefix(line, notePrefix):
			if note, err := strconv.Unquote(line[len(notePrefix):]); err == nil && path != "" {
				notes[path] = note
			}
		case strings.HasPrefix(line, changePrefix) && !strings.HasPrefix(line, changePrefix+" "):
			path = ""
			rest := line[len(changePrefix):]
			if strings.HasPrefix(rest, `"`) {
				if q, err := strconv.QuotedPrefix(rest); err == nil {
					path, _ = strconv.Unquote(q)
				}
			} else if p, _, ok := strings.Cut(rest, ": "); ok {
				path = p
			}
		}
	}
	return notes
}

// DownloadName is the name the scenario's file is offered under.
func (s *Scenario) DownloadName() string { return s.base + "-scenario.yaml" }

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
