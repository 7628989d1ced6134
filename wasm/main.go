// Command wasm is the OpenRAS web page: a calculator for families and the
// published methodology of each policy, built with go-app.
//
// Compiled for the browser (GOOS=js GOARCH=wasm) it is the page's program,
// the calculator's or, with -tags councillor, the scenario and cohort pages'
// (see routes below): everything a visitor types is worked out in the
// browser, and nothing is sent anywhere. Run natively, it writes the static
// site that hosts it:
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
	guardLink()    // before go-app reads the address
	routeAddress() // once guardLink has mended it
	app.RunWhenOnBrowser()
	native()
}

// The site is served by two programs from this one package, so that a
// family's first visit downloads only what the calculator needs. The
// calculator's program (the default build, web/app.wasm) has the calculator,
// the methodology and the report pages; the councillor's program (built with
// -tags councillor, web/councillor.wasm) has the pages that try a change to
// the rules or a cohort, and the others beside them. routes_calculator.go and
// routes_councillor.go say which program routes which page; natively, where
// the generator prerenders every page, every page is routed.

// councillorPages are the pages of the councillor's program: their files
// load councillor.js and web/councillor.wasm (native.go generate).
var councillorPages = []string{"/scenario", "/cohort"}

// calculatorRoutes maps the paths of the calculator's pages to their
// components: both programs route them.
func calculatorRoutes() {
	route("/", func() app.Composer { return &calculator{} })
	for _, id := range policyIDs() {
		route(methodologyPath(id), func() app.Composer { return &methodology{id: id} })
	}
	routeReports()
}

// routed holds the paths routed (route).
var routed = map[string]bool{}

// route maps path to its component, as app.Route does, noting it in routed.
func route(path string, component func() app.Composer) {
	routed[path] = true
	app.Route(path, component)
}

func methodologyPath(id string) string { return "/methodology/" + id }
