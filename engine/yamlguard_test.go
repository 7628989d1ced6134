package engine_test

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

const guardFile = "policies/hostile.yaml"

// refusals are the errors ParsePolicy gives text, as lines.
func refusals(t *testing.T, text string) []string {
	t.Helper()
	p, err := engine.ParsePolicy(guardFile, []byte(text))
	if err == nil {
		t.Fatalf("ParsePolicy accepted the text (policy %q)", p.ID)
	}
	var es engine.Errors
	if !errors.As(err, &es) {
		t.Fatalf("the error %T (%v) is not engine.Errors", err, err)
	}
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return lines
}

func shipped(t testing.TB, id string) string {
	t.Helper()
	text, err := policies.Text(id)
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}

// edited is the shipped Trafford file with old replaced by new, once.
func edited(t *testing.T, old, new string) string {
	t.Helper()
	text := shipped(t, "trafford-2013")
	out := strings.Replace(text, old, new, 1)
	if out == text {
		t.Fatalf("%q is not in trafford-2013.yaml", old)
	}
	return out
}

// numbers is a flow list of the numbers 1 to n.
func numbers(n int) string {
	items := make([]string, n)
	for i := range items {
		items[i] = fmt.Sprint(i + 1)
	}
	return "[" + strings.Join(items, ", ") + "]"
}

const writeOut = "write the value out in full where it applies; a policy is read by people, and has no need of anchors, aliases or merge keys"

func TestPolicyRefusesAnchorsAliasesAndMergeKeys(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"an anchor and its alias", "id: x\nname: &n Trafford\ncouncil: *n\n", []string{
			guardFile + `:2: name: "&n" is an anchor: ` + writeOut,
			guardFile + `:3: council: "*n" is an alias: ` + writeOut,
		}},
		{"a merge key", "id: x\nrounding:\n  <<: {places: 2}\n  mode: down\n", []string{
			guardFile + `:3: rounding.<<: "<<" is a merge key: ` + writeOut,
		}},
		{"an alias as a key", "id: &k x\n*k : 1\n", []string{
			guardFile + `:1: id: "&k" is an anchor: ` + writeOut,
			guardFile + `:2: *k: "*k" is an alias: ` + writeOut,
		}},
		{"an alias in a list", "notes:\n  - &a {text: t, source: s}\n  - *a\n", []string{
			guardFile + `:2: notes.1: "&a" is an anchor: ` + writeOut,
			guardFile + `:3: notes.2: "*a" is an alias: ` + writeOut,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := refusals(t, tt.text)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("errors\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
	t.Run("many aliases are summed up", func(t *testing.T) {
		text := "id: &i x\nnotes: [" + strings.Repeat("*i, ", 100) + "*i]\n"
		got := refusals(t, text)
		// The anchor, 19 of the 101 aliases, and a line for the rest.
		if len(got) != 21 || !strings.HasSuffix(got[20], "has more mistakes of these kinds: put these right first") {
			t.Errorf("%d errors, the last %q; want 21, the last summing up the rest", len(got), got[len(got)-1])
		}
	})
}

func TestPolicyIsOneDocument(t *testing.T) {
	text := shipped(t, "trafford-2013")
	lines := strings.Count(text, "\n")
	got := refusals(t, text+"---\nid: other\n")
	// The --- is the line after the file's last.
	want := fmt.Sprintf("%s:%d: is a second YAML document (after ---): a policy file is one document; remove the --- and what follows it", guardFile, lines+1)
	if len(got) != 1 || got[0] != want {
		t.Errorf("errors %q, want %q", got, want)
	}
	// A document ended with ... and nothing after it is one document.
	if _, err := engine.ParsePolicy(guardFile, []byte(text+"...\n")); err != nil {
		t.Errorf("a file ended with ...: %v", err)
	}
}

func TestPolicySize(t *testing.T) {
	text := shipped(t, "trafford-2013")
	big := text + "# " + strings.Repeat("x", engine.MaxPolicyBytes-len(text)-3) + "\n"
	if len(big) != engine.MaxPolicyBytes {
		t.Fatalf("the file is %d bytes, want %d", len(big), engine.MaxPolicyBytes)
	}
	if _, err := engine.ParsePolicy(guardFile, []byte(big)); err != nil {
		t.Errorf("a file of exactly 1 MB: %v", err)
	}
	got := refusals(t, big+"#")
	want := guardFile + ": is larger than 1 MB: a policy file is at most 1 MB (1048576 bytes)"
	if len(got) != 1 || got[0] != want {
		t.Errorf("a byte more: %q, want %q", got, want)
	}
}

func TestPolicyListBounds(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"101 steps", "steps: [100, 150, 200, 260]", "steps: " + numbers(101), "moderation.steps: has 101 steps: a policy file has at most 100"},
		{"25 stages", `fractions: ["1/3", "1/3", "1/3"]`, "fractions: " + numbers(25), "transition.groups.4.fractions: has 25 stages: a policy file has at most 24"},
		{"25 stage dates", "stage_dates: [2013-10-01, 2014-10-01]", "stage_dates: " + numbers(25), "transition.groups.3.stage_dates: has 25 stages: a policy file has at most 24"},
		{"51 age bands", "  bands:\n    - {id: under-5", "  bands: " + numbers(51) + "\n  old_bands:\n    - {id: under-5", "age.bands: has 51 age bands: a policy file has at most 50"},
		{"201 items of a list with no bound of its own", "  source: \"§2.1, §3.4, §6.3\"", "  source: " + numbers(201), "age.source: has 201 items: a policy file has at most 200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := refusals(t, edited(t, tt.old, tt.new))
			if len(got) != 1 || !strings.HasSuffix(got[0], tt.want) || !strings.HasPrefix(got[0], guardFile+":") {
				t.Errorf("errors %q, want one ending %q", got, tt.want)
			}
		})
	}
	t.Run("at the bound", func(t *testing.T) {
		// 100 steps are allowed: the guard lets them through to the
		// decoder, which reads them as any steps.
		text := edited(t, "steps: [100, 150, 200, 260]", "steps: "+numbers(100))
		if _, err := engine.ParsePolicy(guardFile, []byte(text)); err != nil {
			t.Errorf("100 steps: %v", err)
		}
	})
	t.Run("too deep", func(t *testing.T) {
		got := refusals(t, "id: "+strings.Repeat("[", 20)+strings.Repeat("]", 20)+"\n")
		want := guardFile + ":1: id.1.1.1.1.1.1.1.1.1.1.1: nests too deeply: a policy file nests at most 12 levels"
		if len(got) != 1 || got[0] != want {
			t.Errorf("errors %q, want %q", got, want)
		}
	})
	t.Run("a long key is shortened in the path", func(t *testing.T) {
		key := strings.Repeat("k", 1000) // YAML allows a key of 1024 characters at most
		got := refusals(t, key+": &a "+numbers(3)+"\n")
		if len(got) != 1 || len(got[0]) > 300 || !strings.Contains(got[0], "(1000 characters)") {
			t.Errorf("errors %q", got)
		}
	})
}

func TestScenarioBounds(t *testing.T) {
	base := []byte(shipped(t, "trafford-2013"))
	t.Run("a file", func(t *testing.T) {
		_, err := engine.ParseValues([]byte("id: &i x\nname: *i\n"))
		if err == nil || !strings.Contains(err.Error(), `line 2: name: "*i" is an alias`) {
			t.Errorf("ParseValues: %v", err)
		}
		_, err = engine.ParseValues(append(base, "---\nid: x\n"...))
		if err == nil || !strings.Contains(err.Error(), "is a second YAML document") {
			t.Errorf("ParseValues: %v", err)
		}
	})
	tests := []struct {
		name, path, value, want string
	}{
		{"an alias", "moderation.steps", "[&s 1, *s]", `moderation.steps.2: "*s" is an alias`},
		{"a merge key", "rounding", "{<<: {places: 2}, mode: down, source: x}", `rounding.<<: "<<" is a merge key`},
		{"too many steps", "moderation.steps", numbers(100_000), "moderation.steps: has 100000 steps: a policy file has at most 100"},
		{"too many steps in a section", "moderation", "{steps: " + numbers(101) + "}", "moderation.steps: has 101 steps"},
		{"too many stages", "transition.groups.3.fractions", numbers(25), "transition.groups.3.fractions: has 25 stages"},
		{"a second document", "moderation.window", "20\n---\n30", "is more than one value"},
		{"not a value", "moderation.window", "[", "is not a value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := engine.ApplyChanges(base, []engine.Change{{Path: tt.path, Value: tt.value}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ApplyChanges: %v; want %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "line ") {
				t.Errorf("a line of the value, not of the file: %v", err)
			}
		})
	}
}

// billionLaughs is an alias bomb: levels anchors, each a list of width
// aliases of the one before, standing for width^levels values.
func billionLaughs(levels, width int) string {
	var b strings.Builder
	b.WriteString("l0: &l0 [lol]\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [", i, i)
		for j := 0; j < width; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*l%d", i-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// allocated is the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// workBound is the most ParsePolicy may allocate for n bytes of input: the
// shipped files take about 30 bytes a byte, and the worst inputs found
// (lists nested in lists, a flow list of single letters) about 300.
func workBound(n int) uint64 { return 2000*uint64(n) + 1<<20 }

func TestAliasBombIsBounded(t *testing.T) {
	bomb := billionLaughs(15, 100) // about 8 KB standing for 100^15 values
	if len(bomb) < 6000 || len(bomb) > 10000 {
		t.Fatalf("the bomb is %d bytes", len(bomb))
	}
	var err error
	n := allocated(func() { _, err = engine.ParsePolicy(guardFile, []byte(bomb)) })
	if err == nil || !strings.Contains(err.Error(), `l0: "&l0" is an anchor`) {
		t.Errorf("ParsePolicy: %v", err)
	}
	if n > workBound(len(bomb)) {
		t.Errorf("ParsePolicy allocated %d bytes for %d bytes of input", n, len(bomb))
	}
	n = allocated(func() { _, err = engine.ParseValues([]byte(bomb)) })
	if err == nil || n > workBound(len(bomb)) {
		t.Errorf("ParseValues: %v, %d bytes allocated", err, n)
	}
	n = allocated(func() {
		_, err = engine.ApplyChanges([]byte(shipped(t, "trafford-2013")), []engine.Change{{Path: "notes", Value: "{" + strings.ReplaceAll(strings.TrimSpace(bomb), "\n", ", ") + "}"}})
	})
	if err == nil || !strings.Contains(err.Error(), "is an anchor") || n > workBound(len(bomb)+8000) {
		t.Errorf("ApplyChanges: %v, %d bytes allocated", err, n)
	}
}

// zeros reads as an endless run of zero bytes, as /dev/zero does.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestReadPolicyText(t *testing.T) {
	n := allocated(func() {
		_, err := engine.ReadPolicyText("/dev/zero", zeros{})
		if err == nil || err.Error() != "/dev/zero: is larger than 1 MB: a policy file is at most 1 MB (1048576 bytes)" {
			t.Errorf("an endless file: %v", err)
		}
	})
	if n > 8<<20 {
		t.Errorf("reading an endless file allocated %d bytes", n)
	}
	text := shipped(t, "trafford-2013")
	got, err := engine.ReadPolicyText("x.yaml", strings.NewReader(text))
	if err != nil || string(got) != text {
		t.Errorf("a policy file: %v", err)
	}
	got, err = engine.ReadPolicyText("x.yaml", io.LimitReader(zeros{}, engine.MaxPolicyBytes))
	if err != nil || len(got) != engine.MaxPolicyBytes {
		t.Errorf("a file of exactly 1 MB: %d bytes, %v", len(got), err)
	}
}

// FuzzPolicyBounded gives ParsePolicy any text of up to 64 KB: it parses or
// errs, without panicking, allocating no more than a fixed multiple of the
// text's length (workBound).
func FuzzPolicyBounded(f *testing.F) {
	for _, id := range policies.IDs() {
		f.Add(shipped(f, id))
	}
	for _, s := range []string{
		billionLaughs(9, 9),
		billionLaughs(15, 100),
		"id: x\nname: &n Trafford\ncouncil: *n\n",
		"rounding: {<<: {places: 2}}\n",
		"id: x\n---\nid: y\n",
		"moderation: {steps: " + numbers(1000) + "}\n",
		strings.Repeat("[", 100) + strings.Repeat("]", 100),
		strings.Repeat("- ", 50) + "x\n",
		"[" + strings.Repeat("a,", 1000) + "a]\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 64<<10 {
			return
		}
		var p *engine.Policy
		var err error
		n := allocated(func() { p, err = engine.ParsePolicy(guardFile, []byte(text)) })
		if (p == nil) == (err == nil) {
			t.Fatalf("a policy (%v) and an error (%v), or neither", p != nil, err)
		}
		if n > workBound(len(text)) {
			t.Errorf("%d bytes allocated for %d bytes of input (bound %d)", n, len(text), workBound(len(text)))
		}
	})
}
