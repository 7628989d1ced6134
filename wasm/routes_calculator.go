//go:build wasm && !councillor

package main

import (
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// routes maps each page's path to its component in the calculator's
// program, which has neither the scenario nor the cohort page: a link to
// one of them loads that page afresh, with its own program (leaveForOther).
func routes() {
	calculatorRoutes()
	for _, p := range councillorPages {
		route(p, func() app.Composer { return &elsewhere{} })
	}
	leaveForOther()
}

// routeAddress routes the address the program was loaded at, if it is none
// of the site's pages, to the page not found: the static host sends the
// site's 404.html, and this program, for any address it has not.
//
// The councillor's program routes every other path there (notFoundRoute),
// with go-app's route by regular expression; this one does not, as
// compiling that expression would build the regexp package's parser and
// Unicode tables into the program, a few hundred kilobytes of code a phone
// compiles as the page starts. It needs no more: its pages link only to
// the site's pages, and Back and Forward return only to addresses it has
// shown. It reads the address as go-app does when it shows the first page.
func routeAddress() {
	u := app.Window().URL()
	if u == nil {
		return
	}
	path := strings.TrimPrefix(u.Path, app.Getenv("GOAPP_ROOT_PREFIX"))
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	if !routed[path] {
		app.Route(path, func() app.Composer { return &notFound{} })
	}
}

// leaveForOther lets the browser follow a link to a page of the other
// program as any link between two sites: go-app's own handler of clicks on
// links, on the window, would show the page within this one, and this
// program has not got it. The document hears a click before the window: a
// link to one of those pages goes no further, and the browser loads the
// page, its fragment (#policy=…) and all, as a new entry of the history, so
// Back and Forward move between the two pages as between any two. So too
// for a link to an address this program does not route, such as a report's
// text as a plain file: the host sends the file, or the page not found
// (routeAddress).
func leaveForOther() {
	app.Window().Get("document").Call("addEventListener", "click", app.FuncOf(func(this app.Value, args []app.Value) any {
		e := args[0]
		if e.Get("defaultPrevented").Bool() {
			return nil
		}
		a := e.Get("target")
		if a.Truthy() && a.Get("closest").Truthy() {
			a = a.Call("closest", "a[href]")
		}
		if !a.Truthy() || a.Get("origin").String() != app.Window().Get("location").Get("origin").String() {
			return nil
		}
		if notHere(a.Get("pathname").String()) {
			e.Call("stopPropagation")
		}
		return nil
	}))
}

// notHere tells whether the page at path, as the browser writes it (with
// the site's sub-path), is not one this program shows: one of the
// councillor program's, or an address it does not route.
func notHere(path string) bool {
	path = strings.TrimPrefix(path, app.Getenv("GOAPP_ROOT_PREFIX"))
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return slices.Contains(councillorPages, path) || !routed[path]
}

// startedAt is the address this program's page was loaded at.
var startedAt = app.Window().Get("location").Get("href").String()

// elsewhere stands for a page of the other program, should go-app be asked
// to show one in spite of leaveForOther (a move it was told of rather than
// a click): it loads the address afresh (location.replace), its fragment
// and all. Should this program have been loaded at that very address (a
// host serving the wrong file), it does not load it again and again: it
// asks for a reload.
type elsewhere struct {
	app.Compo
}

func (e *elsewhere) OnNav(ctx app.Context) {
	loc := app.Window().Get("location")
	if href := loc.Get("href").String(); href != startedAt {
		loc.Call("replace", href)
	}
}

func (e *elsewhere) Render() app.UI {
	return shell("",
		app.H1().Text("Opening the page…"),
		app.P().Text("If the page does not open, reload it."),
	)
}
