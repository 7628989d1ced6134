package engine_test

import (
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
)

func traffordText(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("../policies/trafford-2013.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// scenario applies changes to the Trafford policy and reads the result.
func scenario(t *testing.T, changes ...engine.Change) (*engine.Policy, error) {
	t.Helper()
	text, err := engine.ApplyChanges(traffordText(t), changes)
	if err != nil {
		t.Fatalf("ApplyChanges: %v", err)
	}
	return engine.ParsePolicy("scenario.yaml", text)
}

func budget(t *testing.T, p *engine.Policy, score, age string) string {
	t.Helper()
	c, err := engine.Fields{Score: score, Age: age}.Case()
	if err != nil {
		t.Fatal(err)
	}
	r, err := engine.Evaluate(p, c)
	if err != nil {
		t.Fatal(err)
	}
	return r.AnnualBudget().StringFixed(2)
}

func TestScenarioChangesARate(t *testing.T) {
	p, err := scenario(t, engine.Change{Path: "rates.10-13.200-259", Value: `"0.80"`})
	if err != nil {
		t.Fatal(err)
	}
	// 200 × £0.80 × 52 = £8,320.00, where the report's £0.75 gives £7,800.00.
	if got := budget(t, p, "200", "12"); got != "8320.00" {
		t.Errorf("budget %s, want 8320.00", got)
	}
	// The other cells keep the report's rates: 200 × £1.00 × 52 at 14.
	if got := budget(t, p, "200", "14"); got != "10400.00" {
		t.Errorf("budget at 14: %s, want 10400.00", got)
	}
}

func TestScenarioWidensModeration(t *testing.T) {
	p, err := scenario(t, engine.Change{Path: "moderation.window", Value: "20"})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := engine.Fields{Score: "168", Age: "12"}.Case()
	r, err := engine.Evaluate(p, c)
	if err != nil {
		t.Fatal(err)
	}
	// 168 is 18 points from the step at 150: inside a 20-point window.
	if !r.Moderation.Flagged || r.Moderation.Step != 150 {
		t.Errorf("moderation %+v, want flagged at 150", r.Moderation)
	}
}

func TestScenarioStagesInMonths(t *testing.T) {
	p, err := scenario(t,
		engine.Change{Path: "transition.groups.3.stage_dates", Value: ""},
		engine.Change{Path: "transition.groups.3.stage_months_after_plan", Value: "[6, 18]"})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := engine.Fields{Score: "261", Age: "12", CurrentCost: "15000", AssessedOn: "2026-11-30"}.Case()
	r, err := engine.Evaluate(p, c)
	if err != nil {
		t.Fatal(err)
	}
	// Group 3 (£1,428.00 less): 30 Nov 2026 + 6 months = 30 May 2027, £14,286.00;
	// + 18 months = 30 May 2028, £13,572.00.
	var got []string
	for _, e := range r.Transition.Schedule {
		got = append(got, e.From.String()+" "+e.Amount().StringFixed(2))
	}
	want := []string{"2026-11-30 15000.00", "2027-05-30 14286.00", "2028-05-30 13572.00"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("schedule %v, want %v", got, want)
	}
}

func TestScenarioMistakes(t *testing.T) {
	tests := []struct {
		name   string
		change engine.Change
		want   string
	}{
		{"a rate of -1", engine.Change{Path: "rates.10-13.200-259", Value: "-1"}, `rates.10-13.200-259: "-1" is negative: an amount here is 0 or more`},
		{"bands that overlap", engine.Change{Path: "scores.bands.3.from", Value: "140"}, "scores.bands.3.from: \"140\" overlaps band 100-149"},
		{"fractions that do not sum to one", engine.Change{Path: "transition.groups.3.fractions", Value: "[1/2, 1/3]"}, "sum to 5/6, not 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := scenario(t, tc.change)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "scenario.yaml:") {
				t.Errorf("error %v, want scenario.yaml:LINE: … %s", err, tc.want)
			}
		})
	}
}

func TestApplyChangesBadPaths(t *testing.T) {
	for _, c := range []engine.Change{
		{Path: "moderation.windows.size", Value: "3"},
		{Path: "transition.groups.9.fractions", Value: "[1]"},
		{Path: "moderation.window.x", Value: "3"},
		{Path: "", Value: "3"},
		{Path: "moderation.window", Value: "[unclosed"},
	} {
		if _, err := engine.ApplyChanges(traffordText(t), []engine.Change{c}); err == nil {
			t.Errorf("%+v: no error", c)
		}
	}
}

func TestDiff(t *testing.T) {
	base := traffordText(t)
	changes := []engine.Change{
		{Path: "moderation.window", Value: "20"},
		{Path: "rates.10-13.200-259", Value: `"0.80"`},
		{Path: "transition.groups.3.fractions", Value: "[1/3, 1/3, 1/3]"},
		{Path: "transition.groups.3.stage_dates", Value: "[2013-10-01, 2014-10-01, 2015-10-01]"},
	}
	text, err := engine.ApplyChanges(base, changes)
	if err != nil {
		t.Fatal(err)
	}
	got, err := engine.Diff(base, text)
	if err != nil {
		t.Fatal(err)
	}
	want := []engine.Change{
		{Path: "rates.10-13.200-259", Value: `"0.80"`, Was: `"0.75"`},
		{Path: "moderation.window", Value: "20", Was: "10"},
		{Path: "transition.groups.3.fractions", Value: "[1/3, 1/3, 1/3]", Was: `["1/2", "1/2"]`},
		{Path: "transition.groups.3.stage_dates", Value: "[2013-10-01, 2014-10-01, 2015-10-01]", Was: "[2013-10-01, 2014-10-01]"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Diff =\n%+v\nwant\n%+v", got, want)
	}
	// The changes a diff lists make the baseline into the scenario.
	again, err := engine.ApplyChanges(base, got)
	if err != nil {
		t.Fatal(err)
	}
	if rest, _ := engine.Diff(text, again); len(rest) != 0 {
		t.Errorf("applying the diff leaves %v", rest)
	}
	if none, _ := engine.Diff(base, base); len(none) != 0 {
		t.Errorf("a file differs from itself: %v", none)
	}
}

func TestAffectedDecisions(t *testing.T) {
	p, err := engine.ParsePolicy("t.yaml", traffordText(t))
	if err != nil {
		t.Fatal(err)
	}
	ids := func(changes ...engine.Change) []string {
		var out []string
		for _, d := range p.Affected(changes) {
			out = append(out, d.ID)
		}
		return out
	}
	if got := ids(engine.Change{Path: "moderation.window"}); !reflect.DeepEqual(got, []string{"inclusive-moderation-window"}) {
		t.Errorf("moderation.window alters %v", got)
	}
	if got := ids(engine.Change{Path: "transition.groups.2.decrease_from"}); !reflect.DeepEqual(got, []string{"group-2-from-a-penny"}) {
		t.Errorf("a group edge alters %v", got)
	}
	if got := ids(engine.Change{Path: "rates.10-13.200-259"}); len(got) != 0 {
		t.Errorf("a rate alters %v, which no Decision governs", got)
	}
	// Replacing the whole transition alters every Decision within it.
	if got := ids(engine.Change{Path: "transition"}); len(got) < 4 {
		t.Errorf("the whole transition alters only %v", got)
	}
}

func TestValueAt(t *testing.T) {
	text := traffordText(t)
	if v, _, ok := engine.ValueAt(text, "rates.10-13.200-259"); !ok || v != "0.75" {
		t.Errorf("rates.10-13.200-259 = %q, %v; want 0.75 (Trafford §6.3)", v, ok)
	}
	if _, l, ok := engine.ValueAt(text, "transition.groups.4.fractions"); !ok || strings.Join(l, ",") != "1/3,1/3,1/3" {
		t.Errorf("group 4's fractions = %v, %v", l, ok)
	}
	if _, _, ok := engine.ValueAt(text, "moderation.nothing"); ok {
		t.Error("a missing key has a value")
	}
}

func TestIllustrativeNeedsPrices(t *testing.T) {
	text, err := os.ReadFile("../policies/rotherham-2017.yaml")
	if err != nil {
		t.Fatal(err)
	}
	changed, err := engine.ApplyChanges(text, []engine.Change{{Path: "prices.illustrative", Value: "true"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = engine.ParsePolicy("s.yaml", changed)
	if err == nil || !strings.Contains(err.Error(), "prices.illustrative: \"true\" is only for prices given") {
		t.Errorf("illustrative without prices: %v", err)
	}
}

// TestValuesWith checks that a file read once serves change after change:
// one change does not alter what the next starts from; the outcome is
// ApplyChanges's, as text and as a policy; and a mistake in a changed value
// is reported at the line of the value in the file read.
func TestValuesWith(t *testing.T) {
	text := traffordText(t)
	vs, err := engine.ParseValues(text)
	if err != nil {
		t.Fatal(err)
	}
	first := []engine.Change{{Path: "rates.10-13.200-259", Value: `"0.80"`}}
	second := []engine.Change{{Path: "moderation.window", Value: "20"}}
	if _, err := vs.With(first); err != nil {
		t.Fatal(err)
	}
	got, err := vs.With(second)
	if err != nil {
		t.Fatal(err)
	}
	if v, _, _ := got.At("rates.10-13.200-259"); v != "0.75" {
		t.Errorf("after a first change, the second file has the rate %q, want the published 0.75", v)
	}
	gotText, err := got.Text()
	if err != nil {
		t.Fatal(err)
	}
	want, err := engine.ApplyChanges(text, second)
	if err != nil {
		t.Fatal(err)
	}
	if string(gotText) != string(want) {
		t.Errorf("With and ApplyChanges differ:\n%s\n---\n%s", gotText, want)
	}
	changes, err := vs.Diff(got)
	if err != nil || len(changes) != 1 || changes[0].Path != "moderation.window" || changes[0].Was != "10" {
		t.Errorf("Diff = %+v, %v; want moderation.window from 10", changes, err)
	}
	p, err := got.Policy("")
	if err != nil {
		t.Fatal(err)
	}
	if p.Moderation.Window != 20 {
		t.Errorf("the policy's window is %d, want 20", p.Moderation.Window)
	}

	// A mistake, at the line of the rate in the file as shipped.
	line := 1 + strings.Count(string(text[:strings.Index(string(text), "10-13: {")]), "\n")
	bad, err := vs.With([]engine.Change{{Path: "rates.10-13.200-259", Value: `"0.7x"`}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = bad.Policy("")
	if err == nil || !strings.Contains(err.Error(), "line "+strconv.Itoa(line)+": rates.10-13.200-259: \"0.7x\" is not an amount") {
		t.Errorf("the mistake reads %v; want it at line %d", err, line)
	}
}
