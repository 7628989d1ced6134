package main

import (
	"strings"
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
	name      string
	text      string // kept to read it under another baseline, and to export
	synthetic bool
	held      *engine.HeldCohort
	rowErrs   []string // the first rows with mistakes, as messages
	rowErrN   int      // how many rows have mistakes
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
	running  bool
	name     string
	rows     int
	estimate int
	err      string
}

// The work that outlasts an event — reading a cohort, comparing a large one —
// is given the page's own context, from OnMount or OnNav: go-app drops what
// is dispatched through an element's context once the element is gone, and
// the file input that starts the reading makes way for its progress bar.

// readFile reads the cohort file chosen in the file input input, in the
// browser, and gives its name and text to then, on page. A file too large to
// be a cohort is refused before it is read.
func readFile(input app.Value, page app.Context, run *cohortRead, then func(ctx app.Context, name, text string)) {
	files := input.Get("files")
	if !files.Truthy() || files.Length() == 0 {
		return
	}
	f := files.Index(0)
	name := f.Get("name").String()
	if size := f.Get("size").Float(); size > maxCohortBytes {
		run.err = name + " is " + megabytes(size) + ": a cohort file is at most 256 MB (500,000 children take about 25 MB). Is it the right file?"
		return
	}
	run.err = ""
	var done app.Func
	done = app.FuncOf(func(this app.Value, args []app.Value) any {
		text := args[0].String()
		page.Dispatch(func(ctx app.Context) { then(ctx, name, text) })
		done.Release()
		return nil
	})
	f.Call("text").Call("then", done)
}

func megabytes(size float64) string {
	return itoa(int(size/(1<<20))) + " MB"
}

// fetchDemo fetches the synthetic demonstration cohort served with the site,
// and gives it to then, on page.
func fetchDemo(page app.Context, then func(ctx app.Context, name, text string)) {
	var gotText, gotResponse app.Func
	gotText = app.FuncOf(func(this app.Value, args []app.Value) any {
		text := args[0].String()
		page.Dispatch(func(ctx app.Context) { then(ctx, "the demonstration cohort", text) })
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

// holdCohort reads a cohort's text under base in the background, a batch of
// rows at a time, giving the browser its turn between batches so that the
// page keeps answering and run's progress bar moves. done is called on the
// page's goroutine with the cohort, which becomes the tab's, or with
// run.err set. ctx is the page's own context.
func holdCohort(ctx app.Context, run *cohortRead, base *engine.Policy, name, text string, synthetic bool, done func(ctx app.Context, lc *loadedCohort)) {
	*run = cohortRead{running: true, name: name, estimate: strings.Count(text, "\n")}
	ctx.Async(func() {
		lc := &loadedCohort{name: name, text: text, synthetic: synthetic}
		rows := 0
		last := time.Now()
		held, err := engine.HoldCohort(base, name, strings.NewReader(text), func(row engine.Row, _ *engine.Result) error {
			rows++
			if row.Err != nil {
				lc.rowErrN++
				if len(lc.rowErrs) < maxRowErrors {
					lc.rowErrs = append(lc.rowErrs, row.Err.Error())
				}
			}
			// Reading the clock costs a call out to JavaScript: look at it
			// every 512 rows only.
			if rows%512 == 0 && time.Since(last) > 100*time.Millisecond {
				n := rows
				ctx.Dispatch(func(ctx app.Context) { run.rows = n })
				time.Sleep(time.Millisecond)
				last = time.Now()
			}
			return nil
		})
		ctx.Dispatch(func(ctx app.Context) {
			run.running, run.rows = false, rows
			if err != nil {
				run.err = err.Error()
				return
			}
			lc.held = held
			tabCohort = lc
			done(ctx, lc)
		})
	})
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
			c.rowErrs = append(c.rowErrs, e.Error())
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
			time.Sleep(time.Millisecond) // the browser's turn
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
		app.Progress().ID(id).Max(max(run.estimate, run.rows)).Value(run.rows),
	)
}

// cohortTitle names a cohort as the page shows it, synthetic where it is.
func cohortTitle(lc *loadedCohort) string {
	if lc.synthetic {
		return lc.name + " (synthetic)"
	}
	return lc.name
}
