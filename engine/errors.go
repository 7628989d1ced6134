package engine

import (
	"strconv"
	"strings"
)

// Error is a mistake in an input — a policy file, a case, a cohort row — told
// so that a person can put it right: where it is (file and line, or row), which
// field or key, the value found and what is wrong with it.
//
//	policies/trafford-2013.yaml:14: rates.10-13.200-259: "0.7x" is not an amount
//	cohort.csv:212: date_of_birth: "2013-02-30" is not a date: February 2013 has no day 30
type Error struct {
	File  string // the file, if any
	Line  int    // the line in File, or 0
	Field string // the key path or field name, like rates.10-13.200-259 or score
	Value string // the value found, quoted in the message; empty when none was
	Msg   string // what is wrong, and what would be right
}

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

// Message is the error without its file and line: what a form shows beside
// the field.
func (e *Error) Message() string {
	c := *e
	c.File, c.Line, c.Field = "", 0, ""
	return c.Error()
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

// Field returns the first error about field, or nil.
func (es Errors) Field(field string) *Error {
	for _, e := range es {
		if e.Field == field {
			return e
		}
	}
	return nil
}
