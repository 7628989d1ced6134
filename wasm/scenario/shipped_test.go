package scenario

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/openras/openras/policies"
)

// TestShippedReadOnce checks that a shipped policy read for the page is the
// policy policies.Load gives, that the scenario's baseline is the same
// file, and that the file is read once: the same policy and values come back.
func TestShippedReadOnce(t *testing.T) {
	for _, id := range policies.IDs() {
		want, err := policies.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Shipped(id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Shipped differs from policies.Load", id)
		}
		again, _ := Shipped(id)
		if again != got {
			t.Errorf("%s: read twice", id)
		}
		text, vals := baseValues(id)
		file, _ := policies.Text(id)
		if !bytes.Equal(text, file) {
			t.Errorf("%s: the baseline's text is not the policy file", id)
		}
		if v, _, ok := vals.At("id"); !ok || v != id {
			t.Errorf("%s: the baseline's values give id %q", id, v)
		}
		if _, vals2 := baseValues(id); !reflect.DeepEqual(vals2, vals) {
			t.Errorf("%s: the baseline's values read twice", id)
		}
	}
}

// TestShippedUnknown checks that an id no policy has is the error
// policies.Load gives, and is not kept: a link may name any id.
func TestShippedUnknown(t *testing.T) {
	_, want := policies.Load("nowhere-1999")
	p, err := Shipped("nowhere-1999")
	if p != nil || err == nil || err.Error() != want.Error() {
		t.Fatalf("Shipped(nowhere-1999) = %v, %v; want the error %v", p, err, want)
	}
	shippedRead.Lock()
	_, kept := shippedRead.byID["nowhere-1999"]
	shippedRead.Unlock()
	if kept {
		t.Error("an unknown id was kept")
	}
}
