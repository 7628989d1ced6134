package scenario

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

func demoCohort(t *testing.T) Text {
	t.Helper()
	data, err := os.ReadFile("../../testdata/cohorts/demo-trafford-synthetic.csv")
	if err != nil {
		t.Fatal(err)
	}
	return Text(data)
}

// hold reads a cohort under base, as the pages do.
func hold(t *testing.T, base *engine.Policy, name string, src Source) *Cohort {
	t.Helper()
	c := &Cohort{Name: name, Src: src}
	held, err := engine.HoldCohort(base, name, c.Open(nil), func(row engine.Row, _ *engine.Result) error {
		c.Row(row)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	c.Held = held
	return c
}

func TestDemoCohortFigures(t *testing.T) {
	p := shipped["trafford-2013"]
	cmp, err := engine.CompareCohort(p, p, "demo", demoCohort(t).Reader(), nil)
	if err != nil {
		t.Fatal(err)
	}
	// The counts the Trafford report publishes (EIA, section C1), which the
	// synthetic cohort is made to match.
	want := map[string]string{"Children": "153", "Higher than now": "50", "Lower than now": "103"}
	got := map[string]Figure{}
	for _, f := range Figures(cmp) {
		got[f.Label] = f
	}
	for label, w := range want {
		if got[label].Baseline != w || got[label].Scenario != w {
			t.Errorf("%s: %q and %q, want %s under both", label, got[label].Baseline, got[label].Scenario, w)
		}
	}
	if !strings.HasPrefix(got["Total allocation"].Baseline, "£") {
		t.Errorf("the total allocation is not shown as money: %q", got["Total allocation"].Baseline)
	}
	// The summary's CSV reads back with every figure, after three rows
	// saying what it is and a blank one.
	text, err := SummaryCSV(cmp, nil, engine.MustDate(2024, time.May, 1))
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil || len(rows) != len(Figures(cmp))+4 || strings.Join(rows[3], ",") != "figure,baseline,scenario,difference" {
		t.Errorf("summary CSV: %v, %d rows", err, len(rows))
	}
}

// TestSummaryCSVNumbers: the summary as a spreadsheet reads it, worked by
// hand for two children of 12 with 200 and 210 points under Trafford 2013
// (§6.3, 52 weeks) and the 10–13, 200–259 rate changed from £0.75 to £0.70:
// 7,800.00 + 8,190.00 = 15,990.00 published; 200 × 0.70 × 52 = 7,280.00 and
// 210 × 0.70 × 52 = 7,644.00, 14,924.00 under the scenario: −1,066.00.
func TestSummaryCSVNumbers(t *testing.T) {
	base := shipped["trafford-2013"]
	changes := []engine.Change{{Path: "rates.10-13.200-259", Was: `"0.75"`, Value: `"0.70"`}}
	text, err := engine.ApplyChanges(mustText(t, "trafford-2013"), changes)
	if err != nil {
		t.Fatal(err)
	}
	scen, err := engine.ParsePolicy("scenario.yaml", text)
	if err != nil {
		t.Fatal(err)
	}
	cmp, err := engine.CompareCohort(base, scen, "two.csv", strings.NewReader("id,score,age\n=A1,200,12\nb,210,12\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	out, err := SummaryCSV(cmp, changes, engine.MustDate(2024, time.May, 1))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out, "\n")
	want := []string{
		"policy," + base.Name + " (trafford-2013)",
		"scenario,rates.10-13.200-259: 0.75 → 0.70",
		"date,2024-05-01",
		"",
		"figure,baseline,scenario,difference",
		"Children,2,2,0",
	}
	for i, w := range want {
		if lines[i] != w {
			t.Errorf("line %d: %q, want %q", i+1, lines[i], w)
		}
	}
	if !strings.Contains(out, "\nTotal allocation,15990.00,14924.00,-1066.00\n") {
		t.Errorf("no total allocation as numbers, the difference negative and not neutralised:\n%s", out)
	}
	// A label that opens as a formula would be neutralised; an amount is not.
	for _, l := range lines {
		if strings.HasPrefix(l, "'") {
			t.Errorf("a figure's label neutralised that needs not be: %q", l)
		}
	}
}

// TestHeldCohortCompared holds a small cohort, compares it under a scenario
// and keeps the rows with mistakes.
func TestHeldCohortCompared(t *testing.T) {
	base := shipped["trafford-2013"]
	c := hold(t, base, "three.csv", Text("id,score,age,current_cost\na,160,15,2000\nb,x,15,\nc,300,8,\n"))
	if c.RowErrN != 1 || len(c.RowErrs) != 1 || !strings.HasPrefix(c.RowErrs[0], "Line 3: ") {
		t.Errorf("row errors %d %q", c.RowErrN, c.RowErrs)
	}
	if !c.HeldUnder(base) || c.HeldUnder(shipped["rotherham-2017"]) {
		t.Error("HeldUnder does not know the baseline")
	}
	s := fromLink("policy=trafford-2013")
	s.SetValue("rates.14-plus.150-199", "0.50")
	var runs Runs
	current := runs.Begin()
	cmp := c.Compare(s.Compared())
	for !cmp.Step(1) {
	}
	if !current() {
		t.Fatal("the only comparison is not the newest")
	}
	runs.Done(cmp.Result(), time.Millisecond)
	// a: 160 points at 15: £3,328.00 published, £4,160.00 under the
	// scenario; c: 300 points at 8, £0.75: £11,700.00 under both.
	res := runs.Result
	if runs.Busy || res == nil || engine.FormatMoney(res.Cmp.Baseline.TotalAllocation) != "£15,028.00" || engine.FormatMoney(res.Cmp.Scenario.TotalAllocation) != "£15,860.00" {
		t.Errorf("comparison %+v", res)
	}
	// A newer change overtakes a comparison under way.
	stale := runs.Begin()
	runs.Stop()
	if stale() || runs.Busy {
		t.Error("a comparison overtaken is still current")
	}
}

// failing reads n bytes of text, then fails as a file taken away mid-read.
type failing struct {
	text string
	n    int
}

func (f failing) Reader() io.Reader {
	return io.MultiReader(strings.NewReader(f.text[:f.n]), errReader{})
}
func (f failing) Size() int64 { return int64(len(f.text)) }

type errReader struct{}

func (errReader) Read([]byte) (int, error) {
	return 0, errors.New("the file could not be read: NotReadableError")
}

// TestResultsCSV exports each child's result; a file that fails part way is
// an error and no text, never a partial file.
func TestResultsCSV(t *testing.T) {
	base := shipped["trafford-2013"]
	demo := demoCohort(t)
	c := hold(t, base, "demo", demo)
	text, err := c.ResultsCSV(base)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil || len(rows) != 154 || rows[0][0] != engine.ResultColumns[0] { // the header and 153 children
		t.Errorf("results CSV: %v, %d rows", err, len(rows))
	}

	c.Src = failing{text: string(demo), n: len(demo) / 2}
	text, err = c.ResultsCSV(base)
	if err == nil || text != "" {
		t.Errorf("a file failing half way exports %d bytes, error %v", len(text), err)
	}
	if !strings.Contains(FileMessage(err), "could not be read") {
		t.Errorf("the message %q does not say the file could not be read", FileMessage(err))
	}
}

func mustText(t *testing.T, id string) []byte {
	t.Helper()
	b, err := policies.Text(id)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestChartData: each chart's data as CSV, with its exact header, the
// amounts as numbers and a fall a negative number, not text.
func TestChartData(t *testing.T) {
	base := shipped["trafford-2013"]
	text, err := engine.ApplyChanges(mustText(t, "trafford-2013"), []engine.Change{{Path: "rates.10-13.200-259", Value: `"0.70"`}})
	if err != nil {
		t.Fatal(err)
	}
	scen, err := engine.ParsePolicy("scenario.yaml", text)
	if err != nil {
		t.Fatal(err)
	}
	cmp, err := engine.CompareCohort(base, scen, "two.csv", strings.NewReader("id,score,age\na,200,12\nb,210,12\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	// 10–13: two children lose 520.00 and 546.00 (200 and 210 × 0.05 × 52).
	age := AgeChangeData(cmp).CSV()
	if !strings.HasPrefix(age, "age_band,gain,lose,same,gained,lost,difference\n") || !strings.Contains(age, "\n10–13 years,0,2,0,0.00,1066.00,-1066.00\n") {
		t.Errorf("by age band:\n%s", age)
	}
	score := ScoreChangeData(cmp).CSV()
	if !strings.HasPrefix(score, "score_band,gain,lose,same,gained,lost,difference\n") || !strings.Contains(score, "\n200–259,0,2,0,0.00,1066.00,-1066.00\n") {
		t.Errorf("by score band:\n%s", score)
	}
	for _, d := range []ChartData{SpendData(cmp), DistributionData(cmp), ModerationData(cmp)} {
		if !strings.HasSuffix(d.File, ".csv") || len(d.Rows) == 0 {
			t.Errorf("%s: %d rows", d.File, len(d.Rows))
		}
	}
	if h := strings.Join(SpendData(cmp).Header, ","); h != "financial_year,published_spend,scenario_spend,difference,budget" {
		t.Errorf("spend header %s", h)
	}
}

// The per-child file the page downloads holds each child's published and
// scenario allocation and their difference, in named columns. Two children
// of 12 (band 10–13) scoring 200 and 210, the 200–259 rate raised from £0.75
// to £0.80 a point a week (Trafford §6.3): 200 × 0.75 × 52 = 7,800.00 and
// 200 × 0.80 × 52 = 8,320.00, a difference of 520.00; 210 × 0.75 × 52 =
// 8,190.00 and 210 × 0.80 × 52 = 8,736.00, a difference of 546.00.
func TestResultsCSVColumns(t *testing.T) {
	base := shipped["trafford-2013"]
	text, err := policies.Text("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	changed, err := engine.ApplyChanges(text, []engine.Change{{Path: "rates.10-13.200-259", Value: `"0.80"`}})
	if err != nil {
		t.Fatal(err)
	}
	scen, err := engine.ParsePolicy("scenario.yaml", changed)
	if err != nil {
		t.Fatal(err)
	}
	c := hold(t, base, "two.csv", Text("id,score,age\nkid-1,200,12\nkid-2,210,12\n"))
	out, err := c.ResultsCSV(scen)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 3 {
		t.Fatalf("%v, %d rows:\n%s", err, len(rows), out)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	want := [][3]string{{"7800.00", "8320.00", "520.00"}, {"8190.00", "8736.00", "546.00"}}
	for i, w := range want {
		for j, name := range []string{"published_allocation", "scenario_allocation", "difference"} {
			k, ok := col[name]
			if !ok {
				t.Fatalf("no column %s in %v", name, rows[0])
			}
			if got := rows[i+1][k]; got != w[j] {
				t.Errorf("kid-%d %s = %q, want %s", i+1, name, got, w[j])
			}
		}
	}
}
