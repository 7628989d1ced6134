// Package link reads and writes the part of a page's address after the #
// sign, where the calculator, the scenario page and the cohort page keep
// their state: name=value parts separated by &, each name and value
// percent-encoded, a space written +.
//
// A fragment is decoded here, once, from the text the browser holds after
// the #: a value is never decoded a second time, so a note "Cut by 5% &
// review" or a score "+261" reads as it was written. A part that cannot be
// read is left out with a Problem naming it; nothing in a link panics or is
// dropped without a word. The package has no go-app import: it is tested
// natively, and fuzzed.
package link

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Part is one name=value part of a link, decoded.
type Part struct {
	Name, Value string
}

// Problem is a part of a link that was left out, and why, in words.
type Problem struct {
	Part string // the part's name, as shown; "" for the link as a whole
	Msg  string // the whole sentence
}

func (p *Problem) Error() string { return p.Msg }

// MaxValue is how many characters a part's value may hold unless Limits
// says otherwise: a field of a form needs far fewer.
const MaxValue = 200

// MaxParts is how many parts a link may hold: the scenario page's longest
// link, every rate changed with a note, has a few hundred.
const MaxParts = 1000

// Limits gives the most characters the value of the part named name may
// hold; nil gives MaxValue for every part.
type Limits func(name string) int

// Read decodes a fragment, with or without its leading #, into its parts in
// the order they come. A part whose name or value has a stray or cut-short
// % escape, a ; (parts are separated by &), text that is not UTF-8, or a
// value longer than its limit is left out, with a Problem saying so; an
// empty part (&&) is nothing. A part without = has an empty value.
func Read(fragment string, limits Limits) ([]Part, []*Problem) {
	fragment = strings.TrimPrefix(fragment, "#")
	var parts []Part
	var problems []*Problem
	for fragment != "" {
		var raw string
		raw, fragment, _ = strings.Cut(fragment, "&")
		if raw == "" {
			continue
		}
		if len(parts)+len(problems) >= MaxParts {
			problems = append(problems, &Problem{Msg: "The link has more than " + strconv.Itoa(MaxParts) + " parts: the rest were left out."})
			break
		}
		rawName, rawValue, _ := strings.Cut(raw, "=")
		name, nameBad := decode(rawName, MaxValue)
		shown := show(name, rawName, nameBad == fine)
		max := MaxValue
		if limits != nil && nameBad == fine {
			max = limits(name)
		}
		value, valueBad := decode(rawValue, max)
		switch {
		case nameBad == stray || valueBad == stray:
			problems = append(problems, problem(shown, "has a stray % (a % sign is written %25 in a link)"))
		case nameBad == long:
			problems = append(problems, problem(shown, "has a name longer than "+strconv.Itoa(MaxValue)+" characters"))
		case nameBad == notText:
			problems = append(problems, problem(shown, "has a name that is not text"))
		case strings.Contains(raw, ";"):
			problems = append(problems, problem(shown, "holds a ; where the parts of a link are separated by &"))
		case valueBad == long:
			problems = append(problems, problem(shown, "is longer than "+strconv.Itoa(max)+" characters"))
		case valueBad == notText:
			problems = append(problems, problem(shown, "is not text"))
		default:
			parts = append(parts, Part{name, value})
		}
	}
	return parts, problems
}

func problem(part, why string) *Problem {
	return &Problem{Part: part, Msg: "The link's " + part + " part " + why + ": it was left out."}
}

// show is a part's name as a message gives it: decoded where it can be,
// cut short, and quoted if it holds anything but letters, digits and
// punctuation.
func show(name, raw string, ok bool) string {
	if !ok {
		name = raw
	}
	if r := []rune(name); len(r) > 40 {
		name = string(r[:40]) + "…"
	}
	for _, r := range name {
		if r <= ' ' || r == 0x7f || !strconv.IsGraphic(r) {
			return strconv.Quote(name)
		}
	}
	if name == "" {
		return `""`
	}
	return name
}

// What is wrong with a part's name or value, if anything.
type fault int

const (
	fine    fault = iota
	stray         // a % not followed by two hex digits
	long          // more characters than its limit
	notText       // bytes that are not UTF-8
)

// decode undoes the percent-encoding of s once, reading + as a space, or
// says what is wrong with it. It reads no more of s than the limit needs.
func decode(s string, max int) (string, fault) {
	// A character takes at most 4 bytes, each written in 3 characters.
	if len(s) > 12*max {
		if hasStray(s) {
			return "", stray
		}
		return "", long
	}
	if !strings.ContainsAny(s, "%+") {
		if !utf8.ValidString(s) {
			return "", notText
		}
		if utf8.RuneCountInString(s) > max {
			return "", long
		}
		return s, fine
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '+':
			b = append(b, ' ')
		case '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return "", stray
			}
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
		default:
			b = append(b, c)
		}
	}
	if !utf8.Valid(b) {
		return "", notText
	}
	if utf8.RuneCount(b) > max {
		return "", long
	}
	return string(b), fine
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// Write is the fragment of parts, in their order, each name and value
// escaped as a query's are (a space as +): what Read reads back.
func Write(parts []Part) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(p.Name))
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(p.Value))
	}
	return b.String()
}

// Get is the value of the first part named name, or "".
func Get(parts []Part, name string) string {
	for _, p := range parts {
		if p.Name == name {
			return p.Value
		}
	}
	return ""
}

// All is the values of every part named name, in their order.
func All(parts []Part, name string) []string {
	var vs []string
	for _, p := range parts {
		if p.Name == name {
			vs = append(vs, p.Value)
		}
	}
	return vs
}

// Repair escapes each % of s that is not followed by two hex digits as %25,
// so that an address a browser holds with a stray % can be parsed; Read
// still reports the stray % of the text before it was repaired.
func Repair(s string) string {
	if !hasStray(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && (i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2])) {
			b.WriteString("%25")
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// hasStray reports whether s has a % not followed by two hex digits.
func hasStray(s string) bool {
	for i := strings.IndexByte(s, '%'); i >= 0; {
		if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			return true
		}
		next := strings.IndexByte(s[i+1:], '%')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}
