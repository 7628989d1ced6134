package engine

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// A policy file is read by people, and a scenario may come from anyone: a
// link, a pasted file. So before a file is decoded its size, its shape and
// the length of its lists are bounded here, in one walk over the YAML nodes
// as they were written. Anchors, aliases and merge keys are refused: a
// reader checking a policy should see every value where it applies, and an
// alias repeated over aliases (a "billion laughs") makes a file of a few
// kilobytes stand for gigabytes. policies/README.md lists the bounds.

// MaxPolicyBytes bounds a policy file or scenario: the shipped files are a
// few kilobytes.
const MaxPolicyBytes = 1 << 20

// maxDepth bounds how deeply a policy file nests: the deepest value of the
// format, a stage of a transition group, is at depth 5
// (transition.groups.3.fractions.1).
const maxDepth = 12

// maxItems bounds a list or mapping the limits below do not name.
const maxItems = 200

// maxGuardErrors bounds how many anchors, aliases and the like are listed
// before the rest are summed up in one message.
const maxGuardErrors = 20

// A listLimit bounds the length of the list (or mapping) at a key path; *
// stands for any one key or list item.
type listLimit struct {
	path string
	max  int
	noun string   // what the list holds, plural
	keys []string // path, split at its dots
}

// listLimits are the bounds of policies/README.md.
var listLimits = []listLimit{
	{path: "age.bands", max: 50, noun: "age bands"},
	{path: "scores.bands", max: 50, noun: "score bands"},
	{path: "provision.by_age", max: 50, noun: "kinds of provision"},
	{path: "rates", max: 50, noun: "age bands"},
	{path: "rates.*", max: 50, noun: "score bands"},
	{path: "moderation.steps", max: 100, noun: "steps"},
	{path: "transition.groups", max: 20, noun: "transition groups"},
	{path: "transition.groups.*.fractions", max: 24, noun: "stages"},
	{path: "transition.groups.*.stage_dates", max: 24, noun: "stages"},
	{path: "transition.groups.*.stage_months_after_plan", max: 24, noun: "stages"},
	{path: "reviews.months_after_decision", max: 50, noun: "reviews"},
	{path: "cohort.figures", max: 100, noun: "figures"},
	{path: "notes", max: 100, noun: "notes"},
	{path: "decisions", max: 200, noun: "Decisions"},
	{path: "decisions.*.governs", max: 50, noun: "key paths"},
}

func init() {
	for i := range listLimits {
		listLimits[i].keys = strings.Split(listLimits[i].path, ".")
	}
}

// limitAt is the bound of the list at the key path at, with what it holds.
func limitAt(at *step) (int, string) {
	for _, l := range listLimits {
		if at.matches(l.keys) {
			return l.max, l.noun
		}
	}
	return maxItems, "items"
}

// A step is one key of a key path, or one list item, linked to the step
// before: a path is told in full only when a mistake names it, so that a
// long key is not copied into the path of every value under it.
type step struct {
	up    *step
	key   string // a mapping's key; "" for a list item
	item  int    // a list item, from 1
	depth int    // the number of steps, this one included
}

func (s *step) child(key string) *step { return &step{up: s, key: key, depth: s.depth + 1} }
func (s *step) index(i int) *step      { return &step{up: s, item: i, depth: s.depth + 1} }

func (s *step) name() string {
	if s.item > 0 {
		return strconv.Itoa(s.item)
	}
	return shorten(s.key)
}

// String is the key path, like transition.groups.3.fractions.
func (s *step) String() string {
	names := make([]string, s.depth)
	for at := s; at != nil && at.depth > 0; at = at.up {
		names[at.depth-1] = at.name()
	}
	return strings.Join(names, ".")
}

// matches reports whether the path is pattern, where * stands for any one
// key or list item.
func (s *step) matches(pattern []string) bool {
	if s.depth != len(pattern) {
		return false
	}
	for at := s; at != nil && at.depth > 0; at = at.up {
		if p := pattern[at.depth-1]; p != "*" && (at.item > 0 || p != at.key) {
			return false
		}
	}
	return true
}

// pathOf is the steps of a key path.
func pathOf(path string) *step {
	at := &step{}
	if path == "" {
		return at
	}
	for _, key := range strings.Split(path, ".") {
		if i, err := strconv.Atoi(key); err == nil && i > 0 {
			at = at.index(i)
		} else {
			at = at.child(key)
		}
	}
	return at
}

// tooLarge is the error of a file over MaxPolicyBytes.
func tooLarge(file string) *Error {
	return &Error{File: file, Kind: KindTooBig, Msg: fmt.Sprintf("is larger than 1 MB: a policy file is at most 1 MB (%d bytes)", MaxPolicyBytes)}
}

// ReadPolicyText reads a policy file or scenario from r, reading no more than
// MaxPolicyBytes and one byte: a larger file is an *Error saying so, told at
// once whatever the size of what r holds. file names it in the messages.
func ReadPolicyText(file string, r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxPolicyBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxPolicyBytes {
		return nil, tooLarge(file)
	}
	return data, nil
}

// guard walks the nodes under root, at the key path at, once each, without
// following an alias. lines says whether the nodes' lines are lines of the
// file, to be named in the messages.
func guard(file string, root *Node, at *step, lines bool) Errors {
	type item struct {
		n   *Node
		at  *step
		key bool // n is a mapping's key
	}
	var es Errors
	fail := func(n *Node, at *step, kind ErrorKind, value, msg string) bool {
		if len(es) == maxGuardErrors {
			es = append(es, &Error{File: file, Kind: KindTooMany, Msg: "has more mistakes of these kinds: put these right first"})
			return false
		}
		e := &Error{File: file, Field: at.String(), Value: value, Kind: kind, Msg: msg}
		if lines {
			e.Line = n.Line
		}
		es = append(es, e)
		return true
	}
	const writeOut = ": write the value out in full where it applies; a policy is read by people, and has no need of anchors, aliases or merge keys"
	stack := []item{{root, at, false}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := it.n
		if n.Kind == DocumentNode {
			for _, c := range n.Content {
				stack = append(stack, item{c, it.at, false})
			}
			continue
		}
		if n.Kind == AliasNode {
			if !fail(n, it.at, KindAlias, "*"+n.Value, "is an alias"+writeOut) {
				return es
			}
			continue
		}
		if n.Anchor != "" && !fail(n, it.at, KindAlias, "&"+n.Anchor, "is an anchor"+writeOut) {
			return es
		}
		if it.key && n.Kind == ScalarNode && n.shortTag() == "!!merge" && !fail(n, it.at, KindAlias, "<<", "is a merge key"+writeOut) {
			return es
		}
		if n.Kind != MappingNode && n.Kind != SequenceNode {
			continue
		}
		if it.at.depth >= maxDepth {
			if !fail(n, it.at, KindTooMany, "", fmt.Sprintf("nests too deeply: a policy file nests at most %d levels", maxDepth)) {
				return es
			}
			continue
		}
		count := len(n.Content)
		if n.Kind == MappingNode {
			count /= 2
		}
		if max, noun := limitAt(it.at); count > max && !fail(n, it.at, KindTooMany, "", fmt.Sprintf("has %d %s: a policy file has at most %d", count, noun, max)) {
			return es
		}
		// Pushed last to first, so that mistakes are listed in the order
		// of the file.
		if n.Kind == SequenceNode {
			for i := len(n.Content) - 1; i >= 0; i-- {
				stack = append(stack, item{n.Content[i], it.at.index(i + 1), false})
			}
			continue
		}
		for i := len(n.Content) - 2; i >= 0; i -= 2 {
			k := n.Content[i]
			at := it.at.child(k.Value)
			if k.Kind == AliasNode {
				at.key = "*" + k.Value
			}
			stack = append(stack, item{n.Content[i+1], at, false}, item{n.Content[i], at, true})
		}
	}
	return es
}
