package engine

import (
	"errors"
	"strconv"
	"strings"
)

// Error is a mistake in an input — a policy file, a case, a cohort row — told
// so that a person can put it right: where it is (file and line, or row), which
// field or key, the value found and what is wrong with it.
//
//	policies/trafford-2013.yaml:14: rates.10-13.200-259: "0.7x" is not an amount
//	cohort.csv:212: date_of_birth: "2013-02-30" is not a date: February 2013 has no day 30
//
// Kind says what is wrong in a word a program can decide on: the page
// chooses its own sentence from the field and the kind, never from Msg.
type Error struct {
	File  string    // the file, if any
	Line  int       // the line in File, or 0
	Field string    // the key path or field name, like rates.10-13.200-259 or score
	Value string    // the value found, quoted in the message; empty when none was
	Kind  ErrorKind // what is wrong, for a program; never zero for an Error the engine makes
	Msg   string    // what is wrong, and what would be right, for a person
}

// ErrorKind is what is wrong with an input, whatever the words of its
// message: a page words a negative score its own way by its kind,
// KindNegative, not by finding "negative" in the engine's sentence.
type ErrorKind int

// The kinds of mistake. The zero kind is no kind: every Error the engine
// makes has one of the others.
const (
	_                      ErrorKind = iota
	KindMissing                      // a value or key that is needed is not given
	KindEmpty                        // a file, a list or a text is given but has nothing in it
	KindNotText                      // not text: a binary file, a NUL or invalid UTF-8
	KindTooLong                      // a field's text is longer than any real value
	KindTooBig                       // a file or a line of it is over its size limit
	KindSyntax                       // not well-formed YAML, or not a key path
	KindShape                        // a value of the wrong shape: a list where a mapping is wanted
	KindUnknownKey                   // a key, a column or a key path that is not one of those known
	KindDuplicate                    // a key, an id or a column given twice
	KindNotNumber                    // not a number, or not an amount
	KindNotWhole                     // a number that is not a whole number where one is wanted
	KindNegative                     // a number below 0 where 0 or more is wanted
	KindTooManyPlaces                // more decimal places than the value can have
	KindTooLarge                     // a number larger than any such value
	KindOutOfRange                   // a number outside the range its field allows
	KindNotDate                      // not written as a date, YYYY-MM-DD
	KindNoSuchDate                   // written as a date the calendar does not have, like 2013-02-30
	KindAfterAssessment              // a date after the assessment it must come before
	KindNotAfterAssessment           // a date on or before the assessment it must follow
	KindMismatch                     // the age given does not match the date of birth
	KindOutOfScope                   // a child the policy does not cover, such as one of 18
	KindInvalid                      // not one of the words or forms the field allows
	KindNeeds                        // given, but needs another value that is not given
	KindNotAllowed                   // given where it must be left out
	KindOrder                        // out of order, or ending before it starts
	KindOverlap                      // a range that overlaps the one before
	KindGap                          // a range that leaves a gap after the one before
	KindConflict                     // a value that contradicts another of the same input
	KindNotFile                      // a file of another kind, such as a spreadsheet given as CSV
	KindBadRow                       // a CSV row that is not well formed
	KindUnreadable                   // a file that cannot be read
	KindAlias                        // a YAML anchor, alias or merge key, which a policy writes out instead
	KindTooMany                      // a list, or a nesting, longer than any real policy's
	KindSecondDocument               // a second YAML document where one is read
)

var kindNames = [...]string{
	KindMissing: "missing", KindEmpty: "empty", KindNotText: "not-text", KindTooLong: "too-long",
	KindTooBig: "too-big", KindSyntax: "syntax", KindShape: "shape", KindUnknownKey: "unknown-key",
	KindDuplicate: "duplicate", KindNotNumber: "not-number", KindNotWhole: "not-whole",
	KindNegative: "negative", KindTooManyPlaces: "too-many-places", KindTooLarge: "too-large",
	KindOutOfRange: "out-of-range", KindNotDate: "not-date", KindNoSuchDate: "no-such-date",
	KindAfterAssessment: "after-assessment", KindNotAfterAssessment: "not-after-assessment",
	KindMismatch: "mismatch", KindOutOfScope: "out-of-scope", KindInvalid: "invalid",
	KindNeeds: "needs", KindNotAllowed: "not-allowed", KindOrder: "order", KindOverlap: "overlap",
	KindGap: "gap", KindConflict: "conflict", KindNotFile: "not-file", KindBadRow: "bad-row",
	KindUnreadable:     "unreadable",
	KindAlias:          "alias",
	KindTooMany:        "too-many",
	KindSecondDocument: "second-document",
}

// String is the kind's name, like not-date: a word for logs and tests.
func (k ErrorKind) String() string {
	if k > 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// KindOf returns the kind of err, an *Error or the first of Errors, or the
// zero kind for any other error.
func KindOf(err error) ErrorKind {
	var e *Error
	var es Errors
	switch {
	case errors.As(err, &es) && len(es) > 0:
		return es[0].Kind
	case errors.As(err, &e):
		return e.Kind
	}
	return 0
}

// Error is the command line's form of the mistake: where, which field, the
// value and what is wrong.
//
//	cohort.csv:212: date_of_birth: "2013-02-30" is not a date: February 2013 has no day 30
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(":")
		if e.Line > 0 {
			b.WriteString(strconv.Itoa(e.Line))
			b.WriteString(":")
		}
		b.WriteString(" ")
	} else if e.Line > 0 {
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	if e.Value != "" {
		b.WriteString(strconv.Quote(shorten(e.Value)))
		b.WriteString(" ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Message is the error without its place or field: what a form shows beside
// the field, like `"0.7x" is not an amount`.
func (e *Error) Message() string {
	c := *e
	c.File, c.Line, c.Field = "", 0, ""
	return c.Error()
}

// InRow is the error without its file and line, which a row's own columns or
// a list of a row's mistakes give: `date_of_birth: "2013-02-30" is not a date`.
func (e *Error) InRow() string {
	c := *e
	c.File, c.Line = "", 0
	return c.Error()
}

// Sentence is the error as a page writes it, its place in words: "cohort.csv,
// line 212: date_of_birth: …", "cohort.xlsx is a spreadsheet…". Without a
// file it is the command line's form, "line 14: rates.10-13: …".
func (e *Error) Sentence() string {
	switch {
	case e.File != "" && e.Line > 0:
		return e.File + ", line " + strconv.Itoa(e.Line) + ": " + e.InRow()
	case e.File != "":
		return e.File + " " + e.InRow()
	}
	return e.Error()
}

// shorten keeps a long value readable in a message.
func shorten(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "… (" + strconv.Itoa(len(s)) + " characters)"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// Errors is a list of mistakes found together, such as every bad field of a
// form, in the order they were found.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// InRow is the mistakes of one row in one line, each without its file and
// line: the error cell of a row of results, or a page's list of rows.
func (es Errors) InRow() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.InRow()
	}
	return strings.Join(parts, "; ")
}

// Messages is the mistakes in one line without their places or fields.
func (es Errors) Messages() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Message()
	}
	return strings.Join(parts, "; ")
}

// JSONError is one mistake of a row as the JSON results give it.
type JSONError struct {
	Field   string `json:"field,omitempty"`
	Value   string `json:"value,omitempty"`
	Message string `json:"message"`
}

// JSON is the mistakes of a row as the JSON results list them.
func (es Errors) JSON() []JSONError {
	if len(es) == 0 {
		return nil
	}
	list := make([]JSONError, len(es))
	for i, e := range es {
		list[i] = JSONError{e.Field, e.Value, e.Message()}
	}
	return list
}

// Field returns the first error about field, or nil.
func (es Errors) Field(field string) *Error {
	for _, e := range es {
		if e.Field == field {
			return e
		}
	}
	return nil
}
