package engine

import (
	"strconv"
	"strings"
	"time"
)

// Node is one node of a YAML document as it was written: a document, a
// mapping, a list, a single value or an alias, with its tag, style,
// comments and place in the text. It is gopkg.in/yaml.v3's Node, field for
// field and value for value, so that a tree that package reads converts to
// it one to one (yamlread.go). The engine has its own type so that a
// program that reads policies only from their trees of nodes, made when it
// was built (DecodeNodes, policies.Nodes), links no YAML parser: the
// calculator's page, built with -tags noyaml, starts sooner and is smaller
// for it.
type Node struct {
	Kind  NodeKind
	Style NodeStyle
	// Tag is the value's YAML tag, like !!str or !!int: the tag written,
	// or else the one its text resolves to.
	Tag   string
	Value string // a scalar's text, unquoted and unescaped; an alias's name
	// Anchor names the node for aliases (&name).
	Anchor string
	// Alias is the node an alias points to.
	Alias *Node
	// Content holds a document's node, a list's items, or a mapping's keys
	// and values in turn.
	Content []*Node

	// HeadComment is the comment on the lines before the node, LineComment
	// the one ending its line, FootComment the one after it.
	HeadComment string
	LineComment string
	FootComment string

	// Line and Column are where the node starts in the text, from 1.
	Line   int
	Column int
}

// NodeKind is what a node is: yaml.v3's Kind.
type NodeKind uint32

// The kinds of node, with yaml.v3's values.
const (
	DocumentNode NodeKind = 1 << iota
	SequenceNode
	MappingNode
	ScalarNode
	AliasNode
)

// NodeStyle is how a node is written: yaml.v3's Style, a set of these bits.
type NodeStyle uint32

// The styles of node, with yaml.v3's values.
const (
	TaggedStyle NodeStyle = 1 << iota
	DoubleQuotedStyle
	SingleQuotedStyle
	LiteralStyle
	FoldedStyle
	FlowStyle
)

// isZero reports whether every field of n is unset.
func (n *Node) isZero() bool {
	return n.Kind == 0 && n.Style == 0 && n.Tag == "" && n.Value == "" && n.Anchor == "" && n.Alias == nil && n.Content == nil &&
		n.HeadComment == "" && n.LineComment == "" && n.FootComment == "" && n.Line == 0 && n.Column == 0
}

// shortTag is the short form of n's tag, like !!int, as yaml.v3's
// Node.ShortTag gives it: where n has no tag, the one its kind, style and
// text imply.
func (n *Node) shortTag() string {
	if n.Kind == ScalarNode && (shortTag(n.Tag) == "!!str" ||
		(n.Tag == "" || n.Tag == "!") && n.Style&(SingleQuotedStyle|DoubleQuotedStyle|LiteralStyle|FoldedStyle) != 0) {
		return "!!str"
	}
	if n.Tag == "" || n.Tag == "!" {
		switch n.Kind {
		case MappingNode:
			return "!!map"
		case SequenceNode:
			return "!!seq"
		case AliasNode:
			if n.Alias != nil {
				return n.Alias.shortTag()
			}
		case ScalarNode:
			return plainTag(n.Value)
		case 0:
			if n.isZero() {
				return "!!null"
			}
		}
		return ""
	}
	return shortTag(n.Tag)
}

// shortTag is a tag in its short form: tag:yaml.org,2002:int is !!int.
func shortTag(tag string) string {
	if rest, ok := strings.CutPrefix(tag, "tag:yaml.org,2002:"); ok {
		return "!!" + rest
	}
	return tag
}

// plainTag is the tag of a value written plainly, without quotes or a tag,
// as yaml.v3 resolves it: !!null, !!bool, !!int, !!float, !!timestamp
// or !!str (a merge key, <<, is !!merge only as the parser reads it, as a
// key). It follows yaml.v3's resolve step for step, with the
// regular expression it matches floats with written out (isYAMLFloat), so
// that the program links no regular expressions.
func plainTag(in string) string {
	switch in {
	case "", "~", "null", "Null", "NULL":
		return "!!null"
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "!!bool"
	case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF":
		return "!!float"
	}
	switch c := in[0]; {
	case c == '.':
		if _, err := strconv.ParseFloat(in, 64); err == nil {
			return "!!float"
		}
	case c == '+' || c == '-' || '0' <= c && c <= '9':
		if isTimestamp(in) {
			return "!!timestamp"
		}
		plain := strings.ReplaceAll(in, "_", "")
		if _, err := strconv.ParseInt(plain, 0, 64); err == nil {
			return "!!int"
		}
		if _, err := strconv.ParseUint(plain, 0, 64); err == nil {
			return "!!int"
		}
		if isYAMLFloat(plain) {
			if _, err := strconv.ParseFloat(plain, 64); err == nil {
				return "!!float"
			}
		}
		for _, base := range []struct {
			prefix string
			base   int
		}{{"0b", 2}, {"0o", 8}} {
			if digits, ok := strings.CutPrefix(plain, base.prefix); ok {
				if _, err := strconv.ParseInt(digits, base.base, 64); err == nil {
					return "!!int"
				}
				if _, err := strconv.ParseUint(digits, base.base, 64); err == nil {
					return "!!int"
				}
			} else if digits, ok := strings.CutPrefix(plain, "-"+base.prefix); ok {
				if _, err := strconv.ParseInt("-"+digits, base.base, 64); err == nil {
					return "!!int"
				}
			}
		}
	}
	return "!!str"
}

// isYAMLFloat reports whether s matches yaml.v3's expression for a float,
// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$.
func isYAMLFloat(s string) bool {
	i := 0
	digits := func() int {
		from := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i - from
	}
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	} else {
		if digits() == 0 {
			return false
		}
		if i < len(s) && s[i] == '.' {
			i++
			digits()
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// isTimestamp reports whether s is a timestamp yaml.v3 reads, in one of the
// layouts it tries: four digits and a dash first, then a date, perhaps with
// a time.
func isTimestamp(s string) bool {
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, layout := range []string{
		"2006-1-2T15:4:5.999999999Z07:00",
		"2006-1-2t15:4:5.999999999Z07:00",
		"2006-1-2 15:4:5.999999999",
		"2006-1-2",
	} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}
