package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// The councillor's tools (docs/rules.md, "Fitting and calibrating"): ras fit
// scales the rates to a budget, ras calibrate derives them from a cohort's
// current costs. Each prints the policy with the new rates, as a file that
// --policy and --scenario read.

const fitSynopsis = "ras fit --policy ID|FILE [--budget AMOUNT] [--vary PATHS] [--format yaml|json] COHORT|-"

const calibrateSynopsis = "ras calibrate --policy ID|FILE [--budget AMOUNT] [--format yaml|json] COHORT|-"

// fitCmd is "ras fit": the largest factor of the rates chosen that keeps the
// cohort's total allocation a year within the budget. Rows with mistakes are
// told on stderr, the fit is made over the others and printed, and ras exits
// with status 1.
func fitCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("ras fit", stderr, fitSynopsis+
		"\nPrints the policy with the chosen rates scaled by the largest factor (a multiple of 0.0001, up to 100) that keeps the cohort's total allocation a year within the budget."+
		"\nRows with mistakes are told on standard error and left out; the fit of the others is printed, and ras exits with status 1.")
	policy := fs.String("policy", "", "the policy: "+strings.Join(policies.IDs(), ", ")+", or a policy file (.yaml)")
	budget := fs.String("budget", "", "the budget for the total allocation a year, in £ (default: the policy's budget, where it has one)")
	vary := fs.String("vary", "", "the cells of rates to scale, comma-separated key paths with * for any band, like rates.*.260-plus or rates.10-13.* (default: every cell)")
	format := fs.String("format", "yaml", "yaml (the fitted policy file) or json")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("ras fit: give one cohort file, or - to read standard input")
	}
	if *format != "yaml" && *format != "json" {
		return usagef("ras fit: --format %q is not a format: use yaml or json", *format)
	}
	var paths []string
	if *vary != "" {
		paths = strings.Split(*vary, ",")
	}
	st, err := startPolicy(*policy)
	if err != nil {
		return err
	}
	amount, err := budgetFlag(*budget, st.p, "ras fit")
	if err != nil {
		return err
	}
	h, bad, err := holdReported(st.p, pos[0], stdin, stderr)
	if err != nil {
		return err
	}
	fit, err := h.Fit(nil, amount, paths)
	var e *engine.Error
	switch {
	case errors.As(err, &e) && strings.HasPrefix(e.Field, "rates"):
		return fmt.Errorf("--vary: %s", e.InRow()) // a path that names no cell
	case err != nil:
		return flagError(err)
	}
	varied := "every cell of rates"
	if len(paths) > 0 {
		varied = strings.Join(paths, ", ")
	}
	comment := []string{
		fmt.Sprintf("%s with its rates fitted to a budget by ras fit: %s multiplied by %s,", st.p.Name, varied, fit.Factor),
		fmt.Sprintf("the largest factor for which the total allocation a year of the children of %s,", h.Name()),
		fmt.Sprintf("%s, is within the budget of %s (headroom %s).", engine.FormatMoney(fit.Total), engine.FormatMoney(fit.Budget), engine.FormatMoney(fit.Headroom)),
	}
	comment = append(comment, st.note()...)
	file, err := engine.PolicyFile(st.text, fit.Changes, comment...)
	if err != nil {
		return err
	}
	if *format == "json" {
		err = writeJSON(stdout, struct {
			Factor   string       `json:"factor"`
			Total    string       `json:"total_allocation"`
			Budget   string       `json:"budget"`
			Headroom string       `json:"headroom"`
			Changes  []jsonChange `json:"changes"`
			Policy   string       `json:"policy"`
		}{fit.Factor.String(), fit.Total.StringFixed(2), fit.Budget.StringFixed(2), fit.Headroom.StringFixed(2), jsonChanges(fit.Changes), string(file)})
	} else {
		_, err = stdout.Write(file)
	}
	if err != nil {
		return err
	}
	return bad.err()
}

// calibrateCmd is "ras calibrate": each cell of rates derived from the
// current costs of the cohort's children in it, and, with --budget, the
// result scaled by ras fit's factor.
func calibrateCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("ras calibrate", stderr, calibrateSynopsis+
		"\nPrints the policy with each cell of rates derived from the current costs of the cohort's children in it, labelled as derived from the cohort, not the council's."+
		"\nWith --budget, the derived rates are then scaled to the budget as ras fit scales them."+
		"\nRows with mistakes are told on standard error and left out; the rates derived from the others are printed, and ras exits with status 1.")
	policy := fs.String("policy", "", "the policy: "+strings.Join(policies.IDs(), ", ")+", or a policy file (.yaml)")
	budget := fs.String("budget", "", "scale the derived rates to this budget for the total allocation a year, in £")
	format := fs.String("format", "yaml", "yaml (the derived policy file) or json")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("ras calibrate: give one cohort file, or - to read standard input")
	}
	if *format != "yaml" && *format != "json" {
		return usagef("ras calibrate: --format %q is not a format: use yaml or json", *format)
	}
	st, err := startPolicy(*policy)
	if err != nil {
		return err
	}
	var amount engine.Money
	if *budget != "" {
		if amount, err = budgetFlag(*budget, st.p, "ras calibrate"); err != nil {
			return err
		}
	}
	h, bad, err := holdReported(st.p, pos[0], stdin, stderr)
	if err != nil {
		return err
	}
	cal := h.Calibrate()
	changes := cal.Changes
	comment := []string{
		fmt.Sprintf("%s with rates derived from %s, not the council's published rates, by ras calibrate:", st.p.Name, h.Name()),
		"each from the children of its cell at or above the threshold with a current cost and no allocation given.",
	}
	for _, c := range cal.Cells {
		if c.Kept() {
			comment = append(comment, fmt.Sprintf("  %s: kept at %s: no child to derive it from", c.Path, st.p.FormatCell(c.Cell, c.From)))
			continue
		}
		comment = append(comment, fmt.Sprintf("  %s: %s from %s, %d %s, mean absolute difference %s", c.Path, st.p.FormatCell(c.Cell, c.To),
			st.p.FormatCell(c.Cell, c.From), c.Children, plural(c.Children, "child", "children"), engine.FormatMoney(c.MeanAbsoluteDifference)))
	}
	var fit *engine.Fit
	if *budget != "" {
		if fit, err = h.Fit(cal.Policy, amount, nil); err != nil {
			return flagError(err)
		}
		changes = fit.Changes
		comment = append(comment, fmt.Sprintf("Then scaled by %s, the largest factor for which the total allocation a year, %s, is within the budget of %s (headroom %s).",
			fit.Factor, engine.FormatMoney(fit.Total), engine.FormatMoney(fit.Budget), engine.FormatMoney(fit.Headroom)))
	}
	comment = append(comment, st.note()...)
	file, err := engine.PolicyFile(st.text, changes, comment...)
	if err != nil {
		return err
	}
	if *format == "json" {
		type cell struct {
			Path     string `json:"path"`
			From     string `json:"from"`
			To       string `json:"to"`
			Children int    `json:"children"`
			MAD      string `json:"mean_absolute_difference"`
		}
		type fitted struct {
			Factor   string `json:"factor"`
			Total    string `json:"total_allocation"`
			Budget   string `json:"budget"`
			Headroom string `json:"headroom"`
		}
		out := struct {
			Cells        []cell  `json:"cells"`
			Fit          *fitted `json:"fit,omitempty"`
			Illustrative bool    `json:"illustrative,omitempty"`
			Policy       string  `json:"policy"`
		}{Cells: []cell{}, Illustrative: st.illustrative, Policy: string(file)}
		for _, c := range cal.Cells {
			out.Cells = append(out.Cells, cell{c.Path, st.p.FormatCell(c.Cell, c.From), st.p.FormatCell(c.Cell, c.To), c.Children, c.MeanAbsoluteDifference.StringFixed(2)})
		}
		if fit != nil {
			out.Fit = &fitted{fit.Factor.String(), fit.Total.StringFixed(2), fit.Budget.StringFixed(2), fit.Headroom.StringFixed(2)}
		}
		err = writeJSON(stdout, out)
	} else {
		_, err = stdout.Write(file)
	}
	if err != nil {
		return err
	}
	return bad.err()
}

// start is the policy a fit or a calibration starts from, with its file's
// text: the policy itself, or, where its council published no prices, the
// policy with its illustrative prices.
type start struct {
	p            *engine.Policy
	text         []byte
	illustrative bool
	label        string
}

func startPolicy(name string) (*start, error) {
	p, err := loadPolicy(name)
	if err != nil {
		return nil, err
	}
	text, err := policyText(name)
	if err != nil {
		return nil, err
	}
	st := &start{p: p, text: text}
	if p.Prices.Published {
		return st, nil
	}
	if p.Illustrative == nil {
		return nil, fmt.Errorf("%s: %s; it has no illustrative prices to start from", p.Name, p.Prices.UnpublishedMessage)
	}
	if st.text, err = engine.ApplyChanges(text, p.Illustrative.Changes); err != nil {
		return nil, err
	}
	if st.p, err = engine.ParsePolicy(name, st.text); err != nil {
		return nil, err
	}
	st.illustrative, st.label = true, p.Illustrative.Label
	return st, nil
}

// note is what the opening comment says of prices that are illustrative.
func (st *start) note() []string {
	if !st.illustrative {
		return nil
	}
	return []string{fmt.Sprintf("The council has published no prices: these start from the policy's illustrative prices (%s), and every figure from them is illustrative.", st.label)}
}

// budgetFlag reads --budget, or takes the policy's budget where none is given.
func budgetFlag(s string, p *engine.Policy, cmd string) (engine.Money, error) {
	if s == "" {
		if p.Budget == nil {
			return engine.Money{}, usagef("%s: --budget is required: %s has no budget of its own", cmd, p.Name)
		}
		return p.Budget.Amount, nil
	}
	m, err := engine.ParseAmount(s)
	if err != nil {
		var e *engine.Error
		if errors.As(err, &e) {
			return m, usagef("--budget: %s %s", s, e.Message())
		}
		return m, usagef("--budget: %v", err)
	}
	return m, nil
}

// badRows counts the rows of a cohort with mistakes, each told on stderr.
type badRows struct {
	name         string
	rows, errors int
}

func (b *badRows) err() error {
	if b.errors == 0 {
		return nil
	}
	return &reported{fmt.Sprintf("%s: %d of %d rows had errors and are left out of the figures", b.name, b.errors, b.rows)}
}

// holdReported reads a cohort file and holds it under p, telling each row
// with a mistake on stderr, with its line, as ras cohort does.
func holdReported(p *engine.Policy, file string, stdin io.Reader, stderr io.Writer) (*engine.HeldCohort, *badRows, error) {
	name, in, closeIn, err := openCohort(file, stdin)
	if err != nil {
		return nil, nil, err
	}
	defer closeIn()
	bad := &badRows{name: name}
	h, err := engine.HoldCohort(p, name, in, func(row engine.Row, _ *engine.Result) error {
		bad.rows++
		if row.Err != nil {
			bad.errors++
			fmt.Fprintln(stderr, row.Err)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	for _, w := range h.Warnings() {
		fmt.Fprintln(stderr, "warning:", w)
	}
	return h, bad, nil
}

type jsonChange struct {
	Path string `json:"path"`
	From string `json:"from"`
	To   string `json:"to"`
}

func jsonChanges(changes []engine.Change) []jsonChange {
	out := []jsonChange{}
	for _, c := range changes {
		out = append(out, jsonChange{c.Path, strings.Trim(c.Was, `"`), strings.Trim(c.Value, `"`)})
	}
	return out
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
