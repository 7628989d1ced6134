package main

import (
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
	wlink "github.com/openras/openras/wasm/link"
	"github.com/openras/openras/wasm/scenario"
)

// shipped is the policies baked into the page. Every page names them all
// (its navigation and footer, the calculator's choice of policy) but shows
// at most one in full, so a policy is read from its file (scenario.Shipped,
// YAML read once for the policy and for the scenario page's comparisons
// with it) when it is first asked for. Natively, as the generator and the
// tests run, every policy is read as the program starts, so that a policy
// with a mistake stops the build before anything is written; the generator
// then gives the browser what every page names of them (policySet.env),
// and the browser reads only the policy its page shows.
var shipped = startShipped()

// policyFacts is what every page says of each shipped policy without
// reading it: its name and council, its report's date and whether its
// prices are published.
type policyFacts struct {
	ID        string
	Name      string
	Council   string
	Date      engine.Date // its source report's
	Published bool
}

func factsOf(p *engine.Policy) policyFacts {
	return policyFacts{ID: p.ID, Name: p.Name, Council: p.Council, Date: p.Source.Date, Published: p.Prices.Published}
}

// policyEnvKey names the facts of the shipped policies in go-app's
// environment, which the generator writes into app.js (native.go).
const policyEnvKey = "OPENRAS_POLICIES"

type policySet struct {
	ids   []string
	facts map[string]policyFacts
	read  func(id string) (*engine.Policy, error) // scenario.Shipped; a test counts
	mu    sync.Mutex
	err   error // a policy that did not load: the page says so
}

// startShipped is the browser's set from the facts the generator wrote,
// or every policy read, natively or where the facts are missing.
func startShipped() *policySet {
	if app.IsClient {
		if s := shippedFromEnv(app.Getenv(policyEnvKey)); s != nil {
			return s
		}
	}
	return loadShipped()
}

// loadShipped reads every shipped policy.
func loadShipped() *policySet {
	s := &policySet{facts: map[string]policyFacts{}, read: scenario.Shipped}
	for _, id := range policies.IDs() {
		p, err := s.read(id)
		if err != nil {
			s.err = err
			continue
		}
		s.ids = append(s.ids, id)
		s.facts[id] = factsOf(p)
	}
	return s
}

// shippedFromEnv is the set of policies env names (policySet.env's text),
// none of them read yet; nil if env does not name them. The text is a line
// a policy, its id, name, council, report's date and whether its prices are
// published, each quoted as Go quotes a string and set apart by a tab: read
// without encoding/json, whose decoder the browser would otherwise compile
// as the calculator starts.
func shippedFromEnv(env string) *policySet {
	if env == "" {
		return nil
	}
	s := &policySet{facts: map[string]policyFacts{}, read: scenario.Shipped}
	for line := range strings.SplitSeq(env, "\n") {
		var fs [5]string
		parts := strings.Split(line, "\t")
		if len(parts) != len(fs) {
			return nil
		}
		for i, p := range parts {
			v, err := strconv.Unquote(p)
			if err != nil {
				return nil
			}
			fs[i] = v
		}
		f := policyFacts{ID: fs[0], Name: fs[1], Council: fs[2]}
		if fs[3] != "" {
			d, err := engine.ParseDate(fs[3])
			if err != nil {
				return nil
			}
			f.Date = d
		}
		switch fs[4] {
		case "published":
			f.Published = true
		case "unpublished":
		default:
			return nil
		}
		if f.ID == "" || s.facts[f.ID] != (policyFacts{}) {
			return nil
		}
		s.ids = append(s.ids, f.ID)
		s.facts[f.ID] = f
	}
	return s
}

// about is what every page says of the shipped policy id.
func (s *policySet) about(id string) policyFacts { return s.facts[id] }

// policy is the shipped policy id, read when first asked for; nil for an
// id that is not one, or a policy that does not load (loadErr says why).
func (s *policySet) policy(id string) *engine.Policy {
	if _, ok := s.facts[id]; !ok {
		return nil
	}
	p, err := s.read(id)
	if err != nil {
		s.mu.Lock()
		if s.err == nil {
			s.err = err
		}
		s.mu.Unlock()
		return nil
	}
	return p
}

// loadErr is the first error of a policy that did not load, or nil.
func (s *policySet) loadErr() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

func policyIDs() []string { return shipped.ids }

// form is what a visitor has entered, as text: the policy and the fields of a
// case, named as the cohort file's columns.
type form struct {
	Policy string
	engine.Fields
	// today is the date a blank date of assessment stands for on the page:
	// the visitor's own date, from the browser's clock. Zero (prerendered,
	// and in the cohort file and the CLI) leaves the policy's default. It is
	// not part of the link, which keeps a blank date blank.
	today engine.Date
}

// fields lists the form's fields in the order the page shows them, with the
// name each has in a link.
var fields = []struct {
	name string
	get  func(*form) *string
}{
	{engine.FieldScore, func(f *form) *string { return &f.Score }},
	{engine.FieldAllocation, func(f *form) *string { return &f.Allocation }},
	{engine.FieldAge, func(f *form) *string { return &f.Age }},
	{engine.FieldDateOfBirth, func(f *form) *string { return &f.DateOfBirth }},
	{engine.FieldAssessedOn, func(f *form) *string { return &f.AssessedOn }},
	{engine.FieldCurrentCost, func(f *form) *string { return &f.CurrentCost }},
	{engine.FieldIncludesContingency, func(f *form) *string { return &f.IncludesContingency }},
}

// field returns the field named name, or nil.
func (f *form) field(name string) *string {
	for _, fl := range fields {
		if fl.name == name {
			return fl.get(f)
		}
	}
	return nil
}

// parseFragment reads a form from a link's fragment, as the browser holds
// it after the #, like policy=trafford-2013&score=261&age=12: decoded once,
// by package link. Unknown names are ignored; a value that is not valid stays
// as it is, to be shown with its error; a part that cannot be read (a stray
// %, a ;, more than engine.MaxFieldLength characters) is left out, and
// problems says so.
func parseFragment(fragment string) (f form, problems []*wlink.Problem) {
	parts, problems := wlink.Read(fragment, func(string) int { return engine.MaxFieldLength })
	f.Policy = wlink.Get(parts, "policy")
	for _, fl := range fields {
		*fl.get(&f) = wlink.Get(parts, fl.name)
	}
	return f, problems
}

// fragment writes the form as a link's fragment: the policy, then each field
// that has a value, in the page's order. A whole date is written
// YYYY-MM-DD, however its boxes were typed (8 for 08).
func (f form) fragment() string {
	var b strings.Builder
	b.WriteString("policy=")
	b.WriteString(url.QueryEscape(f.Policy))
	for _, fl := range fields {
		v := *fl.get(&f)
		if iso, ok := splitDate(v).iso(); ok && isDate(fl.name) {
			v = iso
		}
		if v != "" {
			b.WriteString("&")
			b.WriteString(fl.name)
			b.WriteString("=")
			b.WriteString(url.QueryEscape(v))
		}
	}
	return b.String()
}

// empty reports whether nothing has been entered but the policy.
func (f form) empty() bool {
	for _, fl := range fields {
		if *fl.get(&f) != "" {
			return false
		}
	}
	return true
}

// dateFields are the form's dates, each asked for as a day, a month and a
// year in three boxes.
var dateFields = []string{engine.FieldDateOfBirth, engine.FieldAssessedOn}

// isDate reports whether the field named name is a date.
func isDate(name string) bool {
	return name == engine.FieldDateOfBirth || name == engine.FieldAssessedOn
}

// The parts of a date, in the order the page asks for them; a box's id is
// the date's name, a hyphen and its part: date_of_birth-month.
const (
	partDay   = "day"
	partMonth = "month"
	partYear  = "year"
)

var dateBoxes = []string{partDay, partMonth, partYear}

// dateParts is a date as typed in its three boxes. The form holds it as one
// text, the parts joined year-month-day (see text), so that a whole date is
// written as the link has always written it, 2014-08-20, and a link of any
// age gives the boxes their parts.
type dateParts struct {
	Day, Month, Year string
}

// splitDate reads the form's text of a date into its parts: year-month-day
// as the page writes it (a part may be empty: "2014--20"), or day/month/year
// as a person writes it, with slashes, dots or spaces, as an old link may
// hold. Text with fewer parts is all in the day's box, to be seen and
// corrected there.
func splitDate(s string) dateParts {
	s = strings.TrimSpace(s)
	if s == "" {
		return dateParts{}
	}
	if strings.ContainsAny(s, "/. ") {
		if ps := strings.FieldsFunc(s, isDateSeparator); len(ps) == 3 {
			return dateParts{Day: ps[0], Month: ps[1], Year: ps[2]}
		}
	}
	if ps := strings.SplitN(s, "-", 3); len(ps) == 3 {
		return dateParts{Year: ps[0], Month: ps[1], Day: ps[2]}
	}
	return dateParts{Day: s}
}

func isDateSeparator(r rune) bool { return r == '/' || r == '.' || r == ' ' || r == '-' }

// pasted reads a whole date typed or pasted into one box, 20/08/2014,
// 20-08-2014, 20.08.2014, 20 08 2014 or 2014-08-20, into its parts.
func pasted(s string) (dateParts, bool) {
	ps := strings.FieldsFunc(strings.TrimSpace(s), isDateSeparator)
	switch {
	case len(ps) != 3:
		return dateParts{}, false
	case len(ps[0]) == 4 && len(ps[2]) <= 2:
		return dateParts{Day: ps[2], Month: ps[1], Year: ps[0]}, true
	case len(ps[2]) == 4:
		return dateParts{Day: ps[0], Month: ps[1], Year: ps[2]}, true
	}
	// A year not yet whole, as in 20/08/2 typed a key at a time: not a
	// whole date yet, so it is not split into the boxes.
	return dateParts{}, false
}

// typed is what a box holds once typed in: its text, with any separator
// left out (the boxes are joined by them), or, for a whole date pasted into
// it, every part.
func (d dateParts) typed(part, value string) dateParts {
	if whole, ok := pasted(value); ok {
		return whole
	}
	value = strings.Map(func(r rune) rune {
		if isDateSeparator(r) {
			return -1
		}
		return r
	}, value)
	*d.part(part) = value
	return d
}

// part is the text of the box named part.
func (d *dateParts) part(part string) *string {
	switch part {
	case partDay:
		return &d.Day
	case partMonth:
		return &d.Month
	}
	return &d.Year
}

// text is the form's text of the date: empty with every box, else the
// parts joined year-month-day.
func (d dateParts) text() string {
	if d.empty() {
		return ""
	}
	return d.Year + "-" + d.Month + "-" + d.Day
}

func (d dateParts) empty() bool {
	return strings.TrimSpace(d.Day+d.Month+d.Year) == ""
}

// iso is the date written YYYY-MM-DD, as the engine and a link take it,
// where each part is a number of its size: a day of 1 to 31 and a month of
// 1 to 12, in one or two figures, and a year in four. Whether the month has
// that day is the engine's to say.
func (d dateParts) iso() (string, bool) {
	day, okD := number(d.Day, 2)
	month, okM := number(d.Month, 2)
	_, okY := number(d.Year, 4)
	if !okD || !okM || !okY || len(strings.TrimSpace(d.Year)) != 4 || day < 1 || day > 31 || month < 1 || month > 12 {
		return "", false
	}
	return strings.TrimSpace(d.Year) + "-" + pad2(month) + "-" + pad2(day), true
}

// number reads a part of up to width figures.
func number(s string, width int) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > width {
		return 0, false
	}
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}

func pad2(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}

// dateMistake is what is wrong with a date's parts before it can be read:
// the boxes to mark, and whether they are only missing (a date half typed,
// which is shown as a mistake only once the visitor asks for the result).
// what names the date as a message starts, "Date of birth"; like is a date
// the field accepts, for the example.
func (d dateParts) mistake(what string, like engine.Date) (msg string, boxes []string, missing bool) {
	if d.empty() {
		return "", nil, false
	}
	var gone []string
	for _, b := range dateBoxes {
		if strings.TrimSpace(*d.part(b)) == "" {
			gone = append(gone, b)
		}
	}
	if len(gone) > 0 {
		words := "a " + gone[0]
		if len(gone) == 2 {
			words += " and a " + gone[1]
		}
		return what + " must include " + words, gone, true
	}
	real := "Enter the " + lowerFirst(what) + " as a real date: "
	if n, ok := number(d.Day, 2); !ok || n < 1 || n > 31 {
		return real + "the day is a number from 1 to 31, like " + itoa(like.Day), []string{partDay}, false
	}
	if n, ok := number(d.Month, 2); !ok || n < 1 || n > 12 {
		return real + "the month is a number from 1 to 12, like " + itoa(int(like.Month)), []string{partMonth}, false
	}
	if _, ok := number(d.Year, 4); !ok || len(strings.TrimSpace(d.Year)) != 4 {
		return real + "the year has 4 numbers, like " + itoa(like.Year), []string{partYear}, false
	}
	return "", nil, false
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
