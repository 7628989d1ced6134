package policies

import (
	"flag"
	"os"
	"strings"
	"testing"
)

// -update rewrites the golden files of the packages that have them (cmd/ras,
// wasm). This package has none; it takes the flag so that
// go test ./... -update runs here too.
var _ = flag.Bool("update", false, "rewrite the golden files (none in this package)")

// TestDecisionsDocumented checks that every Decision a shipped policy takes is
// in docs/rules.md, under a heading of its id and with the policy's wording
// quoted word for word, so that the document and the policy files cannot
// drift apart.
func TestDecisionsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]bool{}
	for _, l := range strings.Split(string(doc), "\n") {
		lines[strings.TrimRight(l, " \r")] = true
	}
	ids := IDs()
	if len(ids) == 0 {
		t.Fatal("no policies are embedded")
	}
	for _, id := range ids {
		p, err := Load(id)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Decisions) == 0 {
			t.Errorf("%s takes no Decision", id)
		}
		for _, d := range p.Decisions {
			if !lines["### `"+d.ID+"`"] {
				t.Errorf("%s: the Decision %s has no heading \"### `%s`\" in docs/rules.md", id, d.ID, d.ID)
				continue
			}
			if !lines["> "+d.Wording] {
				t.Errorf("%s: docs/rules.md does not quote the wording of the Decision %s as the policy has it, on a line of its own:\n> %s", id, d.ID, d.Wording)
			}
		}
	}
}
