package engine

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// TestParsePence reads amounts in whole pence, worked by hand, each of the
// forms ParseAmount accepts among them, up to its bound of 12 whole digits.
func TestParsePence(t *testing.T) {
	tests := []struct {
		in   string
		want int64
	}{
		{"0", 0},
		{"0.00", 0},
		{"0.01", 1},
		{"0.5", 50},
		{"12.3", 1230},
		{"15000", 1_500_000},
		{"15000.00", 1_500_000},
		{"15,000.00", 1_500_000},
		{"£15,000.00", 1_500_000},
		{"£1,234.56", 123_456},
		{"£15000", 1_500_000},
		{" 15000 ", 1_500_000},
		{" £ 5", 0}, // not an amount: see the error below
		{"00012.30", 1230},
		{"1,234,567.89", 123_456_789},
		{"11912", 1_191_200}, // Trafford 2013, Appendix 1, Example 2: base cost
		{"999999999999", 99_999_999_999_900},
		{"999,999,999,999.99", 99_999_999_999_999},
		{"000000000000000999999999999.99", 99_999_999_999_999}, // leading zeros are not digits of pounds
	}
	for _, tt := range tests {
		got, err := parsePence(tt.in)
		if tt.in == " £ 5" {
			if err == nil {
				t.Errorf("parsePence(%q) = %d, want an error", tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("parsePence(%q) = %d, %v, want %d", tt.in, got, err, tt.want)
		}
	}
}

// checkPenceTwin checks that parsePence and ParseAmount agree on s: the same
// error, kind and words, or an amount ParseAmount gives as the pence over
// 100, written with two places.
func checkPenceTwin(t *testing.T, s string) {
	t.Helper()
	pence, perr := parsePence(s)
	m, merr := ParseAmount(s)
	if (perr == nil) != (merr == nil) {
		t.Fatalf("%q: parsePence error %v, ParseAmount error %v", s, perr, merr)
	}
	if perr != nil {
		pe, me := perr.(*Error), merr.(*Error)
		if pe.Kind != me.Kind || pe.Msg != me.Msg {
			t.Fatalf("%q: parsePence error %v (%s), ParseAmount error %v (%s)", s, perr, pe.Kind, merr, me.Kind)
		}
		return
	}
	if m.Exponent() != -2 || !m.Coefficient().IsInt64() || m.CoefficientInt64() != pence {
		t.Fatalf("%q: parsePence %d pence, ParseAmount %s (coefficient %s, exponent %d)", s, pence, m, m.Coefficient(), m.Exponent())
	}
	if pence < 0 || pence >= 1e14 {
		t.Fatalf("%q: %d pence is out of the bounds of an amount", s, pence)
	}
}

// TestParsePenceTwin compares parsePence with ParseAmount on the amounts of
// money_test.go's tables, their edges, and random amounts of every form.
func TestParsePenceTwin(t *testing.T) {
	for _, s := range []string{
		"15000", "15000.00", "15,000.00", "£15,000.00", "£15000", " 15000 ", "0", "0.00", "0.5", "0.01",
		"999.99", "1,234,567.89", "999999999999", "999,999,999,999.99", "1000000000000", "1,000,000,000,000.00",
		"-1", "£-15.00", "-0", "1.234", "15,000.005", "1,5,0", "12,34", "15,0000", ",150", "150,", "abc", "", "   ",
		"£", "1e3", ".5", "5.", "1.2.3", "+5", "15 000", "$15", "Inf", "NaN", "0x10", strings.Repeat("9", 100),
		"£ 5", "££5", "5£", "0,123", "01,234", "1,234.5", "1,234.", "١٢٣", "12\u00a0", "\t12.50\n",
	} {
		checkPenceTwin(t, s)
	}
	rng := rand.New(rand.NewPCG(2013, 4))
	for range 20_000 {
		checkPenceTwin(t, randomAmount(rng))
	}
}

// randomAmount is an amount as a person or a spreadsheet might write it,
// often well formed and sometimes not.
func randomAmount(rng *rand.Rand) string {
	var b strings.Builder
	if rng.IntN(8) == 0 {
		b.WriteString(" ")
	}
	if rng.IntN(4) == 0 {
		b.WriteString("£")
	}
	if rng.IntN(30) == 0 {
		b.WriteString("-")
	}
	whole := fmt.Sprint(rng.Uint64N(1 << uint(rng.IntN(44))))
	if rng.IntN(30) == 0 {
		whole = "00" + whole
	}
	if rng.IntN(4) == 0 {
		// grouped in thousands, now and then wrongly
		var g []string
		for len(whole) > 3 {
			g = append([]string{whole[len(whole)-3:]}, g...)
			whole = whole[:len(whole)-3]
		}
		g = append([]string{whole}, g...)
		if rng.IntN(10) == 0 && len(g[0]) > 1 {
			g[0] = g[0][1:]
		}
		whole = strings.Join(g, ",")
	}
	b.WriteString(whole)
	switch rng.IntN(5) {
	case 0:
		b.WriteString(".")
		b.WriteString(fmt.Sprint(rng.IntN(10)))
	case 1:
		fmt.Fprintf(&b, ".%02d", rng.IntN(100))
	case 2:
		fmt.Fprintf(&b, ".%03d", rng.IntN(1000))
	}
	if rng.IntN(50) == 0 {
		b.WriteString("x")
	}
	if rng.IntN(8) == 0 {
		b.WriteString(" ")
	}
	return b.String()
}

// FuzzParsePence checks parsePence against ParseAmount on any text.
func FuzzParsePence(f *testing.F) {
	for _, s := range []string{"15000", "£1,234.56", "999,999,999,999.99", "1000000000000", "-1", "1.234", "0.5", " 12 ", "1,23", "£", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkPenceTwin(t, s)
	})
}

// TestSummariseCohortTwin reads each cohort file of testdata, and a file of
// random rows with allocations, contingencies, duplicate ids and amounts of
// every form, as a summary alone (amounts in whole pence) and as
// EvaluateCohort does with a visit (amounts as decimals), under each shipped
// policy: the summaries are the same, and so are the rows with errors, their
// cases included, once SummariseCohort has shown them.
func TestSummariseCohortTwin(t *testing.T) {
	files := map[string][]byte{"random.csv": randomCohort(rand.New(rand.NewPCG(7, 7)), 3000)}
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
			var wantRows, gotRows []Row
			want, werr := EvaluateCohort(p, name, bytes.NewReader(data), func(row Row, _ *Result) error {
				if row.Err != nil {
					wantRows = append(wantRows, row)
				}
				return nil
			})
			got, gerr := SummariseCohort(p, name, bytes.NewReader(data), func(row Row) error {
				if row.lazyCase() {
					t.Errorf("%s, %s, line %d: the row is shown before its amounts are written", id, name, row.Line)
				}
				gotRows = append(gotRows, row)
				return nil
			})
			if fmt.Sprint(werr) != fmt.Sprint(gerr) {
				t.Fatalf("%s, %s: error %v, want %v", id, name, gerr, werr)
			}
			if werr != nil {
				continue
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, %s: the summary alone differs:\n got %+v\nwant %+v", id, name, got.Summary, want.Summary)
			}
			// On one processor, as under WebAssembly, the summary reads
			// the file in a loop of its own: the same summary, and the
			// same rows with errors.
			var oneRows []Row
			was := runtime.GOMAXPROCS(1)
			one, oerr := SummariseCohort(p, name, bytes.NewReader(data), func(row Row) error {
				oneRows = append(oneRows, row)
				return nil
			})
			runtime.GOMAXPROCS(was)
			if oerr != nil || !reflect.DeepEqual(one, want) || !reflect.DeepEqual(oneRows, wantRows) {
				t.Errorf("%s, %s: on one processor the summary alone differs (%v):\n got %+v\nwant %+v", id, name, oerr, one.Summary, want.Summary)
			}
			if len(gotRows) != len(wantRows) {
				t.Errorf("%s, %s: %d rows with errors, want %d", id, name, len(gotRows), len(wantRows))
			}
			for i := range min(len(gotRows), len(wantRows)) {
				if !reflect.DeepEqual(gotRows[i], wantRows[i]) {
					t.Errorf("%s, %s: row with errors %d differs:\n got %+v\nwant %+v", id, name, i, gotRows[i], wantRows[i])
					break
				}
			}
			if n := got.Summary.Children; id == "trafford-2013" && name == "random.csv" && n < 1000 {
				t.Errorf("%s: only %d children of 3000 summarised", id, n)
			}
		}
	}
}

func (row Row) lazyCase() bool { return row.Case.lazy != 0 }

// randomCohort is a cohort file of n random rows: every column, ids given
// twice, amounts written in every form ParseAmount accepts and some it
// refuses, contingencies and allocations.
func randomCohort(rng *rand.Rand, n int) []byte {
	var b bytes.Buffer
	b.WriteString("id,score,date_of_birth,assessed_on,current_cost,includes_contingency,allocation\n")
	amount := func() string {
		switch rng.IntN(10) {
		case 0:
			return randomAmount(rng)
		case 1:
			return fmt.Sprintf(`"£%d,%03d.%02d"`, 1+rng.IntN(40), rng.IntN(1000), rng.IntN(100))
		case 2:
			return "999999999999.99"
		}
		return fmt.Sprintf("%d.%02d", rng.IntN(30000), rng.IntN(100))
	}
	for i := range n {
		id := fmt.Sprint("c", i)
		if rng.IntN(50) == 0 {
			id = fmt.Sprint("c", rng.IntN(i+1))
		}
		cost, alloc, cont := "", "", "false"
		if rng.IntN(10) != 0 {
			cost = amount()
		}
		if rng.IntN(6) == 0 {
			alloc = amount()
		}
		if rng.IntN(5) == 0 {
			cont = "true"
		}
		fmt.Fprintf(&b, "%s,%d,%d-%02d-%02d,2013-04-01,%s,%s,%s\n", id, rng.IntN(400), 1995+rng.IntN(18), 1+rng.IntN(12), 1+rng.IntN(28), cost, cont, alloc)
	}
	return b.Bytes()
}
