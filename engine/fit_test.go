package engine_test

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// holdFile holds a cohort file of testdata/cohorts under a shipped policy.
func holdFile(t testing.TB, policy, file string) *engine.HeldCohort {
	t.Helper()
	p, err := policies.Load(policy)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../testdata/cohorts/" + file)
	if err != nil {
		t.Fatal(err)
	}
	h, err := engine.HoldCohort(p, file, strings.NewReader(string(data)), func(row engine.Row, _ *engine.Result) error {
		if row.Err != nil {
			t.Errorf("row %d: %v", row.Line, row.Err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func amount(t testing.TB, s string) engine.Money {
	t.Helper()
	m, err := engine.ParseAmount(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestFitFive fits Trafford's rates to a budget of £18,000 for the five
// children of fit-five.csv, all aged 11 (age band 10–13: £1,000.00 for
// 100–149, £0.30 a point a week for 150–199, £1.00 for 260+):
//
//	a 120 points: the fixed offer, £1,000.00 × f
//	b 180 points: 180 × 52 × round4(£0.30 × f)
//	c 270 points: 270 × 52 × round4(£1.00 × f)
//	d  50 points: under the threshold, £0
//	e the allocation given, £2,000.00, whatever f is
//
// At f = 1 the total is 2,000 + 1,000 + 2,808 + 14,040 = £19,848.00, and
// roughly 2,000 + 17,848 f ≤ 18,000 gives f ≤ 0.89646. At f = 0.8964 the
// rates are £896.40, £0.2689 (0.26892 rounded) and £0.8964: b gets 9,360 ×
// 0.2689 = £2,516.90 (2,516.904), c gets 14,040 × 0.8964 = £12,585.46
// (12,585.456), and the total is 2,000 + 896.40 + 2,516.90 + 12,585.46 =
// £17,998.76, within the budget by £1.24. At f = 0.8965 the rates are
// £896.50, £0.2690 (0.26895, half away from zero) and £0.8965: b gets
// £2,517.84, c £12,586.86 (12,586.86 exactly), and the total is
// 2,000 + 896.50 + 2,517.84 + 12,586.86 = £18,001.20, over the budget.
func TestFitFive(t *testing.T) {
	h := holdFile(t, "trafford-2013", "fit-five.csv")
	fit, err := h.Fit(nil, amount(t, "18000"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := fit.Factor.String(); got != "0.8964" {
		t.Errorf("factor %s, want 0.8964", got)
	}
	if got := fit.Total.StringFixed(2); got != "17998.76" {
		t.Errorf("total %s, want 17998.76", got)
	}
	if got := fit.Headroom.StringFixed(2); got != "1.24" {
		t.Errorf("headroom %s, want 1.24", got)
	}
	// Every priced cell is scaled; those of age band 10–13 are these.
	want := map[string][2]string{
		"rates.10-13.100-149":   {"1000.00", `"896.40"`},
		"rates.10-13.150-199":   {"0.30", `"0.2689"`},
		"rates.10-13.200-259":   {"0.75", `"0.6723"`}, // 0.6723 = 0.75 × 0.8964
		"rates.10-13.260-plus":  {"1.00", `"0.8964"`},
		"rates.under-5.150-199": {"0.10", `"0.0896"`}, // 0.08964
	}
	got := map[string][2]string{}
	for _, c := range fit.Changes {
		got[c.Path] = [2]string{c.Was, c.Value}
	}
	if len(fit.Changes) != 16 {
		t.Errorf("%d changes, want the 16 priced cells", len(fit.Changes))
	}
	for path, w := range want {
		if got[path] != w {
			t.Errorf("%s: %v, want %v", path, got[path], w)
		}
	}
	// f + 0.0001 exceeds the budget: the fitted file, read back with one
	// cell of each child at 0.8965, prices them as worked above.
	text, err := policies.Text("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	next, err := engine.ApplyChanges(text, []engine.Change{
		{Path: "rates.10-13.100-149", Value: `"896.50"`},
		{Path: "rates.10-13.150-199", Value: `"0.2690"`},
		{Path: "rates.10-13.260-plus", Value: `"0.8965"`},
	})
	if err != nil {
		t.Fatal(err)
	}
	p, err := engine.ParsePolicy("next.yaml", next)
	if err != nil {
		t.Fatal(err)
	}
	if got := h.Compare(p).Scenario.TotalAllocation.StringFixed(2); got != "18001.20" {
		t.Errorf("total at 0.8965: %s, want 18001.20", got)
	}
	// The fitted file is read as any policy, and gives the same total.
	file, err := engine.PolicyFile(text, fit.Changes, "fitted")
	if err != nil {
		t.Fatal(err)
	}
	q, err := engine.ParsePolicy("fitted.yaml", file)
	if err != nil {
		t.Fatal(err)
	}
	if got := h.Compare(q).Scenario.TotalAllocation.StringFixed(2); got != "17998.76" {
		t.Errorf("the fitted file's total %s, want 17998.76", got)
	}
	if !strings.HasPrefix(string(file), "# fitted\n\n") {
		t.Errorf("the fitted file opens %q", string(file)[:40])
	}
}

// TestFitVary varies the 260+ column alone: the total is 2,000 + 1,000 +
// 2,808 + 14,040 f ≤ 18,000, so f ≤ 12,192 ÷ 14,040 = 0.86837. At 0.8683 c
// gets 14,040 × 0.8683 = £12,190.93 (12,190.932) and the total is
// £17,998.93; at 0.8684, £12,192.34 (12,192.336) and £18,000.34.
func TestFitVary(t *testing.T) {
	h := holdFile(t, "trafford-2013", "fit-five.csv")
	for _, vary := range [][]string{{"rates.*.260-plus"}, {"rates.10-13.260-plus"}, {"rates.10-13.260-plus", "rates.*.260-plus"}} {
		fit, err := h.Fit(nil, amount(t, "18000"), vary)
		if err != nil {
			t.Fatal(err)
		}
		if fit.Factor.String() != "0.8683" || fit.Total.StringFixed(2) != "17998.93" {
			t.Errorf("%v: factor %s, total %s; want 0.8683, 17998.93", vary, fit.Factor, fit.Total.StringFixed(2))
		}
	}
	p := h.Baseline()
	cells, err := p.VaryCells([]string{"rates.10-13.*"})
	if err != nil || len(cells) != 4 {
		t.Errorf("rates.10-13.*: %d cells, %v; want 4", len(cells), err)
	}
	for _, bad := range []string{"rates.10-14.*", "rates.*.below-100", "moderation.window", "rates.10-13"} {
		_, err := h.Fit(nil, amount(t, "18000"), []string{bad})
		var e *engine.Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), bad) {
			t.Errorf("%s: %v, want an error naming it", bad, err)
		}
	}
}

// TestFitErrors: the allocation given, £2,000.00, is in the total at any
// factor, so a budget of £1,999.99 cannot be met; at factor 100 the total is
// 2,000 + 100,000 + 9,360 × 30 + 14,040 × 100 = £1,786,800.00, so a budget of
// £2,000,000 cannot be reached; a budget of exactly that is met at 100.
func TestFitErrors(t *testing.T) {
	h := holdFile(t, "trafford-2013", "fit-five.csv")
	_, err := h.Fit(nil, amount(t, "1999.99"), nil)
	var fe *engine.FitError
	if !errors.As(err, &fe) || !fe.TooSmall || fe.AtZero.StringFixed(2) != "2000.00" {
		t.Errorf("1,999.99: %v", err)
	} else if !strings.Contains(err.Error(), "£2,000.00") {
		t.Errorf("message %q does not give the total at factor 0", err)
	}
	_, err = h.Fit(nil, amount(t, "2000000"), nil)
	if !errors.As(err, &fe) || fe.TooSmall || fe.AtMax.StringFixed(2) != "1786800.00" {
		t.Errorf("2,000,000: %v", err)
	} else if !strings.Contains(err.Error(), "£1,786,800.00") {
		t.Errorf("message %q does not give the total at factor 100", err)
	}
	fit, err := h.Fit(nil, amount(t, "1786800"), nil)
	if err != nil || fit.Factor.String() != "100" {
		t.Errorf("1,786,800: %v, %v; want factor 100", fit, err)
	}
	fit, err = h.Fit(nil, amount(t, "2000"), nil)
	if err != nil || !fit.Factor.IsZero() || fit.Total.StringFixed(2) != "2000.00" {
		t.Errorf("2,000: %v; want factor 0", err)
	}
}

// FuzzFitMaximal fits a small random cohort to a random budget: the factor
// found keeps the total within the budget, and the next one up, 0.0001 more,
// does not, unless the factor is 100. Both are checked by reading the
// scaled policy file and comparing the cohort under it.
func FuzzFitMaximal(f *testing.F) {
	f.Add([]byte{11, 120, 11, 180, 11, 27, 11, 50}, uint32(1800000))
	f.Add([]byte{3, 200, 16, 255, 0, 0}, uint32(5000000))
	text, err := policies.Text("trafford-2013")
	if err != nil {
		f.Fatal(err)
	}
	base, err := policies.Load("trafford-2013")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, rows []byte, budgetPence uint32) {
		var b strings.Builder
		b.WriteString("id,age,score,allocation\n")
		for i := 0; i+1 < len(rows) && i < 16; i += 2 {
			age, score := int(rows[i])%18, int(rows[i+1])*2
			if score%7 == 0 {
				b.WriteString("r," + itoa(age) + ",," + itoa(score*10) + ".00\n")
			} else {
				b.WriteString("r," + itoa(age) + "," + itoa(score) + ",\n")
			}
		}
		if len(rows) < 2 {
			return
		}
		h, err := engine.HoldCohort(base, "fuzz.csv", strings.NewReader(b.String()), nil)
		if err != nil {
			t.Fatal(err)
		}
		budget := engine.Money(amountOfPence(int64(budgetPence)))
		fit, err := h.Fit(nil, budget, nil)
		var fe *engine.FitError
		if errors.As(err, &fe) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		at := func(factor engine.Money) engine.Money {
			var changes []engine.Change
			cells, _ := base.VaryCells(nil)
			for _, c := range cells {
				rate := base.Rate(c.Age, c.Score)
				places := int32(4)
				if base.Scores.Bands[c.Score].Basis == engine.BasisFixed {
					places = 2
				}
				changes = append(changes, engine.Change{Path: base.CellPath(c), Value: `"` + rate.Mul(factor).Round(places).String() + `"`})
			}
			file, err := engine.ApplyChanges(text, changes)
			if err != nil {
				t.Fatal(err)
			}
			p, err := engine.ParsePolicy("f.yaml", file)
			if err != nil {
				t.Fatal(err)
			}
			return h.Compare(p).Scenario.TotalAllocation
		}
		if got := at(fit.Factor); !got.Equal(fit.Total) || got.GreaterThan(budget) {
			t.Fatalf("factor %s: total %s (fit says %s), budget %s", fit.Factor, got, fit.Total, budget)
		}
		if fit.Factor.String() != "100" {
			next := fit.Factor.Add(amountOfTenThousandths(1))
			if got := at(next); !got.GreaterThan(budget) {
				t.Fatalf("factor %s is not the largest: at %s the total %s is within %s", fit.Factor, next, got, budget)
			}
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }

func amountOfPence(p int64) engine.Money { return decimal.New(p, -2) }

func amountOfTenThousandths(n int64) engine.Money { return decimal.New(n, -4) }
