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
	rec := make([]string, len(ResultColumns))
	rec[0] = strconv.Itoa(row.Line)
	rec[1] = row.Fields.ID
	if r == nil {
		if row.Err != nil {
			rec[16] = inRow(row.Err)
		}
		return rw.write(rec)
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
	rec[7] = fixed(r.AnnualBudget)
	rec[8] = fixed(r.Weekly())
	if r.Moderation.Flagged {
		rec[9] = strconv.Itoa(r.Moderation.Step)
	}
	if t := r.Transition; t != nil {
		rec[10] = fixed(t.CurrentCost)
		rec[11] = fixed(t.BaseCost)
		rec[12], rec[13] = fixed(zero), fixed(zero)
		if t.Decrease.Sign() < 0 {
			rec[12] = fixed(t.Decrease.Neg())
		} else {
			rec[13] = fixed(t.Decrease)
		}
		rec[14] = t.Group.ID
		parts := make([]string, len(t.Schedule))
		for i, e := range t.Schedule {
			parts[i] = e.From.String() + " " + fixed(e.Amount)
		}
		rec[15] = strings.Join(parts, "; ")
	}
	return rw.write(rec)
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
// own, so no amount is negative.)
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
