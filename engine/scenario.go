package engine

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A scenario is a policy with some of its values changed: what a councillor
// tries before a decision. It is kept as the baseline's policy file with a
// list of Changes, so that it can be shared as the changes alone, and the
// changed file is read as strictly as any policy file.

// Change is one value of a policy file changed. Path names the key as errors
// do (moderation.window, rates.10-13.200-259, transition.groups.3.fractions,
// with list items counted from 1); Value is the new value as YAML, a scalar
// like 20 or "0.80" or a list like [1/2, 1/2]; an empty Value removes the key.
type Change struct {
	Path  string
	Value string
	Was   string // the baseline's value, as YAML; empty where the key is new
	Note  string // why the value was changed, in the councillor's words
}

// ApplyChanges makes each change to the policy file base and returns the new
// file. A path that names nothing, or a value that is not YAML, is an *Error
// naming the change. The result is not checked: ParsePolicy checks it.
func ApplyChanges(base []byte, changes []Change) ([]byte, error) {
	vs, err := ParseValues(base)
	if err != nil {
		return nil, err
	}
	if vs, err = vs.With(changes); err != nil {
		return nil, err
	}
	return vs.Text()
}

// With is the file with each change made, as ApplyChanges makes them, read
// as it is: vs itself is left as it was, so the file read once serves change
// after change as a councillor types. A value not changed keeps its line in
// the file vs was read from, so Policy's messages point there.
func (vs Values) With(changes []Change) (Values, error) {
	if vs.root == nil {
		return Values{}, &Error{Kind: KindEmpty, Msg: "the baseline policy is empty"}
	}
	doc := cloneNode(vs.doc, map[*Node]*Node{})
	for _, c := range changes {
		if err := apply(doc.Content[0], c); err != nil {
			return Values{}, err
		}
	}
	return Values{doc: doc, root: resolve(doc.Content[0])}, nil
}

// Text writes the values as a policy file.
func (vs Values) Text() ([]byte, error) {
	if vs.doc == nil {
		return nil, nil
	}
	return writeYAML(vs.doc)
}

// Policy reads the values as a policy, as strictly as ParsePolicy reads a
// file named file.
func (vs Values) Policy(file string) (*Policy, error) {
	d := &decoder{file: file}
	if vs.root == nil || vs.root.Tag == "!!null" {
		d.fail(nil, "", "", KindEmpty, "is empty: a policy file starts with its id, name and council")
		return nil, d.errs
	}
	p := d.policy(vs.root)
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	return p, nil
}

// cloneNode copies a tree of nodes, an alias pointing into the copy.
func cloneNode(n *Node, seen map[*Node]*Node) *Node {
	if n == nil {
		return nil
	}
	if c, ok := seen[n]; ok {
		return c
	}
	c := *n
	seen[n] = &c
	if n.Content != nil {
		c.Content = make([]*Node, len(n.Content))
		for i, k := range n.Content {
			c.Content[i] = cloneNode(k, seen)
		}
	}
	c.Alias = cloneNode(n.Alias, seen)
	return &c
}

func apply(root *Node, c Change) error {
	keys := strings.Split(c.Path, ".")
	if c.Path == "" || slices.Contains(keys, "") {
		return &Error{Field: c.Path, Kind: KindSyntax, Msg: "is not a key path: write it like moderation.window"}
	}
	var value *Node
	if c.Value != "" {
		v, err := readValue(c.Path, c.Value)
		if err != nil {
			return err
		}
		value = v
	}
	parent := root
	for i, key := range keys {
		last := i == len(keys)-1
		parent = resolve(parent)
		switch parent.Kind {
		case MappingNode:
			at := -1
			for j := 0; j+1 < len(parent.Content); j += 2 {
				if parent.Content[j].Value == key {
					at = j
				}
			}
			switch {
			case last && value == nil && at >= 0:
				parent.Content = slices.Delete(parent.Content, at, at+2)
				return nil
			case last && value == nil:
				return nil
			case last && at >= 0:
				replace(parent.Content[at+1], value)
				return nil
			case last:
				parent.Content = append(parent.Content, &Node{Kind: ScalarNode, Tag: "!!str", Value: key}, value)
				return nil
			case at < 0:
				return &Error{Field: c.Path, Kind: KindUnknownKey, Msg: fmt.Sprintf("names no value: %s has no key %q", strings.Join(keys[:i], "."), key)}
			}
			parent = parent.Content[at+1]
		case SequenceNode:
			n, err := strconv.Atoi(key)
			if err != nil || n < 1 || n > len(parent.Content) {
				return &Error{Field: c.Path, Kind: KindUnknownKey, Msg: fmt.Sprintf("names no value: %s has items 1 to %d", strings.Join(keys[:i], "."), len(parent.Content))}
			}
			if last {
				if value == nil {
					parent.Content = slices.Delete(parent.Content, n-1, n)
				} else {
					replace(parent.Content[n-1], value)
				}
				return nil
			}
			parent = parent.Content[n-1]
		default:
			return &Error{Field: c.Path, Kind: KindUnknownKey, Msg: fmt.Sprintf("names no value: %s is a single value", strings.Join(keys[:i], "."))}
		}
	}
	return nil
}

// replace puts value in the place of old, keeping old's quoting where both are
// single values, so a quoted amount stays quoted.
func replace(old, value *Node) {
	line, col, style := old.Line, old.Column, old.Style
	*old = *value
	old.Line, old.Column = line, col
	if old.Kind == ScalarNode && value.Style == 0 {
		old.Style = style
	}
}

// Diff lists the values of the policy file scenario that differ from base,
// each with the baseline's value: the changes that make base into scenario.
// A list whose length differs is one change, the whole list.
func Diff(base, scenario []byte) ([]Change, error) {
	a, err := ParseValues(base)
	if err != nil {
		return nil, err
	}
	b, err := ParseValues(scenario)
	if err != nil {
		return nil, err
	}
	return a.Diff(b)
}

// Diff is Diff on files already read.
func (vs Values) Diff(scenario Values) ([]Change, error) {
	if vs.root == nil || scenario.root == nil {
		return nil, &Error{Kind: KindEmpty, Msg: "a policy to compare is empty"}
	}
	var changes []Change
	diff(vs.root, scenario.root, "", &changes)
	return changes, nil
}

func diff(a, b *Node, path string, out *[]Change) {
	a, b = resolve(a), resolve(b)
	switch {
	case a.Kind == MappingNode && b.Kind == MappingNode:
		for i := 0; i+1 < len(b.Content); i += 2 {
			key := b.Content[i].Value
			if av := mapValue(a, key); av != nil {
				diff(av, b.Content[i+1], join(path, key), out)
			} else {
				*out = append(*out, Change{Path: join(path, key), Value: flow(b.Content[i+1])})
			}
		}
		for i := 0; i+1 < len(a.Content); i += 2 {
			if mapValue(b, a.Content[i].Value) == nil {
				*out = append(*out, Change{Path: join(path, a.Content[i].Value), Was: flow(a.Content[i+1])})
			}
		}
	case a.Kind == SequenceNode && b.Kind == SequenceNode && len(a.Content) == len(b.Content):
		for i := range a.Content {
			diff(a.Content[i], b.Content[i], join(path, strconv.Itoa(i+1)), out)
		}
	case a.Kind == ScalarNode && b.Kind == ScalarNode:
		if a.Value != b.Value {
			*out = append(*out, Change{Path: path, Value: flow(b), Was: flow(a)})
		}
	default:
		if flow(a) != flow(b) {
			*out = append(*out, Change{Path: path, Value: flow(b), Was: flow(a)})
		}
	}
}

func mapValue(m *Node, key string) *Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// flow writes a value as one line of YAML: 20, "0.80", [1/2, 1/2].
func flow(n *Node) string {
	out, err := writeFlow(n)
	if err != nil {
		return ""
	}
	return out
}

// Affected lists the Decisions of p that a set of changes alters: those that
// govern a changed path. A Decision governs the paths its policy file lists
// under governs, where * stands for any one key or list item.
func (p *Policy) Affected(changes []Change) []Decision {
	var out []Decision
	for _, d := range p.Decisions {
		for _, c := range changes {
			if d.governs(c.Path) {
				out = append(out, d)
				break
			}
		}
	}
	return out
}

func (d Decision) governs(path string) bool {
	keys := strings.Split(path, ".")
	for _, g := range d.Governs {
		pattern := strings.Split(g, ".")
		if len(pattern) > len(keys) {
			// A change to a whole section alters what governs inside it.
			if prefixMatch(keys, pattern[:len(keys)]) {
				return true
			}
			continue
		}
		if prefixMatch(keys[:len(pattern)], pattern) {
			return true
		}
	}
	return false
}

func prefixMatch(keys, pattern []string) bool {
	for i, p := range pattern {
		if p != "*" && p != keys[i] {
			return false
		}
	}
	return true
}

// ValueAt returns the value at a key path of a policy file: a single value's
// text, or the texts of a list of single values. ok is false where the path
// names nothing. To read many values of one file, read it once with
// ReadValues.
func ValueAt(text []byte, path string) (value string, list []string, ok bool) {
	return ReadValues(text).At(path)
}

// Values is a policy file read once as YAML, to look up values by key path,
// apply changes and compare: a form showing every value of a policy, and
// changed at every keystroke, reads the baseline once.
type Values struct {
	doc  *Node // the document; nil where the text is empty
	root *Node // its top mapping
}

// ParseValues reads a policy file as YAML. Text that is not YAML, or that
// is bounded out as ParsePolicy bounds it (too large, a second document,
// anchors and aliases, lists too long), is an error with the line of the
// mistake; empty text has no values.
func ParseValues(text []byte) (Values, error) { return ParseValuesPaced(text, nil) }

// ParseValuesPaced is ParseValues, calling pause each time the YAML parser
// has read another PaceBytes of the text: a page that gives the browser its
// turn there answers input while a large file is read, rather than after
// it. A nil pause is never called.
func ParseValuesPaced(text []byte, pause func()) (Values, error) {
	doc, errs := readDocument("", text, pause)
	if errs != nil {
		return Values{}, errs
	}
	if len(doc.Content) == 0 {
		return Values{}, nil
	}
	return Values{doc: doc, root: resolve(doc.Content[0])}, nil
}

// ValuesFromNodes is ParseValues on a file's tree of nodes read before
// (policies.Nodes), through the same bounds, without parsing YAML.
func ValuesFromNodes(doc *Node) (Values, error) {
	if doc == nil || doc.Kind == 0 || len(doc.Content) == 0 {
		return Values{}, nil
	}
	if doc.Kind != DocumentNode {
		return Values{}, Errors{{Kind: KindShape, Msg: "is not a YAML document"}}
	}
	if es := guard("", doc, &step{}, true); es != nil {
		return Values{}, es
	}
	return Values{doc: doc, root: resolve(doc.Content[0])}, nil
}

// ReadValues reads a policy file's values. Text that is not YAML has none.
func ReadValues(text []byte) Values {
	vs, _ := ParseValues(text)
	return vs
}

// At returns the value at a key path, as ValueAt does.
func (vs Values) At(path string) (value string, list []string, ok bool) {
	n := vs.root
	if n == nil {
		return "", nil, false
	}
	for _, key := range strings.Split(path, ".") {
		switch n.Kind {
		case MappingNode:
			n = resolve(mapValue(n, key))
		case SequenceNode:
			i, err := strconv.Atoi(key)
			if err != nil || i < 1 || i > len(n.Content) {
				return "", nil, false
			}
			n = resolve(n.Content[i-1])
		default:
			return "", nil, false
		}
		if n == nil {
			return "", nil, false
		}
	}
	switch n.Kind {
	case ScalarNode:
		return n.Value, nil, true
	case SequenceNode:
		for _, item := range n.Content {
			list = append(list, resolve(item).Value)
		}
		return "", list, true
	}
	return "", nil, false
}
