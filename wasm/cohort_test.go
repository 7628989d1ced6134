package main

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
)

func TestDemoCohortFigures(t *testing.T) {
	data, err := os.ReadFile("../testdata/cohorts/demo-trafford-synthetic.csv")
	if err != nil {
		t.Fatal(err)
	}
	p := shipped.byID["trafford-2013"]
	cmp, err := engine.CompareCohort(p, p, "demo", strings.NewReader(string(data)), nil)
	if err != nil {
		t.Fatal(err)
	}
	// The counts the Trafford report publishes (EIA, section C1), which the
	// synthetic cohort is made to match.
	want := map[string]string{"Children": "153", "Higher than now": "50", "Lower than now": "103"}
	got := map[string]figure{}
	for _, f := range figures(cmp) {
		got[f.label] = f
	}
	for label, w := range want {
		if got[label].a != w || got[label].b != w {
			t.Errorf("%s: %q and %q, want %s under both", label, got[label].a, got[label].b, w)
		}
	}
	if !strings.HasPrefix(got["Total allocation"].a, "£") {
		t.Errorf("the total allocation is not shown as money: %q", got["Total allocation"].a)
	}
	// The summary's CSV reads back with every figure.
	rows, err := csv.NewReader(strings.NewReader(summaryCSV(cmp))).ReadAll()
	if err != nil || len(rows) != len(figures(cmp))+1 || rows[0][0] != "figure" {
		t.Errorf("summary CSV: %v, %d rows", err, len(rows))
	}
}

func TestChangesLine(t *testing.T) {
	got := changesLine([]engine.Change{{Path: "moderation.window", Was: "10", Value: `"20"`}})
	if got != "Scenario: moderation.window: 10 → 20." {
		t.Errorf("changesLine = %q", got)
	}
	if changesLine(nil) != "No changes." {
		t.Error("no changes")
	}
}
