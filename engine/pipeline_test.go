package engine_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
)

// TestCohortRows reads a file with the iterator as with Next: every row, in
// order, a row with mistakes among them; a file that cannot be read on ends
// with its error; leaving the loop early stops the reading.
func TestCohortRows(t *testing.T) {
	cr, err := engine.NewCohortReader("t.csv", strings.NewReader("id,score,age\nr1,180,12\n\nr2,abc,7\nr3,120,9\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for row, err := range cr.Rows() {
		if err != nil {
			t.Fatal(err)
		}
		msg := "ok"
		if row.Err != nil {
			msg, _, _ = strings.Cut(row.Err.Error(), `"abc" `) // the words are case.go's
		}
		got = append(got, fmt.Sprintf("%d %s %s", row.Line, row.Fields.ID, msg))
	}
	want := []string{"2 r1 ok", "4 r2 t.csv:4: score: ", "5 r3 ok"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	cr, err = engine.NewCohortReader("h.csv", strings.NewReader("id,score,age\n"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, err := range cr.Rows() {
		n++
		if err == nil || !strings.Contains(err.Error(), "no rows") {
			t.Errorf("a header-only file: %v, want an error saying there are no rows", err)
		}
	}
	if n != 1 {
		t.Errorf("a header-only file gave %d rows and errors, want the error alone", n)
	}

	cr, err = engine.NewCohortReader("t.csv", strings.NewReader("id,score,age\nr1,180,12\nr2,150,7\n"))
	if err != nil {
		t.Fatal(err)
	}
	for range cr.Rows() {
		break
	}
	if row, err := cr.Next(); err != nil || row.Fields.ID != "r2" {
		t.Errorf("after leaving the loop at the first row, Next gave %q, %v; want r2", row.Fields.ID, err)
	}
}

// TestCohortReadingsAgree checks that the summary, the held cohort and the
// comparison read a file alike, since they share one reading: each visits
// the same rows in the same order with the same errors and allocations,
// whether the rows are evaluated on one goroutine or several.
func TestCohortReadingsAgree(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(cohortDir, "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cohorts in %s: %v", cohortDir, err)
	}
	traf := cohortPolicy(t, "trafford-2013")
	line := func(row engine.Row, r *engine.Result) string {
		s := fmt.Sprintf("%d %s err=%v", row.Line, row.Fields.ID, row.Err)
		if r != nil {
			s += " " + r.AnnualBudget().StringFixed(2)
		}
		return s
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(path)
		read := func() map[string]string {
			runs := map[string]string{}
			var b strings.Builder
			_, err := engine.EvaluateCohort(traf, name, strings.NewReader(string(data)), func(row engine.Row, r *engine.Result) error {
				fmt.Fprintln(&b, line(row, r))
				return nil
			})
			runs["EvaluateCohort"] = b.String() + fmt.Sprint(err)
			b.Reset()
			_, err = engine.HoldCohort(traf, name, strings.NewReader(string(data)), func(row engine.Row, r *engine.Result) error {
				fmt.Fprintln(&b, line(row, r))
				return nil
			})
			runs["HoldCohort"] = b.String() + fmt.Sprint(err)
			b.Reset()
			_, err = engine.CompareCohort(traf, traf, name, strings.NewReader(string(data)), func(row engine.Row, r, r2 *engine.Result) error {
				if r != r2 {
					t.Errorf("%s: line %d: the same policy twice gave two results", name, row.Line)
				}
				fmt.Fprintln(&b, line(row, r))
				return nil
			})
			runs["CompareCohort"] = b.String() + fmt.Sprint(err)
			return runs
		}
		several := read()
		was := runtime.GOMAXPROCS(1)
		one := read()
		runtime.GOMAXPROCS(was)
		want := several["EvaluateCohort"]
		for _, runs := range []map[string]string{several, one} {
			for fn, got := range runs {
				if got != want {
					t.Errorf("%s: %s visited\n%s\nEvaluateCohort\n%s", name, fn, got, want)
				}
			}
		}
	}
}

// TestCohortVisitErrorStopsEveryReading stops each reading of a file of
// several batches of rows from its visit, part-way through.
func TestCohortVisitErrorStopsEveryReading(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,score,age\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "c%d,%d,%d\n", i, 100+i%200, 3+i%14)
	}
	traf := cohortPolicy(t, "trafford-2013")
	stop := errors.New("stop")
	for fn, read := range map[string]func(visit func() error) error{
		"EvaluateCohort": func(visit func() error) error {
			_, err := engine.EvaluateCohort(traf, "t.csv", strings.NewReader(b.String()), func(engine.Row, *engine.Result) error { return visit() })
			return err
		},
		"HoldCohort": func(visit func() error) error {
			_, err := engine.HoldCohort(traf, "t.csv", strings.NewReader(b.String()), func(engine.Row, *engine.Result) error { return visit() })
			return err
		},
		"CompareCohort": func(visit func() error) error {
			_, err := engine.CompareCohort(traf, traf, "t.csv", strings.NewReader(b.String()), func(engine.Row, *engine.Result, *engine.Result) error { return visit() })
			return err
		},
	} {
		calls := 0
		err := read(func() error {
			calls++
			if calls == 1000 {
				return stop
			}
			return nil
		})
		if !errors.Is(err, stop) || calls != 1000 {
			t.Errorf("%s: %v after %d visits; want the visit's error after 1000", fn, err, calls)
		}
	}
}
