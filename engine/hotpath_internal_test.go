package engine

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// TestTextArenaKeepsStrings checks that a line's string is not changed by
// the lines after it, whether it is copied into a block (up to an eighth of
// a block) or made apart (longer), across several blocks, with the buffer
// the lines are read into written over each time as the line reader does.
func TestTextArenaKeepsStrings(t *testing.T) {
	var a textArena
	var buf []byte
	var got, want []string
	for i := range 5000 {
		n := i % 40
		switch i % 997 {
		case 0:
			n = textArenaSize / 8
		case 1:
			n = textArenaSize/8 + 1
		case 2:
			n = 0
		}
		buf = append(buf[:0], bytes.Repeat([]byte{byte('a' + i%26)}, n)...)
		buf = strconv.AppendInt(buf, int64(i), 10)
		want = append(want, string(buf))
		got = append(got, a.string(buf))
		for j := range buf {
			buf[j] = '#'
		}
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("line %d is %.20q…, want %.20q…", i, got[i], want[i])
		}
	}
}

// TestCaseSlabKeepsCases checks that cases made from one slab, more than a
// run of it, each keep their own values.
func TestCaseSlabKeepsCases(t *testing.T) {
	var s caseSlab
	var cases []Case
	for i := range 3 * caseSlabRows {
		c, err := Fields{ID: "c", Score: strconv.Itoa(i), Age: "12", CurrentCost: strconv.Itoa(i) + ".50"}.caseIn(s.take(), false)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, c)
	}
	for i, c := range cases {
		if *c.Score != i || *c.Age != 12 || c.CurrentCost.String() != strconv.Itoa(i)+".5" {
			t.Fatalf("case %d: score %d, age %d, cost %s", i, *c.Score, *c.Age, c.CurrentCost)
		}
	}
}

// TestDayNumberTable checks the day numbers read from the table of years
// against those worked out, for every day of every month of the table's
// years and of years either side, days past a month's end included, and a
// month that is not one.
func TestDayNumberTable(t *testing.T) {
	for y := yearDaysFrom - 3; y < yearDaysFrom+yearDays+3; y++ {
		for m := time.Month(0); m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				date := Date{y, m, d}
				if got, want := date.dayNumber(), date.civilDayNumber(); got != want {
					t.Fatalf("%d-%d-%d: day number %d, worked out %d", y, m, d, got, want)
				}
			}
		}
	}
}

// TestCheckedPennies checks checkedPennies against penniesOf for amounts up
// to maxAmount written to every exponent it takes and those either side.
func TestCheckedPennies(t *testing.T) {
	amounts := []Money{zero, penny, maxAmount, decimal.New(1, maxAmountDigits-1), decimal.New(15000, 0)}
	for _, m := range amounts {
		for e := int32(-4); e <= maxAmountDigits+2; e++ {
			// m written with exponent e, where that is exact.
			w := m.Truncate(-e)
			if !w.Equal(m) {
				continue
			}
			w = decimal.New(m.Shift(-e).IntPart(), e)
			got, want := checkedPennies(w), penniesOf(w)
			if got.ok != want.ok || got.pence != want.pence || !got.money().Equal(want.money()) {
				t.Errorf("%s written %se%d: pence %d (ok %v), want %d (ok %v)", m, w.Coefficient(), w.Exponent(), got.pence, got.ok, want.pence, want.ok)
			}
		}
	}
}

// TestSummaryReadsWhatEvaluationFound checks what an evaluation keeps for the
// transition and the summary to read rather than work out again: the index
// of the age band (Result.band) and, where there is a transition, the day the
// child leaves the model (Result.leaves). For every row of the testdata
// cohorts and of a random one, under both policies, read for the summary
// alone and in full, each is what the result's own fields give, and the
// summary of the results is the summary of the same results with both
// forgotten, which works them out again.
func TestSummaryReadsWhatEvaluationFound(t *testing.T) {
	files := map[string][]byte{"random.csv": randomCohort(rand.New(rand.NewPCG(11, 3)), 2000)}
	paths, _ := filepath.Glob("../testdata/cohorts/*.csv")
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(path)] = data
	}
	for _, id := range []string{"trafford-2013", "rotherham-2017"} {
		text, err := os.ReadFile("../policies/" + id + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		p, err := ParsePolicy(id+".yaml", text)
		if err != nil {
			t.Fatal(err)
		}
		for name, data := range files {
			for _, lazy := range []bool{false, true} {
				cr, err := NewCohortReader(name, bytes.NewReader(data))
				if err != nil {
					continue
				}
				cr.lazy = lazy
				kept, forgot := NewSummariser(p), NewSummariser(p)
				var r Result
				for row, err := range cr.Rows() {
					if err != nil || row.Err != nil || evaluateChecked(&r, p, &row.Case, false) != nil {
						continue
					}
					if ai, _ := p.AgeBand(r.Age); r.band != ai+1 {
						t.Errorf("%s, %s, line %d: band %d, want %d", id, name, row.Line, r.band, ai+1)
					}
					if r.Transition != nil && r.leaves != r.LeavesOn() {
						t.Errorf("%s, %s, line %d: leaves on %v, want %v", id, name, row.Line, r.leaves, r.LeavesOn())
					}
					kept.Add(&r)
					r.band, r.leaves = 0, Date{}
					forgot.Add(&r)
				}
				if got, want := kept.Summary(), forgot.Summary(); !reflect.DeepEqual(got, want) {
					t.Errorf("%s, %s, lazy %v: the summary differs once band and leaves are forgotten", id, name, lazy)
				}
			}
		}
	}
}
