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
// otherwise: the same figures as ras fit, which holds it under start. It
// does not compare the cohort under the fitted rates (the engine's FitRates):
// the page shows the fit at once, and the fitted rates, made the scenario's,
// are then compared as any change is.
func (c *Cohort) fitOn(start *engine.Policy, budget engine.Money, vary []string) (*engine.Fit, error) {
	if c.Held != nil {
		fit, err := c.Held.FitRates(start, budget, vary)
		var e *engine.Error
		if !errors.As(err, &e) || e.Kind != engine.KindConflict {
			return fit, err
		}
	}
	h, err := c.heldFor(start)
	if err != nil {
		return nil, err
	}
	return h.FitRates(nil, budget, vary)
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
	return &FitResult{Fit: fit, Start: start, StartValues: s.Values, Illustrative: start.Prices.Illustrative, Gain: fit.Gain, Lose: fit.Lose}, nil
}

// CurvePoints works out the fit's curve: the cohort's total allocation a
// year with the varied rates scaled by factors from 0.5 to 1.5 (or from the
// factor, where it is outside them), in 21 points, from the same counts of
// children by cell and score as the fit weighed, so scaled and rounded as
// ras fit scales and rounds them.
func (r *FitResult) CurvePoints() []CurvePoint {
	fk := r.Factor.Shift(4).IntPart()
	lo, hi := min(5000, fk-fk%500), max(15000, fk+(500-fk%500)%500)
	curve := make([]CurvePoint, 0, 21)
	for i := range int64(21) {
		k := lo + (hi-lo)*i/20
		curve = append(curve, CurvePoint{decimal.New(k, -4), r.TotalAt(k)})
	}
	return curve
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
	run, err := s.StartCalibration(c)
	if err != nil {
		return nil, err
	}
	for !run.Step(1 << 30) {
	}
	return run.Result(), nil
}

// CalibrationRun derives the rates as Calibrate does, a run of children at
// a time (Step), so that a page can give the browser its turn between runs.
type CalibrationRun struct {
	cb    *engine.Calibrator
	start *engine.Policy
}

// StartCalibration starts deriving the rates of the scenario from the current
// costs of c's children.
func (s *Scenario) StartCalibration(c *Cohort) (*CalibrationRun, error) {
	start, err := s.FitStart()
	if err != nil {
		return nil, err
	}
	h, err := c.heldFor(start)
	if err != nil {
		return nil, err
	}
	return &CalibrationRun{cb: h.Calibrator(), start: start}, nil
}

// Step reads up to n more children and says whether every one is read.
func (r *CalibrationRun) Step(n int) bool { return r.cb.Step(n) }

// For says whether the run still derives the rates s would start from: a
// value changed while it ran makes another policy of the scenario, and the
// rates it derived belong to the one before.
func (r *CalibrationRun) For(s *Scenario) bool {
	p, err := s.FitStart()
	return err == nil && p == r.start
}

// Result is the rates derived, once Step has read every child.
func (r *CalibrationRun) Result() *Calibrated {
	return &Calibrated{Calibration: r.cb.Calibration(), Start: r.start, Illustrative: r.start.Prices.Illustrative}
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
