package main

import (
	"html"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/openras/openras/engine"
)

func formOf(policy string, set func(*engine.Fields)) form {
	f := form{Policy: policy}
	set(&f.Fields)
	return f
}

func TestWorkResults(t *testing.T) {
	// Trafford 2013, Appendix 1, Example 3: 261 × £1.00 × 52 = £13,572.00.
	o := work(formOf("trafford-2013", func(f *engine.Fields) {
		f.Score, f.DateOfBirth, f.AssessedOn, f.CurrentCost = "261", "2000-08-20", "2013-04-01", "15000"
	}))
	if len(o.errors) > 0 || o.result == nil {
		t.Fatalf("errors %v", o.errors)
	}
	if got := o.result.AnnualBudget.StringFixed(2); got != "13572.00" {
		t.Errorf("budget %s, want 13572.00", got)
	}
	// A score given under Rotherham, whose prices are unpublished, is not used:
	// the allocation told is.
	o = work(formOf("rotherham-2017", func(f *engine.Fields) { f.Score, f.Allocation, f.Age = "261", "4000", "9" }))
	if o.result == nil || o.result.AnnualBudget.StringFixed(2) != "4000.00" || o.result.Score != nil {
		t.Errorf("rotherham: %+v %v", o.result, o.errors)
	}
	// The contingency box does not apply where a policy has no contingency.
	o = work(formOf("rotherham-2017", func(f *engine.Fields) {
		f.Allocation, f.Age, f.CurrentCost, f.IncludesContingency = "4000", "9", "6000", "true"
	}))
	if o.result == nil {
		t.Errorf("rotherham with the contingency ticked: %v", o.errors)
	}
}

func TestWorkErrors(t *testing.T) {
	tests := []struct {
		name   string
		policy string
		set    func(*engine.Fields)
		want   map[string]string // field: a fragment of its message
	}{
		{"nothing entered", "trafford-2013", func(f *engine.Fields) {},
			map[string]string{"score": "Enter the RAS score", "age": "Enter the child's age"}},
		{"nothing entered, prices unpublished", "rotherham-2017", func(f *engine.Fields) {},
			map[string]string{"allocation": "Enter the allocation the council told you", "age": "Enter the child's age"}},
		{"no score and an age that is not a number", "trafford-2013", func(f *engine.Fields) { f.Age = "twelve" },
			map[string]string{"score": "Enter the RAS score", "age": "Enter the age in whole years"}},
		{"no score and an age of 18", "trafford-2013", func(f *engine.Fields) { f.Age = "18" },
			map[string]string{"score": "Enter the RAS score", "age": "adult services"}},
		{"no score and born after the assessment", "trafford-2013", func(f *engine.Fields) { f.DateOfBirth = "2014-01-01" },
			map[string]string{"score": "Enter the RAS score", "date_of_birth": "must be before the assessment date"}},
		{"a bad cost with the contingency ticked", "trafford-2013", func(f *engine.Fields) {
			f.Score, f.Age, f.CurrentCost, f.IncludesContingency = "180", "9", "lots", "true"
		}, map[string]string{"current_cost": "Enter the current annual cost in pounds"}},
		{"no policy", "", func(f *engine.Fields) {}, map[string]string{"policy": "Choose the council's policy"}},
		{"every mistake at once", "trafford-2013", func(f *engine.Fields) { f.Score, f.Age, f.CurrentCost = "-5", "18", "1.234" },
			map[string]string{
				"score":        "cannot be below 0",
				"age":          "adult services",
				"current_cost": "no more than 2 numbers after the point",
			}},
		{"a fractional score", "trafford-2013", func(f *engine.Fields) { f.Score, f.Age = "12.5", "3" },
			map[string]string{"score": "Enter the score as a whole number, like 180"}},
		{"31 April", "trafford-2013", func(f *engine.Fields) { f.Score, f.DateOfBirth = "180", "2005-04-31" },
			map[string]string{"date_of_birth": "April 2005 has no day 31"}},
		{"born after the assessment", "trafford-2013", func(f *engine.Fields) { f.Score, f.DateOfBirth = "180", "2014-01-01" },
			map[string]string{"date_of_birth": "must be before the assessment date"}},
		{"Rotherham without an allocation", "rotherham-2017", func(f *engine.Fields) { f.Age = "9" },
			map[string]string{"allocation": "Enter the allocation the council told you"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := work(formOf(tc.policy, tc.set))
			if o.result != nil {
				t.Fatalf("a result for a form with mistakes")
			}
			got := map[string]string{}
			for _, e := range o.errors {
				got[e.Field] = e.Message
			}
			for field, frag := range tc.want {
				if !strings.Contains(got[field], frag) {
					t.Errorf("%s: %q, want it to say %q", field, got[field], frag)
				}
			}
			if len(got) != len(tc.want) {
				t.Errorf("errors %v, want only %v", got, tc.want)
			}
		})
	}
}

func TestErrorsComeInTheFormsOrder(t *testing.T) {
	o := work(formOf("trafford-2013", func(f *engine.Fields) { f.CurrentCost, f.Score, f.Age = "x", "y", "z" }))
	var order []string
	for _, e := range o.errors {
		order = append(order, e.Field)
	}
	if strings.Join(order, ",") != "score,age,current_cost" {
		t.Errorf("order %v, want score, age, current_cost as on the page", order)
	}
}

// TestResultHeadingLevels checks the outline: "Your result" is a heading of
// level 2 where it is the page's own result, and of level 3 inside the worked
// example, under its level-2 heading, with the example's sections below it.
func TestResultHeadingLevels(t *testing.T) {
	r := work(exampleForm()).result
	if r == nil {
		t.Fatal("no result for the example")
	}
	own := app.HTMLString(resultDetails(r, 2))
	if !strings.Contains(own, ">Your result</h2>") || !strings.Contains(own, ">How this was worked out</h3>") {
		t.Errorf("the page's own result: want an h2 \"Your result\" with h3 sections, got %.300s", own)
	}
	c := &calculator{}
	example := app.HTMLString(c.exampleView())
	for _, want := range []string{">A worked example</h2>", ">Your result</h3>", ">How this was worked out</h4>", ">Moving from the current package</h4>"} {
		if !strings.Contains(example, want) {
			t.Errorf("the worked example lacks %q", want)
		}
	}
	if strings.Contains(example, ">Your result</h2>") {
		t.Error("the worked example's \"Your result\" is an h2, beside \"A worked example\" instead of under it")
	}
}

// TestTransitionWording checks that a transition group is named as a sentence
// names it, and its label is in lower case within the sentence.
func TestTransitionWording(t *testing.T) {
	tests := []struct {
		name, policy string
		set          func(*engine.Fields)
		want         string
	}{
		{"a named group", "rotherham-2017", func(f *engine.Fields) { f.Allocation, f.Age, f.CurrentCost = "4000", "12", "20000" },
			"so the child is in the notice group (allocation below the current cost: takes effect after three months' notice)."},
		{"a numbered group", "trafford-2013", func(f *engine.Fields) { f.Score, f.Age, f.CurrentCost = "261", "12", "15000" },
			"so the child is in group 3 (decrease of £1,000.00 to £2,499.99 a year)."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := work(formOf(tc.policy, tc.set)).result
			if r == nil || r.Transition == nil {
				t.Fatal("no transition")
			}
			got := app.HTMLString(transitionView(r, 3))
			if !strings.Contains(got, html.EscapeString(tc.want)) {
				t.Errorf("the transition lacks %q:\n%.600s", tc.want, got)
			}
			if strings.Contains(got, "group notice") || strings.Contains(got, "group immediate") {
				t.Error(`the transition says "group notice", not "the notice group"`)
			}
		})
	}
}
