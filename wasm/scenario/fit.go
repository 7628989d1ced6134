package scenario

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/openras/openras/engine"
	"github.com/shopspring/decimal"
)

// The councillor's tools on the pages (docs/rules.md, "Fitting and
// calibrating"): the rates fitted to a budget, or derived from the cohort's
// current costs, each made the scenario's changes, as ras fit and ras
// calibrate make them.

// What a fit may vary: every cell of rates, a column (a score band), a row
// (an age band), or cells chosen one by one.
const (
	VaryAll    = "all"
	VaryColumn = "column"
	VaryRow    = "row"
	VaryChosen = "cells"
)

// FitForm is what a councillor asks of a fit: the budget, as typed, and what
// may vary.
type FitForm struct {
	Budget string
	Vary   string
	Column string          // a score band's id, for VaryColumn
	Row    string          // an age band's id, for VaryRow
	Cells  map[string]bool // key paths of cells, for VaryChosen
}

// Paths are the key paths of the cells to vary, as ras fit's --vary takes
// them; none for every cell.
func (f FitForm) Paths() []string {
	switch f.Vary {
	case VaryColumn:
		return []string{"rates.*." + f.Column}
	case VaryRow:
		return []string{"rates." + f.Row + ".*"}
	case VaryChosen:
		var out []string
		for path, on := range f.Cells {
			if on {
				out = append(out, path)
			}
		}
		if out == nil {
			return []string{"rates.none-chosen.none-chosen"} // names no cell: the fit says so
		}
		slices.Sort(out)
		return out
	}
	return nil
}

// CurvePoint is the cohort's total allocation a year at one factor.
type CurvePoint struct {
	Factor engine.Money
	Total  engine.Money
}

// FitResult is a fit made on the page: the engine's, with the policy it
// started from and the total as the factor runs from 0.5 to 1.5 (or from
// the factor, where it is outside them), in 21 points.
type FitResult struct {
	*engine.Fit
	Start        *engine.Policy
	StartValues  engine.Values // the file of the policy it started from
	Illustrative bool          // the rates it started from are illustrative
	Curve        []CurvePoint
	Gain, Lose   int // children whose allocation the fit raises, lowers
}

// FitStart is the policy a fit or a calibration starts from: the scenario as
// it stands, which must have rates.
func (s *Scenario) FitStart() (*engine.Policy, error) {
	p := s.Compared()
	switch {
	case p == nil:
		return nil, errors.New("the scenario has a mistake: put it right first")
	case !p.Prices.Published || p.Scores == nil:
		return nil, errors.New(p.Name + " publishes no rates to start from: try its illustrative prices first")
	}
	return p, nil
}

// heldFor is the cohort held under p: the tab's, or read again under p and
// kept for the next fit.
func (c *Cohort) heldFor(p *engine.Policy) (*engine.HeldCohort, error) {
	if c.Held != nil && c.Held.Baseline() == p {
		return c.Held, nil
	}
	if c.other != nil && c.other.Baseline() == p {
		return c.other, nil
	}
	h, err := engine.HoldCohort(p, c.Name, c.Open(nil), nil)
	if err != nil {
		return nil, err
	}
	c.other = h
	return h, nil
}

// fitOn fits on the tab's cohort where start differs from the policy it is
// held under in its rates alone, and on the cohort held under start
// otherwise: the same figures as ras fit, which holds it under start.
func (c *Cohort) fitOn(start *engine.Policy, budget engine.Money, vary []string) (*engine.Fit, error) {
	if c.Held != nil {
		fit, err := c.Held.Fit(start, budget, vary)
		var e *engine.Error
		if !errors.As(err, &e) || e.Kind != engine.KindConflict {
			return fit, err
		}
	}
	h, err := c.heldFor(start)
	if err != nil {
		return nil, err
	}
	return h.Fit(nil, budget, vary)
}

// Fit fits the rates of the scenario to the budget form asks for, on the
// cohort c: an error says why no factor fits, with its figures.
func (s *Scenario) Fit(c *Cohort, form FitForm) (*FitResult, error) {
	start, err := s.FitStart()
	if err != nil {
		return nil, err
	}
	budget, err := engine.ParseAmount(strings.TrimSpace(strings.NewReplacer("£", "", ",", "").Replace(form.Budget)))
	if err != nil {
		var e *engine.Error
		if errors.As(err, &e) {
			return nil, errors.New("the budget " + strconv.Quote(form.Budget) + " " + e.Message())
		}
		return nil, err
	}
	fit, err := c.fitOn(start, budget, form.Paths())
	if err != nil {
		return nil, err
	}
	r := &FitResult{Fit: fit, Start: start, StartValues: s.Values, Illustrative: start.Prices.Illustrative}
	for _, b := range fit.Comparison.Changed {
		r.Gain += b.Gain
		r.Lose += b.Lose
	}
	return r, nil
}

// CurveOn works out the fit's curve: the cohort's total allocation a year
// with the varied rates scaled by factors from 0.5 to 1.5 (or from the
// factor, where it is outside them), in 21 points, as ras fit scales and
// rounds them. The engine gives no total at a factor but the fitted one, so
// the children are counted here by age and score, once for each policy a fit
// starts from, and each factor's total is worked out from the allocations
// of the scaled policy; a curve that does not give the fitted total is not
// drawn.
func (r *FitResult) CurveOn(c *Cohort, form FitForm) []CurvePoint {
	cells, err := r.Start.VaryCells(form.Paths())
	if err != nil {
		return nil
	}
	pc, err := c.pricedCounts(r.Start)
	if err != nil {
		return nil
	}
	fk := r.Factor.Shift(4).IntPart()
	lo, hi := min(5000, fk-fk%500), max(15000, fk+(500-fk%500)%500)
	var curve []CurvePoint
	for i := range int64(21) {
		k := lo + (hi-lo)*i/20
		total, err := pc.totalAt(r.StartValues, r.Start, cells, k)
		if err != nil {
			return nil
		}
		curve = append(curve, CurvePoint{decimal.New(k, -4), total})
	}
	if at, err := pc.totalAt(r.StartValues, r.Start, cells, fk); err != nil || !at.Equal(r.Total) {
		return nil
	}
	return curve
}

// counted is a cohort's children counted by age and score under a policy,
// with the total of the allocations no rate prices: those given, and those
// of children without a score.
type counted struct {
	policy *engine.Policy
	fixed  engine.Money
	counts map[[2]int]int64
}

func (c *Cohort) pricedCounts(p *engine.Policy) (*counted, error) {
	if c.counted != nil && c.counted.policy == p {
		return c.counted, nil
	}
	pc := &counted{policy: p, counts: map[[2]int]int64{}}
	_, err := engine.EvaluateCohort(p, c.Name, c.Open(nil), func(_ engine.Row, r *engine.Result) error {
		switch {
		case r == nil:
		case r.AllocationGiven || r.Score == nil:
			pc.fixed = pc.fixed.Add(r.AnnualBudget())
		default:
			pc.counts[[2]int{r.Age, *r.Score}]++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	c.counted = pc
	return pc, nil
}

// totalAt is the total allocation a year with the rates of cells of start
// scaled by k ten-thousandths, each rounded as ras fit rounds it: a rate per
// point to 4 places, a fixed offer to the penny, half away from zero.
func (pc *counted) totalAt(vals engine.Values, start *engine.Policy, cells []engine.Cell, k int64) (engine.Money, error) {
	changes := make([]engine.Change, len(cells))
	for i, c := range cells {
		places := int32(2)
		if start.Scores.Bands[c.Score].Basis == engine.BasisPerPoint {
			places = 4
		}
		rate := start.Rate(c.Age, c.Score).Mul(decimal.New(k, -4)).Round(places)
		changes[i] = engine.Change{Path: start.CellPath(c), Value: strconv.Quote(start.FormatCell(c, rate))}
	}
	scaled, err := vals.With(changes)
	if err != nil {
		return engine.Money{}, err
	}
	p, err := scaled.Policy("")
	if err != nil {
		return engine.Money{}, err
	}
	total := pc.fixed
	for key, n := range pc.counts {
		a, ok := p.Allocation(key[0], key[1])
		if !ok {
			return engine.Money{}, errors.New("no allocation")
		}
		total = total.Add(a.Mul(decimal.NewFromInt(n)))
	}
	return total, nil
}

// Calibrated is the rates derived from a cohort's current costs, with the
// policy they were derived under.
type Calibrated struct {
	*engine.Calibration
	Start        *engine.Policy
	Illustrative bool
}

// Calibrate derives the rates of the scenario from the current costs of c's
// children, as ras calibrate does.
func (s *Scenario) Calibrate(c *Cohort) (*Calibrated, error) {
	start, err := s.FitStart()
	if err != nil {
		return nil, err
	}
	h, err := c.heldFor(start)
	if err != nil {
		return nil, err
	}
	return &Calibrated{Calibration: h.Calibrate(), Start: start, Illustrative: start.Prices.Illustrative}, nil
}

// SetRates makes new rates the scenario's: each change a cell's key path and
// its value, as a fit or a calibration gives them. A rate the form does not
// offer is left as it is; one back at its published value is no change.
func (s *Scenario) SetRates(changes []engine.Change) {
	for _, c := range changes {
		for _, p := range s.Params {
			if p.Path != c.Path {
				continue
			}
			typed := TypedOf(c.Value)
			if base, _ := baseValue(s.BaseVals, p); typed == base && s.pasted == "" {
				delete(s.typed, c.Path)
			} else {
				s.typed[c.Path] = typed
			}
		}
	}
	s.update()
}
