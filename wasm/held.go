package main

import (
	"errors"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/openras/openras/engine"
)

// tabCohort is the cohort read in this tab, held while the tab is open so
// that the scenario page and the cohort page share it: a change to the
// scenario is compared with the baseline without reading the file again. It
// lives in the tab's memory only; it is never stored or sent anywhere.
var tabCohort *loadedCohort

// loadedCohort is a cohort file read under a baseline policy.
type loadedCohort struct {
	src       cohortSource // to read it again: under another baseline, to export
	synthetic bool
	name      string
	held      *engine.HeldCohort
	rowErrs   []string // the first rows with mistakes, as messages
	rowErrN   int      // how many rows have mistakes
}

// cohortSource is where a cohort file's bytes are: a file chosen on the
// device, read a slice at a time (its text is never held whole), or a text
// in memory.
type cohortSource struct {
	file app.Value // a File; or
	text string
	size int64
}

// open reads the cohort from its start; read, if not nil, counts the bytes
// read so far.
func (src cohortSource) open(read *int64) io.Reader {
	var r io.Reader = strings.NewReader(src.text)
	if src.file != nil {
		r = &blobReader{blob: src.file, size: src.size}
	}
	return &countingReader{r: r, read: read}
}

// blobReader reads a Blob a slice at a time, waiting on the goroutine that
// reads for each slice's promise: the browser has its turn between slices,
// and only a slice is in memory at once. It must not be read on the page's
// own goroutine, which answers the promise.
type blobReader struct {
	blob      app.Value
	size, off int64
	buf       []byte
}

const blobSlice = 1 << 20

func (b *blobReader) Read(p []byte) (int, error) {
	if len(b.buf) == 0 {
		if b.off >= b.size {
			return 0, io.EOF
		}
		end := min(b.off+blobSlice, b.size)
		got, err := await(b.blob.Call("slice", b.off, end).Call("arrayBuffer"))
		if err != nil {
			return 0, err
		}
		bytes := app.Window().Get("Uint8Array").New(got)
		if cap(b.buf) < int(end-b.off) {
			b.buf = make([]byte, end-b.off)
		}
		b.buf = b.buf[:app.CopyBytesToGo(b.buf[:end-b.off], bytes)]
		b.off = end
	}
	n := copy(p, b.buf)
	b.buf = b.buf[n:]
	return n, nil
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

// countingReader counts the bytes read from r.
type countingReader struct {
	r    io.Reader
	read *int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if c.read != nil {
		*c.read += int64(n)
	}
	return n, err
}

// maxCohortBytes bounds a cohort file the page reads: 500,000 children take
// about 25 MB, so a larger file is not a cohort and is refused before it is
// read.
const maxCohortBytes = 256 << 20

// maxRowErrors is how many rows with mistakes a page lists; it counts them all.
const maxRowErrors = 100

// atOnceRows is the size of cohort compared at once, within the event that
// changed the scenario: 20,000 rows take some tens of milliseconds. A larger
// cohort is compared in runs, giving the browser its turn between them.
const atOnceRows = 20_000

// cohortRead is the state of a cohort being read, shown as a progress bar.
type cohortRead struct {
	running bool
	name    string
	rows    int
	read    int64 // bytes read
	size    int64
	err     string
}

// The work that outlasts an event — reading a cohort, comparing a large one —
// is given the page's own context, from OnMount or OnNav: go-app drops what
// is dispatched through an element's context once the element is gone, and
// the file input that starts the reading makes way for its progress bar.

// readFile takes the cohort file chosen in the file input input and gives it
// to then, on page. A file too large to be a cohort is refused before it is
// read; the file is read later, a slice at a time, in the browser.
func readFile(input app.Value, page app.Context, run *cohortRead, then func(ctx app.Context, name string, src cohortSource)) {
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
	then(page, name, cohortSource{file: f, size: int64(size)})
}

func megabytes(size float64) string {
	return itoa(int(size/(1<<20))) + " MB"
}

// fetchDemo fetches the synthetic demonstration cohort served with the site,
// and gives it to then, on page.
func fetchDemo(page app.Context, then func(ctx app.Context, name string, src cohortSource)) {
	var gotText, gotResponse app.Func
	gotText = app.FuncOf(func(this app.Value, args []app.Value) any {
		text := args[0].String()
		page.Dispatch(func(ctx app.Context) {
			then(ctx, "the demonstration cohort", cohortSource{text: text, size: int64(len(text))})
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

// holdCohort reads a cohort under base in the background, giving the browser
// its turn every few tens of milliseconds, so that the page keeps answering
// and run's progress bar moves; it waits first for the bar to be painted.
// done is called on the page's goroutine with the cohort, which becomes the
// tab's, or with run.err set. ctx is the page's own context.
func holdCohort(ctx app.Context, run *cohortRead, base *engine.Policy, name string, src cohortSource, synthetic bool, done func(ctx app.Context, lc *loadedCohort)) {
	*run = cohortRead{running: true, name: name, size: src.size}
	ctx.Async(func() {
		waitForPaint()
		lc := &loadedCohort{name: name, src: src, synthetic: synthetic}
		rows := 0
		var read int64
		last, shown := time.Now(), time.Now()
		held, err := engine.HoldCohort(base, name, src.open(&read), func(row engine.Row, _ *engine.Result) error {
			rows++
			if row.Err != nil {
				lc.rowErrN++
				if len(lc.rowErrs) < maxRowErrors {
					lc.rowErrs = append(lc.rowErrs, rowMessage(row.Err))
				}
			}
			// Reading the clock costs a call out to JavaScript: look at it
			// every 128 rows only. The progress bar is drawn again a few
			// times a second: each drawing is the whole page's.
			if rows%128 == 0 && time.Since(last) > turn {
				if time.Since(shown) > progressEvery {
					n, b := rows, read
					ctx.Dispatch(func(ctx app.Context) { run.rows, run.read = n, b })
					shown = time.Now()
				}
				yieldToBrowser()
				last = time.Now()
			}
			return nil
		})
		ctx.Dispatch(func(ctx app.Context) {
			run.running, run.rows = false, rows
			if err != nil {
				run.err = fileMessage(err)
				return
			}
			lc.held = held
			tabCohort = lc
			done(ctx, lc)
		})
	})
}

// turn is how long the page works before giving the browser its turn:
// well under the 100 ms in which an answer to a key or a tap feels at once.
// progressEvery is how often the progress bar moves.
const (
	turn          = 40 * time.Millisecond
	progressEvery = 200 * time.Millisecond
)

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

// comparison is a held cohort compared under a scenario, with the rows the
// scenario alone rejects.
type comparison struct {
	cmp     *engine.Comparison
	rowErrs []string
	rowErrN int
}

// compareCohort compares the held cohort under scen and gives the outcome to
// done. A cohort of up to atOnceRows rows is compared at once, before
// compareCohort returns, so the page shows the new figures as it re-renders
// after the change; a larger one in runs in the background, given up when
// current says a newer change has come. ctx is the page's own context.
func compareCohort(ctx app.Context, lc *loadedCohort, scen *engine.Policy, current func() bool, done func(ctx app.Context, c comparison)) {
	cr := lc.held.Comparer(scen)
	finish := func() comparison {
		errs, n := cr.Errors()
		c := comparison{cmp: cr.Comparison(), rowErrN: n}
		for _, e := range errs {
			c.rowErrs = append(c.rowErrs, rowMessage(e))
		}
		return c
	}
	if cr.Total() <= atOnceRows {
		cr.Step(cr.Total())
		done(ctx, finish())
		return
	}
	ctx.Async(func() {
		for !cr.Step(4096) {
			yieldToBrowser()
			if !current() {
				return
			}
		}
		ctx.Dispatch(func(ctx app.Context) {
			if current() {
				done(ctx, finish())
			}
		})
	})
}

// progressView is the progress bar of a cohort being read.
func progressView(id string, run *cohortRead) app.UI {
	if !run.running {
		return nil
	}
	return app.Div().Class("progress-wrap").Body(
		app.Label().For(id).Class("label").Text("Reading "+run.name+": "+itoa(run.rows)+" rows"),
		app.Progress().ID(id).Max(max(run.size, 1)).Value(run.read),
	)
}

// cohortTitle names a cohort as the page shows it, synthetic where it is.
func cohortTitle(lc *loadedCohort) string {
	if lc.synthetic {
		return lc.name + " (synthetic)"
	}
	return lc.name
}

// describedBy is the ids that describe a field: its hint, and its error
// when it has one.
func describedBy(hint string, hasError bool, errorID string) string {
	if hasError {
		return hint + " " + errorID
	}
	return hint
}

// fileMessage is a cohort file's mistake as a sentence: "x.xlsx is a
// spreadsheet…", not the command line's "x.xlsx: is a spreadsheet…".
func fileMessage(err error) string {
	var e *engine.Error
	if errors.As(err, &e) && e.File != "" && e.Field == "" {
		if e.Line > 0 {
			return e.File + ", line " + itoa(e.Line) + ": " + e.Msg
		}
		return e.File + " " + e.Msg
	}
	return err.Error()
}

// rowMessage is a row's mistakes as the page lists them: by line, each
// field with its value and what is wrong.
func rowMessage(err error) string {
	var es engine.Errors
	if !errors.As(err, &es) || len(es) == 0 {
		return err.Error()
	}
	parts := make([]string, len(es))
	for i, e := range es {
		c := *e
		c.File, c.Line = "", 0
		parts[i] = c.Error()
	}
	return "Line " + itoa(es[0].Line) + ": " + strings.Join(parts, "; ")
}

// warmUp works out a small invented cohort once a tab, in the background,
// when a page that reads cohorts opens: the browser compiles WebAssembly
// first for a quick start and again, optimised, for code that has run a
// while, so a file chosen later is read at full speed from its first row.
// Nothing of it is kept or shown.
func warmUp(ctx app.Context, base *engine.Policy) {
	if warmedUp || base == nil || !app.IsClient {
		return
	}
	warmedUp = true
	ctx.Async(func() {
		waitForPaint()
		var b strings.Builder
		b.WriteString("id,score,date_of_birth,assessed_on,current_cost,includes_contingency\n")
		for i := range warmUpRows {
			// Scores across every band, ages across every band, costs that
			// put children in every transition group.
			b.WriteString("w" + itoa(i) + "," + itoa(60+(i*37)%280) + "," + itoa(1996+(i*7)%17) + "-0" + itoa(1+i%9) + "-1" + itoa(i%9) +
				",," + itoa((i*7919)%30000) + "." + itoa(10+i%89) + "," + map[bool]string{true: "true", false: "false"}[i%10 == 0] + "\n")
		}
		last := time.Now()
		rows := 0
		engine.HoldCohort(base, "warm-up", strings.NewReader(b.String()), func(engine.Row, *engine.Result) error {
			if rows++; rows%128 == 0 && time.Since(last) > turn {
				yieldToBrowser()
				last = time.Now()
			}
			return nil
		})
	})
}

// warmUpRows is the invented cohort's size: enough rows for the browser to
// optimise the engine's code, a few tenths of a second of work.
const warmUpRows = 4000

var warmedUp bool
