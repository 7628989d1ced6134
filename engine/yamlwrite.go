package engine

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// A small writer of YAML for the nodes a policy file is read into: the
// changed file a scenario downloads, and a value as one line of flow YAML.
// It writes what gopkg.in/yaml.v3's encoder writes for the same nodes, with
// an indent of 2, so that the encoder, a large part of the page's program,
// need not be built into it. It chooses a scalar's style as the encoder
// does: the style the value was read in where that still reads back as the
// same value, else single quotes, else double quotes. Where the encoder's
// output is intricate and only a matter of layout, this writes a simpler
// equivalent: a multi-line value in single quotes, or a folded one (>), is
// written in double quotes or as a literal (|); comments inside a flow
// collection are left out. What it writes reads back as the same values.

// errNotWritable is a file whose nodes this writer cannot write: a key that
// is not a single value, or text that is not UTF-8.
var errNotWritable = errors.New("holds a key or text that cannot be written back as YAML")

type yamlWriter struct {
	b   []byte
	err error
}

// put adds text to what is written.
func (w *yamlWriter) put(s string) { w.b = append(w.b, s...) }

// writeYAML writes a document in block style, as the encoder does with an
// indent of 2.
func writeYAML(doc *Node) ([]byte, error) {
	w := &yamlWriter{}
	if doc.HeadComment != "" {
		w.comment(doc.HeadComment, 0)
		w.put("\n")
	}
	for _, n := range doc.Content {
		w.block(n, 0)
	}
	if doc.FootComment != "" {
		w.put("\n")
		w.comment(doc.FootComment, 0)
	}
	if w.err != nil {
		return nil, w.err
	}
	return w.b, nil
}

// writeFlow writes a value on one line, as a Change's Value is written:
// collections in flow style, comments left out.
func writeFlow(n *Node) (string, error) {
	w := &yamlWriter{}
	w.inline(resolve(n), 0, false)
	return string(w.b), w.err
}

func (w *yamlWriter) indent(n int) {
	for range n {
		w.b = append(w.b, ' ')
	}
}

// comment writes a comment's lines at an indent, each opened by a #.
func (w *yamlWriter) comment(c string, indent int) {
	if c == "" {
		return
	}
	for _, line := range strings.Split(strings.TrimRight(c, "\n"), "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" {
			w.put("\n")
			continue
		}
		w.indent(indent)
		if line[0] != '#' {
			w.put("# ")
		}
		w.put(line)
		w.put("\n")
	}
}

// lineComment ends a line with a comment, if there is one, and the line.
func (w *yamlWriter) lineComment(cs ...string) {
	for _, c := range cs {
		if c == "" {
			continue
		}
		c = strings.ReplaceAll(strings.ReplaceAll(c, "\r", " "), "\n", " ")
		w.put(" ")
		if c[0] != '#' {
			w.put("# ")
		}
		w.put(c)
	}
	w.put("\n")
}

// isBlock says whether n is written over lines of its own: a collection in
// block style with something in it.
func isBlock(n *Node) bool {
	return (n.Kind == MappingNode || n.Kind == SequenceNode) && n.Style&FlowStyle == 0 && len(n.Content) > 0
}

// block writes n from the start of a line, at indent.
func (w *yamlWriter) block(n *Node, indent int) {
	n = resolve(n)
	w.comment(n.HeadComment, indent)
	if isBlock(n) {
		w.collection(n, indent, false)
		w.comment(n.FootComment, indent)
		return
	}
	w.indent(indent)
	w.scalarOrFlow(n, indent, "")
}

// collection writes a block mapping or sequence at indent; opened says its
// first line is opened already, by the "- " of the list holding it.
func (w *yamlWriter) collection(n *Node, indent int, opened bool) {
	step := 1
	if n.Kind == MappingNode {
		step = 2
	}
	for i := 0; i+step-1 < len(n.Content); i += step {
		k := resolve(n.Content[i])
		if i > 0 || !opened {
			w.comment(k.HeadComment, indent)
			w.indent(indent)
		}
		if step == 1 {
			w.put("-")
			w.after(k, indent, "", true)
			continue
		}
		v := resolve(n.Content[i+1])
		if k.Kind != ScalarNode {
			w.fail()
			return
		}
		if !simpleKey(k) {
			// Not a simple key: the encoder opens it with "? ".
			w.put("? ")
			w.inline(k, 0, true)
			w.put("\n")
			w.indent(indent)
		} else {
			w.inline(k, 0, true)
		}
		w.put(":")
		w.after(v, indent, k.LineComment, false)
		w.comment(k.FootComment, indent)
	}
}

// after writes a value that follows an indicator ("-" or ":") on its line,
// at the block indent of the collection holding it; item says the
// indicator is a list's "-".
func (w *yamlWriter) after(v *Node, indent int, keyComment string, item bool) {
	switch {
	case isBlock(v) && item && v.HeadComment == "" && resolve(v.Content[0]).HeadComment == "":
		// A list or mapping in a list starts on the item's line: "- - a",
		// "- id: 1".
		w.put(" ")
		w.collection(v, indent+2, true)
		w.comment(v.FootComment, indent+2)
	case isBlock(v):
		w.lineComment(keyComment, v.LineComment)
		w.block(v, indent+2)
	default:
		if tag, style := scalarStyle(v, 0, false); v.Kind != ScalarNode || v.Value != "" || tag != "" || style != 0 {
			w.put(" ")
		}
		w.scalarOrFlow(v, indent, keyComment)
	}
}

// scalarOrFlow writes a single value or a flow collection after an
// indicator, then the rest of its line and, for a literal, its lines.
func (w *yamlWriter) scalarOrFlow(v *Node, indent int, keyComment string) {
	if v.Kind == ScalarNode {
		if tag, style := scalarStyle(v, 0, false); style == LiteralStyle {
			w.tag(tag)
			w.literal(v.Value, indent+2, keyComment, v.LineComment)
			w.comment(v.FootComment, indent)
			return
		}
	}
	w.inline(v, 0, false)
	w.lineComment(keyComment, v.LineComment)
	w.comment(v.FootComment, indent)
}

func (w *yamlWriter) fail() {
	if w.err == nil {
		w.err = errNotWritable
	}
}

func (w *yamlWriter) tag(tag string) {
	if tag == "" {
		return
	}
	if strings.HasPrefix(tag, "!") && !strings.ContainsAny(tag, " \t\r\n,[]{}<>") {
		w.put(tag)
	} else {
		w.put("!<" + tag + ">")
	}
	w.put(" ")
}

// inline writes n on the current line: a single value, or a collection in
// flow style. level is the depth of flow collections n is in; key says n is
// a mapping's key. A value over lines is written in double quotes.
func (w *yamlWriter) inline(n *Node, level int, key bool) {
	n = resolve(n)
	switch n.Kind {
	case ScalarNode:
		tag, style := scalarStyle(n, level, key)
		if style == LiteralStyle {
			// Reached only for a whole one-line value: in a flow
			// collection or a key a literal gives way to double quotes
			// already.
			style = DoubleQuotedStyle
		}
		w.tag(tag)
		w.scalar(n.Value, style)
	case SequenceNode, MappingNode:
		w.tag(collectionTag(n))
		open, end := "[", "]"
		step := 1
		if n.Kind == MappingNode {
			open, end, step = "{", "}", 2
		}
		w.put(open)
		for i := 0; i+step-1 < len(n.Content); i += step {
			if i > 0 {
				w.put(", ")
			}
			if step == 1 {
				w.inline(n.Content[i], level+1, false)
				continue
			}
			if k := resolve(n.Content[i]); !simpleKey(k) {
				w.put("? ")
			}
			w.inline(n.Content[i], level+1, true)
			w.put(": ")
			w.inline(n.Content[i+1], level+1, false)
		}
		w.put(end)
	default:
		w.fail()
	}
}

// simpleKey says whether a key is written without the "? " that opens a
// long key or one over lines, as the encoder judges it.
func simpleKey(k *Node) bool {
	return k.Kind == ScalarNode && len(k.Value) <= 128 && !analyse(k.Value).multiline
}

func collectionTag(n *Node) string {
	if n.Tag == "" || n.Style&TaggedStyle == 0 && (n.Kind == MappingNode && n.Tag == "!!map" || n.Kind == SequenceNode && n.Tag == "!!seq") {
		return ""
	}
	return n.Tag
}

// scalarStyle chooses how a single value is written, as the encoder does:
// the tag to write, if any, and the style, plain (0) or a quoting or the
// literal style.
func scalarStyle(n *Node, level int, key bool) (string, NodeStyle) {
	tag, force := n.Tag, false
	if tag != "" && n.Style&TaggedStyle == 0 {
		quoted := n.Style&(SingleQuotedStyle|DoubleQuotedStyle|LiteralStyle|FoldedStyle) != 0
		switch implied := (&Node{Kind: ScalarNode, Value: n.Value}).shortTag(); {
		case tag == "!!str" && quoted, implied == tag && n.Value != "<<":
			tag = ""
		case tag == "!!str":
			// A string that would read back as another kind of value, or
			// as a merge key (which the encoder writes plain), is quoted.
			tag, force = "", true
		}
	}
	v := n.Value
	var style NodeStyle
	switch {
	case n.Style&DoubleQuotedStyle != 0:
		style = DoubleQuotedStyle
	case n.Style&SingleQuotedStyle != 0:
		style = SingleQuotedStyle
	case n.Style&(LiteralStyle|FoldedStyle) != 0, strings.Contains(v, "\n"):
		style = LiteralStyle
	case force:
		style = DoubleQuotedStyle
	}
	a := analyse(v)
	if key && a.multiline {
		style = DoubleQuotedStyle
	}
	if style == 0 {
		if level > 0 && !a.flowPlain || level == 0 && !a.blockPlain || v == "" && (level > 0 || key) {
			style = SingleQuotedStyle
		}
	}
	if style == SingleQuotedStyle && (!a.single || a.multiline) {
		style = DoubleQuotedStyle
	}
	// A literal cannot hold a carriage return or a line opened by a tab.
	if style == LiteralStyle && (!a.block || level > 0 || key || strings.ContainsAny(v, "\r\u0085\u2028\u2029") || v[0] == '\t' || strings.Contains(v, "\n\t")) {
		style = DoubleQuotedStyle
	}
	return tag, style
}

type analysis struct {
	multiline, flowPlain, blockPlain, single, block bool
}

func yamlPrintable(r rune) bool {
	return r == '\n' || r >= 0x20 && r <= 0x7e || r >= 0xa0 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd && r != 0xfeff
}

func yamlBreak(r rune) bool {
	return r == '\r' || r == '\n' || r == 0x85 || r == 0x2028 || r == 0x2029
}

// analyse is the encoder's analysis of a scalar: where it may be written
// plain, in single quotes or as a literal.
func analyse(v string) analysis {
	if v == "" {
		return analysis{blockPlain: true, single: true}
	}
	var blockInd, flowInd, breaks, special, tabs, leadSpace, leadBreak, trailSpace, trailBreak, breakSpace, spaceBreak, prevSpace, prevBreak bool
	if strings.HasPrefix(v, "---") || strings.HasPrefix(v, "...") {
		blockInd, flowInd = true, true
	}
	precededByWhite := true
	for i, r := range v {
		w := utf8.RuneLen(r)
		if r == utf8.RuneError && w == 3 && !strings.HasPrefix(v[i:], "\uFFFD") {
			w = 1
		}
		followedByWhite := i+w >= len(v) || v[i+w] == ' ' || v[i+w] == '\t'
		if i == 0 {
			switch r {
			case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
				flowInd, blockInd = true, true
			case '?', ':':
				flowInd = true
				if followedByWhite {
					blockInd = true
				}
			case '-':
				if followedByWhite {
					flowInd, blockInd = true, true
				}
			}
		} else {
			switch r {
			case ',', '?', '[', ']', '{', '}':
				flowInd = true
			case ':':
				flowInd = true
				if followedByWhite {
					blockInd = true
				}
			case '#':
				if precededByWhite {
					flowInd, blockInd = true, true
				}
			}
		}
		if r == '\t' {
			tabs = true
		} else if !yamlPrintable(r) {
			special = true
		}
		switch {
		case r == ' ':
			leadSpace = leadSpace || i == 0
			trailSpace = trailSpace || i+w == len(v)
			breakSpace = breakSpace || prevBreak
			prevSpace, prevBreak = true, false
		case yamlBreak(r):
			breaks = true
			leadBreak = leadBreak || i == 0
			trailBreak = trailBreak || i+w == len(v)
			spaceBreak = spaceBreak || prevSpace
			prevSpace, prevBreak = false, true
		default:
			prevSpace, prevBreak = false, false
		}
		precededByWhite = r == ' ' || r == '\t' || yamlBreak(r) || r == 0
	}
	a := analysis{multiline: breaks, flowPlain: true, blockPlain: true, single: true, block: true}
	if leadSpace || leadBreak || trailSpace || trailBreak {
		a.flowPlain, a.blockPlain = false, false
	}
	if trailSpace {
		a.block = false
	}
	if breakSpace || spaceBreak || tabs || special {
		a.flowPlain, a.blockPlain, a.single = false, false, false
	}
	if spaceBreak || special {
		a.block = false
	}
	if breaks {
		a.flowPlain, a.blockPlain = false, false
	}
	if flowInd {
		a.flowPlain = false
	}
	if blockInd {
		a.blockPlain = false
	}
	return a
}

// scalar writes a value plain, in single quotes or in double quotes.
func (w *yamlWriter) scalar(v string, style NodeStyle) {
	if !utf8.ValidString(v) {
		w.fail()
		return
	}
	switch style {
	case 0:
		w.put(v)
	case SingleQuotedStyle:
		w.put("'" + strings.ReplaceAll(v, "'", "''") + "'")
	default:
		w.doubleQuoted(v)
	}
}

// doubleQuoted writes v in double quotes, escaped as the encoder escapes it.
func (w *yamlWriter) doubleQuoted(v string) {
	const hex = "0123456789ABCDEF"
	w.b = append(w.b, '"')
	for _, r := range v {
		if yamlPrintable(r) && r != 0xfeff && !yamlBreak(r) && r != '"' && r != '\\' {
			w.b = utf8.AppendRune(w.b, r)
			continue
		}
		w.b = append(w.b, '\\')
		if c := shortEscape(r); c != 0 {
			w.b = append(w.b, c)
			continue
		}
		digits := 8
		switch {
		case r <= 0xff:
			w.b = append(w.b, 'x')
			digits = 2
		case r <= 0xffff:
			w.b = append(w.b, 'u')
			digits = 4
		default:
			w.b = append(w.b, 'U')
		}
		for k := (digits - 1) * 4; k >= 0; k -= 4 {
			w.b = append(w.b, hex[(r>>k)&0xf])
		}
	}
	w.b = append(w.b, '"')
}

// shortEscape is the letter that escapes r in double quotes, if it has one.
func shortEscape(r rune) byte {
	switch r {
	case 0:
		return '0'
	case '\a':
		return 'a'
	case '\b':
		return 'b'
	case '\t':
		return 't'
	case '\n':
		return 'n'
	case '\v':
		return 'v'
	case '\f':
		return 'f'
	case '\r':
		return 'r'
	case 0x1b:
		return 'e'
	case '"', '\\':
		return byte(r)
	case 0x85:
		return 'N'
	case 0xa0:
		return '_'
	case 0x2028:
		return 'L'
	case 0x2029:
		return 'P'
	}
	return 0
}

// literal writes a value over lines as a literal (|), its lines at indent,
// with the comments that end its first line. scalarStyle chooses a literal
// only for a value whose line breaks are all \n.
func (w *yamlWriter) literal(v string, indent int, comments ...string) {
	w.put("|")
	if v[0] == ' ' || v[0] == '\n' {
		w.put("2")
	}
	switch {
	case !strings.HasSuffix(v, "\n"):
		w.put("-")
	case v == "\n" || strings.HasSuffix(v, "\n\n"):
		w.put("+")
	}
	w.lineComment(comments...)
	lines := strings.Split(v, "\n")
	for i, line := range lines {
		if line != "" {
			w.indent(indent)
			w.put(line)
		}
		if line != "" || i < len(lines)-1 {
			w.put("\n")
		}
	}
}
