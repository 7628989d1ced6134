package engine

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
)

// TestResetClearsEveryField checks Result.reset, which clears a result field
// by field rather than whole: Result has the fields reset knows of, and each
// row of the testdata cohorts evaluated into memory that held the rows
// before it, under both policies, is the result made in fresh memory.
func TestResetClearsEveryField(t *testing.T) {
	// A field added to Result must be set by reset, or be written before it
	// is read, like those reset leaves: add it there, then here.
	known := []string{"ID", "Policy", "AssessedOn", "DateOfBirth", "Age", "AgeBand", "Score", "ScoreBand",
		"Eligible", "AllocationGiven", "Route", "Provision", "Moderation", "Transition", "Notice", "Reviews",
		"Explanation", "reads", "sides", "budget", "plan", "notice", "schedule", "reviews", "ex", "band", "leaves", "horizon"}
	rt := reflect.TypeFor[Result]()
	var fields []string
	for i := range rt.NumField() {
		fields = append(fields, rt.Field(i).Name)
	}
	if !slices.Equal(fields, known) {
		t.Fatalf("Result's fields are %v; reset knows of %v", fields, known)
	}
	// Likewise Plan's, each set by Policy.transition without clearing the
	// plan first.
	planKnown := []string{"Group", "CurrentCost", "BaseCost", "Contingency", "Schedule", "Complete", "base", "decrease", "group"}
	fields = nil
	for f := range reflect.TypeFor[Plan]().Fields() {
		fields = append(fields, f.Name)
	}
	if !slices.Equal(fields, planKnown) {
		t.Fatalf("Plan's fields are %v; Policy.transition sets %v", fields, planKnown)
	}

	files, err := filepath.Glob("../testdata/cohorts/*.csv")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cohorts: %v", err)
	}
	for _, id := range []string{"trafford-2013", "rotherham-2017"} {
		data, err := os.ReadFile("../policies/" + id + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		p, err := ParsePolicy(id+".yaml", data)
		if err != nil {
			t.Fatal(err)
		}
		var used Result
		n := 0
		for _, file := range files {
			f, err := os.Open(file)
			if err != nil {
				t.Fatal(err)
			}
			cr, err := NewCohortReader(file, f)
			if err != nil {
				f.Close()
				continue // a file the reader rejects whole
			}
			for row, err := range cr.Rows() {
				if err != nil || row.Err != nil {
					continue
				}
				for _, explain := range []bool{false, true} {
					var fresh Result
					errF := evaluateChecked(&fresh, p, &row.Case, explain)
					errU := evaluateChecked(&used, p, &row.Case, explain)
					if (errF == nil) != (errU == nil) {
						t.Fatalf("%s:%d under %s: error %v in fresh memory, %v in used", file, row.Line, id, errF, errU)
					}
					if errF == nil && !reflect.DeepEqual(visible(&fresh), visible(&used)) {
						t.Errorf("%s:%d under %s (explain %v): in used memory\n%+v\nwant\n%+v", file, row.Line, id, explain, visible(&used), visible(&fresh))
					}
					n++
				}
			}
			f.Close()
		}
		if n < 20 {
			t.Fatalf("under %s only %d rows evaluated", id, n)
		}
	}
}

// visible is a result without the memory reset leaves as it was: what
// Transition, Notice and Reviews point to is compared through them.
func visible(r *Result) Result {
	v := *r
	v.plan, v.notice, v.schedule, v.reviews, v.ex, v.horizon = Plan{}, NoticeDates{}, [6]Entry{}, [4]Date{}, explainer{}, horizonMemo{}
	return v
}
