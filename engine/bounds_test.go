package engine_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/shopspring/decimal"
)

// The bounds that keep the integer arithmetic in an int64 are checked where
// values enter, each just inside and just outside: an amount of 12 whole
// digits of pounds, the largest score, a rate to 4 places.

const (
	largestAmount  = "999,999,999,999.99"   // 12 whole digits of pounds
	tooLargeAmount = "1,000,000,000,000.00" // 13
)

func TestAmountBoundInACase(t *testing.T) {
	p := cohortPolicy(t, "trafford-2013")
	for _, field := range []string{engine.FieldCurrentCost, engine.FieldAllocation} {
		set := func(v string) engine.Fields {
			f := engine.Fields{Score: "261", DateOfBirth: "2000-08-20", AssessedOn: "2013-04-01"}
			if field == engine.FieldCurrentCost {
				f.CurrentCost = v
			} else {
				f.Allocation = v
			}
			return f
		}
		c, err := set(largestAmount).Case()
		if err != nil {
			t.Fatalf("%s %s: %v", field, largestAmount, err)
		}
		r, err := engine.Evaluate(p, c)
		if err != nil {
			t.Fatalf("%s %s: Evaluate: %v", field, largestAmount, err)
		}
		if field == engine.FieldAllocation && r.AnnualBudget().StringFixed(2) != "999999999999.99" {
			t.Errorf("allocation %s: budget %s", largestAmount, r.AnnualBudget().StringFixed(2))
		}
		if field == engine.FieldCurrentCost && r.Transition.BaseCost.StringFixed(2) != "999999999999.99" {
			t.Errorf("current cost %s: base cost %s", largestAmount, r.Transition.BaseCost.StringFixed(2))
		}
		_, err = set(tooLargeAmount).Case()
		checkTooLarge(t, err, field)

		// A case made in Go is checked by Evaluate.
		big := decimal.RequireFromString("1000000000000.00")
		c.CurrentCost, c.Allocation = nil, nil
		if field == engine.FieldCurrentCost {
			c.CurrentCost = &big
		} else {
			c.Allocation = &big
		}
		_, err = engine.Evaluate(p, c)
		checkTooLarge(t, err, field)
	}
}

func checkTooLarge(t *testing.T, err error, field string) {
	t.Helper()
	var es engine.Errors
	if !errors.As(err, &es) || es.Field(field) == nil {
		t.Fatalf("%s of a trillion pounds: %v, want an error about %s", field, err, field)
	}
	e := es.Field(field)
	if e.Kind != engine.KindTooLarge || !strings.Contains(e.Msg, "the most is 999,999,999,999.99") {
		t.Errorf("%s of a trillion pounds: %v (kind %v), want too-large naming the most", field, e, e.Kind)
	}
}

func TestAmountBoundInACohort(t *testing.T) {
	p := cohortPolicy(t, "trafford-2013")
	text := "id,score,date_of_birth,assessed_on,current_cost,allocation\n" +
		"a,261,2000-08-20,2013-04-01,\"" + largestAmount + "\",\n" +
		"b,261,2000-08-20,2013-04-01,\"" + tooLargeAmount + "\",\n" +
		"c,261,2000-08-20,2013-04-01,,\"" + largestAmount + "\"\n" +
		"d,261,2000-08-20,2013-04-01,,\"" + tooLargeAmount + "\"\n"
	_, rows := cohortRunText(t, p, "bounds.csv", text)
	if len(rows) != 4 {
		t.Fatalf("%d rows, want 4", len(rows))
	}
	for i, field := range []string{engine.FieldCurrentCost, engine.FieldAllocation} {
		if in := rows[2*i]; in.Err != nil {
			t.Errorf("line %d: %s %s: %v", in.Line, field, largestAmount, in.Err)
		}
		checkTooLarge(t, rows[2*i+1].Err, field)
	}
	if got := rows[2].Res.AnnualBudget().StringFixed(2); got != "999999999999.99" {
		t.Errorf("allocation %s: budget %s", largestAmount, got)
	}
}

func TestScoreBound(t *testing.T) {
	p := cohortPolicy(t, "trafford-2013")
	const largest = 100_000 // engine.maxScore
	for _, tt := range []struct {
		score int
		ok    bool
	}{{largest, true}, {largest + 1, false}} {
		f := engine.Fields{Score: strconv.Itoa(tt.score), DateOfBirth: "2000-08-20", AssessedOn: "2013-04-01"}
		c, err := f.Case()
		if (err == nil) != tt.ok {
			t.Fatalf("score %d: %v, want ok %t", tt.score, err, tt.ok)
		}
		if !tt.ok {
			if engine.KindOf(err) != engine.KindTooLarge {
				t.Errorf("score %d: kind %v, want too-large", tt.score, engine.KindOf(err))
			}
			s := tt.score
			c = engine.Case{Score: &s, DateOfBirth: engine.Date{Year: 2000, Month: 8, Day: 20}, AssessedOn: engine.Date{Year: 2013, Month: 4, Day: 1}}
		}
		if _, err := engine.Evaluate(p, c); (err == nil) != tt.ok {
			t.Errorf("score %d: Evaluate: %v, want ok %t", tt.score, err, tt.ok)
		}
	}
}

func TestRatePlacesBound(t *testing.T) {
	text := shippedText(t, "trafford-2013")
	for _, tt := range []struct {
		rate string
		ok   bool
	}{{"0.7501", true}, {"0.75001", false}} {
		edited := replaceOnce(t, text, `200-259: "0.75"`, `200-259: "`+tt.rate+`"`)
		if tt.ok {
			if _, err := engine.ParsePolicy("p.yaml", []byte(edited)); err != nil {
				t.Errorf("rate %s: %v", tt.rate, err)
			}
			continue
		}
		e := policyErrors(t, edited).Field("rates.10-13.200-259")
		if e == nil || e.Kind != engine.KindTooManyPlaces {
			t.Errorf("rate %s: %v, want too-many-places", tt.rate, e)
		}
	}
}
