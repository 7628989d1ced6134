package engine

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// toYAML converts the engine's nodes back into yaml.v3's, as fromYAML
// converts them the other way: for the tests that compare with yaml.v3.
func toYAML(n *Node, seen map[*Node]*yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	if c, ok := seen[n]; ok {
		return c
	}
	c := &yaml.Node{
		Kind: yaml.Kind(n.Kind), Style: yaml.Style(n.Style), Tag: n.Tag, Value: n.Value, Anchor: n.Anchor,
		HeadComment: n.HeadComment, LineComment: n.LineComment, FootComment: n.FootComment,
		Line: n.Line, Column: n.Column,
	}
	seen[n] = c
	if n.Content != nil {
		c.Content = make([]*yaml.Node, len(n.Content))
		for i, k := range n.Content {
			c.Content[i] = toYAML(k, seen)
		}
	}
	c.Alias = toYAML(n.Alias, seen)
	return c
}

// TestNodeIsYAMLNode checks that Node is yaml.v3's Node field for field,
// each kind and style of the same value.
func TestNodeIsYAMLNode(t *testing.T) {
	ours, theirs := reflect.TypeFor[Node](), reflect.TypeFor[yaml.Node]()
	if ours.NumField() != theirs.NumField() {
		t.Fatalf("Node has %d fields, yaml.Node %d", ours.NumField(), theirs.NumField())
	}
	for i := range ours.NumField() {
		a, b := ours.Field(i), theirs.Field(i)
		if a.Name != b.Name || a.Type.Kind() != b.Type.Kind() {
			t.Errorf("field %d: %s %s, yaml.Node's %s %s", i, a.Name, a.Type, b.Name, b.Type)
		}
	}
	for _, k := range []struct {
		ours   NodeKind
		theirs yaml.Kind
	}{{DocumentNode, yaml.DocumentNode}, {SequenceNode, yaml.SequenceNode}, {MappingNode, yaml.MappingNode}, {ScalarNode, yaml.ScalarNode}, {AliasNode, yaml.AliasNode}} {
		if uint32(k.ours) != uint32(k.theirs) {
			t.Errorf("kind %d is yaml.v3's %d", k.ours, k.theirs)
		}
	}
	for _, s := range []struct {
		ours   NodeStyle
		theirs yaml.Style
	}{{TaggedStyle, yaml.TaggedStyle}, {DoubleQuotedStyle, yaml.DoubleQuotedStyle}, {SingleQuotedStyle, yaml.SingleQuotedStyle}, {LiteralStyle, yaml.LiteralStyle}, {FoldedStyle, yaml.FoldedStyle}, {FlowStyle, yaml.FlowStyle}} {
		if uint32(s.ours) != uint32(s.theirs) {
			t.Errorf("style %d is yaml.v3's %d", s.ours, s.theirs)
		}
	}
}

// TestParseNodesKeepsEveryField reads texts with every field and an alias
// cycle, and converts the tree back: it is yaml.v3's, an alias pointing at
// its anchor's node.
func TestParseNodesKeepsEveryField(t *testing.T) {
	texts := []string{
		"# head\n\na: &x 1 # line\n# foot\n\nb: *x\nc: !custom {d: [2, 'e', \"f\"]}\ng: |\n  lit\nh: >-\n  fold\n",
		"&s [*s, {k: *s}]\n",
		"",
	}
	files, _ := filepath.Glob("../policies/*.yaml")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(data))
	}
	for _, text := range texts {
		var want yaml.Node
		if err := yaml.Unmarshal([]byte(text), &want); err != nil {
			t.Fatal(err)
		}
		got, err := ParseNodes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(toYAML(got, map[*Node]*yaml.Node{}), &want) {
			t.Errorf("%.40q: the tree differs from yaml.v3's", text)
		}
	}
	doc, _ := ParseNodes([]byte("a: &x 1\nb: *x\n"))
	if m := doc.Content[0]; m.Content[3].Alias != m.Content[1] {
		t.Error("an alias does not point at the node of its anchor")
	}
	if _, err := ParseNodes([]byte("a: [")); err == nil {
		t.Error("text that is not YAML read without an error")
	}
}

// tagTexts are plain values of every kind yaml.v3 resolves, and near
// misses.
var tagTexts = []string{
	"", "~", "null", "Null", "NULL", "nULL", "true", "True", "TRUE", "tRUE", "false", "False", "FALSE",
	"yes", "no", "on", "off", "y", "n", "Y", "N", "o", "O", "<<", "<", "=",
	".nan", ".NaN", ".NAN", ".nAn", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
	"-.iNf", ".", "..", ".5", ".5e3", ".e3", "._5", "+.5", "-.5", "+", "-", "+-1", "--1",
	"0", "00", "007", "08", "09", "-0", "+0", "12", "-3", "+4", "1_000", "1__0", "_1", "1_", "0_1",
	"0.80", "1.", "1.e5", "1e3", "1E3", "1e+3", "1e-3", "1e", "1e+", "e3", "1.5.5", "1.2e3.4",
	"123456789012345678901234567890", "1e400", "-1e400", "18446744073709551615", "18446744073709551616",
	"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
	"0x1F", "0X1F", "0x", "0xg", "-0x1F", "0x_1F", "0o17", "0o8", "-0o17", "-0o", "0O17",
	"0b101", "0b2", "-0b101", "-0b", "0B101", "0b1111111111111111111111111111111111111111111111111111111111111111",
	"0b11111111111111111111111111111111111111111111111111111111111111111", "-0b1111111111111111111111111111111111111111111111111111111111111111",
	"0o1777777777777777777777", "0o2777777777777777777777", "-0o1777777777777777777777",
	"0x1p-2", "0x1.8p1", "1_0.5", "1.0_5", "inf", "nan", "Infinity", "+inf", "-Infinity",
	"2013-04-01", "2013-4-1", "2013-04-31", "2013-02-29", "2012-02-29", "2013-04-01T10:00:00Z",
	"2013-04-01t10:00:00Z", "2013-04-01 10:00:00", "2013-04-01 10:00:00.5", "2013-04-01T10:00:00+01:00",
	"2013-04-01T10:00:00", "2013-04-01 10:00:00 +1", "201-04-01", "20130-04-01", "2013", "2013-",
	"-2013-04-01", "+2013-04-01", "1_2013-04-01", "5–9 years", "§2.1", "12 weeks", "£1,000", "1,000",
	"plain", "a: b", " 1", "1 ", "١٢", "１２",
}

// TestPlainTagIsYAMLs checks plainTag against yaml.v3's resolution of a
// plain value, and isYAMLFloat against the expression it stands for.
func TestPlainTagIsYAMLs(t *testing.T) {
	float := regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)
	texts := append([]string(nil), tagTexts...)
	files, _ := filepath.Glob("../policies/*.yaml")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Fields(string(data))...)
	}
	for _, s := range texts {
		checkPlainTag(t, float, s)
	}
}

func checkPlainTag(t *testing.T, float *regexp.Regexp, s string) {
	t.Helper()
	if got, want := plainTag(s), (&yaml.Node{Kind: yaml.ScalarNode, Value: s}).ShortTag(); got != want {
		t.Errorf("plainTag(%q) = %s, yaml.v3 resolves %s", s, got, want)
	}
	if got, want := isYAMLFloat(s), float.MatchString(s); got != want {
		t.Errorf("isYAMLFloat(%q) = %t, the expression says %t", s, got, want)
	}
	n := &Node{Kind: ScalarNode, Value: s}
	y := &yaml.Node{Kind: yaml.ScalarNode, Value: s}
	for _, tag := range []string{"", "!", "!!str", "!!int", "tag:yaml.org,2002:int", "!custom"} {
		for _, style := range []NodeStyle{0, DoubleQuotedStyle, SingleQuotedStyle, LiteralStyle, FoldedStyle, FlowStyle} {
			n.Tag, n.Style, y.Tag, y.Style = tag, style, tag, yaml.Style(style)
			if got, want := n.shortTag(), y.ShortTag(); got != want {
				t.Errorf("shortTag of %q tagged %q in style %d = %s, yaml.v3's %s", s, tag, style, got, want)
			}
		}
	}
}

// TestShortTagOfEachKind checks shortTag beside yaml.v3's for nodes of
// each kind, without a tag.
func TestShortTagOfEachKind(t *testing.T) {
	target := &Node{Kind: ScalarNode, Value: "12"}
	for _, n := range []*Node{
		{}, {Line: 1}, {Kind: DocumentNode}, {Kind: MappingNode}, {Kind: SequenceNode},
		{Kind: AliasNode}, {Kind: AliasNode, Alias: target}, {Kind: 1000}, {Kind: MappingNode, Tag: "!!seq"},
	} {
		if got, want := n.shortTag(), toYAML(n, map[*Node]*yaml.Node{}).ShortTag(); got != want {
			t.Errorf("shortTag of %+v = %q, yaml.v3's %q", n, got, want)
		}
	}
}

// FuzzPlainTag compares plainTag and isYAMLFloat with yaml.v3 on any text.
func FuzzPlainTag(f *testing.F) {
	for _, s := range tagTexts {
		f.Add(s)
	}
	float := regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)
	f.Fuzz(func(t *testing.T, s string) {
		checkPlainTag(t, float, s)
	})
}

// TestReadDocumentPaced reads every policy file of the project, the
// hostile ones too, paced and not: the same tree or the same errors, and a
// pause before each PaceBytes of the text after the first.
func TestReadDocumentPaced(t *testing.T) {
	var files []string
	for _, glob := range []string{"../policies/*.yaml", "../testdata/*/*.yaml", "../testdata/*/*/*.yaml"} {
		found, _ := filepath.Glob(glob)
		files = append(files, found...)
	}
	if len(files) < 8 {
		t.Fatalf("found %d policy files, expected the 8 of policies/ and testdata/", len(files))
	}
	// A file of 20 KB, to pause twice; and one of exactly two paces, to
	// pause once.
	trafford, err := os.ReadFile("../policies/trafford-2013.yaml")
	if err != nil {
		t.Fatal(err)
	}
	long := string(trafford) + "\n" + strings.Repeat("# a comment of forty bytes, to lengthen\n", 200)
	exact := "id: x\n" + strings.Repeat("#", 2*PaceBytes-7) + "\n"
	texts := map[string][]byte{"20 KB": []byte(long), "two paces": []byte(exact)}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts[f] = data
	}
	for name, data := range texts {
		want, wantErrs := readDocument("f.yaml", data, nil)
		pauses := 0
		got, gotErrs := readDocument("f.yaml", data, func() { pauses++ })
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotErrs, wantErrs) {
			t.Errorf("%s: paced, read %v (%v); unpaced, %v (%v)", name, got, gotErrs, want, wantErrs)
		}
		if wantPauses := (len(data)+PaceBytes-1)/PaceBytes - 1; pauses != wantPauses {
			t.Errorf("%s: %d bytes, paused %d times, expected %d", name, len(data), pauses, wantPauses)
		}
	}
	if got := (len(exact)+PaceBytes-1)/PaceBytes - 1; got != 1 {
		t.Fatalf("the text of two paces is %d bytes", len(exact))
	}
}

// TestReadDocumentPacedReadsAsItGoes checks that the parser works through
// the text as it reads it, so that the work between two pauses is a pace's
// and not the whole file's: a mistake at 10 KB of a 96 KB file is found
// having read at most two paces of it.
func TestReadDocumentPacedReadsAsItGoes(t *testing.T) {
	var b strings.Builder
	b.WriteString("id: x\nnotes:\n")
	for b.Len() < 10<<10 {
		b.WriteString("  - a note of the file, long enough to fill it up\n")
	}
	b.WriteString("  - a: b: c\n") // mapping values are not allowed here
	for b.Len() < 96<<10 {
		b.WriteString("# and a long tail of comments after the mistake\n")
	}
	data := []byte(b.String())
	pauses := 0
	_, errs := readDocument("f.yaml", data, func() { pauses++ })
	if len(errs) != 1 || errs[0].Kind != KindSyntax {
		t.Fatalf("read %v: expected one syntax error", errs)
	}
	if pauses > 2 {
		t.Errorf("paused %d times before the mistake at 10 KB: the parser read the file ahead of its work", pauses)
	}
}
