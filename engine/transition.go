package engine

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Plan is how a family moves from the annual cost of its current package to
// its allocation: the transition group and the dated schedule of amounts.
type Plan struct {
	// Group is the policy's group the plan falls in, read not written.
	Group       *Group
	CurrentCost Money // the annual amount the family has now
	BaseCost    Money // CurrentCost less any contingency share
	Contingency Money // the contingency share taken out of CurrentCost
	// Schedule lists each date on which the annual amount changes, from the
	// assessment date on. Every entry says why.
	Schedule []Entry
	// Complete reports whether the schedule runs as planned to the allocation,
	// with nothing superseding it.
	Complete bool
	// base and decrease are BaseCost and Decrease in whole pence, worked
	// out with them, for the summary.
	base, decrease pennies
	// group is the index of Group in the policy's groups, from 1; 0 for a
	// plan made otherwise.
	group int
}

// Decrease is BaseCost less the allocation: negative for an increase.
func (p *Plan) Decrease() Money { return p.decrease.money() }

// basePennies and decreasePennies are BaseCost and Decrease in whole pence:
// as worked out with them, or, for a plan made otherwise, from the amounts.
func (p *Plan) basePennies() pennies {
	if p.base.ok {
		return p.base
	}
	return penniesOf(p.BaseCost)
}

func (p *Plan) decreasePennies() pennies { return p.decrease }

// Entry is one change of the annual amount in a schedule.
type Entry struct {
	From   Date
	Reason string
	pence  pennies // the amount, in whole pence where it fits
}

// Amount is the annual amount from the entry's date.
func (e *Entry) Amount() Money { return e.pence.money() }

// pennies is the entry's amount in whole pence.
func (e *Entry) pennies() pennies { return e.pence }

// entry is an entry of amount a.
func entry(from Date, a pennies, reason string) Entry {
	return Entry{From: from, Reason: reason, pence: a}
}

// transition works out the plan of r for a case with a current cost.
func (p *Policy) transition(r *Result, c *Case, ex *explainer) (*Plan, error) {
	t := &p.Transition
	plan := &r.plan
	// The plan is r's memory, used again row after row: each field is set
	// here or below (Group, base, decrease and group below, whatever the
	// path), rather than all the bytes cleared first.
	// TestResetClearsEveryField keeps the list whole.
	plan.Schedule, plan.Complete = nil, false
	basePence, lazy := c.costPence, c.lazy&lazyCost != 0
	if lazy && c.IncludesContingency {
		if basePence, lazy = p.basePence(c.costPence); !lazy {
			// The contingency share is taken out of the cost as a
			// decimal, written in a copy: the case is the caller's,
			// read not written.
			settled := *c
			settled.settle()
			c = &settled
		}
	}
	switch {
	case lazy:
		// A cost read in whole pence for a summary, which shows no plan:
		// the base cost is the pence, less any contingency share, and
		// the plan's amounts are left unwritten.
		plan.CurrentCost, plan.BaseCost, plan.Contingency = Money{}, Money{}, Money{}
		plan.base = pennies{pence: basePence, ok: true}
	case c.IncludesContingency:
		plan.CurrentCost, plan.BaseCost, plan.Contingency = *c.CurrentCost, *c.CurrentCost, Money{}
		one := decimalInt(1)
		if base, cont, pence, ok := p.takeContingency(plan.CurrentCost); ok {
			plan.BaseCost, plan.Contingency = base, cont
			plan.base = pennies{m: base, pence: pence, ok: true, built: true}
		} else {
			plan.BaseCost = p.Rounding.Div(plan.CurrentCost, one.Add(t.Contingency.Rate))
			plan.Contingency = plan.CurrentCost.Sub(plan.BaseCost)
			plan.base = penniesOf(plan.BaseCost)
		}
		if ex.on {
			ex.say(t.Contingency.Source, "The current amount, %s a year, includes the %s%% contingency: the base cost is %s ÷ %s = %s, and the contingency part, %s, is offered only by application.",
				FormatMoney(plan.CurrentCost), t.Contingency.Rate.Shift(2).String(), FormatMoney(plan.CurrentCost), one.Add(t.Contingency.Rate).String(),
				FormatMoney(plan.BaseCost), FormatMoney(plan.Contingency))
		}
	default:
		plan.CurrentCost, plan.BaseCost, plan.Contingency = *c.CurrentCost, *c.CurrentCost, Money{}
		// The current cost, checked by checkCase.
		plan.base = checkedPennies(plan.BaseCost)
		if ex.on {
			ex.say(t.Source, "The current package costs %s a year: this is the base cost.", FormatMoney(plan.BaseCost))
		}
	}
	allocP := r.allocPennies()
	if plan.base.ok && allocP.ok && small(plan.base.pence) && small(allocP.pence) {
		d := plan.base.pence - allocP.pence
		plan.decrease = pennies{pence: d, ok: true}
	} else {
		plan.decrease = penniesOf(plan.base.money().Sub(r.AnnualBudget()))
	}

	// The group is the last whose lower end the decrease reaches; the first
	// group has no lower end. The groups meet to the penny, so this is the
	// one group whose range holds the decrease.
	gi := 0
	for i := range t.Groups {
		switch g := &t.Groups[i]; {
		case g.DecreaseFrom == nil:
			gi = i
		case plan.decrease.ok && g.from.built && g.from.ok:
			// Both in whole pence, as atLeast would compare them.
			if plan.decrease.pence >= g.from.pence {
				gi = i
			}
		case plan.decrease.atLeast(g.fromPennies()):
			gi = i
		}
	}
	g := &t.Groups[gi]
	plan.Group, plan.group = g, gi+1
	if ex.on {
		alloc := r.AnnualBudget()
		switch plan.decrease.sign() {
		case 1:
			ex.say(t.Source, "The allocation, %s, is %s a year less than the base cost: %s (%s).", FormatMoney(alloc), FormatMoney(plan.Decrease()), g.Name(), lower(g.Label))
		case -1:
			ex.say(t.Source, "The allocation, %s, is %s a year more than the base cost: %s (%s).", FormatMoney(alloc), FormatMoney(plan.Decrease().Neg()), g.Name(), lower(g.Label))
		default:
			ex.say(t.Source, "The allocation, %s, equals the base cost: %s (%s).", FormatMoney(alloc), g.Name(), lower(g.Label))
		}
	}

	on := r.AssessedOn
	sb := &scheduleBuilder{ex: ex, entries: r.schedule[:0]}
	switch g.Effect {
	case EffectImmediate:
		var text string
		if sb.ex.on {
			text = fmt.Sprintf("From %s: %s, with immediate effect from the date the support plan is agreed.", on.Long(), FormatMoney(r.AnnualBudget()))
		}
		sb.add(entry(on, allocP, "allocation with immediate effect"), t.Source, text)
	case EffectAfterNotice:
		takes := on.AddMonths(p.Notice.Months)
		r.notice = NoticeDates{GivenOn: on, TakesEffect: takes, Months: p.Notice.Months}
		r.Notice = &r.notice
		var text string
		if sb.ex.on {
			text = fmt.Sprintf("The allocation is lower, so the council gives notice on %s with written reasons, and reconsiders on request; the current cost of %s continues meanwhile.",
				on.Long(), FormatMoney(plan.BaseCost))
		}
		sb.add(entry(on, plan.base, "notice given: the current cost continues"), p.Notice.Source, text)
		if sb.ex.on {
			text = fmt.Sprintf("From %s, %d months after the notice: the allocation, %s.", takes.Long(), p.Notice.Months, FormatMoney(r.AnnualBudget()))
		}
		sb.add(entry(takes, allocP, p.reasons.noticeOr(p.Notice.Months)), p.Notice.Source, text)
	case EffectStaged:
		if base, diff := plan.base, plan.decrease; !ex.on && len(g.Fractions) > 0 && base.ok && diff.ok && small(base.pence) && diff.pence <= 1e15 && diff.pence >= -1e15 {
			// stages would call stagesPence so: called here, one call
			// fewer a row.
			p.stagesPence(sb, g, on, base, allocP, diff.pence)
		} else {
			p.stages(sb, g, on, plan.base, allocP, plan.decrease)
		}
	}
	plan.Complete = true
	// supersede and turns18 are called only where they may have something
	// to do, each call a cost a row under WebAssembly: supersede for a
	// reassessment or a staged or notice plan that a birthday may cut
	// short, turns18 where the child leaves between the plan date and the
	// horizon.
	if c.Reassessment != nil || (t.SupersedeOnAgeBandChange && g.Effect != EffectImmediate && !c.DateOfBirth.IsZero()) {
		if err := p.supersede(r, c, plan, sb); err != nil {
			return nil, err
		}
	}
	// r.LeavesOn(), written out so that it is not a call a row; kept for
	// the summary (TestSummaryReadsWhatEvaluationFound compares the two).
	a := &p.Age
	from, year := r.DateOfBirth, r.DateOfBirth.Year+a.OutOfScopeFrom
	if from.IsZero() {
		from, year = r.AssessedOn, r.AssessedOn.Year+a.OutOfScopeFrom-r.Age
	}
	leaves := Birthday(from, year, a.LeapDay)
	r.leaves = leaves
	if leaves.After(r.AssessedOn) && !leaves.After(r.horizon.of(p, r.AssessedOn)) {
		p.turns18(r, plan, sb, leaves)
	}
	plan.Schedule = sb.entries
	if ex.on { // asked here, so that a cohort makes no call to say nothing
		sb.explain()
	}
	return plan, nil
}

// checkedPennies is penniesOf for an amount of at most maxAmount, as
// checkCase and ParseAmount leave a case's amounts: written to two places
// or fewer, its coefficient is at most 10^14 and is its pence once shifted,
// with no need to count its digits. Other amounts are penniesOf's. FuzzIntegerTwin and
// TestIntegerTwin check the base cost's pence against its amount.
func checkedPennies(m Money) pennies {
	e := m.Exponent()
	if e < -2 || e > maxAmountDigits {
		return penniesOf(m)
	}
	return pennies{m: m, pence: m.CoefficientInt64() * pow10to14[e+2], ok: true, built: true}
}

// pow10to14[i] is 10^i.
var pow10to14 = func() (t [maxAmountDigits + 3]int64) {
	t[0] = 1
	for i := 1; i < len(t); i++ {
		t[i] = t[i-1] * 10
	}
	return t
}()

// takeContingency is the base cost and the contingency share of a current
// cost that includes the contingency, worked out in integers: the base cost
// cost ÷ (1 + rate) as Rounding.Div gives it, and the share the cost less the
// base, as Decimal.Sub gives it, to the same places. It is false where the
// amounts do not fit, or the cost is written to more than two places, and the
// decimal computation applies. TestContingencyTwin and FuzzIntegerTwin compare
// the two.
func (p *Policy) takeContingency(cost Money) (base, cont Money, basePence int64, ok bool) {
	rd := p.Rounding
	e := cost.Exponent()
	cu, ok := units(cost, 2)
	if !ok || e < -2 {
		return zero, zero, 0, false
	}
	q, ok := p.baseUnits(cu)
	if !ok {
		return zero, zero, 0, false
	}
	exp := min(e, -rd.Places)         // the exponent Sub gives, from -2 to 0
	diff := cu - q*pow10[2-rd.Places] // in pence
	return decimal.New(q, -rd.Places), decimal.New(diff/pow10[2+exp], exp), q * pow10[2-rd.Places], true
}

// basePence is the base cost, in whole pence, of a current cost of cu pence
// that includes the contingency share, as takeContingency works it out: for a
// summary, which reads the cost in pence and makes no decimal of it.
// contingencyTwin (TestContingencyTwin) compares the two.
func (p *Policy) basePence(cu int64) (int64, bool) {
	q, ok := p.baseUnits(cu)
	if !ok {
		return 0, false
	}
	return q * pow10[2-p.Rounding.Places], true
}

// baseUnits is the base cost of a current cost of cu pence, cost ÷ (1 + rate)
// rounded as Rounding.Div rounds it, in units of 10^-places: false where the
// amounts do not fit.
func (p *Policy) baseUnits(cu int64) (int64, bool) {
	rd := p.Rounding
	ru, ok := p.Transition.Contingency.rateUnits()
	yu := pow10[4] + ru // 1 + rate, in units of 10^-4
	if !ok || cu < 0 || cu >= 9e13 || yu <= 0 || rd.Places < 0 || rd.Places > 2 {
		return 0, false
	}
	return rd.divInt(cu*pow10[2+rd.Places], yu), true
}

// scheduleBuilder builds a schedule and, when explaining, the sentences of
// each entry. They are said once the schedule is final, from the entries it
// keeps, so the explanation names no date the schedule does not have.
type scheduleBuilder struct {
	ex      *explainer
	entries []Entry
	steps   [][]Step // steps[i]: the sentences of entries[i]
	before  []Step   // sentences said before the entries, like the timetable used
}

// add appends an entry and text, the sentence that explains it. The caller
// writes the sentence only when explaining (sb.ex.on) and passes "" otherwise:
// a cohort, which does not explain, formats nothing, and makes no closure to
// format it either.
func (sb *scheduleBuilder) add(e Entry, cite, text string) {
	sb.entries = append(sb.entries, e)
	if sb.ex.on {
		sb.steps = append(sb.steps, []Step{{Text: text, Citation: cite}})
	}
}

// replace replaces the last entry, as a stage due by the plan date does, and
// its sentence.
func (sb *scheduleBuilder) replace(e Entry, cite, text string) {
	sb.entries[len(sb.entries)-1] = e
	if sb.ex.on {
		sb.steps[len(sb.steps)-1] = []Step{{Text: text, Citation: cite}}
	}
}

// supersedeWith drops the entries from e's date on and ends the schedule with
// e, explained by the sentence given and one naming the planned changes that
// no longer apply, without their dates, which the schedule no longer has.
func (sb *scheduleBuilder) supersedeWith(e Entry, cite, text string) {
	var dropped []Entry
	for i, d := range sb.entries {
		if !d.From.Before(e.From) {
			if sb.ex.on {
				dropped = append(dropped, sb.entries[i:]...)
			}
			sb.entries = sb.entries[:i]
			if sb.ex.on {
				sb.steps = sb.steps[:i]
			}
			break
		}
	}
	sb.add(e, cite, text)
	if len(dropped) == 0 || !sb.ex.on {
		return
	}
	names := make([]string, len(dropped))
	for i, d := range dropped {
		names[i] = d.Reason + ", " + FormatMoney(d.Amount())
	}
	last := &sb.steps[len(sb.steps)-1]
	*last = append(*last, Step{Text: fmt.Sprintf("The rest of the plan no longer applies (%s).", strings.Join(names, "; ")), Citation: cite})
}

// explain says the sentences of the schedule as it stands.
func (sb *scheduleBuilder) explain() {
	if !sb.ex.on {
		return
	}
	for _, s := range sb.before {
		sb.ex.say(s.Citation, "%s", s.Text)
	}
	for _, steps := range sb.steps {
		for _, s := range steps {
			sb.ex.say(s.Citation, "%s", s.Text)
		}
	}
}

// joinAnd joins clauses as a list: "a", "a and b", "a, b and c".
func joinAnd(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// stages lays out a staged transition: the base cost until the first stage,
// then each stage lowering the amount by its share of the difference, rounded,
// with the last stage the allocation itself, which absorbs the rounding. A
// stage due on or before the plan date takes effect on the plan date.
func (p *Policy) stages(sb *scheduleBuilder, g *Group, on Date, baseP, allocP, diffP pennies) {
	t := &p.Transition
	n := len(g.Fractions)
	if !sb.ex.on && n > 0 && baseP.ok && diffP.ok && small(baseP.pence) && diffP.pence <= 1e15 && diffP.pence >= -1e15 {
		p.stagesPence(sb, g, on, baseP, allocP, diffP.pence)
		return
	}
	if sb.ex.on && g.StageDates != nil && g.StageMonths != nil && t.ImplementationPeriod != nil {
		per := t.ImplementationPeriod
		if t.Calendar(g, on) {
			sb.before = append(sb.before, Step{Citation: per.Source, Text: fmt.Sprintf(
				"The plan is agreed by the end of the implementation period (%s to %s), so the report's stage dates apply.", per.From.Long(), per.To.Long())})
		} else {
			sb.before = append(sb.before, Step{Citation: per.Source, Text: fmt.Sprintf(
				"The report's stage dates have passed; the same timetable is counted from the plan date: stages %s after it, as the plan is agreed after the implementation period (%s to %s).",
				monthList(g.StageMonths), per.From.Long(), per.To.Long())})
		}
	}
	var text string
	if sb.ex.on {
		text = fmt.Sprintf("From %s: the base cost, %s, continues until the first stage.", on.Long(), FormatMoney(baseP.money()))
	}
	sb.add(entry(on, baseP, "base cost continues until the first stage"), t.Source, text)
	var buf [8]pennies
	amounts := p.stagePenniesTo(buf[:0], g, baseP, allocP, diffP)
	for i, f := range g.Fractions {
		date := p.stageDate(g, i, on)
		amountP := amounts[i]
		last := &sb.entries[len(sb.entries)-1]
		lastFrom := last.From
		switch {
		case !date.After(lastFrom):
			// Due by the plan date: it takes effect on the plan date.
			e := entry(lastFrom, amountP, g.dueReason(i))
			if i == n-1 {
				var text string
				if sb.ex.on {
					text = fmt.Sprintf("From %s: the allocation, %s; every stage was due by the plan date (stage %d of %d).", lastFrom.Long(), FormatMoney(amountP.money()), i+1, n)
				}
				sb.replace(e, t.Source, text)
			} else {
				var text string
				if sb.ex.on {
					text = fmt.Sprintf("From %s: %s, the base cost less %s of the %s difference, a share for each stage due by the plan date, rounded to the penny (stage %d of %d).",
						lastFrom.Long(), FormatMoney(amountP.money()), joinAnd(fractionTexts(g.Fractions[:i+1])), FormatMoney(diffP.money()), i+1, n)
				}
				sb.replace(e, t.Source, text)
			}
		case amountP.equal(last.pence):
			// A step that rounds to nothing changes nothing.
		case i == n-1:
			var text string
			if sb.ex.on {
				text = fmt.Sprintf("From %s: the allocation, %s (stage %d of %d).", date.Long(), FormatMoney(amountP.money()), i+1, n)
			}
			sb.add(entry(date, amountP, g.stageReason(i)), t.Source, text)
		default:
			var text string
			if sb.ex.on {
				text = fmt.Sprintf("From %s: %s, the amount before less %s of the %s difference (%s), rounded to the penny (stage %d of %d).",
					date.Long(), FormatMoney(amountP.money()), f.Text, FormatMoney(diffP.money()), FormatMoney(p.Rounding.MulFrac(diffP.money(), f.Num, f.Den)), i+1, n)
			}
			sb.add(entry(date, amountP, g.stageReason(i)), t.Source, text)
		}
	}
}

// stagesPence is stages for a cohort, which explains nothing, where the base
// cost and the difference are in whole pence that stagePenniesTo works with
// (baseP's and du): each stage's amount worked out as stagePenniesTo does, as
// the loop reaches it, and its date read once the group's timetable is known,
// with no list of amounts made first. TestStagesPenceTwin compares its
// schedules with those stages makes when explaining.
func (p *Policy) stagesPence(sb *scheduleBuilder, g *Group, on Date, baseP, allocP pennies, du int64) {
	sb.entries = append(sb.entries, Entry{From: on, Reason: "base cost continues until the first stage", pence: baseP})
	bu := baseP.pence
	n := len(g.Fractions)
	calendar := p.Transition.Calendar(g, on)
	rd := p.Rounding
	scale := pow10[2-rd.Places]
	for i := range n {
		amountP := allocP
		if i < n-1 {
			f := &g.Fractions[i]
			bu -= rd.divInt(du*f.Num, f.Den*scale) * scale
			amountP = pennies{pence: bu, ok: true}
		}
		var date Date
		if calendar {
			date = g.StageDates[i]
		} else {
			date = on.AddMonths(g.StageMonths[i])
		}
		last := &sb.entries[len(sb.entries)-1]
		// same is amountP.equal(last.pence), without the call in pence.
		same := amountP.ok && last.pence.ok && amountP.pence == last.pence.pence
		if !amountP.ok || !last.pence.ok {
			same = amountP.equal(last.pence)
		}
		switch {
		case !date.After(last.From):
			// Due by the plan date: it takes effect on the plan date.
			last.Reason, last.pence = g.dueReason(i), amountP
		case same:
			// A step that rounds to nothing changes nothing.
		default:
			reason := "" // g.stageReason(i), without the call where it is made
			if i < len(g.reasons) {
				reason = g.reasons[i]
			} else {
				reason = g.stageReason(i)
			}
			sb.entries = append(sb.entries, Entry{From: date, Reason: reason, pence: amountP})
		}
	}
}

func fractionTexts(fs []Fraction) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Text
	}
	return out
}

// monthList writes stage months as "6, 18 and 30 months".
func monthList(ms []int) string {
	xs := make([]string, len(ms))
	for i, m := range ms {
		xs[i] = strconv.Itoa(m)
	}
	if len(ms) == 1 && ms[0] == 1 {
		return "1 month"
	}
	return joinAnd(xs) + " months"
}

// stageAmounts returns the amount after each stage: the base cost lowered
// stage by stage by the fraction of the difference, rounded, and the
// allocation at the last. It works in whole pence where the amounts allow,
// which they always do for amounts a case can give, and in decimals
// otherwise; the two agree (TestStageAmountsAgree).
func (p *Policy) stageAmounts(g *Group, base, alloc, diff Money) []Money {
	ps := p.stagePennies(g, penniesOf(base), penniesOf(alloc), penniesOf(diff))
	out := make([]Money, len(ps))
	for i, a := range ps {
		out[i] = a.money()
	}
	return out
}

// stagePennies is stageAmounts with each amount's whole pence.
func (p *Policy) stagePennies(g *Group, baseP, allocP, diffP pennies) []pennies {
	return p.stagePenniesTo(nil, g, baseP, allocP, diffP)
}

// stagePenniesTo is stagePennies, in out where it has room.
func (p *Policy) stagePenniesTo(out []pennies, g *Group, baseP, allocP, diffP pennies) []pennies {
	n := len(g.Fractions)
	bu, du := baseP.pence, diffP.pence
	if !baseP.ok || !diffP.ok || !small(bu) || du > 1e15 || du < -1e15 {
		out = out[:0]
		for _, a := range p.stageAmountsDecimal(g, baseP.money(), allocP.money(), diffP.money()) {
			out = append(out, penniesOf(a))
		}
		return out
	}
	out = out[:0]
	scale := pow10[2-p.Rounding.Places]
	for _, f := range g.Fractions[:n-1] {
		bu -= p.Rounding.divInt(du*f.Num, f.Den*scale) * scale
		out = append(out, pennies{pence: bu, ok: true})
	}
	return append(out, allocP)
}

func (p *Policy) stageAmountsDecimal(g *Group, base, alloc, diff Money) []Money {
	n := len(g.Fractions)
	out := make([]Money, n)
	amount := base
	for i, f := range g.Fractions[:n-1] {
		amount = amount.Sub(p.Rounding.MulFrac(diff, f.Num, f.Den))
		out[i] = amount
	}
	out[n-1] = alloc
	return out
}

// Calendar reports whether a staged group's stages, for a plan agreed on
// date on, fall on its calendar stage dates (true) or are counted in months
// from the plan date (false): where the group has both, the dates serve the
// plans agreed by the end of the implementation period (Decision
// implementation-period).
func (t *Transition) Calendar(g *Group, on Date) bool {
	switch {
	case g.StageDates == nil:
		return false
	case g.StageMonths == nil || t.ImplementationPeriod == nil:
		return true
	}
	return !on.After(t.ImplementationPeriod.To)
}

// stageDate is the date of stage i of group g for a plan agreed on date on.
func (p *Policy) stageDate(g *Group, i int, on Date) Date {
	if p.Transition.Calendar(g, on) {
		return g.StageDates[i]
	}
	return on.AddMonths(g.StageMonths[i])
}

// Horizon is the latest date any of the policy's transition groups reaches
// for a plan agreed on date on: the plan date itself, the end of a notice
// period, or a staged group's last stage.
func (p *Policy) Horizon(on Date) Date {
	h := on
	for i := range p.Transition.Groups {
		g := &p.Transition.Groups[i]
		d := on
		switch {
		case g.Effect == EffectAfterNotice && p.Notice != nil:
			d = on.AddMonths(p.Notice.Months)
		case g.Effect == EffectStaged && len(g.Fractions) > 0:
			d = p.stageDate(g, len(g.Fractions)-1, on)
		}
		if d.After(h) {
			h = d
		}
	}
	return h
}

// horizonMemo is Policy.Horizon as last worked out for a result's memory:
// a cohort's rows are evaluated into memory used again row after row, and
// mostly share their plan date, so the horizon is worked out once a date.
// A policy is not changed once read, so its pointer and the date name the
// horizon.
type horizonMemo struct {
	p       *Policy
	on, end Date
}

// of is p.Horizon(on), small enough to be inlined where the date is the
// last one's.
func (m *horizonMemo) of(p *Policy, on Date) Date {
	if m.p == p && m.on == on {
		return m.end
	}
	return m.work(p, on)
}

// work is of for a policy or date not the last one's, left a call of its
// own so that of stays small.
//
//go:noinline
func (m *horizonMemo) work(p *Policy, on Date) Date {
	*m = horizonMemo{p: p, on: on, end: p.Horizon(on)}
	return m.end
}

// LeavesOn is the day the child leaves the model: the birthday at the
// policy's out-of-scope age (18) from the date of birth or, given only an
// age, the anniversary of the assessment that many years on, the latest the
// birthday can be (Decision turns-18).
func (r *Result) LeavesOn() Date {
	a := &r.Policy.Age
	if !r.DateOfBirth.IsZero() {
		return Birthday(r.DateOfBirth, r.DateOfBirth.Year+a.OutOfScopeFrom, a.LeapDay)
	}
	return Birthday(r.AssessedOn, r.AssessedOn.Year+a.OutOfScopeFrom-r.Age, a.LeapDay)
}

// turns18 ends the schedule on the day the child leaves the model, leaves
// (r.LeavesOn()), which the caller has found after the plan date and on or
// before the plan's horizon, whatever the group (Decision turns-18).
func (p *Policy) turns18(r *Result, plan *Plan, sb *scheduleBuilder, leaves Date) {
	age := p.Age.OutOfScopeFrom
	e := entry(leaves, zeroPennies, p.reasons.leavesOr(age))
	if r.DateOfBirth.IsZero() {
		var text string
		if sb.ex.on {
			text = fmt.Sprintf("On %s, the latest the child can turn %d (aged %d on the assessment date), the child leaves the model. %s The children's allocation ends there.",
				leaves.Long(), age, r.Age, p.Age.OutOfScopeMessage)
		}
		sb.supersedeWith(e, p.Age.Source, text)
	} else {
		var text string
		if sb.ex.on {
			text = fmt.Sprintf("On %s the child turns %d. %s The children's allocation ends there.", leaves.Long(), age, p.Age.OutOfScopeMessage)
		}
		sb.supersedeWith(e, p.Age.Source, text)
	}
	plan.Complete = false
}

// supersede applies what overrides a plan: a birthday that moves the child into
// a new age band before the last stage, and a reassessment with a new score.
// Either takes effect at once from its date, and the transition ends there.
// The birthday at the out-of-scope age is turns18's.
func (p *Policy) supersede(r *Result, c *Case, plan *Plan, sb *scheduleBuilder) error {
	lastStage := sb.entries[len(sb.entries)-1].From
	var reassessOn Date
	if c.Reassessment != nil {
		reassessOn = c.Reassessment.On
	}

	// A new age band during a staged transition.
	ai := r.band - 1 // p.AgeBand(r.Age), as age found it
	if ai < 0 {
		ai, _ = p.AgeBand(r.Age)
	}
	if p.Transition.SupersedeOnAgeBandChange && plan.Group.Effect != EffectImmediate && !c.DateOfBirth.IsZero() && ai+1 < len(p.Age.Bands) {
		next := &p.Age.Bands[ai+1]
		birthday := Birthday(c.DateOfBirth, c.DateOfBirth.Year+next.From, p.Age.LeapDay)
		if !birthday.After(lastStage) && (reassessOn.IsZero() || birthday.Before(reassessOn)) {
			if c.Score != nil && p.Prices.Published {
				si, _ := p.ScoreBand(*c.Score)
				e := entry(birthday, p.pricePennies(r, ai+1, si, *c.Score), p.reasons.entersOr(ai+1, next.ID))
				var text string
				if sb.ex.on {
					text = fmt.Sprintf("On %s the child turns %d and enters age band %s. The allocation for the same score in that band, %s, supersedes the transition with immediate effect.",
						birthday.Long(), next.From, next.Label, FormatMoney(e.Amount()))
				}
				sb.supersedeWith(e, p.Transition.SupersedeSource, text)
				plan.Complete = false
			} else if sb.ex.on {
				sb.before = append(sb.before, Step{Citation: p.Transition.SupersedeSource, Text: fmt.Sprintf(
					"The child turns %d before the last stage and enters age band %s, which calls for a new allocation; without a score to price, the plan is shown as it stands.",
					next.From, next.Label)})
			}
		}
	}

	// A reassessment with a new score.
	if c.Reassessment != nil {
		on, score := c.Reassessment.On, c.Reassessment.Score
		if c.DateOfBirth.IsZero() {
			return Errors{{Field: FieldReassessedOn, Value: on.String(), Kind: KindNeeds, Msg: "needs the date of birth, to know the child's age band on that date"}}
		}
		age := AgeOn(c.DateOfBirth, on, p.Age.LeapDay)
		if age >= p.Age.OutOfScopeFrom {
			return Errors{{Field: FieldReassessedOn, Value: on.String(), Kind: KindOutOfScope, Msg: fmt.Sprintf("is when the child is %d: %s", age, p.Age.OutOfScopeMessage)}}
		}
		ai, _ := p.AgeBand(age)
		si, _ := p.ScoreBand(score)
		e := entry(on, p.pricePennies(r, ai, si, score), "reassessment: score "+strconv.Itoa(score))
		var text string
		if sb.ex.on {
			text = fmt.Sprintf("On %s a reassessment gives a score of %d (band %s, age band %s): the new allocation, %s, applies with immediate effect and supersedes any transition.",
				on.Long(), score, p.Scores.Bands[si].Label, p.Age.Bands[ai].Label, FormatMoney(e.Amount()))
		}
		sb.supersedeWith(e, p.Transition.SupersedeSource, text)
		plan.Complete = false
	}
	return nil
}

// Name is how a sentence names the group: "group 3" for a numbered group,
// "the notice group" for a named one. It is the one place a group is so
// named: the explanation says it, and a page should ask it too.
func (g *Group) Name() string {
	if g.ID != "" && strings.Trim(g.ID, "0123456789") == "" {
		return "group " + g.ID
	}
	return "the " + g.ID + " group"
}

// stageReason says which stage of its group stage i is.
func (g *Group) stageReason(i int) string {
	if i < len(g.reasons) {
		return g.reasons[i]
	}
	n := len(g.Fractions)
	reason := fmt.Sprintf("stage %d of %d", i+1, n)
	if i == n-1 {
		reason += ": the allocation"
	}
	return reason
}
