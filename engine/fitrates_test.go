package engine_test

import (
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// TestFitRatesFive: the page's fit of fit-five.csv to £18,000 (TestFitFive
// works it) gives the same factor and total without comparing the cohort,
// and counts who gains and loses from the children counted by cell: a (120
// points, £1,000.00 → £896.40), b (180, £2,808.00 → £2,516.90) and c (270,
// £14,040.00 → £12,585.46) lose; d (under the threshold, £0) and e (given
// £2,000.00) are unchanged. The totals it weighed: £19,848.00 at factor 1,
// £18,001.20 at 0.8965.
func TestFitRatesFive(t *testing.T) {
	h := holdFile(t, "trafford-2013", "fit-five.csv")
	fit, err := h.FitRates(nil, amount(t, "18000"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if fit.Factor.String() != "0.8964" || fit.Total.StringFixed(2) != "17998.76" || fit.Headroom.StringFixed(2) != "1.24" {
		t.Errorf("factor %s, total %s, headroom %s; want 0.8964, 17998.76, 1.24", fit.Factor, fit.Total.StringFixed(2), fit.Headroom.StringFixed(2))
	}
	if fit.Gain != 0 || fit.Lose != 3 {
		t.Errorf("%d gain and %d lose, want 0 and 3", fit.Gain, fit.Lose)
	}
	if fit.Comparison != nil || len(fit.Changes) != 16 {
		t.Errorf("comparison %v, %d changes; want none and 16", fit.Comparison, len(fit.Changes))
	}
	for k, want := range map[int64]string{10000: "19848.00", 8965: "18001.20", 8964: "17998.76"} {
		if got := fit.TotalAt(k).StringFixed(2); got != want {
			t.Errorf("total at %d ten-thousandths: %s, want %s", k, got, want)
		}
	}
	// ras fit's Fit gives the same, with the comparison that agrees.
	full, err := h.Fit(nil, amount(t, "18000"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if full.Gain != 0 || full.Lose != 3 || full.Comparison == nil {
		t.Errorf("Fit: %d gain, %d lose, comparison %v", full.Gain, full.Lose, full.Comparison != nil)
	}
}

// A comment on a fitted policy file is text, never YAML: a cohort file whose
// name holds line breaks and YAML gives a file that reads as the policy
// with no key of the name's.
func TestPolicyFileCommentStaysAComment(t *testing.T) {
	text, err := policies.Text("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	name := "x.csv\nrates:\n  10-13: {200-259: \"9.99\"}\n#"
	out, err := engine.PolicyFile(text, nil, "fitted from "+name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := engine.ParsePolicy("fitted.yaml", out); err != nil {
		t.Fatalf("the file does not read as the policy: %v\n%s", err, out[:200])
	}
	if first := strings.SplitN(string(out), "\n", 2)[0]; first != `# fitted from x.csv\nrates:\n  10-13: {200-259: "9.99"}\n#` {
		t.Errorf("the comment reads %q", first)
	}
}
