package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// usageError is a mistake in how ras was called: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// reported is an input error whose details were already written to stderr.
type reported struct{ msg string }

func (e *reported) Error() string { return e.msg }

func exitCode(err error) int {
	var ue *usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		return 2
	}
	return 1
}

const usage = `usage:
  ras calc --policy ID (--score N | --allocation AMOUNT) (--age N | --date-of-birth YYYY-MM-DD) [flags]
  ras cohort --policy ID [--format summary|summary-json|jsonl|csv] FILE|-
  ras cohort --policy ID --scenario FILE.yaml COHORT|-
  ras compare --policy ID [--baseline A.yaml] --scenario FILE.yaml [--format text|json] [COHORT|-]
  ras fit --policy ID [--budget AMOUNT] [--vary PATHS] [--format yaml|json] COHORT|-
  ras calibrate --policy ID [--budget AMOUNT] [--format yaml|json] COHORT|-
  ras policies [show ID]
  ras validate FILE...
Run "ras COMMAND -h" for a command's flags.`

// run is the program: args without the program name. A cohort named "-" is
// read from stdin; output goes to stdout; messages about bad rows or warnings
// go to stderr.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usagef("%s", usage)
	}
	switch args[0] {
	case "calc":
		return calc(args[1:], stdout, stderr)
	case "cohort":
		return cohort(args[1:], stdin, stdout, stderr)
	case "compare":
		return compareCmd(args[1:], stdin, stdout, stderr)
	case "fit":
		return fitCmd(args[1:], stdin, stdout, stderr)
	case "calibrate":
		return calibrateCmd(args[1:], stdin, stdout, stderr)
	case "policies":
		return listPolicies(args[1:], stdout, stderr)
	case "validate":
		return validate(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	return usagef("ras: unknown command %q\n%s", args[0], usage)
}

// parse parses flags that may come before or after the positional arguments,
// and returns the positional ones.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, &usageError{""}
			}
			return nil, &usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func newFlagSet(name string, stderr io.Writer, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// loadPolicy loads a shipped policy by id, or a council's own policy file when
// the name ends in .yaml or .yml.
func loadPolicy(name string) (*engine.Policy, error) {
	if name == "" {
		return nil, usagef("--policy is required: one of %s, or a policy file", strings.Join(policies.IDs(), ", "))
	}
	if strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml") {
		data, err := readPolicyFile(name)
		if err != nil {
			return nil, cannotRead("--policy: cannot read "+name, err)
		}
		return engine.ParsePolicy(name, data)
	}
	p, err := policies.Load(name)
	if err != nil {
		return nil, flagError(err)
	}
	return p, nil
}

// flagError names the flag a field's error is about: --date-of-birth for the
// field date_of_birth.
func flagError(err error) error {
	var es engine.Errors
	var e *engine.Error
	switch {
	case errors.As(err, &es):
		lines := make([]string, len(es))
		for i, e := range es {
			lines[i] = flagMessage(e)
		}
		return errors.New(strings.Join(lines, "\n"))
	case errors.As(err, &e):
		return errors.New(flagMessage(e))
	}
	return err
}

func flagMessage(e *engine.Error) string {
	if e.File != "" || e.Field == "" {
		return e.Error()
	}
	return "--" + strings.ReplaceAll(e.Field, "_", "-") + ": " + e.Message()
}

func calc(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("ras calc", stderr, "ras calc --policy ID (--score N | --allocation AMOUNT) (--age N | --date-of-birth YYYY-MM-DD) [flags]")
	var f engine.Fields
	policy := fs.String("policy", "", "the policy: "+strings.Join(policies.IDs(), ", ")+", or a policy file (.yaml)")
	fs.StringVar(&f.ID, "id", "", "a name for the child, shown in the output")
	fs.StringVar(&f.Score, "score", "", "the RAS score, in whole points")
	fs.StringVar(&f.Age, "age", "", "the child's age in whole years on the assessment date")
	fs.StringVar(&f.DateOfBirth, "date-of-birth", "", "the child's date of birth, YYYY-MM-DD")
	fs.StringVar(&f.AssessedOn, "assessed-on", "", "the date of the assessment or support plan, YYYY-MM-DD (default: the policy's)")
	fs.StringVar(&f.CurrentCost, "current-cost", "", "the annual cost of the current package of support, in £")
	contingency := fs.Bool("includes-contingency", false, "the current cost includes the contingency share")
	fs.StringVar(&f.Allocation, "allocation", "", "the annual allocation the family was told, in £, used instead of the score's")
	fs.StringVar(&f.ReassessedOn, "reassessed-on", "", "the date of a reassessment with a new score, YYYY-MM-DD")
	fs.StringVar(&f.NewScore, "new-score", "", "the new score of that reassessment")
	asJSON := fs.Bool("json", false, "print the result object as JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("ras calc: unexpected argument %q: every value is given with a flag, like --score 261", pos[0])
	}
	if *contingency {
		f.IncludesContingency = "true"
	}
	p, err := loadPolicy(*policy)
	if err != nil {
		return err
	}
	c, err := f.Case()
	if err != nil {
		return flagError(err)
	}
	r, err := engine.Evaluate(p, c)
	if err != nil {
		return flagError(err)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(r)
	}
	writeResult(stdout, r)
	return nil
}

func cohort(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlagSet("ras cohort", stderr, "ras cohort --policy ID [--format summary|summary-json|jsonl|csv] FILE|-")
	policy := fs.String("policy", "", "the policy: "+strings.Join(policies.IDs(), ", ")+", or a policy file (.yaml)")
	format := fs.String("format", "summary", "what to print: summary, summary-json, jsonl (a result a line) or csv (a row a child)")
	scenario := fs.String("scenario", "", "a scenario (a policy file changed from --policy): print the comparison, as ras compare does")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("ras cohort: give one cohort file, or - to read standard input")
	}
	if *scenario != "" {
		f := "text"
		if *format == "summary-json" {
			f = "json"
		}
		return compare(*policy, *scenario, f, pos[0], stdin, stdout, stderr)
	}
	switch *format {
	case "summary", "summary-json", "jsonl", "csv":
	default:
		return usagef("ras cohort: --format %q is not a format: use summary, summary-json, jsonl or csv", *format)
	}
	p, err := loadPolicy(*policy)
	if err != nil {
		return err
	}
	name, in, closeIn, err := openCohort(pos[0], stdin)
	if err != nil {
		return err
	}
	defer closeIn()
	out := newBuffered(stdout)
	defer out.Flush()
	var visit func(engine.Row, *engine.Result) error
	rejected := 0
	report := func(row engine.Row) {
		if row.Err != nil {
			rejected++
			fmt.Fprintln(stderr, row.Err)
		}
	}
	switch *format {
	case "jsonl":
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		visit = func(row engine.Row, r *engine.Result) error {
			report(row)
			if r == nil {
				return enc.Encode(rowError(row))
			}
			return enc.Encode(r)
		}
	case "csv":
		rw, err := engine.NewResultWriter(out)
		if err != nil {
			return err
		}
		defer rw.Flush()
		visit = func(row engine.Row, r *engine.Result) error {
			report(row)
			return rw.Write(row, r)
		}
	}
	var co *engine.Cohort
	if visit != nil {
		co, err = engine.EvaluateCohort(p, name, in, visit)
	} else {
		// The summary alone: only the rows with errors are reported.
		co, err = engine.SummariseCohort(p, name, in, func(row engine.Row) error {
			report(row)
			return nil
		})
	}
	if err != nil {
		return err
	}
	for _, w := range co.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	switch *format {
	case "summary":
		writeSummary(out, name, co.Summary)
	case "summary-json":
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(co.Summary); err != nil {
			return err
		}
	}
	if rejected > 0 {
		return &reported{fmt.Sprintf("%s: %d of %d rows had errors and are left out of the figures", name, rejected, co.Summary.Children+rejected)}
	}
	return nil
}

// rowError is the JSON line of a row that could not be evaluated. An id or a
// value longer than any field may be is cut short as its message cuts it:
// a line never repeats a million-character id in full.
func rowError(row engine.Row) any {
	var es engine.Errors
	errors.As(row.Err, &es)
	list := es.JSON()
	for i := range list {
		list[i].Value = clip(list[i].Value)
	}
	return struct {
		ID     string             `json:"id"`
		Line   int                `json:"line"`
		Errors []engine.JSONError `json:"errors"`
	}{clip(row.Fields.ID), row.Line, list}
}

// clip cuts a value longer than any field may be (engine.MaxFieldLength) to
// its first 40 bytes and its length, as the engine's messages show it:
// "xxxx… (1000000 characters)". A value of a field's length is kept whole.
func clip(s string) string {
	if len(s) <= engine.MaxFieldLength {
		return s
	}
	cut := 40
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "… (" + strconv.Itoa(len(s)) + " characters)"
}

func listPolicies(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("ras policies", stderr, "ras policies [show ID]")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) == 0:
		for _, id := range policies.IDs() {
			p, err := policies.Load(id)
			if err != nil {
				return err
			}
			prices := "prices published"
			if !p.Prices.Published {
				prices = "prices not published"
			}
			fmt.Fprintf(stdout, "%-16s %s: %s, %s (%s), %s\n", p.ID, p.Name, p.Council, p.Source.Body, p.Source.Date.Long(), prices)
		}
		return nil
	case len(pos) == 2 && pos[0] == "show":
		p, err := loadPolicy(pos[1])
		if err != nil {
			return err
		}
		writePolicy(stdout, p)
		return nil
	}
	return usagef("usage: ras policies [show ID]")
}

func validate(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("ras validate", stderr, "ras validate FILE...")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("usage: ras validate FILE...: give one or more policy files")
	}
	bad := 0
	for _, name := range pos {
		data, err := readPolicyFile(name)
		if err != nil {
			fmt.Fprintln(stderr, cannotRead(name+": cannot be read", err))
			bad++
			continue
		}
		p, err := engine.ParsePolicy(name, data)
		if err != nil {
			fmt.Fprintln(stderr, err)
			bad++
			continue
		}
		fmt.Fprintf(stdout, "%s: ok: %s (%s), %d Decisions\n", name, p.ID, p.Name, len(p.Decisions))
	}
	if bad > 0 {
		return &reported{fmt.Sprintf("%d of %d policy files have mistakes", bad, len(pos))}
	}
	return nil
}
