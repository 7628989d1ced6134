//go:build !wasm || councillor

package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// routes maps each page's path to its component: in the councillor's
// program, and natively, where the static site has one file for each.
// The councillor's program keeps the calculator's pages too, so that a link
// from /scenario to the calculator or a methodology needs no other download.
func routes() {
	calculatorRoutes()
	components := map[string]func() app.Composer{
		"/scenario": func() app.Composer { return &scenarioPage{} },
		"/cohort":   func() app.Composer { return &cohortPage{} },
	}
	for _, p := range councillorPages {
		route(p, components[p])
	}
	notFoundRoute()
}

// routeAddress has nothing to do here: notFoundRoute routes every other
// path (routes_calculator.go).
func routeAddress() {}

// notFoundRoute is the page for any other path; it is routed last. The
// calculator's program routes no path by regular expression
// (routes_calculator.go, routeAddress).
func notFoundRoute() {
	app.RouteWithRegexp("^/.*", func() app.Composer { return &notFound{} })
}
