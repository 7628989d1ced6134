package policies

import (
	"bytes"
	"encoding/binary"
	"hash/fnv"
	"reflect"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
)

// TestNodesFresh checks that each NAME.nodes embedded is the tree of the
// NAME.yaml embedded beside it, as internal/gen writes it today, and that
// Load, which reads it, gives the policy ParsePolicy reads from the text. A
// policy file edited without go generate ./policies fails here.
func TestNodesFresh(t *testing.T) {
	const stale = ": run go generate ./policies, which writes it afresh from the YAML"
	ids := IDs()
	entries, err := nodes.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(ids) {
		t.Errorf("%d .nodes files are embedded for %d policies%s", len(entries), len(ids), stale)
	}
	for _, id := range ids {
		text, err := Text(id)
		if err != nil {
			t.Fatal(err)
		}
		file := "policies/" + id + ".yaml"
		doc, err := engine.ReadPolicyNodes(file, text)
		if err != nil {
			t.Fatal(err)
		}
		data, err := nodes.ReadFile(id + ".nodes")
		if err != nil {
			t.Errorf("policies/%s.nodes is missing%s", id, stale)
			continue
		}
		if len(data) < 8 {
			t.Errorf("policies/%s.nodes is cut short%s", id, stale)
			continue
		}
		tree, err := engine.DecodeNodes(data[8:], string(text))
		if err != nil {
			t.Errorf("policies/%s.nodes: %v%s", id, err, stale)
			continue
		}
		if !reflect.DeepEqual(tree, doc) {
			t.Errorf("policies/%s.nodes is not the tree of %s%s", id, file, stale)
			continue
		}
		encoded, err := engine.EncodeNodes(doc, string(text))
		if err != nil {
			t.Fatal(err)
		}
		h := fnv.New64a()
		h.Write(text)
		if want := append(binary.BigEndian.AppendUint64(nil, h.Sum64()), encoded...); !bytes.Equal(data, want) {
			t.Errorf("policies/%s.nodes is not as go generate writes it today%s", id, stale)
		}
		want, err := engine.ParsePolicy(file, text)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Load(id)
		if err != nil {
			t.Fatalf("Load(%q): %v", id, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Load(%q) differs from ParsePolicy of its text%s", id, stale)
		}
	}
}

// TestPreReadStale checks what Load says of a .nodes file that is missing,
// not read from the text beside it, or broken.
func TestPreReadStale(t *testing.T) {
	text, err := Text("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	data, err := nodes.ReadFile("trafford-2013.nodes")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := preRead("trafford-2013", text, data); err != nil {
		t.Fatalf("the embedded file: %v", err)
	}
	edited := bytes.Replace(text, []byte(`"0.75"`), []byte(`"0.80"`), 1)
	cut := data[:len(data)-1]
	for name, c := range map[string]struct {
		text, data []byte
		want       string
	}{
		"missing":    {text, nil, "policies/trafford-2013.nodes: is missing: run go generate ./policies"},
		"stale":      {edited, data, "policies/trafford-2013.nodes: was not read from the text of trafford-2013.yaml embedded beside it: run go generate ./policies"},
		"no hash":    {text, data[:5], "policies/trafford-2013.nodes: was not read from the text"},
		"cut short":  {text, cut, "policies/trafford-2013.nodes: decoding nodes: "},
		"not a tree": {text, append(data[:8:8], "nodes"...), "policies/trafford-2013.nodes: decoding nodes: not a tree"},
	} {
		_, err := preRead("trafford-2013", c.text, c.data)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || !strings.HasSuffix(err.Error(), "run go generate ./policies") {
			t.Errorf("%s: %v, want %s…", name, err, c.want)
		}
	}
}

// TestValuesFromNodes checks that a shipped policy's values, read from its
// tree of nodes (as the calculator's program reads them, with no YAML
// parser), are the values ParseValues reads from its text, and that a tree
// the bounds refuse is refused here too.
func TestValuesFromNodes(t *testing.T) {
	for _, id := range IDs() {
		text, err := Text(id)
		if err != nil {
			t.Fatal(err)
		}
		want, err := engine.ParseValues(text)
		if err != nil {
			t.Fatal(err)
		}
		tree, err := Nodes(id)
		if err != nil {
			t.Fatal(err)
		}
		got, err := engine.ValuesFromNodes(tree)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the values read from the tree of nodes are not those read from the text", id)
		}
		// Trafford's rate for a child of 12 with 261 points is £1.00 a
		// point a week (report §6.3): the tree's values answer by key path.
		if id == "trafford-2013" {
			if v, _, ok := got.At("rates.10-13.260-plus"); !ok || v != "1.00" {
				t.Errorf("trafford-2013: rates.10-13.260-plus = %q, %v from the tree; the report says 1.00", v, ok)
			}
		}
	}
	// An alias is refused as ParseValues refuses it.
	doc, err := engine.ReadPolicyNodes("", []byte("id: x\n"))
	if err != nil {
		t.Fatal(err)
	}
	target := doc.Content[0].Content[1]
	doc.Content[0].Content = append(doc.Content[0].Content, &engine.Node{Kind: engine.ScalarNode, Value: "name"}, &engine.Node{Kind: engine.AliasNode, Alias: target})
	if _, err := engine.ValuesFromNodes(doc); err == nil {
		t.Error("a tree with an alias was read as values")
	}
}
