package main

import (
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	wlink "github.com/openras/openras/wasm/link"
)

// A page's state is in its link, after the # sign, which the pages read
// with package link. What the browser holds there is read as it is: go-app's
// URL has it decoded once already, and decoding it again loses a % or an &.
//
// go-app reads the address with url.Parse at start and at every move back
// or forward, and stops the program when it cannot: an address with a stray
// % (…#score=26%) would leave the page dead. guardLink, called before go-app
// starts, repairs such an address in place (a stray % becomes %25) and keeps
// what it held, so the page reads the link as it was and names the part
// with the stray %.

// heldLink is the fragment of an address guardLink repaired, and the
// repaired fragment the address holds in its place.
var heldLink struct{ was, repaired string }

// guardLink repairs the address now and at every move back or forward
// (popstate, before go-app's handler sees it).
func guardLink() {
	if !app.IsClient {
		return
	}
	repairLink()
	app.Window().Call("addEventListener", "popstate", app.FuncOf(func(app.Value, []app.Value) any {
		repairLink()
		return nil
	}))
}

func repairLink() {
	loc := app.Window().Get("location")
	href := loc.Get("href").String()
	if _, err := url.Parse(href); err == nil {
		return
	}
	hash := strings.TrimPrefix(loc.Get("hash").String(), "#")
	fixed := wlink.Repair(href)
	if _, err := url.Parse(fixed); err != nil {
		return // not a stray %: nothing here can mend it
	}
	heldLink.was, heldLink.repaired = hash, wlink.Repair(hash)
	app.Window().Get("history").Call("replaceState", app.Window().Get("history").Get("state"), "", fixed)
}

// pageFragment is the link's fragment as the browser holds it, without its
// #: as it was before guardLink repaired it, if it did.
func pageFragment(ctx app.Context) string {
	if !app.IsClient {
		if u := ctx.Page().URL(); u != nil {
			return u.EscapedFragment()
		}
		return ""
	}
	return clientFragment()
}

// clientFragment is the fragment of the page's address in the browser, as
// pageFragment gives it.
func clientFragment() string {
	hash := strings.TrimPrefix(app.Window().Get("location").Get("hash").String(), "#")
	if heldLink.was != "" && hash == heldLink.repaired {
		return heldLink.was
	}
	return hash
}

// linkProblems tells of the parts of the page's link that could not be
// read and were left out; nothing when there are none.
func linkProblems(problems []*wlink.Problem) app.UI {
	if len(problems) == 0 {
		return nil
	}
	items := make([]app.UI, len(problems))
	for i, p := range problems {
		items[i] = app.Li().Text(p.Msg)
	}
	return app.Div().ID("link-problems").Class("warning").Role("status").Body(
		app.P().Text("Part of the link this page was opened with could not be read:"),
		app.Ul().Class("list").Body(items...),
	)
}
