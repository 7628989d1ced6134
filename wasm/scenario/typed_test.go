package scenario

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestPlainTypedTwin checks that every value plainTyped reads without YAML
// reads as the YAML parser reads it (typedFromYAML), and that it leaves to
// the parser the values it cannot read the same: numbers written otherwise,
// texts with escapes, quotes of another kind, lists, marks YAML gives a
// meaning to.
func TestPlainTypedTwin(t *testing.T) {
	values := []string{
		"0", "260", "-3", "1.10", "0.75", "-0.5", "007", "-0", "12.000",
		`"1.10"`, `"260"`, `""`, `"a b"`, `"  spaced  "`, `"#not a comment"`, `"a: b"`, `"[1, 2]"`, `"&anchor"`, `"*alias"`, `"~"`, `"null"`, `"yes"`,
		// Left to the parser.
		"", "-", "1.", ".5", "1.2.3", "+1", "1e3", "1_000", "0x1F", "null", "~", "yes", "a b",
		`"x\"y"`, `"tab\there"`, `"é"`, `'1.10'`, `[1, 2]`, `["a", "b"]`, `"unclosed`, `"a" "b"`, "1.10 # note",
	}
	rng := rand.New(rand.NewPCG(3, 5))
	for range 2000 {
		n := strconv.FormatFloat(rng.Float64()*1000-100, 'f', rng.IntN(5), 64)
		values = append(values, n, strconv.Quote(n), strconv.Quote(strconv.Itoa(rng.IntN(400))))
	}
	fast := 0
	for _, v := range values {
		got, ok := plainTyped(v)
		if !ok {
			continue
		}
		fast++
		if want := typedFromYAML(v); got != want {
			t.Errorf("%q: read as %q without YAML, %q with it", v, got, want)
		}
	}
	if fast < 6000 {
		t.Errorf("only %d values of %d read without YAML", fast, len(values))
	}
	for _, v := range []string{"1.", ".5", "+1", "1e3", `"x\"y"`, `'1.10'`, `[1, 2]`, "1.10 # note", `"a" "b"`} {
		if _, ok := plainTyped(v); ok {
			t.Errorf("%q read without YAML", v)
		}
	}
}
