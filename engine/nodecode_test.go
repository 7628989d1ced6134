package engine_test

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
)

// nodeTexts are YAML texts whose trees must survive EncodeNodes and
// DecodeNodes exactly: the shipped policies, the hostile files and a few
// made to use every field of a node.
func nodeTexts(t testing.TB) map[string]string {
	texts := map[string]string{
		"comments": "# head of the document\n\n# head of a\na: 1 # line of a\n# foot of a\n\nb:\n  # head of an item\n  - x # line\n  - 'y'\n  - \"z\\n\"\n# foot of the document\n",
		"styles":   "literal: |\n  two\n  lines\nfolded: >-\n  one\n  line\nflow: {a: [1, 2.5, ~], b: !!str 3}\ntagged: !custom value\nempty: []\nnone: {}\nnull:\n",
		"anchors":  "a: &a {x: 1}\nb: *a\nc: &c [*a, *a]\nd: {<<: *a, y: 2}\ne: &a 3\nf: *a\n",
		"cycle":    "&s [*s, {k: *s}]\n",
		"unicode":  "k: \"caf\u00e9 \u2013 \U0001F600\"\n\"a key with: a colon\": \"\\t\"\n",
		"keys":     "? [a, b]\n: complex\n? {c: d}\n: too\n",
		"empty":    "",
		"scalar":   "just a scalar",
		"comment":  "# only a comment\n",
	}
	for _, dir := range []string{"../policies", "../testdata/hostile"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no YAML files in %s: %v", dir, err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			texts[f] = string(data)
		}
	}
	return texts
}

// roundTrip encodes n, read from text, decodes it, and reports any
// difference; and again without the text.
func roundTrip(t testing.TB, name string, n *engine.Node, text string) {
	t.Helper()
	for _, text := range []string{text, ""} {
		data, err := engine.EncodeNodes(n, text)
		if err != nil {
			t.Fatalf("%s: EncodeNodes: %v", name, err)
		}
		got, err := engine.DecodeNodes(data, text)
		if err != nil {
			t.Fatalf("%s: DecodeNodes: %v", name, err)
		}
		if !reflect.DeepEqual(got, n) {
			t.Fatalf("%s: the decoded tree differs from the tree encoded", name)
		}
	}
}

func TestNodesRoundTrip(t *testing.T) {
	for name, text := range nodeTexts(t) {
		doc, err := engine.ParseNodes([]byte(text))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		roundTrip(t, name, doc, text)
	}
	// A tree made by hand, with a kind past the parser's and fields the
	// parser leaves alone.
	leaf := &engine.Node{Kind: engine.ScalarNode, Value: "v", Line: -3, Column: 1 << 40}
	roundTrip(t, "made", &engine.Node{Kind: 1000, Style: engine.FlowStyle | engine.TaggedStyle, Tag: "!t", Line: 1 << 50,
		Content: []*engine.Node{leaf, {Kind: engine.AliasNode, Value: "self", Alias: leaf, Anchor: "x", HeadComment: "h", LineComment: "l", FootComment: "f"}}}, "some text: v, h")
}

// TestPolicyFromNodes checks that a shipped policy read from its encoded
// tree is the policy ParsePolicy reads from its text, and that the guards of
// yamlguard.go refuse a tree with aliases as they refuse the text.
func TestPolicyFromNodes(t *testing.T) {
	for name, text := range nodeTexts(t) {
		// A second document is a mistake of the text: a tree holds one.
		if !strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, "second-document.yaml") {
			continue
		}
		want, wantErr := engine.ParsePolicy(name, []byte(text))
		doc, err := engine.ParseNodes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		data, err := engine.EncodeNodes(doc, text)
		if err != nil {
			t.Fatal(err)
		}
		tree, err := engine.DecodeNodes(data, text)
		if err != nil {
			t.Fatal(err)
		}
		got, gotErr := engine.PolicyFromNodes(name, tree)
		if strings.Contains(name, "hostile") {
			if wantErr == nil || gotErr == nil || gotErr.Error() != wantErr.Error() {
				t.Errorf("%s: from the nodes: %v\nfrom the text: %v", name, gotErr, wantErr)
			}
			continue
		}
		if wantErr != nil || gotErr != nil {
			t.Fatalf("%s: %v, %v", name, wantErr, gotErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the policy read from the nodes differs from ParsePolicy's", name)
		}
		if read, err := engine.ReadPolicyNodes(name, []byte(text)); err != nil || !reflect.DeepEqual(read, doc) {
			t.Errorf("%s: ReadPolicyNodes gives another tree than the parser's (%v)", name, err)
		}
	}
	for _, doc := range []*engine.Node{nil, {}, {Kind: engine.DocumentNode}} {
		if _, err := engine.PolicyFromNodes("p.yaml", doc); engine.KindOf(err) != engine.KindEmpty {
			t.Errorf("PolicyFromNodes(%v) = %v, want the policy is empty", doc, err)
		}
	}
	if _, err := engine.PolicyFromNodes("p.yaml", &engine.Node{Kind: engine.MappingNode}); engine.KindOf(err) != engine.KindShape {
		t.Errorf("PolicyFromNodes of a mapping = %v, want that it is not a document", err)
	}
}

// TestDecodeNodesBad gives DecodeNodes what EncodeNodes never writes: each is
// an error, never a panic.
func TestDecodeNodesBad(t *testing.T) {
	const text = "# one\na: 1\n"
	good, err := engine.EncodeNodes(&engine.Node{Kind: engine.DocumentNode, Line: 1, Column: 1, Content: []*engine.Node{
		{Kind: engine.MappingNode, Tag: "!!map", Content: []*engine.Node{{Kind: engine.ScalarNode, Tag: "!!str", Value: "a"}, {Kind: engine.ScalarNode, Tag: "!!int", Value: "1", HeadComment: "# one"}}}}}, text)
	if err != nil {
		t.Fatal(err)
	}
	for i := range len(good) {
		if _, err := engine.DecodeNodes(good[:i], text); err == nil {
			t.Errorf("DecodeNodes of the first %d of %d bytes: no error", i, len(good))
		}
	}
	if _, err := engine.DecodeNodes(good, text[:5]); err == nil || !strings.Contains(err.Error(), "outside the text") {
		t.Errorf("DecodeNodes with a shorter text: %v, want that a string is outside the text", err)
	}
	if _, err := engine.DecodeNodes(append(good, 0), text); err == nil || !strings.Contains(err.Error(), "left over") {
		t.Errorf("DecodeNodes with a byte more: %v, want that it is left over", err)
	}
	node := func(rest ...byte) []byte {
		// magic, no strings, the nodes
		return append([]byte("rasnodes1\x00"), rest...)
	}
	huge := binary.AppendUvarint(nil, 1<<62)
	for name, data := range map[string][]byte{
		"nothing":          nil,
		"another form":     []byte("rasnodes2\x00\x01\x01\x00\x00\x00\x00\x00\x00"),
		"no node":          node(0),
		"many strings":     append([]byte("rasnodes1"), huge...),
		"long string":      append([]byte("rasnodes1\x01"), huge...),
		"a string beyond":  []byte("rasnodes1\x02\x02\x03\x00"),
		"a string outside": append([]byte("rasnodes1\x01\x07"), huge...),
		"many nodes":       node(huge...),
		"many children":    node(1, 1, 0, 0, 0, 0, 0, 5),
		"a tag not there":  node(1, 1, 0, 3, 0, 0, 0, 0),
		"an alias forward": node(2, 5|0x80, 0, 0, 0, 0, 0, 1, 0, 5, 0, 0, 0, 0, 0, 0),
		"a child of none":  node(2, 1, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0),
		"a kind too large": node(1, 7, 0xff, 0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0, 0, 0),
	} {
		got, err := engine.DecodeNodes(data, "text")
		if err == nil || !strings.HasPrefix(err.Error(), "decoding nodes: ") {
			t.Errorf("%s: DecodeNodes = %v, %v; want an error", name, got, err)
		}
	}
	// And a well-formed single node, so that the cases above fail for their
	// own reason.
	if _, err := engine.DecodeNodes(node(1, 4, 0, 0, 0, 2, 2, 0), ""); err != nil {
		t.Errorf("one scalar: %v", err)
	}
}

// TestEncodeNodesBad gives EncodeNodes trees the parser never makes.
func TestEncodeNodesBad(t *testing.T) {
	shared := &engine.Node{Kind: engine.ScalarNode, Value: "s"}
	later := &engine.Node{Kind: engine.ScalarNode, Value: "later"}
	for name, n := range map[string]*engine.Node{
		"none":           nil,
		"a nil child":    {Kind: engine.SequenceNode, Content: []*engine.Node{nil}},
		"a shared child": {Kind: engine.SequenceNode, Content: []*engine.Node{shared, shared}},
		"an alias out":   {Kind: engine.AliasNode, Alias: shared},
		"an alias ahead": {Kind: engine.SequenceNode, Content: []*engine.Node{{Kind: engine.AliasNode, Alias: later}, later}},
		"a node in itself": func() *engine.Node {
			n := &engine.Node{Kind: engine.SequenceNode}
			n.Content = []*engine.Node{n}
			return n
		}(),
	} {
		if _, err := engine.EncodeNodes(n, ""); err == nil {
			t.Errorf("%s: EncodeNodes gave no error", name)
		}
	}
}

// FuzzDecodeNodes decodes arbitrary bytes from an arbitrary text: never a
// panic, and a tree it accepts encodes and decodes to itself.
func FuzzDecodeNodes(f *testing.F) {
	for _, text := range nodeTexts(f) {
		doc, err := engine.ParseNodes([]byte(text))
		if err != nil {
			continue
		}
		if data, err := engine.EncodeNodes(doc, text); err == nil {
			f.Add(data, text)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, text string) {
		n, err := engine.DecodeNodes(data, text)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "decoding nodes: ") {
				t.Errorf("an error that does not say it is decoding nodes: %v", err)
			}
			return
		}
		again, err := engine.EncodeNodes(n, text)
		if err != nil {
			t.Fatalf("a decoded tree does not encode: %v", err)
		}
		back, err := engine.DecodeNodes(again, text)
		if err != nil || !reflect.DeepEqual(back, n) {
			t.Fatalf("a decoded tree does not round-trip: %v", err)
		}
	})
}

// FuzzNodesRoundTrip parses arbitrary YAML and checks that every tree the
// parser makes round-trips through EncodeNodes and DecodeNodes exactly.
func FuzzNodesRoundTrip(f *testing.F) {
	for _, text := range nodeTexts(f) {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<16 {
			return
		}
		doc, err := engine.ParseNodes([]byte(text))
		if err != nil {
			return
		}
		roundTrip(t, "the text", doc, text)
	})
}
