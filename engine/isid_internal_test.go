package engine

import (
	"regexp"
	"testing"
)

// isID agrees with the pattern it stands for, ^[a-z0-9][a-z0-9-]*$, on ids,
// near misses and every byte.
func TestIsIDAsPattern(t *testing.T) {
	pattern := regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	cases := []string{"", "a", "0", "-", "-a", "a-", "10-13", "trafford-2013", "Trafford", "a b", "a_b", "é", "a\n", "a--b", "z9-"}
	for c := 0; c < 256; c++ {
		cases = append(cases, string(rune(c)), "a"+string([]byte{byte(c)}), string([]byte{byte(c)})+"a")
	}
	for _, s := range cases {
		if got, want := isID(s), pattern.MatchString(s); got != want {
			t.Errorf("isID(%q) = %v, want %v", s, got, want)
		}
	}
}
