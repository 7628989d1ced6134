package engine

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"iter"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The cohort file is a CSV file with a header row and one child a row, each
// row one line; its columns are named as the fields of a case (see Fields),
// in any order. Columns it does not know are ignored with a warning.

// Columns lists the columns a cohort file may have, in the usual order.
var Columns = []string{FieldID, FieldScore, FieldAge, FieldDateOfBirth, FieldAssessedOn,
	FieldCurrentCost, FieldIncludesContingency, FieldAllocation}

// maxLine bounds one line of a cohort file: a row of real values is a few
// hundred bytes, so a longer line is not a cohort row. A header longer than
// this stops the reading; a row longer than this is a mistake in that row,
// skipped without being held, and the rows after it are still read.
const maxLine = 1 << 20

// Row is one child's row of a cohort file: its line, its fields, and the case
// they make or the errors that stop them making one.
type Row struct {
	Line   int // the line of the file the row is on
	Fields Fields
	Case   Case
	Err    error // Errors for this row; nil when Case is good

	malformed bool // the row's fields could not be told apart
}

// CohortReader reads a cohort file a row at a time, so that a file of any
// length, with lines of any length, is read in the same memory.
//
// A row is one line (Decision one-line-rows, docs/rules.md "The cohort
// file"): lines end in LF, CRLF or CR alone, and a quote left open at the
// end of a line is a mistake in that row, not a value running on into the
// lines after it.
type CohortReader struct {
	name     string
	lines    *lineReader
	rec      []string       // the fields of the line last split, reused
	col      map[string]int // column name to index
	at       columnsAt      // the index of each field's column, or -1
	warnings []string
	rows     int
	// seen holds each id with the line it was first on (idSet says in
	// how many bytes a row).
	seen idSet
	slab caseSlab // where Next's cases hold their values
	// lazy says that no row's case or result is seen past the reading but
	// those of rows with errors, whose cases are settled before they are:
	// the amounts are read in whole pence (Case.lazy).
	lazy   bool
	text   textArena
	done   bool
	width  int    // the number of columns of the header
	header string // the header, escaped, to quote in messages
	// mark, if set, is called once the reading has read markAt rows, from
	// the goroutine that reads them: as a held cohort notes how much of
	// the file that many rows took (HeldCohort.presize), before any of
	// them is evaluated.
	mark   func()
	markAt int
}

// marked calls mark where the reading has just read markAt rows.
func (cr *CohortReader) marked() {
	if cr.mark != nil && cr.rows >= cr.markAt {
		cr.mark()
		cr.mark = nil
	}
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
	cr := &CohortReader{name: name, lines: &lineReader{br: br}, col: map[string]int{}}
	// The header is the first line that is not empty.
	var text []byte
	for {
		var long, ok bool
		text, long, ok = cr.lines.next(true)
		switch {
		case !ok && cr.lines.err != nil:
			return nil, cr.unreadable()
		case !ok:
			return fail(0, KindEmpty, "is empty: a cohort file starts with a header row naming its columns, like "+strings.Join(Columns, ","))
		case long:
			return fail(cr.lines.line, KindTooBig, fmt.Sprintf("has a line longer than %d bytes, which cannot be a cohort row: is this the right file?", maxLine))
		}
		if len(text) > 0 {
			break
		}
	}
	line := cr.lines.line
	header, bad := splitRow(string(text), nil)
	if bad != "" {
		return fail(line, KindBadRow, "is not a well-formed CSV file: "+bad)
	}
	cr.width = len(header)
	shown := make([]string, len(header))
	for i, raw := range header {
		shown[i] = escaped(raw)
	}
	cr.header = strings.Join(shown, ",")
	for i, raw := range header {
		raw = strings.TrimSpace(raw)
		h := strings.ToLower(raw)
		col := columnName(raw)
		switch {
		case h == "":
			return fail(line, KindMissing, fmt.Sprintf("column %d of the header has no name", i+1))
		case !knownColumn(col):
			msg := fmt.Sprintf("%s:%d: column %q is not a cohort column and is ignored", name, line, shorten(raw))
			if near := nearColumn(col); near != "" {
				msg += ": did you mean " + near + "?"
			} else {
				msg += " (the columns are " + strings.Join(Columns, ", ") + ")"
			}
			cr.warnings = append(cr.warnings, msg)
			continue
		case col != h:
			cr.warnings = append(cr.warnings, fmt.Sprintf("%s:%d: column %q is read as %s", name, line, shorten(raw), col))
		}
		if _, dup := cr.col[col]; dup {
			return fail(line, KindDuplicate, fmt.Sprintf("the column %s is given twice", col))
		}
		cr.col[col] = i
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
		return fail(line, KindMissing, "the header is missing the column "+strings.Join(missing, " and the column ")+"; it has "+describeHeader(shown))
	}
	for f, col := range fieldColumns {
		cr.at[f] = -1
		if i, ok := cr.col[col]; ok {
			cr.at[f] = i
		}
	}
	return cr, nil
}

// fieldColumns are the columns a row's Fields are read from, in the order of
// columnsAt.
var fieldColumns = [...]string{FieldID, FieldScore, FieldAge, FieldDateOfBirth, FieldAssessedOn,
	FieldCurrentCost, FieldIncludesContingency, FieldAllocation}

// columnsAt is the index in a row of each of fieldColumns, found once from
// the header rather than by name each row; -1 where the file has no such
// column.
type columnsAt [len(fieldColumns)]int

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

// columnName is the column a header cell names: its text without the spaces
// around it, in lower case, with the spaces and hyphens between its words
// made underscores, so that "Current cost" and "date-of-birth" are read as
// current_cost and date_of_birth.
func columnName(raw string) string {
	words := strings.FieldsFunc(strings.ToLower(raw), func(r rune) bool { return r == ' ' || r == '-' })
	return strings.Join(words, "_")
}

// nearColumn is the cohort column a header cell not known was most likely
// meant to be, or "": one within two edits (one, for the short names id and
// age and score), like current_cost for curent_cost.
func nearColumn(col string) string {
	best, bestDist := "", 3
	for _, c := range Columns {
		limit := 2
		if len(c) <= 5 {
			limit = 1
		}
		if d := editDistance(col, c, limit); d <= limit && d < bestDist {
			best, bestDist = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, or limit+1 when
// it is more than limit, worked out only for names of about a column's
// length.
func editDistance(a, b string, limit int) int {
	if len(a)-len(b) > limit || len(b)-len(a) > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// escaped is header text as a message may show it: as it is, or quoted with
// Go's escapes when it holds a control character or another that does not
// print, so that an escape code in a file never reaches a terminal.
func escaped(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return strconv.Quote(s)
	}
	return s
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

// Warnings lists what was ignored or read otherwise than written, such as
// columns that are not cohort columns, each with the place it is in the file:
// the command line and the page show the same.
func (cr *CohortReader) Warnings() []string { return cr.warnings }

// Next returns the next row. A row with mistakes comes back with Err set, and
// the rows after it are still read. At the end Next returns io.EOF; a file that
// cannot be read on — a file with no rows, a read that fails — gives an *Error
// instead.
func (cr *CohortReader) Next() (Row, error) {
	var row Row
	err := cr.nextInto(&row)
	return row, err
}

// nextInto is Next reading into row, which it writes whole where it returns
// no error: a row is about 300 bytes, which the cohort's own loops do not
// copy from one place to the next.
func (cr *CohortReader) nextInto(row *Row) error {
	err := cr.next(row)
	if err == nil {
		cr.finish(row, &cr.slab)
	}
	return err
}

// next reads a row's fields into row and checks what needs the rows before
// it (the field count, the id and whether it is a duplicate), leaving the
// fields' values to finish, which may run on another goroutine.
func (cr *CohortReader) next(row *Row) error {
	if cr.done {
		return io.EOF
	}
	for {
		text, long, ok := cr.lines.next(false)
		if !ok {
			cr.done = true
			if cr.lines.err != nil {
				return cr.unreadable()
			}
			if cr.rows == 0 {
				return &Error{File: cr.name, Kind: KindEmpty, Msg: "has a header but no rows: add one row for each child"}
			}
			return io.EOF
		}
		line := cr.lines.line
		if long {
			cr.rows++
			*row = Row{Line: line, malformed: true, Err: place(Errors{{Kind: KindTooBig, Msg: fmt.Sprintf("is longer than %d bytes, which cannot be a cohort row: is this the right file?", maxLine)}}, cr.name, line)}
			return nil
		}
		if len(text) == 0 {
			continue
		}
		rec, bad := splitRow(cr.text.string(text), cr.rec)
		cr.rec = rec
		if bad != "" {
			cr.rows++
			*row = Row{Line: line, malformed: true, Err: place(Errors{{Kind: KindBadRow, Msg: "is not a well-formed CSV row: " + bad}}, cr.name, line)}
			return nil
		}
		if blank(rec) {
			continue // a blank line, or one of empty cells
		}
		cr.rows++
		*row = Row{Line: line, Fields: cr.fields(rec)}
		if len(rec) != cr.width {
			row.malformed = true
			row.Err = place(Errors{{Kind: KindBadRow, Msg: fmt.Sprintf("has %d fields but the header names %d (%s): is a comma missing, or one too many, or a value with a comma not in quotes?", len(rec), cr.width, shorten(cr.header))}}, cr.name, line)
			return nil
		}
		// An id longer than a field may be is a mistake of its own
		// (Fields.Case), and is not held.
		switch id := row.Fields.ID; {
		case id == "":
			row.Err = place(Errors{{Field: FieldID, Kind: KindMissing, Msg: "is missing: every row needs an id"}}, cr.name, line)
		case len(id) <= MaxFieldLength:
			if first, dup := cr.seen.add(id, int32(line)); dup {
				row.Err = place(Errors{{Field: FieldID, Value: id, Kind: KindDuplicate, Msg: fmt.Sprintf("is also the id of the row on line %d: each child needs its own id", first)}}, cr.name, line)
			}
		}
		return nil
	}
}

// splitRow splits one line of a cohort file into its fields, reusing rec. A
// field in double quotes may hold commas, and a quote written twice; it ends
// on its line. It returns what is wrong with the line, or "": the words are
// those of encoding/csv, but for a quote left open, which is a mistake here.
func splitRow(s string, rec []string) ([]string, string) {
	rec = rec[:0]
	for {
		if s == "" || s[0] != '"' {
			f, rest, more := strings.Cut(s, ",")
			if strings.IndexByte(f, '"') >= 0 {
				return rec, `bare " in non-quoted-field`
			}
			rec = append(rec, f)
			if !more {
				return rec, ""
			}
			s = rest
			continue
		}
		doubled := false
		i := 1
		for {
			j := strings.IndexByte(s[i:], '"')
			if j < 0 {
				return rec, fmt.Sprintf("the quote that opens field %d is not closed on its line: a value cannot run on to the next line", len(rec)+1)
			}
			i += j
			if i+1 < len(s) && s[i+1] == '"' {
				doubled, i = true, i+2
				continue
			}
			break
		}
		f := s[1:i]
		if doubled {
			f = strings.ReplaceAll(f, `""`, `"`)
		}
		rec = append(rec, f)
		s = s[i+1:]
		if s == "" {
			return rec, ""
		}
		if s[0] != ',' {
			return rec, `extraneous or missing " in quoted-field`
		}
		s = s[1:]
	}
}

// finish reads the values of a row read by next into its Case, its values
// held in slab, adding their mistakes to the row's. It reads nothing of cr
// but its name and lazy, so rows can be finished on several goroutines, each
// with a slab of its own.
func (cr *CohortReader) finish(row *Row, slab *caseSlab) {
	if row.malformed {
		return
	}
	c, err := row.Fields.caseIn(slab.take(), cr.lazy)
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
	var v [len(fieldColumns)]string
	for f, i := range cr.at {
		if i >= 0 && i < len(rec) {
			v[f] = trimSpace(rec[i])
		}
	}
	// The fields are parts of the line's string, made anew for each line:
	// only the id is kept past this row, and it is cloned where it is kept.
	return Fields{
		ID: v[0], Score: v[1], Age: v[2], DateOfBirth: v[3], AssessedOn: v[4], CurrentCost: v[5],
		IncludesContingency: v[6], Allocation: v[7],
	}
}

// unreadable is the *Error of a read that failed.
func (cr *CohortReader) unreadable() error {
	return &Error{File: cr.name, Kind: KindUnreadable, Msg: "cannot be read: " + cr.lines.err.Error()}
}

// lineReader reads a file a line at a time, each line ended by LF, CRLF or
// CR alone, holding at most maxLine bytes of a line: the rest of a longer
// line is passed over unread into memory.
type lineReader struct {
	br   *bufio.Reader
	buf  []byte // the line last read, where it had to be copied, reused
	line int    // the number of the line last read, from 1
	err  error  // a failed read; the end of the file is not one
	// What is known of the bytes buffered from the reading position on:
	// if lfKnown, the next LF is at lf; if not, the first clean bytes
	// hold no LF. A file whose lines end in CR alone is then not searched
	// to the end of the buffer for an LF, line after line.
	lf, clean int
	lfKnown   bool
}

// eol is the index in chunk, the bytes buffered from the reading position
// on, of the first CR or LF, or -1: two searches for one byte each, which
// are quicker than one for either.
func (lr *lineReader) eol(chunk []byte) int {
	if !lr.lfKnown {
		if i := bytes.IndexByte(chunk[lr.clean:], '\n'); i >= 0 {
			lr.lf, lr.lfKnown = lr.clean+i, true
		} else {
			lr.clean = len(chunk)
		}
	}
	limit := len(chunk)
	if lr.lfKnown {
		limit = lr.lf
	}
	if i := bytes.IndexByte(chunk[:limit], '\r'); i >= 0 {
		return i
	}
	if lr.lfKnown {
		return lr.lf
	}
	return -1
}

// discard passes over n bytes of the buffer, keeping what eol knows.
func (lr *lineReader) discard(n int) {
	lr.br.Discard(n)
	if lr.lfKnown {
		if lr.lf -= n; lr.lf < 0 {
			lr.lfKnown, lr.clean = false, 0
		}
	} else {
		lr.clean = max(lr.clean-n, 0)
	}
}

// next returns the next line without its ending, and ok; or ok false at the
// end of the file or when a read fails (err says so). A line longer than
// maxLine comes back long and without its text; stop says to leave the rest
// of it unread, as for a header, which a file with no line breaks would
// otherwise be read to its end for. The text is valid until the next call.
func (lr *lineReader) next(stop bool) (text []byte, long, ok bool) {
	lr.buf = lr.buf[:0]
	started := false
	for {
		if lr.br.Buffered() == 0 {
			if _, err := lr.br.Peek(1); err != nil {
				if err != io.EOF {
					lr.err = err
					return nil, false, false
				}
				if !started {
					return nil, false, false
				}
				lr.line++
				return lr.buf, long, true
			}
		}
		started = true
		chunk, _ := lr.br.Peek(lr.br.Buffered())
		end := lr.eol(chunk)
		if end >= 0 && end <= maxLine && !long && len(lr.buf) == 0 && (chunk[end] == '\n' || end+1 < len(chunk)) {
			// The whole line is in the buffer, and passing over its ending
			// reads nothing more into it: the line is given where it
			// lies, not copied.
			lr.discard(end + 1)
			if chunk[end] == '\r' && chunk[end+1] == '\n' {
				lr.discard(1)
			}
			lr.line++
			return chunk[:end], false, true
		}
		upto := end
		if end < 0 {
			upto = len(chunk)
		}
		if !long {
			if len(lr.buf)+upto > maxLine {
				long, lr.buf = true, lr.buf[:0]
				if stop {
					lr.line++
					return nil, true, true
				}
			} else {
				lr.buf = append(lr.buf, chunk[:upto]...)
			}
		}
		if end < 0 {
			lr.discard(upto)
			continue
		}
		cr := chunk[end] == '\r'
		lr.discard(end + 1)
		if cr {
			if b, err := lr.br.Peek(1); err == nil && b[0] == '\n' {
				lr.discard(1)
			}
		}
		lr.line++
		if long {
			return nil, true, true
		}
		return lr.buf, false, true
	}
}

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
// A result is visit's until it returns: later rows' results are made in the
// same memory, so a visit that keeps one keeps its Clone. With no visit, the
// file is read as SummariseCohort reads it.
//
// Where more than one processor is free, rows are evaluated on several
// goroutines while the file is read; visit is still called in the file's
// order, from the caller's goroutine.
func EvaluateCohort(p *Policy, name string, r io.Reader, visit func(Row, *Result) error) (*Cohort, error) {
	if visit == nil {
		return SummariseCohort(p, name, r, nil)
	}
	return evaluateCohort(p, name, r, false, func(ev *evaluatedRow) error { return visit(ev.Row, ev.results[0]) })
}

// SummariseCohort is EvaluateCohort for the summary alone: reject, if not
// nil, is called only for each row with an error (row.Err), in order, and no
// row's result is shown, so that the amounts of a good row are read and
// added in whole pence, with no decimal made for them. An error from reject
// stops the reading.
func SummariseCohort(p *Policy, name string, r io.Reader, reject func(Row) error) (*Cohort, error) {
	return evaluateCohort(p, name, r, true, func(ev *evaluatedRow) error {
		if ev.Err == nil || reject == nil {
			return nil
		}
		// A row the policy rejects has its case: its amounts are written
		// before the row is shown.
		ev.Case.settle()
		return reject(ev.Row)
	})
}

// evaluateCohort is EvaluateCohort calling visit with each row evaluated,
// reading amounts in whole pence where lazy (CohortReader.lazy), and then
// calling visit only with the rows with errors, as SummariseCohort asks.
func evaluateCohort(p *Policy, name string, r io.Reader, lazy bool, visit func(*evaluatedRow) error) (*Cohort, error) {
	cr, err := NewCohortReader(name, r)
	if err != nil {
		return nil, err
	}
	cr.lazy = lazy
	sm := NewSummariser(p)
	// take counts a row and shows it to visit; SummariseCohort's visit is
	// for the rows with errors: a good row is not shown, and makes no call.
	take := func(ev *evaluatedRow) error {
		if ev.Err != nil {
			sm.Reject()
		} else if sm.Add(ev.results[0]); lazy {
			return nil
		}
		return visit(ev)
	}
	if runtime.GOMAXPROCS(0) == 1 {
		// evaluated's loop on one processor (as under WebAssembly),
		// written out: the iterator's call to the loop's body a row cost
		// more than the row's own summing. A batch of rows is read, then
		// evaluated, then summed, each part's code running for the
		// whole batch in turn (readBatch): evaluating and summing apart
		// made a 500,000-row summary under WebAssembly about 3% quicker
		// again, for 300 KB of results.
		store := make([]Result, batchRows)
		rows := make([]evaluatedRow, batchRows)
		ps := []*Policy{p}
		for {
			n, err := cr.readBatch(rows)
			for i := range rows[:n] {
				cr.evaluate(&rows[i], ps, store[i:i+1])
			}
			for i := range rows[:n] {
				ev := &rows[i]
				if err := take(ev); err != nil {
					return nil, err
				}
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, err
			}
		}
		return &Cohort{Summary: sm.Summary(), Warnings: cr.Warnings()}, nil
	}
	for ev, err := range cr.evaluated(p) {
		if err != nil {
			return nil, err
		}
		if err := take(ev); err != nil {
			return nil, err
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
// A row's results are made in memory that later rows use again: the loop
// keeps none of them past its turn (a Clone, where it must).
func (cr *CohortReader) evaluated(ps ...*Policy) iter.Seq2[*evaluatedRow, error] {
	return func(yield func(*evaluatedRow, error) bool) {
		if workers := runtime.GOMAXPROCS(0); workers > 1 {
			cr.evaluateParallel(ps, workers, yield)
			return
		}
		// A batch is read, then evaluated, then looped over, as
		// evaluateCohort does on one processor.
		k := len(ps)
		store := make([]Result, batchRows*k)
		rows := make([]evaluatedRow, batchRows)
		for {
			n, err := cr.readBatch(rows)
			for i := range rows[:n] {
				cr.evaluate(&rows[i], ps, store[i*k:(i+1)*k])
			}
			for i := range rows[:n] {
				if !yield(&rows[i], nil) {
					return
				}
			}
			if err != nil {
				if err != io.EOF {
					yield(nil, err)
				}
				return
			}
		}
	}
}

// readBatch reads the next rows of the file into rows, each finished, as
// many as it holds, and returns how many it read and the error that ended
// the file (io.EOF at its end), if it ended. On one processor, rows are read
// a batch at a time and then evaluated, rather than read and evaluated a row
// at a time: each part's code then runs for many rows in turn, which under
// WebAssembly made a 500,000-row summary 4-10% quicker in paired runs.
func (cr *CohortReader) readBatch(rows []evaluatedRow) (int, error) {
	for n := range rows {
		if err := cr.nextInto(&rows[n].Row); err != nil {
			return n, err
		}
		rows[n].good, rows[n].results = false, [2]*Result{}
		cr.marked()
	}
	return len(rows), nil
}

// evaluate evaluates a finished row under each of ps, into store[i] for
// ps[i], and puts the file and line on the errors.
func (cr *CohortReader) evaluate(ev *evaluatedRow, ps []*Policy, store []Result) {
	if ev.Err != nil {
		return
	}
	ev.good = true
	for i, p := range ps {
		if i > 0 && p == ps[i-1] {
			ev.results[i] = ev.results[i-1]
			continue
		}
		ev.results[i] = &store[i]
		// The row's case is made by Fields.Case, which checks what
		// checkCase does.
		if err := evaluateChecked(&store[i], p, &ev.Case, false); err != nil {
			ev.results[i] = nil
			if ev.Err == nil {
				ev.Err = place(err, cr.name, ev.Line)
			}
		}
	}
}

// batch is a run of rows passed between the goroutines of evaluateParallel.
// A batch whose rows have all been looped over is used again for later rows,
// its results with it: nothing of a row is read after its turn of the loop.
type batch struct {
	seq     int
	rows    []evaluatedRow
	err     error    // the error that ended the file, after rows
	results []Result // where rows[i]'s results are made: results[i*len(ps):]
}

const batchRows = 256

// evaluateParallel reads rows on one goroutine, evaluates batches of them on
// workers, and hands them to yield in the file's order, on the caller's
// goroutine, until yield says to stop.
func (cr *CohortReader) evaluateParallel(ps []*Policy, workers int, yield func(*evaluatedRow, error) bool) {
	in := make(chan *batch, workers*2)
	out := make(chan *batch, workers*2)
	stop := make(chan struct{})
	// free holds the batches looped over, for the reader to fill again: as
	// many as may be in flight, so that putting one back never waits.
	free := make(chan *batch, workers*4+2)
	go func() {
		defer close(in)
		for seq := 0; ; seq++ {
			var b *batch
			select {
			case b = <-free:
				b.seq, b.rows, b.err = seq, b.rows[:0], nil
			default:
				b = &batch{seq: seq, rows: make([]evaluatedRow, 0, batchRows), results: make([]Result, batchRows*len(ps))}
			}
			for len(b.rows) < batchRows && b.err == nil {
				b.rows = append(b.rows, evaluatedRow{})
				if err := cr.next(&b.rows[len(b.rows)-1].Row); err != nil {
					b.rows, b.err = b.rows[:len(b.rows)-1], err
				}
				cr.marked()
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
			var slab caseSlab
			for b := range in {
				for i := range b.rows {
					cr.finish(&b.rows[i].Row, &slab)
					cr.evaluate(&b.rows[i], ps, b.results[i*len(ps):(i+1)*len(ps)])
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
			for i := range b.rows {
				if !yield(&b.rows[i], nil) {
					done = true
					break
				}
			}
			if !done && b.err != nil {
				if b.err != io.EOF {
					yield(nil, b.err)
				}
				done = true
			}
			if !done {
				select {
				case free <- b:
				default:
				}
			}
			if done {
				close(stop)
			}
		}
	}
}

// textArena gives the lines of a file as strings without an allocation a
// line: it copies each into a block of memory made once for many lines, and
// gives the line as a string of that block. A strings.Builder only appends,
// never writing again the bytes it has given out in a string, and a new block
// is a new Builder, so every string stays as it was. A field kept past its
// row keeps its block alive, not the file: only the id is kept, and it is
// cloned where it is.
type textArena struct {
	b strings.Builder
}

// textArenaSize is the size of a block: many rows of real values.
const textArenaSize = 64 << 10

// string is text as a string that no later line changes.
func (a *textArena) string(text []byte) string {
	if len(text) > textArenaSize/8 {
		return string(text)
	}
	if a.b.Cap()-a.b.Len() < len(text) {
		a.b = strings.Builder{}
		a.b.Grow(textArenaSize)
	}
	start := a.b.Len()
	a.b.Write(text)
	return a.b.String()[start:]
}
