package main

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Each policy's source report is a page of the site, /reports/ID: its text
// prerendered as HTML (report_text.go), with an anchor at each numbered
// section, paragraph, recommendation and appendix, so a citation opens the
// report at what it cites and the style sheet marks it (:target).
//
// In the browser the page shows the text the server sent with it: the
// program does not carry the reports. Reached from another page of the
// site, the page is loaded from the server (or the service worker's store),
// which sends it with its text.

// reportPath is the address of a policy's report page.
func reportPath(id string) string { return "/reports/" + id }

// routeReports adds each report's page to the site's routes.
func routeReports() {
	for _, id := range policyIDs() {
		route(reportPath(id), func() app.Composer { return &reportPage{id: id, body: prerenderedReport(id)} })
	}
}

// citeHref is the link of a citation of a policy's report: its page at the
// first place the citation names that the report numbers ("§2.1, §3.4" →
// #s2.1; "Appendix 1, Example 2" → #appendix-1; "Recommendation 3, §3.3" →
// #recommendation-3), or the page's top when it names none.
func citeHref(policyID, section string) string {
	href := link(reportPath(policyID))
	if f := citeFragment(section); f != "" {
		href += "#" + f
	}
	return href
}

// citePlace finds the first place a citation names, as the regular
// expression
//
//	(?i)§\s*(\d+(?:\.\d+)?)|\bsections?\s+(\d+(?:\.\d+)?)\b|\b(appendix|annexe?)\s+([0-9]+|[ivx]+)\b|\b(?:recommendation|rec\.)\s*(\d+)\b|\bsection\s+([A-Z])(\d*)\b
//
// finds it with FindStringSubmatch: the whole match, then its seven groups
// ("" where a group takes no part), or nil. It is written out by hand so
// that the calculator's program links no regular expressions: their parser
// and Unicode tables are a few hundred kilobytes of code the phone compiles
// as the page starts. Like the expression it matches letters in either case,
// ſ as s and the Kelvin sign as k (Unicode's simple case folding), \s is
// ASCII space, tab and line breaks, \d an ASCII digit, and \b a boundary
// between an ASCII letter, digit or _ and anything else; where the
// expression could match in more than one way it takes the way a
// backtracking matcher would try first, as Go's does.
// report_test.go checks it against the expression.
func citePlace(s string) []string {
	for i := 0; i < len(s); i++ {
		if m := citeAt(s, i); m != nil {
			return m
		}
	}
	return nil
}

// citeAt is citePlace's match starting at s[i], the alternatives of the
// expression tried in turn, or nil.
func citeAt(s string, i int) []string {
	match := func(end int, groups ...int) []string { return citeMatch(s, i, end, groups) }
	// §\s*(\d+(?:\.\d+)?)
	if strings.HasPrefix(s[i:], "§") {
		from := citeSpaces(s, i+len("§"))
		if end := citeDigits(s, from); end > from {
			if end < len(s) && s[end] == '.' {
				if frac := citeDigits(s, end+1); frac > end+1 {
					end = frac
				}
			}
			return match(end, 1, from, end)
		}
	}
	if !citeBoundary(s, i) {
		return nil
	}
	// \bsections?\s+(\d+(?:\.\d+)?)\b
	if word, ok := citeWord(s, i, "section"); ok {
		ends := []int{word}
		if plural, ok := citeWord(s, word, "s"); ok {
			ends = []int{plural, word}
		}
		for _, word := range ends {
			from := citeSpaces(s, word)
			if from == word {
				continue
			}
			if end := citeNumber(s, from); end >= 0 {
				return match(end, 2, from, end)
			}
		}
	}
	// \b(appendix|annexe?)\s+([0-9]+|[ivx]+)\b
	for _, name := range []string{"appendix", "annexe", "annex"} {
		word, ok := citeWord(s, i, name)
		if !ok {
			continue
		}
		from := citeSpaces(s, word)
		if from == word {
			continue
		}
		if end := citeDigits(s, from); end > from && citeBoundary(s, end) {
			return match(end, 3, i, word, 4, from, end)
		}
		end := from
		for end < len(s) && strings.IndexByte("ivxIVX", s[end]) >= 0 {
			end++
		}
		if end > from && citeBoundary(s, end) {
			return match(end, 3, i, word, 4, from, end)
		}
	}
	// \b(?:recommendation|rec\.)\s*(\d+)\b
	for _, name := range []string{"recommendation", "rec."} {
		word, ok := citeWord(s, i, name)
		if !ok {
			continue
		}
		from := citeSpaces(s, word)
		if end := citeDigits(s, from); end > from && citeBoundary(s, end) {
			return match(end, 5, from, end)
		}
	}
	// \bsection\s+([A-Z])(\d*)\b
	if word, ok := citeWord(s, i, "section"); ok {
		from := citeSpaces(s, word)
		if from == word || from == len(s) {
			return nil
		}
		r, size := utf8.DecodeRuneInString(s[from:])
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r == 'ſ' || r == '\u212a') {
			return nil
		}
		letter := from + size
		for end := citeDigits(s, letter); end >= letter; end-- {
			if citeBoundary(s, end) {
				return match(end, 6, from, letter, 7, letter, end)
			}
		}
	}
	return nil
}

// citeMatch is a match of citePlace, s[start:end], with its groups: for
// each, its number, where it starts and where it ends, in turn. It is kept
// out of line, as citeAt would otherwise carry a copy for each of its
// matches.
//
//go:noinline
func citeMatch(s string, start, end int, groups []int) []string {
	m := make([]string, 8)
	m[0] = s[start:end]
	for g := 0; g < len(groups); g += 3 {
		m[groups[g]] = s[groups[g+1]:groups[g+2]]
	}
	return m
}

// citeWord matches word, in lower-case ASCII, at s[i] in any case, ſ
// standing for s and the Kelvin sign for k: the end of the match, and
// whether there is one.
func citeWord(s string, i int, word string) (int, bool) {
	for j := 0; j < len(word); j++ {
		if i >= len(s) {
			return 0, false
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		c := rune(word[j])
		if r != c && !('a' <= c && c <= 'z' && r == c-'a'+'A') && !(c == 's' && r == 'ſ') && !(c == 'k' && r == '\u212a') {
			return 0, false
		}
		i += size
	}
	return i, true
}

// citeSpaces is the end of the run of \s at s[i].
func citeSpaces(s string, i int) int {
	for i < len(s) && strings.IndexByte(" \t\n\f\r", s[i]) >= 0 {
		i++
	}
	return i
}

// citeDigits is the end of the run of ASCII digits at s[i].
func citeDigits(s string, i int) int {
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}

// citeNumber is the end of (\d+(?:\.\d+)?)\b at s[i], the longest that
// ends at a boundary, as a backtracking matcher finds it, or -1.
func citeNumber(s string, i int) int {
	whole := citeDigits(s, i)
	if whole == i {
		return -1
	}
	if whole < len(s) && s[whole] == '.' {
		if frac := citeDigits(s, whole+1); frac > whole+1 && citeBoundary(s, frac) {
			return frac
		}
	}
	if citeBoundary(s, whole) {
		return whole
	}
	return -1
}

// citeBoundary reports whether s[i] is at a boundary of \b: an ASCII
// letter, digit or _ on one side of it only.
func citeBoundary(s string, i int) bool {
	word := func(c byte) bool {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
	}
	return (i > 0 && word(s[i-1])) != (i < len(s) && word(s[i]))
}

// citeFragment is the anchor of the first place a citation names, or "".
func citeFragment(section string) string {
	m := citePlace(section)
	switch {
	case m == nil:
		return ""
	case m[1] != "" || m[2] != "":
		n := m[1] + m[2]
		return "s" + strings.TrimSuffix(n, ".0")
	case m[3] != "":
		kind := strings.ToLower(m[3])
		if kind == "annex" {
			kind = "annexe"
		}
		return kind + "-" + strings.ToLower(m[4])
	case m[5] != "":
		return "recommendation-" + m[5]
	default:
		return "part-" + strings.ToLower(m[6]) + m[7]
	}
}

// reportPage is a policy's source report.
type reportPage struct {
	app.Compo
	id   string
	body string // the report's text as HTML; "" until loaded
	gone bool   // no text here, and loading the page again will not bring it
}

func (r *reportPage) title() string {
	if p := shipped.policy(r.id); p != nil {
		return p.Source.Title + " – " + p.Council + " – OpenRAS"
	}
	return "Report – OpenRAS"
}

func (r *reportPage) OnPreRender(ctx app.Context) {
	ctx.Page().SetTitle(r.title())
	if p := shipped.policy(r.id); p != nil {
		ctx.Page().SetDescription("The report " + p.Council + " published on " + p.Source.Date.Long() + ", the source of every figure of " + p.Name + ".")
	}
}

func (r *reportPage) OnNav(ctx app.Context) {
	ctx.Page().SetTitle(r.title())
	if r.body != "" {
		if u := app.Window().URL(); u.Fragment != "" {
			// The program has drawn the page anew; marking the cited
			// place again makes it the :target and brings it into view.
			ctx.Defer(func(app.Context) { app.Window().Get("location").Call("replace", u.String()) })
		}
		return
	}
	if !app.IsClient {
		return
	}
	if loadedHere() {
		r.gone = true
		return
	}
	// Reached from another page: load this one, text and all, in the
	// history entry the program has just made for it (once it has).
	ctx.After(time.Millisecond, func(app.Context) { app.Window().Get("location").Call("reload") })
}

func (r *reportPage) Render() app.UI {
	p := shipped.policy(r.id)
	path := reportPath(r.id)
	if p == nil {
		return shell(path, app.H1().Text("Report not found"))
	}
	meta := []app.UI{
		app.P().Class("report-meta").Text(p.Council + ": report to " + p.Source.Body + ", " + p.Source.Date.Long() + "."),
	}
	meta = append(meta,
		app.P().Class("hint").Body(
			app.Text("The report's text as OpenRAS holds it, converted from the council's document; the council's own copy is the authority. "),
			app.A().Href(source(p.Source.Document)).Text("The text as a plain file"),
			app.Text(". "),
			app.A().Href(link(methodologyPath(r.id))).Text("How "+p.Name+" works"),
			app.Text("."),
		),
	)
	var body app.UI
	switch {
	case r.body != "":
		body = app.Raw(r.body)
	case r.gone:
		body = app.P().Body(app.Text("The report's text could not be shown here. "), app.A().Href(source(p.Source.Document)).Text("Read it as a plain file"), app.Text("."))
	default:
		body = app.P().Role("status").Text("Opening the report…")
	}
	return shell(path,
		app.Article().Class("report").Body(
			app.Header().Class("report-header").Body(
				app.P().Class("report-kicker").Text("Source report of "+p.Name),
				app.H1().Text(p.Source.Title),
				app.Div().Body(meta...),
			),
			body,
		),
	)
}
