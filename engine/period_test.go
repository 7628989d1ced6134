package engine_test

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// Tests of plans agreed after the implementation period and of turning 18
// (docs/rules.md, "Plans agreed after the implementation period" and
// "Turning 18"); the cases are in testdata/cases/trafford-after-the-
// implementation-period.txtar and turns-18.txtar.

func evalFields(t *testing.T, p *engine.Policy, f engine.Fields) *engine.Result {
	t.Helper()
	c, err := f.Case()
	if err != nil {
		t.Fatal(err)
	}
	r, err := engine.Evaluate(p, c)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func scheduleText(r *engine.Result) []string {
	var got []string
	for _, e := range r.Transition.Schedule {
		got = append(got, e.From.String()+" "+e.Amount().StringFixed(2))
	}
	return got
}

// TestPastStageDatesWithCalendarDatesOnly: a group that gives only calendar
// dates (a scenario takes the months out) uses them for every plan, and a
// stage due on or before the plan date takes effect on the plan date
// (Decision past-stage-dates). Group 4, allocation £10,000.00, base
// £12,500.00: a step of ⅓ × £2,500.00 = £833.33.
func TestPastStageDatesWithCalendarDatesOnly(t *testing.T) {
	p, err := scenario(t, engine.Change{Path: "transition.groups.4.stage_months_after_plan", Value: ""})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		on   string
		want []string
	}{
		{"2013-10-01", []string{"2013-10-01 11666.67", "2014-10-01 10833.34", "2015-10-01 10000.00"}}, // stage 1 due on the plan date
		{"2014-01-15", []string{"2014-01-15 11666.67", "2014-10-01 10833.34", "2015-10-01 10000.00"}}, // stage 1 due before it
		{"2016-01-01", []string{"2016-01-01 10000.00"}},                                               // every stage due by then
	} {
		r := evalFields(t, p, engine.Fields{Age: "12", Allocation: "10000", CurrentCost: "12500", AssessedOn: tc.on})
		if got := scheduleText(r); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("plan on %s: schedule %v, want %v", tc.on, got, tc.want)
		}
	}
}

// TestStageMonthsOnly: a group that gives only months counts them from every
// plan date, one in the implementation period too.
func TestStageMonthsOnly(t *testing.T) {
	p, err := scenario(t, engine.Change{Path: "transition.groups.3.stage_dates", Value: ""})
	if err != nil {
		t.Fatal(err)
	}
	r := evalFields(t, p, engine.Fields{Age: "12", Allocation: "10000", CurrentCost: "11500", AssessedOn: "2013-04-01"})
	// 1 April 2013 + 6 months = 1 October 2013; + 18 months = 1 October 2014.
	want := []string{"2013-04-01 11500.00", "2013-10-01 10750.00", "2014-10-01 10000.00"}
	if got := scheduleText(r); !reflect.DeepEqual(got, want) {
		t.Errorf("schedule %v, want %v", got, want)
	}
}

// TestImplementationPeriodDecoding: the period and the two forms of stages
// are read strictly.
func TestImplementationPeriodDecoding(t *testing.T) {
	for _, tc := range []struct {
		name    string
		changes []engine.Change
		want    string
	}{
		{"both forms without a period", []engine.Change{{Path: "transition.implementation_period", Value: ""}},
			"transition.groups.3.stage_months_after_plan: cannot be given with stage_dates unless transition.implementation_period"},
		{"a period that ends before it starts", []engine.Change{{Path: "transition.implementation_period.to", Value: "2013-03-31"}},
			`transition.implementation_period.to: "2013-03-31" is before the period's start (2013-04-01)`},
		{"a period without an end", []engine.Change{{Path: "transition.implementation_period.to", Value: ""}},
			"transition.implementation_period"},
		{"a period that is not a date", []engine.Change{{Path: "transition.implementation_period.from", Value: "2013-02-30"}},
			"transition.implementation_period.from"},
		{"an unknown key", []engine.Change{{Path: "transition.implementation_period.until", Value: "2013-09-30"}},
			"until"},
		{"months that do not match the fractions", []engine.Change{{Path: "transition.groups.4.stage_months_after_plan", Value: "[6, 18]"}},
			"transition.groups.4.stage_months_after_plan: lists 2 stages for 3 fractions"},
		{"months out of order", []engine.Change{{Path: "transition.groups.4.stage_months_after_plan", Value: "[6, 30, 18]"}},
			"transition.groups.4.stage_months_after_plan.3"},
		{"neither form", []engine.Change{{Path: "transition.groups.3.stage_dates", Value: ""}, {Path: "transition.groups.3.stage_months_after_plan", Value: ""}},
			`is missing the key "stage_dates" (or "stage_months_after_plan")`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scenario(t, tc.changes...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// longDate finds the long dates a sentence names ("30 May 2027").
var longDate = regexp.MustCompile(`\b([1-9]|[12][0-9]|3[01]) (January|February|March|April|May|June|July|August|September|October|November|December) ([0-9]{4})\b`)

// TestExplanationNamesOnlyScheduleDates: the transition's sentences, from the
// base cost on, name no date but the schedule's own and the implementation
// period's, whatever supersedes the plan.
func TestExplanationNamesOnlyScheduleDates(t *testing.T) {
	tp, _ := policies.Load("trafford-2013")
	rp, _ := policies.Load("rotherham-2017")
	for _, tc := range []struct {
		p *engine.Policy
		f engine.Fields
	}{
		{tp, engine.Fields{Score: "212", DateOfBirth: "2014-08-20", AssessedOn: "2026-11-30", CurrentCost: "12000"}},
		{tp, engine.Fields{Score: "261", DateOfBirth: "2000-08-20", AssessedOn: "2013-04-01", CurrentCost: "15000"}},
		{tp, engine.Fields{Score: "261", DateOfBirth: "2002-01-10", CurrentCost: "17000", ReassessedOn: "2014-12-01", NewScore: "280"}},
		{tp, engine.Fields{Allocation: "10000", DateOfBirth: "2010-09-01", AssessedOn: "2026-11-30", CurrentCost: "13000"}},
		{tp, engine.Fields{Allocation: "10000", DateOfBirth: "2014-05-30", AssessedOn: "2026-11-30", CurrentCost: "13000"}}, // a birthday with no score to price
		{rp, engine.Fields{Allocation: "4000", DateOfBirth: "2000-01-15", AssessedOn: "2017-11-30", CurrentCost: "6000"}},
	} {
		r := evalFields(t, tc.p, tc.f)
		have := map[string]bool{}
		for _, e := range r.Transition.Schedule {
			have[e.From.Long()] = true
		}
		if per := tc.p.Transition.ImplementationPeriod; per != nil {
			have[per.From.Long()], have[per.To.Long()] = true, true
		}
		started := false
		for _, s := range r.Explanation {
			started = started || strings.Contains(s.Text, "base cost") || strings.Contains(s.Text, "current package")
			if !started || strings.HasPrefix(s.Text, "The package is reviewed") {
				continue
			}
			for _, d := range longDate.FindAllString(s.Text, -1) {
				if !have[d] {
					t.Errorf("%+v: %q names %s, which the schedule %v does not have", tc.f, s.Text, d, scheduleText(r))
				}
			}
		}
	}
}

// TestExplanationSaysWhichTimetable: the explanation says the report's dates
// have passed, for the 2026 plan, and that they apply, for one of 2013.
func TestExplanationSaysWhichTimetable(t *testing.T) {
	p, _ := policies.Load("trafford-2013")
	for on, want := range map[string]string{
		"2026-11-30": "The report's stage dates have passed; the same timetable is counted from the plan date",
		"2013-04-01": "so the report's stage dates apply",
	} {
		r := evalFields(t, p, engine.Fields{Score: "212", Age: "12", AssessedOn: on, CurrentCost: "12000"})
		found := false
		for _, s := range r.Explanation {
			found = found || strings.Contains(s.Text, want)
		}
		if !found {
			t.Errorf("plan on %s: no step says %q", on, want)
		}
	}
}

// TestLeavesOn: the 18th birthday from the date of birth, or the latest it
// can be from an age (Decision turns-18), with leap-day birthdays.
func TestLeavesOn(t *testing.T) {
	p, _ := policies.Load("trafford-2013")
	for _, tc := range []struct {
		f    engine.Fields
		want string
	}{
		{engine.Fields{Score: "120", DateOfBirth: "2009-03-15", AssessedOn: "2026-11-30"}, "2027-03-15"},
		{engine.Fields{Score: "120", Age: "17", AssessedOn: "2026-11-30"}, "2027-11-30"},                 // 1st anniversary
		{engine.Fields{Score: "120", Age: "4", AssessedOn: "2013-04-01"}, "2027-04-01"},                  // 14th anniversary
		{engine.Fields{Score: "120", DateOfBirth: "2008-02-29", AssessedOn: "2016-01-01"}, "2026-03-01"}, // 29 February: 1 March in 2026
		{engine.Fields{Score: "120", Age: "12", AssessedOn: "2016-02-29"}, "2022-03-01"},                 // the 6th anniversary of 29 February 2016
	} {
		r := evalFields(t, p, tc.f)
		if got := r.LeavesOn().String(); got != tc.want {
			t.Errorf("%+v: leaves on %s, want %s", tc.f, got, tc.want)
		}
	}
}

// TestSpendStopsAt18 works spend by financial year by hand for three
// children under Trafford, assessed on 1 April 2013 (score 120: the fixed
// offer of §6.3).
//
//   - A: 17, no date of birth: £1,300.00 a year (14 plus), leaving on
//     1 April 2014, the latest the 18th birthday can be (no entry in the
//     schedule: no current cost).
//   - B: born 1 October 1996, 16: £1,300.00 a year, 18 on 1 October 2014.
//   - C: 10: £1,000.00 a year; base £4,000.00, group 4, a step of £1,000.00:
//     £4,000.00 from 1 April 2013, £3,000.00 from 1 October 2013, £2,000.00
//     from 1 October 2014, £1,000.00 from 1 October 2015.
//
// 1 April to 1 October is 183 days; 1 October to 1 April 182 days (183 over
// a 29 February). Each year's spend is Σ amount × days ÷ the year's days,
// rounded to the penny:
//
//	2013/14 (365 days): A 1,300 × 365 + B 1,300 × 365 + C (4,000 × 183 +
//	  3,000 × 182) = 474,500 + 474,500 + 1,278,000 = 2,227,000; ÷ 365 =
//	  6,101.3698… → £6,101.37.
//	2014/15 (365 days): A nothing; B 1,300 × 183 = 237,900; C 3,000 × 183 +
//	  2,000 × 182 = 913,000; 1,150,900 ÷ 365 = 3,153.1506… → £3,153.15.
//	2015/16 (366 days): C 2,000 × 183 + 1,000 × 183 = 549,000; ÷ 366 =
//	  £1,500.00.
//
// Before turning 18 stopped the spend, A and B would have been paid
// £1,300.00 in each year.
func TestSpendStopsAt18(t *testing.T) {
	p, _ := policies.Load("trafford-2013")
	sm := engine.NewSummariser(p)
	for _, f := range []engine.Fields{
		{ID: "A", Score: "120", Age: "17"},
		{ID: "B", Score: "120", DateOfBirth: "1996-10-01"},
		{ID: "C", Score: "120", Age: "10", CurrentCost: "4000"},
	} {
		sm.Add(evalFields(t, p, f))
	}
	var got []string
	for _, y := range sm.Summary().SpendByYear {
		got = append(got, y.Label()+" "+y.Spend.StringFixed(2))
	}
	want := []string{"2013/14 6101.37", "2014/15 3153.15", "2015/16 1500.00"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spend by year %v, want %v", got, want)
	}
}

// TestSpendStopsAt18Rotherham: under Rotherham's 2017/18 budget year, a
// child assessed on 1 August 2017 (allocation £3,650.00, no current cost),
// born 1 January 2000, turns 18 on 1 January 2018: 1 August 2017 to
// 1 January 2018 is 153 days; 3,650 × 153 ÷ 365 = £1,530.00 of 2017/18.
func TestSpendStopsAt18Rotherham(t *testing.T) {
	p, _ := policies.Load("rotherham-2017")
	sm := engine.NewSummariser(p)
	sm.Add(evalFields(t, p, engine.Fields{ID: "R", Allocation: "3650", DateOfBirth: "2000-01-01"}))
	s := sm.Summary()
	if len(s.SpendByYear) != 1 || s.SpendByYear[0].Year != 2017 || s.SpendByYear[0].Spend.StringFixed(2) != "1530.00" {
		t.Errorf("spend by year %+v, want 2017/18 £1,530.00", s.SpendByYear)
	}
	if s.Budget == nil || s.Budget.Spend.StringFixed(2) != "1530.00" {
		t.Errorf("budget %+v, want the year's spend £1,530.00", s.Budget)
	}
}
