package engine

import (
	"github.com/shopspring/decimal"
)

// Calibrating the rates from current costs (docs/rules.md, "Fitting and
// calibrating"): each priced cell of the rates table is derived from the
// children in it whose score is at or above the eligibility threshold, who
// have a current cost and were given no allocation, using their base cost
// (the current cost less any contingency). A rate per point is the one that
// minimises the squared differences between allocation and base cost,
// Σ(score × base) ÷ (weeks × Σ score²), to 4 places; a fixed offer is the
// mean base cost, to the penny; both half away from zero. A cell with no such
// child keeps its rate.

// Calibration is the rates derived from a cohort's current costs.
type Calibration struct {
	Cells   []CalibratedCell // every priced cell, in the order of the table
	Changes []Change         // the changes to the policy file that give the rates
	Policy  *Policy          // the policy with the derived rates
}

// CalibratedCell is one cell's derived rate and how well it fits.
type CalibratedCell struct {
	Cell
	Path     string
	From, To Money // the rate before and derived, in the unit of the band
	Children int   // the children it is derived from; 0 where it is kept
	// MeanAbsoluteDifference is the mean of the absolute differences between
	// each of those children's allocation at the derived rate and their base
	// cost, to the penny.
	MeanAbsoluteDifference Money
}

// Kept says whether the cell had no child to derive it from.
func (c CalibratedCell) Kept() bool { return c.Children == 0 }

// calibrant is one child a cell is derived from.
type calibrant struct {
	score int
	base  Money
}

// Calibrate derives the rates of the policy the cohort is held under from the
// current costs of its children.
func (h *HeldCohort) Calibrate() *Calibration {
	c := h.Calibrator()
	for !c.Step(len(h.rows)) {
	}
	return c.Calibration()
}

// Calibrator derives the rates of a held cohort's policy a run of rows at a
// time, as Calibrate does at once, so that a page can give the browser its
// turn between runs.
type Calibrator struct {
	h    *HeldCohort
	by   [][]calibrant // by[ai*len(p.Scores.Bands)+si]: the children of a cell
	next int
}

// Calibrator starts deriving the rates of the policy h is held under.
func (h *HeldCohort) Calibrator() *Calibrator {
	c := &Calibrator{h: h}
	if p := h.base; p.Scores != nil && p.rates != nil {
		c.by = make([][]calibrant, len(p.rates)*len(p.Scores.Bands))
	} else {
		c.next = len(h.rows) // no rates to derive: nothing to read
	}
	return c
}

// Step reads up to n more rows and says whether every row is read.
func (c *Calibrator) Step(n int) bool {
	h, p := c.h, c.h.base
	end := min(c.next+n, len(h.rows))
	for ; c.next < end; c.next++ {
		hr := &h.rows[c.next]
		if hr.flags&rowOK == 0 || hr.flags&rowCost == 0 && hr.odd == 0 {
			continue
		}
		cs := h.caseOf(hr)
		if cs.Score == nil || *cs.Score < p.Scores.Threshold || cs.CurrentCost == nil || cs.Allocation != nil {
			continue
		}
		r, err := evaluate(p, cs, false)
		if err != nil || r.Transition == nil {
			continue
		}
		ai := int(hr.band)
		si, _ := p.ScoreBand(*cs.Score)
		if p.Scores.Bands[si].Basis == BasisNone {
			continue
		}
		k := ai*len(p.Scores.Bands) + si
		c.by[k] = append(c.by[k], calibrant{*cs.Score, r.Transition.BaseCost})
	}
	return c.next == len(h.rows)
}

// Calibration is the rates derived once Step has read every row.
func (cb *Calibrator) Calibration() *Calibration {
	p, by := cb.h.base, cb.by
	if p.Scores == nil || p.rates == nil {
		return &Calibration{Policy: p}
	}
	var cells []Cell
	var rates []Money
	cal := &Calibration{}
	for ai := range p.rates {
		for si, sb := range p.Scores.Bands {
			if sb.Basis == BasisNone {
				continue
			}
			c := Cell{ai, si}
			from := p.Rate(ai, si)
			cc := CalibratedCell{Cell: c, Path: p.CellPath(c), From: from, To: from}
			if to, ok := p.derive(si, by[ai*len(p.Scores.Bands)+si]); ok {
				cc.To, cc.Children = to, len(by[ai*len(p.Scores.Bands)+si])
				cc.MeanAbsoluteDifference = p.meanAbsDiff(si, to, by[ai*len(p.Scores.Bands)+si])
			}
			cells, rates = append(cells, c), append(rates, cc.To)
			cal.Cells = append(cal.Cells, cc)
		}
	}
	cal.Policy = p.withRates(cells, rates)
	cal.Changes = p.rateChanges(cal.Policy)
	return cal
}

// derive is the rate of a cell of score band si from its children, or false
// where it has none to derive it from.
func (p *Policy) derive(si int, cs []calibrant) (Money, bool) {
	if len(cs) == 0 {
		return zero, false
	}
	// The sums are exact: in pence where they can be, as the summaries'
	// totals are kept (a total falls back to decimals where they cannot).
	var sumBase total
	if p.Scores.Bands[si].Basis == BasisFixed {
		for _, c := range cs {
			sumBase.add(penniesOf(c.base))
		}
		return sumBase.value().DivRound(decimal.NewFromInt(int64(len(cs))), 2), true
	}
	sumSq := zero
	var sq int64
	for _, c := range cs {
		if c.score >= 0 && c.score < 1<<10 { // within int64: |pence| ≤ 10^15
			sumBase.addTimes(penniesOf(c.base), c.score)
		} else {
			sumBase.rest = sumBase.rest.Add(c.base.Mul(decimalInt(c.score)))
		}
		if s := int64(c.score); s >= 0 && s < 1<<20 && sq < 1<<60 {
			sq += s * s
		} else {
			d := decimal.NewFromInt(s)
			sumSq = sumSq.Add(d.Mul(d))
		}
	}
	sumSq = sumSq.Add(decimal.NewFromInt(sq))
	if sumSq.IsZero() {
		return zero, false
	}
	return sumBase.value().DivRound(sumSq.Mul(decimalInt(p.Prices.WeeksPerYear)), 4), true
}

// meanAbsDiff is the mean absolute difference between the allocation at rate
// of each child of a cell of score band si and their base cost, to the penny.
func (p *Policy) meanAbsDiff(si int, rate Money, cs []calibrant) Money {
	annual := p.annualOf(si, rate)
	var sum total
	for _, c := range cs {
		sum.add(penniesOf(p.priceAt(si, annual, c.score).Sub(c.base).Abs()))
	}
	return sum.value().DivRound(decimal.NewFromInt(int64(len(cs))), 2)
}
