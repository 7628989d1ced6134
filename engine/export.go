package engine

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// ResultColumns are the columns of a cohort's results written as CSV.
var ResultColumns = []string{"line", "id", "age", "age_band", "score", "score_band", "eligible",
	"annual_budget", "weekly_budget", "moderation_step", "current_cost", "base_cost", "increase",
	"decrease", "group", "schedule", "error"}

// ResultWriter writes a cohort's per-child results as CSV, one row a child,
// rows with errors included with their message. A cell that a spreadsheet
// would read as a formula (one that begins with =, +, -, @, a tab or a
// carriage return) is written with a leading apostrophe, so a file opened in
// a spreadsheet never runs what a row smuggled in.
type ResultWriter struct {
	w *csv.Writer
}

// NewResultWriter starts a CSV of results on w with its header row.
func NewResultWriter(w io.Writer) (*ResultWriter, error) {
	rw := &ResultWriter{w: csv.NewWriter(w)}
	return rw, rw.w.Write(ResultColumns)
}

// Write writes the row of one child: its result, or the errors of its row.
func (rw *ResultWriter) Write(row Row, r *Result) error {
	return rw.write(resultRecord(row, r))
}

// resultRecord is the row of ResultColumns for one child.
func resultRecord(row Row, r *Result) []string {
	rec := make([]string, len(ResultColumns))
	rec[0] = strconv.Itoa(row.Line)
	rec[1] = row.Fields.ID
	if r == nil {
		if row.Err != nil {
			rec[16] = inRow(row.Err)
		}
		return rec
	}
	rec[2] = strconv.Itoa(r.Age)
	rec[3] = r.AgeBand.ID
	if r.Score != nil {
		rec[4] = strconv.Itoa(*r.Score)
	}
	if r.ScoreBand != nil {
		rec[5] = r.ScoreBand.ID
	}
	rec[6] = strconv.FormatBool(r.Eligible)
	rec[7] = fixed(r.AnnualBudget())
	rec[8] = fixed(r.Weekly())
	if r.Moderation.Flagged {
		rec[9] = strconv.Itoa(r.Moderation.Step)
	}
	if t := r.Transition; t != nil {
		rec[10] = fixed(t.CurrentCost)
		rec[11] = fixed(t.BaseCost)
		rec[12], rec[13] = fixed(zero), fixed(zero)
		if t.Decrease().Sign() < 0 {
			rec[12] = fixed(t.Decrease().Neg())
		} else {
			rec[13] = fixed(t.Decrease())
		}
		rec[14] = t.Group.ID
		parts := make([]string, len(t.Schedule))
		for i, e := range t.Schedule {
			parts[i] = e.From.String() + " " + fixed(e.Amount())
		}
		rec[15] = strings.Join(parts, "; ")
	}
	return rec
}

// Flush writes out what is buffered and reports any error of the writer.
func (rw *ResultWriter) Flush() error {
	rw.w.Flush()
	return rw.w.Error()
}

func (rw *ResultWriter) write(rec []string) error {
	for i, c := range rec {
		rec[i] = SafeCell(c)
	}
	return rw.w.Write(rec)
}

// SafeCell neutralises a spreadsheet formula: a cell that begins with =, +,
// -, @, a tab or a carriage return gets a leading apostrophe. (The results
// themselves never begin so: increases and decreases have columns of their
// own, so no amount is negative.) It is for text, which a row may bring:
// an amount the program worked out, negative or not, is written by Number
// and is never a formula.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// inRow writes a row's error in one line, without the file and line, which
// the row's own columns give.
func inRow(err error) string {
	if es, ok := err.(Errors); ok {
		return es.InRow()
	}
	return err.Error()
}

// Number writes an amount as a spreadsheet reads a number: digits, a point
// and two decimals, a minus sign where it is negative, no £ and no commas
// ("13572.00", "-1428.00"). A cell of Number's is not passed to SafeCell: it
// is a number, not a formula, and an apostrophe would make it text.
func Number(m Money) string { return fixed(m) }

// ComparisonColumns are the columns of a cohort's per-child comparison
// written as CSV: the child, its allocation under the published policy and
// under the scenario and the difference (scenario less published), then the
// rest of its result under the scenario as ResultColumns has it.
var ComparisonColumns = []string{"line", "id", "age", "age_band", "score", "score_band", "eligible",
	"published_allocation", "scenario_allocation", "difference", "published_weekly", "scenario_weekly",
	"moderation_step", "current_cost", "base_cost", "increase", "decrease", "group", "schedule", "error"}

// ComparisonWriter writes a cohort's per-child comparison as CSV, one row a
// child: the columns of ComparisonColumns. Text a row brought (its id, an
// error) is neutralised as ResultWriter's is; amounts are numbers (Number).
type ComparisonWriter struct {
	w *csv.Writer
}

// NewComparisonWriter starts a CSV of a comparison on w with its header row.
func NewComparisonWriter(w io.Writer) (*ComparisonWriter, error) {
	cw := &ComparisonWriter{w: csv.NewWriter(w)}
	return cw, cw.w.Write(ComparisonColumns)
}

// Write writes one child's row: a, its result under the published policy,
// and b, under the scenario, either nil where that policy rejects the row
// (the error column then says why, the scenario's reason first).
func (cw *ComparisonWriter) Write(row Row, a, b *Result) error {
	side := b
	if side == nil {
		side = a
	}
	r := resultRecord(row, side)
	for i, c := range r {
		r[i] = SafeCell(c) // no amount of a result is negative
	}
	rec := make([]string, 0, len(ComparisonColumns))
	rec = append(rec, r[:7]...)
	var pa, pw, sa, sw, diff string
	if a != nil {
		pa, pw = Number(a.AnnualBudget()), Number(a.Weekly())
	}
	if b != nil {
		sa, sw = Number(b.AnnualBudget()), Number(b.Weekly())
	}
	if a != nil && b != nil {
		diff = Number(b.AnnualBudget().Sub(a.AnnualBudget()))
	}
	rec = append(rec, pa, sa, diff, pw, sw)
	rec = append(rec, r[9:]...)
	if b == nil && a != nil && row.Err != nil {
		rec[len(rec)-1] = SafeCell("under the scenario: " + inRow(row.Err))
	}
	return cw.w.Write(rec)
}

// Flush writes out what is buffered and reports any error of the writer.
func (cw *ComparisonWriter) Flush() error {
	cw.w.Flush()
	return cw.w.Error()
}
