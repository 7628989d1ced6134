package engine_test

import (
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
	"github.com/shopspring/decimal"
)

// TestContingencyTwin checks the base cost and contingency share worked out
// in integers against the decimal computation at the bounds of the integer
// path: the largest amount it takes and the smallest it leaves, amounts
// written to fewer places or with a positive exponent, the smallest and
// largest rates, and every rounding mode and number of places.
func TestContingencyTwin(t *testing.T) {
	p, err := policies.Load("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	if p.Transition.Contingency == nil {
		t.Fatal("trafford-2013 has no contingency")
	}
	largest := decimal.New(89999999999999, -2) // under 9 × 10^13 pence
	tooLarge := decimal.New(90000000000000, -2)
	costs := []engine.Money{
		decimal.New(0, -2), decimal.New(1, -2), decimal.New(1500000, -2), decimal.New(150001, -1),
		decimal.New(15, 3), decimal.New(15000, 0), largest, tooLarge,
		decimal.New(99999999999999, -2), // the largest amount a case can give
		decimal.New(1500000, -4),        // more than two places
	}
	rates := []engine.Money{decimal.New(35, -3), decimal.New(1, -4), decimal.New(9999, -4), decimal.New(0, 0), decimal.New(1, -1)}
	for _, places := range []int32{0, 1, 2} {
		for _, mode := range []engine.RoundingMode{engine.HalfAwayFromZero, engine.HalfEven, engine.Down, engine.Up} {
			for _, cost := range costs {
				for _, rate := range rates {
					if err := engine.ContingencyTwin(p, places, mode, cost, rate); err != nil {
						t.Error(err)
					}
				}
			}
		}
	}
	for _, c := range []struct {
		cost engine.Money
		want bool
	}{{largest, true}, {tooLarge, false}, {decimal.New(15, 3), true}, {decimal.New(1500000, -4), false}} {
		if got := engine.ContingencyInIntegers(p, c.cost); got != c.want {
			t.Errorf("%s: worked out in integers %v, want %v", c.cost, got, c.want)
		}
	}
}
