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
