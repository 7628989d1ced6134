package engine_test

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/openras/openras/engine"
)

// The expected summaries in testdata/cohorts/*.json are worked by hand (the
// arithmetic is in the comments of the tests that use them), never written
// from the engine's output: there is no -update flag for them.

// summaryContractKeys are the keys of the summary contract of docs/rules.md ("The summary of a cohort"), in
// its order.
var summaryContractKeys = []string{"policy", "children", "rejected_rows", "eligible", "total_allocation",
	"with_current_cost", "total_base_cost", "higher", "lower", "unchanged", "groups", "moderation_flagged"}

var (
	summaryCount  = regexp.MustCompile(`^(0|[1-9][0-9]*)$`)
	summaryAmount = regexp.MustCompile(`^(0|[1-9][0-9]*)\.[0-9]{2}$`)
)

// summaryObject splits a JSON object into its keys, in order, and their values.
func summaryObject(t testing.TB, data []byte) ([]string, map[string]json.RawMessage) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not a JSON object: %s", data)
	}
	var keys []string
	vals := map[string]json.RawMessage{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		k := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		if _, dup := vals[k]; dup {
			t.Errorf("key %q twice in %s", k, data)
		}
		keys = append(keys, k)
		vals[k] = v
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		t.Fatalf("object not closed: %s", data)
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Fatalf("text after the object: %s", data)
	}
	return keys, vals
}

// summaryCheckContract checks the summary JSON against the contract: its
// first keys are the contract's, in order, with the contract's types, and
// groups lists every group of the policy in the policy's order.
func summaryCheckContract(t *testing.T, p *engine.Policy, data []byte) {
	t.Helper()
	keys, vals := summaryObject(t, data)
	if len(keys) < len(summaryContractKeys) || !reflect.DeepEqual(keys[:len(summaryContractKeys)], summaryContractKeys) {
		t.Fatalf("keys %q; want them to start %q", keys, summaryContractKeys)
	}
	for _, k := range summaryContractKeys {
		v := string(vals[k])
		switch k {
		case "policy":
			var s string
			if err := json.Unmarshal(vals[k], &s); err != nil || s != p.ID {
				t.Errorf("policy = %s, want %q", v, p.ID)
			}
		case "total_allocation", "total_base_cost":
			var s string
			if err := json.Unmarshal(vals[k], &s); err != nil || !summaryAmount.MatchString(s) {
				t.Errorf("%s = %s, want a string amount with two decimals", k, v)
			}
		case "groups":
			gkeys, gvals := summaryObject(t, vals[k])
			var want []string
			for _, g := range p.Transition.Groups {
				want = append(want, g.ID)
			}
			if !reflect.DeepEqual(gkeys, want) {
				t.Errorf("groups has keys %q, want every group of the policy in order: %q", gkeys, want)
			}
			for gk, gv := range gvals {
				if !summaryCount.Match(gv) {
					t.Errorf("groups.%s = %s, want a whole number", gk, gv)
				}
			}
		default:
			if !summaryCount.MatchString(v) {
				t.Errorf("%s = %s, want a whole number", k, v)
			}
		}
	}
}

// summaryCheckGolden compares the summary JSON with the hand-worked summary in
// testdata/cohorts/golden: every key of the golden file must be there with the
// same value, in the golden file's order; keys the golden file does not name
// are welcome (docs/rules.md allows further fields) and only logged.
func summaryCheckGolden(t *testing.T, got []byte, golden string) {
	t.Helper()
	wantKeys, wantVals := summaryObject(t, cohortFile(t, golden))
	gotKeys, gotVals := summaryObject(t, got)
	var order []string
	for _, k := range gotKeys {
		if _, ok := wantVals[k]; ok {
			order = append(order, k)
		} else {
			t.Logf("%s does not check the key %q", golden, k)
		}
	}
	if !reflect.DeepEqual(order, wantKeys) {
		t.Errorf("keys in the order %q, want %q", order, wantKeys)
	}
	for _, k := range wantKeys {
		var w, g any
		if err := json.Unmarshal(wantVals[k], &w); err != nil {
			t.Fatal(err)
		}
		if gotVals[k] == nil {
			continue // reported by the order check
		}
		if err := json.Unmarshal(gotVals[k], &g); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(w, g) {
			t.Errorf("%s:\n got  %s\n want %s", k, summaryCompact(gotVals[k]), summaryCompact(wantVals[k]))
		}
	}
}

func summaryCompact(raw []byte) string {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return string(raw)
	}
	return b.String()
}

func summaryMarshal(t *testing.T, s engine.Summary) []byte {
	t.Helper()
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestSummaryTrafford checks every figure of test-summary-trafford.csv against
// test-summary-trafford.json, worked by hand. The rows, all assessed on the
// default date 1 April 2013 except a6:
//
//	a1   age 7, 267: 5-9 × 260-plus, 267 × 39.00 = 10,413.00; no current cost.
//	     Moderation: |267 − 260| = 7, step 260.
//	a2   age 3, 95: under the threshold, £0.00, not eligible. Current 400.00:
//	     a decrease of 400.00, group 2, lower. Moderation: |95 − 100| = 5, step 100.
//	ex3  born 2000-08-20, age 12, 261: 261 × 52.00 = 13,572.00 (Example 3).
//	     Current 15,000.00: a decrease of 1,428.00, group 3, lower.
//	     Moderation: |261 − 260| = 1, step 260.
//	a4   age 15, 180: 180 × 20.80 = 3,744.00. Current 3,744.00: unchanged, group 1.
//	     Moderation: 30 from 150, 20 from 200: none.
//	a5   age 10, 120: the fixed 1,000.00. Current 800.00: higher by 200.00, group 1.
//	     Moderation: 20 from 100, 30 from 150: none.
//	a6   age 4, 210, assessed 2013-06-15: 210 × 15.60 = 3,276.00; no current cost.
//	     Moderation: |210 − 200| = 10, inclusive, step 200.
//	a7   score "abc": rejected (line 8).
//	a8   age 6, 150: 150 × 10.40 = 1,560.00. Current 1,552.50 with contingency:
//	     base 1,552.50 ÷ 1.035 = 1,500.00; higher by 60.00, group 1.
//	     Moderation: |150 − 150| = 0, step 150.
//	a9   age 18: out of scope, rejected (line 10).
//
// children 7 (a1 a2 ex3 a4 a5 a6 a8), rejected_rows 2, eligible 6 (all but a2);
// total_allocation 10413 + 0 + 13572 + 3744 + 1000 + 3276 + 1560 = 33,565.00;
// with_current_cost 5 (a2 ex3 a4 a5 a8); total_base_cost 400 + 15000 + 3744 +
// 800 + 1500 = 21,444.00; higher 2 (a5 a8), lower 2 (a2 ex3), unchanged 1 (a4);
// groups 1: 3 (a4 a5 a8), 2: 1 (a2), 3: 1 (ex3), 4: 0; moderation_flagged 5
// (a1 a2 ex3 a6 a8): 100: 1, 150: 1, 200: 1, 260: 2.
//
// By age band:
//
//	under-5  a2 a6: eligible 1, 0 + 3276 = 3,276.00; base 400.00 (a2), lower 1, losses 400.00.
//	5-9      a1 a8: eligible 2, 10413 + 1560 = 11,973.00; base 1,500.00 (a8), higher 1, gains 60.00.
//	10-13    ex3 a5: eligible 2, 13572 + 1000 = 14,572.00; base 15000 + 800 = 15,800.00;
//	         higher 1 (a5, gains 200.00), lower 1 (ex3, losses 1,428.00).
//	14-plus  a4: eligible 1, 3,744.00; base 3,744.00, unchanged 1.
//
// Spend by financial year, each amount for the days it applies, the sum of a
// year divided by its days and rounded to the penny half away from zero. ex3's
// schedule: 15,000.00 from 2013-04-01, 14,286.00 from 2013-10-01 (15000 − 1428/2),
// 17,643.60 from 2014-08-20 (turns 14: 261 × 67.60); its last change is in
// 2014/15, so the years are 2013/14 and 2014/15.
//
//	2013/14 (365 days). Whole year: a1 10413 + a4 3744 + a5 1000 + a8 1560 = 16,717.
//	  ex3: 15000 × 183 (1 Apr–30 Sep) + 14286 × 182 (1 Oct–31 Mar)
//	       = 2,745,000 + 2,600,052 = 5,345,052.
//	  a6:  3276 × 290 (15 Jun 2013–31 Mar 2014: 16+31+31+30+31+30+31+31+28+31) = 950,040.
//	  16,717 + (5,345,052 + 950,040) / 365 = 16,717 + 6,295,092 / 365
//	  = 16,717 + 17,246.827… = 33,963.83.
//	2014/15 (365 days). Whole year: 16,717 + a6 3276 = 19,993.
//	  ex3: 14286 × 141 (1 Apr–19 Aug: 30+31+30+31+19) + 17643.60 × 224
//	       (20 Aug–31 Mar: 12+30+31+30+31+31+28+31) = 2,014,326 + 3,952,166.40 = 5,966,492.40.
//	  19,993 + 5,966,492.40 / 365 = 19,993 + 16,346.554… = 36,339.55.
func TestSummaryTrafford(t *testing.T) {
	p := cohortPolicy(t, "trafford-2013")
	c, rows := cohortRunFile(t, p, "test-summary-trafford.csv")
	cohortCheckRows(t, rows, []cohortWant{
		{Line: 2, ID: "a1", Budget: "10413.00"},
		{Line: 3, ID: "a2", Budget: "0.00"},
		{Line: 4, ID: "ex3", Budget: "13572.00"},
		{Line: 5, ID: "a4", Budget: "3744.00"},
		{Line: 6, ID: "a5", Budget: "1000.00"},
		{Line: 7, ID: "a6", Budget: "3276.00"},
		{Line: 8, ID: "a7", ErrPrefix: `test-summary-trafford.csv:8: score: "abc" `},
		{Line: 9, ID: "a8", Budget: "1560.00"},
		{Line: 10, ID: "a9", ErrPrefix: `test-summary-trafford.csv:10: age: "18" `},
	})
	data := summaryMarshal(t, c.Summary)
	summaryCheckContract(t, p, data)
	summaryCheckGolden(t, data, "test-summary-trafford.json")
}

// TestSummaryJSONPrefix checks the marshalled text itself, to the letter: the
// contract's keys in order, compact, with their values, then the further keys.
func TestSummaryJSONPrefix(t *testing.T) {
	p := cohortPolicy(t, "trafford-2013")
	c, _ := cohortRunFile(t, p, "test-summary-trafford.csv")
	data := summaryMarshal(t, c.Summary)
	// The figures are those of TestSummaryTrafford.
	const want = `{"policy":"trafford-2013","children":7,"rejected_rows":2,"eligible":6,` +
		`"total_allocation":"33565.00","with_current_cost":5,"total_base_cost":"21444.00",` +
		`"higher":2,"lower":2,"unchanged":1,"groups":{"1":3,"2":1,"3":1,"4":0},"moderation_flagged":5`
	if !bytes.HasPrefix(data, []byte(want)) || (data[len(want)] != ',' && data[len(want)] != '}') {
		t.Errorf("summary JSON\n %s\nwant it to start\n %s", data, want)
	}
}

// TestSummaryEmpty checks the summary of no children: zeros, every group
// present with 0, and arrays rather than nulls.
func TestSummaryEmpty(t *testing.T) {
	p := cohortPolicy(t, "trafford-2013")
	data := summaryMarshal(t, engine.NewSummariser(p).Summary())
	summaryCheckContract(t, p, data)
	const want = `{"policy":"trafford-2013","children":0,"rejected_rows":0,"eligible":0,` +
		`"total_allocation":"0.00","with_current_cost":0,"total_base_cost":"0.00",` +
		`"higher":0,"lower":0,"unchanged":0,"groups":{"1":0,"2":0,"3":0,"4":0},"moderation_flagged":0`
	if !bytes.HasPrefix(data, []byte(want)) {
		t.Errorf("summary JSON\n %s\nwant it to start\n %s", data, want)
	}
	_, vals := summaryObject(t, data)
	if got := string(vals["spend_by_financial_year"]); got != "[]" {
		t.Errorf("spend_by_financial_year = %s, want []", got)
	}
	if got := summaryCompact(vals["by_age_band"]); !strings.HasPrefix(got, `[{"age_band":"under-5","children":0`) {
		t.Errorf("by_age_band = %s, want every age band with zeros", got)
	}
}

// summaryExample3 is Example 3 of Trafford's Appendix 1 as a case: 12 on
// 1 April 2013, turning 14 on 20 August 2014; score 261; current £15,000.
func summaryExample3() engine.Case {
	score := 261
	cost, err := engine.ParseAmount("15000.00")
	if err != nil {
		panic(err)
	}
	return engine.Case{ID: "ex3", Score: &score, DateOfBirth: engine.MustDate(2000, time.August, 20), CurrentCost: &cost}
}

func summarySpend(s engine.Summary) []string {
	var out []string
	for _, y := range s.SpendByYear {
		out = append(out, y.Label()+" "+y.Spend.StringFixed(2))
	}
	return out
}

// TestSummaryExample3Spend follows Example 3 alone through the transition.
// Its schedule: 15,000.00 from 2013-04-01 (group 3: the base cost until the
// first stage); 14,286.00 from 2013-10-01 (15,000 − 1,428 ÷ 2); 17,643.60
// from 2014-08-20 (turns 14: 261 × 1.30 × 52), which supersedes the stage of
// 2014-10-01.
//
//	2013/14: 15000 × 183 / 365 + 14286 × 182 / 365
//	       = (2,745,000 + 2,600,052) / 365 = 5,345,052 / 365 = 14,643.978… = 14,643.98
//	2014/15: 14286 × 141 / 365 + 17643.60 × 224 / 365   (1 Apr–19 Aug: 30+31+30+31+19 = 141;
//	                                                     20 Aug–31 Mar: 12+30+31+30+31+31+28+31 = 224)
//	       = (2,014,326 + 3,952,166.40) / 365 = 5,966,492.40 / 365 = 16,346.554… = 16,346.55
func TestSummaryExample3Spend(t *testing.T) {
	p := cohortPolicy(t, "trafford-2013")
	r, err := engine.Evaluate(p, summaryExample3())
	if err != nil {
		t.Fatal(err)
	}
	var sched []string
	for _, e := range r.Transition.Schedule {
		sched = append(sched, e.From.String()+" "+e.Amount().StringFixed(2))
	}
	if want := []string{"2013-04-01 15000.00", "2013-10-01 14286.00", "2014-08-20 17643.60"}; !reflect.DeepEqual(sched, want) {
		t.Fatalf("Example 3 schedule %q, want %q (docs/rules.md, Transition from a current package)", sched, want)
	}
	sm := engine.NewSummariser(p)
	sm.Add(r)
	want := []string{"2013/14 14643.98", "2014/15 16346.55"}
	if got := summarySpend(sm.Summary()); !reflect.DeepEqual(got, want) {
		t.Errorf("spend by year %q, want %q", got, want)
	}

	// The same child read from a cohort file, and its JSON.
	c, _ := cohortRunFile(t, p, "test-example3.csv")
	if got := summarySpend(c.Summary); !reflect.DeepEqual(got, want) {
		t.Errorf("test-example3.csv: spend by year %q, want %q", got, want)
	}
	_, vals := summaryObject(t, summaryMarshal(t, c.Summary))
	const wantJSON = `[{"financial_year":"2013/14","spend":"14643.98"},{"financial_year":"2014/15","spend":"16346.55"}]`
	if got := string(vals["spend_by_financial_year"]); got != wantJSON {
		t.Errorf("spend_by_financial_year = %s, want %s", got, wantJSON)
	}
	if got := summaryCompact(vals["groups"]); got != `{"1":0,"2":0,"3":1,"4":0}` {
		t.Errorf("groups = %s, want group 3 alone", got)
	}
}

// TestSummaryExample2SpendLeapYear follows Example 2 (base £11,912, allocation
// £9,367, group 4) through three financial years, the last with 29 February.
// The step is 2,545 ÷ 3 = 848.333… = 848.33: 11,063.67 from 2013-10-01,
// 10,215.34 from 2014-10-01, 9,367.00 from 2015-10-01.
//
//	2013/14 (365): 11912 × 183 + 11063.67 × 182 = 2,179,896 + 2,013,587.94 = 4,193,483.94;
//	               ÷ 365 = 11,488.997… = 11,489.00
//	2014/15 (365): 11063.67 × 183 + 10215.34 × 182 = 2,024,651.61 + 1,859,191.88 = 3,883,843.49;
//	               ÷ 365 = 10,640.667… = 10,640.67
//	2015/16 (366): 10215.34 × 183 (1 Apr–30 Sep) + 9367 × 183 (1 Oct–31 Mar, with 29 Feb 2016)
//	               = 19,582.34 × 183; ÷ 366 = 19,582.34 ÷ 2 = 9,791.17
func TestSummaryExample2SpendLeapYear(t *testing.T) {
	c, rows := cohortRunFile(t, cohortPolicy(t, "trafford-2013"), "test-example2.csv")
	cohortCheckRows(t, rows, []cohortWant{{Line: 2, ID: "ex2", Budget: "9367.00"}})
	want := []string{"2013/14 11489.00", "2014/15 10640.67", "2015/16 9791.17"}
	if got := summarySpend(c.Summary); !reflect.DeepEqual(got, want) {
		t.Errorf("spend by year %q, want %q", got, want)
	}
	s := c.Summary
	if s.Lower != 1 || s.TotalBaseCost.StringFixed(2) != "11912.00" || s.Groups[3].Name != "4" || s.Groups[3].Count != 1 {
		t.Errorf("lower %d, total_base_cost %s, groups %+v; want 1, 11912.00, group 4: 1", s.Lower, s.TotalBaseCost.StringFixed(2), s.Groups)
	}
}

// TestSummaryRotherhamBudget checks test-rotherham-budget.csv against
// test-rotherham-budget.json, worked by hand. Rotherham publishes no prices,
// so every row gives the allocation; a reduction takes effect three calendar
// months after the decision, clamped to the month's end.
//
//	r1  12,000.00 from 2017-08-01, no current cost. Days to 31 Mar 2018:
//	    31+30+31+30+31+31+28+31 = 243.             12000 × 243 = 2,916,000
//	r2  current 10,000.00, allocation 8,000.00 on 2017-08-15: notice; 10,000
//	    until 2017-11-15 (17+30+31+14 = 92 days), then 8,000 (16+31+31+28+31 = 137).
//	                                  10000 × 92 + 8000 × 137 = 920,000 + 1,096,000
//	r3  current 15,000.00, allocation 20,000.00 on 2017-08-31: immediate.
//	    Days: 1+30+31+30+31+31+28+31 = 213.        20000 × 213 = 4,260,000
//	r4  born 2009-03-10, current 9,000.00, allocation 6,000.00 on 2017-08-31:
//	    notice to 2017-11-30 (31 Nov clamped): 9,000 for 1+30+31+29 = 91 days,
//	    6,000 for 1+31+31+28+31 = 122.  9000 × 91 + 6000 × 122 = 819,000 + 732,000
//	r5  a score and no allocation: rejected (line 6).
//
// 2017/18: (2,916,000 + 920,000 + 1,096,000 + 4,260,000 + 819,000 + 732,000) / 365
// = 10,743,000 / 365 = 29,432.876… = 29,432.88; left 450,000.00 − 29,432.88 = 420,567.12.
// children 4, rejected_rows 1, eligible 4 (allocations above £0); total_allocation
// 12000 + 8000 + 20000 + 6000 = 46,000.00; with_current_cost 3; total_base_cost
// 10000 + 15000 + 9000 = 34,000.00; higher 1 (r3, gains 5,000.00), lower 2 (r2, r4,
// losses 2,000 + 3,000 = 5,000.00); groups immediate 1, notice 2.
func TestSummaryRotherhamBudget(t *testing.T) {
	p := cohortPolicy(t, "rotherham-2017")
	c, rows := cohortRunFile(t, p, "test-rotherham-budget.csv")
	cohortCheckRows(t, rows, []cohortWant{
		{Line: 2, ID: "r1", Budget: "12000.00"},
		{Line: 3, ID: "r2", Budget: "8000.00"},
		{Line: 4, ID: "r3", Budget: "20000.00"},
		{Line: 5, ID: "r4", Budget: "6000.00"},
		{Line: 6, ID: "r5", ErrPrefix: "test-rotherham-budget.csv:6: allocation: ", ErrHas: "not published"},
	})
	if n := rows[3].Res.Notice; n == nil || n.TakesEffect.String() != "2017-11-30" {
		t.Errorf("r4: notice %+v, want the reduction to take effect on 2017-11-30", n)
	}
	data := summaryMarshal(t, c.Summary)
	summaryCheckContract(t, p, data)
	summaryCheckGolden(t, data, "test-rotherham-budget.json")
	if b := c.Summary.Budget; b == nil || b.Spend.StringFixed(2) != "29432.88" || b.Left.StringFixed(2) != "420567.12" {
		t.Errorf("budget check %+v, want spend 29432.88 and left 420567.12", b)
	}
}

// TestSummaryRotherhamOverBudget: one allocation of £700,000.00 from
// 1 August 2017 spends 700000 × 243 / 365 = 170,100,000 / 365 = 466,027.397…
// = 466,027.40 in 2017/18, £16,027.40 over the £450,000.00 budget.
func TestSummaryRotherhamOverBudget(t *testing.T) {
	c, _ := cohortRunText(t, cohortPolicy(t, "rotherham-2017"), "t.csv", "id,age,allocation,assessed_on\nbig,10,700000.00,2017-08-01\n")
	b := c.Summary.Budget
	if b == nil {
		t.Fatal("no budget check")
	}
	if b.Spend.StringFixed(2) != "466027.40" || b.Left.StringFixed(2) != "-16027.40" {
		t.Errorf("spend %s, left %s; want 466027.40 and -16027.40", b.Spend.StringFixed(2), b.Left.StringFixed(2))
	}
	_, vals := summaryObject(t, summaryMarshal(t, c.Summary))
	const want = `{"label":"2017/18 Direct Payments budget","financial_year":"2017/18","amount":"450000.00","spend":"466027.40","left":"-16027.40"}`
	if got := summaryCompact(vals["budget"]); got != want {
		t.Errorf("budget = %s, want %s", got, want)
	}
}

// TestSummarySnapshot checks that a summary taken part way is not changed by
// the children added after it, and that Summary does not change the
// summariser.
func TestSummarySnapshot(t *testing.T) {
	p := cohortPolicy(t, "trafford-2013")
	r, err := engine.Evaluate(p, summaryExample3())
	if err != nil {
		t.Fatal(err)
	}
	sm := engine.NewSummariser(p)
	sm.Add(r)
	snap := sm.Summary()
	before := summaryMarshal(t, snap)
	sm.Add(r)
	sm.Reject()
	if got := summaryMarshal(t, snap); !bytes.Equal(got, before) {
		t.Errorf("a summary changed after it was taken:\n was %s\n now %s", before, got)
	}
	first := summaryMarshal(t, sm.Summary())
	if again := summaryMarshal(t, sm.Summary()); !bytes.Equal(first, again) {
		t.Errorf("Summary twice gave\n %s\n %s", first, again)
	}
	// Example 3 twice: group 3 and age band 10-13 twice, and twice its spend:
	// 2 × 5,345,052 / 365 = 29,287.956… = 29,287.96 in 2013/14.
	s := sm.Summary()
	if s.Children != 2 || s.RejectedRows != 1 || s.Groups[2].Count != 2 || s.ByAgeBand[2].Children != 2 {
		t.Errorf("after two children and a rejection: children %d, rejected %d, group 3 %d, 10-13 %d; want 2, 1, 2, 2",
			s.Children, s.RejectedRows, s.Groups[2].Count, s.ByAgeBand[2].Children)
	}
	if got := summarySpend(s); len(got) == 0 || got[0] != "2013/14 29287.96" {
		t.Errorf("spend by year %q, want 2013/14 29287.96 first", got)
	}
}

// TestDistributionBand checks the labels of the bands of £2,000 that
// Summary.Distribution counts in, worked by hand.
func TestDistributionBand(t *testing.T) {
	for _, tc := range []struct {
		i           int
		name, short string
	}{
		{0, "£0.00 to £1,999.99", "£0k"},
		{1, "£2,000.00 to £3,999.99", "£2k"},
		{14, "£28,000.00 to £29,999.99", "£28k"},
		{15, "£30,000.00 and over", "£30k"},
	} {
		if name, short := engine.DistributionBand(tc.i); name != tc.name || short != tc.short {
			t.Errorf("band %d: %q, %q; want %q, %q", tc.i, name, short, tc.name, tc.short)
		}
	}
}
