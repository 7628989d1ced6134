package main

import (
	"html"
	"testing"
)

// TestEscapeHTMLAsTheHTMLPackage checks escapeHTML against html.EscapeString
// on text with each character it escapes, none, and all of them together.
func TestEscapeHTMLAsTheHTMLPackage(t *testing.T) {
	for _, s := range []string{
		"", "Annual budget by score", "a & b", "it's", "<svg>", `"quoted"`, "£1,300.00 – ages 14+",
		`&'<>"`, "&&<<>>", "x<y & y>z, \"so\" it's", "é<é", "\x00<\xff",
	} {
		if got, want := escapeHTML(s), html.EscapeString(s); got != want {
			t.Errorf("escapeHTML(%q) = %q, html.EscapeString gives %q", s, got, want)
		}
	}
}

func FuzzEscapeHTML(f *testing.F) {
	f.Add(`a&b'c<d>e"f`)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := escapeHTML(s), html.EscapeString(s); got != want {
			t.Errorf("escapeHTML(%q) = %q, html.EscapeString gives %q", s, got, want)
		}
	})
}
