package main

import (
	"regexp"
	"strings"
	"sync"
	"time"

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
		app.Route(reportPath(id), func() app.Composer { return &reportPage{id: id, body: prerenderedReport(id)} })
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

// citePlace finds the places a citation names; compiled when first asked
// for, not as the program starts: a page may cite nothing.
var citePlace = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)§\s*(\d+(?:\.\d+)?)|\bsections?\s+(\d+(?:\.\d+)?)\b|\b(appendix|annexe?)\s+([0-9]+|[ivx]+)\b|\b(?:recommendation|rec\.)\s*(\d+)\b|\bsection\s+([A-Z])(\d*)\b`)
})

// citeFragment is the anchor of the first place a citation names, or "".
func citeFragment(section string) string {
	m := citePlace().FindStringSubmatch(section)
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
