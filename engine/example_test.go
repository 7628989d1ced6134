package engine_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// Example 3 of the Trafford report (Appendix 1): a child of 12 with a package
// of £15,000 and a score of 261 is offered 261 × £1.00 × 52 = £13,572.00, a
// decrease of £1,428.00 (group 3). The first half-step, £714.00, comes on
// 1 October 2013; on turning 14 the offer for the same score in the new age
// band, 261 × £1.30 × 52 = £17,643.60, supersedes the plan.
func ExampleEvaluate() {
	p, err := policies.Load("trafford-2013")
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := engine.Fields{
		ID:          "ex3",
		Score:       "261",
		DateOfBirth: "2000-08-20",
		AssessedOn:  "2013-04-01",
		CurrentCost: "15000",
	}.Case()
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := engine.Evaluate(p, c)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("Age %d (band %s), score %d (band %s): %s a year\n",
		r.Age, r.AgeBand.ID, *r.Score, r.ScoreBand.ID, engine.FormatMoney(r.AnnualBudget()))
	fmt.Printf("Group %s, from a base cost of %s:\n", r.Transition.Group.ID, engine.FormatMoney(r.Transition.BaseCost))
	for _, e := range r.Transition.Schedule {
		fmt.Printf("  from %s: %s\n", e.From.Long(), engine.FormatMoney(e.Amount()))
	}
	// Output:
	// Age 12 (band 10-13), score 261 (band 260-plus): £13,572.00 a year
	// Group 3, from a base cost of £15,000.00:
	//   from 1 April 2013: £15,000.00
	//   from 1 October 2013: £14,286.00
	//   from 20 August 2014: £17,643.60
}

// Each field that is wrong gets its own error, named by the field, to show
// beside it on a form.
func ExampleFields_Case() {
	_, err := engine.Fields{ID: "a", Score: "12.5", DateOfBirth: "2013-02-30"}.Case()
	var errs engine.Errors
	if errors.As(err, &errs) {
		for _, e := range errs {
			fmt.Printf("%s: %s\n", e.Field, e.Message())
		}
	}
	// Output:
	// score: "12.5" is not a whole number: enter the score as a whole number of points, like 180
	// date_of_birth: "2013-02-30" is not a date: February 2013 has no day 30
}

func ExampleParseDate() {
	d, err := engine.ParseDate("2017-11-30")
	fmt.Println(d.Long(), err)
	_, err = engine.ParseDate("2013-02-30")
	fmt.Println(err)
	_, err = engine.ParseDate("30/11/2017")
	fmt.Println(err)
	// Output:
	// 30 November 2017 <nil>
	// February 2013 has no day 30
	// write the date as YYYY-MM-DD, like 2013-10-01
}

// Rotherham's notice period and reviews (docs/rules.md, Decision
// month-arithmetic): the same day N months later, clamped to the month's end.
func ExampleDate_AddMonths() {
	decision := engine.MustDate(2017, time.November, 30)
	fmt.Println(decision.AddMonths(3))                         // there is no 30 February
	fmt.Println(decision.AddMonths(6), decision.AddMonths(12)) // the reviews
	fmt.Println(engine.MustDate(2019, time.November, 30).AddMonths(3))
	fmt.Println(engine.MustDate(2013, time.January, 31).AddMonths(-2))
	// Output:
	// 2018-02-28
	// 2018-05-30 2018-11-30
	// 2020-02-29
	// 2012-11-30
}

func ExampleFormatMoney() {
	for _, s := range []string{"13572", "17643.6", "848.33", "0", "1234567.5"} {
		fmt.Println(engine.FormatMoney(decimal.RequireFromString(s)))
	}
	entered, _ := engine.ParseAmount("£15,000")
	fmt.Println(engine.FormatMoney(entered))
	// Output:
	// £13,572.00
	// £17,643.60
	// £848.33
	// £0.00
	// £1,234,567.50
	// £15,000.00
}

// A policy file is read strictly, and each mistake is told with its file, line
// and key. This one has a bad id on line 2 (and lacks every other key, which
// are further errors).
func ExampleParsePolicy() {
	src := "# A policy whose id is not an id.\nid: Trafford_2013\n"
	_, err := engine.ParsePolicy("policies/tiny.yaml", []byte(src))
	var errs engine.Errors
	if errors.As(err, &errs) {
		fmt.Println(errs[0])
		fmt.Println("line", errs[0].Line, "key", errs[0].Field)
	}
	// Output:
	// policies/tiny.yaml:2: id: "Trafford_2013" is not an id: use lower-case letters, digits and dashes, like 10-13
	// line 2 key id
}
