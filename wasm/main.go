// Command wasm is the OpenRAS web page: a calculator for families and the
// published methodology of each policy, built with go-app.
//
// Compiled for the browser (GOOS=js GOARCH=wasm) it is the page's program:
// everything a visitor types is worked out in the browser, and nothing is sent
// anywhere. Run natively, it writes the static site that hosts it:
//
//	go run ./wasm generate -out dist [-prefix /repo] [-sources site/sources]
//	go run ./wasm serve -dir dist [-addr 127.0.0.1:8080]
//
// generate prerenders every page, so the methodology can be read before the
// program loads, or without JavaScript at all; serve serves a generated site
// on this machine, with the headers a static host would send.
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func main() {
	routes()
	guardLink() // before go-app reads the address
	app.RunWhenOnBrowser()
	native()
}

// routes maps each page's path to its component; the static site has one
// file for each.
func routes() {
	app.Route("/", func() app.Composer { return &calculator{} })
	app.Route("/scenario", func() app.Composer { return &scenarioPage{} })
	app.Route("/cohort", func() app.Composer { return &cohortPage{} })
	for _, id := range policyIDs() {
		app.Route(methodologyPath(id), func() app.Composer { return &methodology{id: id} })
	}
	routeReports()
	app.RouteWithRegexp("^/.*", func() app.Composer { return &notFound{} })
}

func methodologyPath(id string) string { return "/methodology/" + id }
