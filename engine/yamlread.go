//go:build !noyaml

package engine

// Reading YAML text, with gopkg.in/yaml.v3's parser, into the engine's own
// nodes (node.go). This is the only file of the engine that parses YAML: a
// program built with -tags noyaml, the calculator's page, which reads the
// shipped policies from their trees of nodes made when it was built, leaves
// it out, and with it the parser and the regular expressions yaml.v3
// compiles as it starts (yamlread_none.go says why it cannot read text).

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

// ParseNodes reads data, YAML text, into its tree of nodes as yaml.v3's
// Unmarshal reads it into a yaml.Node: the first document, every field of
// every node kept, an alias pointing at the node of its anchor. It makes
// none of the checks of ReadPolicyNodes: it is for tools and tests that
// look at YAML as it is written. Empty text is a node of no kind.
func ParseNodes(data []byte) (*Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	return fromYAML(&doc, map[*yaml.Node]*Node{}), nil
}

// fromYAML converts a tree of yaml.v3's nodes, each node once: an alias
// points at the converted node of its anchor, wherever that is in the tree.
// Only a node with an anchor can be an alias's, so only those are noted in
// seen: a file of thousands of aliases (testdata/hostile), which guard then
// refuses, is converted without a map entry for each of its nodes.
func fromYAML(n *yaml.Node, seen map[*yaml.Node]*Node) *Node {
	if n == nil {
		return nil
	}
	if n.Anchor != "" {
		if c, ok := seen[n]; ok {
			return c
		}
	}
	c := &Node{
		Kind: NodeKind(n.Kind), Style: NodeStyle(n.Style), Tag: n.Tag, Value: n.Value, Anchor: n.Anchor,
		HeadComment: n.HeadComment, LineComment: n.LineComment, FootComment: n.FootComment,
		Line: n.Line, Column: n.Column,
	}
	if n.Anchor != "" {
		seen[n] = c
	}
	if n.Content != nil {
		c.Content = make([]*Node, len(n.Content))
		for i, k := range n.Content {
			c.Content[i] = fromYAML(k, seen)
		}
	}
	c.Alias = fromYAML(n.Alias, seen)
	return c
}

// yamlLine finds the line in a YAML syntax error, compiled the first time
// one is reported, not as the program starts: the page starts sooner.
var yamlLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): (.*)$`) })

// yamlSyntaxError turns a YAML syntax error into an *Error with its line.
func yamlSyntaxError(file string, err error) *Error {
	msg := err.Error()
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{File: file, Line: line, Kind: KindSyntax, Msg: "is not valid YAML: " + m[2]}
	}
	return &Error{File: file, Kind: KindSyntax, Msg: "is not valid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

// readDocument reads data, a policy file named file, as one YAML document,
// without decoding it: a file over MaxPolicyBytes, a second document, an
// anchor, alias or merge key, nesting deeper than a policy's or a list
// longer than its bound is an *Error, all that were found returned as
// Errors. An empty file is a node of no kind.
func readDocument(file string, data []byte, pause func()) (*Node, Errors) {
	if len(data) > MaxPolicyBytes {
		return nil, Errors{tooLarge(file)}
	}
	var r io.Reader = bytes.NewReader(data)
	if pause != nil {
		r = &pacedReader{data: data, pause: pause}
	}
	dec := yaml.NewDecoder(r)
	var doc yaml.Node
	if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
		return &Node{}, nil
	} else if err != nil {
		return nil, Errors{yamlSyntaxError(file, err)}
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, Errors{yamlSyntaxError(file, err)}
	default:
		return nil, Errors{{File: file, Line: next.Line, Kind: KindSecondDocument, Msg: "is a second YAML document (after ---): a policy file is one document; remove the --- and what follows it"}}
	}
	root := fromYAML(&doc, map[*yaml.Node]*Node{})
	if es := guard(file, root, &step{}, true); es != nil {
		return nil, es
	}
	return root, nil
}

// PaceBytes is how much of a file's text the YAML parser reads between two
// calls of ParseValuesPaced's pause. The parser reads as it goes, so the work
// between two pauses is about that much text's. Under WebAssembly (Node), a
// 96 KB file took 255 ms to read the first time, the parser's code being
// compiled as it first ran, and 55-87 ms after: about 20 ms, then 5 ms, a
// pace.
const PaceBytes = 8 << 10

// pacedReader gives the YAML parser data, calling pause before each
// PaceBytes after the first.
type pacedReader struct {
	data  []byte
	read  int // bytes given so far
	next  int // the byte before which pause is next called
	pause func()
}

func (r *pacedReader) Read(p []byte) (int, error) {
	if r.read >= len(r.data) {
		return 0, io.EOF
	}
	if r.next == 0 {
		r.next = PaceBytes
	}
	if r.read >= r.next {
		r.pause()
		r.next = r.read + PaceBytes
	}
	n := copy(p, r.data[r.read:min(len(r.data), r.next)])
	r.read += n
	return n, nil
}

// readValue reads the new value of a change at path, as readDocument reads a
// file; a value that is not YAML is an *Error naming the path.
func readValue(path, value string) (*Node, error) {
	if len(value) > MaxPolicyBytes {
		return nil, &Error{Field: path, Value: value, Kind: KindTooBig, Msg: "is larger than 1 MB: a policy file is at most 1 MB"}
	}
	dec := yaml.NewDecoder(strings.NewReader(value))
	var v, next yaml.Node
	if err := dec.Decode(&v); err != nil || len(v.Content) == 0 {
		return nil, &Error{Field: path, Value: value, Kind: KindSyntax, Msg: "is not a value: write a number, a word or a list like [1/2, 1/2]"}
	}
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		return nil, &Error{Field: path, Value: value, Kind: KindSecondDocument, Msg: "is more than one value: a --- starts a second YAML document; write one value"}
	}
	n := fromYAML(v.Content[0], map[*yaml.Node]*Node{})
	if es := guard("", n, pathOf(path), false); es != nil {
		return nil, es
	}
	return n, nil
}
