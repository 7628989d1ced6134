package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scenarioFile writes the Trafford policy with the 10–13, 200–259 rate at
// £0.80 a point a week instead of £0.75.
func scenarioFile(t *testing.T) string {
	t.Helper()
	text, err := os.ReadFile("../../policies/trafford-2013.yaml")
	if err != nil {
		t.Fatal(err)
	}
	changed := bytes.Replace(text, []byte(`200-259: "0.75"`), []byte(`200-259: "0.80"`), 1)
	if bytes.Equal(changed, text) {
		t.Fatal("the rate to change is not in the policy file")
	}
	file := filepath.Join(t.TempDir(), "scenario.yaml")
	if err := os.WriteFile(file, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

const twoChildren = "id,score,age\r\na,200,12\r\nb,210,12\r\n"

func TestCompareOneRate(t *testing.T) {
	file := scenarioFile(t)
	out, errOut, code := ras(t, twoChildren, "compare", "--policy", "trafford-2013", "--scenario", file, "--format", "json", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Changes []struct{ Path, Baseline, Scenario string }
		Base    struct {
			Total string `json:"total_allocation"`
		} `json:"baseline_summary"`
		Scen struct {
			Total string `json:"total_allocation"`
		} `json:"scenario_summary"`
		ByBand []struct {
			AgeBand string `json:"age_band"`
			Gain    int
			Net     string
		} `json:"by_age_band"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err, out)
	}
	if len(got.Changes) != 1 || got.Changes[0].Path != "rates.10-13.200-259" || got.Changes[0].Baseline != `"0.75"` || got.Changes[0].Scenario != `"0.80"` {
		t.Errorf("changes %+v", got.Changes)
	}
	// Baseline: 200 × £0.75 × 52 = £7,800.00 and 210 × £0.75 × 52 = £8,190.00: £15,990.00.
	// Scenario: 200 × £0.80 × 52 = £8,320.00 and 210 × £0.80 × 52 = £8,736.00: £17,056.00,
	// £1,066.00 more (410 points × £0.05 × 52).
	if got.Base.Total != "15990.00" || got.Scen.Total != "17056.00" {
		t.Errorf("totals %s and %s, want 15990.00 and 17056.00", got.Base.Total, got.Scen.Total)
	}
	for _, b := range got.ByBand {
		if b.AgeBand == "10-13" && (b.Gain != 2 || b.Net != "1066.00") {
			t.Errorf("10-13: %+v, want 2 gaining £1,066.00", b)
		}
	}
}

func TestCohortScenarioPrintsTheComparison(t *testing.T) {
	file := scenarioFile(t)
	viaCompare, _, _ := ras(t, twoChildren, "compare", "--policy", "trafford-2013", "--scenario", file, "-")
	viaCohort, _, code := ras(t, twoChildren, "cohort", "--policy", "trafford-2013", "--scenario", file, "-")
	if code != 0 || viaCohort != viaCompare {
		t.Errorf("ras cohort --scenario (exit %d) printed\n%s\nras compare printed\n%s", code, viaCohort, viaCompare)
	}
	if !strings.Contains(spaces.ReplaceAllString(viaCompare, " "), "Total allocation £15,990.00 £17,056.00 +£1,066.00") {
		t.Errorf("no total line:\n%s", viaCompare)
	}
}

func TestCompareMistakes(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	text, _ := os.ReadFile("../../policies/trafford-2013.yaml")
	os.WriteFile(bad, bytes.Replace(text, []byte(`200-259: "0.75"`), []byte(`200-259: "-1"`), 1), 0o644)
	_, errOut, code := ras(t, "", "compare", "--policy", "trafford-2013", "--scenario", bad)
	if code != 1 || !strings.Contains(errOut, `bad.yaml:`) || !strings.Contains(errOut, `rates.10-13.200-259: "-1" is negative: an amount here is 0 or more`) {
		t.Errorf("a scenario with a rate of -1: exit %d, %q", code, errOut)
	}
	_, errOut, code = ras(t, "", "compare", "--policy", "trafford-2013")
	if code != 2 || !strings.Contains(errOut, "--scenario is required") {
		t.Errorf("no scenario: exit %d, %q", code, errOut)
	}
}

// TestCompareReportsBadRows: ras compare and ras cohort --scenario tell every
// row with errors at its line, and exit 1, as ras cohort does.
func TestCompareReportsBadRows(t *testing.T) {
	file := scenarioFile(t)
	const cohort = "../../testdata/cohorts/test-bad-rows.csv"
	// test-bad-rows.csv: bad3 (line 4) has the score abc, bad5 (line 6) is
	// 18, out of scope, and bad6 (line 7) has no age; ok1, ok2 and ok4 are good.
	want := []string{
		cohort + `:4: score: "abc" is not a number`,
		cohort + `:6: age: "18" gives age 18`,
		cohort + ":7: age: is missing",
		cohort + ": 3 of 6 rows had errors and are left out of the figures",
	}
	for _, args := range [][]string{
		{"compare", "--policy", "trafford-2013", "--scenario", file, cohort},
		{"compare", "--policy", "trafford-2013", "--scenario", file, "--format", "json", cohort},
		{"cohort", "--policy", "trafford-2013", "--scenario", file, cohort},
	} {
		out, errOut, code := ras(t, "", args...)
		if code != 1 {
			t.Errorf("%v: exit %d, want 1", args, code)
		}
		for _, w := range want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%v: stderr lacks %q:\n%s", args, w, errOut)
			}
		}
		if strings.Contains(errOut, "only)") {
			t.Errorf("%v: a row wrong under both is told as wrong under one:\n%s", args, errOut)
		}
		if !strings.Contains(spaces.ReplaceAllString(out, " "), "Children 3 3") && !strings.Contains(out, `"children": 3`) {
			t.Errorf("%v: the comparison of the 3 good rows is still printed:\n%s", args, out)
		}
	}
	_, errOut, code := ras(t, twoChildren, "compare", "--policy", "trafford-2013", "--scenario", file, "-")
	if code != 0 || errOut != "" {
		t.Errorf("a cohort without mistakes: exit %d, %q", code, errOut)
	}
}

// TestCompareRowUnderOnePolicy: a row one policy cannot take is told with
// the policy that refused it.
func TestCompareRowUnderOnePolicy(t *testing.T) {
	text, err := os.ReadFile("../../policies/trafford-2013.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// Children's services to 16: the last age band ends at 16, and 17 is
	// out of scope under the scenario alone.
	scen := strings.Replace(string(text), "out_of_scope_from: 18", "out_of_scope_from: 17", 1)
	scen = strings.Replace(scen, `{id: 14-plus, label: "14 plus", from: 14, to: 17}`, `{id: 14-plus, label: "14 plus", from: 14, to: 16}`, 1)
	file := filepath.Join(t.TempDir(), "to-16.yaml")
	if err := os.WriteFile(file, []byte(scen), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := ras(t, "id,score,age\na,180,12\nb,180,17\nc,abc,12\n", "compare", "--policy", "trafford-2013", "--scenario", file, "-")
	for _, w := range []string{
		`stdin:3: age: "17" gives age 17: `,
		"(under the scenario only)",
		`stdin:4: score: "abc" is not a number`,
		"stdin: 2 of 3 rows had errors and are left out of the figures (1 of them under one policy only)",
	} {
		if code != 1 || !strings.Contains(errOut, w) {
			t.Errorf("exit %d; stderr lacks %q:\n%s", code, w, errOut)
		}
	}
}
