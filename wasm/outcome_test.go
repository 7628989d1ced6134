package main

import (
	"strings"
	"testing"

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
			map[string]string{"age": "Enter the child's age"}},
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
