package engine_test

import (
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

func TestCompareCohort(t *testing.T) {
	base, err := policies.Load("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	scen, err := scenario(t,
		engine.Change{Path: "rates.10-13.200-259", Value: `"0.80"`},
		engine.Change{Path: "age.bands.4.to", Value: "16"},
		engine.Change{Path: "age.out_of_scope_from", Value: "17"})
	if err != nil {
		t.Fatal(err)
	}
	const file = "id,score,age\n" +
		"a,200,12\n" + // 200 × £0.75 × 52 = £7,800.00; scenario 200 × £0.80 × 52 = £8,320.00
		"b,210,12\n" + // 210 × £0.75 × 52 = £8,190.00; scenario £8,736.00
		"c,150,17\n" + // 150 × £0.40 × 52 = £3,120.00; out of scope at 17 under the scenario, which says so
		"d,x,3\n" // a bad score: rejected under both
	var visited []string
	cmp, err := engine.CompareCohort(base, scen, "c.csv", strings.NewReader(file), func(row engine.Row, a, b *engine.Result) error {
		switch {
		case a != nil && b != nil:
			visited = append(visited, row.Fields.ID+" both")
		case a != nil:
			visited = append(visited, row.Fields.ID+" baseline: "+row.Err.Error())
		default:
			visited = append(visited, row.Fields.ID+" neither")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(visited, "|") != `a both|b both|c baseline: c.csv:4: age: "17" gives age 17: Children's services support children under 17. From 17, support comes from adult services.|d neither` {
		t.Errorf("visited %q", visited)
	}
	a, b := cmp.Baseline, cmp.Scenario
	// Baseline: £7,800.00 + £8,190.00 + £3,120.00 = £19,110.00 over 3 children.
	// Scenario: £8,320.00 + £8,736.00 = £17,056.00 over 2 (c is out of scope).
	if a.Children != 3 || a.RejectedRows != 1 || a.TotalAllocation.StringFixed(2) != "19110.00" {
		t.Errorf("baseline %d children, %d rejected, %s", a.Children, a.RejectedRows, a.TotalAllocation.StringFixed(2))
	}
	if b.Children != 2 || b.RejectedRows != 2 || b.TotalAllocation.StringFixed(2) != "17056.00" {
		t.Errorf("scenario %d children, %d rejected, %s", b.Children, b.RejectedRows, b.TotalAllocation.StringFixed(2))
	}
	for _, c := range cmp.Changed {
		if c.Band.ID == "10-13" && (c.Gain != 2 || c.GainAmount.StringFixed(2) != "1066.00") {
			t.Errorf("10-13: %+v, want 2 gaining £1,066.00 (£520.00 + £546.00)", c)
		}
	}
	// The baseline's budgets by £2,000: £3,120.00 in £2,000–£3,999.99,
	// £7,800.00 in £6,000–£7,999.99, £8,190.00 in £8,000–£9,999.99.
	want := map[string]int{"£2,000.00 to £3,999.99": 1, "£6,000.00 to £7,999.99": 1, "£8,000.00 to £9,999.99": 1}
	for _, d := range a.Distribution {
		if d.Count != want[d.Name] {
			t.Errorf("distribution %s: %d, want %d", d.Name, d.Count, want[d.Name])
		}
	}
	if len(a.Distribution) != 16 || a.Distribution[15].Name != "£30,000.00 and over" {
		t.Errorf("distribution bands %v", a.Distribution)
	}
}
