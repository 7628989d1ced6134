package engine

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// TestStageAmountsAgree checks that the whole-pence arithmetic of stageAmounts
// gives the same amounts as decimal arithmetic, for every rounding rule and
// differences from a penny to a billion pounds.
func TestStageAmountsAgree(t *testing.T) {
	groups := []Group{
		{Fractions: []Fraction{{1, 2, "1/2"}, {1, 2, "1/2"}}},
		{Fractions: []Fraction{{1, 3, "1/3"}, {1, 3, "1/3"}, {1, 3, "1/3"}}},
		{Fractions: []Fraction{{1, 7, "1/7"}, {2, 7, "2/7"}, {4, 7, "4/7"}}},
		{Fractions: []Fraction{{999, 1000, "999/1000"}, {1, 1000, "1/1000"}}},
	}
	seed := uint64(1)
	next := func() int64 {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int64(seed >> 34)
	}
	for _, mode := range []RoundingMode{HalfAwayFromZero, HalfEven, Down, Up} {
		for places := int32(0); places <= 2; places++ {
			p := &Policy{Rounding: Rounding{Places: places, Mode: mode}}
			for i := 0; i < 2000; i++ {
				diffPence := next()%100_000_000_000 + 1
				if i%3 == 0 {
					diffPence = next()%10_000 + 1 // small differences, where rounding shows
				}
				allocPence := next() % 10_000_000
				base := decimal.New(allocPence+diffPence, -2)
				alloc := decimal.New(allocPence, -2)
				diff := base.Sub(alloc)
				for _, g := range groups {
					fast := p.stageAmounts(&g, base, alloc, diff)
					slow := p.stageAmountsDecimal(&g, base, alloc, diff)
					for k := range fast {
						if !fast[k].Equal(slow[k]) {
							t.Fatalf("%s, %d places, base %s, alloc %s, fractions %v: stage %d is %s in pence, %s in decimals",
								mode, places, base, alloc, g.Fractions, k+1, fast[k], slow[k])
						}
					}
				}
			}
		}
	}
}

// TestStagesPenceTwin checks the schedule stagesPence lays out for a cohort
// against the one stages lays out from the decimal computation
// (stageAmountsDecimal, reached by amounts not given in pence): the same
// dates, reasons and amounts, for every rounding rule, plans agreed before,
// within and after the implementation period (stages due by the plan date,
// on the report's dates and counted in months), and differences small enough
// that a stage rounds to nothing.
func TestStagesPenceTwin(t *testing.T) {
	d := func(y int, m time.Month, day int) Date { return MustDate(y, m, day) }
	groups := []Group{
		{Fractions: []Fraction{{1, 2, "1/2"}, {1, 2, "1/2"}}, StageDates: []Date{d(2013, 10, 1), d(2014, 10, 1)}, StageMonths: []int{6, 18}},
		{Fractions: []Fraction{{1, 3, "1/3"}, {1, 3, "1/3"}, {1, 3, "1/3"}}, StageDates: []Date{d(2013, 10, 1), d(2014, 10, 1), d(2015, 10, 1)}, StageMonths: []int{6, 18, 30}},
		{Fractions: []Fraction{{1, 7, "1/7"}, {2, 7, "2/7"}, {4, 7, "4/7"}}, StageMonths: []int{1, 2, 3}},
		{Fractions: []Fraction{{999, 1000, "999/1000"}, {1, 1000, "1/1000"}}, StageDates: []Date{d(2013, 4, 1), d(2016, 2, 29)}},
		{Fractions: []Fraction{{1, 1, "1"}}, StageDates: []Date{d(2013, 10, 1)}, StageMonths: []int{6}},
	}
	ons := []Date{d(2012, 1, 31), d(2013, 4, 1), d(2013, 9, 30), d(2013, 10, 1), d(2014, 10, 2), d(2016, 2, 29), d(2020, 8, 31)}
	seed := uint64(7)
	next := func() int64 {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int64(seed >> 34)
	}
	for _, mode := range []RoundingMode{HalfAwayFromZero, HalfEven, Down, Up} {
		for places := int32(0); places <= 2; places++ {
			p := &Policy{Rounding: Rounding{Places: places, Mode: mode}}
			p.Transition.ImplementationPeriod = &Period{From: d(2013, 4, 1), To: d(2013, 9, 30)}
			for i := 0; i < 600; i++ {
				diffPence := next()%100_000_000_000 - 10_000_000_000
				if i%3 == 0 {
					diffPence = next()%20 - 5 // a stage may round to nothing
				}
				allocPence := next() % 10_000_000
				// Amounts to the places the rounding keeps, as a policy's are.
				unit := pow10[2-places]
				diffPence, allocPence = diffPence/unit*unit, allocPence/unit*unit
				base, alloc := decimal.New(allocPence+diffPence, -2), decimal.New(allocPence, -2)
				diff := base.Sub(alloc)
				for gi := range groups {
					g := &groups[gi]
					for _, on := range ons {
						fast := &scheduleBuilder{ex: &explainer{}}
						p.stages(fast, g, on, pennies{pence: allocPence + diffPence, ok: true}, pennies{pence: allocPence, ok: true}, pennies{pence: diffPence, ok: true})
						slow := &scheduleBuilder{ex: &explainer{}}
						p.stages(slow, g, on, pennies{m: base}, penniesOf(alloc), pennies{m: diff})
						if len(fast.entries) != len(slow.entries) {
							t.Fatalf("%s, %d places, base %s, alloc %s, group %d, on %s: %d entries in pence, %d in decimals", mode, places, base, alloc, gi, on, len(fast.entries), len(slow.entries))
						}
						for k := range fast.entries {
							f, s := fast.entries[k], slow.entries[k]
							if f.From != s.From || f.Reason != s.Reason || !f.Amount().Equal(s.Amount()) || !f.pence.ok || f.pence.pence != penniesOf(s.Amount()).pence {
								t.Fatalf("%s, %d places, base %s, alloc %s, group %d, on %s: entry %d is %s %q %s in pence, %s %q %s in decimals",
									mode, places, base, alloc, gi, on, k+1, f.From, f.Reason, f.Amount(), s.From, s.Reason, s.Amount())
							}
						}
					}
				}
			}
		}
	}
}
