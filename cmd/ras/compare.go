package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// compareCmd is "ras compare --policy ID [--baseline A.yaml] --scenario
// FILE.yaml [COHORT]": what a scenario changes in the rules, which Decisions
// it alters, and, given a cohort, the figures under each and who gains and
// who loses. With --baseline, the scenario is compared with another scenario
// of the policy rather than with the policy itself.
func compareCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("ras compare", stderr, "ras compare --policy ID [--baseline A.yaml] --scenario FILE.yaml [--format text|json] [COHORT|-]")
	policy := fs.String("policy", "", "the baseline policy: "+strings.Join(policies.IDs(), ", ")+", or a policy file (.yaml)")
	baseline := fs.String("baseline", "", "compare with this scenario of the policy (a policy file changed from --policy) instead of the policy itself")
	scenario := fs.String("scenario", "", "the scenario: a policy file (.yaml) changed from the baseline")
	format := fs.String("format", "text", "text, or json")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("ras compare: give at most one cohort file")
	}
	cohortFile := ""
	if len(pos) == 1 {
		cohortFile = pos[0]
	}
	return compareWith(*policy, *baseline, *scenario, *format, cohortFile, stdin, stdout, stderr)
}

func compare(policy, scenario, format, cohortFile string, stdin io.Reader, stdout, stderr io.Writer) error {
	return compareWith(policy, "", scenario, format, cohortFile, stdin, stdout, stderr)
}

// compareWith compares the scenario with the policy, or, where baseline names
// a file, with that scenario of the policy.
func compareWith(policy, baseline, scenario, format, cohortFile string, stdin io.Reader, stdout, stderr io.Writer) error {
	if scenario == "" {
		return usagef("--scenario is required: a policy file (.yaml) changed from the baseline")
	}
	if format != "text" && format != "json" {
		return usagef("--format %q is not a format: use text or json", format)
	}
	base, err := loadPolicy(policy)
	if err != nil {
		return err
	}
	baseText, err := policyText(policy)
	if err != nil {
		return err
	}
	against := base.Name
	if baseline != "" {
		if baseText, err = readPolicyFile(baseline); err != nil {
			return cannotRead("--baseline: cannot read "+baseline, err)
		}
		if base, err = engine.ParsePolicy(baseline, baseText); err != nil {
			return err
		}
		against = baseline + " (a scenario of " + against + ")"
	}
	scenText, err := readPolicyFile(scenario)
	if err != nil {
		return cannotRead("--scenario: cannot read "+scenario, err)
	}
	scen, err := engine.ParsePolicy(scenario, scenText)
	if err != nil {
		return err
	}
	changes, err := engine.Diff(baseText, scenText)
	if err != nil {
		return err
	}
	var cmp *engine.Comparison
	var bad *reported
	if cohortFile != "" {
		name, in, closeIn, err := openCohort(cohortFile, stdin)
		if err != nil {
			return err
		}
		defer closeIn()
		var rows rowReport
		cmp, err = engine.CompareCohort(base, scen, name, in, rows.visit(stderr))
		if err != nil {
			return err
		}
		for _, w := range cmp.Warnings {
			fmt.Fprintln(stderr, "warning:", w)
		}
		bad = rows.result(name)
	}
	altered := base.Affected(changes)
	summary := engine.Describe(base, changes, cmp)
	if format == "json" {
		if err := writeComparisonJSON(stdout, base, scen, summary, changes, altered, cmp); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(stdout, "%s\n\n", summary)
		writeComparison(stdout, against, scen, base, scenario, changes, altered, cmp)
	}
	if bad != nil {
		return bad
	}
	return nil
}

// rowReport tells each row of a compared cohort that has errors, with its
// line, as ras cohort does, and counts them.
type rowReport struct {
	rows, rejected int
	oneOnly        int // rows refused under one of the two policies alone
}

func (r *rowReport) visit(stderr io.Writer) func(engine.Row, *engine.Result, *engine.Result) error {
	return func(row engine.Row, a, b *engine.Result) error {
		r.rows++
		if row.Err == nil {
			return nil
		}
		r.rejected++
		note := ""
		switch {
		case a != nil:
			note, r.oneOnly = " (under the scenario only)", r.oneOnly+1
		case b != nil:
			note, r.oneOnly = " (under the baseline only)", r.oneOnly+1
		}
		var es engine.Errors
		if !errors.As(row.Err, &es) {
			fmt.Fprintln(stderr, row.Err.Error()+note)
			return nil
		}
		for _, e := range es {
			fmt.Fprintln(stderr, e.Error()+note)
		}
		return nil
	}
}

// result is the error ras exits with when rows had errors, or nil.
func (r *rowReport) result(name string) *reported {
	if r.rejected == 0 {
		return nil
	}
	msg := fmt.Sprintf("%s: %d of %d rows had errors and are left out of the figures", name, r.rejected, r.rows)
	if r.oneOnly > 0 {
		msg += fmt.Sprintf(" (%d of them under one policy only)", r.oneOnly)
	}
	return &reported{msg}
}

// policyText is the text of a shipped policy, or of a policy file.
func policyText(name string) ([]byte, error) {
	if strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml") {
		data, err := readPolicyFile(name)
		if err != nil {
			return nil, cannotRead("--policy: cannot read "+name, err)
		}
		return data, nil
	}
	return policies.Text(name)
}

// readPolicyFile reads a policy file or scenario, no more of it than a
// policy file may hold (engine.MaxPolicyBytes), so that /dev/zero or a
// 200 MB file is refused at once rather than read whole. A file that cannot
// be opened or read is an *fs.PathError; one too large, an *engine.Error.
func readPolicyFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return engine.ReadPolicyText(name, f)
}

// cannotRead tells why a file could not be read after what, like "--policy:
// cannot read my.yaml"; an error about the file's text is told as it is.
func cannotRead(what string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", what, pe.Err)
	}
	return err
}

// openCohort opens the cohort file named file, or stdin for "-", and returns
// its name in messages, its reader and what closes it.
func openCohort(file string, stdin io.Reader) (string, io.Reader, func(), error) {
	if file == "-" {
		return "stdin", stdin, func() {}, nil
	}
	f, err := os.Open(file)
	if err != nil {
		return "", nil, nil, fmt.Errorf("%s: cannot be opened: %v", file, errors.Unwrap(err))
	}
	return file, f, func() { f.Close() }, nil
}

func writeComparison(w io.Writer, against string, scen, base *engine.Policy, file string, changes []engine.Change, altered []engine.Decision, cmp *engine.Comparison) {
	fmt.Fprintf(w, "Scenario %s against %s\n\n", file, against)
	if len(changes) == 0 {
		fmt.Fprintln(w, "It changes nothing.")
	} else {
		fmt.Fprintln(w, "What it changes")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  Key\tBaseline\tScenario")
		for _, c := range changes {
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", c.Path, orNone(c.Was), orNone(c.Value))
		}
		tw.Flush()
	}
	if len(altered) > 0 {
		fmt.Fprintln(w, "\nDecisions it alters")
		for _, d := range altered {
			fmt.Fprintf(w, "  - %s\n", d.Wording)
		}
	}
	if cmp == nil {
		return
	}
	a, b := cmp.Baseline, cmp.Scenario
	fmt.Fprintln(w, "\nThe cohort under each")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  \tBaseline\tScenario\tDifference\t")
	row := func(label string, x, y int) {
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%+d\t\n", label, x, y, y-x)
	}
	money := func(label string, x, y engine.Money) {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t\n", label, engine.FormatMoney(x), engine.FormatMoney(y), signedMoney(y.Sub(x)))
	}
	row("Children", a.Children, b.Children)
	row("Rows with errors", a.RejectedRows, b.RejectedRows)
	row("Eligible", a.Eligible, b.Eligible)
	money("Total allocation", a.TotalAllocation, b.TotalAllocation)
	money("Total base cost", a.TotalBaseCost, b.TotalBaseCost)
	row("Higher than now", a.Higher, b.Higher)
	row("Lower than now", a.Lower, b.Lower)
	row("To moderation", a.ModerationFlagged, b.ModerationFlagged)
	for i, g := range a.Groups {
		if i < len(b.Groups) && b.Groups[i].Name == g.Name {
			row("Group "+g.Name, g.Count, b.Groups[i].Count)
		}
	}
	years := map[string]engine.Money{}
	for _, y := range b.SpendByYear {
		years[y.Label()] = y.Spend
	}
	for _, y := range a.SpendByYear {
		money("Spend "+y.Label(), y.Spend, years[y.Label()])
	}
	tw.Flush()
	fmt.Fprintln(w, "\nWho gains and who loses under the scenario, by age band")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  Age band\tGain\tLose\tSame\tGained\tLost\tNet\t")
	for _, c := range cmp.Changed {
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%s\t%s\t%s\t\n", c.Band.Label, c.Gain, c.Lose, c.Same,
			engine.FormatMoney(c.GainAmount), engine.FormatMoney(c.LoseAmount), signedMoney(c.TotalChange))
	}
	tw.Flush()
	if scen.Prices.Published && !base.Prices.Published {
		fmt.Fprintln(w, "\nThe scenario's prices are illustrative: the council has not published its own.")
	}
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func signedMoney(m engine.Money) string {
	if m.IsNegative() {
		return "-" + engine.FormatMoney(m.Neg())
	}
	return "+" + engine.FormatMoney(m)
}

func writeComparisonJSON(w io.Writer, base, scen *engine.Policy, summary string, changes []engine.Change, altered []engine.Decision, cmp *engine.Comparison) error {
	type change struct {
		Path     string `json:"path"`
		Baseline string `json:"baseline"`
		Scenario string `json:"scenario"`
	}
	type band struct {
		AgeBand string `json:"age_band"`
		Gain    int    `json:"gain"`
		Lose    int    `json:"lose"`
		Same    int    `json:"same"`
		Gained  string `json:"gained"`
		Lost    string `json:"lost"`
		Net     string `json:"net"`
	}
	out := struct {
		Baseline  string          `json:"baseline"`
		Scenario  string          `json:"scenario"`
		Summary   string          `json:"summary"`
		Changes   []change        `json:"changes"`
		Decisions []string        `json:"decisions_altered"`
		Cohort    *engine.Summary `json:"baseline_summary,omitempty"`
		Scen      *engine.Summary `json:"scenario_summary,omitempty"`
		ByBand    []band          `json:"by_age_band,omitempty"`
	}{Baseline: base.ID, Scenario: scen.ID, Summary: summary, Changes: []change{}, Decisions: []string{}}
	for _, c := range changes {
		out.Changes = append(out.Changes, change{c.Path, c.Was, c.Value})
	}
	for _, d := range altered {
		out.Decisions = append(out.Decisions, d.ID)
	}
	if cmp != nil {
		out.Cohort, out.Scen = &cmp.Baseline, &cmp.Scenario
		for _, c := range cmp.Changed {
			out.ByBand = append(out.ByBand, band{c.Band.ID, c.Gain, c.Lose, c.Same, c.GainAmount.StringFixed(2), c.LoseAmount.StringFixed(2), c.TotalChange.StringFixed(2)})
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
