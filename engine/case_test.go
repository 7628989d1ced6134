package engine_test

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/openras/openras/engine"
)

// goodFields is a case whose every field is right; each test row spoils one.
var goodFields = engine.Fields{ID: "c1", Score: "180", Age: "12"}

// caseErrors reads f, which must fail, and returns its Errors.
func caseErrors(t *testing.T, f engine.Fields) engine.Errors {
	t.Helper()
	var c engine.Case
	var err error
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("Fields.Case panicked: %v", r)
			}
		}()
		c, err = f.Case()
	}()
	if err == nil {
		t.Fatalf("Fields.Case() = %+v, want an error", c)
	}
	var es engine.Errors
	if !errors.As(err, &es) {
		t.Fatalf("Fields.Case() error %T (%v) is not engine.Errors", err, err)
	}
	if len(es) == 0 {
		t.Fatalf("Fields.Case() returned an empty Errors")
	}
	for _, e := range es {
		if e.Field == "" {
			t.Errorf("an error names no field: %v", e)
		}
		if !utf8.ValidString(e.Error()) {
			t.Errorf("error %q is not valid UTF-8", e.Error())
		}
	}
	return es
}

func TestFieldsCaseBadInput(t *testing.T) {
	million := strings.Repeat("7", 1_000_000)
	tests := []struct {
		name  string
		edit  func(f *engine.Fields)
		field string // the field the one error names
		msg   string // a part of its message
	}{
		{"negative score", func(f *engine.Fields) { f.Score = "-5" }, engine.FieldScore, "is negative"},
		{"fractional score", func(f *engine.Fields) { f.Score = "180.5" }, engine.FieldScore, "is not a whole number"},
		{"non-numeric score", func(f *engine.Fields) { f.Score = "high" }, engine.FieldScore, "is not a number"},
		{"score with a comma", func(f *engine.Fields) { f.Score = "1,80" }, engine.FieldScore, "is not a number"},
		{"age abc", func(f *engine.Fields) { f.Age = "abc" }, engine.FieldAge, "is not a number"},
		{"age -1", func(f *engine.Fields) { f.Age = "-1" }, engine.FieldAge, "is negative"},
		{"age 12.5", func(f *engine.Fields) { f.Age = "12.5" }, engine.FieldAge, "is not a whole number"},
		{"date of birth 31 April", func(f *engine.Fields) { f.DateOfBirth = "2013-04-31" }, engine.FieldDateOfBirth,
			"is not a date: April 2013 has no day 31"},
		{"date of birth day first", func(f *engine.Fields) { f.DateOfBirth = "20/08/2000" }, engine.FieldDateOfBirth, "is not a date"},
		{"assessed on 29 February 2013", func(f *engine.Fields) { f.AssessedOn = "2013-02-29" }, engine.FieldAssessedOn,
			"is not a date: February 2013 has no day 29"},
		{"negative current cost", func(f *engine.Fields) { f.CurrentCost = "-15000" }, engine.FieldCurrentCost, "is negative"},
		{"current cost with 3 decimals", func(f *engine.Fields) { f.CurrentCost = "15000.001" }, engine.FieldCurrentCost,
			"has more than 2 decimal places"},
		{"negative allocation", func(f *engine.Fields) { f.Allocation = "-1" }, engine.FieldAllocation, "is negative"},
		{"allocation with 3 decimals", func(f *engine.Fields) { f.Allocation = "9367.125" }, engine.FieldAllocation,
			"has more than 2 decimal places"},
		{"a million-character id", func(f *engine.Fields) { f.ID = million }, engine.FieldID, "is too long"},
		{"a million-digit score", func(f *engine.Fields) { f.Score = million }, engine.FieldScore, "is too long"},
		{"a million-digit current cost", func(f *engine.Fields) { f.CurrentCost = million }, engine.FieldCurrentCost, "is too long"},
		{"invalid UTF-8 id", func(f *engine.Fields) { f.ID = "c\xff\xfe1" }, engine.FieldID, "is not text"},
		{"invalid UTF-8 score", func(f *engine.Fields) { f.Score = "18\xc3\x28" }, engine.FieldScore, "is not text"},
		{"a NUL in the age", func(f *engine.Fields) { f.Age = "12\x00" }, engine.FieldAge, "is not text"},
		{"missing age and date of birth", func(f *engine.Fields) { f.Age = "" }, engine.FieldAge, "is missing"},
		{"includes_contingency maybe", func(f *engine.Fields) { f.CurrentCost, f.IncludesContingency = "15000", "maybe" },
			engine.FieldIncludesContingency, "is not true or false"},
		{"includes_contingency without a current cost", func(f *engine.Fields) { f.IncludesContingency = "true" },
			engine.FieldIncludesContingency, "needs the current cost"},
		{"a new score without its date", func(f *engine.Fields) { f.NewScore = "200" }, engine.FieldReassessedOn, "is missing"},
		{"a reassessment date without its score", func(f *engine.Fields) { f.ReassessedOn = "2014-01-01" }, engine.FieldNewScore, "is missing"},
		{"a reassessment date that is not a date", func(f *engine.Fields) { f.ReassessedOn, f.NewScore = "2014-02-30", "200" },
			engine.FieldReassessedOn, "is not a date"},
		{"a negative new score", func(f *engine.Fields) { f.ReassessedOn, f.NewScore = "2014-01-01", "-200" },
			engine.FieldNewScore, "is negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := goodFields
			tt.edit(&f)
			es := caseErrors(t, f)
			if len(es) != 1 {
				t.Errorf("one bad field gave %d errors, want 1:\n%v", len(es), es)
			}
			e := es.Field(tt.field)
			if e == nil {
				t.Fatalf("no error names the field %s; errors:\n%v", tt.field, es)
			}
			if !strings.Contains(e.Error(), tt.msg) {
				t.Errorf("error = %q, want it to say %q", e.Error(), tt.msg)
			}
			if !strings.HasPrefix(e.Error(), tt.field+": ") {
				t.Errorf("error = %q, want it to start with the field %q", e.Error(), tt.field)
			}
			if strings.HasPrefix(e.Message(), tt.field) {
				t.Errorf("Message() = %q repeats the field; a form shows it beside the field", e.Message())
			}
			if len(e.Error()) > 300 {
				t.Errorf("error is %d bytes long, want a short message: %.300q", len(e.Error()), e.Error())
			}
		})
	}
}

func TestFieldsCaseLongValueIsNotRepeated(t *testing.T) {
	for _, tt := range []struct{ name, value string }{
		{"ASCII", strings.Repeat("x", 1_000_000)},
		{"two-byte letters", strings.Repeat("é", 500_000)},
		{"invalid UTF-8", strings.Repeat("\xff", 1_000_000)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := goodFields
			f.ID = tt.value
			es := caseErrors(t, f)
			msg := es.Error()
			if !strings.Contains(msg, "is too long") {
				t.Errorf("error = %.200q, want it to say the value is too long", msg)
			}
			if len(msg) > 300 {
				t.Errorf("error is %d bytes; it must not repeat the value", len(msg))
			}
			if strings.Contains(msg, tt.value[:1000]) {
				t.Errorf("error repeats a thousand bytes of the value")
			}
		})
	}
}

func TestFieldsCaseEveryBadField(t *testing.T) {
	f := engine.Fields{
		ID:                  "c\xff",
		Score:               "-1",
		Age:                 "abc",
		DateOfBirth:         "2013-04-31",
		AssessedOn:          "2013-02-29",
		CurrentCost:         "1.234",
		IncludesContingency: "maybe",
		Allocation:          "-5",
		ReassessedOn:        "soon",
		NewScore:            "lots",
	}
	es := caseErrors(t, f)
	want := []string{
		engine.FieldID, engine.FieldScore, engine.FieldAge, engine.FieldDateOfBirth, engine.FieldAssessedOn,
		engine.FieldCurrentCost, engine.FieldIncludesContingency, engine.FieldAllocation,
		engine.FieldReassessedOn, engine.FieldNewScore,
	}
	var got []string
	for _, e := range es {
		got = append(got, e.Field)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("errors name the fields\n%v\nwant, in the order of the fields,\n%v\nerrors:\n%v", got, want, es)
	}
}

func TestFieldsCaseGood(t *testing.T) {
	f := engine.Fields{
		ID: " ex3 ", Score: " 261 ", DateOfBirth: "2000-08-20", AssessedOn: "2013-04-01",
		CurrentCost: "£15,000.00", IncludesContingency: "No", ReassessedOn: "2014-01-15", NewScore: "270",
	}
	c, err := f.Case()
	if err != nil {
		t.Fatalf("Fields.Case(): %v", err)
	}
	if c.ID != "ex3" || c.Score == nil || *c.Score != 261 || c.Age != nil ||
		c.DateOfBirth != civil(2000, time.August, 20) || c.AssessedOn != civil(2013, time.April, 1) ||
		c.CurrentCost == nil || !c.CurrentCost.Equal(pounds("15000")) || c.IncludesContingency || c.Allocation != nil ||
		c.Reassessment == nil || c.Reassessment.On != civil(2014, time.January, 15) || c.Reassessment.Score != 270 {
		t.Errorf("Fields.Case() = %+v", c)
	}
	for _, v := range []string{"true", "TRUE", "yes", "Yes"} {
		t.Run("includes_contingency "+v, func(t *testing.T) {
			f := goodFields
			f.CurrentCost, f.IncludesContingency = "15525", v
			c, err := f.Case()
			if err != nil || !c.IncludesContingency {
				t.Errorf("Fields.Case() = %+v, %v; want IncludesContingency", c, err)
			}
		})
	}
	t.Run("neither score nor allocation", func(t *testing.T) {
		// Whether a score or an allocation is needed depends on the policy,
		// so Fields.Case leaves that to Evaluate (TestMissingScoreAndAllocation).
		f := engine.Fields{ID: "n1", Age: "12", Score: "  ", Allocation: " "}
		c, err := f.Case()
		if err != nil || c.Score != nil || c.Allocation != nil {
			t.Errorf("Fields.Case() = %+v, %v; want no score, no allocation and no error", c, err)
		}
	})
	t.Run("an allocation without a score", func(t *testing.T) {
		f := engine.Fields{ID: "r1", Age: "12", Allocation: "9,367.00"}
		c, err := f.Case()
		if err != nil || c.Score != nil || c.Allocation == nil || !c.Allocation.Equal(pounds("9367")) {
			t.Errorf("Fields.Case() = %+v, %v", c, err)
		}
	})
}

// evaluateNoPanic is engine.Evaluate with a panic turned into a test failure.
func evaluateNoPanic(t *testing.T, p *engine.Policy, c engine.Case) (r *engine.Result, err error) {
	t.Helper()
	defer func() {
		if x := recover(); x != nil {
			t.Fatalf("Evaluate(%s, %+v) panicked: %v", p.ID, c, x)
		}
	}()
	return engine.Evaluate(p, c)
}

func ptrTo[T any](v T) *T { return &v }

func TestEvaluateErrors(t *testing.T) {
	trafford := loadShipped(t, "trafford-2013")
	rotherham := loadShipped(t, "rotherham-2017")
	assessed := civil(2013, time.April, 1)
	tests := []struct {
		name   string
		policy *engine.Policy
		c      engine.Case
		field  string
		msg    []string // parts of the message
	}{
		{
			name: "age 18", policy: trafford,
			c:     engine.Case{Score: ptrTo(180), Age: ptrTo(18)},
			field: engine.FieldAge, msg: []string{`"18"`, "adult services"},
		},
		{
			name: "18 on the assessment date, from the date of birth", policy: trafford,
			c:     engine.Case{Score: ptrTo(180), DateOfBirth: civil(1995, time.April, 1), AssessedOn: assessed},
			field: engine.FieldDateOfBirth, msg: []string{"gives age 18", "adult services"},
		},
		{
			name: "age 18 under Rotherham", policy: rotherham,
			c:     engine.Case{Allocation: ptrTo(pounds("9000")), Age: ptrTo(18)},
			field: engine.FieldAge, msg: []string{"adult services"},
		},
		{
			name: "date of birth after the assessment date", policy: trafford,
			c:     engine.Case{Score: ptrTo(180), DateOfBirth: civil(2013, time.April, 2), AssessedOn: assessed},
			field: engine.FieldDateOfBirth, msg: []string{"is after the assessment date"},
		},
		{
			name: "date of birth after the default assessment date", policy: trafford,
			c:     engine.Case{Score: ptrTo(180), DateOfBirth: civil(2013, time.May, 1)},
			field: engine.FieldDateOfBirth, msg: []string{"is after the assessment date (2013-04-01)"},
		},
		{
			// Born 20 August 2000 (Example 3), the child is 12 on 1 April 2013.
			name: "age disagreeing with the date of birth", policy: trafford,
			c:     engine.Case{Score: ptrTo(261), Age: ptrTo(13), DateOfBirth: civil(2000, time.August, 20), AssessedOn: assessed},
			field: engine.FieldAge, msg: []string{`"13"`, "does not match the date of birth", "age 12"},
		},
		{
			name: "no allocation where prices are not published", policy: rotherham,
			c:     engine.Case{Score: ptrTo(180), Age: ptrTo(12)},
			field: engine.FieldAllocation, msg: []string{"is missing", "not published"},
		},
		{
			name: "a contingency under a policy with none", policy: rotherham,
			c: engine.Case{Age: ptrTo(12), Allocation: ptrTo(pounds("9000")), CurrentCost: ptrTo(pounds("10350")),
				IncludesContingency: true},
			field: engine.FieldIncludesContingency, msg: []string{"no contingency"},
		},
		{
			name: "a reassessment on the assessment date", policy: trafford,
			c: engine.Case{Score: ptrTo(261), DateOfBirth: civil(2000, time.August, 20), AssessedOn: assessed,
				CurrentCost: ptrTo(pounds("15000")), Reassessment: &engine.Reassessment{On: assessed, Score: 200}},
			field: engine.FieldReassessedOn, msg: []string{"is not after the assessment date"},
		},
		{
			name: "a reassessment before the assessment date", policy: trafford,
			c: engine.Case{Score: ptrTo(261), DateOfBirth: civil(2000, time.August, 20), AssessedOn: assessed,
				CurrentCost: ptrTo(pounds("15000")), Reassessment: &engine.Reassessment{On: civil(2013, time.March, 31), Score: 200}},
			field: engine.FieldReassessedOn, msg: []string{"is not after the assessment date"},
		},
		{
			name: "no age and no date of birth", policy: trafford,
			c:     engine.Case{Score: ptrTo(180)},
			field: engine.FieldAge, msg: []string{"is missing"},
		},
		{
			name: "no score and no allocation", policy: trafford,
			c:     engine.Case{Age: ptrTo(12)},
			field: engine.FieldScore, msg: []string{"is missing"},
		},
		// Evaluate takes a Case from any caller, not only from Fields.Case, and
		// promises Errors for a case it cannot price.
		{
			name: "a negative age given directly", policy: trafford,
			c:     engine.Case{Score: ptrTo(180), Age: ptrTo(-1)},
			field: engine.FieldAge,
		},
		{
			name: "a negative score given directly", policy: trafford,
			c:     engine.Case{Score: ptrTo(-5), Age: ptrTo(12)},
			field: engine.FieldScore,
		},
		{
			name: "a negative new score given directly", policy: trafford,
			c: engine.Case{Score: ptrTo(261), DateOfBirth: civil(2000, time.August, 20), AssessedOn: assessed,
				CurrentCost: ptrTo(pounds("15000")), Reassessment: &engine.Reassessment{On: civil(2013, time.June, 1), Score: -1}},
			field: engine.FieldNewScore,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := evaluateNoPanic(t, tt.policy, tt.c)
			if err == nil {
				t.Fatalf("Evaluate = %+v, want an error about %s", r, tt.field)
			}
			var es engine.Errors
			if !errors.As(err, &es) {
				t.Fatalf("Evaluate error %T (%v) is not engine.Errors", err, err)
			}
			e := es.Field(tt.field)
			if e == nil {
				t.Fatalf("no error names the field %s; errors:\n%v", tt.field, es)
			}
			for _, m := range tt.msg {
				if !strings.Contains(e.Error(), m) {
					t.Errorf("error = %q, want it to say %q", e.Error(), m)
				}
			}
		})
	}
}

func TestEvaluateAtTheEdgeOfScope(t *testing.T) {
	trafford := loadShipped(t, "trafford-2013")
	t.Run("age 17", func(t *testing.T) {
		// Trafford 2013, Appendix 1, Example 3: 261 points at 14 plus is
		// 261 × £1.30 × 52 = 339.30 × 52 = £17,643.60.
		r, err := evaluateNoPanic(t, trafford, engine.Case{Score: ptrTo(261), Age: ptrTo(17)})
		if err != nil {
			t.Fatalf("Evaluate: %v", err)
		}
		if r.Age != 17 || r.AgeBand.ID != "14-plus" || !r.AnnualBudget().Equal(pounds("17643.60")) {
			t.Errorf("age %d, band %s, budget %s; want 17, 14-plus, 17643.60", r.Age, r.AgeBand.ID, r.AnnualBudget())
		}
	})
	t.Run("17 the day before the 18th birthday", func(t *testing.T) {
		r, err := evaluateNoPanic(t, trafford, engine.Case{Score: ptrTo(261), DateOfBirth: civil(1995, time.April, 2), AssessedOn: civil(2013, time.April, 1)})
		if err != nil {
			t.Fatalf("Evaluate: %v", err)
		}
		if r.Age != 17 {
			t.Errorf("age = %d, want 17", r.Age)
		}
	})
	t.Run("born on the assessment date", func(t *testing.T) {
		// Under 5 with 100–149 points: the fixed offer of £500.00 (§6.3).
		r, err := evaluateNoPanic(t, trafford, engine.Case{Score: ptrTo(120), DateOfBirth: civil(2013, time.April, 1), AssessedOn: civil(2013, time.April, 1)})
		if err != nil {
			t.Fatalf("Evaluate: %v", err)
		}
		if r.Age != 0 || r.AgeBand.ID != "under-5" || !r.AnnualBudget().Equal(pounds("500")) {
			t.Errorf("age %d, band %s, budget %s; want 0, under-5, 500.00", r.Age, r.AgeBand.ID, r.AnnualBudget())
		}
	})
}

func TestMissingScoreAndAllocation(t *testing.T) {
	// A form with neither a score nor an allocation: each policy says which it needs.
	c, err := engine.Fields{ID: "n1", Age: "12"}.Case()
	if err != nil {
		t.Fatalf("Fields.Case(): %v", err)
	}
	tests := []struct {
		policy, field string
		msg           []string
	}{
		{"trafford-2013", engine.FieldScore, []string{"is missing"}},
		{"rotherham-2017", engine.FieldAllocation, []string{"is missing", "not published"}},
	}
	for _, tt := range tests {
		t.Run(tt.policy, func(t *testing.T) {
			r, err := evaluateNoPanic(t, loadShipped(t, tt.policy), c)
			if err == nil {
				t.Fatalf("Evaluate = %+v, want an error about %s", r, tt.field)
			}
			var es engine.Errors
			if !errors.As(err, &es) || es.Field(tt.field) == nil {
				t.Fatalf("Evaluate error = %v, want an error about the field %s", err, tt.field)
			}
			for _, m := range tt.msg {
				if !strings.Contains(es.Field(tt.field).Error(), m) {
					t.Errorf("error = %q, want it to say %q", es.Field(tt.field).Error(), m)
				}
			}
		})
	}
}
