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
	Group       Group
	CurrentCost Money // the annual amount the family has now
	BaseCost    Money // CurrentCost less any contingency share
	Contingency Money // the contingency share taken out of CurrentCost
	Decrease    Money // BaseCost less the allocation: negative for an increase
	// Schedule lists each date on which the annual amount changes, from the
	// assessment date on. Every entry says why.
	Schedule []Entry
	// Complete reports whether the schedule runs as planned to the allocation,
	// with nothing superseding it.
	Complete bool
}

// Entry is one change of the annual amount in a schedule.
type Entry struct {
	From   Date
	Amount Money
	Reason string
}

// transition works out the plan of r for a case with a current cost.
func (p *Policy) transition(r *Result, c Case, ex *explainer) (*Plan, error) {
	t := &p.Transition
	plan := &Plan{CurrentCost: *c.CurrentCost, BaseCost: *c.CurrentCost}
	alloc := r.AnnualBudget
	if c.IncludesContingency {
		one := decimalInt(1)
		plan.BaseCost = p.Rounding.Div(plan.CurrentCost, one.Add(t.Contingency.Rate))
		plan.Contingency = plan.CurrentCost.Sub(plan.BaseCost)
		if ex.on {
			ex.say(t.Contingency.Source, "The current amount, %s a year, includes the %s%% contingency: the base cost is %s ÷ %s = %s, and the contingency part, %s, is offered only by application.",
				FormatMoney(plan.CurrentCost), t.Contingency.Rate.Shift(2).String(), FormatMoney(plan.CurrentCost), one.Add(t.Contingency.Rate).String(),
				FormatMoney(plan.BaseCost), FormatMoney(plan.Contingency))
		}
	} else {
		if ex.on {
			ex.say(t.Source, "The current package costs %s a year: this is the base cost.", FormatMoney(plan.BaseCost))
		}
	}
	plan.Decrease = plan.BaseCost.Sub(alloc)

	// The group is the last whose lower end the decrease reaches; the first
	// group has no lower end. The groups meet to the penny, so this is the
	// one group whose range holds the decrease.
	gi := 0
	for i, g := range t.Groups {
		if g.DecreaseFrom == nil || plan.Decrease.GreaterThanOrEqual(*g.DecreaseFrom) {
			gi = i
		}
	}
	plan.Group = t.Groups[gi]
	g := &plan.Group
	if ex.on {
		switch plan.Decrease.Sign() {
		case 1:
			ex.say(t.Source, "The allocation, %s, is %s a year less than the base cost: %s (%s).", FormatMoney(alloc), FormatMoney(plan.Decrease), g.Name(), lower(g.Label))
		case -1:
			ex.say(t.Source, "The allocation, %s, is %s a year more than the base cost: %s (%s).", FormatMoney(alloc), FormatMoney(plan.Decrease.Neg()), g.Name(), lower(g.Label))
		default:
			ex.say(t.Source, "The allocation, %s, equals the base cost: %s (%s).", FormatMoney(alloc), g.Name(), lower(g.Label))
		}
	}

	on := r.AssessedOn
	switch g.Effect {
	case EffectImmediate:
		plan.Schedule = []Entry{{From: on, Amount: alloc, Reason: "allocation with immediate effect"}}
		if ex.on {
			ex.say(t.Source, "From %s: %s, with immediate effect from the date the support plan is agreed.", on.Long(), FormatMoney(alloc))
		}
	case EffectAfterNotice:
		takes := on.AddMonths(p.Notice.Months)
		r.Notice = &NoticeDates{GivenOn: on, TakesEffect: takes, Months: p.Notice.Months}
		plan.Schedule = []Entry{
			{From: on, Amount: plan.BaseCost, Reason: "notice given: the current cost continues"},
			{From: takes, Amount: alloc, Reason: fmt.Sprintf("allocation after %d months' notice", p.Notice.Months)},
		}
		if ex.on {
			ex.say(p.Notice.Source, "The allocation is lower, so the council gives notice on %s with written reasons, and reconsiders on request; the current cost of %s continues until the allocation of %s takes effect %d months later, on %s.",
				on.Long(), FormatMoney(plan.BaseCost), FormatMoney(alloc), p.Notice.Months, takes.Long())
		}
	case EffectStaged:
		plan.Schedule = p.stages(g, on, plan.BaseCost, alloc, plan.Decrease, ex)
	}
	plan.Complete = true
	if err := p.supersede(r, c, plan, ex); err != nil {
		return nil, err
	}
	return plan, nil
}

// stages lays out a staged transition: the base cost until the first stage,
// then each stage lowering the amount by its share of the difference, rounded,
// with the last stage the allocation itself, which absorbs the rounding. A
// stage due on or before the plan date takes effect on the plan date.
func (p *Policy) stages(g *Group, on Date, base, alloc, diff Money, ex *explainer) []Entry {
	n := len(g.Fractions)
	sched := make([]Entry, 1, n+1)
	sched[0] = Entry{From: on, Amount: base, Reason: "base cost continues until the first stage"}
	if ex.on {
		ex.say(p.Transition.Source, "From %s: the base cost, %s, continues until the first stage.", on.Long(), FormatMoney(base))
	}
	amounts := p.stageAmounts(g, base, alloc, diff)
	for i, f := range g.Fractions {
		date := p.stageDate(g, i, on)
		amount := amounts[i]
		reason := g.stageReason(i)
		if ex.on {
			if i == n-1 {
				ex.say(p.Transition.Source, "From %s: the allocation, %s (stage %d of %d).", date.Long(), FormatMoney(amount), i+1, n)
			} else {
				ex.say(p.Transition.Source, "From %s: %s, the amount before less %s of the %s difference (%s), rounded to the penny (stage %d of %d).",
					date.Long(), FormatMoney(amount), f.Text, FormatMoney(diff), FormatMoney(p.Rounding.MulFrac(diff, f.Num, f.Den)), i+1, n)
			}
		}
		last := &sched[len(sched)-1]
		switch {
		case !date.After(last.From):
			// Due by the plan date: it takes effect on the plan date.
			last.Amount = amount
			last.Reason = reason + ", due by the plan date"
		case amount.Equal(last.Amount):
			// A step that rounds to nothing changes nothing.
		default:
			sched = append(sched, Entry{From: date, Amount: amount, Reason: reason})
		}
	}
	return sched
}

// stageAmounts returns the amount after each stage: the base cost lowered
// stage by stage by the fraction of the difference, rounded, and the
// allocation at the last. It works in whole pence where the amounts allow,
// which they always do for amounts a case can give, and in decimals
// otherwise; the two agree (TestStageAmountsAgree).
func (p *Policy) stageAmounts(g *Group, base, alloc, diff Money) []Money {
	n := len(g.Fractions)
	bu, ok1 := units(base, 2)
	du, ok2 := units(diff, 2)
	if !ok1 || !ok2 {
		return p.stageAmountsDecimal(g, base, alloc, diff)
	}
	out := make([]Money, n)
	scale := pow10[2-p.Rounding.Places]
	for i, f := range g.Fractions[:n-1] {
		bu -= p.Rounding.divInt(du*f.Num, f.Den*scale) * scale
		out[i] = decimal.New(bu, -2)
	}
	out[n-1] = alloc
	return out
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

func (p *Policy) stageDate(g *Group, i int, on Date) Date {
	if g.StageDates != nil {
		return g.StageDates[i]
	}
	return on.AddMonths(g.StageMonths[i])
}

// supersede applies what overrides a plan: a birthday that moves the child into
// a new age band before the last stage, and a reassessment with a new score.
// Either takes effect at once from its date, and the transition ends there.
func (p *Policy) supersede(r *Result, c Case, plan *Plan, ex *explainer) error {
	sched := plan.Schedule
	lastStage := sched[len(sched)-1].From
	var reassessOn Date
	if c.Reassessment != nil {
		reassessOn = c.Reassessment.On
	}

	// A new age band during a staged transition.
	if p.Transition.SupersedeOnAgeBandChange && plan.Group.Effect != EffectImmediate && !c.DateOfBirth.IsZero() {
		ai, _ := p.AgeBand(r.Age)
		nextAge, nextBand := p.Age.OutOfScopeFrom, ""
		if ai+1 < len(p.Age.Bands) {
			nextAge, nextBand = p.Age.Bands[ai+1].From, p.Age.Bands[ai+1].ID
		}
		birthday := Birthday(c.DateOfBirth, c.DateOfBirth.Year+nextAge, p.Age.LeapDay)
		if !birthday.After(lastStage) && (reassessOn.IsZero() || birthday.Before(reassessOn)) {
			var e Entry
			switch {
			case nextBand == "":
				e = Entry{From: birthday, Amount: zero, Reason: fmt.Sprintf("turns %d: leaves children's services", nextAge)}
				if ex.on {
					ex.say(p.Age.Source, "On %s the child turns %d. %s The children's allocation ends there.", birthday.Long(), nextAge, p.Age.OutOfScopeMessage)
				}
			case c.Score != nil && p.Prices.Published:
				si, _ := p.ScoreBand(*c.Score)
				e = Entry{From: birthday, Amount: p.price(r, ai+1, si, *c.Score), Reason: "age band " + nextBand}
				if ex.on {
					ex.say(p.Transition.SupersedeSource, "On %s the child turns %d and enters age band %s. The allocation for the same score in that band, %s, supersedes the transition with immediate effect.",
						birthday.Long(), nextAge, p.Age.Bands[ai+1].Label, FormatMoney(e.Amount))
				}
			default:
				if ex.on {
					ex.say(p.Transition.SupersedeSource, "On %s the child turns %d and enters age band %s, which calls for a new allocation; without a score to price, the plan is shown as it stands.",
						birthday.Long(), nextAge, p.Age.Bands[ai+1].Label)
				}
			}
			if e.Reason != "" {
				sched = append(cut(sched, birthday, p.Transition.SupersedeSource, ex), e)
				plan.Complete = false
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
		e := Entry{From: on, Amount: p.price(r, ai, si, score), Reason: "reassessment: score " + strconv.Itoa(score)}
		sched = append(cut(sched, on, p.Transition.SupersedeSource, ex), e)
		plan.Complete = false
		if ex.on {
			ex.say(p.Transition.SupersedeSource, "On %s a reassessment gives a score of %d (band %s, age band %s): the new allocation, %s, applies with immediate effect and supersedes any transition.",
				on.Long(), score, p.Scores.Bands[si].Label, p.Age.Bands[ai].Label, FormatMoney(e.Amount))
		}
	}
	plan.Schedule = sched
	return nil
}

// cut drops the entries of a schedule from date on, saying which planned
// changes no longer apply.
func cut(sched []Entry, date Date, cite string, ex *explainer) []Entry {
	for i, e := range sched {
		if !e.From.Before(date) {
			for _, d := range sched[i:] {
				if ex.on {
					ex.say(cite, "The change planned for %s (%s, %s) no longer applies.", d.From.Long(), d.Reason, FormatMoney(d.Amount))
				}
			}
			return sched[:i]
		}
	}
	return sched
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
