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
	if g := &t.Group; g.Effect == EffectStaged {
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
