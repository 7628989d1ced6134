package main

import (
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/wasm/scenario"
	"github.com/shopspring/decimal"
)

// TestFitSVG: the chart of the total by factor draws the 21 points, the
// budget as a line and the fitted factor as a dot, and says its figures
// in its description.
func TestFitSVG(t *testing.T) {
	r := &scenario.FitResult{Fit: &engine.Fit{Factor: decimal.RequireFromString("0.9"), Total: decimal.RequireFromString("24429.60"), Budget: decimal.RequireFromString("24429.60")}}
	for i := range int64(21) {
		k := 5000 + 500*i
		// 2 children of 261 points at £1.00 × k: 2 × 261 × 52 × k.
		r.Curve = append(r.Curve, scenario.CurvePoint{Factor: decimal.New(k, -4), Total: decimal.NewFromInt(2 * 261 * 52).Mul(decimal.New(k, -4))})
	}
	svg := fitSVG(r)
	for _, want := range []string{`class="step budget-line"`, `<circle class="dot"`, "From £13,572.00 at factor 0.5 to £40,716.00 at factor 1.5; the budget is £24,429.60; the fitted factor 0.9 gives £24,429.60."} {
		if !strings.Contains(svg, want) {
			t.Errorf("no %q in %s", want, svg)
		}
	}
	_, pts, _ := strings.Cut(svg, `<polyline class="line" points="`)
	pts, _, _ = strings.Cut(pts, `"`)
	if n := len(strings.Fields(pts)); n != 21 {
		t.Errorf("%d points", n)
	}
}
