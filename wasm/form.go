package main

import (
	"net/url"
	"strings"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
	wlink "github.com/openras/openras/wasm/link"
)

// shipped holds every policy baked into the page, loaded once.
var shipped = loadShipped()

type policySet struct {
	ids  []string
	byID map[string]*engine.Policy
	err  error // a policy that did not load: the page says so
}

func loadShipped() policySet {
	s := policySet{byID: map[string]*engine.Policy{}}
	for _, id := range policies.IDs() {
		p, err := policies.Load(id)
		if err != nil {
			s.err = err
			continue
		}
		s.ids = append(s.ids, id)
		s.byID[id] = p
	}
	return s
}

func policyIDs() []string { return shipped.ids }

// form is what a visitor has entered, as text: the policy and the fields of a
// case, named as the cohort file's columns.
type form struct {
	Policy string
	engine.Fields
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
// that has a value, in the page's order.
func (f form) fragment() string {
	var b strings.Builder
	b.WriteString("policy=")
	b.WriteString(url.QueryEscape(f.Policy))
	for _, fl := range fields {
		if v := *fl.get(&f); v != "" {
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
