package engine_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// fuzzPolicies are the shipped policies FuzzEvaluate chooses between.
var fuzzPolicies = []string{"trafford-2013", "rotherham-2017"}

// FuzzParsePolicy reads arbitrary policy files. It checks that ParsePolicy
// never panics, gives the same answer twice, reports every mistake as an
// *Error naming the file, and that a policy it accepts can evaluate cases
// without panicking, giving results that keep the contract's invariants.
func FuzzParsePolicy(f *testing.F) {
	for _, id := range policies.IDs() {
		text, err := policies.Text(id)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(text)
		// The shipped text with one thing broken or changed.
		for _, edit := range [][2]string{
			{`"0.75"`, `"0.7x"`},                                                          // a rate that is not an amount
			{"window: 10", "window: 0"},                                                   // a moderation window of nothing
			{"inclusive: true", "inclusive: false"},                                       // the exclusive reading
			{`fractions: ["1/2", "1/2"]`, `fractions: ["1/2", "1/3"]`},                    // fractions that do not sum to 1
			{"stage_dates: [2013-10-01, 2014-10-01]", "stage_months_after_plan: [6, 18]"}, // stages as months
			{"out_of_scope_from: 18", "out_of_scope_from: 19"},                            // bands that stop short
			{"months: 3", "months: 0"},                                                    // no notice
			{"published: false", "published: true"},                                       // Rotherham without rates
			{"leap_day_birthdays: march-1", "leap_day_birthdays: february-28"},
		} {
			if broken := strings.Replace(string(text), edit[0], edit[1], 1); broken != string(text) {
				f.Add([]byte(broken))
			}
		}
	}
	for _, s := range []string{
		"",
		"id: tiny\n",
		"# A policy whose id is not an id.\nid: Trafford_2013\n",
		"id: [\n",
		"- a\n- b\n",
		"a: &x [*x]\n",
		"id: x\nid: y\n",
		"\x00",
		"{{{{",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const file = "policies/fuzz.yaml"
		p1, err1 := engine.ParsePolicy(file, data)
		p2, err2 := engine.ParsePolicy(file, data)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("two answers: %v, then %v", err1, err2)
		}
		if err1 != nil {
			if p1 != nil {
				t.Errorf("a policy and an error: %v", err1)
			}
			if err1.Error() != err2.Error() {
				t.Fatalf("two different errors:\n%v\nthen:\n%v", err1, err2)
			}
			var errs engine.Errors
			if !errors.As(err1, &errs) || len(errs) == 0 {
				t.Fatalf("the error is not a list of *Error: %T %v", err1, err1)
			}
			for _, e := range errs {
				if e.File != file {
					t.Errorf("an error without the file name: %v", e)
				}
			}
			return
		}
		if p1 == nil {
			t.Fatal("no policy and no error")
		}
		if !reflect.DeepEqual(p1, p2) {
			t.Fatalf("two different policies from one text:\n%+v\n%+v", *p1, *p2)
		}
		for _, fields := range probes(p1) {
			c, err := fields.Case()
			if err != nil {
				continue
			}
			r, err := engine.Evaluate(p1, c)
			if err != nil {
				continue
			}
			out, err := json.Marshal(r)
			if err != nil {
				t.Fatalf("%+v: the result does not marshal: %v", fields, err)
			}
			if msg := checkResultJSON(out); msg != "" {
				t.Errorf("%+v: %s\n%s", fields, msg, out)
			}
		}
	})
}

// probes are cases that reach every part of a policy: each age band's ends,
// a birthday into the next band a month after the plan, scores at each score
// band's ends and at the moderation steps, no current cost and a large one,
// a contingency, a reassessment, and a given allocation. Each score takes one
// of the variants in each age band, in turn, so that a probe stays cheap
// enough to fuzz (and to minimise) quickly.
func probes(p *engine.Policy) []engine.Fields {
	on := p.DefaultAssessedOn
	scores := []int{0, 1, 99, 100, 150, 200, 260}
	if p.Scores != nil {
		scores = append(scores, p.Scores.Threshold)
		for _, b := range p.Scores.Bands {
			scores = append(scores, b.From, b.To+1)
		}
	}
	if p.Moderation != nil {
		for _, s := range p.Moderation.Steps {
			scores = append(scores, s-p.Moderation.Window, s+p.Moderation.Window)
		}
	}
	scores = slices.DeleteFunc(scores, func(s int) bool { return s < 0 })
	slices.Sort(scores)
	scores = slices.Compact(scores)
	if len(scores) > 24 {
		scores = scores[:24]
	}
	bands := p.Age.Bands
	if len(bands) > 6 {
		bands = bands[:6]
	}
	var fs []engine.Fields
	for bi, b := range bands {
		// b.To on the plan date, b.To + 1 a month later.
		dob := on.AddMonths(-12*(b.To+1) + 1).String()
		for si, s := range scores {
			score := strconv.Itoa(s)
			var f engine.Fields
			switch (bi + si) % 5 {
			case 0:
				f = engine.Fields{Score: score, Age: strconv.Itoa(b.From)}
			case 1:
				f = engine.Fields{Score: score, DateOfBirth: dob, CurrentCost: "1000000"}
			case 2:
				f = engine.Fields{Score: score, DateOfBirth: dob, CurrentCost: "12500", IncludesContingency: "true"}
			case 3:
				f = engine.Fields{Score: score, DateOfBirth: dob, CurrentCost: "1000000", ReassessedOn: on.AddMonths(2).String(), NewScore: "150"}
			case 4:
				f = engine.Fields{Score: score, Age: strconv.Itoa(b.To), Allocation: "10000", CurrentCost: "12500"}
			}
			f.ID = "probe"
			fs = append(fs, f)
		}
		fs = append(fs, engine.Fields{ID: "probe", DateOfBirth: dob, Allocation: "5000", CurrentCost: "8000"})
	}
	return fs
}

// FuzzEvaluate evaluates arbitrary fields under the shipped policies. It
// checks that evaluation never panics and gives the same answer twice; that
// an error names the fields it concerns; that every result keeps the
// contract's invariants (checkResultJSON); and that under Trafford's model the
// budget never falls as the score rises within an age band, nor as the age
// band rises at the same score.
func FuzzEvaluate(f *testing.F) {
	loaded := make([]*engine.Policy, len(fuzzPolicies))
	for i, id := range fuzzPolicies {
		p, err := policies.Load(id)
		if err != nil {
			f.Fatal(err)
		}
		loaded[i] = p
	}
	cases, err := readCases(casesDir)
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range cases {
		i := slices.Index(fuzzPolicies, c.Policy)
		if i < 0 {
			f.Fatalf("%s: case %q: policy %s is not one FuzzEvaluate knows", c.File, c.Name, c.Policy)
		}
		in := c.Input
		f.Add(uint8(i), in.ID, in.Score, in.Age, in.DateOfBirth, in.AssessedOn, in.CurrentCost,
			in.IncludesContingency, in.Allocation, in.ReassessedOn, in.NewScore)
	}
	fieldNames := []string{engine.FieldID, engine.FieldScore, engine.FieldAge, engine.FieldDateOfBirth,
		engine.FieldAssessedOn, engine.FieldCurrentCost, engine.FieldIncludesContingency, engine.FieldAllocation,
		engine.FieldReassessedOn, engine.FieldNewScore}

	f.Fuzz(func(t *testing.T, which uint8, id, score, age, dob, assessedOn, currentCost, contingency, allocation, reassessedOn, newScore string) {
		p := loaded[int(which)%len(loaded)]
		fields := engine.Fields{ID: id, Score: score, Age: age, DateOfBirth: dob, AssessedOn: assessedOn,
			CurrentCost: currentCost, IncludesContingency: contingency, Allocation: allocation,
			ReassessedOn: reassessedOn, NewScore: newScore}
		out1, err1 := evaluateFields(p, fields)
		out2, err2 := evaluateFields(p, fields)
		if (err1 == nil) != (err2 == nil) {
			t.Fatalf("two answers: %v, then %v", err1, err2)
		}
		if err1 != nil {
			if err1.Error() != err2.Error() {
				t.Fatalf("two different errors:\n%v\nthen:\n%v", err1, err2)
			}
			var errs engine.Errors
			if !errors.As(err1, &errs) || len(errs) == 0 {
				t.Fatalf("the error is not a list of *Error: %T %v", err1, err1)
			}
			for _, e := range errs {
				if !slices.Contains(fieldNames, e.Field) {
					t.Errorf("an error that names no field of the case: %q", e.Error())
				}
			}
			return
		}
		if !bytes.Equal(out1, out2) {
			t.Fatalf("two different results:\n%s\nthen:\n%s", out1, out2)
		}
		if msg := checkResultJSON(out1); msg != "" {
			t.Fatalf("%s\n%s", msg, out1)
		}

		// Trafford's model rises with the score and with the age band.
		if p.ID != "trafford-2013" {
			return
		}
		var r struct {
			Age             int    `json:"age"`
			Score           *int   `json:"score"`
			AnnualBudget    string `json:"annual_budget"`
			AllocationGiven bool   `json:"allocation_given"`
		}
		if err := json.Unmarshal(out1, &r); err != nil {
			t.Fatal(err)
		}
		if r.Score == nil {
			return
		}
		s := *r.Score
		here, ok := p.Allocation(r.Age, s)
		if !ok {
			t.Fatalf("Allocation(%d, %d) cannot price a case Evaluate priced", r.Age, s)
		}
		if !r.AllocationGiven && here.StringFixed(2) != r.AnnualBudget {
			t.Errorf("Allocation(%d, %d) = %s, but the result's budget is %s", r.Age, s, here.StringFixed(2), r.AnnualBudget)
		}
		if next, ok := p.Allocation(r.Age, s+1); !ok || next.LessThan(here) {
			t.Errorf("at age %d the budget falls from %s (score %d) to %s (score %d)", r.Age, here.StringFixed(2), s, next.StringFixed(2), s+1)
		}
		bands := p.Age.Bands
		for i := 0; i+1 < len(bands); i++ {
			lo, ok1 := p.Allocation(bands[i].From, s)
			hi, ok2 := p.Allocation(bands[i+1].From, s)
			if !ok1 || !ok2 || hi.LessThan(lo) {
				t.Errorf("at score %d the budget falls from %s (age band %s) to %s (age band %s)",
					s, lo.StringFixed(2), bands[i].ID, hi.StringFixed(2), bands[i+1].ID)
			}
		}
	})
}

var (
	amountPattern = regexp.MustCompile(`^(0|[1-9][0-9]*)\.[0-9]{2}$`)
	signedPattern = regexp.MustCompile(`^-?(0|[1-9][0-9]*)\.[0-9]{2}$`)
	datePattern   = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
)

// amountKeys are the keys of the result JSON that hold an amount of money,
// which is never negative; signedKeys hold a difference, which may be.
var (
	amountKeys = []string{"annual_budget", "weekly_budget", "base_cost", "current_cost", "contingency", "amount"}
	signedKeys = []string{"decrease"}
)

// checkResultJSON checks the invariants of a result (STYLE.md, "Tests as
// data"): every amount a string with exactly two decimals and not negative;
// the schedule starting on the assessment date, its dates strictly
// increasing; the last amount of a complete transition equal to the annual
// budget. It returns what is wrong, or "".
func checkResultJSON(data []byte) string {
	var res map[string]any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&res); err != nil {
		return "the result is not a JSON object: " + err.Error()
	}
	if msg := checkAmounts("", res); msg != "" {
		return msg
	}
	assessed, _ := res["assessed_on"].(string)
	if !datePattern.MatchString(assessed) {
		return fmt.Sprintf("assessed_on %q is not a date", assessed)
	}
	if tr, ok := res["transition"].(map[string]any); ok {
		sched, _ := tr["schedule"].([]any)
		if len(sched) == 0 {
			return "a transition with no schedule"
		}
		prev := ""
		for i, e := range sched {
			from, _ := e.(map[string]any)["from"].(string)
			switch {
			case !datePattern.MatchString(from):
				return fmt.Sprintf("schedule[%d].from %q is not a date", i, from)
			case i == 0 && from != assessed:
				return fmt.Sprintf("the schedule starts on %s, not on the assessment date %s", from, assessed)
			case i > 0 && from <= prev:
				return fmt.Sprintf("schedule[%d] is on %s, not after %s", i, from, prev)
			}
			prev = from
		}
		if complete, _ := tr["complete"].(bool); complete {
			last, _ := sched[len(sched)-1].(map[string]any)["amount"].(string)
			if budget := res["annual_budget"]; last != budget {
				return fmt.Sprintf("a complete transition ends on %s, not the annual budget %v", last, budget)
			}
		}
	}
	if reviews, ok := res["reviews"].([]any); ok {
		prev := assessed
		for i, r := range reviews {
			d, _ := r.(string)
			if !datePattern.MatchString(d) || d <= prev {
				return fmt.Sprintf("reviews[%d] %q is not a date after %s", i, d, prev)
			}
			prev = d
		}
	}
	return ""
}

// checkAmounts walks a JSON value and checks every amount in it.
func checkAmounts(path string, v any) string {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			sub := k
			if path != "" {
				sub = path + "." + k
			}
			if slices.Contains(amountKeys, k) || slices.Contains(signedKeys, k) {
				s, ok := x.(string)
				pattern, want := amountPattern, "an amount of 0 or more with two decimals"
				if slices.Contains(signedKeys, k) {
					pattern, want = signedPattern, "an amount with two decimals"
				}
				if !ok || !pattern.MatchString(s) || s == "-0.00" {
					return fmt.Sprintf("%s is %s: want %s", sub, jsonText(x), want)
				}
				continue
			}
			if msg := checkAmounts(sub, x); msg != "" {
				return msg
			}
		}
	case []any:
		for i, x := range v {
			if msg := checkAmounts(fmt.Sprintf("%s[%d]", path, i), x); msg != "" {
				return msg
			}
		}
	}
	return ""
}

// TestCheckResultJSON makes sure the fuzz invariants can fail.
func TestCheckResultJSON(t *testing.T) {
	good := `{"assessed_on":"2013-04-01","annual_budget":"9367.00","transition":{"complete":true,"decrease":"-1.00",
		"schedule":[{"from":"2013-04-01","amount":"11912.00"},{"from":"2013-10-01","amount":"9367.00"}]},
		"reviews":["2013-10-01","2014-04-01"]}`
	if msg := checkResultJSON([]byte(good)); msg != "" {
		t.Fatalf("a good result fails: %s", msg)
	}
	bad := map[string]string{
		"negative amount":      `{"assessed_on":"2013-04-01","annual_budget":"-1.00"}`,
		"one decimal":          `{"assessed_on":"2013-04-01","annual_budget":"1.0"}`,
		"number, not string":   `{"assessed_on":"2013-04-01","annual_budget":1.00}`,
		"nested amount":        `{"assessed_on":"2013-04-01","moderation":{"below":{"annual_budget":"1"}}}`,
		"negative zero":        `{"assessed_on":"2013-04-01","transition":{"decrease":"-0.00","schedule":[{"from":"2013-04-01","amount":"1.00"}]}}`,
		"dates not increasing": `{"assessed_on":"2013-04-01","transition":{"schedule":[{"from":"2013-04-01","amount":"1.00"},{"from":"2013-04-01","amount":"2.00"}]}}`,
		"not from assessment":  `{"assessed_on":"2013-04-01","transition":{"schedule":[{"from":"2013-04-02","amount":"1.00"}]}}`,
		"empty schedule":       `{"assessed_on":"2013-04-01","transition":{"schedule":[]}}`,
		"complete, not budget": `{"assessed_on":"2013-04-01","annual_budget":"2.00","transition":{"complete":true,"schedule":[{"from":"2013-04-01","amount":"1.00"}]}}`,
		"review before":        `{"assessed_on":"2013-04-01","reviews":["2013-03-01"]}`,
	}
	for name, text := range bad {
		if checkResultJSON([]byte(text)) == "" {
			t.Errorf("%s: passes", name)
		}
	}
}
