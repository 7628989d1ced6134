package engine

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// TestHoldCohortRowsSame checks that HoldCohortRows, which reads the amounts
// in whole pence, keeps the cohort HoldCohort keeps from the decimals: the
// same rows, cases kept whole, allocations, counts, warnings and summary,
// for every cohort file of the tests under both policies, and that it shows
// its visit the same rows with the same mistakes.
func TestHoldCohortRowsSame(t *testing.T) {
	files, err := filepath.Glob("../testdata/cohorts/*.csv")
	if err != nil || len(files) == 0 {
		t.Fatal("no cohort files", err)
	}
	// A file whose amounts are written every way a file may write them.
	amounts := "id,score,age,current_cost,includes_contingency,allocation\n" +
		"a,180,7,\"£12,000.5\",true,\n" + "b,200,8,0,false,15000.00\n" + "c,90,3,999999999999.99,yes,\n" +
		"d,150,12,12.345,false,\n" + "e,150,12,,false,7\n" + "f,150,12,-3,false,\n" + "a,150,12,1,false,\n"
	for _, id := range []string{"trafford-2013", "rotherham-2017"} {
		text, err := os.ReadFile("../policies/" + id + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		base, err := ParsePolicy(id+".yaml", text)
		if err != nil {
			t.Fatal(err)
		}
		inputs := map[string]string{"amounts.csv": amounts}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			inputs[filepath.Base(f)] = string(data)
		}
		for name, data := range inputs {
			var seen, seenRows []string
			h, err := HoldCohort(base, name, strings.NewReader(data), func(row Row, _ *Result) error {
				seen = append(seen, fmt.Sprint(row.Line, row.Err))
				return nil
			})
			hr, errRows := HoldCohortRows(base, name, strings.NewReader(data), func(row Row) error {
				seenRows = append(seenRows, fmt.Sprint(row.Line, row.Err))
				return nil
			})
			if fmt.Sprint(err) != fmt.Sprint(errRows) {
				t.Fatalf("%s under %s: HoldCohort gives %v, HoldCohortRows %v", name, id, err, errRows)
			}
			if err != nil {
				continue
			}
			if !reflect.DeepEqual(seen, seenRows) {
				t.Errorf("%s under %s: HoldCohort visits\n%q\nHoldCohortRows\n%q", name, id, seen, seenRows)
			}
			if !reflect.DeepEqual(h.rows, hr.rows) || !reflect.DeepEqual(h.odd, hr.odd) || !reflect.DeepEqual(h.oddAlloc, hr.oddAlloc) ||
				h.rejected != hr.rejected || !reflect.DeepEqual(h.warnings, hr.warnings) || !reflect.DeepEqual(h.same, hr.same) || !reflect.DeepEqual(h.sameScore, hr.sameScore) {
				t.Errorf("%s under %s: the held cohorts differ", name, id)
			}
			a, _ := json.Marshal(h.summary)
			b, _ := json.Marshal(hr.summary)
			if string(a) != string(b) {
				t.Errorf("%s under %s: summary\n%s\nfrom HoldCohort, and\n%s\nfrom HoldCohortRows", name, id, a, b)
			}
		}
	}
}

// TestHoldCohortPresize checks that a reader that says its size has the rows
// made room for once, for about the rows it holds, and that the cohort held
// is the one read from a reader that does not say it; and that a file of
// short rows followed by long ones is given no more room than a row every
// 24 bytes.
func TestHoldCohortPresize(t *testing.T) {
	text, err := os.ReadFile("../policies/trafford-2013.yaml")
	if err != nil {
		t.Fatal(err)
	}
	base, err := ParsePolicy("trafford-2013.yaml", text)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("id,score,date_of_birth,assessed_on,current_cost,includes_contingency\n")
	const rows = 20_000
	for i := range rows {
		fmt.Fprintf(&b, "c%d,%d,20%02d-0%d-1%d,2013-04-01,%d.%02d,%v\n", i, 60+i%280, 1+i%12, 1+i%9, i%9, (i*7919)%30000, i%100, i%10 == 0)
	}
	file := b.String()
	// On one processor, as on the page, rows are read a batch ahead of
	// those held; on several, the reading runs further ahead. The room is
	// worked out from the bytes the first rows took, either way.
	for _, procs := range []int{1, 4} {
		was := runtime.GOMAXPROCS(procs)
		sized, err := HoldCohortRows(base, "c.csv", strings.NewReader(file), nil)
		if err != nil {
			t.Fatal(err)
		}
		plain, err := HoldCohortRows(base, "c.csv", io.MultiReader(strings.NewReader(file)), nil)
		runtime.GOMAXPROCS(was)
		if err != nil {
			t.Fatal(err)
		}
		if len(sized.rows) != rows || !reflect.DeepEqual(sized.rows, plain.rows) {
			t.Fatalf("%d processors: %d rows held from a sized reader, %d from a plain one, or they differ", procs, len(sized.rows), len(plain.rows))
		}
		// The rows' lengths vary a little, so the estimate is within a
		// few hundredths, and the thirty-second more covers it.
		if c := cap(sized.rows); c < rows || c > rows+rows/16 {
			t.Errorf("%d processors: room for %d rows made for %d", procs, c, rows)
		}
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	// Short rows first, then long ones: the room is bounded by the size.
	b.Reset()
	b.WriteString("id,score,age,current_cost\n")
	for i := range presizeAfter + 100 {
		fmt.Fprintf(&b, "s%d,1,3,\n", i)
	}
	for i := range 2000 {
		fmt.Fprintf(&b, "l%d,180,3,%s1.00\n", i, strings.Repeat("0", 11))
	}
	b.WriteString(strings.Repeat(",,,\n", 50_000)) // blank rows, a long file
	skewed, err := HoldCohortRows(base, "s.csv", strings.NewReader(b.String()), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c, most := cap(skewed.rows), b.Len()/24; c > most+most/4 {
		t.Errorf("room for %d rows made in a file of %d bytes", c, b.Len())
	}
}
