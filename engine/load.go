package engine

// The decoding toolkit of policy files: a decoder walks the YAML nodes,
// checks each mapping's keys strictly, and reads text, whole numbers, dates,
// amounts and ids, noting each mistake with its file, line, key path and kind.
// Each type's own decoder sits beside the type: ParsePolicy and the policy's
// sections in policy.go, bands in band.go, prices and rates in price.go,
// transition groups in group.go, Decisions in decision.go.

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// decoder reads one policy file, gathering every mistake it finds.
type decoder struct {
	file string
	errs Errors
	// bad holds the nodes already reported, so that checks between values
	// skip a value that was wrong in itself rather than report it again.
	bad map[*Node]bool
	// pricesUnknown is set when prices.published is not true or false.
	pricesUnknown bool
}

// fail records a mistake in the policy at n.
//
// fail and join are kept out of line: a policy is read once, and the
// seventy places that call each would otherwise carry a copy of it, code
// the browser compiles as the page starts (about 100 KB of the program).
//
//go:noinline
func (d *decoder) fail(n *Node, path, value string, kind ErrorKind, msg string) {
	e := &Error{File: d.file, Field: path, Value: value, Kind: kind, Msg: msg}
	if n != nil {
		e.Line = n.Line
		if d.bad == nil {
			d.bad = map[*Node]bool{}
		}
		d.bad[n] = true
		d.bad[resolve(n)] = true
	}
	d.errs = append(d.errs, e)
}

// ok reports whether every one of nodes is present and was read without a
// mistake.
func (d *decoder) ok(nodes ...*Node) bool {
	for _, n := range nodes {
		if n == nil || d.bad[n] || d.bad[resolve(n)] {
			return false
		}
	}
	return true
}

func resolve(n *Node) *Node {
	for n != nil && n.Kind == AliasNode {
		n = n.Alias
	}
	return n
}

// join is the path of key under path (see fail).
//
//go:noinline
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// mapping is a YAML mapping whose keys have been checked against the known
// ones.
type mapping struct {
	d     *decoder
	node  *Node
	path  string
	keys  []string
	value map[string]*Node
}

// mapping checks that n is a mapping with no key outside known and none twice.
func (d *decoder) mapping(n *Node, path string, known ...string) *mapping {
	n = resolve(n)
	m := &mapping{d: d, node: n, path: path, value: map[string]*Node{}}
	if n == nil || n.Kind != MappingNode {
		d.fail(n, path, "", KindShape, "must be a mapping of keys to values")
		return m
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		key := k.Value
		if k.Kind != ScalarNode {
			d.fail(k, path, "", KindShape, "has a key that is not a name")
			continue
		}
		if known != nil && !slices.Contains(known, key) {
			d.fail(k, join(path, key), "", KindUnknownKey, "is not a key here: expected one of "+strings.Join(known, ", "))
			continue
		}
		if _, dup := m.value[key]; dup {
			d.fail(k, join(path, key), "", KindDuplicate, "is given twice")
			continue
		}
		m.keys = append(m.keys, key)
		m.value[key] = v
	}
	return m
}

func (m *mapping) has(key string) bool { return m.value[key] != nil }

// required returns the value of key, noting a missing key as an error.
func (m *mapping) required(key string) *Node {
	v := m.value[key]
	if v == nil && m.node != nil && m.node.Kind == MappingNode {
		m.d.fail(m.node, m.path, "", KindMissing, fmt.Sprintf("is missing the key %q", key))
	}
	return v
}

func (m *mapping) str(key string, required bool) string {
	n := m.value[key]
	if n == nil {
		if required {
			m.required(key)
		}
		return ""
	}
	return m.d.str(n, join(m.path, key))
}

func (m *mapping) integer(key string, required bool, lo, hi int) int {
	n := m.value[key]
	if n == nil {
		if required {
			m.required(key)
		}
		return 0
	}
	return m.d.integer(n, join(m.path, key), lo, hi)
}

func (m *mapping) boolean(key string) bool {
	n := m.required(key)
	if n == nil {
		return false
	}
	return m.d.boolean(n, join(m.path, key))
}

func (m *mapping) date(key string) Date {
	n := m.required(key)
	if n == nil {
		return Date{}
	}
	return m.d.date(n, join(m.path, key))
}

func (d *decoder) scalar(n *Node, path, what string) (string, bool) {
	n = resolve(n)
	if n == nil {
		return "", false
	}
	if n.Kind != ScalarNode {
		d.fail(n, path, "", KindShape, "must be "+what)
		return "", false
	}
	return n.Value, true
}

func (d *decoder) str(n *Node, path string) string {
	s, ok := d.scalar(n, path, "text")
	if ok && strings.TrimSpace(s) == "" {
		d.fail(n, path, "", KindEmpty, "must not be empty")
	}
	return s
}

func (d *decoder) integer(n *Node, path string, lo, hi int) int {
	s, ok := d.scalar(n, path, "a whole number")
	if !ok {
		return 0
	}
	v, err := strconv.Atoi(s)
	if err != nil || !allDigits(strings.TrimPrefix(s, "-")) {
		d.fail(n, path, s, KindNotWhole, "is not a whole number")
		return 0
	}
	if v < lo || v > hi {
		d.fail(n, path, s, KindOutOfRange, fmt.Sprintf("is out of range: expected a whole number from %d to %d", lo, hi))
		return 0
	}
	return v
}

func (d *decoder) boolean(n *Node, path string) bool {
	s, ok := d.scalar(n, path, "true or false")
	if !ok {
		return false
	}
	switch s {
	case "true":
		return true
	case "false":
		return false
	}
	d.fail(n, path, s, KindInvalid, "is not true or false")
	return false
}

func (d *decoder) date(n *Node, path string) Date {
	s, ok := d.scalar(n, path, "a date")
	if !ok {
		return Date{}
	}
	v, err := readDate(s)
	if err != nil {
		d.fail(n, path, s, KindOf(err), err.(*Error).Msg)
	}
	return v
}

// amount reads a non-negative decimal with at most places decimal places.
func (d *decoder) amount(n *Node, path string, places int) Money {
	s, ok := d.scalar(n, path, "an amount")
	if !ok {
		return zero
	}
	v, err := parseDecimal(s, places, fmt.Sprintf("a number with at most %d decimal places, like 0.75", places))
	if err != nil {
		kind, msg := KindOf(err), "is not an amount"
		switch kind {
		case KindNegative:
			msg = "is negative: an amount here is 0 or more"
		case KindTooManyPlaces, KindTooLarge:
			msg, _, _ = strings.Cut(err.Error(), ":")
		default:
			kind = KindNotNumber
		}
		d.fail(n, path, s, kind, msg)
		return zero
	}
	return v
}

func (d *decoder) list(n *Node, path string) []*Node {
	n = resolve(n)
	if n == nil {
		return nil
	}
	if n.Kind != SequenceNode {
		d.fail(n, path, "", KindShape, "must be a list")
		return nil
	}
	return n.Content
}

// isID reports whether s is an id: a lower-case letter or digit, then
// lower-case letters, digits and dashes (^[a-z0-9][a-z0-9-]*$).
func isID(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' && i > 0) {
			return false
		}
	}
	return s != ""
}

func (d *decoder) id(n *Node, path string) string {
	s := d.str(n, path)
	if s != "" && !isID(s) {
		d.fail(n, path, s, KindInvalid, "is not an id: use lower-case letters, digits and dashes, like 10-13")
	}
	return s
}

func decimalInt(n int) Money { return decimal.NewFromInt(int64(n)) }

// fieldsOK reports whether the keys of the mapping item were each read
// without a mistake.
func (d *decoder) fieldsOK(item *Node, keys ...string) bool {
	item = resolve(item)
	if item == nil || item.Kind != MappingNode {
		return false
	}
	for _, k := range keys {
		found := false
		for i := 0; i+1 < len(item.Content); i += 2 {
			if item.Content[i].Value == k {
				found = true
				if !d.ok(item.Content[i+1]) {
					return false
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// nonEmpty notes an empty list where at least one item is needed.
func (d *decoder) nonEmpty(n *Node, items []*Node, path, what string) {
	if n != nil && len(items) == 0 && resolve(n).Kind == SequenceNode {
		d.fail(n, path, "", KindEmpty, "must list at least one "+what)
	}
}
