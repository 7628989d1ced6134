package main

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/openras/openras/engine"
	"github.com/openras/openras/wasm/scenario"
)

// tabCohort is the cohort read in this tab, held while the tab is open so
// that the scenario page and the cohort page share it: a change to the
// scenario is compared with the baseline without reading the file again. It
// lives in the tab's memory only; it is never stored or sent anywhere.
var tabCohort *scenario.Cohort

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
// Everything else an event handler does, it does with the context it is
// given.

// holdCohort reads a cohort under base in the background, giving the browser
// its turn every few tens of milliseconds, so that the page keeps answering
// and run's progress bar moves; it waits first for the bar to be painted.
// done is called on the page's goroutine with the cohort, which becomes the
// tab's, or with run.err set. page is the page's own context.
func holdCohort(page app.Context, run *cohortRead, base *engine.Policy, name string, src scenario.Source, synthetic bool, done func(ctx app.Context, lc *scenario.Cohort)) {
	*run = cohortRead{running: true, name: name, size: src.Size()}
	page.Async(func() {
		// The file is opened first, so that the browser reads its first
		// slice while it paints the bar.
		lc := &scenario.Cohort{Name: name, Src: src, Synthetic: synthetic}
		var read int64
		r := lc.Open(&read)
		waitForPaint()
		rows := 0
		last, shown := time.Now(), time.Now()
		// The page shows the rows with mistakes and no result: the
		// amounts are read in whole pence (HoldCohortRows).
		held, err := engine.HoldCohortRows(base, name, r, func(row engine.Row) error {
			rows++
			if row.Err != nil {
				lc.Row(row) // a row is large: it is passed on only to be listed
			}
			// Reading the clock costs a call out to JavaScript: look at it
			// every 128 rows only. The progress bar is drawn again a few
			// times a second: each drawing is the whole page's.
			if rows%128 == 0 && time.Since(last) > turn {
				if time.Since(shown) > progressEvery {
					n, b := rows, read
					page.Dispatch(func(ctx app.Context) { run.rows, run.read = n, b })
					shown = time.Now()
				}
				yieldToBrowser()
				last = time.Now()
			}
			return nil
		})
		page.Dispatch(func(ctx app.Context) {
			run.running, run.rows = false, rows
			if err != nil {
				run.err = scenario.FileMessage(err)
				return
			}
			lc.Held = held
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

// compareCohort compares the held cohort under scen, for the comparison runs
// has begun, and shows the outcome there. A cohort of up to atOnceRows rows
// is compared at once, before compareCohort returns, so the page shows the
// new figures as it re-renders after the change; a larger one in runs in the
// background, given up when a newer change has come. page is the page's own
// context.
func compareCohort(page app.Context, lc *scenario.Cohort, scen *engine.Policy, runs *scenario.Runs, began time.Time) {
	current := runs.Begin()
	cmp := lc.Compare(scen)
	if cmp.Total() <= atOnceRows {
		cmp.Step(cmp.Total())
		runs.Done(cmp.Result(), time.Since(began))
		return
	}
	page.Async(func() {
		// The comparison begins in a task of its own, and the figures are
		// shown in another: the reading before it, or the event that
		// changed the scenario, has had its turn already, and the figures
		// take the browser tens of milliseconds to lay out. Between, the
		// browser has its turn by the time worked, not by the rows: a row
		// the scenario does not change takes a tiny part of the time of one
		// it does, and a turn every 4,096 rows spent more time in turns than
		// in comparing (500,000 rows: 122 turns, about 180 ms in all).
		yieldToBrowser()
		if !current() {
			return
		}
		last := time.Now()
		for !cmp.Step(compareStep) {
			if time.Since(last) < turn {
				continue
			}
			yieldToBrowser()
			if !current() {
				return
			}
			last = time.Now()
		}
		yieldToBrowser()
		page.Dispatch(func(ctx app.Context) {
			if current() {
				runs.Done(cmp.Result(), time.Since(began))
			}
		})
	})
}

// compareStep is how many rows are compared between two looks at the
// clock: a look costs a call out to JavaScript, and 1,024 rows that the
// scenario changes take some milliseconds.
const compareStep = 1024

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
		engine.HoldCohortRows(base, "warm-up", strings.NewReader(b.String()), func(engine.Row) error {
			if rows++; rows%128 == 0 && time.Since(last) > turn {
				yieldToBrowser()
				last = time.Now()
			}
			return nil
		})
	})
}

// warmUpRows is the invented cohort's size: enough rows for the browser to
// have optimised the engine's code by their end, a few tenths of a second
// of work. With 4,000, a file of 100,000 rows chosen half a second after
// the page opened was read in 0.7 to 1.0 s; with 20,000, in 0.5 s (the
// warm-up, if not done, goes on beside the file: stopping it there made
// the file slower, 0.75 s).
const warmUpRows = 20_000

var warmedUp bool
