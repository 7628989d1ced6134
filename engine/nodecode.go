package engine

// A policy file shipped with the program is read once, when it is built, and
// its tree of YAML nodes written in the compact form of this file: the page
// then builds the policy from the tree (PolicyFromNodes) without parsing YAML,
// and a program that reads only such trees links no YAML parser. Decoding
// only makes Node values; it never calls into yaml.v3's parser.
//
// The form, every number an unsigned varint unless it says signed:
//
//	"rasnodes1"
//	the number of strings; for each, its length times 2, plus 1 where it is
//	cut from the text the tree was read from, followed then by where in the
//	text it starts; then the bytes of the others one after another (the
//	string of index 0 is "", and is not written)
//	the number of nodes, then each node in preorder (a node before its
//	children, and they in order):
//	  a byte: the kind in its low 3 bits (7: the kind follows, as a number),
//	    and in the bits above it which of anchor, head, line and foot comment
//	    and alias follow
//	  [the kind], the style, the tag's string, the value's string, the line
//	    less the line of the node before (signed), the column
//	  [the anchor's, head, line and foot comment's strings] [the alias: the
//	    number of the node it names, counted from 0 in preorder: a node
//	    already written, before it or around it, as the parser's aliases are]
//	  the number of its children, which follow
//
// Every field of a Node is kept, so that what the decoder, the guards
// and the YAML writer read of a node round-trips exactly; a node without
// children has nil Content, as the parser leaves it. Most strings of a
// policy, its keys, values and comments, are in its text as written, which
// the program embeds anyway: they are written as where they are in it, so
// that the program does not hold them twice.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

const nodesMagic = "rasnodes1"

// The flags of a node's first byte, above its kind.
const (
	nodeAnchor byte = 1 << (3 + iota)
	nodeHead
	nodeLine
	nodeFoot
	nodeAlias
)

// nodeKindEscape in the low bits of the first byte says the kind follows.
const nodeKindEscape = 7

// minNodeBytes is the fewest bytes a node takes: its first byte, style, tag,
// value, line, column and number of children.
const minNodeBytes = 7

// EncodeNodes writes the tree of nodes under root in the compact form that
// DecodeNodes reads. text is the text the tree was read from, or "": a
// string found in it is written as where it is, and DecodeNodes must be
// given the same text. An alias must name a node of the tree that comes before
// it in preorder (one before it in the file, or around it), as the parser's
// aliases do; one that does not is an error, as is a node that is the child
// of two nodes.
func EncodeNodes(root *Node, text string) ([]byte, error) {
	if root == nil {
		return nil, errors.New("encoding nodes: no node")
	}
	e := &nodeEncoder{index: map[*Node]int{}, str: map[string]int{"": 0}}
	// First the strings and the preorder numbers, then the nodes.
	var order []*Node
	stack := []*Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n == nil {
			return nil, errors.New("encoding nodes: a node's children include no node (nil)")
		}
		if _, seen := e.index[n]; seen {
			return nil, errors.New("encoding nodes: a node is the child of two nodes, or of itself")
		}
		e.index[n] = len(order)
		order = append(order, n)
		for _, s := range []string{n.Tag, n.Value, n.Anchor, n.HeadComment, n.LineComment, n.FootComment} {
			e.intern(s)
		}
		for i := len(n.Content) - 1; i >= 0; i-- {
			stack = append(stack, n.Content[i])
		}
	}
	out := append([]byte(nil), nodesMagic...)
	out = binary.AppendUvarint(out, uint64(len(e.strs)))
	var rest []byte
	for _, s := range e.strs {
		if at := strings.Index(text, s); at >= 0 {
			out = binary.AppendUvarint(out, uint64(len(s))<<1|1)
			out = binary.AppendUvarint(out, uint64(at))
			continue
		}
		out = binary.AppendUvarint(out, uint64(len(s))<<1)
		rest = append(rest, s...)
	}
	out = append(out, rest...)
	out = binary.AppendUvarint(out, uint64(len(order)))
	line := 0
	for i, n := range order {
		var flags byte
		for _, f := range []struct {
			set  bool
			flag byte
		}{{n.Anchor != "", nodeAnchor}, {n.HeadComment != "", nodeHead}, {n.LineComment != "", nodeLine}, {n.FootComment != "", nodeFoot}, {n.Alias != nil, nodeAlias}} {
			if f.set {
				flags |= f.flag
			}
		}
		if n.Kind < nodeKindEscape {
			out = append(out, byte(n.Kind)|flags)
		} else {
			out = append(out, nodeKindEscape|flags)
			out = binary.AppendUvarint(out, uint64(n.Kind))
		}
		out = binary.AppendUvarint(out, uint64(n.Style))
		out = binary.AppendUvarint(out, uint64(e.str[n.Tag]))
		out = binary.AppendUvarint(out, uint64(e.str[n.Value]))
		out = binary.AppendVarint(out, int64(n.Line)-int64(line))
		line = n.Line
		out = binary.AppendVarint(out, int64(n.Column))
		for _, s := range []string{n.Anchor, n.HeadComment, n.LineComment, n.FootComment} {
			if s != "" {
				out = binary.AppendUvarint(out, uint64(e.str[s]))
			}
		}
		if n.Alias != nil {
			j, ok := e.index[n.Alias]
			if !ok || j > i {
				return nil, fmt.Errorf("encoding nodes: the alias *%s names a node that is not before it in the tree", n.Value)
			}
			out = binary.AppendUvarint(out, uint64(j))
		}
		out = binary.AppendUvarint(out, uint64(len(n.Content)))
	}
	return out, nil
}

type nodeEncoder struct {
	index map[*Node]int  // a node's number in preorder
	str   map[string]int // a string's index
	strs  []string       // the strings from index 1
}

func (e *nodeEncoder) intern(s string) {
	if _, ok := e.str[s]; !ok {
		e.str[s] = len(e.strs) + 1
		e.strs = append(e.strs, s)
	}
}

// DecodeNodes reads a tree of nodes written by EncodeNodes from text. Input
// that is not of that form, cut short, with bytes left over or with strings
// outside text is an error, never a panic.
func DecodeNodes(data []byte, text string) (*Node, error) {
	r := nodeReader{data: data}
	if len(data) < len(nodesMagic) || string(data[:len(nodesMagic)]) != nodesMagic {
		return nil, errors.New("decoding nodes: not a tree of YAML nodes (no rasnodes1 at its start)")
	}
	r.at = len(nodesMagic)
	nstr := r.count(1, "strings")
	strs := make([]string, nstr+1)
	// lens are the lengths of the strings not in the text, which follow.
	lens := make([]int, nstr+1)
	total := 0
	for i := 1; i <= nstr && r.err == nil; i++ {
		v := r.uvarint("the length of a string")
		n := v >> 1
		if v&1 == 0 {
			if n > uint64(len(r.data)-r.at-total) {
				r.fail(fmt.Sprintf("string %d is longer than the data", i))
			}
			lens[i] = int(n)
			total += int(n)
			continue
		}
		at := r.uvarint("where a string is")
		if r.err == nil && (at > uint64(len(text)) || n > uint64(len(text))-at) {
			r.fail(fmt.Sprintf("string %d is outside the text (%d bytes from %d of %d)", i, n, at, len(text)))
		}
		if r.err == nil {
			strs[i] = text[at : at+n]
		}
	}
	if r.err == nil && total > len(r.data)-r.at {
		r.fail("the strings are longer than the data")
	}
	if r.err != nil {
		return nil, r.err
	}
	blob := string(r.data[r.at : r.at+total])
	r.at += total
	off := 0
	for i, l := range lens {
		if l > 0 {
			strs[i] = blob[off : off+l]
			off += l
		}
	}
	nnodes := r.count(minNodeBytes, "nodes")
	if r.err == nil && nnodes == 0 {
		r.fail("it has no node")
	}
	if r.err != nil {
		return nil, r.err
	}
	nodes := make([]Node, nnodes)
	// Every node but the first is the child of one node: their Content
	// slices are cut from one array.
	children := make([]*Node, nnodes-1)
	nextChild := 0
	r.strs = strs
	// open are the nodes whose children are still being read, each with
	// how many are left.
	type open struct {
		n    *Node
		left int
	}
	var stack []open
	line := int64(0)
	for i := range nodes {
		n := &nodes[i]
		if i > 0 {
			for len(stack) > 0 && stack[len(stack)-1].left == 0 {
				stack = stack[:len(stack)-1]
			}
			if len(stack) == 0 {
				r.fail(fmt.Sprintf("node %d is the child of no node", i))
				return nil, r.err
			}
			top := &stack[len(stack)-1]
			top.n.Content = append(top.n.Content, n)
			top.left--
		}
		first := r.byte()
		// f: the kind, if it follows, the style, tag, value, line and
		// column, then the strings and the alias the flags say follow.
		var f [11]uint64
		from, to := 1, 6
		if f[0] = uint64(first & 7); f[0] == nodeKindEscape {
			from = 0
		}
		for bit := nodeAnchor; bit != 0; bit <<= 1 {
			if first&bit != 0 {
				to++
			}
		}
		for k := from; k < to && r.err == nil; k++ {
			f[k] = r.uvarint("a node")
		}
		if r.err != nil {
			return nil, r.err
		}
		// The line and column are signed, zigzag as binary.Varint writes them.
		line += unzigzag(f[4])
		n.Kind = NodeKind(r.fit(f[0], 1<<32-1, "a kind"))
		n.Style = NodeStyle(r.fit(f[1], 1<<32-1, "a style"))
		n.Tag = r.str(f[2], "a tag")
		n.Value = r.str(f[3], "a value")
		n.Line = r.int(line, "a line")
		n.Column = r.int(unzigzag(f[5]), "a column")
		next := 6
		for bit, s := range [...]*string{&n.Anchor, &n.HeadComment, &n.LineComment, &n.FootComment} {
			if first&(nodeAnchor<<bit) != 0 {
				*s = r.str(f[next], "a string")
				next++
			}
		}
		if first&nodeAlias != 0 {
			j := f[next]
			if r.err == nil && j > uint64(i) {
				r.fail(fmt.Sprintf("the alias of node %d names node %d, not yet read", i, j))
			}
			if r.err == nil {
				n.Alias = &nodes[j]
			}
		}
		k := r.count(minNodeBytes, "children")
		if r.err == nil && k > len(children)-nextChild {
			r.fail(fmt.Sprintf("node %d has %d children, more than the nodes left", i, k))
		}
		if r.err != nil {
			return nil, r.err
		}
		if k > 0 {
			n.Content = children[nextChild : nextChild : nextChild+k]
			nextChild += k
			stack = append(stack, open{n, k})
		}
	}
	for _, o := range stack {
		if o.left > 0 {
			return nil, errors.New("decoding nodes: cut short: a node has fewer children than it says")
		}
	}
	if r.at != len(r.data) {
		return nil, fmt.Errorf("decoding nodes: bytes are left over after the last node (%d)", len(r.data)-r.at)
	}
	return &nodes[0], nil
}

// nodeReader reads the numbers of DecodeNodes, keeping the first mistake.
type nodeReader struct {
	data []byte
	at   int
	err  error
	strs []string // the strings, once read
}

// str is the string of index i.
func (r *nodeReader) str(i uint64, what string) string {
	if r.err != nil {
		return ""
	}
	if i >= uint64(len(r.strs)) {
		r.fail(fmt.Sprintf("%s names string %d, and there are %d", what, i, len(r.strs)))
		return ""
	}
	return r.strs[i]
}

// fail is not inlined: called at many places, it would make DecodeNodes
// several kilobytes larger in the page's WebAssembly.
//
//go:noinline
func (r *nodeReader) fail(msg string) {
	if r.err == nil {
		r.err = errors.New("decoding nodes: " + msg)
	}
}

func (r *nodeReader) byte() byte {
	if r.err != nil {
		return 0
	}
	if r.at >= len(r.data) {
		r.fail("cut short")
		return 0
	}
	b := r.data[r.at]
	r.at++
	return b
}

func (r *nodeReader) uvarint(what string) uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.data[r.at:])
	if n <= 0 {
		r.fail("cut short, or a number too large, reading " + what)
		return 0
	}
	r.at += n
	return v
}

// unzigzag is the signed number binary.AppendVarint wrote as u.
func unzigzag(u uint64) int64 {
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return v
}

// count reads how many of something follow, each taking at least size bytes:
// a count the bytes left cannot hold is an error, so that nothing is made
// for it.
func (r *nodeReader) count(size int, what string) int {
	v := r.uvarint("the number of " + what)
	if r.err == nil && v > uint64(len(r.data)-r.at)/uint64(size) {
		r.fail(fmt.Sprintf("%d %s cannot fit in the %d bytes left", v, what, len(r.data)-r.at))
		return 0
	}
	return int(v)
}

func (r *nodeReader) fit(v, max uint64, what string) uint64 {
	if v > max {
		r.fail(what + " is out of range")
		return 0
	}
	return v
}

func (r *nodeReader) int(v int64, what string) int {
	if int64(int(v)) != v {
		r.fail(what + " is out of range")
		return 0
	}
	return int(v)
}
