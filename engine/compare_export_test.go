package engine_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// TestComparisonWriter writes a per-child comparison under Trafford 2013 and
// a scenario that lowers the 10–13, 200–259 rate from £0.75 to £0.70 a point
// a week (§6.3, a year of 52 weeks, the week the year ÷ 52):
//
//	=SUM(A1), 12, 200: 7,800.00 (150.00 a week) → 7,280.00 (140.00), −520.00;
//	   at the step at 200, so moderated there.
//	plain, 12, 230: 8,970.00 (172.50) → 8,372.00 (161.00), −598.00; not moderated.
//
// The id a spreadsheet would read as a formula is neutralised; the negative
// differences are numbers, not text.
func TestComparisonWriter(t *testing.T) {
	base, err := policies.Load("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	scen, err := scenario(t, engine.Change{Path: "rates.10-13.200-259", Value: `"0.70"`})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	w, err := engine.NewComparisonWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	const file = "id,age,score\n=SUM(A1),12,200\nplain,12,230\n"
	if _, err := engine.CompareCohort(base, scen, "c.csv", strings.NewReader(file), func(row engine.Row, a, r *engine.Result) error {
		return w.Write(row, a, r)
	}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	const header = "line,id,age,age_band,score,score_band,eligible,published_allocation,scenario_allocation,difference,published_weekly,scenario_weekly,moderation_step,current_cost,base_cost,increase,decrease,group,schedule,error"
	if lines[0] != header {
		t.Errorf("header\n%s\nwant\n%s", lines[0], header)
	}
	want := []string{
		"2,'=SUM(A1),12,10-13,200,200-259,true,7800.00,7280.00,-520.00,150.00,140.00,200,,,,,,,",
		"3,plain,12,10-13,230,200-259,true,8970.00,8372.00,-598.00,172.50,161.00,,,,,,,,",
	}
	for i, w := range want {
		if lines[i+1] != w {
			t.Errorf("row %d\n%s\nwant\n%s", i+1, lines[i+1], w)
		}
	}
	rows, err := csv.NewReader(strings.NewReader(b.String())).ReadAll()
	if err != nil || len(rows) != 3 || rows[1][9] != "-520.00" {
		t.Errorf("the file reads back as %q, %v", rows, err)
	}
}

// TestSafeCellAndNumber: text that opens as a formula is neutralised; an
// amount written by Number stays a number, negative or not.
func TestSafeCellAndNumber(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"=1+1", "'=1+1"}, {"+44 161", "'+44 161"}, {"-5", "'-5"}, {"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"}, {"\rx", "'\rx"}, {"plain", "plain"}, {"", ""}, {"13572.00", "13572.00"},
	} {
		if got := engine.SafeCell(c.in); got != c.want {
			t.Errorf("SafeCell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for in, want := range map[string]string{"-1428.00": "-1428.00", "13572": "13572.00", "0.5": "0.50"} {
		m, err := decimal.NewFromString(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := engine.Number(m); got != want {
			t.Errorf("Number(%s) = %q, want %q", in, got, want)
		}
	}
}
