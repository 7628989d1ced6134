package engine

import (
	"testing"

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
