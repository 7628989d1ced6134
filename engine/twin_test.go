package engine_test

import (
	"path/filepath"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// TestIntegerTwin evaluates every case of testdata/cases both ways, in whole
// pence and in decimals, and checks that they agree figure by figure.
func TestIntegerTwin(t *testing.T) {
	cases, err := readCases(casesDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, wc := range cases {
		if wc.Skip != "" || wc.Error != nil {
			continue
		}
		p, err := policies.Load(wc.Policy)
		if err != nil {
			t.Fatal(err)
		}
		c, err := wc.Input.fields().Case()
		if err != nil {
			continue
		}
		if err := engine.IntegerTwin(p, c); err != nil {
			t.Errorf("%s %s: %v", filepath.Base(wc.File), wc.Name, err)
		}
		n++
	}
	if n == 0 {
		t.Fatal("no case was compared")
	}
}

// FuzzIntegerTwin evaluates random cases under both shipped policies and a
// scenario of Trafford's with odd rates (four places, and a large one), in
// whole pence and in decimals, and checks that they agree.
func FuzzIntegerTwin(f *testing.F) {
	var ps []*engine.Policy
	for _, id := range []string{"trafford-2013", "rotherham-2017"} {
		p, err := policies.Load(id)
		if err != nil {
			f.Fatal(err)
		}
		ps = append(ps, p)
	}
	text, err := policies.Text("trafford-2013")
	if err != nil {
		f.Fatal(err)
	}
	changed, err := engine.ApplyChanges(text, []engine.Change{
		{Path: "rates.10-13.200-259", Value: `"0.8333"`},
		{Path: "rates.5-9.150-199", Value: `"0.0007"`},
		{Path: "rates.14-plus.260-plus", Value: `"987654.3217"`},
	})
	if err != nil {
		f.Fatal(err)
	}
	odd, err := engine.ParsePolicy("odd.yaml", changed)
	if err != nil {
		f.Fatal(err)
	}
	ps = append(ps, odd)
	f.Add(uint8(0), "261", "2000-08-20", "2013-04-01", "15000", false, "")
	f.Add(uint8(1), "186", "2001-07-09", "2017-04-01", "14021.05", true, "")
	f.Add(uint8(2), "230", "1999-02-28", "2013-04-01", "999999999999.99", false, "")
	f.Add(uint8(2), "99999", "2004-02-29", "2014-09-30", "0.01", true, "")
	f.Add(uint8(1), "", "2005-01-01", "2017-04-01", "9000", false, "12000.50")
	f.Add(uint8(0), "100000", "2000-08-20", "2013-04-01", "999999999999.99", true, "999999999999.99")
	f.Add(uint8(0), "261", "2000-08-20", "2013-04-01", "899999999999.99", true, "")
	f.Fuzz(func(t *testing.T, which uint8, score, dob, on, cost string, contingency bool, alloc string) {
		p := ps[int(which)%len(ps)]
		fields := engine.Fields{Score: score, DateOfBirth: dob, AssessedOn: on, CurrentCost: cost, Allocation: alloc}
		if contingency {
			fields.IncludesContingency = "true"
		}
		c, err := fields.Case()
		if err != nil {
			return
		}
		// A cohort evaluates the cases Fields.Case makes without checking
		// them again: they must pass what a case made in Go must.
		if err := engine.CheckCase(c); err != nil {
			t.Fatalf("%+v: Fields.Case made a case checkCase refuses: %v", fields, err)
		}
		if err := engine.IntegerTwin(p, c); err != nil {
			t.Fatalf("%s %+v: %v", p.ID, fields, err)
		}
	})
}
