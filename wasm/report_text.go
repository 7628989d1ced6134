//go:build !wasm

package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// A source report's text is the report as OpenRAS holds it, converted from
// the council's PDF: Markdown-like headings (#), **bold** and *italic*,
// bullets (- ), a line break for each line, tables as tab-separated lines,
// and a few HTML tags the conversion left (<sup>, <b>, <p>, <li>, …). reportHTML
// turns it into HTML that is safe to put in a page: every character of the
// text is escaped, and only the constructs below become elements. Each
// numbered section and paragraph gets an anchor (§6.3 → id="s6.3"), as do
// the recommendations (recommendation-1), the lettered parts of an
// assessment (part-c, part-c1) and the headings the report's metadata names
// (Appendix 1 → appendix-1).

// reportMeta is what a report's text does not carry in a form the page can
// find: site/sources/NAME.json beside NAME.txt, optional.
type reportMeta struct {
	// Address is where the council published the report, as the report
	// itself says; shown as text, never fetched.
	Address string `json:"address"`
	// Headings names headings the report refers to by another name: the
	// heading's text, as in the report, to its name ("Appendix 1").
	Headings map[string]string `json:"headings"`
}

// report is a source report ready for its page.
type report struct {
	body    string          // the report's text as HTML, one <div>
	anchors map[string]bool // every id in body
}

// reports holds each policy's report, by policy id, once generate (or a
// test) has read them.
var reports = map[string]*report{}

// loadReports reads each shipped policy's report from dir (where generate
// has put them) and converts it.
func loadReports(dir string) error {
	for _, id := range policyIDs() {
		doc := shipped.policy(id).Source.Document
		text, err := os.ReadFile(filepath.Join(dir, doc))
		if err != nil {
			return fmt.Errorf("policy %s: %w", id, err)
		}
		var meta reportMeta
		metaFile := filepath.Join(dir, strings.TrimSuffix(doc, filepath.Ext(doc))+".json")
		if data, err := os.ReadFile(metaFile); err == nil {
			if err := json.Unmarshal(data, &meta); err != nil {
				return fmt.Errorf("%s: %w", metaFile, err)
			}
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		body, anchors := reportHTML(id, string(text), meta)
		reports[id] = &report{body: body, anchors: anchors}
	}
	return nil
}

// reportsVersion folds the converted reports into the site's version, so a
// change to the conversion alone still reaches returning visitors.
func reportsVersion(version string) string {
	h := sha256.New()
	h.Write([]byte(version))
	for _, id := range policyIDs() {
		if r := reports[id]; r != nil {
			h.Write([]byte(r.body))
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// prerenderedReport is the body of a policy's report page: its converted
// text, or "" when it has not been read.
func prerenderedReport(id string) string {
	if r := reports[id]; r != nil {
		return r.body
	}
	return ""
}

// loadedHere is for the browser (report_browser.go).
func loadedHere() bool { return false }

var (
	headingLine   = regexp.MustCompile(`^(#{1,6})\s+(.*)$`)
	bulletLine    = regexp.MustCompile(`^(\s*)[-•]\s+(.*)$`)
	sectionNumber = regexp.MustCompile(`^(\d{1,2})\.(\d{1,2})(?:\s|$)`)
	wholeSection  = regexp.MustCompile(`^(\d{1,2})(?:\.0)?\.?\s+\S`)
	itemNumber    = regexp.MustCompile(`^(\d{1,2})[.)]\s+\S`)
	partHeading   = regexp.MustCompile(`^([A-Z])\.\s+\S`)
	separatorRow  = regexp.MustCompile(`^[-\s|]+$`)
)

// converter holds what the conversion has seen so far.
type converter struct {
	out             strings.Builder
	headings        map[string]string // heading text → its name
	anchors         map[string]bool
	recommendations bool   // in a list of recommendations
	part            string // the lettered part of an assessment, "c"
}

// reportHTML converts a report's text (see above) to HTML: one
// <div class="report-text" data-report="ID">, where the council published
// it first, and the ids it holds.
func reportHTML(id, text string, meta reportMeta) (string, map[string]bool) {
	c := &converter{headings: meta.Headings, anchors: map[string]bool{}}
	c.out.WriteString(`<div class="report-text" data-report="` + escapeHTML(id) + `">`)
	if meta.Address != "" {
		c.out.WriteString(`<p class="report-meta">The council published it at <code>` + escapeHTML(meta.Address) + `</code>.</p>`)
	}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); {
		line := lines[i]
		switch {
		case strings.TrimSpace(line) == "":
			i++
		case headingLine.MatchString(line):
			c.heading(line)
			i++
		case strings.Contains(line, "\t"):
			j := i
			for j < len(lines) && strings.Contains(lines[j], "\t") {
				j++
			}
			c.table(lines[i:j])
			i = j
		case bulletLine.MatchString(line):
			j := i
			for j < len(lines) && bulletLine.MatchString(lines[j]) {
				j++
			}
			c.bullets(lines[i:j])
			i = j
		default:
			j := i
			for j < len(lines) && strings.TrimSpace(lines[j]) != "" && !headingLine.MatchString(lines[j]) &&
				!strings.Contains(lines[j], "\t") && !bulletLine.MatchString(lines[j]) {
				j++
			}
			c.paragraph(lines[i:j])
			i = j
		}
	}
	c.out.WriteString(`</div>`)
	return c.out.String(), c.anchors
}

// plain is a line's text without its markup, to read numbers and names from.
func plain(s string) string {
	s = strings.NewReplacer("**", "", "<b>", "", "</b>", "", "<p>", "", "</p>", "").Replace(s)
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "*"))
}

// anchor is an id attribute for a new id, or "" when the page has it already
// (a report may number two paragraphs alike: Trafford has two 3.6).
func (c *converter) anchor(id string) string {
	if id == "" || c.anchors[id] {
		return ""
	}
	c.anchors[id] = true
	return ` id="` + escapeHTML(id) + `"`
}

// numberID is the anchor of a numbered section or paragraph the text starts
// with: "6.3 Financial Model" → s6.3; with whole, "1.0 Introduction" → s1.
func numberID(text string, whole bool) string {
	if m := sectionNumber.FindStringSubmatch(text); m != nil && m[2] != "0" {
		return "s" + m[1] + "." + m[2]
	}
	if m := wholeSection.FindStringSubmatch(text); whole && m != nil {
		return "s" + m[1]
	}
	return ""
}

func (c *converter) heading(line string) {
	m := headingLine.FindStringSubmatch(line)
	text := plain(m[2])
	c.recommendations = strings.HasPrefix(strings.ToLower(text), "recommendation")
	level := 2
	if len(m[1]) >= 3 {
		level = 3
	}
	id, label := numberID(text, true), ""
	if id != "" {
		level = 2
		if strings.Contains(id, ".") {
			level = 3
		}
	}
	c.part = ""
	if p := partHeading.FindStringSubmatch(text); id == "" && p != nil {
		c.part = strings.ToLower(p[1])
		id = "part-" + c.part
	} else if name := c.headings[text]; id == "" && name != "" {
		id, label, level = slug(name), name, 2
	}
	fmt.Fprintf(&c.out, "<h%d%s>", level, c.anchor(id))
	if label != "" {
		c.out.WriteString(`<span class="report-label">` + escapeHTML(label) + `</span> `)
	}
	c.out.WriteString(inline(m[2]))
	fmt.Fprintf(&c.out, "</h%d>", level)
}

// slug makes a name into an id: "Appendix 1" → appendix-1.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// paragraph is a run of lines with no blank line between; each line keeps
// its own line. A paragraph that starts with a number is its anchor; a short
// "3. Key Issues" alone is a section's heading (Rotherham's).
func (c *converter) paragraph(lines []string) {
	first := plain(lines[0])
	if len(lines) == 1 && wholeSection.MatchString(first) && sectionNumber.FindString(first) == "" &&
		len(first) < 80 && !strings.HasSuffix(first, ".") {
		c.recommendations = false
		fmt.Fprintf(&c.out, "<h2%s>%s</h2>", c.anchor(numberID(first, true)), inline(lines[0]))
		return
	}
	if strings.HasPrefix(strings.ToLower(first), "recommendation") && len(lines) == 1 && len(first) < 40 {
		c.recommendations = true
	}
	if c.recommendations && itemNumber.MatchString(first) {
		// "Recommendations:" then "1. That approval…" on the lines below.
		for _, l := range lines {
			c.item("p", l)
		}
		return
	}
	if len(lines) > 1 || !strings.HasPrefix(strings.ToLower(first), "recommendation") {
		c.recommendations = false
	}
	c.out.WriteString("<p" + c.anchor(numberID(first, false)) + ">" + inline(strings.Join(lines, "\n")) + "</p>")
}

// item is one numbered paragraph or recommendation, or a bullet.
func (c *converter) item(tag, line string) {
	text := plain(line)
	id := numberID(text, false)
	if id == "" && c.recommendations {
		if m := itemNumber.FindStringSubmatch(text); m != nil {
			id = "recommendation-" + m[1]
		}
	}
	fmt.Fprintf(&c.out, "<%s%s>%s</%s>", tag, c.anchor(id), inline(line), tag)
}

// bullets is a run of "- " lines: a numbered one ("- 2.7 At present…") is a
// paragraph with its anchor, the others a list's items, one level (the
// conversion from PDF did not keep the report's nesting reliably).
func (c *converter) bullets(lines []string) {
	open := false
	for _, l := range lines {
		m := bulletLine.FindStringSubmatch(l)
		text := plain(m[2])
		numbered := numberID(text, false) != "" || c.recommendations && itemNumber.MatchString(text)
		if numbered && open {
			c.out.WriteString("</ul>")
			open = false
		}
		if numbered {
			c.item("p", m[2])
			continue
		}
		if !open {
			c.out.WriteString("<ul>")
			open = true
		}
		c.item("li", m[2])
	}
	if open {
		c.out.WriteString("</ul>")
	}
}

// table is a run of tab-separated lines; rows of dashes, left by the
// conversion at a page's end, are dropped. A first row all in bold is the
// header. In a lettered part of an
// assessment, a row numbered n is part-Xn.
func (c *converter) table(lines []string) {
	var rows [][]string
	header := false
	for _, l := range lines {
		if !separatorRow.MatchString(l) {
			rows = append(rows, strings.Split(l, "\t"))
		}
	}
	if len(rows) == 0 {
		return
	}
	header = len(rows) > 1
	for _, cell := range rows[0] {
		if t := strings.TrimSpace(cell); t != "" && !(strings.HasPrefix(t, "<b>") && strings.HasSuffix(t, "</b>") || strings.HasPrefix(t, "**") && strings.HasSuffix(t, "**")) {
			header = false
		}
	}
	c.out.WriteString(`<div class="report-table"><table>`)
	for i, row := range rows {
		id := ""
		if n := strings.TrimSpace(row[0]); c.part != "" && n != "" && strings.Trim(n, "0123456789") == "" {
			id = "part-" + c.part + n
		}
		c.out.WriteString("<tr" + c.anchor(id) + ">")
		for _, cell := range row {
			if i == 0 && header {
				c.out.WriteString(`<th scope="col">` + inline(cell) + "</th>")
			} else {
				c.out.WriteString("<td>" + inline(cell) + "</td>")
			}
		}
		c.out.WriteString("</tr>")
	}
	c.out.WriteString("</table></div>")
}

// inlineTags are the HTML tags of the text that become elements: the
// element each opens, and its class where it is shown as a block.
var inlineTags = map[string]string{
	"sup": "sup", "sub": "sub", "b": "strong", "strong": "strong", "i": "em", "em": "em",
	"p": "span.report-p", "li": "span.report-li", "ul": "", "a": "",
}

var tagPattern = regexp.MustCompile(`^<(/?)([a-zA-Z]+)((?:\s+[a-zA-Z-]+(?:="[^"<>]*")?)*)\s*/?>`)
var lineEnd = regexp.MustCompile(`[ \t]+\n`)
var autoLink = regexp.MustCompile(`^<(https?://[^\s<>]+)>`)

// inline converts a paragraph's inline markup, a line break at each line's
// end: **bold**, *italic*, \* for a star, the tags of
// inlineTags (their attributes dropped: a link keeps its text and goes
// nowhere), a checkbox as ☒ or ☐; everything else is escaped text. Every
// element it opens, it closes, in order, by the paragraph's end.
func inline(s string) string {
	var b strings.Builder
	var open []string // elements open, innermost last
	push := func(el string) {
		name, class, _ := strings.Cut(el, ".")
		if class != "" {
			b.WriteString("<" + name + ` class="` + class + `">`)
		} else {
			b.WriteString("<" + name + ">")
		}
		open = append(open, name)
	}
	pop := func(name string) {
		// Close name if open, with whatever opened inside it.
		for k := len(open) - 1; k >= 0; k-- {
			if open[k] == name {
				for len(open) > k {
					b.WriteString("</" + open[len(open)-1] + ">")
					open = open[:len(open)-1]
				}
				return
			}
		}
	}
	isOpen := func(name string) bool {
		for _, o := range open {
			if o == name {
				return true
			}
		}
		return false
	}
	s = lineEnd.ReplaceAllString(strings.TrimRight(s, " \t\n"), "\n")
	for len(s) > 0 {
		switch {
		case s[0] == '\n':
			// A line of its own: the text's lines are the report's.
			b.WriteString("<br>")
			s = strings.TrimLeft(s[1:], " ")
			continue
		case strings.HasPrefix(s, "**"):
			// One left open (a bold question in a table's cell) ends with
			// the paragraph, like every element.
			if isOpen("strong") {
				pop("strong")
			} else {
				push("strong")
			}
			s = s[2:]
			continue
		case strings.HasPrefix(s, `\*`):
			b.WriteString("*")
			s = s[2:]
			continue
		case s[0] == '*':
			if isOpen("em") {
				pop("em")
			} else if strings.Contains(s[1:], "*") {
				push("em")
			} else {
				b.WriteString("*")
			}
			s = s[1:]
			continue
		case s[0] == '<':
			if m := autoLink.FindStringSubmatch(s); m != nil {
				b.WriteString(escapeHTML(m[1]))
				s = s[len(m[0]):]
				continue
			}
			if m := tagPattern.FindStringSubmatch(s); m != nil {
				name := strings.ToLower(m[2])
				if name == "input" && m[1] == "" {
					if strings.Contains(m[3], "checked") {
						b.WriteString("☒")
					} else {
						b.WriteString("☐")
					}
					s = s[len(m[0]):]
					continue
				}
				if el, ok := inlineTags[name]; ok {
					elName, _, _ := strings.Cut(el, ".")
					switch {
					case el == "":
					case m[1] == "/":
						pop(elName)
					default:
						push(el)
					}
					s = s[len(m[0]):]
					continue
				}
			}
		}
		// Plain text up to the next character that may start markup.
		k := strings.IndexAny(s[1:], "*<\n\\")
		if k < 0 {
			k = len(s) - 1
		}
		b.WriteString(escapeHTML(s[:k+1]))
		s = s[k+1:]
	}
	for len(open) > 0 {
		b.WriteString("</" + open[len(open)-1] + ">")
		open = open[:len(open)-1]
	}
	return b.String()
}
