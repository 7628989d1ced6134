package engine

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// encoderText is what gopkg.in/yaml.v3's encoder writes for a document with
// an indent of 2: what Values.Text wrote before it had a writer of its own.
func encoderText(t testing.TB, doc *Node) string {
	t.Helper()
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(toYAML(doc, map[*Node]*yaml.Node{})); err != nil {
		t.Fatalf("encoder: %v", err)
	}
	return b.String()
}

// encoderFlow is what flow wrote with the encoder: the value's collections
// in flow style, comments left out, on one line.
func encoderFlow(t testing.TB, n *Node) string {
	t.Helper()
	var strip func(n *yaml.Node) *yaml.Node
	strip = func(n *yaml.Node) *yaml.Node {
		c := *n
		c.HeadComment, c.LineComment, c.FootComment = "", "", ""
		if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
			c.Style = yaml.FlowStyle
			c.Content = make([]*yaml.Node, len(n.Content))
			for i, k := range n.Content {
				c.Content[i] = strip(k)
			}
		}
		return &c
	}
	out, err := yaml.Marshal(strip(toYAML(n, map[*Node]*yaml.Node{})))
	if err != nil {
		t.Fatalf("encoder: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// decoded is what a text reads as with yaml.v3: the values alone.
func decoded(t testing.TB, text string) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal([]byte(text), &v); err != nil {
		t.Fatalf("%v reading back:\n%s", err, text)
	}
	return v
}

func parseDoc(t testing.TB, text string) *Node {
	t.Helper()
	doc, err := ParseNodes([]byte(text))
	if err != nil {
		t.Fatalf("%v reading:\n%s", err, text)
	}
	return doc
}

// The shipped policies, and each with changes made, are written byte for
// byte as the encoder wrote them: a scenario's download is as it was.
func TestWriteYAMLShippedAsEncoder(t *testing.T) {
	files, _ := filepath.Glob("../policies/*.yaml")
	if len(files) == 0 {
		t.Fatal("no policies found")
	}
	changes := []Change{
		{Path: "moderation.window", Value: "25"},
		{Path: "name", Value: `"a: b # c"`},
		{Path: "name", Value: "'it''s'"},
		{Path: "notes", Value: "[1/2, 1/2]"},
		{Path: "notes", Value: "{a: 1, b: [x, 'y z'], c: {}}"},
		{Path: "notes", Value: "\"line one\\nline two\\n\""},
		{Path: "notes", Value: "|\n  kept\n   indented\n"},
		{Path: "notes", Value: "\"\""},
		{Path: "notes", Value: "null"},
		{Path: "notes", Value: `"true"`},
		{Path: "notes", Value: `"12"`},
		{Path: "notes", Value: `"--- ~ #"`},
		{Path: "notes", Value: "[]"},
		{Path: "id", Value: ""},
	}
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		vs, err := ParseValues(text)
		if err != nil {
			t.Fatal(err)
		}
		check := func(name string, vs Values) {
			got, err := vs.Text()
			if err != nil {
				t.Fatalf("%s %s: %v", f, name, err)
			}
			if want := encoderText(t, vs.doc); string(got) != want {
				t.Errorf("%s %s: written\n%s\nthe encoder wrote\n%s", f, name, got, want)
			}
		}
		check("as read", vs)
		for _, c := range changes {
			changed, err := vs.With([]Change{c})
			if err != nil {
				continue // a path the policy has not
			}
			check(c.Path+"="+c.Value, changed)
		}
	}
}

// Documents of the shapes YAML allows, comments among them, read back as the
// same values; most are written as the encoder writes them.
func TestWriteYAMLShapes(t *testing.T) {
	for _, tt := range []struct {
		text string
		same bool // written byte for byte as the encoder writes it
	}{
		{"a: 1\nb: [1, 2]\nc: {x: y}\n", true},
		{"a:\n  - 1\n  - - 2\n    - 3\n  - k: v\n    l: w\n  - []\n  - {}\n", true},
		{"# head\n\na: 1 # line\n# foot of a\nb:\n  # head of c\n  c: 2\n", true},
		{"list:\n  # first\n  - 1\n  # second\n  - 2\n", true},
		{"- a\n- b: c\n  d: e\n- - f\n", true},
		{"a: |\n  one\n  two\nb: |-\n  three\nc: |+\n  four\n\n", true},
		{"a: >\n  folded text\n  here\n", false},
		{"a: !!str 12\nb: !!int \"13\"\nc: !custom x\n", true},
		{"? [complex]\n: value\n", false},
		{"a: 'single ''quoted'''\nb: \"double \\\"quoted\\\"\"\n", true},
		{"a: ~\nb: null\nc:\nd: ''\n", true},
		{"a: 2013-04-01\nb: 1e3\nc: 0x1F\nd: .inf\ne: yes\n", true},
		{strings.Repeat("k", 130) + ": long key\n", true},
	} {
		doc := parseDoc(t, tt.text)
		got, err := writeYAML(doc)
		if err != nil {
			if tt.same {
				t.Errorf("%q: %v", tt.text, err)
			}
			continue
		}
		if !reflect.DeepEqual(decoded(t, string(got)), decoded(t, tt.text)) {
			t.Errorf("%q written as\n%s\nreads back otherwise", tt.text, got)
		}
		if want := encoderText(t, doc); tt.same && string(got) != want {
			t.Errorf("%q written as\n%s\nthe encoder wrote\n%s", tt.text, got, want)
		}
	}
}

// hostile are strings that YAML reads as something else unless quoted.
var hostile = []string{
	"", " ", "plain", "a: b", "a:b", "key: value # not a comment", "#hash", "a #b", "a#b",
	"'", "\"", "it's", `say "hi"`, `back\slash`, "line\nbreak", "trailing\n", "\n\nleading",
	"two\n\n", " leading space", "trailing space ", "tab\there", "\t", "---", "--- x", "...",
	"- item", "-", "?", "? x", ":", ": x", "[a, b]", "{a: b}", "a, b", "&anchor", "*alias",
	"!tag", "|", ">", "%", "@", "`", "~", "null", "Null", "true", "False", "yes", "no", "on",
	"off", "y", "n", "12", "-3", "0.80", "1e3", ".inf", "-.Inf", ".nan", "0x1F", "0o17",
	"2013-04-01", "2013-04-01T10:00:00Z", "<<", "=", "ünïcödé", "5–9 years", "§2.1",
	"\u00a0nbsp", "\u0085nel", "line\u2028sep", "\ufeffbom", "emoji 😀", "\x00nul", "\x07bell",
	"\x1besc", "\r", "a\r\nb", "a \nb", "a\n b", strings.Repeat("long ", 40),
}

// A hostile string, as a value, a key, a list item and a flow value, reads
// back with yaml.v3 as itself.
func TestWriteYAMLHostileStrings(t *testing.T) {
	for _, s := range hostile {
		checkString(t, s)
	}
}

func FuzzWriteYAML(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !strings.ContainsRune(s, 0xfffd) && len(s) < 2000 {
			checkString(t, s)
		}
	})
}

func checkString(t *testing.T, s string) {
	t.Helper()
	str := func(style NodeStyle) *Node {
		return &Node{Kind: ScalarNode, Tag: "!!str", Value: s, Style: style}
	}
	if s == "list" || s == "flow" || s == "map" {
		return
	}
	for _, style := range []NodeStyle{0, DoubleQuotedStyle, SingleQuotedStyle, LiteralStyle, FoldedStyle} {
		doc := &Node{Kind: DocumentNode, Content: []*Node{{Kind: MappingNode, Tag: "!!map", Content: []*Node{
			str(0), str(style),
			{Kind: ScalarNode, Tag: "!!str", Value: "list"}, {Kind: SequenceNode, Tag: "!!seq", Content: []*Node{str(style), str(style)}},
			{Kind: ScalarNode, Tag: "!!str", Value: "flow"}, {Kind: SequenceNode, Tag: "!!seq", Style: FlowStyle, Content: []*Node{str(style)}},
			{Kind: ScalarNode, Tag: "!!str", Value: "map"}, {Kind: MappingNode, Tag: "!!map", Style: FlowStyle, Content: []*Node{str(style), str(style)}},
		}}}}
		if !utf8.ValidString(s) {
			if _, err := writeYAML(doc); err == nil {
				t.Errorf("%q: written though it is not UTF-8", s)
			}
			return
		}
		got, err := writeYAML(doc)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		want := map[string]any{s: s, "list": []any{s, s}, "flow": []any{s}, "map": map[string]any{s: s}}
		if back := decoded(t, string(got)); !reflect.DeepEqual(back, want) {
			t.Errorf("%q in style %v written as\n%s\nreads back as %#v", s, style, got, back)
		}
		one, err := writeFlow(str(style))
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if strings.ContainsAny(one, "\n\r") {
			t.Errorf("%q written over lines as a flow value: %q", s, one)
		}
		if back := decoded(t, one); back != s && !(s == "" && back == nil) {
			t.Errorf("%q in style %v written as flow %q reads back as %#v", s, style, one, back)
		}
	}
}

// A changed value written as flow YAML is as the encoder wrote it, for the
// values of the shipped policies.
func TestWriteFlowAsEncoder(t *testing.T) {
	files, _ := filepath.Glob("../policies/*.yaml")
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc := parseDoc(t, string(text))
		var walk func(n *Node)
		walk = func(n *Node) {
			got, err := writeFlow(n)
			if err != nil {
				t.Fatal(err)
			}
			if want := encoderFlow(t, n); got != want {
				t.Errorf("%s line %d: written %q, the encoder wrote %q", f, n.Line, got, want)
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(doc.Content[0])
	}
}
