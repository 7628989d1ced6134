package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// The published counts of the Trafford report, EIA section C1: 153 children
// modelled, 50 would receive more, 103 less, 79 with a reduction over £1,000.
func TestCohortMatchesTheReport(t *testing.T) {
	p, err := policies.Load("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	for _, seed := range []uint64{2013, 1, 99} {
		var buf bytes.Buffer
		if err := write(&buf, seed); err != nil {
			t.Fatal(err)
		}
		co, err := engine.EvaluateCohort(p, "demo.csv", &buf, nil)
		if err != nil {
			t.Fatal(err)
		}
		s := co.Summary
		var over int
		for _, g := range s.Groups {
			if g.Name == "3" || g.Name == "4" {
				over += g.Count
			}
		}
		if s.Children != 153 || s.RejectedRows != 0 || s.Higher != 50 || s.Lower != 103 || over != 79 {
			t.Errorf("seed %d: %d children, %d rejected, %d higher, %d lower, %d over £1,000; want 153, 0, 50, 103, 79",
				seed, s.Children, s.RejectedRows, s.Higher, s.Lower, over)
		}
	}
}

// The file in testdata is the generator's, for the seed it documents.
func TestShippedFileIsReproducible(t *testing.T) {
	want, err := os.ReadFile("../../testdata/cohorts/demo-trafford-synthetic.csv")
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := write(&got, 2013); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Error("testdata/cohorts/demo-trafford-synthetic.csv is not what democohort -seed 2013 writes: run it again")
	}
}
