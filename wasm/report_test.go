//go:build !wasm

package main

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The shipped reports, read as generate reads them.
func loadShippedReports(t *testing.T) {
	t.Helper()
	if err := loadReports(filepath.Join("..", "site", "sources")); err != nil {
		t.Fatal(err)
	}
}

func TestReportHTMLMarkup(t *testing.T) {
	text := "## **6.0 Key Themes**\n\n" +
		"### 6.3 **Financial Model**\n\n" +
		"The model starts on 1<sup>st</sup> April <script>alert(1)</script> & <em onclick=\"x\">ends</em>.\n\n" +
		"- 2.7 At present, the only legal basis…\n" +
		"- a bullet with **bold** and *italic*\n\n" +
		"## Personal Budgets – Transition Arrangements\n\n" +
		"<b>Group 1</b>\tImmediate effect\n" +
		"unclosed <b>bold and <sup>unclosed sup\n"
	got, anchors := reportHTML("t", text, reportMeta{
		Address:  "http://example.org/x?a=<b>",
		Headings: map[string]string{"Personal Budgets – Transition Arrangements": "Appendix 1"},
	})
	for _, want := range []string{
		`<div class="report-text" data-report="t">`,
		`<p class="report-meta">The council published it at <code>http://example.org/x?a=&lt;b&gt;</code>.</p>`,
		`<h2 id="s6"><strong>6.0 Key Themes</strong></h2>`,
		`<h3 id="s6.3">6.3 <strong>Financial Model</strong></h3>`,
		`1<sup>st</sup> April &lt;script&gt;alert(1)&lt;/script&gt; &amp; <em>ends</em>.`,
		`<p id="s2.7">2.7 At present, the only legal basis…</p>`,
		`<ul><li>a bullet with <strong>bold</strong> and <em>italic</em></li></ul>`,
		`<h2 id="appendix-1"><span class="report-label">Appendix 1</span> Personal Budgets – Transition Arrangements</h2>`,
		`<td><strong>Group 1</strong></td><td>Immediate effect</td>`,
		`unclosed <strong>bold and <sup>unclosed sup</sup></strong>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %s\nin %s", want, got)
		}
	}
	for _, bad := range []string{"onclick", "<script", "**", "alert(1)</script>"} {
		if strings.Contains(got, bad) {
			t.Errorf("holds %q: %s", bad, got)
		}
	}
	for _, id := range []string{"s6", "s6.3", "s2.7", "appendix-1"} {
		if !anchors[id] {
			t.Errorf("anchor %s not listed: %v", id, anchors)
		}
	}
	wellFormed(t, got)
}

func TestReportHTMLRecommendationsAndParts(t *testing.T) {
	text := "Recommendations:\n\n" +
		"1. That approval be given to the implementation.\n" +
		"2. That approval be given to a 12 month implementation period.\n\n" +
		"1. Recommendations\n\n" +
		"- 1.1 That approval be given.\n\n" +
		"### C. Data Collection\n\n" +
		"1\tWhat monitoring data do you have?\t<p>As per the 2011 census</p> <p>More</p>\n" +
		"---\t---\t---\n"
	got, _ := reportHTML("t", text, reportMeta{})
	for _, want := range []string{
		`<p id="recommendation-1">1. That approval be given to the implementation.</p>`,
		`<p id="recommendation-2">2. That approval`,
		`<h2 id="s1">1. Recommendations</h2>`,
		`<p id="s1.1">1.1 That approval be given.</p>`,
		`<h3 id="part-c">C. Data Collection</h3>`,
		`<tr id="part-c1"><td>1</td>`, // the row of dashes under it is dropped: no header
		`<span class="report-p">As per the 2011 census</span> <span class="report-p">More</span>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %s\nin %s", want, got)
		}
	}
	wellFormed(t, got)
}

// wellFormed checks that every element the HTML opens it closes, in order,
// and that it uses no element or attribute the converter does not make. The
// converter escapes every < of the text, so each < here starts a tag.
func wellFormed(t *testing.T, s string) {
	t.Helper()
	allowed := map[string]bool{"div": true, "p": true, "h2": true, "h3": true, "ul": true, "li": true, "strong": true, "em": true,
		"sup": true, "sub": true, "span": true, "br": true, "code": true, "table": true, "tr": true, "td": true, "th": true}
	attrs := map[string]bool{"id": true, "class": true, "data-report": true, "scope": true}
	tag := regexp.MustCompile(`<(/?)([a-z0-9]+)((?:\s[a-z-]+="[^"<>]*")*)>`)
	attr := regexp.MustCompile(`\s([a-z-]+)="`)
	if n, m := strings.Count(s, "<"), len(tag.FindAllString(s, -1)); n != m {
		t.Errorf("%d < but %d tags", n, m)
	}
	var stack []string
	for _, m := range tag.FindAllStringSubmatch(s, -1) {
		name := m[2]
		if !allowed[name] {
			t.Errorf("element %s", name)
		}
		for _, a := range attr.FindAllStringSubmatch(m[3], -1) {
			if !attrs[a[1]] {
				t.Errorf("attribute %s on %s", a[1], name)
			}
		}
		switch {
		case m[1] == "" && name != "br":
			stack = append(stack, name)
		case m[1] == "/":
			if len(stack) == 0 || stack[len(stack)-1] != name {
				t.Fatalf("</%s> closes %v", name, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) != 0 {
		t.Errorf("left open: %v", stack)
	}
}

func TestShippedReports(t *testing.T) {
	loadShippedReports(t)
	tr := reports["trafford-2013"]
	if tr == nil {
		t.Fatal("no Trafford report")
	}
	wellFormed(t, tr.body)
	// §6.3 of the Trafford report, its anchor and its text (the rates table).
	for _, want := range []string{
		`<h3 id="s6.3">6.3 <strong>Financial Model</strong></h3>`,
		`id="appendix-1"`, `id="recommendation-1"`, `id="part-c1"`, `id="s2.7"`, `id="s7.4"`,
		`4<sup>th</sup> March 2013`, `<td>£1,300.00</td>`,
	} {
		if !strings.Contains(tr.body, want) {
			t.Errorf("the Trafford report lacks %s", want)
		}
	}
	ro := reports["rotherham-2017"]
	if ro == nil {
		t.Fatal("no Rotherham report")
	}
	wellFormed(t, ro.body)
	for _, want := range []string{`id="s8.1"`, `id="s6.3"`, `id="recommendation-3"`, "moderngov.rotherham.gov.uk"} {
		if !strings.Contains(ro.body, want) {
			t.Errorf("the Rotherham report lacks %s", want)
		}
	}
	for id, r := range reports {
		// The text's own stars, written \*, stay; no ** of its markup does.
		doc, _ := os.ReadFile(filepath.Join("..", "site", "sources", shipped.policy(id).Source.Document))
		if got, want := strings.Count(r.body, "**"), strings.Count(string(doc), `\*\*`); got != want {
			t.Errorf("%s shows ** %d times, its text writes \\*\\* %d times", id, got, want)
		}
		for _, bad := range []string{"&lt;sup", "&lt;b&gt;", "&lt;p&gt;", "&lt;/"} {
			if strings.Contains(r.body, bad) {
				i := strings.Index(r.body, bad)
				t.Errorf("%s shows its markup %q: …%s…", id, bad, r.body[max(0, i-80):min(len(r.body), i+80)])
			}
		}
	}
}

// citeFragments are citations and the anchors they open the report at.
var citeFragments = map[string]string{
	"§6.3":                                    "s6.3",
	"§2.1, §3.4, §6.3":                        "s2.1",
	"Appendix 1, Transition plans":            "appendix-1",
	"Appendix 1, Example 2 (£11,063.67p)":     "appendix-1",
	"Recommendation 1, §6.1: roll-out":        "recommendation-1",
	"rec. 3, §3.3":                            "recommendation-3",
	"§6.6, alignment of the direct payment":   "s6.6",
	"Equality Impact Assessment, section C1":  "part-c1",
	"Section 6.2":                             "s6.2",
	"Decision: amounts to the penny":          "",
	"The report publishes no age bands":       "",
	"§2.11: packages reviewed every 6 months": "s2.11",
	"Annexe 1":          "annexe-1",
	"the report's §7.2": "s7.2",
	"Recommendation 3, §3.3; written reasons":   "recommendation-3",
	"§2.1 (Children and Families Act 2014); …":  "s2.1",
	"Appendix 1: further RAS allocations when…": "appendix-1",
}

func TestCiteFragment(t *testing.T) {
	for in, want := range citeFragments {
		if got := citeFragment(in); got != want {
			t.Errorf("citeFragment(%q) = %q, want %q", in, got, want)
		}
	}
	if got := citeHref("trafford-2013", "§6.3"); got != "/reports/trafford-2013#s6.3" {
		t.Errorf("citeHref = %q", got)
	}
}

// citeExpression is the regular expression citePlace stands for.
var citeExpression = regexp.MustCompile(`(?i)§\s*(\d+(?:\.\d+)?)|\bsections?\s+(\d+(?:\.\d+)?)\b|\b(appendix|annexe?)\s+([0-9]+|[ivx]+)\b|\b(?:recommendation|rec\.)\s*(\d+)\b|\bsection\s+([A-Z])(\d*)\b`)

// citeCases are texts made to try each turn of citeExpression.
var citeCases = []string{
	"", "§", "§ ", "§6", "§ 6", "§\t6.", "§6.3.4", "§6.x", "§.5", "§§6", "x§6", "§\v6", "§\u00a06",
	"section 6", "sections 6", "Section 6.2", "SECTIONS 6.2b", "section 6.2_", "section 12a", "section 1.2.3",
	"section6", "section  \n 6", "subsection 6", "_section 6", "section 6é", "é section 6",
	"section C", "section C1", "section c12", "section C1a", "section Ca", "section 1C", "sections C1",
	"section ſ", "section ſ1", "section ſ1a", "section ſa", "section \u212a", "section \u212a2", "ſection 6",
	"ſections 6", "aſection 6", "Sectionſ 6", "sectionſ 6", "section K9", "section é1",
	"appendix 1", "Appendix IV", "appendix iv.", "appendix ivy", "appendix 1a", "appendix 12", "appendixes 1",
	"annex 2", "Annexe 3", "annexe iii", "ANNEX X", "annexes 1", "annexe1", "annex\t\tvi,", "xannex 1", "annex_ 1",
	"appendix 1_", "appendix ix1", "appendix 1x", "annexe  ", "appendix il", "appendix L", "annex xl", "appendix c", "annex vii",
	"recommendation 3", "Recommendation3", "rec. 3", "rec.3", "Rec 3", "rec. 3a", "recommendations 3",
	"recommendation 12,", "prerec. 3", "rec.\n4", "ʀec. 3", "recommendation", "rec.",
	"\xff§6", "\xc2§6", "§\xa76", "section \xff1", "\xe2\x84section 6", "the report's §7.2; §8",
	"nothing here", "Decision: amounts to the penny",
}

// citeTexts are texts to find citations in: citeCases, the citations of
// TestCiteFragment, every line of the shipped policies and of the reports,
// and up to 200 bytes of those lines from each place a citation could
// start.
func citeTexts(t testing.TB) []string {
	texts := slices.Clone(citeCases)
	for c := range citeFragments {
		texts = append(texts, c)
	}
	for _, pattern := range []string{"../policies/*.yaml", "../site/sources/*.txt", "../site/sources/*.json"} {
		files, err := filepath.Glob(pattern)
		if err != nil || len(files) == 0 {
			t.Fatalf("no files %s: %v", pattern, err)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(string(data), "\n") {
				texts = append(texts, line)
				for i := 1; i < len(line); i++ {
					if strings.IndexByte("sSaArR\xc2", line[i]) >= 0 {
						texts = append(texts, line[i:min(len(line), i+200)])
					}
				}
			}
		}
	}
	return texts
}

// TestCitePlaceIsTheExpression checks the hand-written citePlace against
// the regular expression it stands for, group by group.
func TestCitePlaceIsTheExpression(t *testing.T) {
	texts := citeTexts(t)
	matched := 0
	for _, s := range texts {
		got, want := citePlace(s), citeExpression.FindStringSubmatch(s)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("citePlace(%q) = %q, the expression finds %q", s, got, want)
		}
		if want != nil {
			matched++
		}
	}
	// The texts try each alternative of the expression.
	if matched < 200 {
		t.Errorf("only %d of %d texts cite a place", matched, len(texts))
	}
}

// FuzzCitePlace checks citePlace against the expression on any text.
func FuzzCitePlace(f *testing.F) {
	for _, s := range citeCases {
		f.Add(s)
	}
	for c := range citeFragments {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := citePlace(s), citeExpression.FindStringSubmatch(s); !reflect.DeepEqual(got, want) {
			t.Errorf("citePlace(%q) = %q, the expression finds %q", s, got, want)
		}
	})
}

// TestEveryCitationLands: every place a shipped policy cites in its report
// has its anchor on the report's page.
func TestEveryCitationLands(t *testing.T) {
	loadShippedReports(t)
	for _, id := range policyIDs() {
		r := reports[id]
		var walk func(v reflect.Value, path string)
		walk = func(v reflect.Value, path string) {
			switch v.Kind() {
			case reflect.Pointer, reflect.Interface:
				if !v.IsNil() {
					walk(v.Elem(), path)
				}
			case reflect.Struct:
				for i := 0; i < v.NumField(); i++ {
					f := v.Type().Field(i)
					if !f.IsExported() {
						continue
					}
					if v.Field(i).Kind() == reflect.String && regexp.MustCompile(`Source$|Src$|Citation$`).MatchString(f.Name) {
						s := v.Field(i).String()
						if frag := citeFragment(s); frag != "" && !r.anchors[frag] {
							t.Errorf("%s %s.%s %q cites #%s, which the report's page has not", id, path, f.Name, s, frag)
						}
						continue
					}
					walk(v.Field(i), path+"."+f.Name)
				}
			case reflect.Slice, reflect.Array:
				for i := 0; i < v.Len(); i++ {
					walk(v.Index(i), path)
				}
			case reflect.Map:
				for _, k := range v.MapKeys() {
					walk(v.MapIndex(k), path)
				}
			}
		}
		walk(reflect.ValueOf(shipped.policy(id)), id)
	}
}

func TestReportPagePrerendered(t *testing.T) {
	loadShippedReports(t)
	for _, prefix := range []string{"", "/openras"} {
		status, body := get(t, prefix, "/reports/trafford-2013")
		if status != 200 {
			t.Fatalf("status %d", status)
		}
		for _, want := range []string{
			"<title>Personalisation – Proposals for Children and Young People Service Implementation – Trafford",
			`<h3 id="s6.3">6.3 <strong>Financial Model</strong></h3>`,
			"Trafford Council: report to Council Executive, 4 March 2013.",
			"As a benchmark any child scoring under 100 points",
			`href="` + prefix + `/web/sources/trafford-2013-personalisation-report.txt"`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("prefix %q: the report page lacks %q", prefix, want)
			}
		}
	}
	// The methodology's citations and its "Read the report" open the page.
	_, body := get(t, "/openras", "/methodology/trafford-2013")
	for _, want := range []string{`href="/openras/reports/trafford-2013#s6.3"`, `href="/openras/reports/trafford-2013">Read the report`} {
		if !strings.Contains(body, want) {
			t.Errorf("the methodology lacks %s", want)
		}
	}
}
