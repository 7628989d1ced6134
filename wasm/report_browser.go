//go:build wasm

package main

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// prerenderedReport is the report's text the server sent with this page,
// read before the program draws the page anew; "" when the page was reached
// from another page of the site, whose document does not hold it.
func prerenderedReport(id string) string {
	el := app.Window().Get("document").Call("querySelector", `.report-text[data-report="`+id+`"]`)
	if !el.Truthy() {
		return ""
	}
	return el.Get("outerHTML").String()
}

// loadedHere reports whether the document was loaded at the page's own
// address, rather than at another page the program has since left.
func loadedHere() bool {
	entries := app.Window().Get("performance").Call("getEntriesByType", "navigation")
	if entries.Length() == 0 {
		return true
	}
	loaded, _, _ := strings.Cut(entries.Index(0).Get("name").String(), "#")
	here := app.Window().URL()
	here.Fragment = ""
	return loaded == here.String()
}
