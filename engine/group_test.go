package engine_test

import (
	"testing"

	"github.com/openras/openras/engine"
)

func TestGroupName(t *testing.T) {
	for id, want := range map[string]string{"3": "group 3", "12": "group 12", "notice": "the notice group"} {
		if got := (&engine.Group{ID: id}).Name(); got != want {
			t.Errorf("group %q: %q, want %q", id, got, want)
		}
	}
}
