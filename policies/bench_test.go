package policies

import (
	"testing"

	"github.com/openras/openras/engine"
)

// BenchmarkLoad reads the Trafford policy as the page and the command line
// first do: from its tree of nodes read when the program was built.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load("trafford-2013"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParse reads it from its YAML text, as Load did before the trees
// were shipped and as a council's own file is still read.
func BenchmarkParse(b *testing.B) {
	text, err := Text("trafford-2013")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := engine.ParsePolicy("policies/trafford-2013.yaml", text); err != nil {
			b.Fatal(err)
		}
	}
}
