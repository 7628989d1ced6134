package main

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// link makes an absolute path of the site into a link, with the prefix of a
// site hosted under a sub-path (like /openras on GitHub Pages). go-app puts
// the prefix on every path when it prerenders a page, but in the browser only
// on /web/ paths, so the browser's links get it here.
func link(path string) string {
	if !app.IsClient {
		return path
	}
	return rootPrefix() + path
}

// rootPrefix is the site's sub-path, asked of the page once: asking costs a
// call out to JavaScript, and every link of every render wants it.
var rootPrefix = sync.OnceValue(func() string {
	return strings.TrimRight(app.Getenv("GOAPP_ROOT_PREFIX"), "/")
})

// source links to the text of a policy's source report, served with the
// site under /web/, which go-app resolves under a sub-path itself.
func source(document string) string {
	return "/web/sources/" + document
}

// shell is the frame of every page: a skip link, the header with the site's
// navigation, the main content and the footer that says where data goes
// (nowhere).
func shell(current string, content ...app.UI) app.UI {
	nav := []app.UI{navItem(current, "/", "Calculator")}
	for _, id := range policyIDs() {
		nav = append(nav, navItem(current, methodologyPath(id), "How "+shipped.about(id).Name+" works"))
	}
	nav = append(nav, navItem(current, "/scenario", "Try a change to the rules"), navItem(current, "/cohort", "A whole cohort"))
	return app.Div().Class("page").Body(
		app.A().Class("skip-link").Href(link(current)+"#main").Text("Skip to main content"),
		app.Header().Class("header").Body(
			app.Div().Class("width header-inner").Body(
				app.A().Class("brand").Href(link("/")).Text("OpenRAS"),
				app.Nav().Aria("label", "Main").Body(app.Ul().Class("nav").Body(nav...)),
			),
		),
		&updateNotice{},
		app.Main().ID("main").Class("width main").TabIndex(-1).Body(content...),
		app.Footer().Class("footer").Body(
			app.Div().Class("width").Body(
				app.P().Text("Nothing you type here leaves your browser: the budget is worked out on your device, and the page keeps nothing unless you copy a link."),
				app.P().Text("OpenRAS is not a council. Its figures are indicative, worked out from the councils' published reports; the council's own assessment decides."),
				app.P().Class("as-published").Text("These are the councils' rules as published in "+publishedYears()+", which the councils may have changed since."),
			),
		),
	)
}

// publishedYears names the years the shipped policies' reports were
// published in: "2013 and 2017".
func publishedYears() string {
	var years []string
	for _, id := range policyIDs() {
		y := strconv.Itoa(shipped.about(id).Date.Year)
		if !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	slices.Sort(years)
	if len(years) < 2 {
		return strings.Join(years, "")
	}
	return strings.Join(years[:len(years)-1], ", ") + " and " + years[len(years)-1]
}

func navItem(current, path, label string) app.UI {
	a := app.A().Href(link(path)).Text(label)
	if current == path {
		a = a.Aria("current", "page")
	}
	return app.Li().Body(a)
}

// updateNotice tells a returning visitor that a newer version of the site
// has been installed, which a reload shows.
type updateNotice struct {
	app.Compo
	available bool
}

func (u *updateNotice) OnMount(ctx app.Context)     { u.available = ctx.AppUpdateAvailable() }
func (u *updateNotice) OnAppUpdate(ctx app.Context) { u.available = ctx.AppUpdateAvailable() }

func (u *updateNotice) Render() app.UI {
	if !u.available {
		return app.Div().Class("update-slot")
	}
	return app.Div().Class("update").Role("status").Body(
		app.Div().Class("width").Body(
			app.Text("This site has been updated. "),
			app.Button().Type("button").Class("link-button").Text("Reload to see the new version").OnClick(func(ctx app.Context, e app.Event) { ctx.Reload() }),
		),
	)
}

// tableWrap holds a table that may scroll sideways on a narrow screen: a
// labelled region that takes the keyboard's focus, so it can be scrolled
// without a mouse.
func tableWrap(label string, content ...app.UI) app.UI {
	return app.Div().Class("table-wrap").TabIndex(0).Role("region").Aria("label", label).Body(content...)
}

// needsJavaScript says, to a browser with JavaScript off, what a page needs
// it for. The prerendered page is shown without it; its <noscript> shows only
// then.
func needsJavaScript(text string) app.UI {
	return app.NoScript().Body(app.P().Class("needs-js").Text(text))
}
