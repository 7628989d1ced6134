package engine_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"unicode"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
	"github.com/shopspring/decimal"
)

// fuzzCohortOutcome is everything EvaluateCohort gives for one input, as text
// that two runs can be compared by.
type fuzzCohortOutcome struct {
	err     string
	summary []byte
	rows    []string
}

// FuzzReadCohort reads arbitrary cohort files under either shipped policy and
// checks that reading never panics, that the same input gives the same answer
// twice, that children and rejected rows add up to the rows visited, that
// every row is either a result or errors about its own line, that every line
// of data is either counted or reported (docs/rules.md, Decision
// one-line-rows), and that every amount of the summary is a non-negative
// string with two decimals.
func FuzzReadCohort(f *testing.F) {
	seeds, err := filepath.Glob(filepath.Join(cohortDir, "test-*.csv"))
	if err != nil || len(seeds) == 0 {
		f.Fatalf("no seeds in %s: %v", cohortDir, err)
	}
	hostile, err := filepath.Glob(filepath.Join(hostileDir, "*.csv"))
	if err != nil || len(hostile) == 0 {
		f.Fatalf("no seeds in %s: %v", hostileDir, err)
	}
	seeds = append(seeds, hostile...)
	for _, text := range []string{
		"id,score,age\nA,180,12\n\"B,180,12\nC,\"1\"80,12\rD,150,6\r\nE,\"\"\n,,\n\"\",\"\"\n",
		"\uFEFF\r\nid,score,age\r\r\"A\"\"\",180,12",
	} {
		f.Add([]byte(text), false)
	}
	for _, path := range seeds {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, false)
		f.Add(data, true)
	}
	traf, roth := cohortPolicy(f, "trafford-2013"), cohortPolicy(f, "rotherham-2017")
	text, err := policies.Text("trafford-2013")
	if err != nil {
		f.Fatal(err)
	}
	if text, err = engine.ApplyChanges(text, []engine.Change{{Path: "rates.10-13.200-259", Value: `"0.80"`}}); err != nil {
		f.Fatal(err)
	}
	if fuzzRateScenario, err = engine.ParsePolicy("scenario.yaml", text); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte, rotherham bool) {
		p := traf
		if rotherham {
			p = roth
		}
		first := fuzzCohortRun(t, p, data)
		second := fuzzCohortRun(t, p, data)
		if first.err != second.err || !bytes.Equal(first.summary, second.summary) || fmt.Sprint(first.rows) != fmt.Sprint(second.rows) {
			t.Fatalf("two runs differ:\n%q %s %q\n%q %s %q", first.err, first.summary, first.rows, second.err, second.summary, second.rows)
		}
		// The cohort held, as the page holds it, compared under a scenario
		// that changes one rate, gives what reading the file gives.
		scen := fuzzRateScenario
		if rotherham {
			scen = p
		}
		h, herr := engine.HoldCohort(p, "fuzz.csv", bytes.NewReader(data), nil)
		want, werr := engine.CompareCohort(p, scen, "fuzz.csv", bytes.NewReader(data), nil)
		if (herr == nil) != (werr == nil) {
			t.Fatalf("HoldCohort error %v, CompareCohort error %v", herr, werr)
		}
		if herr == nil {
			got := h.Compare(scen)
			a, _ := json.Marshal([]engine.Summary{got.Baseline, got.Scenario})
			b, _ := json.Marshal([]engine.Summary{want.Baseline, want.Scenario})
			if !bytes.Equal(a, b) || fmt.Sprint(got.Changed) != fmt.Sprint(want.Changed) {
				t.Fatalf("held and read differ:\n%s %v\n%s %v", a, got.Changed, b, want.Changed)
			}
		}
	})
}

// fuzzRateScenario is Trafford's policy with one rate changed.
var fuzzRateScenario *engine.Policy

func fuzzCohortRun(t *testing.T, p *engine.Policy, data []byte) (out fuzzCohortOutcome) {
	const name = "fuzz.csv"
	var (
		c        *engine.Cohort
		err      error
		results  int
		lastLine int
		visited  = map[int]bool{}
	)
	panicked := func() (v any) {
		defer func() { v = recover() }()
		c, err = engine.EvaluateCohort(p, name, bytes.NewReader(data), func(row engine.Row, res *engine.Result) error {
			if row.Line <= lastLine {
				t.Errorf("row on line %d visited after line %d", row.Line, lastLine)
			}
			lastLine = row.Line
			visited[row.Line] = true
			switch {
			case (row.Err == nil) == (res == nil):
				t.Errorf("line %d: row.Err %v with result %v: want exactly one", row.Line, row.Err, res)
			case row.Err != nil:
				var es engine.Errors
				if !errors.As(row.Err, &es) || len(es) == 0 {
					t.Errorf("line %d: row error %T %q is not engine.Errors", row.Line, row.Err, row.Err)
				}
				for _, e := range es {
					if e.File != name || e.Line != row.Line {
						t.Errorf("line %d: error %q is placed at %s:%d", row.Line, e, e.File, e.Line)
					}
				}
				out.rows = append(out.rows, fmt.Sprintf("%d %s", row.Line, row.Err))
			default:
				results++
				out.rows = append(out.rows, fmt.Sprintf("%d %s", row.Line, res.AnnualBudget().StringFixed(2)))
			}
			return nil
		})
		return nil
	}()
	if panicked != nil {
		t.Fatalf("EvaluateCohort panicked: %v\n%s", panicked, debug.Stack())
	}
	if err != nil {
		var e *engine.Error
		if !errors.As(err, &e) {
			t.Fatalf("error %T %q is not an *engine.Error", err, err)
		}
		out.err = err.Error()
		return out
	}
	s := c.Summary
	if s.Children+s.RejectedRows != len(out.rows) || s.Children != results {
		t.Errorf("children %d + rejected_rows %d, but %d rows visited, %d with a result", s.Children, s.RejectedRows, len(out.rows), results)
	}
	fuzzCheckLines(t, data, visited, s.Children+s.RejectedRows)
	out.summary, err = json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(out.summary))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("summary JSON does not decode: %v\n%s", err, out.summary)
	}
	fuzzCheckAmounts(t, "", v)
	if b, ok := v.(map[string]any)["budget"].(map[string]any); ok {
		amount, _ := decimal.NewFromString(fmt.Sprint(b["amount"]))
		spend, _ := decimal.NewFromString(fmt.Sprint(b["spend"]))
		left, err := decimal.NewFromString(fmt.Sprint(b["left"]))
		if err != nil || !left.Equal(amount.Sub(spend)) {
			t.Errorf("budget.left %v is not amount %v less spend %v", b["left"], b["amount"], b["spend"])
		}
	}
	return out
}

// fuzzCheckLines checks that every line of data, counted here apart from the
// reader, is a child or a row reported: lines end in LF, CRLF or CR; the
// header is the first line that is not empty; a line of spaces and commas
// alone is blank. A line of spaces, commas and quotes may be blank (`"",""`)
// or a bad row (`"`): it may be visited or not. No other line is visited,
// and the lines visited are as many as the children and rejected rows.
func fuzzCheckLines(t *testing.T, data []byte, visited map[int]bool, counted int) {
	t.Helper()
	text := strings.TrimPrefix(string(data), "\uFEFF")
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\n")
	header := 0
	for header < len(lines) && lines[header] == "" {
		header++
	}
	for i := header + 1; i < len(lines); i++ {
		n, line := i+1, lines[i]
		data := strings.TrimFunc(line, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '"' })
		switch {
		case data != "" && !visited[n]:
			t.Errorf("line %d, %.80q, is neither counted nor reported", n, line)
		case line == "" && visited[n]:
			t.Errorf("line %d is empty but was visited", n)
		}
		delete(visited, n)
	}
	for n := range visited {
		t.Errorf("line %d was visited, but is not a line of data (the header is line %d)", n, header+1)
	}
	if counted > len(lines) {
		t.Errorf("%d rows counted from %d lines", counted, len(lines))
	}
}

// fuzzAmountKeys are the keys of the summary JSON whose values are amounts.
// budget.left is a difference, negative when over budget, and checked apart.
var fuzzAmountKeys = map[string]bool{"total_allocation": true, "total_base_cost": true,
	"gains": true, "losses": true, "spend": true, "amount": true}

func fuzzCheckAmounts(t *testing.T, path string, v any) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if fuzzAmountKeys[k] {
				if s, ok := x.(string); !ok || !summaryAmount.MatchString(s) {
					t.Errorf("%s.%s = %v: want a non-negative amount with two decimals", path, k, x)
				}
				continue
			}
			fuzzCheckAmounts(t, path+"."+k, x)
		}
	case []any:
		for i, x := range v {
			fuzzCheckAmounts(t, fmt.Sprintf("%s[%d]", path, i), x)
		}
	}
}
