package scenario

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/openras/openras/engine"
)

// Source is where a cohort file's bytes are, to read from its start as
// often as needed: under another baseline, or to export.
type Source interface {
	Reader() io.Reader
	Size() int64
}

// Text is a cohort file held in memory: the demonstration cohort, say.
type Text string

// Reader reads the text from its start.
func (t Text) Reader() io.Reader { return strings.NewReader(string(t)) }

// Size is the text's length in bytes.
func (t Text) Size() int64 { return int64(len(t)) }

// MaxRowErrors is how many rows with mistakes a page lists; it counts them all.
const MaxRowErrors = 100

// Cohort is a cohort file read under a baseline policy and held in the tab,
// so that a change to the scenario is compared without reading the file
// again. It lives in the tab's memory only.
type Cohort struct {
	Name      string
	Src       Source
	Synthetic bool
	Held      *engine.HeldCohort
	RowErrs   []string // the first rows with mistakes, as messages
	RowErrN   int      // how many rows have mistakes

	other *engine.HeldCohort // held again under a policy a fit starts from
}

// Open reads the cohort file from its start; read, if not nil, counts the
// bytes read so far.
func (c *Cohort) Open(read *int64) io.Reader {
	return &countingReader{r: c.Src.Reader(), read: read, size: c.Src.Size()}
}

// Row takes a row as the cohort is read: a row's mistakes are kept for the
// page to list.
func (c *Cohort) Row(row engine.Row) {
	if row.Err == nil {
		return
	}
	c.RowErrN++
	if len(c.RowErrs) < MaxRowErrors {
		c.RowErrs = append(c.RowErrs, RowMessage(row.Err))
	}
}

// HeldUnder reports whether the cohort is held under the baseline p; one
// held under another is read again before it is compared.
func (c *Cohort) HeldUnder(p *engine.Policy) bool {
	return c.Held != nil && c.Held.Baseline() == p
}

// Title names a cohort as the pages show it, synthetic where it is.
func (c *Cohort) Title() string {
	if c.Synthetic {
		return c.Name + " (synthetic)"
	}
	return c.Name
}

// Comparing is a held cohort being compared under a scenario, a run of rows
// at a time, so that a page can give the browser its turn between runs.
type Comparing struct {
	cr *engine.Comparer
}

// Compare starts comparing the held cohort under scen.
func (c *Cohort) Compare(scen *engine.Policy) *Comparing {
	return &Comparing{cr: c.Held.Comparer(scen)}
}

// Total is the number of rows to compare.
func (c *Comparing) Total() int { return c.cr.Total() }

// Step compares up to n more rows and reports whether every row is done.
func (c *Comparing) Step(n int) bool { return c.cr.Step(n) }

// Result is the comparison, once every row is done.
func (c *Comparing) Result() Comparison {
	errs, n := c.cr.Errors()
	res := Comparison{Cmp: c.cr.Comparison(), RowErrN: n}
	for _, e := range errs {
		res.RowErrs = append(res.RowErrs, RowMessage(e))
	}
	return res
}

// Comparison is a held cohort compared under a scenario, with the rows the
// scenario alone rejects.
type Comparison struct {
	Cmp     *engine.Comparison
	RowErrs []string
	RowErrN int
}

// Runs keeps track of the comparisons begun as a scenario changes: a change
// begins a new one, and the figures of one a newer change overtook are
// dropped.
type Runs struct {
	gen    int
	Busy   bool          // a comparison is under way
	Result *Comparison   // the newest comparison's; nil before one is done
	Took   time.Duration // from the change to its figures
	Shown  int           // how many comparisons have been shown
}

// Begin begins a comparison; current reports whether it is still the newest.
func (r *Runs) Begin() (current func() bool) {
	r.gen++
	r.Busy = true
	gen := r.gen
	return func() bool { return r.gen == gen }
}

// Stop drops any comparison under way: its figures will not be shown.
func (r *Runs) Stop() {
	r.gen++
	r.Busy = false
}

// Done shows a comparison's figures, took after the change that began it.
func (r *Runs) Done(res Comparison, took time.Duration) {
	r.Result, r.Busy, r.Took = &res, false, took
	r.Shown++
}

// ResultsCSV is each child's allocation under the baseline the cohort is
// held under and under scen, their difference and the rest of its result
// under scen, as CSV (engine.ComparisonColumns), the cohort read again from
// its start. Where the file cannot be read to its end, or the CSV cannot be
// written, it is the error, and no part of a file.
func (c *Cohort) ResultsCSV(scen *engine.Policy) (string, error) {
	var b bytes.Buffer
	w, err := engine.NewComparisonWriter(&b)
	if err != nil {
		return "", err
	}
	_, err = engine.CompareCohort(c.Held.Baseline(), scen, c.Name, c.Open(nil), func(row engine.Row, a, r *engine.Result) error {
		return w.Write(row, a, r)
	})
	if err != nil {
		return "", err
	}
	if err := w.Flush(); err != nil {
		return "", err
	}
	return b.String(), nil
}

// Figure is one figure of a comparison, under the baseline and the scenario,
// as the page shows it (Baseline, Scenario) and as a spreadsheet reads it
// (A, B and Diff, numbers with no £ or commas: "13572.00").
type Figure struct {
	Label, Baseline, Scenario string
	A, B, Diff                string
}

// Figures are the summary contract's figures, and the further ones, for both.
func Figures(cmp *engine.Comparison) []Figure {
	a, b := cmp.Baseline, cmp.Scenario
	n := func(label string, x, y int) Figure {
		return Figure{label, strconv.Itoa(x), strconv.Itoa(y), strconv.Itoa(x), strconv.Itoa(y), strconv.Itoa(y - x)}
	}
	m := func(label string, x, y engine.Money) Figure {
		return Figure{label, engine.FormatMoney(x), engine.FormatMoney(y), engine.Number(x), engine.Number(y), engine.Number(y.Sub(x))}
	}
	fs := []Figure{
		n("Children", a.Children, b.Children),
		n("Rows with errors", a.RejectedRows, b.RejectedRows),
		n("Eligible", a.Eligible, b.Eligible),
		m("Total allocation", a.TotalAllocation, b.TotalAllocation),
		n("With a current cost", a.WithCurrentCost, b.WithCurrentCost),
		m("Total base cost", a.TotalBaseCost, b.TotalBaseCost),
		n("Higher than now", a.Higher, b.Higher),
		n("Lower than now", a.Lower, b.Lower),
		n("Unchanged", a.Unchanged, b.Unchanged),
		n("To moderation", a.ModerationFlagged, b.ModerationFlagged),
	}
	for i, g := range a.Groups {
		if i < len(b.Groups) {
			label := "Transition group " + g.Name
			if i < len(a.Policy.Transition.Groups) && a.Policy.Transition.Groups[i].ID == g.Name {
				label += ": " + lowerFirst(a.Policy.Transition.Groups[i].Label)
			}
			fs = append(fs, n(label, g.Count, b.Groups[i].Count))
		}
	}
	for i, s := range a.ModerationByStep {
		if i < len(b.ModerationByStep) {
			fs = append(fs, n("Moderation at the step at "+s.Name, s.Count, b.ModerationByStep[i].Count))
		}
	}
	spend := map[string]engine.Money{}
	for _, y := range b.SpendByYear {
		spend[y.Label()] = y.Spend
	}
	for _, y := range a.SpendByYear {
		fs = append(fs, m("Spend "+y.Label(), y.Spend, spend[y.Label()]))
	}
	if a.Budget != nil && b.Budget != nil {
		fs = append(fs, m(a.Budget.Budget.Label+": spend", a.Budget.Spend, b.Budget.Spend),
			m(a.Budget.Budget.Label+": left (negative: over)", a.Budget.Left, b.Budget.Left))
	}
	return fs
}

// SummaryHeader is the header row of the summary's figures in SummaryCSV.
var SummaryHeader = []string{"figure", "baseline", "scenario", "difference"}

// SummaryCSV is the comparison's figures as a spreadsheet reads them. It
// opens with three rows of two cells saying what it is: "policy" and the
// baseline's name and id; "scenario" and its changes (path: from → to,
// separated by "; "), or "none"; "date" and the day it was made (on,
// YYYY-MM-DD). Then a blank row, the header SummaryHeader, and a row a
// figure: its label, then the baseline's, the scenario's and the
// difference (scenario less baseline), each a number with no £ or commas
// (13572.00; a count is a whole number). Labels are neutralised (SafeCell);
// the numbers are numbers.
func SummaryCSV(cmp *engine.Comparison, changes []engine.Change, on engine.Date) (string, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	p := cmp.Baseline.Policy
	w.Write([]string{"policy", engine.SafeCell(p.Name + " (" + p.ID + ")")})
	w.Write([]string{"scenario", engine.SafeCell(ChangesText(changes))})
	w.Write([]string{"date", on.String()})
	w.Write(nil)
	w.Write(SummaryHeader)
	for _, f := range Figures(cmp) {
		w.Write([]string{engine.SafeCell(f.Label), f.A, f.B, f.Diff})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return "", err
	}
	return b.String(), nil
}

// ChangesText is a scenario's changes in a line: "rates.10-13.200-259:
// 0.75 → 0.80; …", or "none".
func ChangesText(changes []engine.Change) string {
	if len(changes) == 0 {
		return "none"
	}
	parts := make([]string, len(changes))
	for i, c := range changes {
		was, now := TypedOf(c.Was), TypedOf(c.Value)
		if was == "" {
			was = "(none)"
		}
		if now == "" {
			now = "(none)"
		}
		parts[i] = c.Path + ": " + was + " → " + now
	}
	return strings.Join(parts, "; ")
}

// lowerFirst is s with its first letter lower-case, to follow a colon.
func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}

// countingReader counts the bytes read from r.
type countingReader struct {
	r    io.Reader
	read *int64
	size int64
}

// Size is the file's length, which engine.HoldCohortRows makes room by.
func (c *countingReader) Size() int64 { return c.size }

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.read != nil {
		*c.read += int64(n)
	}
	return n, err
}

// FileMessage is a cohort file's mistake as a sentence: "x.xlsx is a
// spreadsheet…", not the command line's "x.xlsx: is a spreadsheet…".
func FileMessage(err error) string {
	var e *engine.Error
	if errors.As(err, &e) {
		return e.Sentence()
	}
	return err.Error()
}

// RowMessage is a row's mistakes as the pages list them: by line, each
// field with its value and what is wrong.
func RowMessage(err error) string {
	var es engine.Errors
	if !errors.As(err, &es) || len(es) == 0 {
		return err.Error()
	}
	return "Line " + strconv.Itoa(es[0].Line) + ": " + es.InRow()
}
