//go:build wasm

package main

import "syscall/js"

// native does nothing in the browser: RunWhenOnBrowser never returns there.
func native() {}

// init marks, on the page's performance timeline, the moment the program's
// main is about to start: the Go runtime and every package have been
// initialised (this file's init is the package's last). bench/site.mjs
// reads the mark to split the program's start from its first render.
func init() {
	if perf := js.Global().Get("performance"); perf.Truthy() && perf.Get("mark").Truthy() {
		perf.Call("mark", "openras-main")
	}
}
