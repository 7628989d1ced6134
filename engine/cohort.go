package engine

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"iter"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"
)

// The cohort file is a CSV file with a header row and one child a row; its
// columns are named as the fields of a case (see Fields), in any order.
// Columns it does not know are ignored with a warning.

// Columns lists the columns a cohort file may have, in the usual order.
var Columns = []string{FieldID, FieldScore, FieldAge, FieldDateOfBirth, FieldAssessedOn,
	FieldCurrentCost, FieldIncludesContingency, FieldAllocation}

// maxLine bounds one line of a cohort file: a row of real values is a few
// hundred bytes, so a longer line is not a cohort row.
const maxLine = 1 << 20

// Row is one child's row of a cohort file: its line, its fields, and the case
// they make or the errors that stop them making one.
type Row struct {
	Line   int // the line of the file the row starts on
	Fields Fields
	Case   Case
	Err    error // Errors for this row; nil when Case is good

	malformed bool // the row's fields could not be told apart
}

// CohortReader reads a cohort file a row at a time, so that a file of any
// length is read in the same memory.
type CohortReader struct {
	name     string
	csv      *csv.Reader
	limit    *lineLimit
	col      map[string]int // column name to index
	warnings []string
	rows     int
	// seen holds a 64-bit hash of each id with the line it was first on: a
	// few bytes a row rather than the ids themselves. Two different ids
	// share a hash with a chance of about one in 10^8 in a file of 500,000
	// rows; the message names both lines, so such a clash can be checked.
	seen   map[uint64]int32
	seed   maphash.Seed
	done   bool
	width  int    // the number of columns of the header
	header string // the header, to quote in messages
}

// NewCohortReader reads the header of the cohort file r, named name in
// messages. An empty file, a file that is not text, a header without the
// required columns or with a column twice is an *Error.
func NewCohortReader(name string, r io.Reader) (*CohortReader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if bom, _ := br.Peek(3); bytes.Equal(bom, utf8BOM) {
		br.Discard(3) // a spreadsheet's "CSV UTF-8" starts so
	}
	head, _ := br.Peek(8 << 10)
	fail := func(line int, kind ErrorKind, msg string) (*CohortReader, error) {
		return nil, &Error{File: name, Line: line, Kind: kind, Msg: msg}
	}
	switch {
	case len(head) == 0:
		return fail(0, KindEmpty, "is empty: a cohort file starts with a header row naming its columns, like "+strings.Join(Columns, ","))
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return fail(0, KindNotFile, "is a spreadsheet (.xlsx or .ods), not a CSV file: save it as \"CSV UTF-8\" and try again")
	case bytes.IndexByte(head, 0) >= 0 || !utf8.Valid(trimPartialRune(head)):
		return fail(0, KindNotText, "is not a CSV text file: save it as \"CSV UTF-8\" and try again")
	}
	limit := &lineLimit{r: br, line: 1}
	cr := &CohortReader{name: name, limit: limit, col: map[string]int{}, seen: map[uint64]int32{}, seed: maphash.MakeSeed()}
	cr.csv = csv.NewReader(limit)
	cr.csv.FieldsPerRecord = -1
	cr.csv.ReuseRecord = true
	header, err := cr.csv.Read()
	if err != nil {
		return nil, cr.readError(err)
	}
	cr.width = len(header)
	cr.header = strings.Join(header, ",")
	for i, raw := range header {
		raw = strings.TrimSpace(raw)
		h := strings.ToLower(raw)
		switch {
		case h == "":
			return fail(1, KindMissing, fmt.Sprintf("column %d of the header has no name", i+1))
		case !knownColumn(h):
			cr.warnings = append(cr.warnings, fmt.Sprintf("%s:1: column %q is not a cohort column and is ignored (the columns are %s)", name, shorten(raw), strings.Join(Columns, ", ")))
			continue
		}
		if _, dup := cr.col[h]; dup {
			return fail(1, KindDuplicate, fmt.Sprintf("the column %s is given twice", h))
		}
		cr.col[h] = i
	}
	var missing []string
	if !cr.has(FieldID) {
		missing = append(missing, "id")
	}
	if !cr.has(FieldScore) && !cr.has(FieldAllocation) {
		missing = append(missing, "score (or allocation)")
	}
	if !cr.has(FieldAge) && !cr.has(FieldDateOfBirth) {
		missing = append(missing, "age (or date_of_birth)")
	}
	if len(missing) > 0 {
		return fail(1, KindMissing, "the header is missing the column "+strings.Join(missing, " and the column ")+"; it has "+describeHeader(header))
	}
	return cr, nil
}

var utf8BOM = []byte("\uFEFF")

// blank reports whether every cell of a record is empty.
func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func knownColumn(h string) bool {
	for _, c := range Columns {
		if c == h {
			return true
		}
	}
	return false
}

func describeHeader(h []string) string {
	if len(h) == 0 {
		return "no columns"
	}
	s := strings.Join(h, ", ")
	return shorten(s)
}

// trimPartialRune drops an incomplete UTF-8 sequence cut off at the end of b.
func trimPartialRune(b []byte) []byte {
	for i := 1; i <= 3 && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			break
		}
	}
	return b
}

func (cr *CohortReader) has(col string) bool { _, ok := cr.col[col]; return ok }

// Warnings lists what was ignored, such as columns that are not cohort columns.
func (cr *CohortReader) Warnings() []string { return cr.warnings }

// Next returns the next row. A row with mistakes comes back with Err set, and
// the rows after it are still read. At the end Next returns io.EOF; a file that
// cannot be read on — a line too long to be a row, a file with no rows — gives
// an *Error instead.
func (cr *CohortReader) Next() (Row, error) {
	row, err := cr.next()
	if err == nil {
		cr.finish(&row)
	}
	return row, err
}

// next reads a row's fields and checks what needs the rows before it — the
// field count, the id and whether it is a duplicate — leaving the fields'
// values to finish, which may run on another goroutine.
func (cr *CohortReader) next() (Row, error) {
	if cr.done {
		return Row{}, io.EOF
	}
	for {
		rec, err := cr.csv.Read()
		if err == io.EOF {
			cr.done = true
			if cr.rows == 0 {
				return Row{}, &Error{File: cr.name, Kind: KindEmpty, Msg: "has a header but no rows: add one row for each child"}
			}
			return Row{}, io.EOF
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) && !errors.Is(err, errLineTooLong) {
				cr.rows++
				return Row{Line: pe.StartLine, malformed: true, Err: place(Errors{{Kind: KindBadRow, Msg: "is not a well-formed CSV row: " + pe.Err.Error()}}, cr.name, pe.StartLine)}, nil
			}
			cr.done = true
			return Row{}, cr.readError(err)
		}
		line, _ := cr.csv.FieldPos(0)
		if blank(rec) {
			continue // a blank line, or one of empty cells
		}
		cr.rows++
		row := Row{Line: line, Fields: cr.fields(rec)}
		if len(rec) != cr.width {
			row.malformed = true
			row.Err = place(Errors{{Kind: KindBadRow, Msg: fmt.Sprintf("has %d fields but the header names %d (%s): is a comma missing, or one too many, or a value with a comma not in quotes?", len(rec), cr.width, shorten(cr.header))}}, cr.name, line)
			return row, nil
		}
		id := row.Fields.ID
		h := maphash.String(cr.seed, id)
		switch first, dup := cr.seen[h]; {
		case id == "":
			row.Err = place(Errors{{Field: FieldID, Kind: KindMissing, Msg: "is missing: every row needs an id"}}, cr.name, line)
		case dup:
			row.Err = place(Errors{{Field: FieldID, Value: id, Kind: KindDuplicate, Msg: fmt.Sprintf("is also the id of the row on line %d: each child needs its own id", first)}}, cr.name, line)
		case len(id) <= MaxFieldLength:
			cr.seen[h] = int32(line)
		}
		return row, nil
	}
}

// finish reads the values of a row read by next into its Case, adding their
// mistakes to the row's. It reads nothing of cr but its name, so rows can be
// finished on several goroutines.
func (cr *CohortReader) finish(row *Row) {
	if row.malformed {
		return
	}
	c, err := row.Fields.Case()
	if err == nil && row.Err == nil {
		row.Case = c
		return
	}
	var errs Errors
	if row.Err != nil {
		errs = row.Err.(Errors)
	}
	if err != nil {
		errs = append(errs, err.(Errors)...)
	}
	row.Err = place(errs, cr.name, row.Line)
}

// place puts a row's file and line on its errors, which are made without
// them: the one place a row's error is told where it is. It returns err.
func place(err error, name string, line int) error {
	if es, ok := err.(Errors); ok {
		for _, e := range es {
			e.File, e.Line = name, line
		}
	}
	return err
}

func (cr *CohortReader) fields(rec []string) Fields {
	get := func(col string) string {
		if i, ok := cr.col[col]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	// The record is reused by the next Read, but strings are immutable: only
	// the id is kept past this row, and it is cloned where it is kept.
	return Fields{
		ID: get(FieldID), Score: get(FieldScore), Age: get(FieldAge), DateOfBirth: get(FieldDateOfBirth),
		AssessedOn: get(FieldAssessedOn), CurrentCost: get(FieldCurrentCost),
		IncludesContingency: get(FieldIncludesContingency), Allocation: get(FieldAllocation),
	}
}

func (cr *CohortReader) readError(err error) error {
	if errors.Is(err, errLineTooLong) {
		return &Error{File: cr.name, Line: cr.limit.line, Kind: KindTooBig, Msg: fmt.Sprintf("has a line longer than %d bytes, which cannot be a cohort row: is this the right file?", maxLine)}
	}
	if err == io.EOF {
		return &Error{File: cr.name, Kind: KindEmpty, Msg: "is empty: a cohort file starts with a header row naming its columns, like " + strings.Join(Columns, ",")}
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: cr.name, Line: pe.StartLine, Kind: KindBadRow, Msg: "is not a well-formed CSV file: " + pe.Err.Error()}
	}
	return &Error{File: cr.name, Kind: KindUnreadable, Msg: "cannot be read: " + err.Error()}
}

var errLineTooLong = errors.New("line too long")

// lineLimit passes a reader through, failing on a line longer than maxLine, so
// that a file without line breaks is never read into memory whole.
type lineLimit struct {
	r    io.Reader
	run  int // bytes since the last line break
	line int
}

func (l *lineLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	chunk := p[:n]
	first := bytes.IndexByte(chunk, '\n')
	if first < 0 {
		l.run += n
	} else {
		if l.run+first > maxLine {
			return 0, errLineTooLong
		}
		l.line += bytes.Count(chunk, newline)
		l.run = n - 1 - bytes.LastIndexByte(chunk, '\n')
	}
	if l.run > maxLine {
		return 0, errLineTooLong
	}
	return n, err
}

var newline = []byte{'\n'}

// Cohort is the outcome of a cohort file: its summary, and the warnings about
// what was ignored.
type Cohort struct {
	Summary  Summary
	Warnings []string
}

// EvaluateCohort reads the cohort file r (named name in messages), evaluates
// every row under p and summarises them. visit, if not nil, is called for each
// row in order with its result, or with a nil result and row.Err saying what
// is wrong with the row; an error from visit stops the reading. A row with an
// error is counted as rejected and the other rows are still evaluated. An
// error is returned only for a file that cannot be read as a cohort at all.
//
// Where more than one processor is free, rows are evaluated on several
// goroutines while the file is read; visit is still called in the file's
// order, from the caller's goroutine.
func EvaluateCohort(p *Policy, name string, r io.Reader, visit func(Row, *Result) error) (*Cohort, error) {
	cr, err := NewCohortReader(name, r)
	if err != nil {
		return nil, err
	}
	sm := NewSummariser(p)
	for ev, err := range cr.evaluated(p) {
		if err != nil {
			return nil, err
		}
		if ev.Err != nil {
			sm.Reject()
		} else {
			sm.Add(ev.results[0])
		}
		if visit != nil {
			if err := visit(ev.Row, ev.results[0]); err != nil {
				return nil, err
			}
		}
	}
	return &Cohort{Summary: sm.Summary(), Warnings: cr.Warnings()}, nil
}

// Rows is the rows of the file, in order, as Next gives them: a row with
// mistakes comes with Err set, and the rows after it are still read. A file
// that cannot be read on ends with an *Error and a zero Row.
func (cr *CohortReader) Rows() iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		for {
			row, err := cr.Next()
			if err == io.EOF || !yield(row, err) || err != nil {
				return
			}
		}
	}
}

// evaluatedRow is a row with what each policy of a reading made of it.
type evaluatedRow struct {
	Row // Err: the row's own mistakes, or else the first policy's rejection, or else the second's
	// good says whether the row is good in itself, as a policy may take it.
	good bool
	// results are the results under each policy, nil where it rejects the
	// row (Err says why, for the first policy that does).
	results [2]*Result
}

// evaluated is the one reading of a cohort file that the summary
// (EvaluateCohort), the held cohort (HoldCohort) and the comparison
// (CompareCohort) all take their rows from: each row, in the file's order,
// with its results under each of ps, one policy or two. Given the same
// policy twice, it evaluates each row once. A file that cannot be read on
// ends with an *Error.
//
// Where more than one processor is free, rows are evaluated on several
// goroutines while the file is read; the loop over them still runs in the
// file's order, on the caller's goroutine, and leaving it early stops them.
func (cr *CohortReader) evaluated(ps ...*Policy) iter.Seq2[evaluatedRow, error] {
	return func(yield func(evaluatedRow, error) bool) {
		if workers := runtime.GOMAXPROCS(0); workers > 1 {
			cr.evaluateParallel(ps, workers, yield)
			return
		}
		for {
			row, err := cr.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(evaluatedRow{}, err)
				return
			}
			ev := evaluatedRow{Row: row}
			cr.evaluate(&ev, ps)
			if !yield(ev, nil) {
				return
			}
		}
	}
}

// evaluate evaluates a finished row under each of ps, and puts the file and
// line on the errors.
func (cr *CohortReader) evaluate(ev *evaluatedRow, ps []*Policy) {
	if ev.Err != nil {
		return
	}
	ev.good = true
	for i, p := range ps {
		if i > 0 && p == ps[i-1] {
			ev.results[i] = ev.results[i-1]
			continue
		}
		res, err := evaluate(p, ev.Case, false)
		ev.results[i] = res
		if err != nil && ev.Err == nil {
			ev.Err = place(err, cr.name, ev.Line)
		}
	}
}

// batch is a run of rows passed between the goroutines of evaluateParallel.
type batch struct {
	seq  int
	rows []evaluatedRow
	err  error // the error that ended the file, after rows
}

const batchRows = 256

// evaluateParallel reads rows on one goroutine, evaluates batches of them on
// workers, and hands them to yield in the file's order, on the caller's
// goroutine, until yield says to stop.
func (cr *CohortReader) evaluateParallel(ps []*Policy, workers int, yield func(evaluatedRow, error) bool) {
	in := make(chan *batch, workers*2)
	out := make(chan *batch, workers*2)
	stop := make(chan struct{})
	go func() {
		defer close(in)
		for seq := 0; ; seq++ {
			b := &batch{seq: seq, rows: make([]evaluatedRow, 0, batchRows)}
			for len(b.rows) < batchRows && b.err == nil {
				row, err := cr.next()
				if err != nil {
					b.err = err
				} else {
					b.rows = append(b.rows, evaluatedRow{Row: row})
				}
			}
			select {
			case in <- b:
			case <-stop:
				return
			}
			if b.err != nil {
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for b := range in {
				for i := range b.rows {
					cr.finish(&b.rows[i].Row)
					cr.evaluate(&b.rows[i], ps)
				}
				out <- b
			}
		})
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	pending := map[int]*batch{}
	next := 0
	done := false
	for b := range out {
		if done {
			continue // drain, so every goroutine ends
		}
		pending[b.seq] = b
		for b := pending[next]; b != nil && !done; b = pending[next] {
			delete(pending, next)
			next++
			for _, ev := range b.rows {
				if !yield(ev, nil) {
					done = true
					break
				}
			}
			if !done && b.err != nil {
				if b.err != io.EOF {
					yield(evaluatedRow{}, b.err)
				}
				done = true
			}
			if done {
				close(stop)
			}
		}
	}
}
