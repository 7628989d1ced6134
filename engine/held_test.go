package engine_test

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// TestHeldCohortTwoChildren is the page's journey: read a cohort once, then
// change one rate and compare again without reading the file.
func TestHeldCohortTwoChildren(t *testing.T) {
	base, err := policies.Load("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	const file = "id,score,age\n" +
		"a,200,12\n" + // 200 × £0.75 × 52 = £7,800.00
		"b,210,12\n" // 210 × £0.75 × 52 = £8,190.00
	h, err := engine.HoldCohort(base, "c.csv", strings.NewReader(file), nil)
	if err != nil {
		t.Fatal(err)
	}
	same := h.Compare(base)
	if got := same.Scenario.TotalAllocation.StringFixed(2); got != "15990.00" {
		t.Errorf("under the baseline itself: %s, want 15990.00 (7,800 + 8,190)", got)
	}
	for _, rate := range []struct{ value, total, gain string }{
		{`"0.80"`, "17056.00", "1066.00"}, // 200 × 0.80 × 52 = 8,320; 210 × 0.80 × 52 = 8,736
		{`"0.70"`, "14924.00", "0.00"},    // 200 × 0.70 × 52 = 7,280; 210 × 0.70 × 52 = 7,644
	} {
		scen, err := scenario(t, engine.Change{Path: "rates.10-13.200-259", Value: rate.value})
		if err != nil {
			t.Fatal(err)
		}
		cmp := h.Compare(scen)
		if got := cmp.Scenario.TotalAllocation.StringFixed(2); got != rate.total {
			t.Errorf("rate %s: total %s, want %s", rate.value, got, rate.total)
		}
		if got := cmp.Baseline.TotalAllocation.StringFixed(2); got != "15990.00" {
			t.Errorf("rate %s: the baseline's total moved to %s", rate.value, got)
		}
		for _, c := range cmp.Changed {
			if c.Band.ID == "10-13" && c.GainAmount.StringFixed(2) != rate.gain {
				t.Errorf("rate %s: 10-13 gained %s, want %s", rate.value, c.GainAmount.StringFixed(2), rate.gain)
			}
		}
	}
}

// TestHeldCohortMatchesCompareCohort checks that comparing a held cohort
// gives what reading the file with CompareCohort gives, for every cohort in
// testdata and several scenarios, including ones that reject rows the
// baseline takes and the baseline itself.
func TestHeldCohortMatchesCompareCohort(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(cohortDir, "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cohorts in %s: %v", cohortDir, err)
	}
	traf, err := policies.Load("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	roth, err := policies.Load("rotherham-2017")
	if err != nil {
		t.Fatal(err)
	}
	cut, err := scenario(t,
		engine.Change{Path: "rates.10-13.200-259", Value: `"0.80"`},
		engine.Change{Path: "rates.5-9.260-plus", Value: `"0.70"`},
		engine.Change{Path: "age.bands.4.to", Value: "16"},
		engine.Change{Path: "age.out_of_scope_from", Value: "17"})
	if err != nil {
		t.Fatal(err)
	}
	window, err := scenario(t, engine.Change{Path: "moderation.window", Value: "20"},
		engine.Change{Path: "transition.groups.3.fractions", Value: `["0.25", "0.25", "0.5"]`},
		engine.Change{Path: "transition.groups.3.stage_dates", Value: `["2013-10-01", "2014-04-01", "2014-10-01"]`},
		engine.Change{Path: "transition.groups.3.stage_months_after_plan", Value: "[6, 12, 18]"})
	if err != nil {
		t.Fatal(err)
	}
	// Scenarios that change only rates take a shorter way (only the rows
	// that read a changed cell are evaluated again): one cell, two cells,
	// a fixed offer, and a cell the age band's supersession reads.
	rates := map[string][]engine.Change{
		"one rate":    {{Path: "rates.10-13.200-259", Value: `"0.80"`}},
		"two rates":   {{Path: "rates.10-13.200-259", Value: `"0.80"`}, {Path: "rates.5-9.260-plus", Value: `"0.70"`}},
		"fixed offer": {{Path: "rates.under-5.100-149", Value: `"450.00"`}},
		"14-plus":     {{Path: "rates.14-plus.260-plus", Value: `"1.40"`}, {Path: "rates.14-plus.200-259", Value: `"0.90"`}},
	}
	// Scenarios that change only the moderation window take another (no
	// row is evaluated again: a flagged score is moved between the counts):
	// a wider and a narrower window, none at all, one over every score, and
	// a wider one with a rate changed too, which does not.
	moderation := map[string]struct {
		changes []engine.Change
		only    bool
	}{
		"window 20":   {[]engine.Change{{Path: "moderation.window", Value: "20"}}, true},
		"window 3":    {[]engine.Change{{Path: "moderation.window", Value: "3"}}, true},
		"window 0":    {[]engine.Change{{Path: "moderation.window", Value: "0"}}, true},
		"window 1000": {[]engine.Change{{Path: "moderation.window", Value: "1000"}}, true},
		"edge not flagged": {[]engine.Change{{Path: "moderation.window", Value: "20"},
			{Path: "moderation.inclusive", Value: "false"}}, true},
		"window and a rate": {[]engine.Change{{Path: "moderation.window", Value: "20"},
			{Path: "rates.10-13.200-259", Value: `"0.80"`}}, false},
	}
	type pairOf struct {
		name           string
		base, scen     *engine.Policy
		onlyRates      bool
		onlyModeration bool
	}
	pairs := []pairOf{
		{"trafford itself", traf, traf, false, false},
		{"trafford to a cut", traf, cut, false, false},
		{"trafford to a wider window", traf, window, false, false},
		{"rotherham itself", roth, roth, false, false},
	}
	for name, changes := range rates {
		p, err := scenario(t, changes...)
		if err != nil {
			t.Fatal(err)
		}
		pairs = append(pairs, pairOf{name, traf, p, true, false})
	}
	for name, m := range moderation {
		p, err := scenario(t, m.changes...)
		if err != nil {
			t.Fatal(err)
		}
		pairs = append(pairs, pairOf{name, traf, p, false, m.only})
	}
	compared := 0
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, pair := range pairs {
			want, wantErr := engine.CompareCohort(pair.base, pair.scen, filepath.Base(path), strings.NewReader(string(data)), nil)
			h, gotErr := engine.HoldCohort(pair.base, filepath.Base(path), strings.NewReader(string(data)), nil)
			if (wantErr == nil) != (gotErr == nil) || (wantErr != nil && wantErr.Error() != gotErr.Error()) {
				t.Errorf("%s, %s: CompareCohort error %v, HoldCohort error %v", filepath.Base(path), pair.name, wantErr, gotErr)
				continue
			}
			if wantErr != nil {
				continue
			}
			cr := h.Comparer(pair.scen)
			if cr.OnlyRates() != pair.onlyRates {
				t.Errorf("%s, %s: the comparer took the way of a change to rates only: %v, want %v", filepath.Base(path), pair.name, cr.OnlyRates(), pair.onlyRates)
			}
			if cr.OnlyModeration() != pair.onlyModeration {
				t.Errorf("%s, %s: the comparer took the way of a change to the moderation window only: %v, want %v", filepath.Base(path), pair.name, cr.OnlyModeration(), pair.onlyModeration)
			}
			for !cr.Step(7) { // in runs, as the page does
			}
			got := cr.Comparison()
			if a, b := comparisonJSON(t, want), comparisonJSON(t, got); a != b {
				t.Errorf("%s, %s:\nCompareCohort %s\nHeldCohort    %s", filepath.Base(path), pair.name, a, b)
			}
			compared++
		}
	}
	if compared < 80 {
		t.Errorf("only %d comparisons made: the testdata cohorts have gone", compared)
	}
}

func comparisonJSON(t *testing.T, cmp *engine.Comparison) string {
	t.Helper()
	var changed []string
	for _, c := range cmp.Changed {
		changed = append(changed, c.Band.ID+" +"+strconv.Itoa(c.Gain)+" -"+strconv.Itoa(c.Lose)+" ="+strconv.Itoa(c.Same)+" "+
			c.GainAmount.StringFixed(2)+" "+c.LoseAmount.StringFixed(2)+" "+c.TotalChange.StringFixed(2))
	}
	b, err := json.Marshal(struct {
		Baseline, Scenario engine.Summary
		Warnings, Changed  []string
	}{cmp.Baseline, cmp.Scenario, cmp.Warnings, changed})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestHeldBaselineInOneStep checks the comparison of a held cohort with its
// baseline, which HoldCohort counts as it reads: done in one step however
// small, every child the baseline takes counted unchanged in its age band
// and score band, and a row rejected counted in none.
func TestHeldBaselineInOneStep(t *testing.T) {
	base, err := policies.Load("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	const file = "id,score,age,allocation\n" +
		"a,200,12,\n" + // 10–13, score band 200–259
		"b,210,12,\n" + // the same bands
		"c,90,6,\n" + // 5–9, score band below 100
		"d,,15,5000.00\n" + // 14 plus, no score band
		"e,300,40,\n" // rejected: out of scope
	h, err := engine.HoldCohort(base, "c.csv", strings.NewReader(file), nil)
	if err != nil {
		t.Fatal(err)
	}
	cmp := h.Comparer(base)
	if !cmp.Step(1) {
		t.Fatal("the baseline itself is not compared in one step")
	}
	got := cmp.Comparison()
	byAge := map[string]int{}
	for _, c := range got.Changed {
		if c.Gain != 0 || c.Lose != 0 || !c.TotalChange.IsZero() {
			t.Errorf("%s: gain %d, lose %d, change %s under the baseline itself", c.Band.ID, c.Gain, c.Lose, c.TotalChange)
		}
		byAge[c.Band.ID] = c.Same
	}
	if want := map[string]int{"under-5": 0, "5-9": 1, "10-13": 2, "14-plus": 1}; !maps.Equal(byAge, want) {
		t.Errorf("unchanged by age band: %v, want %v", byAge, want)
	}
	byScore := map[string]int{}
	for _, c := range got.ByScoreBand {
		byScore[c.Label()] += c.Same
	}
	if byScore["No score band"] != 1 || byScore["Below 100"] != 1 {
		t.Errorf("unchanged by score band: %v, want one with no score band and one below 100", byScore)
	}
	n := 0
	for _, v := range byScore {
		n += v
	}
	if n != 4 {
		t.Errorf("%d children unchanged by score band, want the 4 the baseline takes", n)
	}
}
