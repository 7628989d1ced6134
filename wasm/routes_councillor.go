//go:build !wasm || councillor

package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// routes maps each page's path to its component: in the councillor's
// program, and natively, where the static site has one file for each.
// The councillor's program keeps the calculator's pages too, so that a link
// from /scenario to the calculator or a methodology needs no other download.
func routes() {
	calculatorRoutes()
	app.Route("/scenario", func() app.Composer { return &scenarioPage{} })
	app.Route("/cohort", func() app.Composer { return &cohortPage{} })
	notFoundRoute()
}
