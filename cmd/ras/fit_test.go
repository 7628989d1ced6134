package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

const fitFive = "../../testdata/cohorts/fit-five.csv"

// TestGoldenFit pins the layout of ras fit and ras calibrate. The figures
// are worked by hand in engine/fit_test.go and engine/calibrate_test.go:
// fit-five.csv fitted to £18,000 at 0.8964, £17,998.76; fit-calibrate.csv's
// 100–149 offer at ages 10–13 derived as £1,050.00 and its 200–259 rate as
// £0.985.
func TestGoldenFit(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
	}{
		{"fit-five.yaml", []string{"fit", "--policy", "trafford-2013", "--budget", "18000", fitFive}},
		{"fit-five.json", []string{"fit", "--policy", "trafford-2013", "--budget", "18000", "--format", "json", fitFive}},
		{"fit-calibrate.yaml", []string{"calibrate", "--policy", "trafford-2013", "../../testdata/cohorts/fit-calibrate.csv"}},
		{"fit-calibrate.json", []string{"calibrate", "--policy", "trafford-2013", "--format", "json", "../../testdata/cohorts/fit-calibrate.csv"}},
	}
	for _, tc := range tests {
		t.Run(tc.golden, func(t *testing.T) {
			out, errOut, code := ras(t, "", tc.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			golden(t, tc.golden, out)
		})
	}
}

// TestFitRoundTrip: the fitted file is a policy ras cohort reads, and its
// total is the fit's.
func TestFitRoundTrip(t *testing.T) {
	out, errOut, code := ras(t, "", "fit", "--policy", "trafford-2013", "--budget", "18000", "--vary", "rates.*.260-plus", "--format", "json", fitFive)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Factor, Total_allocation, Headroom string
		Changes                            []struct{ Path, From, To string }
		Policy                             string
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	// The 260+ column alone: 0.8683, £17,998.93 (engine/fit_test.go).
	if got.Factor != "0.8683" || got.Total_allocation != "17998.93" || got.Headroom != "1.07" || len(got.Changes) != 4 {
		t.Errorf("%+v", got)
	}
	file := filepath.Join(t.TempDir(), "fitted.yaml")
	if err := os.WriteFile(file, []byte(got.Policy), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code = ras(t, "", "cohort", "--policy", file, "--format", "summary-json", fitFive)
	if code != 0 || !strings.Contains(out, `"total_allocation": "17998.93"`) {
		t.Errorf("exit %d: %s%s", code, out, errOut)
	}
}

func TestFitErrors(t *testing.T) {
	tests := []struct {
		args []string
		exit int
		want string
	}{
		{[]string{"fit", "--policy", "trafford-2013", "--budget", "1999.99", fitFive}, 1, "even at factor 0 the total allocation is £2,000.00"},
		{[]string{"fit", "--policy", "trafford-2013", "--budget", "2000000", fitFive}, 1, "at factor 100 the total allocation is £1,786,800.00"},
		{[]string{"fit", "--policy", "trafford-2013", "--budget", "18000", "--vary", "rates.*.260-plus,rates.15-17.*", fitFive}, 1, "rates.15-17.*"},
		{[]string{"fit", "--policy", "trafford-2013", fitFive}, 2, "--budget is required"},
		{[]string{"fit", "--policy", "trafford-2013", "--budget", "lots", fitFive}, 2, "--budget: lots"},
		{[]string{"fit", "--policy", "trafford-2013", "--budget", "1", "--format", "xml", fitFive}, 2, "yaml or json"},
		{[]string{"calibrate", "--policy", "trafford-2013", "--format", "csv", fitFive}, 2, "yaml or json"},
		{[]string{"calibrate", "--policy", "trafford-2013", "--budget", "1", fitFive}, 1, "even at factor 0"},
	}
	for _, tc := range tests {
		_, errOut, code := ras(t, "", tc.args...)
		if code != tc.exit || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", tc.args, code, errOut, tc.exit, tc.want)
		}
	}
}

// TestFitBadRows: a row with a mistake is told with its line, the fit is
// made over the other rows and printed, and ras exits with status 1.
func TestFitBadRows(t *testing.T) {
	data, err := os.ReadFile(fitFive)
	if err != nil {
		t.Fatal(err)
	}
	out, errOut, code := ras(t, string(data)+"bad,11,lots,\n", "fit", "--policy", "trafford-2013", "--budget", "18000", "--format", "json", "-")
	if code != 1 || !strings.Contains(errOut, "stdin:7: score") || !strings.Contains(errOut, "1 of 6 rows had errors") || !strings.Contains(out, `"factor": "0.8964"`) {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
}

// TestCalibrateIllustrative: Rotherham publishes no prices, so a calibration
// starts from its illustrative ones and says so. The one child with a score
// and a current cost and no allocation, 120 points and £900.00, makes the
// 100–149 offer £900.00.
func TestCalibrateIllustrative(t *testing.T) {
	out, errOut, code := ras(t, "id,age,score,current_cost\nr,9,120,900.00\n", "calibrate", "--policy", "rotherham-2017", "--format", "json", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Cells        []struct{ Path, From, To string }
		Illustrative bool
		Policy       string
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if !got.Illustrative || !strings.Contains(got.Policy, "illustrative, not the council's") || !strings.Contains(got.Policy, "not the council's published rates") {
		t.Errorf("not labelled illustrative:\n%s", got.Policy)
	}
	if len(got.Cells) != 4 || got.Cells[0].Path != "rates.under-18.100-149" || got.Cells[0].From != "750.00" || got.Cells[0].To != "900.00" {
		t.Errorf("cells %+v", got.Cells)
	}
}

// TestCompareBaseline compares scenario B with scenario A of Trafford 2013
// for the children of fit-five.csv. A raises the 260+ rate at ages 10–13 to
// £1.10; B raises it to £1.20 and widens moderation to 20 points.
//
// Under A the total is 1,000 + 180 × 52 × 0.30 + 270 × 52 × 1.10 + 2,000 =
// 1,000 + 2,808 + 15,444 + 2,000 = £21,252.00; under B child c gets
// 270 × 52 × 1.20 = £16,848.00, £1,404.00 more, a rise of 6.6% (6.606…).
// Moderation at 10 points takes only c (270, 10 from the step at 260); at 20
// it takes a (120, 20 from 100) and b (180, 20 from 200) too.
func TestCompareBaseline(t *testing.T) {
	text, err := policies.Text("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name string, changes ...engine.Change) string {
		data, err := engine.ApplyChanges(text, changes)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	a := write("a.yaml", engine.Change{Path: "rates.10-13.260-plus", Value: `"1.10"`})
	b := write("b.yaml", engine.Change{Path: "rates.10-13.260-plus", Value: `"1.20"`}, engine.Change{Path: "moderation.window", Value: "20"})
	out, errOut, code := ras(t, "", "compare", "--policy", "trafford-2013", "--baseline", a, "--scenario", b, fitFive)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "Raises the 260+ rate for ages 10–13 from £1.10 to £1.20 a point a week and widens moderation from 10 to 20 points: 1 child gains and none lose; the total rises by £1,404.00 (6.6%); children sent to moderation rise from 1 to 3.\n\nScenario " + b + " against " + a + " (a scenario of Trafford 2013)\n"
	if !strings.HasPrefix(out, want) {
		t.Errorf("got\n%s\nwant it to start\n%s", out, want)
	}
	for _, line := range []string{"Total allocation £21,252.00 £22,656.00 +£1,404.00", "To moderation 1 3 +2"} {
		if !strings.Contains(spaces.ReplaceAllString(out, " "), line) {
			t.Errorf("no line %q in\n%s", line, out)
		}
	}
	// Without a cohort, the sentence names the changes alone.
	out, _, _ = ras(t, "", "compare", "--policy", "trafford-2013", "--baseline", a, "--scenario", b, "--format", "json")
	if !strings.Contains(out, `"summary": "Raises the 260+ rate for ages 10–13 from £1.10 to £1.20 a point a week and widens moderation from 10 to 20 points."`) {
		t.Errorf("json:\n%s", out)
	}
	_, errOut, code = ras(t, "", "compare", "--policy", "trafford-2013", "--baseline", filepath.Join(dir, "none.yaml"), "--scenario", b)
	if code != 1 || !strings.Contains(errOut, "--baseline: cannot read") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// A --vary path that names no cell is told as the flag's, with the cells
// there are.
func TestFitVaryNamesNoCell(t *testing.T) {
	_, stderr, code := ras(t, "", "fit", "--policy", "trafford-2013", "--budget", "100000", "--vary", "rates.x.*", "../../testdata/cohorts/fit-five.csv")
	if code != 1 || !strings.HasPrefix(stderr, "--vary: rates.x.*: names no cell of rates") {
		t.Errorf("exit %d, %q", code, stderr)
	}
}
