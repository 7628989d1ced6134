package engine_test

import (
	"testing"

	"github.com/openras/openras/engine"
	"github.com/shopspring/decimal"
)

// TestModerationZone works the zones of the Trafford report's window of 10
// points by hand: a score exactly 10 points from a step is in the zone only
// where the policy says the window is inclusive, and no zone goes below 0.
func TestModerationZone(t *testing.T) {
	for _, tc := range []struct {
		window       int
		inclusive    bool
		step, lo, hi int
	}{
		{10, true, 260, 250, 270},
		{10, false, 260, 251, 269},
		{10, true, 100, 90, 110},
		{20, false, 150, 131, 169},
		{10, true, 5, 0, 15},
		{10, false, 5, 0, 14},
		{0, true, 200, 200, 200},
		{1, false, 200, 200, 200},
	} {
		m := &engine.Moderation{Steps: []int{tc.step}, Window: tc.window, Inclusive: tc.inclusive}
		if lo, hi := m.Zone(tc.step); lo != tc.lo || hi != tc.hi {
			t.Errorf("window %d inclusive %v, step %d: zone %d–%d, want %d–%d", tc.window, tc.inclusive, tc.step, lo, hi, tc.lo, tc.hi)
		}
	}
}

// TestAnnualRate works Trafford's rates a year by hand: a fixed offer is
// its own rate a year; a per-point rate is the rate × 52 weeks a point.
func TestAnnualRate(t *testing.T) {
	p := cohortPolicy(t, "trafford-2013")
	for _, tc := range []struct {
		age, score int
		want       string
	}{
		{11, 120, "1000"}, // 10-13, 100-149: a fixed offer of £1,000.00
		{11, 261, "52"},   // 10-13, 260-plus: £1.00 × 52
		{3, 160, "5.2"},   // under-5, 150-199: £0.10 × 52
		{15, 210, "52"},   // 14-plus, 200-259: £1.00 × 52
		{7, 200, "26"},    // 5-9, 200-259: £0.50 × 52
		{12, 199, "15.6"}, // 10-13, 150-199: £0.30 × 52
	} {
		ai, _ := p.AgeBand(tc.age)
		si, _ := p.ScoreBand(tc.score)
		if got := p.AnnualRate(ai, si); !got.Equal(decimal.RequireFromString(tc.want)) {
			t.Errorf("age %d, score %d: %s a year, want %s", tc.age, tc.score, got, tc.want)
		}
	}
}
