package engine_test

import (
	"strings"
	"testing"

	"github.com/openras/openras/engine"
)

// TestIllustrativePricesApply applies Rotherham's illustrative prices to its
// own file: the scenario has prices, marked illustrative, and gives the rates
// the file sets out.
func TestIllustrativePricesApply(t *testing.T) {
	text := shippedText(t, "rotherham-2017")
	p, err := engine.ParsePolicy("policies/rotherham-2017.yaml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	ip := p.Illustrative
	if ip == nil || ip.Label != "illustrative, not the council's" || ip.Note == "" {
		t.Fatalf("illustrative prices %+v", ip)
	}
	var paths []string
	for _, c := range ip.Changes {
		paths = append(paths, c.Path)
	}
	if strings.Join(paths, ",") != "prices,scores,routes,rates" {
		t.Errorf("changes to %v, want prices, scores, routes, rates", paths)
	}
	changed, err := engine.ApplyChanges([]byte(text), ip.Changes)
	if err != nil {
		t.Fatal(err)
	}
	q, err := engine.ParsePolicy("scenario.yaml", changed)
	if err != nil {
		t.Fatal(err)
	}
	if !q.Prices.Published || !q.Prices.Illustrative {
		t.Error("the prices applied are not published and illustrative")
	}
	// The file's rates, worked by hand: 100–149 a fixed £750.00; 200 points
	// at £0.60 a week, 52 weeks: £6,240.00; 300 at £0.90: £14,040.00; under
	// the threshold of 100, nothing.
	for _, tt := range []struct {
		score int
		want  string
		ok    bool
	}{{120, "750.00", true}, {200, "6240.00", true}, {300, "14040.00", true}, {99, "0.00", true}} {
		a, ok := q.Allocation(12, tt.score)
		if ok != tt.ok || (ok && a.StringFixed(2) != tt.want) {
			t.Errorf("score %d: %s, %v; want %s, %v", tt.score, a.StringFixed(2), ok, tt.want, tt.ok)
		}
	}
}

// TestIllustrativePricesStrict reads the section as strictly as the rest of
// the file: an unknown key, or a section that is not a mapping, is a mistake
// at its line.
func TestIllustrativePricesStrict(t *testing.T) {
	base := shippedText(t, "rotherham-2017")
	routes := `  routes: {source: "Illustrative",`
	asList := "  routes: [illustrative]\n  more_routes: {source: \"Illustrative\","
	for _, tt := range []struct{ old, new, field, msg string }{
		{`  label: "illustrative, not the council's"`, `  labels: "illustrative, not the council's"`, "illustrative_prices.labels", "is not a key here"},
		{routes, asList, "illustrative_prices.routes", "must be a mapping"},
		{routes, asList, "illustrative_prices.more_routes", "is not a key here"},
	} {
		text := replaceOnce(t, base, tt.old, tt.new)
		found := false
		for _, e := range policyErrors(t, text) {
			if e.Field == tt.field && strings.Contains(e.Msg, tt.msg) && e.Line > 0 {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: errors %v, want %s: %s", tt.new, policyErrors(t, text), tt.field, tt.msg)
		}
	}
}
