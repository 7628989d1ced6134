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
		// Born 20 August 2000, the child is 12 on 1 April 2013, Trafford's
		// default date of assessment (the birthday that year is in August):
		// an age of 13 does not match, whatever the out-of-scope age is.
		{"an age that does not match the date of birth", "trafford-2013", func(f *engine.Fields) {
			f.Score, f.Age, f.DateOfBirth = "180", "13", "2000-08-20"
		}, map[string]string{"age": "The age does not match the date of birth: age 12 on 2013-04-01. Enter one or the other"}},
		{"an age that does not match on the date given", "trafford-2013", func(f *engine.Fields) {
			f.Score, f.Age, f.DateOfBirth, f.AssessedOn = "180", "12", "2000-08-20", "2013-09-01"
		}, map[string]string{"age": "The age does not match the date of birth: age 13 on 2013-09-01"}},
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

// TestPageMessageByKind checks that the page words a mistake from its field
// and kind alone: an engine sentence with other words, or none, changes
// nothing.
func TestPageMessageByKind(t *testing.T) {
	p := shipped.byID["trafford-2013"]
	in := engine.Fields{Age: "13", DateOfBirth: "2000-08-20"}
	tests := []struct {
		field string
		kind  engine.ErrorKind
		value string
		want  string
	}{
		{engine.FieldScore, engine.KindMissing, "", "Enter the RAS score, like 180"},
		{engine.FieldScore, engine.KindNegative, "-5", "The score cannot be below 0: enter a whole number of points, like 180"},
		{engine.FieldScore, engine.KindTooLarge, "999999999", "The score is too large: enter the score from the questionnaire, like 180"},
		{engine.FieldScore, engine.KindNotWhole, "12.5", "Enter the score as a whole number, like 180"},
		{engine.FieldAge, engine.KindMissing, "", "Enter the child's age in whole years, like 12, or their date of birth"},
		{engine.FieldAge, engine.KindOutOfScope, "18", p.Age.OutOfScopeMessage},
		{engine.FieldAge, engine.KindMismatch, "13", "The age does not match the date of birth: age 12 on 2013-04-01. Enter one or the other"},
		{engine.FieldDateOfBirth, engine.KindOutOfScope, "1990-01-01", p.Age.OutOfScopeMessage},
		{engine.FieldDateOfBirth, engine.KindAfterAssessment, "2014-01-01", "The date of birth must be before the assessment date, 1 April 2013"},
		{engine.FieldDateOfBirth, engine.KindNoSuchDate, "2005-04-31", "Enter the date of birth as a real date, like 1 April 2004 (April 2005 has no day 31)"},
		{engine.FieldDateOfBirth, engine.KindNotDate, "20/08/2005", "Enter the date of birth as a real date, like 1 April 2004"},
		{engine.FieldAssessedOn, engine.KindNoSuchDate, "2013-02-30", "Enter the assessment date as a real date, like 1 April 2013 (February 2013 has no day 30)"},
		{engine.FieldCurrentCost, engine.KindNegative, "-1", "The amount cannot be below £0: enter the current annual cost, like 15000.00"},
		{engine.FieldCurrentCost, engine.KindTooManyPlaces, "1.234", "Enter the current annual cost in pounds and pence, with no more than 2 numbers after the point, like 15000.50"},
		{engine.FieldCurrentCost, engine.KindTooLarge, "1e20", "The amount is too large: enter the current annual cost, like 15000.00"},
		{engine.FieldAllocation, engine.KindMissing, "", shipped.byID["rotherham-2017"].Prices.UnpublishedMessage},
		{engine.FieldIncludesContingency, engine.KindNeeds, "", "Enter the current annual cost, or untick the contingency box"},
		{engine.FieldIncludesContingency, engine.KindInvalid, "maybe", "Choose whether the current cost includes the contingency"},
	}
	for _, tc := range tests {
		p := p
		if tc.field == engine.FieldAllocation {
			p = shipped.byID["rotherham-2017"]
		}
		e := &engine.Error{Field: tc.field, Value: tc.value, Kind: tc.kind, Msg: "gives age negative too large decimal places is after the assessment"}
		if got := pageMessage(p, in, engine.Date{}, e); got != tc.want {
			t.Errorf("%s, %v: %q, want %q", tc.field, tc.kind, got, tc.want)
		}
	}
}
