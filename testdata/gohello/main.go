// Command gohello is a bare go-app hello-world: one component rendering
// "Hello, world" on the path /. make bench-site builds it for WebAssembly with
// the same flags as the site's app.wasm, so the size of the page's program can
// be set beside the least any go-app program weighs.
package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

type hello struct {
	app.Compo
}

func (h *hello) Render() app.UI {
	return app.H1().Text("Hello, world")
}

func main() {
	app.Route("/", func() app.Composer { return &hello{} })
	app.RunWhenOnBrowser()
}
