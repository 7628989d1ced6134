package main

import (
	"errors"
	"io"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/openras/openras/engine"
	"github.com/openras/openras/wasm/scenario"
)

// The browser's input and output: a file read a slice at a time, a file's
// text, a download, the clipboard, the address bar, and giving the browser
// its turn. Natively (the generator and the tests) go-app's values are
// stand-ins, and none of these is called.

// blobSource is a file chosen on the device, read a slice at a time: its
// text is never held whole.
type blobSource struct {
	file app.Value // a File
	size int64
}

// Reader reads the file from its start; the browser begins reading its
// first slice at once.
func (b blobSource) Reader() io.Reader {
	r := &blobReader{blob: b.file, size: b.size}
	if b.size > 0 {
		r.next = r.slice(0, min(blobSlice, b.size))
	}
	return r
}

// Size is the file's size in bytes.
func (b blobSource) Size() int64 { return b.size }

// blobReader reads a Blob a slice at a time, waiting on the goroutine that
// reads for each slice's promise: the browser has its turn between slices,
// and only a slice is in memory at once, with the next one on its way. It
// must not be read on the page's own goroutine, which answers the promise.
type blobReader struct {
	blob      app.Value
	size, off int64
	next      app.Value // the promise of the slice from off, asked for before it is needed
	buf, data []byte
}

// blobSlice is how much of the file is read at once. The browser reads the
// next slice while the page works through this one, so the page seldom
// waits for the file: with one slice asked for at a time, a 12 MB file kept
// the page waiting about 200 ms in all.
const blobSlice = 1 << 20

func (b *blobReader) Read(p []byte) (int, error) {
	if len(b.buf) == 0 {
		if b.off >= b.size {
			return 0, io.EOF
		}
		end := min(b.off+blobSlice, b.size)
		if b.next == nil {
			b.next = b.slice(b.off, end)
		}
		got, err := await(b.next)
		b.next = nil
		if err != nil {
			return 0, err
		}
		if end < b.size {
			b.next = b.slice(end, min(end+blobSlice, b.size))
		}
		bytes := app.Window().Get("Uint8Array").New(got)
		if cap(b.data) < int(end-b.off) {
			b.data = make([]byte, end-b.off)
		}
		b.buf = b.data[:app.CopyBytesToGo(b.data[:end-b.off], bytes)]
		b.off = end
	}
	n := copy(p, b.buf)
	b.buf = b.buf[n:]
	return n, nil
}

// slice asks the browser for the bytes of the file from off to end: a
// promise of an ArrayBuffer.
func (b *blobReader) slice(off, end int64) app.Value {
	return b.blob.Call("slice", off, end).Call("arrayBuffer")
}

// await waits for a promise, on a goroutine other than the page's.
func await(promise app.Value) (app.Value, error) {
	type outcome struct {
		v   app.Value
		err error
	}
	done := make(chan outcome, 1)
	var ok, fail app.Func
	ok = app.FuncOf(func(this app.Value, args []app.Value) any {
		done <- outcome{v: args[0]}
		return nil
	})
	fail = app.FuncOf(func(this app.Value, args []app.Value) any {
		done <- outcome{err: errors.New("the file could not be read: " + args[0].Call("toString").String())}
		return nil
	})
	promise.Call("then", ok, fail)
	o := <-done
	ok.Release()
	fail.Release()
	return o.v, o.err
}

// maxCohortBytes bounds a cohort file the page reads: 500,000 children take
// about 25 MB, so a larger file is not a cohort and is refused before it is
// read.
const maxCohortBytes = 256 << 20

// readFile takes the cohort file chosen in the file input input and gives it
// to then, on page. A file too large to be a cohort is refused before it is
// read; the file is read later, a slice at a time, in the browser.
func readFile(input app.Value, page app.Context, run *cohortRead, then func(ctx app.Context, name string, src scenario.Source)) {
	files := input.Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	f := files.Index(0)
	name := f.Get("name").String()
	size := f.Get("size").Float()
	if size > maxCohortBytes {
		run.err = name + " is " + megabytes(size) + ": a cohort file is at most 256 MB (500,000 children take about 25 MB). Is it the right file?"
		return
	}
	run.err = ""
	then(page, name, blobSource{file: f, size: int64(size)})
}

func megabytes(size float64) string {
	return itoa(int(size/(1<<20))) + " MB"
}

// readText reads the whole text of the policy file chosen in the file input
// input and gives it to then on ctx. A file larger than a policy file may be
// (engine.MaxPolicyBytes) is refused by its size, before any of it is read:
// refused says why, and is emptied when a file has been read.
func readText(input app.Value, ctx app.Context, refused *string, then func(ctx app.Context, text string)) {
	files := input.Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	f := files.Index(0)
	if size := f.Get("size").Float(); size > engine.MaxPolicyBytes {
		*refused = tooLargePolicy(f.Get("name").String(), size)
		return
	}
	var done app.Func
	done = app.FuncOf(func(this app.Value, args []app.Value) any {
		text := args[0].String()
		// The message goes with the text's arrival, not before: taking it
		// away re-renders the input, and a context of an input no longer on
		// the page dispatches nothing.
		ctx.Dispatch(func(ctx app.Context) {
			*refused = ""
			then(ctx, text)
		})
		done.Release()
		return nil
	})
	f.Call("text").Call("then", done)
}

// tooLargePolicy is the page's message for a policy file of size bytes,
// more than engine.MaxPolicyBytes, refused before it is read.
func tooLargePolicy(name string, size float64) string {
	return name + " is " + megabytesUp(size) + ": a policy file is at most 1 MB (" + itoa(engine.MaxPolicyBytes) +
		" bytes), so it has not been read and the scenario is as it was. Is it the right file?"
}

// megabytesUp is a size in megabytes rounded up, so that a file just over
// 1 MB is not said to be 1 MB.
func megabytesUp(size float64) string {
	return itoa(int((size+(1<<20)-1)/(1<<20))) + " MB"
}

// fetchDemo fetches the synthetic demonstration cohort served with the site,
// and gives it to then, on page.
func fetchDemo(page app.Context, then func(ctx app.Context, name string, src scenario.Source)) {
	var gotText, gotResponse app.Func
	gotText = app.FuncOf(func(this app.Value, args []app.Value) any {
		text := args[0].String()
		page.Dispatch(func(ctx app.Context) {
			then(ctx, "the demonstration cohort", scenario.Text(text))
		})
		gotText.Release()
		return nil
	})
	gotResponse = app.FuncOf(func(this app.Value, args []app.Value) any {
		args[0].Call("text").Call("then", gotText)
		gotResponse.Release()
		return nil
	})
	app.Window().Call("fetch", page.ResolveStaticResource(demoCohort)).Call("then", gotResponse)
}

// demoCohort is the synthetic demonstration cohort, served with the site.
const demoCohort = "/web/demo-trafford-synthetic.csv"

// save offers text as a file to download, made in the browser.
func save(name, kind, text string) {
	blob := app.Window().Get("Blob").New([]any{text}, map[string]any{"type": kind})
	href := app.Window().Get("URL").Call("createObjectURL", blob)
	a := app.Window().Get("document").Call("createElement", "a")
	a.Set("href", href)
	a.Set("download", name)
	a.Call("click")
	app.Window().Get("URL").Call("revokeObjectURL", href)
}

// copyLink puts a link to this page, with fragment after its #, on the
// clipboard; it reports whether the browser has a clipboard to put it on.
func copyLink(fragment string) bool {
	loc := app.Window().Get("location")
	clip := app.Window().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		return false
	}
	clip.Call("writeText", loc.Get("origin").String()+loc.Get("pathname").String()+"#"+fragment)
	return true
}

// replaceLink puts fragment after the # of the address, without a new
// entry in the history.
func replaceLink(fragment string) {
	if app.IsClient {
		app.Window().Get("history").Call("replaceState", nil, "", "#"+fragment)
	}
}

// yieldToBrowser gives the browser its turn: it waits for a message posted
// to itself, a task the browser runs after those already waiting (input,
// painting), without the 4 ms a chain of timeouts is held back by. It must
// not be called on the page's own goroutine.
func yieldToBrowser() {
	yielder.once.Do(func() {
		yielder.ch = make(chan struct{}, 1)
		channel := app.Window().Get("MessageChannel").New()
		yielder.port = channel.Get("port2")
		channel.Get("port1").Set("onmessage", app.FuncOf(func(this app.Value, args []app.Value) any {
			yielder.ch <- struct{}{}
			return nil
		}))
	})
	yielder.port.Call("postMessage", nil)
	<-yielder.ch
}

var yielder struct {
	once sync.Once
	port app.Value
	ch   chan struct{}
}

// waitForPaint waits until the browser has painted a frame, so that what
// was just put on the page (a progress bar) shows before the work begins. It
// must not be called on the page's own goroutine.
func waitForPaint() {
	done := make(chan struct{})
	var frame, after app.Func
	after = app.FuncOf(func(this app.Value, args []app.Value) any {
		close(done)
		return nil
	})
	frame = app.FuncOf(func(this app.Value, args []app.Value) any {
		// A frame's callbacks run before it is painted: wait a task more.
		app.Window().Call("setTimeout", after, 0)
		return nil
	})
	app.Window().Call("requestAnimationFrame", frame)
	<-done
	frame.Release()
	after.Release()
}
