package engine_test

import (
	"fmt"
	"testing"
)

// TestCalibrate derives Trafford's rates from the children of
// fit-calibrate.csv, all aged 11 (age band 10–13):
//
//	f1 120 points, £900.00; f2 130 points, £1,200.00: the 100–149 offer is
//	  their mean, (900 + 1,200) ÷ 2 = £1,050.00, each £150.00 from it.
//	p1 200 points, £10,000.00; p2 250 points, £13,455.00 with the 3.5%
//	  contingency, a base cost of 13,455 ÷ 1.035 = £13,000.00: the 200–259
//	  rate is Σ(score × base) ÷ (52 × Σ score²)
//	  = (200 × 10,000 + 250 × 13,000) ÷ (52 × (200² + 250²))
//	  = 5,250,000 ÷ (52 × 102,500) = 5,250,000 ÷ 5,330,000 = 0.98499…
//	  → £0.9850; at it p1 gets 200 × 52 × 0.985 = £10,244.00 (£244.00 over)
//	  and p2 250 × 52 × 0.985 = £12,805.00 (£195.00 under): a mean
//	  absolute difference of (244 + 195) ÷ 2 = £219.50.
//
// given (an allocation given), below (90 points, under the threshold) and
// nocost (no current cost) are left out, so the 150–199 and 260+ cells, and
// every cell of the other age bands, keep their rates.
func TestCalibrate(t *testing.T) {
	h := holdFile(t, "trafford-2013", "fit-calibrate.csv")
	cal := h.Calibrate()
	// In runs of a row and of two, as a page reads it between its turns,
	// the calibration is the same.
	for _, n := range []int{1, 2} {
		cb := h.Calibrator()
		steps := 1
		for !cb.Step(n) {
			steps++
		}
		if steps < h.Rows()/n-1 {
			t.Errorf("runs of %d: %d steps for %d rows", n, steps, h.Rows())
		}
		if got := cb.Calibration(); fmt.Sprint(got.Cells, got.Changes) != fmt.Sprint(cal.Cells, cal.Changes) {
			t.Errorf("runs of %d:\n%v %v\nat once:\n%v %v", n, got.Cells, got.Changes, cal.Cells, cal.Changes)
		}
	}
	if len(cal.Cells) != 16 {
		t.Fatalf("%d cells, want the 16 priced cells", len(cal.Cells))
	}
	want := map[string]struct {
		from, to, mad string
		children      int
	}{
		"rates.10-13.100-149":  {"1000", "1050", "150", 2},
		"rates.10-13.150-199":  {"0.3", "0.3", "0", 0},
		"rates.10-13.200-259":  {"0.75", "0.985", "219.5", 2},
		"rates.10-13.260-plus": {"1", "1", "0", 0},
		"rates.5-9.200-259":    {"0.5", "0.5", "0", 0},
	}
	for _, c := range cal.Cells {
		w, ok := want[c.Path]
		if !ok {
			if !c.Kept() || !c.From.Equal(c.To) {
				t.Errorf("%s: %+v, want it kept", c.Path, c)
			}
			continue
		}
		if c.From.String() != w.from || c.To.String() != w.to || c.MeanAbsoluteDifference.String() != w.mad || c.Children != w.children {
			t.Errorf("%s: from %s to %s, %d children, mean difference %s; want %+v", c.Path, c.From, c.To, c.Children, c.MeanAbsoluteDifference, w)
		}
	}
	if len(cal.Changes) != 2 || cal.Changes[0].Value != `"1050.00"` || cal.Changes[1].Value != `"0.985"` || cal.Changes[1].Was != "0.75" {
		t.Errorf("changes %+v", cal.Changes)
	}
	// The derived policy prices the children as worked above: f1 and f2
	// £1,050.00 each, p1 £10,244.00, p2 £12,805.00, the given £5,000.00,
	// nocost 180 × 52 × 0.30 = £2,808.00, and below nothing:
	// 2,100 + 23,049 + 5,000 + 2,808 = £32,957.00 in all.
	if got := h.Compare(cal.Policy).Scenario.TotalAllocation.StringFixed(2); got != "32957.00" {
		t.Errorf("total %s, want 32957.00", got)
	}
}

// TestCalibrateThenFit scales the derived rates to a budget: the fit starts
// from them, and its changes are made to the published file.
func TestCalibrateThenFit(t *testing.T) {
	h := holdFile(t, "trafford-2013", "fit-calibrate.csv")
	cal := h.Calibrate()
	// At f = 1 the budget of £32,957.00 is met exactly; at 1.0001 f1 and f2
	// get 1,050 × 1.0001 = £1,050.11 (1,050.105) each, 22p more.
	fit, err := h.Fit(cal.Policy, amount(t, "32957"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if fit.Factor.String() != "1" || fit.Total.StringFixed(2) != "32957.00" || len(fit.Changes) != 2 {
		t.Errorf("factor %s, total %s, %d changes; want 1, 32957.00, 2", fit.Factor, fit.Total.StringFixed(2), len(fit.Changes))
	}
}
