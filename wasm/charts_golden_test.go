package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// The charts' SVG, as golden files in testdata/golden/charts/: they pin how
// a chart is drawn, so a change to the drawing shows in review as a diff of
// the files (and the files open in a browser). The figures a chart draws are
// not what is tested here: each is worked by hand in testdata/cases/, and the
// layout's rules (no label over a line or another label) are checked in
// charts_test.go. A golden file is rewritten only to follow a change of
// drawing, with
//
//	go test ./wasm -update
var update = flag.Bool("update", false, "rewrite the golden files from the program's output")

const chartGoldenDir = "../testdata/golden/charts"

// checkChartGolden compares svg with the golden file name, naming the first
// line that differs, or rewrites the file with -update. The file holds the SVG
// with a line break after each tag, so that a change reads as a diff of the
// elements it touches; the SVG itself has none.
func checkChartGolden(t *testing.T, name, svg string) {
	t.Helper()
	if strings.Contains(svg, "\n") {
		t.Fatalf("%s: the SVG has a line break of its own", name)
	}
	path := filepath.Join(chartGoldenDir, name)
	got := strings.ReplaceAll(svg, ">", ">\n")
	if *update {
		if err := os.MkdirAll(chartGoldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./wasm -update writes it)", err)
	}
	if got == string(want) {
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl || i >= len(g) || i >= len(w) {
			t.Errorf("%s: line %d differs (go test ./wasm -update rewrites the file, if the change is meant)\n got: %q\nwant: %q", path, i+1, gl, wl)
			return
		}
	}
}

// TestBudgetChartsGolden draws the budget-by-score chart of every age band of
// every shipped policy with published prices, as the methodology page does,
// and one scenario's overlay on its baseline, as the scenario page does.
func TestBudgetChartsGolden(t *testing.T) {
	for _, id := range policies.IDs() {
		p, err := policies.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Prices.Published {
			continue // no chart: the page says the prices are unpublished
		}
		for ai, a := range p.Age.Bands {
			t.Run(id+"/"+a.ID, func(t *testing.T) {
				checkChartGolden(t, "budget-"+id+"-"+a.ID+".svg", budgetSVG(p, ai))
			})
		}
	}

	// A scenario that raises Trafford's 260+ rate for 10–13 years from £1.00
	// to £1.10 a point a week, over the published curve.
	text, err := policies.Text("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	base, err := policies.Load("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	changed := bytes.Replace(text, []byte(`260-plus: "1.00"}`), []byte(`260-plus: "1.10"}`), 1)
	if bytes.Equal(changed, text) {
		t.Fatal("the 10-13 row of rates is not where this test expects it")
	}
	scen, err := engine.ParsePolicy("scenario.yaml", changed)
	if err != nil {
		t.Fatal(err)
	}
	ai, _ := base.AgeBand(12) // 10–13 years
	checkChartGolden(t, "budget-compare-trafford-2013-10-13.svg", budgetCompareSVG(base, scen, ai))
}

// TestTimelineChartsGolden draws the transition timeline of the report's
// Example 3 and of a Rotherham reduction after notice, as the calculator
// shows them.
func TestTimelineChartsGolden(t *testing.T) {
	tests := []struct {
		golden, policy string
		fields         engine.Fields
	}{
		// Trafford 2013, Appendix 1, Example 3: group 3, superseded on the 14th
		// birthday.
		{"timeline-trafford-example-3.svg", "trafford-2013", engine.Fields{Score: "261", DateOfBirth: "2000-08-20", AssessedOn: "2013-04-01", CurrentCost: "15000"}},
		// Trafford 2013, Appendix 1, Example 2: group 4, three stages.
		{"timeline-trafford-example-2.svg", "trafford-2013", engine.Fields{Allocation: "9367", Age: "12", CurrentCost: "11912"}},
		// Rotherham: £20,000 to £4,000 after three months' notice.
		{"timeline-rotherham-notice.svg", "rotherham-2017", engine.Fields{Allocation: "4000", Age: "12", CurrentCost: "20000", AssessedOn: "2017-11-30"}},
	}
	for _, tc := range tests {
		t.Run(strings.TrimSuffix(tc.golden, ".svg"), func(t *testing.T) {
			p, err := policies.Load(tc.policy)
			if err != nil {
				t.Fatal(err)
			}
			c, err := tc.fields.Case()
			if err != nil {
				t.Fatal(err)
			}
			r, err := engine.Evaluate(p, c)
			if err != nil {
				t.Fatal(err)
			}
			if r.Transition == nil {
				t.Fatal("no transition")
			}
			checkChartGolden(t, tc.golden, timelineSVG(r.Transition))
		})
	}
}
