package engine_test

import (
	"os"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// TestCompareByScoreBand compares testdata/cohorts/compare-bands.csv under
// Trafford 2013 and a scenario that raises the 10–13, 200–259 rate from
// £0.75 to £0.80 a point a week and widens moderation from 10 to 20 points,
// by score band and by moderation step, read once (CompareCohort) and held
// (the Comparer) alike. By hand (§6.3, a year of 52 weeks):
//
//	a, 12, 200 (200–259): 200 × 0.75 × 52 = 7,800.00 → 200 × 0.80 × 52 = 8,320.00, +520.00;
//	   0 from the step at 200: moderated there under both.
//	b, 12, 230 (200–259): 8,970.00 → 9,568.00, +598.00; 30 from 200 and 260: under neither.
//	c, 12, 185 (150–199): 185 × 0.30 × 52, unchanged; 15 from 200: at 200 under the scenario only.
//	d, 7, 120 (100–149): the fixed £750.00, unchanged; 20 from 100: at 100 under the scenario only.
//	e, 12, an allocation of £2,000.00 and no score: no score band, unchanged.
//	f, 15, 270 (260+): 270 × 1.30 × 52, unchanged; 10 from 260: at 260 under both.
func TestCompareByScoreBand(t *testing.T) {
	base, err := policies.Load("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	scen, err := scenario(t,
		engine.Change{Path: "rates.10-13.200-259", Value: `"0.80"`},
		engine.Change{Path: "moderation.window", Value: "20"})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../testdata/cohorts/compare-bands.csv")
	if err != nil {
		t.Fatal(err)
	}
	once, err := engine.CompareCohort(base, scen, "compare-bands.csv", strings.NewReader(string(data)), nil)
	if err != nil {
		t.Fatal(err)
	}
	h, err := engine.HoldCohort(base, "compare-bands.csv", strings.NewReader(string(data)), nil)
	if err != nil {
		t.Fatal(err)
	}
	cr := h.Comparer(scen)
	for !cr.Step(2) {
	}
	held := cr.Comparison()
	// Band: gain, lose, same, gained, total change.
	want := []string{
		"Below 100: 0 0 0 0.00 0.00",
		"100–149: 0 0 1 0.00 0.00",
		"150–199: 0 0 1 0.00 0.00",
		"200–259: 2 0 0 1118.00 1118.00", // 520.00 + 598.00
		"260+: 0 0 1 0.00 0.00",
		"No score band: 0 0 1 0.00 0.00",
	}
	for name, cmp := range map[string]*engine.Comparison{"CompareCohort": once, "Comparer": held} {
		var got []string
		for _, c := range cmp.ByScoreBand {
			got = append(got, c.Label()+": "+itoa(c.Gain)+" "+itoa(c.Lose)+" "+itoa(c.Same)+" "+c.GainAmount.StringFixed(2)+" "+c.TotalChange.StringFixed(2))
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s by score band:\n%s\nwant\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		// Steps 100, 150, 200, 260: published a, f; the scenario d; a, c; f.
		var steps []string
		for _, s := range cmp.ModerationChange() {
			steps = append(steps, s.Step+":"+itoa(s.Baseline)+"→"+itoa(s.Scenario))
		}
		if got := strings.Join(steps, " "); got != "100:0→1 150:0→0 200:1→2 260:1→1" {
			t.Errorf("%s moderation by step: %s", name, got)
		}
	}
}
