//go:build wasm && !councillor

package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// routes maps each page's path to its component in the calculator's
// program, which has neither the scenario nor the cohort page: a link to
// one of them loads that page afresh, with its own program (elsewhere).
func routes() {
	calculatorRoutes()
	for _, p := range councillorPages {
		app.Route(p, func() app.Composer { return &elsewhere{} })
	}
	notFoundRoute()
}

// startedAt is the address this program's page was loaded at.
var startedAt = app.Window().Get("location").Get("href").String()

// elsewhere stands for a page of the other program. go-app follows a link
// within the page and has already put its address in the history when it
// tells the page of the move (OnNav): elsewhere then loads that address
// afresh in place of the entry (location.replace), so Back returns to the
// page the link was on, and the address's fragment (#policy=…) goes with it.
// Should this program have been loaded at that very address (a host serving
// the wrong file), it does not load it again and again: it asks for a reload.
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
