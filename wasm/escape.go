package main

import "strings"

// escapeHTML escapes the five characters html.EscapeString escapes, as it
// writes them (&amp; &#39; &lt; &gt; &#34;), for the text of the charts and
// the reports. The html package builds a strings.Replacer for it, whose
// code, some 15 KB, the calculator's program does not need.
func escapeHTML(s string) string {
	i := strings.IndexAny(s, `&'<>"`)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		switch c := s[i]; c {
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&#34;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
