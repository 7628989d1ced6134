package engine_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// The cohort files of these tests live in testdata/cohorts, named test-*.csv.
// Every amount they expect is worked by hand from the rates of
// policies/trafford-2013.yaml, §6.3: for a score of 150 and over,
// annual = score × rate per point per week × 52; for 100–149 the fixed annual
// offer of the age band; under 100, £0.00. The annual amount of one point is:
//
//	age band   150-199        200-259        260-plus
//	under-5    0.10×52=5.20   0.30×52=15.60  0.50×52=26.00   (100-149: £500.00)
//	5-9        0.20×52=10.40  0.50×52=26.00  0.75×52=39.00   (100-149: £750.00)
//	10-13      0.30×52=15.60  0.75×52=39.00  1.00×52=52.00   (100-149: £1,000.00)
//	14-plus    0.40×52=20.80  1.00×52=52.00  1.30×52=67.60   (100-149: £1,300.00)
var cohortDir = filepath.Join("..", "testdata", "cohorts")

// cohortPolicy loads a shipped policy or stops the test.
func cohortPolicy(t testing.TB, id string) *engine.Policy {
	t.Helper()
	p, err := policies.Load(id)
	if err != nil {
		t.Fatalf("policies.Load(%q): %v", id, err)
	}
	return p
}

// cohortRow is what the visit function of EvaluateCohort saw of one row.
type cohortRow struct {
	Line  int
	RawID string // the id field as read, before any trimming
	Err   error
	Res   *engine.Result
}

// cohortRun evaluates a cohort file's text under p, named name, and returns
// what EvaluateCohort returned with every row it visited, in order.
func cohortRun(t testing.TB, p *engine.Policy, name string, r io.Reader) (*engine.Cohort, []cohortRow, error) {
	t.Helper()
	var rows []cohortRow
	c, err := engine.EvaluateCohort(p, name, r, func(row engine.Row, res *engine.Result) error {
		if (row.Err == nil) == (res == nil) {
			t.Errorf("line %d: visit had row.Err = %v and result %v: exactly one of them should be set", row.Line, row.Err, res)
		}
		if res != nil {
			res = res.Clone() // the reading makes later rows' results in the same memory
		}
		rows = append(rows, cohortRow{Line: row.Line, RawID: row.Fields.ID, Err: row.Err, Res: res})
		return nil
	})
	return c, rows, err
}

// cohortFile reads testdata/cohorts/name.
func cohortFile(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(cohortDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// cohortRunFile evaluates testdata/cohorts/name under p; it must be readable
// as a cohort.
func cohortRunFile(t testing.TB, p *engine.Policy, name string) (*engine.Cohort, []cohortRow) {
	t.Helper()
	c, rows, err := cohortRun(t, p, name, bytes.NewReader(cohortFile(t, name)))
	if err != nil {
		t.Fatalf("EvaluateCohort(%s): %v", name, err)
	}
	return c, rows
}

// cohortRunText evaluates text under p; it must be readable as a cohort.
func cohortRunText(t testing.TB, p *engine.Policy, name, text string) (*engine.Cohort, []cohortRow) {
	t.Helper()
	c, rows, err := cohortRun(t, p, name, strings.NewReader(text))
	if err != nil {
		t.Fatalf("EvaluateCohort(%q): %v", text, err)
	}
	return c, rows
}

// cohortWant is what one row should come to: an annual budget, or an error
// whose text starts with errPrefix.
type cohortWant struct {
	Line      int
	ID        string // the raw id field
	Budget    string // the annual budget, for a good row
	ErrPrefix string // the start of the error, for a rejected row
	ErrHas    string // a further part of the error, for a rejected row
}

func cohortCheckRows(t *testing.T, got []cohortRow, want []cohortWant) {
	t.Helper()
	if len(got) != len(want) {
		for _, r := range got {
			t.Logf("visited line %d id %q err %v", r.Line, r.RawID, r.Err)
		}
		t.Fatalf("visited %d rows, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Line != w.Line || g.RawID != w.ID {
			t.Errorf("row %d: line %d id %q, want line %d id %q", i+1, g.Line, g.RawID, w.Line, w.ID)
		}
		switch {
		case w.ErrPrefix == "" && g.Err != nil:
			t.Errorf("line %d: unexpected error: %v", g.Line, g.Err)
		case w.ErrPrefix == "" && g.Res.AnnualBudget().StringFixed(2) != w.Budget:
			t.Errorf("line %d: annual budget %s, want %s", g.Line, g.Res.AnnualBudget().StringFixed(2), w.Budget)
		case w.ErrPrefix != "" && g.Err == nil:
			t.Errorf("line %d: accepted with budget %s, want an error starting %q", g.Line, g.Res.AnnualBudget().StringFixed(2), w.ErrPrefix)
		case w.ErrPrefix != "" && (!strings.HasPrefix(g.Err.Error(), w.ErrPrefix) || !strings.Contains(g.Err.Error(), w.ErrHas)):
			t.Errorf("line %d: error %q, want it to start %q and contain %q", g.Line, g.Err, w.ErrPrefix, w.ErrHas)
		}
	}
}

// cohortCheckTotals checks the head figures of a summary.
func cohortCheckTotals(t *testing.T, s engine.Summary, children, rejected int, total string) {
	t.Helper()
	if s.Children != children || s.RejectedRows != rejected {
		t.Errorf("children %d, rejected_rows %d; want %d, %d", s.Children, s.RejectedRows, children, rejected)
	}
	if got := s.TotalAllocation.StringFixed(2); got != total {
		t.Errorf("total_allocation %s, want %s", got, total)
	}
}

func TestCohortBOMAndCRLF(t *testing.T) {
	data := cohortFile(t, "test-bom-crlf.csv")
	// The file must keep what it tests: an editor that drops the BOM or the
	// carriage returns would make this test pass for nothing.
	if !bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) || bytes.Count(data, []byte("\r\n")) != 3 {
		t.Fatalf("test-bom-crlf.csv has lost its BOM or its CRLF line ends: %q", data)
	}
	c, rows, err := cohortRun(t, cohortPolicy(t, "trafford-2013"), "test-bom-crlf.csv", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// The BOM sits before "score", a required column: were it kept, the
	// header would miss the score column. The id is the last field of each
	// line, so a carriage return left on a field would show in it.
	cohortCheckRows(t, rows, []cohortWant{
		{Line: 2, ID: "c1", Budget: "2808.00"},  // 180 at age 12: 180 × 15.60
		{Line: 3, ID: "c2", Budget: "10413.00"}, // 267 at age 7: 267 × 39.00 (Example 1)
	})
	if len(c.Warnings) != 0 {
		t.Errorf("warnings %q, want none", c.Warnings)
	}
	// c2's current cost, 10413.00, equals its allocation: group 1, unchanged.
	s := c.Summary
	cohortCheckTotals(t, s, 2, 0, "13221.00") // 2808.00 + 10413.00
	if s.WithCurrentCost != 1 || s.Unchanged != 1 || s.TotalBaseCost.StringFixed(2) != "10413.00" {
		t.Errorf("with_current_cost %d, unchanged %d, total_base_cost %s; want 1, 1, 10413.00",
			s.WithCurrentCost, s.Unchanged, s.TotalBaseCost.StringFixed(2))
	}
}

func TestCohortBOMBeforeQuotedHeader(t *testing.T) {
	// A file saved as "CSV UTF-8" by a tool that quotes every field starts
	// with a BOM and then a quote. The BOM is not part of the CSV.
	c, rows := cohortRunText(t, cohortPolicy(t, "trafford-2013"), "t.csv", "\uFEFF\"id\",score,age\nq1,180,12\n")
	cohortCheckRows(t, rows, []cohortWant{{Line: 2, ID: "q1", Budget: "2808.00"}}) // 180 × 15.60
	cohortCheckTotals(t, c.Summary, 1, 0, "2808.00")
}

func TestCohortQuotedFields(t *testing.T) {
	c, rows := cohortRunFile(t, cohortPolicy(t, "trafford-2013"), "test-quoted.csv")
	cohortCheckRows(t, rows, []cohortWant{
		{Line: 2, ID: `Smith, "Jo"`, Budget: "1560.00"}, // 150 at age 6: 150 × 10.40
		{Line: 3, ID: "plain", Budget: "2808.00"},       // 180 at age 12: 180 × 15.60
		{Line: 4, ID: "multi line", Budget: "750.00"},   // 120 at age 7: the fixed offer
		{Line: 5, ID: "after", Budget: "0.00"},          // 95: under the threshold
	})
	// The quoted amounts keep their commas: "1,552.50" includes the 3.5%
	// contingency, so the base cost is 1552.50 ÷ 1.035 = 1500.00 exactly;
	// "£2,808.00" is 2808.00; "800" is 800.00.
	for i, want := range []string{"1500.00", "2808.00", "800.00"} {
		tr := rows[i].Res.Transition
		if tr == nil {
			t.Errorf("line %d: no transition, want base cost %s", rows[i].Line, want)
			continue
		}
		if got := tr.BaseCost.StringFixed(2); got != want {
			t.Errorf("line %d: base cost %s, want %s", rows[i].Line, got, want)
		}
	}
	// Smith: 1560.00 > 1500.00, higher, group 1. plain: 2808.00 = 2808.00,
	// unchanged, group 1. multi: 800.00 − 750.00 = 50.00 less, group 2.
	s := c.Summary
	cohortCheckTotals(t, s, 4, 0, "5118.00") // 1560 + 2808 + 750 + 0
	if got := s.TotalBaseCost.StringFixed(2); got != "5108.00" {
		t.Errorf("total_base_cost %s, want 5108.00 (1500 + 2808 + 800)", got)
	}
	if s.Higher != 1 || s.Unchanged != 1 || s.Lower != 1 {
		t.Errorf("higher %d, unchanged %d, lower %d; want 1, 1, 1", s.Higher, s.Unchanged, s.Lower)
	}
}

func TestCohortColumnsInAnyOrderAndCase(t *testing.T) {
	c, rows := cohortRunFile(t, cohortPolicy(t, "trafford-2013"), "test-columns.csv")
	// Header: Current_Cost, AGE ,Notes,Score,ID,postcode.
	cohortCheckRows(t, rows, []cohortWant{
		{Line: 2, ID: "k1", Budget: "1000.00"},  // 120 at age 10: the fixed offer
		{Line: 3, ID: "k2", Budget: "20280.00"}, // 300 at age 15: 300 × 67.60
	})
	if tr := rows[0].Res.Transition; tr == nil || tr.BaseCost.StringFixed(2) != "1000.00" {
		t.Errorf("k1: the Current_Cost column was not read as current_cost: transition %+v", tr)
	}
	if rows[1].Res.Transition != nil {
		t.Errorf("k2: an empty current cost gave a transition")
	}
	cohortCheckTotals(t, c.Summary, 2, 0, "21280.00")

	if len(c.Warnings) != 2 {
		t.Fatalf("warnings %q, want one for Notes and one for postcode", c.Warnings)
	}
	for i, col := range []string{"notes", "postcode"} {
		w := c.Warnings[i]
		if !strings.HasPrefix(w, "test-columns.csv:1: ") || !strings.Contains(strings.ToLower(w), `"`+col+`"`) {
			t.Errorf("warning %q should start test-columns.csv:1: and name the column %q", w, col)
		}
	}
}

func TestCohortBadRowsAreReportedAndTheOthersCounted(t *testing.T) {
	c, rows := cohortRunFile(t, cohortPolicy(t, "trafford-2013"), "test-bad-rows.csv")
	cohortCheckRows(t, rows, []cohortWant{
		{Line: 2, ID: "ok1", Budget: "2808.00"}, // 180 at 12: 180 × 15.60
		{Line: 3, ID: "ok2", Budget: "750.00"},  // 120 at 7: the fixed offer
		{Line: 4, ID: "bad3", ErrPrefix: `test-bad-rows.csv:4: score: "abc" `, ErrHas: "not a number"},
		{Line: 5, ID: "ok4", Budget: "20280.00"}, // 300 at 15: 300 × 67.60
		{Line: 6, ID: "bad5", ErrPrefix: `test-bad-rows.csv:6: age: "18" `, ErrHas: "adult services"},
		{Line: 7, ID: "bad6", ErrPrefix: `test-bad-rows.csv:7: age: `, ErrHas: "missing"},
	})
	s := c.Summary
	cohortCheckTotals(t, s, 3, 3, "23838.00") // 2808 + 750 + 20280
	// ok4 alone has a current cost: 20000.00 < 20280.00, higher, group 1.
	if s.Eligible != 3 || s.WithCurrentCost != 1 || s.Higher != 1 || s.TotalBaseCost.StringFixed(2) != "20000.00" {
		t.Errorf("eligible %d, with_current_cost %d, higher %d, total_base_cost %s; want 3, 1, 1, 20000.00",
			s.Eligible, s.WithCurrentCost, s.Higher, s.TotalBaseCost.StringFixed(2))
	}
}

func TestCohortDuplicateIDs(t *testing.T) {
	c, rows := cohortRunFile(t, cohortPolicy(t, "trafford-2013"), "test-duplicate-ids.csv")
	cohortCheckRows(t, rows, []cohortWant{
		{Line: 2, ID: "d1", Budget: "2808.00"}, // 180 at 12
		{Line: 3, ID: "d2", Budget: "750.00"},  // 120 at 7
		{Line: 4, ID: "d1", ErrPrefix: `test-duplicate-ids.csv:4: id: "d1" `, ErrHas: "line 2"},
		{Line: 5, ID: "d3", Budget: "1560.00"}, // 150 at 6: 150 × 10.40
	})
	cohortCheckTotals(t, c.Summary, 3, 1, "5118.00") // 2808 + 750 + 1560
}

func TestCohortDuplicateIDsWithSpaces(t *testing.T) {
	c, rows := cohortRunText(t, cohortPolicy(t, "trafford-2013"), "t.csv", "id,score,age\nd1,180,12\n d1 ,120,7\n")
	cohortCheckRows(t, rows, []cohortWant{
		{Line: 2, ID: "d1", Budget: "2808.00"},
		{Line: 3, ID: "d1", ErrPrefix: "t.csv:3: id: ", ErrHas: "line 2"}, // fields are trimmed
	})
	cohortCheckTotals(t, c.Summary, 1, 1, "2808.00")
}

func TestCohortIDOfSpacesIsMissing(t *testing.T) {
	c, rows := cohortRunText(t, cohortPolicy(t, "trafford-2013"), "t.csv", "id,score,age\n   ,150,6\n")
	cohortCheckRows(t, rows, []cohortWant{{Line: 2, ID: "", ErrPrefix: "t.csv:2: id: ", ErrHas: "missing"}})
	cohortCheckTotals(t, c.Summary, 0, 1, "0.00")
}

func TestCohortBlankLinesAreSkipped(t *testing.T) {
	// Line 2 is empty, line 4 holds three spaces, line 6 is empty.
	c, rows := cohortRunFile(t, cohortPolicy(t, "trafford-2013"), "test-blank-lines.csv")
	cohortCheckRows(t, rows, []cohortWant{
		{Line: 3, ID: "b1", Budget: "2808.00"}, // 180 at 12
		{Line: 5, ID: "b2", Budget: "750.00"},  // 120 at 7
	})
	cohortCheckTotals(t, c.Summary, 2, 0, "3558.00")
}

func TestCohortRowWithTooFewFields(t *testing.T) {
	c, rows := cohortRunFile(t, cohortPolicy(t, "trafford-2013"), "test-too-few-fields.csv")
	cohortCheckRows(t, rows, []cohortWant{
		{Line: 2, ID: "f1", Budget: "2808.00"},
		{Line: 3, ID: "f2", ErrPrefix: "test-too-few-fields.csv:3: ", ErrHas: "age"},
		{Line: 4, ID: "f3", Budget: "1560.00"},
	})
	cohortCheckTotals(t, c.Summary, 2, 1, "4368.00") // 2808 + 1560
}

func TestCohortRowWithTooManyFields(t *testing.T) {
	// Line 3 writes 15,000.00 without quotes: five fields under a header of
	// four. Read by position it is a base cost of £15.00, which is wrong.
	c, rows := cohortRunFile(t, cohortPolicy(t, "trafford-2013"), "test-too-many-fields.csv")
	cohortCheckRows(t, rows, []cohortWant{
		{Line: 2, ID: "m1", Budget: "2808.00"},
		{Line: 3, ID: "m2", ErrPrefix: "test-too-many-fields.csv:3: ", ErrHas: "field"},
		{Line: 4, ID: "m3", Budget: "1560.00"},
	})
	cohortCheckTotals(t, c.Summary, 2, 1, "4368.00")
	if got := c.Summary.TotalBaseCost.StringFixed(2); got != "4368.00" { // 2808.00 + 1560.00
		t.Errorf("total_base_cost %s, want 4368.00", got)
	}
}

func TestCohortBadQuote(t *testing.T) {
	c, rows := cohortRunFile(t, cohortPolicy(t, "trafford-2013"), "test-bad-quote.csv")
	// A parse error leaves no fields, so the raw id of lines 3 and 4 is empty.
	cohortCheckRows(t, rows, []cohortWant{
		{Line: 2, ID: "q1", Budget: "2808.00"},
		{Line: 3, ErrPrefix: "test-bad-quote.csv:3: ", ErrHas: "not a well-formed CSV row"}, // q2,"1"80,12
		{Line: 4, ErrPrefix: "test-bad-quote.csv:4: ", ErrHas: "not a well-formed CSV row"}, // q3,1"20,7
		{Line: 5, ID: "q4", Budget: "1560.00"},
	})
	cohortCheckTotals(t, c.Summary, 2, 2, "4368.00") // 2808 + 1560
}

func TestCohortUnterminatedQuote(t *testing.T) {
	// The quote opened on line 3 is not closed on its line: no field holds a
	// line break (Decision one-line-rows), so line 3 is one bad row, and
	// line 4 is read as the row it is.
	c, rows := cohortRunText(t, cohortPolicy(t, "trafford-2013"), "t.csv", "id,score,age\nq1,180,12\nq2,\"180,12\nq3,120,7\n")
	cohortCheckRows(t, rows, []cohortWant{
		{Line: 2, ID: "q1", Budget: "2808.00"},
		{Line: 3, ErrPrefix: "t.csv:3: is not a well-formed CSV row: the quote that opens field 2 is not closed on its line"},
		{Line: 4, ID: "q3", Budget: "750.00"}, // 120 at age 7: the fixed offer
	})
	cohortCheckTotals(t, c.Summary, 2, 1, "3558.00") // 2808 + 750
}

func TestCohortBadQuoteInFirstField(t *testing.T) {
	for _, text := range []string{"id,score,age\n\"q\"x,180,12\nq2,120,7\n", "id,score,age\nq\"x,180,12\nq2,120,7\n"} {
		c, rows := cohortRunText(t, cohortPolicy(t, "trafford-2013"), "t.csv", text)
		cohortCheckRows(t, rows, []cohortWant{
			{Line: 2, ErrPrefix: "t.csv:2: ", ErrHas: "not a well-formed CSV row"},
			{Line: 3, ID: "q2", Budget: "750.00"},
		})
		cohortCheckTotals(t, c.Summary, 1, 1, "750.00")
	}
}

func TestCohortRequiredColumnsHaveAlternatives(t *testing.T) {
	// allocation stands for score and date_of_birth for age.
	c, rows := cohortRunText(t, cohortPolicy(t, "trafford-2013"), "t.csv",
		"id,allocation,date_of_birth\nx1,2500.00,2005-06-01\n")
	cohortCheckRows(t, rows, []cohortWant{{Line: 2, ID: "x1", Budget: "2500.00"}})
	if got := rows[0].Res.Age; got != 7 { // on 1 April 2013, the default date, before the birthday on 1 June
		t.Errorf("age %d, want 7", got)
	}
	cohortCheckTotals(t, c.Summary, 1, 0, "2500.00")
}

// binaryFile is 4 KiB of random bytes from a fixed seed, with NULs in it.
func binaryFile() []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 4096)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	b[10], b[100] = 0, 0
	return b
}

func TestCohortFileErrors(t *testing.T) {
	tests := []struct {
		name string
		text string
		line int      // the line the error names, or 0
		has  []string // parts of the message
		not  []string // what the message must not say
	}{
		{name: "empty", text: "", has: []string{"is empty", "header"}},
		{name: "header only", text: "id,score,age\n", has: []string{"no rows"}},
		{name: "header only, CRLF and blank lines", text: "id,score,age\r\n\r\n  \r\n", has: []string{"no rows"}},
		{name: "no id", text: "score,age\n180,12\n", line: 1, has: []string{"missing the column id"}},
		{name: "no score or allocation", text: "id,age\nx,12\n", line: 1, has: []string{"missing the column score", "allocation"}},
		{name: "no age or date_of_birth", text: "id,score\nx,180\n", line: 1, has: []string{"missing the column age", "date_of_birth"}},
		{name: "duplicate column", text: "id,score,age,score\nx,180,12,181\n", line: 1, has: []string{"score", "twice"}},
		{name: "duplicate column, other case", text: "id,Score,age,SCORE\nx,180,12,181\n", line: 1, has: []string{"score", "twice"}},
		{name: "unnamed column", text: "id,,score,age\nx,,180,12\n", line: 1, has: []string{"column 2", "no name"}},
		{name: "binary", text: string(binaryFile()), has: []string{"not a CSV text file"}, not: []string{"\x00"}},
		{name: "xlsx", text: "PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml", has: []string{"spreadsheet", "CSV"}, not: []string{"\x00"}},
		{name: "2 MiB line without a break", text: strings.Repeat("a", 2<<20), line: 1, has: []string{"line longer than"}},
		{name: "2 MiB header after a blank line", text: "\n" + strings.Repeat("a", 2<<20) + "\nq2,120,7\n", line: 2, has: []string{"line longer than"}},
		{name: "a quote left open in the header", text: "id,\"score,age\nq1,180,12\n", line: 1, has: []string{"not a well-formed CSV file", "not closed on its line"}},
		{name: "an escape code in the header", text: "id,\x1b[31mscore\x1b[0m,age\nA,180,12\n", line: 1,
			has: []string{"missing the column score", `"\x1b[31mscore\x1b[0m"`}, not: []string{"\x1b"}},
	}
	p := cohortPolicy(t, "trafford-2013")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, rows, err := cohortRun(t, p, "cohort.csv", strings.NewReader(tt.text))
			if err == nil {
				t.Fatalf("no error; summary %+v after %d rows", c.Summary, len(rows))
			}
			var e *engine.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T %q is not an *engine.Error", err, err)
			}
			if e.File != "cohort.csv" || e.Line != tt.line {
				t.Errorf("error at %s:%d, want cohort.csv:%d (%q)", e.File, e.Line, tt.line, err)
			}
			msg := err.Error()
			for _, h := range tt.has {
				if !strings.Contains(msg, h) {
					t.Errorf("error %q does not say %q", msg, h)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(msg, n) {
					t.Errorf("error %q contains %q", msg, n)
				}
			}
			if len(msg) > 400 {
				t.Errorf("error is %d bytes long: %.400q", len(msg), msg)
			}
		})
	}
}

func TestCohortMillionCharacterField(t *testing.T) {
	million := strings.Repeat("9", 1_000_000)
	text := "id,score,age\n" +
		"big-score," + million + ",12\n" +
		strings.Repeat("z", 1_000_000) + ",120,7\n" +
		"ok,180,12\n"
	c, rows := cohortRunText(t, cohortPolicy(t, "trafford-2013"), "t.csv", text)
	if len(rows) != 3 {
		t.Fatalf("visited %d rows, want 3", len(rows))
	}
	for i, field := range []string{"score", "id"} {
		r := rows[i]
		if r.Err == nil {
			t.Errorf("line %d: a %s of a million characters was accepted", r.Line, field)
			continue
		}
		msg := r.Err.Error()
		if !strings.Contains(msg, field+": ") || !strings.Contains(msg, "too long") {
			t.Errorf("line %d: error %.300q should say the %s is too long", r.Line, msg, field)
		}
		if len(msg) > 400 {
			t.Errorf("line %d: error of %d bytes echoes the field", r.Line, len(msg))
		}
	}
	if rows[2].Err != nil || rows[2].Res.AnnualBudget().StringFixed(2) != "2808.00" {
		t.Errorf("line 4 should be counted at 2808.00 (180 × 15.60): %+v", rows[2])
	}
	cohortCheckTotals(t, c.Summary, 1, 2, "2808.00")
}

// endlessA supplies up to limit bytes of 'a', made on demand, and counts them.
type endlessA struct{ read, limit int }

func (r *endlessA) Read(p []byte) (int, error) {
	if r.read >= r.limit {
		return 0, io.EOF
	}
	n := min(len(p), r.limit-r.read)
	for i := range p[:n] {
		p[i] = 'a'
	}
	r.read += n
	return n, nil
}

func TestCohortLongLineIsNotReadWhole(t *testing.T) {
	const hundredMiB = 100 << 20
	r := &endlessA{limit: hundredMiB}
	_, rows, err := cohortRun(t, cohortPolicy(t, "trafford-2013"), "t.csv", r)
	var e *engine.Error
	if !errors.As(err, &e) || !strings.Contains(err.Error(), "line longer than") {
		t.Fatalf("error %v after %d rows, want an *engine.Error about the line's length", err, len(rows))
	}
	// A line is at most 1 MiB; a little more is read ahead in buffers. Far
	// from the 100 MiB on offer.
	if r.read > 4<<20 {
		t.Errorf("read %d bytes before giving up on a line without breaks; want under 4 MiB", r.read)
	}
}

func TestCohortReader(t *testing.T) {
	cr, err := engine.NewCohortReader("t.csv", strings.NewReader("ID,score,age,extra\nr1,180,12,x\n\nr2,abc,7,y\n"))
	if err != nil {
		t.Fatal(err)
	}
	if w := cr.Warnings(); len(w) != 1 || !strings.Contains(w[0], `"extra"`) {
		t.Errorf("warnings %q, want one naming extra", w)
	}
	r1, err := cr.Next()
	if err != nil || r1.Err != nil || r1.Line != 2 || r1.Case.ID != "r1" || r1.Case.Score == nil || *r1.Case.Score != 180 {
		t.Fatalf("first row: %+v, %v; want line 2, id r1, score 180", r1, err)
	}
	r2, err := cr.Next()
	if err != nil || r2.Line != 4 || r2.Err == nil || !strings.HasPrefix(r2.Err.Error(), `t.csv:4: score: "abc" `) {
		t.Fatalf("second row: line %d, err %v, %v; want line 4 with a score error", r2.Line, r2.Err, err)
	}
	for i := 0; i < 2; i++ {
		if _, err := cr.Next(); err != io.EOF {
			t.Fatalf("Next after the last row: %v, want io.EOF", err)
		}
	}

	// A header and no rows: an *Error, then io.EOF.
	cr, err = engine.NewCohortReader("h.csv", strings.NewReader("id,score,age\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = cr.Next()
	var e *engine.Error
	if !errors.As(err, &e) || !strings.Contains(err.Error(), "no rows") {
		t.Errorf("Next on a header-only file: %v, want an *engine.Error saying there are no rows", err)
	}
	if _, err := cr.Next(); err != io.EOF {
		t.Errorf("Next after the error: %v, want io.EOF", err)
	}
}

func TestEvaluateCohortVisitErrorStops(t *testing.T) {
	stop := errors.New("stop")
	calls := 0
	c, err := engine.EvaluateCohort(cohortPolicy(t, "trafford-2013"), "t.csv",
		strings.NewReader("id,score,age\na,180,12\nb,120,7\nc,150,6\n"),
		func(engine.Row, *engine.Result) error { calls++; return stop })
	if !errors.Is(err, stop) || c != nil {
		t.Errorf("EvaluateCohort = %v, %v; want nil and the visit's error", c, err)
	}
	if calls != 1 {
		t.Errorf("visit called %d times after returning an error, want 1", calls)
	}
}

// Hostile cohort files (docs/rules.md, "The cohort file", Decision
// one-line-rows): every line is a row, read or reported, whatever its
// quotes, its length or its line ending.

var hostileDir = filepath.Join("..", "testdata", "hostile")

func TestCohortUnclosedQuoteIsOneBadRow(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(hostileDir, "unclosed-quote.csv"))
	if err != nil {
		t.Fatal(err)
	}
	c, rows, err := cohortRun(t, cohortPolicy(t, "trafford-2013"), "unclosed-quote.csv", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	// Rows A, B, "C, D, E on lines 2 to 6; each good row is 180 points at
	// 12: 180 × 15.60 = 2808.00.
	cohortCheckRows(t, rows, []cohortWant{
		{Line: 2, ID: "A", Budget: "2808.00"},
		{Line: 3, ID: "B", Budget: "2808.00"},
		{Line: 4, ErrPrefix: "unclosed-quote.csv:4: is not a well-formed CSV row: the quote that opens field 1 is not closed on its line"},
		{Line: 5, ID: "D", Budget: "2808.00"},
		{Line: 6, ID: "E", Budget: "2808.00"},
	})
	cohortCheckTotals(t, c.Summary, 4, 1, "11232.00") // 4 × 2808.00
	if es := engine.Errors(nil); !errors.As(rows[2].Err, &es) || len(es) != 1 || es[0].Kind != engine.KindBadRow {
		t.Errorf("line 4: error %#v, want one of kind bad-row", rows[2].Err)
	}
}

func TestCohortLineBreakInQuotes(t *testing.T) {
	// What test-quoted.csv held before one-line-rows: a field in quotes
	// across two lines. Line 4 leaves its quote open, and line 5 has a quote
	// in a field not in quotes: two bad rows, and the rows around them read.
	text := "id,score,age,current_cost,includes_contingency\n" +
		"\"Smith, \"\"Jo\"\"\",150,6,\"1,552.50\",true\n" +
		"\"plain\",180,12,\"£2,808.00\",\n" +
		"\"multi\n" +
		"line\",120,7,\"800\",no\n" +
		"after,95,3,,\n"
	c, rows := cohortRunText(t, cohortPolicy(t, "trafford-2013"), "t.csv", text)
	cohortCheckRows(t, rows, []cohortWant{
		{Line: 2, ID: `Smith, "Jo"`, Budget: "1560.00"}, // 150 at age 6: 150 × 10.40
		{Line: 3, ID: "plain", Budget: "2808.00"},       // 180 at age 12: 180 × 15.60
		{Line: 4, ErrPrefix: "t.csv:4: is not a well-formed CSV row: the quote that opens field 1 is not closed on its line"},
		{Line: 5, ErrPrefix: "t.csv:5: is not a well-formed CSV row: ", ErrHas: `bare "`},
		{Line: 6, ID: "after", Budget: "0.00"}, // 95: under the threshold
	})
	cohortCheckTotals(t, c.Summary, 3, 2, "4368.00") // 1560 + 2808 + 0
}

func TestCohortLongRowIsABadRow(t *testing.T) {
	// A row of 2 MiB is longer than any row can be: a mistake in that row,
	// and the row after it is read.
	text := "id,score,age\nq1,180,12\n" + strings.Repeat("a", 2<<20) + "\nq2,120,7\n"
	c, rows := cohortRunText(t, cohortPolicy(t, "trafford-2013"), "t.csv", text)
	cohortCheckRows(t, rows, []cohortWant{
		{Line: 2, ID: "q1", Budget: "2808.00"}, // 180 × 15.60
		{Line: 3, ErrPrefix: "t.csv:3: is longer than 1048576 bytes, which cannot be a cohort row"},
		{Line: 4, ID: "q2", Budget: "750.00"}, // 120 at 7: the fixed offer
	})
	cohortCheckTotals(t, c.Summary, 2, 1, "3558.00")
	if len(rows[1].Err.Error()) > 200 {
		t.Errorf("the message repeats the line: %.200q", rows[1].Err)
	}
}

func TestCohortLineEndings(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(hostileDir, "cr-only.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.IndexByte(data, '\n') >= 0 || bytes.Count(data, []byte("\r")) != 3 {
		t.Fatalf("cr-only.csv has lost its CR line ends: %q", data)
	}
	for _, tt := range []struct {
		name, text string
		want       []cohortWant
		total      string
	}{
		// A: 180 at 12, 180 × 15.60; B: 120 at 7, the fixed 750.00.
		{"CR alone", string(data), []cohortWant{{Line: 2, ID: "A", Budget: "2808.00"}, {Line: 3, ID: "B", Budget: "750.00"}}, "3558.00"},
		// Every ending in one file, a blank CR line and a BOM, and no
		// ending after the last row. C: 150 at 6, 150 × 10.40.
		{"mixed", "\uFEFFid,score,age\r\nA,180,12\rB,120,7\n\rC,150,6",
			[]cohortWant{{Line: 2, ID: "A", Budget: "2808.00"}, {Line: 3, ID: "B", Budget: "750.00"}, {Line: 5, ID: "C", Budget: "1560.00"}}, "5118.00"},
		// A CR inside quotes ends the line, as any line break does.
		{"CR in quotes", "id,score,age\r\"A\rB\",180,12\rC,120,7\r",
			[]cohortWant{{Line: 2, ErrPrefix: "t.csv:2: ", ErrHas: "not closed on its line"}, {Line: 3, ErrPrefix: "t.csv:3: ", ErrHas: `bare "`}, {Line: 4, ID: "C", Budget: "750.00"}}, "750.00"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, rows := cohortRunText(t, cohortPolicy(t, "trafford-2013"), "t.csv", tt.text)
			cohortCheckRows(t, rows, tt.want)
		})
	}
}

func TestCohortColumnNearMisses(t *testing.T) {
	// curent_cost is one letter from current_cost: ignored, with the column
	// it was likely meant to be. "Current cost" and "Date-of-birth" are
	// current_cost and date_of_birth written as people write them: read as
	// those, and told. "sex" is two letters from age, too far for a name of
	// three: ignored without a guess.
	text := "id,score,Date-of-birth,Current cost,curent_cost,sex\n" +
		"k1,180,2000-08-20,3000,9999,f\n"
	c, rows := cohortRunText(t, cohortPolicy(t, "trafford-2013"), "t.csv", text)
	// 180 at 12 on 1 April 2013, born 20 August 2000: 180 × 15.60 = 2808.00.
	cohortCheckRows(t, rows, []cohortWant{{Line: 2, ID: "k1", Budget: "2808.00"}})
	if tr := rows[0].Res.Transition; tr == nil || tr.BaseCost.StringFixed(2) != "3000.00" {
		t.Errorf("Current cost was not read as current_cost: transition %+v", tr)
	}
	want := []string{
		`t.csv:1: column "Date-of-birth" is read as date_of_birth`,
		`t.csv:1: column "Current cost" is read as current_cost`,
		`t.csv:1: column "curent_cost" is not a cohort column and is ignored: did you mean current_cost?`,
		`t.csv:1: column "sex" is not a cohort column and is ignored (the columns are id, score, age, `,
	}
	if len(c.Warnings) != len(want) {
		t.Fatalf("warnings %q, want %d", c.Warnings, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(c.Warnings[i], w) {
			t.Errorf("warning %q, want it to start %q", c.Warnings[i], w)
		}
	}

	// Read as current_cost and named so too, the column is given twice.
	_, _, err := cohortRun(t, cohortPolicy(t, "trafford-2013"), "t.csv", strings.NewReader("id,score,age,current_cost,Current Cost\nk1,180,12,1,2\n"))
	if err == nil || !strings.Contains(err.Error(), "the column current_cost is given twice") {
		t.Errorf("error %v, want current_cost given twice", err)
	}

	// A column with an escape code is named escaped in its warning.
	c, _ = cohortRunText(t, cohortPolicy(t, "trafford-2013"), "t.csv", "id,score,age,\x1b[2Jnote\nk1,180,12,x\n")
	if len(c.Warnings) != 1 || strings.ContainsRune(c.Warnings[0], 0x1b) || !strings.Contains(c.Warnings[0], `"\x1b[2Jnote"`) {
		t.Errorf("warnings %q, want one naming the column with its escape code escaped", c.Warnings)
	}
}

// repeated supplies n bytes of b, made on demand: part of a file of any
// size that is never held in memory.
type repeated struct {
	b byte
	n int
}

func (r *repeated) Read(p []byte) (int, error) {
	if r.n == 0 {
		return 0, io.EOF
	}
	k := min(len(p), r.n)
	for i := range p[:k] {
		p[i] = r.b
	}
	r.n -= k
	return k, nil
}

func TestCohortMemoryIsBoundedWhateverTheLines(t *testing.T) {
	// A file of 50 MB: a header and row A; a line of 40 MB; row B; ten
	// million empty lines; row C. The long line is one bad row, passed
	// over without being held: the reading allocates a few megabytes (a
	// line of at most 1 MiB, in a buffer that doubles as it grows, and the
	// reader's 64 KiB), whatever the file's size.
	const longLine, blanks = 40 << 20, 10_000_000
	p := cohortPolicy(t, "trafford-2013")
	file := io.MultiReader(
		strings.NewReader("id,score,age\nA,180,12\n"),
		&repeated{'x', longLine},
		strings.NewReader("\nB,120,7\n"),
		&repeated{'\n', blanks},
		strings.NewReader("C,150,6\n"),
	)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c, rows, err := cohortRun(t, p, "big.csv", file)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	cohortCheckRows(t, rows, []cohortWant{
		{Line: 2, ID: "A", Budget: "2808.00"}, // 180 at 12: 180 × 15.60
		{Line: 3, ErrPrefix: "big.csv:3: is longer than 1048576 bytes"},
		{Line: 4, ID: "B", Budget: "750.00"},           // 120 at 7: the fixed offer
		{Line: 5 + blanks, ID: "C", Budget: "1560.00"}, // 150 at 6: 150 × 10.40
	})
	cohortCheckTotals(t, c.Summary, 3, 1, "5118.00")
	const bound = 16 << 20
	if n := after.TotalAlloc - before.TotalAlloc; n > bound {
		t.Errorf("reading a file of 50 MB allocated %d bytes, more than %d", n, bound)
	}
}

// resultPrint is what a test compares of two results: the budget, the
// plan's schedule, the notice and the reviews.
func resultPrint(r *engine.Result) string {
	s := fmt.Sprintf("%s %d %s", r.ID, r.Age, r.AnnualBudget().StringFixed(2))
	if t := r.Transition; t != nil {
		s += " base " + t.BaseCost.StringFixed(2) + " decrease " + t.Decrease().StringFixed(2)
		for _, e := range t.Schedule {
			s += fmt.Sprintf(" [%s %s %s]", e.From, e.Amount().StringFixed(2), e.Reason)
		}
	}
	if n := r.Notice; n != nil {
		s += fmt.Sprintf(" notice %s %s %d", n.GivenOn, n.TakesEffect, n.Months)
	}
	return s + fmt.Sprint(" reviews ", r.Reviews)
}

// A cohort makes each row's result in memory an earlier row used: a visit
// sees the result Evaluate gives, and a Clone kept past the visit stays it
// after many batches of later rows, on one goroutine or several.
func TestCohortResultsReusedAndCloned(t *testing.T) {
	p := cohortPolicy(t, "trafford-2013")
	var b strings.Builder
	b.WriteString("id,score,date_of_birth,assessed_on,current_cost,includes_contingency\n")
	for i := range 2000 {
		cost := ""
		if i%3 != 0 {
			cost = fmt.Sprintf("%d.%02d", 1000+i*11%24000, i%100)
		}
		fmt.Fprintf(&b, "c%d,%d,%d-%02d-%02d,2013-04-01,%s,%t\n", i, 60+i*7%260, 1996+i%17, 1+i%12, 1+i%28, cost, cost != "" && i%10 == 1)
	}
	for _, procs := range []int{1, 2} {
		t.Run(fmt.Sprint("procs=", procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			var kept []*engine.Result
			var want []string
			_, err := engine.EvaluateCohort(p, "reuse.csv", strings.NewReader(b.String()), func(row engine.Row, res *engine.Result) error {
				if res == nil {
					t.Fatalf("line %d: %v", row.Line, row.Err)
				}
				w, err := engine.Evaluate(p, row.Case)
				if err != nil {
					t.Fatal(err)
				}
				if got := resultPrint(res); got != resultPrint(w) {
					t.Errorf("line %d: visited %s, want %s", row.Line, got, resultPrint(w))
				}
				kept, want = append(kept, res.Clone()), append(want, resultPrint(w))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range kept {
				if got := resultPrint(r); got != want[i] {
					t.Errorf("row %d kept as %s, want %s", i, got, want[i])
				}
			}
		})
	}
}
