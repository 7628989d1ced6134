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
	if got := o.result.AnnualBudget().StringFixed(2); got != "13572.00" {
		t.Errorf("budget %s, want 13572.00", got)
	}
	// A score given under Rotherham, whose prices are unpublished, is not used:
	// the allocation told is.
	o = work(formOf("rotherham-2017", func(f *engine.Fields) { f.Score, f.Allocation, f.Age = "261", "4000", "9" }))
	if o.result == nil || o.result.AnnualBudget().StringFixed(2) != "4000.00" || o.result.Score != nil {
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
		}, map[string]string{"age": "The age does not match the date of birth: age 12 on 1 April 2013. Enter one or the other."}},
		{"an age that does not match on the date given", "trafford-2013", func(f *engine.Fields) {
			f.Score, f.Age, f.DateOfBirth, f.AssessedOn = "180", "12", "2000-08-20", "2013-09-01"
		}, map[string]string{"age": "The age does not match the date of birth: age 13 on 1 September 2013"}},
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
	p := shipped.policy("trafford-2013")
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
		{engine.FieldAge, engine.KindMismatch, "13", "The age does not match the date of birth: age 12 on 1 April 2013. Enter one or the other."},
		{engine.FieldDateOfBirth, engine.KindOutOfScope, "1990-01-01", p.Age.OutOfScopeMessage},
		{engine.FieldDateOfBirth, engine.KindAfterAssessment, "2014-01-01", "The date of birth must be before the assessment date, 1 April 2013"},
		{engine.FieldDateOfBirth, engine.KindNoSuchDate, "2005-04-31", "Enter the date of birth as a real date, like 1 4 2004 (April 2005 has no day 31)"},
		{engine.FieldDateOfBirth, engine.KindNotDate, "20/08/2005", "Enter the date of birth as a real date, like 1 4 2004"},
		{engine.FieldAssessedOn, engine.KindNoSuchDate, "2013-02-30", "Enter the assessment date as a real date, like 1 4 2013 (February 2013 has no day 30)"},
		{engine.FieldCurrentCost, engine.KindNegative, "-1", "The amount cannot be below £0: enter the current annual cost, like 15000.00"},
		{engine.FieldCurrentCost, engine.KindTooManyPlaces, "1.234", "Enter the current annual cost in pounds and pence, with no more than 2 numbers after the point, like 15000.50"},
		{engine.FieldCurrentCost, engine.KindTooLarge, "1e20", "The amount is too large: enter the current annual cost, like 15000.00"},
		{engine.FieldAllocation, engine.KindMissing, "", shipped.policy("rotherham-2017").Prices.UnpublishedMessage},
		{engine.FieldIncludesContingency, engine.KindNeeds, "", "Enter the current annual cost, or untick the contingency box"},
		{engine.FieldIncludesContingency, engine.KindInvalid, "maybe", "Choose whether the current cost includes the contingency"},
	}
	for _, tc := range tests {
		p := p
		if tc.field == engine.FieldAllocation {
			p = shipped.policy("rotherham-2017")
		}
		e := &engine.Error{Field: tc.field, Value: tc.value, Kind: tc.kind, Msg: "gives age negative too large decimal places is after the assessment"}
		if got := pageMessage(p, in, engine.Date{}, e); got != tc.want {
			t.Errorf("%s, %v: %q, want %q", tc.field, tc.kind, got, tc.want)
		}
	}
}

// TestWorkToday follows a parent today: a date of birth and no date of
// assessment give a figure dated today, not the policy's 2013 default,
// which the cohort file and the CLI keep.
func TestWorkToday(t *testing.T) {
	today := engine.MustDate(2026, 11, 30)
	f := formOf("trafford-2013", func(f *engine.Fields) { f.Score, f.DateOfBirth = "212", "2014-08-20" })
	f.today = today
	o := work(f)
	if o.result == nil {
		t.Fatalf("no result: %v", o.errors)
	}
	// Born 20 August 2014: 12 on 30 November 2026, band 10–13, where
	// 200–259 is £0.75 a point a week (§6.3): 212 × 0.75 × 52 = £8,268.00.
	if o.result.AssessedOn != today || o.result.Age != 12 || o.result.AnnualBudget().StringFixed(2) != "8268.00" {
		t.Errorf("assessed %s, age %d, budget %s; want 2026-11-30, 12, 8268.00", o.result.AssessedOn, o.result.Age, o.result.AnnualBudget().StringFixed(2))
	}
	if f.fragment() != "policy=trafford-2013&score=212&date_of_birth=2014-08-20" {
		t.Errorf("the link %q does not keep the blank date of assessment blank", f.fragment())
	}
	// A date of assessment given is the one used.
	f.AssessedOn = "2013-04-01"
	if o := work(f); o.result != nil || len(o.errors) != 1 || o.errors[0].Message != "The date of birth must be before the assessment date, 1 April 2013" {
		t.Errorf("assessed 1 April 2013, born 2014: %v", o.errors)
	}
	// Without today (the prerendered page), the policy's default stands.
	f.AssessedOn, f.today = "", engine.Date{}
	if o := work(f); o.result != nil {
		t.Error("without today, a child born in 2014 has a figure on the policy's default date of 2013")
	}
}

// TestWorkDates checks what the page makes of a date's boxes: a half-typed
// date is missing its parts, a wrong part is marked alone and the summary
// links to it, and an old link's date still reads.
func TestWorkDates(t *testing.T) {
	today := engine.MustDate(2026, 11, 30)
	tests := []struct {
		name, dob string
		msg       string
		target    string
		missing   bool
	}{
		{"no month", "2014--20", "Date of birth must include a month", "date_of_birth-month", true},
		{"no day or year", "-8-", "Date of birth must include a day and a year", "date_of_birth-day", true},
		{"month 13", "2014-13-20", "Enter the date of birth as a real date: the month is a number from 1 to 12, like 11", "date_of_birth-month", false},
		{"a two-figure year", "14-8-20", "Enter the date of birth as a real date: the year has 4 numbers, like 2017", "date_of_birth-year", false},
		{"31 April", "2013-4-31", "Enter the date of birth as a real date, like 30 11 2017 (April 2013 has no day 31)", "date_of_birth-day", false},
		{"after today", "2027-01-01", "The date of birth must be before the assessment date, 30 November 2026", "date_of_birth-day", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := formOf("trafford-2013", func(f *engine.Fields) { f.Score, f.DateOfBirth = "180", tc.dob })
			f.today = today
			o := work(f)
			if o.result != nil || len(o.errors) != 1 {
				t.Fatalf("errors %+v, want the date of birth's alone", o.errors)
			}
			e := o.errors[0]
			if e.Field != "date_of_birth" || e.Message != tc.msg || e.target() != tc.target || e.Missing != tc.missing {
				t.Errorf("%+v (target %s), want %q, %s, missing %v", e, e.target(), tc.msg, tc.target, tc.missing)
			}
		})
	}
	// An old link's dates, and dates typed without their zeros.
	for _, dob := range []string{"2000-08-20", "20/08/2000", "2000-8-20"} {
		f := exampleForm()
		f.DateOfBirth = dob
		f.today = today
		if o := work(f); o.result == nil || o.result.AnnualBudget().StringFixed(2) != "13572.00" {
			t.Errorf("born %q: %+v %v", dob, o.result, o.errors)
		}
	}
}

// TestWorkAllocationTold follows Example 2 of the Trafford report
// (Appendix 1) through the allocation field: a package of £11,912 and an
// allocation of £9,367, so group 4 (a decrease of £2,545.00 ≥ £2,500), in
// three equal steps of £2,545.00 ÷ 3 = £848.33.
func TestWorkAllocationTold(t *testing.T) {
	f := formOf("trafford-2013", func(f *engine.Fields) {
		f.Allocation, f.Age, f.AssessedOn, f.CurrentCost = "9367", "12", "2013-04-01", "11912"
	})
	f.today = engine.MustDate(2026, 11, 30)
	o := work(f)
	if o.result == nil || o.result.Transition == nil {
		t.Fatalf("no transition: %v", o.errors)
	}
	if !o.result.AllocationGiven || o.result.AnnualBudget().StringFixed(2) != "9367.00" || o.result.Transition.Group.ID != "4" {
		t.Errorf("budget %s (given %v), group %s; want 9367.00 given, group 4", o.result.AnnualBudget().StringFixed(2), o.result.AllocationGiven, o.result.Transition.Group.ID)
	}
	var got []string
	for _, e := range o.result.Transition.Schedule {
		got = append(got, e.From.String()+" "+e.Amount().StringFixed(2))
	}
	want := "2013-04-01 11912.00, 2013-10-01 11063.67, 2014-10-01 10215.34, 2015-10-01 9367.00"
	if strings.Join(got, ", ") != want {
		t.Errorf("schedule %v, want %s", got, want)
	}
	// With a score too, the allocation told is the budget.
	f.Score = "261"
	if o := work(f); o.result == nil || o.result.AnnualBudget().StringFixed(2) != "9367.00" {
		t.Errorf("with a score of 261 and the allocation told: %+v %v", o.result, o.errors)
	}
}

// TestRotherhamNeverAsksForAScore checks that nothing on Rotherham's form
// asks for the score it has no field for.
func TestRotherhamNeverAsksForAScore(t *testing.T) {
	for _, set := range []func(*engine.Fields){
		func(f *engine.Fields) {},
		func(f *engine.Fields) { f.Score = "180" },
		func(f *engine.Fields) { f.Score, f.Age = "-5", "9" },
		func(f *engine.Fields) { f.Allocation, f.Age = "0", "9" },
	} {
		c := &calculator{form: formOf("rotherham-2017", set), submitted: true}
		c.out = work(c.form)
		for _, e := range c.out.errors {
			if e.Field == "score" || strings.Contains(strings.ToLower(e.Message), "enter the score") || strings.Contains(e.Message, "RAS score") {
				t.Errorf("%+v: Rotherham asks for a score: %q", c.form.Fields, e.Message)
			}
		}
		headline := app.HTMLString(c.headline())
		if strings.Contains(headline, "score") {
			t.Errorf("%+v: the headline speaks of a score: %s", c.form.Fields, headline)
		}
	}
}

// TestExamplesAreAccepted checks that the example each message gives is
// one its field accepts: put in the field, it brings no message of that
// field. The dates are worked from today, 30 November 2026.
func TestExamplesAreAccepted(t *testing.T) {
	today := engine.MustDate(2026, 11, 30)
	for _, policy := range []string{"trafford-2013", "rotherham-2017"} {
		p := shipped.policy(policy)
		in := engine.Fields{AssessedOn: today.String()}
		for _, field := range []string{"score", "age", "date_of_birth", "assessed_on", "current_cost", "allocation"} {
			for _, kind := range []engine.ErrorKind{engine.KindMissing, engine.KindNotNumber, engine.KindNegative, engine.KindTooLarge, engine.KindTooManyPlaces, engine.KindNotDate, engine.KindNoSuchDate} {
				msg := pageMessage(p, in, today, &engine.Error{Field: field, Kind: kind, Value: "x"})
				i := strings.Index(msg, "like ")
				if i < 0 {
					continue
				}
				example := msg[i+len("like "):]
				if j := strings.IndexAny(example, ",("); j >= 0 {
					example = example[:j]
				}
				example = strings.TrimSpace(example)
				if ws := strings.Fields(example); len(ws) == 3 {
					example = ws[2] + "-" + pad2(atoiTest(t, ws[1])) + "-" + pad2(atoiTest(t, ws[0]))
				}
				f := formOf(policy, func(f *engine.Fields) {
					f.Score, f.Allocation, f.Age, f.AssessedOn = "180", "4000", "9", today.String()
				})
				if field == "date_of_birth" {
					f.Age = ""
				}
				*f.field(field) = example
				for _, e := range work(f).errors {
					if e.Field == field {
						t.Errorf("%s, %s: %q gives the example %q, which the field refuses: %q", policy, field, msg, example, e.Message)
					}
				}
			}
		}
	}
}

func atoiTest(t *testing.T, s string) int {
	n, ok := number(s, 4)
	if !ok {
		t.Fatalf("%q is not a number", s)
	}
	return n
}
