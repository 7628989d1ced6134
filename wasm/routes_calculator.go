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
		app.Route(p, func() app.Composer { return &elsewhere{} })
	}
	notFoundRoute()
	leaveForOther()
}

// leaveForOther lets the browser follow a link to a page of the other
// program as any link between two sites: go-app's own handler of clicks on
// links, on the window, would show the page within this one, and this
// program has not got it. The document hears a click before the window: a
// link to one of those pages goes no further, and the browser loads the
// page, its fragment (#policy=…) and all, as a new entry of the history, so
// Back and Forward move between the two pages as between any two.
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
		if otherProgram(a.Get("pathname").String()) {
			e.Call("stopPropagation")
		}
		return nil
	}))
}

// otherProgram tells whether the page at path, as the browser writes it
// (with the site's sub-path), is one of the councillor program's.
func otherProgram(path string) bool {
	path = strings.TrimPrefix(path, app.Getenv("GOAPP_ROOT_PREFIX"))
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return slices.Contains(councillorPages, path)
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
