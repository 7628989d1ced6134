package engine

import (
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// TestSpendDaysTwin checks the spend by financial year that spendDays adds
// day by day against spendYears, which multiplies each amount by its days in
// each year, for children under each shipped policy: assessed from 1990 to
// 2019 in random order, so that the ledger grows either way, and a few in
// 1905 and 2145 (outside the table of months) and from 2060 (outside the
// ledger's span), which spendDays leaves to spendYears in the same summary;
// with reassessments, the contingency, allocations told and amounts up to the
// largest; and then with a third of them taken out again. Then the same for
// schedules made up, which evaluation does not make: out of date order,
// longer than spendDays takes, ending in an amount with no day of leaving.
func TestSpendDaysTwin(t *testing.T) {
	for _, id := range []string{"trafford-2013", "rotherham-2017"} {
		text, err := os.ReadFile("../policies/" + id + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		p, err := ParsePolicy(id+".yaml", text)
		if err != nil {
			t.Fatal(err)
		}
		rng := rand.New(rand.NewPCG(11, 13))
		var results []*Result
		for len(results) < 4000 {
			r, err := evaluate(p, randomSpendCase(rng), false)
			if err == nil {
				results = append(results, r)
			}
		}
		days, years := NewSummariser(p), yearsOnly(p)
		for _, r := range results {
			days.Add(r)
			years.Add(r)
		}
		if len(days.days) == 0 || len(days.days) > ledgerDays {
			t.Fatalf("%s: the ledger spans %d days", id, len(days.days))
		}
		if len(years.days) != ledgerDays {
			t.Fatalf("%s: the years-only summary added days", id)
		}
		compareSpend(t, id+", every child", days.Summary(), years.Summary())

		rest := yearsOnly(p)
		for i, r := range results {
			if i%3 == 0 {
				days.remove(r)
			} else {
				rest.Add(r)
			}
		}
		compareSpend(t, id+", a third taken out", days.Summary(), rest.Summary())

		days, years = NewSummariser(p), yearsOnly(p)
		for range 2000 {
			sched, leaves := randomSchedule(rng)
			days.spend(sched, leaves, 1)
			years.spend(sched, leaves, 1)
		}
		compareSpend(t, id+", schedules made up", days.Summary(), years.Summary())
	}
}

// randomSchedule is a schedule of one to nine entries from 2010 on, most in
// date order, with amounts of either sign up to the largest, and the day the
// child leaves, or none.
func randomSchedule(rng *rand.Rand) ([]Entry, Date) {
	day := (Date{2010, time.April, 1}).dayNumber() + rng.IntN(3000)
	sched := make([]Entry, 1+rng.IntN(9))
	for i := range sched {
		if rng.IntN(20) == 0 {
			day -= rng.IntN(400)
		} else {
			day += rng.IntN(400)
		}
		a := rng.Int64N(3_000_000) - 1_000_000
		if rng.IntN(20) == 0 {
			a = 99_999_999_999_999
		}
		sched[i] = Entry{From: dateOfDay(day), pence: pennies{pence: a, ok: true}}
	}
	var leaves Date
	if rng.IntN(3) != 0 {
		leaves = dateOfDay(day + rng.IntN(2000) - 300)
	}
	return sched, leaves
}

// dateOfDay is the date of day number d.
func dateOfDay(d int) Date {
	on := Date{1950, time.January, 1}
	return on.AddDays(d - on.dayNumber())
}

// yearsOnly is a summariser whose ledger is already as long as it may be,
// far from any date, so that every schedule is spendYears'.
func yearsOnly(p *Policy) *Summariser {
	sm := NewSummariser(p)
	sm.days, sm.dayFrom = make([]total, ledgerDays), -1<<40
	return sm
}

func compareSpend(t *testing.T, what string, got, want Summary) {
	t.Helper()
	if len(want.SpendByYear) < 2 {
		t.Fatalf("%s: %d years of spend", what, len(want.SpendByYear))
	}
	if len(got.SpendByYear) != len(want.SpendByYear) {
		t.Fatalf("%s: %d years of spend, want %d", what, len(got.SpendByYear), len(want.SpendByYear))
	}
	for i, w := range want.SpendByYear {
		if g := got.SpendByYear[i]; g.Year != w.Year || !g.Spend.Equal(w.Spend) {
			t.Errorf("%s: %s spend %s, want %s", what, w.Label(), g.Spend, w.Spend)
		}
	}
}

// randomSpendCase is a child for TestSpendDaysTwin.
func randomSpendCase(rng *rand.Rand) Case {
	date := func(y int) Date {
		return Date{y, time.Month(1 + rng.IntN(12)), 1 + rng.IntN(28)}
	}
	amount := func() *Money {
		var m Money
		switch rng.IntN(8) {
		case 0:
			m = maxAmount
		case 1:
			m = decimal.New(rng.Int64N(1e12), -2)
		default:
			m = decimal.New(rng.Int64N(3_000_000), -2)
		}
		return &m
	}
	// Mostly within the ledger's span, which grows either way to hold
	// them; a few out of it, and a few out of the table of months.
	on := date(1990 + rng.IntN(30))
	switch rng.IntN(40) {
	case 0:
		on = date(1905)
	case 1:
		on = date(2145)
	case 2:
		on = date(2060 + rng.IntN(30))
	}
	c := Case{AssessedOn: on, DateOfBirth: date(on.Year - rng.IntN(18))}
	if c.DateOfBirth.After(on) {
		c.DateOfBirth = Date{on.Year - 1, on.Month, 1}
	}
	score := rng.IntN(400)
	c.Score = &score
	if rng.IntN(8) != 0 {
		c.CurrentCost = amount()
		c.IncludesContingency = rng.IntN(5) == 0
	}
	if rng.IntN(6) == 0 {
		c.Allocation = amount()
	}
	if rng.IntN(6) == 0 {
		c.Reassessment = &Reassessment{On: date(on.Year + 1 + rng.IntN(2)), Score: rng.IntN(400)}
	}
	return c
}
