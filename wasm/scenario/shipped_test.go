package scenario

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
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

// TestReadPastedOnce checks that a pasted file's policy, made from the
// values read once, is the policy ParsePolicy reads from its text, and that
// a file with a mistake, or a NUL, keeps none.
func TestReadPastedOnce(t *testing.T) {
	for _, id := range policies.IDs() {
		file, _ := policies.Text(id)
		want, err := engine.ParsePolicy("", file)
		if err != nil {
			t.Fatal(err)
		}
		r := readPasted(string(file))
		if r.err != nil || !reflect.DeepEqual(r.policy, want) {
			t.Errorf("%s: the pasted file's policy differs from ParsePolicy's (%v)", id, r.err)
		}
		wrong := strings.Replace(string(file), "\nrounding:", "\nrounding_typo: 1\nrounding:", 1)
		if r := readPasted(wrong); r.err != nil || r.policy != nil {
			t.Errorf("%s: a file with an unknown key keeps a policy (%v)", id, r.err)
		}
		if _, err := engine.ParsePolicy("", []byte(string(file)+"# \x00\n")); err == nil {
			t.Fatalf("%s: ParsePolicy takes a NUL", id)
		}
		if r := readPasted(string(file) + "# \x00\n"); r.policy != nil {
			t.Errorf("%s: a file with a NUL keeps a policy", id)
		}
	}
}

// TestReadPastedPaced checks that a file read a pace at a time, as the
// scenario page reads a paste or a chosen file, is read as in one go, and
// that the page is given its turn as it is: the shipped files, and the
// hostile file of 96 KB, which is refused the same way.
func TestReadPastedPaced(t *testing.T) {
	texts := map[string]string{}
	for _, id := range policies.IDs() {
		file, _ := policies.Text(id)
		texts[id] = string(file)
	}
	hostile, err := os.ReadFile(filepath.Join("..", "..", "testdata", "hostile", "repeated-aliases.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	texts["repeated-aliases"] = string(hostile)
	for name, text := range texts {
		pauses := 0
		got := ReadPastedPaced(text, func() { pauses++ })
		want := ReadPasted(text)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: read paced differs from read in one go", name)
		}
		if want := (len(text)+engine.PaceBytes-1)/engine.PaceBytes - 1; pauses != want {
			t.Errorf("%s: %d bytes, the page was given its turn %d times, expected %d", name, len(text), pauses, want)
		}
	}
	if ReadPasted(string(hostile)).read.err == nil {
		t.Error("repeated-aliases.yaml is read without an error")
	}
}

// TestAppliedAsApplyChanges checks that changes made on a baseline read
// once give the file engine.ApplyChanges gives from its text.
func TestAppliedAsApplyChanges(t *testing.T) {
	for _, id := range policies.IDs() {
		p, err := Shipped(id)
		if err != nil {
			t.Fatal(err)
		}
		text, vals := baseValues(id)
		changes := []engine.Change{{Path: "rounding.places", Value: "0"}}
		if p.Illustrative != nil {
			changes = append(changes, p.Illustrative.Changes...)
		}
		want, err := engine.ApplyChanges(text, changes)
		if err != nil {
			t.Fatal(err)
		}
		got, err := applied(vals, changes)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: applied differs from ApplyChanges (%v)", id, err)
		}
		if _, err := applied(vals, []engine.Change{{Path: "no.such.path", Value: "1"}}); err == nil {
			t.Errorf("%s: a change to a path that names nothing is no error", id)
		}
	}
}
