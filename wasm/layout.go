package main

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// link makes an absolute path of the site into a link, with the prefix of a
// site hosted under a sub-path (like /openras on GitHub Pages).
func link(path string) string {
	return strings.TrimRight(app.Getenv("GOAPP_ROOT_PREFIX"), "/") + path
}

// source links to the text of a policy's source report, served with the site.
func source(document string) string {
	return link("/web/sources/" + document)
}

// shell is the frame of every page: a skip link, the header with the site's
// navigation, the main content and the footer that says where data goes
// (nowhere).
func shell(current string, content ...app.UI) app.UI {
	nav := []app.UI{navItem(current, "/", "Calculator")}
	for _, id := range policyIDs() {
		nav = append(nav, navItem(current, methodologyPath(id), "How "+shipped.byID[id].Name+" works"))
	}
	return app.Div().Class("page").Body(
		app.A().Class("skip-link").Href("#main").Text("Skip to main content"),
		app.Header().Class("header").Body(
			app.Div().Class("width header-inner").Body(
				app.A().Class("brand").Href(link("/")).Text("OpenRAS"),
				app.Nav().Aria("label", "Main").Body(app.Ul().Class("nav").Body(nav...)),
			),
		),
		app.Main().ID("main").Class("width main").Body(content...),
		app.Footer().Class("footer").Body(
			app.Div().Class("width").Body(
				app.P().Text("Nothing you type here leaves your browser: the budget is worked out on your device, and the page keeps nothing unless you copy a link."),
				app.P().Text("OpenRAS is not a council. Its figures are indicative, worked out from the councils' published reports; the council's own assessment decides."),
			),
		),
	)
}

func navItem(current, path, label string) app.UI {
	a := app.A().Href(link(path)).Text(label)
	if current == path {
		a = a.Aria("current", "page")
	}
	return app.Li().Body(a)
}
