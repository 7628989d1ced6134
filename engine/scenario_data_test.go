package engine_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// TestScenarioData runs the scenarios of testdata/scenarios (its README says
// the format): each scenario's diff against its policy, the Decisions it
// alters, and a small cohort compared under both, every figure worked by hand
// in the file.
func TestScenarioData(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "scenarios", "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no scenarios: %v", err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parseCaseFile(path, data)
			if err != nil {
				t.Fatal(err)
			}
			sec := map[string]string{}
			for _, s := range f.Sections {
				sec[s.Name] = strings.TrimSpace(string(s.Data))
			}
			id := sec["policy"]
			base, err := policies.Load(id)
			if err != nil {
				t.Fatal(err)
			}
			text, err := policies.Text(id)
			if err != nil {
				t.Fatal(err)
			}
			var changes []engine.Change
			for _, line := range lines(sec["changes"]) {
				path, value, ok := strings.Cut(line, " = ")
				if !ok {
					t.Fatalf("changes: %q is not path = value", line)
				}
				changes = append(changes, engine.Change{Path: path, Value: value})
			}
			changed, err := engine.ApplyChanges(text, changes)
			if err != nil {
				t.Fatal(err)
			}
			scen, err := engine.ParsePolicy("scenario.yaml", changed)
			if err != nil {
				t.Fatal(err)
			}

			diff, err := engine.Diff(text, changed)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range diff {
				got = append(got, c.Path+": "+c.Was+" -> "+c.Value)
			}
			if want := lines(sec["diff"]); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("diff:\n got %q\nwant %q", got, want)
			}

			got = nil
			for _, d := range base.Affected(diff) {
				got = append(got, d.ID)
			}
			if want := lines(sec["decisions"]); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("decisions altered:\n got %q\nwant %q", got, want)
			}

			cohort, ok := sec["cohort.csv"]
			if !ok {
				return
			}
			cmp, err := engine.CompareCohort(base, scen, "cohort.csv", strings.NewReader(cohort+"\n"), nil)
			if err != nil {
				t.Fatal(err)
			}
			a, b := cmp.Baseline, cmp.Scenario
			got = []string{
				fmt.Sprintf("children %d %d", a.Children, b.Children),
				fmt.Sprintf("total_allocation %s %s", a.TotalAllocation.StringFixed(2), b.TotalAllocation.StringFixed(2)),
				fmt.Sprintf("moderation %d %d", a.ModerationFlagged, b.ModerationFlagged),
			}
			for _, c := range cmp.Changed {
				if c.Gain+c.Lose+c.Same > 0 {
					got = append(got, fmt.Sprintf("band %s: gain %d lose %d same %d, gained %s lost %s",
						c.Band.ID, c.Gain, c.Lose, c.Same, c.GainAmount.StringFixed(2), c.LoseAmount.StringFixed(2)))
				}
			}
			if want := lines(sec["compare"]); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("compare:\n got %q\nwant %q", got, want)
			}
		})
	}
}

// lines are the lines of a section that are not blank.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
