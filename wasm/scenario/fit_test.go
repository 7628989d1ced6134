package scenario

import (
	"errors"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
)

// twoChildren are two children of 12 with a score of 261: under Trafford's
// 10–13, 260+ rate of £1.00 a point a week, each is allocated 261 × £1.00 ×
// 52 = £13,572.00 (Trafford §6.3, Example 3), £27,144.00 in all.
func twoChildren(t *testing.T, s *Scenario) *Cohort {
	t.Helper()
	c := &Cohort{Name: "two.csv", Src: Text("id,score,age,current_cost\na,261,12,15000\nb,261,12,12000\n")}
	h, err := engine.HoldCohort(s.Baseline, c.Name, c.Open(nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	c.Held = h
	return c
}

// TestFitOnThePage: a budget of £24,429.60, 0.9 of £27,144.00, with the
// 260+ column varied: at factor 0.9 each child gets 261 × £0.90 × 52 =
// £12,214.80, £24,429.60 in all, within it; at 0.9001, 261 × £0.9001 × 52 =
// £12,216.16, £24,432.32 in all, over. The rate becomes the scenario's.
func TestFitOnThePage(t *testing.T) {
	s := fromLink("policy=trafford-2013")
	c := twoChildren(t, s)
	form := FitForm{Budget: "£24,429.60", Vary: VaryColumn, Column: "260-plus"}
	r, err := s.Fit(c, form)
	if err != nil {
		t.Fatal(err)
	}
	r.Curve = r.CurvePoints()
	if r.Factor.String() != "0.9" || r.Total.StringFixed(2) != "24429.60" || r.Headroom.StringFixed(2) != "0.00" || r.Lose != 2 || r.Gain != 0 {
		t.Errorf("factor %s, total %s, headroom %s, gain %d lose %d", r.Factor, r.Total.StringFixed(2), r.Headroom.StringFixed(2), r.Gain, r.Lose)
	}
	// The curve: at 0.5, 261 × £0.50 × 52 = £6,786.00 each; at 1.5,
	// £20,358.00 each.
	if len(r.Curve) != 21 || r.Curve[0].Total.StringFixed(2) != "13572.00" || r.Curve[20].Total.StringFixed(2) != "40716.00" || r.Curve[10].Total.StringFixed(2) != "27144.00" {
		t.Errorf("curve %v", r.Curve)
	}
	s.SetRates(r.Changes)
	if len(s.Errs) > 0 || s.Policy == nil {
		t.Fatal(s.Errs)
	}
	var got []string
	for _, ch := range s.Changes {
		if ch.Path == "rates.10-13.260-plus" {
			got = append(got, TypedOf(ch.Value))
		}
	}
	if !slices.Equal(got, []string{"0.90"}) && !slices.Equal(got, []string{"0.9"}) {
		t.Errorf("the scenario's changes %+v", s.Changes)
	}
	if !strings.Contains(s.Link(), url.QueryEscape("rates.10-13.260-plus=")) {
		t.Errorf("the link %s does not hold the fitted rate", s.Link())
	}
	if a, _ := s.Policy.Allocation(12, 261); a.StringFixed(2) != "12214.80" {
		t.Errorf("Example 3 under the fitted rates: %s", a.StringFixed(2))
	}
}

// TestFitBelowTheCurve: a budget of £10,000, £5,000 a child, is met at
// most by a rate of 5,000 ÷ (261 × 52) = £0.36840… a point: at £0.3684 each
// child gets 261 × 0.3684 × 52 = £4,999.92, £9,999.84 in all; at £0.3685,
// £5,001.28 each, over. The curve runs from 0.35 to take in the factor: at
// £0.35, 261 × 0.35 × 52 = £4,750.20 each.
func TestFitBelowTheCurve(t *testing.T) {
	s := fromLink("policy=trafford-2013")
	form := FitForm{Budget: "10000", Vary: VaryChosen, Cells: map[string]bool{"rates.10-13.260-plus": true}}
	c := twoChildren(t, s)
	r, err := s.Fit(c, form)
	if err != nil {
		t.Fatal(err)
	}
	r.Curve = r.CurvePoints()
	if r.Factor.String() != "0.3684" || r.Total.StringFixed(2) != "9999.84" {
		t.Errorf("factor %s, total %s", r.Factor, r.Total.StringFixed(2))
	}
	if len(r.Curve) != 21 || r.Curve[0].Factor.String() != "0.35" || r.Curve[0].Total.StringFixed(2) != "9500.40" || r.Curve[20].Factor.String() != "1.5" {
		t.Errorf("curve %v", r.Curve)
	}
}

// TestFitErrors: a budget below what factor 0 gives, or beyond factor 100,
// is a *engine.FitError with the figures.
func TestFitErrors(t *testing.T) {
	s := fromLink("policy=trafford-2013")
	c := twoChildren(t, s)
	_, err := s.Fit(c, FitForm{Budget: "10000000"})
	var fe *engine.FitError
	if !errors.As(err, &fe) || fe.TooSmall || !strings.Contains(err.Error(), "£2,714,400.00") {
		t.Errorf("a budget too large: %v", err)
	}
	if _, err := s.Fit(c, FitForm{Budget: "ten"}); err == nil {
		t.Error("a budget of words fits")
	}
	if _, err := s.Fit(c, FitForm{Vary: VaryChosen, Budget: "100"}); err == nil || !strings.Contains(err.Error(), "names no cell") {
		t.Errorf("no cell chosen: %v", err)
	}
}

// TestCalibrateOnThePage: the 260+ cell for 10–13 derived from the two
// children's costs, £15,000 and £12,000, scores 261:
// Σ(score × base) ÷ (52 × Σ score²) = 261 × 27,000 ÷ (52 × 2 × 261²)
// = 27,000 ÷ 27,144 = 0.99469… → £0.9947 a point a week.
func TestCalibrateOnThePage(t *testing.T) {
	s := fromLink("policy=trafford-2013")
	c := twoChildren(t, s)
	cal, err := s.Calibrate(c)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, cell := range cal.Cells {
		if cell.Path == "rates.10-13.260-plus" {
			found = true
			if cell.To.String() != "0.9947" || cell.Children != 2 {
				t.Errorf("derived %s from %d children", cell.To, cell.Children)
			}
		}
	}
	if !found {
		t.Fatal("no 10-13, 260+ cell")
	}
	s.SetRates(cal.Changes)
	if a, _ := s.Policy.Allocation(12, 261); a.StringFixed(2) != "13500.07" { // 261 × 0.9947 × 52 = 13,500.0684
		t.Errorf("Example 3 under the derived rates: %s", a.StringFixed(2))
	}
}

// TestCalibrationRunFor: a calibration run in steps is the scenario's while
// nothing changes, and not once a value has changed under it.
func TestCalibrationRunFor(t *testing.T) {
	s := fromLink("policy=trafford-2013")
	c := twoChildren(t, s)
	run, err := s.StartCalibration(c)
	if err != nil {
		t.Fatal(err)
	}
	run.Step(1)
	if !run.For(s) {
		t.Error("the run is not the unchanged scenario's")
	}
	s.SetValue("moderation.window", "15")
	if run.For(s) {
		t.Error("the run is still the scenario's after a value changed")
	}
}

// TestKeptBaseline: a scenario kept as "Plan A" (the window at 12) is what
// the next (the window at 15) is compared with; the link and the download
// hold both, and a link without a baseline opens as before.
func TestKeptBaseline(t *testing.T) {
	s := fromLink("policy=trafford-2013&c=" + url.QueryEscape(`moderation.window="12"`))
	if err := s.Keep("  "); err != nil || s.Kept().Name != DefaultKeptName {
		t.Fatalf("kept %v, %+v", err, s.Kept())
	}
	if err := s.Keep("Plan A"); err != nil {
		t.Fatal(err)
	}
	s.SetValue("moderation.window", "15")
	if s.FromName() != "Plan A" || s.From().Moderation.Window != 12 || s.Policy.Moderation.Window != 15 {
		t.Fatalf("from %s %d, scenario %d", s.FromName(), s.From().Moderation.Window, s.Policy.Moderation.Window)
	}
	fc := s.FromChanges()
	if len(fc) != 1 || fc[0].Path != "moderation.window" || TypedOf(fc[0].Was) != "12" || TypedOf(fc[0].Value) != "15" {
		t.Errorf("changes from the baseline %+v", fc)
	}
	if got := s.Sentence(nil); !strings.Contains(got, "12") || !strings.Contains(got, "15") {
		t.Errorf("sentence %q", got)
	}
	back := fromLink(s.Link())
	if back.Kept() == nil || back.FromName() != "Plan A" || back.From().Moderation.Window != 12 || back.Link() != s.Link() || len(back.LinkErrs) > 0 {
		t.Fatalf("read back: %+v %v, link %s want %s", back.Kept(), back.LinkErrs, back.Link(), s.Link())
	}
	text, err := s.Download()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := engine.ParsePolicy("s.yaml", []byte(text)); err != nil {
		t.Fatal(err)
	}
	loaded := fromLink("policy=trafford-2013")
	loaded.Paste(text)
	if loaded.Kept() == nil || loaded.Link() != s.Link() {
		t.Errorf("loaded: %+v, link %s want %s", loaded.Kept(), loaded.Link(), s.Link())
	}
	// One child: the baseline is Plan A's.
	if cc := s.CompareChild(); cc.Baseline == nil || cc.Scenario == nil {
		t.Errorf("one child: %+v", cc)
	}
	s.DropKept()
	if s.FromName() != "Published" || strings.Contains(s.Link(), "bn=") {
		t.Errorf("dropped: %s %s", s.FromName(), s.Link())
	}
	// A baseline with a mistake is left out, and said so.
	bad := fromLink("policy=trafford-2013&bn=X&b=" + url.QueryEscape(`moderation.window="minus"`))
	if bad.Kept() != nil || len(bad.LinkErrs) != 1 {
		t.Errorf("a bad baseline: %+v %v", bad.Kept(), bad.LinkErrs)
	}
}

func TestKeptRoundTrip(t *testing.T) {
	s := fromLink("policy=trafford-2013&c=" + url.QueryEscape(`rates.10-13.260-plus="1.10"`))
	s.Keep("Rates up")
	s.SetValue("moderation.window", "20")
	scenarioRoundTrip(t, s.Link())
}
