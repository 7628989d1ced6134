package engine

import (
	"fmt"
	"math"
	"strconv"
)

// Result is what a policy gives one child: bands, eligibility, the annual
// budget, moderation, the transition from a current package, the notice and
// review dates, and an explanation of each step with its citation.
type Result struct {
	ID              string
	Policy          *Policy
	AssessedOn      Date
	DateOfBirth     Date // zero when only the age was given
	Age             int
	AgeBand         AgeBand
	Score           *int
	ScoreBand       *ScoreBand // nil without a score or published score bands
	Eligible        bool
	AllocationGiven bool // the budget is the allocation the family was told
	Route           Route
	Provision       *ProvisionKind // the indicative overnight provision, if any
	Moderation      ModerationOutcome
	Transition      *Plan // nil without a current cost
	Notice          *NoticeDates
	Reviews         []Date
	Explanation     []Step

	// reads marks the cells of the rates table the evaluation read (see
	// cellBit): a scenario that changes only rates changes only the results
	// that read a changed cell. It is whole only if every lookup of the
	// table made for this result goes through Policy.cell, which marks it:
	// see the rule there before reading a rate anywhere else.
	reads uint64
	// sides are the annual rates of the cells of the last score below the
	// moderation step and of the step, read during the evaluation so that
	// reads marks them; Below and Above price them when asked.
	sides [2]Money
	// budget is the annual budget, in whole pence where it fits, for the
	// summary to add without arithmetic on decimals (allocPennies); its
	// decimal is made only when AnnualBudget is asked for.
	budget pennies
	// plan, notice, schedule and reviews hold what Transition, Notice,
	// Transition.Schedule and Reviews point to, so that a result is made
	// in one allocation: a schedule or reviews longer than these grow
	// apart.
	plan     Plan
	notice   NoticeDates
	schedule [6]Entry
	reviews  [4]Date
	ex       explainer // the evaluation's explainer, kept here not to be made apart
	// band is the index of AgeBand in the policy's bands, from 1, and
	// leaves is LeavesOn, where the evaluation worked them out (0 and the
	// zero Date where not): the transition and the summary read them
	// rather than work them out again, a row of a cohort.
	band   int
	leaves Date
	// horizon is kept from one evaluation in this memory to the next.
	horizon horizonMemo
}

// AnnualBudget is the allocation; Weekly gives its weekly equivalent.
func (r *Result) AnnualBudget() Money { return r.budget.money() }

// allocPennies is the annual budget in whole pence where it fits.
func (r *Result) allocPennies() pennies { return r.budget }

// Step is one step of an explanation: a plain sentence and where the rule it
// applies comes from.
type Step struct {
	Text     string
	Citation string
}

// NoticeDates are the dates of a reduction after notice: when notice is given
// (the decision date) and when the reduction takes effect.
type NoticeDates struct {
	GivenOn     Date
	TakesEffect Date
	Months      int
}

// Evaluate applies policy p to case c. A case the policy cannot price, or one
// that is out of its scope, gives Errors naming the field concerned.
func Evaluate(p *Policy, c Case) (*Result, error) {
	return evaluate(p, c, true)
}

// EvaluateFigures is Evaluate without the explanation: the same result, its
// Explanation empty, worked out as a cohort's rows are. A page that shows the
// answer first, and how it was worked out a moment later, gives the answer
// without first writing every sentence of the explanation.
func EvaluateFigures(p *Policy, c Case) (*Result, error) {
	return evaluate(p, c, false)
}

// evaluate is Evaluate, explaining each step only where explain is set: a
// cohort needs the figures, not the sentences. Each step works out its part
// of the result and says what it did in the same place, so the explanation
// is of the computation that was made.
func evaluate(p *Policy, c Case, explain bool) (*Result, error) {
	r := new(Result)
	if err := evaluateInto(r, p, c, explain); err != nil {
		return nil, err
	}
	return r, nil
}

// evaluateInto is evaluate made in r, whatever r held before: a cohort
// evaluates each row into a result it has used for an earlier row, once
// nothing reads that row any more. Where it fails, r is not a result.
func evaluateInto(r *Result, p *Policy, c Case, explain bool) error {
	if err := checkCase(c); err != nil {
		return err
	}
	return evaluateChecked(r, p, &c, explain)
}

// evaluateChecked is evaluateInto for a case checkCase would pass: one made
// by Fields.Case, whose values parseScore, parseAge and ParseAmount bound as
// checkCase does (FuzzIntegerTwin checks that they do), as a cohort's rows
// are. The case is read through a pointer, never written: a Case is 136
// bytes, which under WebAssembly would be copied through memory at each of
// the steps below, row after row of a cohort.
func evaluateChecked(r *Result, p *Policy, c *Case, explain bool) error {
	r.reset(p, c, explain)
	ex := &r.ex
	p.assessmentDate(r, ex)
	ai, err := p.age(r, c, ex)
	if err != nil {
		return err
	}
	if err := p.budget(r, c, ai, ex); err != nil {
		return err
	}
	// Each step below is called only where it has something to do, and
	// moderation's parts directly: under WebAssembly a call costs more than
	// the test that saves it, row after row of a cohort.
	if r.ScoreBand != nil && r.ScoreBand.OvernightBreaks && p.Provision != nil {
		p.provision(r, ex)
	}
	if c.Score != nil && p.Moderation != nil {
		r.Moderation = p.moderate(*c.Score)
		if r.Moderation.Flagged {
			p.readSides(r, ai)
		}
		if ex.on {
			ex.moderationStep()
		}
	}
	switch {
	case c.CurrentCost != nil && c.Reassessment == nil && !c.IncludesContingency:
		// What plan does for a case it has nothing to check in, without
		// the call to it between.
		plan, err := p.transition(r, c, ex)
		if err != nil {
			return err
		}
		r.Transition = plan
	case c.CurrentCost != nil || c.Reassessment != nil || c.IncludesContingency:
		if err := p.plan(r, c, ex); err != nil {
			return err
		}
	}
	if p.Reviews != nil {
		p.reviews(r, ex)
	}
	return nil
}

// reset starts a result of c under p in r, whatever r held before. It sets
// each field a result reads as a new one would have it, but for plan,
// notice, schedule and reviews, most of a Result's size, which an
// evaluation writes before Transition, Notice, Plan.Schedule or Reviews
// point to them, horizon, which is kept from one evaluation to the next,
// and Age, AgeBand and band, which age writes before anything reads them
// and whose result is no result where it fails: a cohort writes about three
// tenths of the bytes a row that clearing the whole result would, and reset
// is small enough to be inlined. TestResetClearsEveryField keeps the list
// whole.
func (r *Result) reset(p *Policy, c *Case, explain bool) {
	r.ID, r.Policy, r.AssessedOn, r.DateOfBirth, r.Score = c.ID, p, c.AssessedOn, c.DateOfBirth, c.Score
	r.ScoreBand = nil
	r.Eligible, r.AllocationGiven, r.Route, r.Provision = false, false, "", nil
	r.Moderation, r.Transition, r.Notice, r.Reviews, r.Explanation = ModerationOutcome{}, nil, nil, nil, nil
	r.reads, r.sides, r.budget = 0, [2]Money{}, pennies{}
	r.leaves = Date{}
	r.ex = explainer{on: explain, r: r}
}

// Clone is a copy of r that holds nothing of r: what a visit of
// EvaluateCohort, CompareCohort or HoldCohort keeps of a result, since the
// reading makes later rows' results in the same memory.
func (r *Result) Clone() *Result {
	c := new(Result)
	*c = *r
	c.ex.r = c
	if r.Transition == &r.plan {
		c.Transition = &c.plan
		if s := r.plan.Schedule; cap(s) > 0 && &s[:cap(s)][0] == &r.schedule[0] {
			c.plan.Schedule = c.schedule[:len(s):cap(s)]
		}
	}
	if r.Notice == &r.notice {
		c.Notice = &c.notice
	}
	if s := r.Reviews; cap(s) > 0 && &s[:cap(s)][0] == &r.reviews[0] {
		c.Reviews = c.reviews[:len(s):cap(s)]
	}
	return c
}

// fieldError is the error of one field of a case.
func fieldError(field, value string, kind ErrorKind, msg string) error {
	return Errors{{Field: field, Value: value, Kind: kind, Msg: msg}}
}

// checkCase checks the values of a case made in Go: a Case made by
// Fields.Case is checked already.
func checkCase(c Case) error {
	var errs Errors
	bad := func(field, value string, kind ErrorKind, msg string) {
		errs = append(errs, &Error{Field: field, Value: value, Kind: kind, Msg: msg})
	}
	if c.Age != nil && (*c.Age < 0 || *c.Age > 150) {
		bad(FieldAge, strconv.Itoa(*c.Age), KindOutOfRange, "is not an age: enter the age in whole years, like 12")
	}
	if c.Score != nil && (*c.Score < 0 || *c.Score > maxScore) {
		bad(FieldScore, strconv.Itoa(*c.Score), KindOutOfRange, "is not a score: a score is a whole number of points, 0 or more, like 180")
	}
	if c.Reassessment != nil && (c.Reassessment.Score < 0 || c.Reassessment.Score > maxScore) {
		bad(FieldNewScore, strconv.Itoa(c.Reassessment.Score), KindOutOfRange, "is not a score: a score is a whole number of points, 0 or more, like 180")
	}
	for _, m := range []struct {
		field string
		v     *Money
	}{{FieldCurrentCost, c.CurrentCost}, {FieldAllocation, c.Allocation}} {
		switch {
		case m.v == nil:
		case m.v.IsNegative() || !m.v.Equal(m.v.Round(2)):
			bad(m.field, m.v.String(), KindOutOfRange, "is not an amount in pounds and pence of 0 or more")
		case m.v.GreaterThan(maxAmount):
			bad(m.field, m.v.String(), KindTooLarge, tooLargeAmount)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// assessmentDate takes the policy's default where the case gives no
// assessment date.
func (p *Policy) assessmentDate(r *Result, ex *explainer) {
	if !r.AssessedOn.IsZero() {
		return
	}
	r.AssessedOn = p.DefaultAssessedOn
	if ex.on {
		ex.say(p.DefaultSource, "No assessment date was given, so the policy's default applies: %s.", r.AssessedOn.Long())
	}
}

// age works out the child's age on the assessment date and its age band,
// whose index it returns, or says why the case is out of scope.
func (p *Policy) age(r *Result, c *Case, ex *explainer) (int, error) {
	ageField := FieldAge
	switch {
	case !c.DateOfBirth.IsZero():
		ageField = FieldDateOfBirth
		if c.DateOfBirth.After(r.AssessedOn) {
			return 0, fieldError(FieldDateOfBirth, c.DateOfBirth.String(), KindAfterAssessment, fmt.Sprintf("is after the assessment date (%s): enter the child's date of birth", r.AssessedOn))
		}
		// AgeOn(c.DateOfBirth, r.AssessedOn, p.Age.LeapDay), written out
		// so that it is not a call a row.
		on := r.AssessedOn
		r.Age = on.Year - c.DateOfBirth.Year
		if on.Before(Birthday(c.DateOfBirth, on.Year, p.Age.LeapDay)) {
			r.Age--
		}
		if c.Age != nil && *c.Age != r.Age {
			return 0, fieldError(FieldAge, strconv.Itoa(*c.Age), KindMismatch, fmt.Sprintf("does not match the date of birth, which gives age %d on %s", r.Age, r.AssessedOn))
		}
	case c.Age != nil:
		r.Age = *c.Age
	default:
		return 0, fieldError(FieldAge, "", KindMissing, "is missing: enter the child's age in whole years, like 12, or their date of birth")
	}
	if r.Age >= p.Age.OutOfScopeFrom {
		value := strconv.Itoa(r.Age)
		if ageField == FieldDateOfBirth {
			value = c.DateOfBirth.String()
		}
		return 0, fieldError(ageField, value, KindOutOfScope, fmt.Sprintf("gives age %d: %s", r.Age, p.Age.OutOfScopeMessage))
	}
	ai, _ := p.AgeBand(r.Age) // the bands cover every age under OutOfScopeFrom
	r.AgeBand, r.band = p.Age.Bands[ai], ai+1
	if ex.on {
		if ageField == FieldDateOfBirth {
			ex.say(p.Age.Source, "Born on %s, the child is %d on the assessment date, %s: age band %s.", c.DateOfBirth.Long(), r.Age, r.AssessedOn.Long(), r.AgeBand.Label)
		} else {
			ex.say(p.Age.Source, "The child is %d on the assessment date, %s: age band %s.", r.Age, r.AssessedOn.Long(), r.AgeBand.Label)
		}
	}
	return ai, nil
}

// budget works out the score band, eligibility and route, and the annual
// budget: the allocation the family was told, or the score priced in age
// band ai.
func (p *Policy) budget(r *Result, c *Case, ai int, ex *explainer) error {
	si, banded := 0, false // the score band, once found
	if c.Score != nil && p.Scores != nil {
		si, _ = p.ScoreBand(*c.Score)
		banded = true
		band := &p.Scores.Bands[si]
		r.ScoreBand = band
		r.Eligible = *c.Score >= p.Scores.Threshold
		r.Route = band.Route
		if ex.on {
			if r.Eligible {
				ex.say(p.Scores.Source, "A score of %d is in band %s, at or above the eligibility threshold of %d.", *c.Score, band.Label, p.Scores.Threshold)
			} else {
				ex.say(p.Scores.Source, "A score of %d is in band %s, under the eligibility threshold of %d. %s", *c.Score, band.Label, p.Scores.Threshold, p.Scores.BelowThresholdMessage)
			}
		}
	}
	switch {
	case c.Allocation != nil:
		// The family was told this allocation, so it is what they are
		// eligible for, whatever band the score is in.
		r.AllocationGiven = true
		if c.lazy&lazyAlloc != 0 {
			// In whole pence, read so: the decimal the budget makes
			// when asked for is the one ParseAmount gives.
			r.budget = pennies{pence: c.allocPence, ok: true}
			r.Eligible = c.allocPence > 0
		} else {
			r.budget = penniesOf(*c.Allocation)
			r.Eligible = c.Allocation.Sign() > 0
		}
		if ex.on {
			ex.say(p.Prices.Source, "The allocation the family was told, %s a year, is used as the budget.", FormatMoney(r.AnnualBudget()))
		}
	case !p.Prices.Published:
		return fieldError(FieldAllocation, "", KindMissing, "is missing: "+p.Prices.UnpublishedMessage)
	case c.Score == nil:
		return fieldError(FieldScore, "", KindMissing, "is missing: enter the score as a whole number, like 180")
	default:
		if !banded {
			si, _ = p.ScoreBand(*c.Score)
		}
		r.budget = p.pricePennies(r, ai, si, *c.Score)
		if ex.on { // asked here, so that a cohort makes no call to say nothing
			ex.priceStep(ai, si, *c.Score)
		}
	}
	if r.Route != "" && p.Routes != nil && ex.on {
		ex.say(p.RoutesSrc, "Route: %s", lower(p.Routes[r.Route]))
	}
	return nil
}

// provision finds the indicative overnight provision of a score band that
// funds overnight breaks, by the child's age.
func (p *Policy) provision(r *Result, ex *explainer) {
	if r.ScoreBand == nil || !r.ScoreBand.OvernightBreaks || p.Provision == nil {
		return
	}
	for i, k := range p.Provision.ByAge {
		if r.Age >= k.From && r.Age <= k.To {
			r.Provision = &p.Provision.ByAge[i]
			if ex.on {
				ex.say(p.Provision.Source, "Scores in band %s are weighted so overnight breaks can be funded; at age %d the indicative provision is: %s.", r.ScoreBand.Label, r.Age, lower(k.Label))
			}
		}
	}
}

// plan checks what a transition needs and works out the plan from the
// current cost, with its notice.
func (p *Policy) plan(r *Result, c *Case, ex *explainer) error {
	if c.IncludesContingency && p.Transition.Contingency == nil {
		return fieldError(FieldIncludesContingency, "true", KindNotAllowed, "cannot apply: this policy has no contingency share to take out of the current cost")
	}
	if c.Reassessment != nil {
		if !c.Reassessment.On.After(r.AssessedOn) {
			return fieldError(FieldReassessedOn, c.Reassessment.On.String(), KindNotAfterAssessment, fmt.Sprintf("is not after the assessment date (%s): a reassessment comes later", r.AssessedOn))
		}
		if !p.Prices.Published {
			return fieldError(FieldNewScore, strconv.Itoa(c.Reassessment.Score), KindNotAllowed, "cannot be priced: "+p.Prices.UnpublishedMessage)
		}
	}
	if c.CurrentCost == nil {
		if c.Reassessment != nil {
			return fieldError(FieldCurrentCost, "", KindMissing, "is missing: a reassessment is shown as a change to a plan, which starts from the current cost")
		}
		return nil
	}
	plan, err := p.transition(r, c, ex)
	if err != nil {
		return err
	}
	r.Transition = plan
	return nil
}

// reviews dates the reviews of the package.
func (p *Policy) reviews(r *Result, ex *explainer) {
	if p.Reviews == nil {
		return
	}
	r.Reviews = r.reviews[:0]
	for _, m := range p.Reviews.Months {
		r.Reviews = append(r.Reviews, r.AssessedOn.AddMonths(m))
	}
	if ex.on {
		ex.say(p.Reviews.Source, "The package is reviewed %s.", listDates(r.Reviews))
	}
}

// Weekly is the weekly equivalent of the annual budget: the annual amount
// divided by the policy's weeks of a year, rounded by its rule.
func (r *Result) Weekly() Money {
	return r.Policy.Rounding.MulFrac(r.AnnualBudget(), 1, int64(r.Policy.Prices.WeeksPerYear))
}

// cell is the one way into the rates table: the rate of age band ai and
// score band si, and its annual rate (see AnnualRate). It marks the cell in
// r.reads, so that a scenario that changes only rates knows which results it
// can leave as they are (HeldCohort.Comparer).
//
// The rule: every lookup of the rates table made for a result goes through
// cell with that result, never nil, and no code reads the table but cell.
// A lookup that is not marked would let a held cohort keep a child's old
// allocation when a councillor changes the rate it came from. r is nil only
// for the lookups the policy answers outside any result (Rate, AnnualRate,
// Allocation). TestRatesReadThroughCell checks the source for this, and
// TestReadsCoverResult checks that changing a cell a result did not mark
// never changes the result.
func (p *Policy) cell(r *Result, ai, si int) (rate, annual Money) {
	if r != nil {
		r.reads |= p.cellBit(ai, si)
	}
	return p.rates[ai][si], p.annual[ai][si]
}

// price is the annual allocation of score in age band ai and score band si.
// It reads the cell for r, as cell says.
func (p *Policy) price(r *Result, ai, si, score int) Money {
	if p.Scores.Bands[si].Basis == BasisNone {
		return zero
	}
	_, annual := p.cell(r, ai, si)
	return p.priceAt(si, annual, score)
}

// pricePennies is price, with its whole pence worked out in integers where
// they fit: the annual rate is in units of 10^-4 pounds (a hundredth of a
// penny: rates have at most 4 places, and weeks_per_year is whole), and the
// product with the score is checked against overflow before it is made; where
// it would overflow, the decimal computation (priceAt) gives the amount.
// Money and pence are the same amount: TestIntegerTwin and FuzzIntegerTwin
// compare them with the decimal computation.
func (p *Policy) pricePennies(r *Result, ai, si, score int) pennies {
	basis := p.Scores.Bands[si].Basis
	if basis == BasisNone {
		return zeroPennies
	}
	rd := p.Rounding
	// The fast path is the one below for any basis but a fixed one, with
	// the units read from the table: asked as basis != BasisFixed, whose
	// length differs from BasisPerPoint's, the strings' bytes are not
	// compared a row. The quotient is of non-negative numbers, unsigned,
	// which WebAssembly divides without a call.
	if u, ok := p.cellUnits(r, ai, si); ok && basis != BasisFixed && score >= 0 && (score == 0 || u <= int64(uint64(math.MaxInt64)/uint64(score))) {
		v := rd.divInt(u*int64(score), pow10[4-rd.Places])
		return pennies{pence: v * pow10[2-rd.Places], ok: true, drop: int8(2 - rd.Places)}
	}
	_, annual := p.cell(r, ai, si)
	if basis == BasisFixed {
		return penniesOf(annual)
	}
	if u, ok := units(annual, 4); ok && score >= 0 && (score == 0 || u <= math.MaxInt64/int64(score)) {
		v := rd.divInt(u*int64(score), pow10[4-rd.Places])
		return pennies{pence: v * pow10[2-rd.Places], ok: true, drop: int8(2 - rd.Places)}
	}
	return penniesOf(p.priceAt(si, annual, score))
}

// priceAt is the annual allocation of score in score band si, whose cell's
// annual rate is annual: the rate itself for a fixed offer, the score times
// it for a per-point band.
func (p *Policy) priceAt(si int, annual Money, score int) Money {
	switch p.Scores.Bands[si].Basis {
	case BasisFixed:
		return annual
	case BasisPerPoint:
		return p.Rounding.Mul(annual, int64(score))
	}
	return zero
}

// AnnualRate is the annual rate of an age band and a score band: a fixed
// band's offer a year, or a per-point band's rate a point a year (the rate
// times the policy's weeks of a year), which the score multiplies. It is the
// one place a cell's rate a year is given.
func (p *Policy) AnnualRate(ageBand, scoreBand int) Money {
	_, annual := p.cell(nil, ageBand, scoreBand)
	return annual
}

// cellBit is the bit of the cell of age band ai and score band si in a mask
// of cells: a bit a cell for the first 63, and the last bit for the rest.
func (p *Policy) cellBit(ai, si int) uint64 {
	if i := ai*len(p.Scores.Bands) + si; i < 63 {
		return 1 << i
	}
	return 1 << 63
}

// Allocation returns the annual allocation for score at age, or false where the
// policy cannot price it (unpublished prices, or an age out of scope).
func (p *Policy) Allocation(age, score int) (Money, bool) {
	ai, ok := p.AgeBand(age)
	if !ok || !p.Prices.Published || p.Scores == nil || score < 0 {
		return zero, false
	}
	si, _ := p.ScoreBand(score)
	return p.price(nil, ai, si, score), true
}

func lower(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'A' && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}

func listDates(ds []Date) string {
	s := ""
	for i, d := range ds {
		switch {
		case i == 0:
		case i == len(ds)-1:
			s += " and "
		default:
			s += ", "
		}
		s += "on " + d.Long()
	}
	return s
}

// explainer writes the steps of an explanation, when asked to.
type explainer struct {
	on bool
	r  *Result
}

func (x *explainer) say(cite, format string, args ...any) {
	if !x.on {
		return
	}
	x.r.Explanation = append(x.r.Explanation, Step{Text: fmt.Sprintf(format, args...), Citation: cite})
}

func (x *explainer) priceStep(ai, si, score int) {
	if !x.on {
		return
	}
	p, r := x.r.Policy, x.r
	band := p.Scores.Bands[si]
	switch band.Basis {
	case BasisNone:
		x.say(p.Prices.Source, "Band %s has no personal budget: %s a year.", band.Label, FormatMoney(r.AnnualBudget()))
	case BasisFixed:
		x.say(p.Prices.Source, "Band %s is a fixed offer for age band %s: %s a year.", band.Label, r.AgeBand.Label, FormatMoney(r.AnnualBudget()))
	case BasisPerPoint:
		x.say(p.Prices.Source, "Band %s for age band %s is %s per point per week, on the whole score: %d × %s × %d weeks = %s a year (%s a week).",
			band.Label, r.AgeBand.Label, formatRate(p.Rate(ai, si)), score, formatRate(p.Rate(ai, si)), p.Prices.WeeksPerYear,
			FormatMoney(r.AnnualBudget()), FormatMoney(r.Weekly()))
	}
}

// formatRate writes a rate with at least two decimal places: £0.75, £0.125.
func formatRate(m Money) string {
	if m.Equal(m.Round(2)) {
		return FormatMoney(m)
	}
	return "£" + m.String()
}

func itoa(n int) string { return strconv.Itoa(n) }
