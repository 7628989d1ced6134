package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// notFound is the page for any path the site does not have.
type notFound struct {
	app.Compo
}

func (n *notFound) OnPreRender(ctx app.Context) { ctx.Page().SetTitle("Page not found – OpenRAS") }
func (n *notFound) OnNav(ctx app.Context)       { ctx.Page().SetTitle("Page not found – OpenRAS") }

func (n *notFound) Render() app.UI {
	return shell("",
		app.H1().Text("Page not found"),
		app.P().Text("If you typed the address, check it is correct. If you followed a link, the page may have moved."),
		app.P().Body(app.A().Href(link("/")).Text("Go to the personal budget calculator")),
	)
}
