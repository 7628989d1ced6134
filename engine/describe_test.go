package engine_test

import (
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

func TestDescribe(t *testing.T) {
	p, err := policies.Load("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	m := func(s string) engine.Money { return amount(t, s) }
	// 9 children gain, none lose; £1,000,000.00 becomes £1,013,390.00,
	// a rise of 1.339% (1.3%); moderation 46 → 100.
	cmp := &engine.Comparison{
		Baseline: engine.Summary{TotalAllocation: m("1000000"), ModerationFlagged: 46},
		Scenario: engine.Summary{TotalAllocation: m("1013390"), ModerationFlagged: 100},
		Changed:  []engine.BandChange{{Gain: 4, Same: 3}, {Gain: 5}},
	}
	lower := &engine.Comparison{
		Baseline: engine.Summary{TotalAllocation: m("2000"), ModerationFlagged: 3},
		Scenario: engine.Summary{TotalAllocation: m("1500"), ModerationFlagged: 3},
		Changed:  []engine.BandChange{{Lose: 1}, {Gain: 1, Lose: 1}},
	}
	same := &engine.Comparison{Changed: []engine.BandChange{{Same: 2}}}
	tests := []struct {
		changes []engine.Change
		cmp     *engine.Comparison
		want    string
	}{
		{[]engine.Change{{Path: "rates.10-13.260-plus", Was: `"1.00"`, Value: `"1.10"`}, {Path: "moderation.window", Was: "10", Value: "20"}}, cmp,
			"Raises the 260+ rate for ages 10–13 from £1.00 to £1.10 a point a week and widens moderation from 10 to 20 points: 9 children gain and none lose; the total rises by £13,390.00 (1.3%); children sent to moderation rise from 46 to 100."},
		{[]engine.Change{{Path: "rates.under-5.100-149", Was: `"500.00"`, Value: `"450.00"`}}, lower,
			"Lowers the 100–149 offer for under 5 from £500.00 to £450.00 a year: 1 child gains and 2 children lose; the total falls by £500.00 (25.0%)."},
		{[]engine.Change{{Path: "rates.5-9.150-199", Was: `"0.20"`, Value: `"0.125"`}}, nil,
			"Lowers the 150–199 rate for ages 5–9 from £0.20 to £0.125 a point a week."},
		{[]engine.Change{{Path: "moderation.window", Was: "10", Value: "5"}, {Path: "scores.eligibility_threshold", Was: "100", Value: "110"}, {Path: "notice.months", Was: "3", Value: "6"}}, same,
			"Narrows moderation from 10 to 5 points, moves the eligibility threshold from 100 to 110 points and lengthens the notice from 3 to 6 months: no child gains or loses; the total is unchanged."},
		{[]engine.Change{{Path: "transition.groups.3.decrease_to", Was: `"2499.99"`, Value: `"2999.99"`}, {Path: "transition.groups.3.fractions", Was: `["1/2", "1/2"]`, Value: `["1/4", "3/4"]`}}, nil,
			`Moves the upper edge of group 3 (Decrease of £1,000.00 to £2,499.99 a year) from £2,499.99 to £2,999.99 and changes the stages of group 3 (Decrease of £1,000.00 to £2,499.99 a year) from ["1/2", "1/2"] to ["1/4", "3/4"].`},
		{[]engine.Change{{Path: "rounding.mode", Was: "half-away-from-zero", Value: "down"}, {Path: "notes.5", Value: "{text: x}"}, {Path: "budget", Was: "{amount: 1}"}}, nil,
			"Changes rounding.mode from half-away-from-zero to down, sets notes.5 to {text: x} and removes budget ({amount: 1})."},
		{nil, nil, "Changes nothing."},
		{[]engine.Change{{Path: "a", Was: "1", Value: "2"}, {Path: "b", Was: "1", Value: "2"}, {Path: "c", Was: "1", Value: "2"}, {Path: "d", Was: "1", Value: "2"}, {Path: "e", Was: "1", Value: "2"}}, nil,
			"Changes a from 1 to 2, changes b from 1 to 2, changes c from 1 to 2 and makes 2 other changes."},
	}
	for _, tc := range tests {
		if got := engine.Describe(p, tc.changes, tc.cmp); got != tc.want {
			t.Errorf("got  %s\nwant %s", got, tc.want)
		}
	}
}

// Illustrative prices for a council that published none are one clause,
// whatever sections they give; a change beside them keeps its own.
func TestDescribeIllustrative(t *testing.T) {
	p, err := policies.Load("rotherham-2017")
	if err != nil {
		t.Fatal(err)
	}
	changes := []engine.Change{
		{Path: "prices.published", Was: "false", Value: "true"},
		{Path: "scores", Value: "{eligibility_threshold: 100}"},
		{Path: "rates", Value: "{under-18: {260-plus: \"0.90\"}}"},
		{Path: "notice.months", Was: "3", Value: "6"},
	}
	got := engine.Describe(p, changes, nil)
	const want = "Prices the children with illustrative prices (not the council's) and "
	if len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("got %q, want it to open %q", got, want)
	}
	if n := len(got); n == 0 || got[n-1] != '.' {
		t.Errorf("got %q: not a sentence", got)
	}
	for _, key := range []string{"prices.published", "scores", "rates"} {
		if strings.Contains(got, key) {
			t.Errorf("got %q: names the section %s", got, key)
		}
	}
}
