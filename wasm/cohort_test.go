package main

import (
	"testing"

	"github.com/openras/openras/engine"
)

func TestChangesLine(t *testing.T) {
	got := changesLine([]engine.Change{{Path: "moderation.window", Was: "10", Value: `"20"`}})
	if got != "Scenario: moderation.window: 10 → 20." {
		t.Errorf("changesLine = %q", got)
	}
	if changesLine(nil) != "No changes." {
		t.Error("no changes")
	}
}
