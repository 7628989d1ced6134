package engine

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// IntegerTwin evaluates c under p and checks the whole pence the evaluation
// worked out in integers against the decimal computation, its twin: the
// annual budget against the decimal price (priceAt), the plan's base cost and
// decrease against decimal subtraction, each entry's pence against its
// amount, and a staged group's amounts against stageAmountsDecimal. It
// returns the first difference, or nil; a case the policy rejects is nil.
func IntegerTwin(p *Policy, c Case) error {
	r, err := evaluate(p, c, false)
	if err != nil {
		return nil
	}
	if !r.budget.ok || !r.budget.money().Equal(r.AnnualBudget()) || !decimalPence(r.budget.pence).Equal(r.AnnualBudget()) {
		return fmt.Errorf("budget: pence %d (ok %v), amount %s", r.budget.pence, r.budget.ok, r.AnnualBudget())
	}
	if c.Allocation == nil && c.Score != nil && p.Scores != nil {
		ai, _ := p.AgeBand(r.Age)
		si, _ := p.ScoreBand(*c.Score)
		_, annual := p.cell(nil, ai, si)
		if want := p.priceAt(si, annual, *c.Score); !want.Equal(r.AnnualBudget()) {
			return fmt.Errorf("budget: integer %s, decimal %s", r.AnnualBudget(), want)
		}
	}
	t := r.Transition
	if t == nil {
		return nil
	}
	if c.IncludesContingency {
		if err := contingencyTwin(p, *c.CurrentCost, p.Transition.Contingency.Rate); err != nil {
			return err
		}
	}
	if !t.base.ok || !decimalPence(t.base.pence).Equal(t.BaseCost) {
		return fmt.Errorf("base cost: pence %d, amount %s", t.base.pence, t.BaseCost)
	}
	if want := t.BaseCost.Sub(r.AnnualBudget()); !t.decrease.ok || !decimalPence(t.decrease.pence).Equal(want) || !t.Decrease().Equal(want) {
		return fmt.Errorf("decrease: pence %d, amount %s, decimal %s", t.decrease.pence, t.Decrease(), want)
	}
	for i, e := range t.Schedule {
		if pe := e.pennies(); !pe.ok || !decimalPence(pe.pence).Equal(e.Amount()) {
			return fmt.Errorf("schedule entry %d: pence %d, amount %s", i, pe.pence, e.Amount())
		}
	}
	if g := t.Group; g.Effect == EffectStaged {
		got := p.stagePennies(g, t.base, r.budget, t.decrease)
		want := p.stageAmountsDecimal(g, t.BaseCost, r.AnnualBudget(), t.Decrease())
		for i := range want {
			if !got[i].ok || !decimalPence(got[i].pence).Equal(want[i]) || !got[i].money().Equal(want[i]) {
				return fmt.Errorf("stage %d: integer %s (%d pence), decimal %s", i+1, got[i].money(), got[i].pence, want[i])
			}
		}
	}
	return nil
}

func decimalPence(pence int64) Money { return decimal.New(pence, -2) }

// contingencyTwin checks the base cost and contingency share of cost that
// takeContingency works out in integers against the decimal computation,
// value and exponent both, under p's rounding and the contingency rate.
func contingencyTwin(p *Policy, cost, rate Money) error {
	q := *p
	t := *p.Transition.Contingency
	t.Rate = rate
	q.Transition.Contingency = &t
	base, cont, pence, ok := q.takeContingency(cost)
	// A summary reads a cost of two places or fewer in whole pence, and
	// takes the share out of them (basePence): the same base, where
	// takeContingency works it out in integers.
	if cu, inPence := units(cost, 2); inPence && cost.Exponent() >= -2 {
		if bp, bok := q.basePence(cu); bok != ok || bp != pence {
			return fmt.Errorf("contingency of %s at %s: base cost from pence %d (worked out %v), takeContingency %d (%v)", cost, rate, bp, bok, pence, ok)
		}
	}
	if !ok {
		return nil
	}
	if !decimalPence(pence).Equal(base) {
		return fmt.Errorf("contingency of %s at %s: base cost %s, in pence %d", cost, rate, base, pence)
	}
	wantBase := q.Rounding.Div(cost, decimalInt(1).Add(rate))
	wantCont := cost.Sub(wantBase)
	if !base.Equal(wantBase) || base.Exponent() != wantBase.Exponent() || !cont.Equal(wantCont) || cont.Exponent() != wantCont.Exponent() {
		return fmt.Errorf("contingency of %s at %s: integer %s and %s (exponents %d, %d), decimal %s and %s (exponents %d, %d)",
			cost, rate, base, cont, base.Exponent(), cont.Exponent(), wantBase, wantCont, wantBase.Exponent(), wantCont.Exponent())
	}
	return nil
}

// ContingencyTwin is contingencyTwin under p with its rounding set to places
// and mode.
func ContingencyTwin(p *Policy, places int32, mode RoundingMode, cost, rate Money) error {
	q := *p
	q.Rounding = Rounding{Places: places, Mode: mode}
	return contingencyTwin(&q, cost, rate)
}

// ContingencyInIntegers reports whether takeContingency works out cost in
// integers under p.
func ContingencyInIntegers(p *Policy, cost Money) bool {
	_, _, _, ok := p.takeContingency(cost)
	return ok
}

// CheckCase is checkCase: what a case made in Go must pass.
func CheckCase(c Case) error { return checkCase(c) }
