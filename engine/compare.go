package engine

import "io"

// Comparison is a cohort summarised under a baseline policy and under a
// scenario, from one reading of the file, with what the scenario changes for
// each child: who gains, who loses, and by how much, in each age band.
type Comparison struct {
	Baseline, Scenario Summary
	Warnings           []string
	// Changed counts the children valid under both policies, by age band of
	// the baseline, with the change in their allocation.
	Changed []BandChange
}

// BandChange is what a scenario changes for the children of one age band.
type BandChange struct {
	Band        AgeBand
	Gain, Lose  int   // children whose allocation rises or falls
	Same        int   // children whose allocation is unchanged
	GainAmount  Money // the sum of the rises
	LoseAmount  Money // the sum of the falls
	TotalChange Money // scenario less baseline, over the band
}

// CompareCohort reads the cohort file r once and evaluates each row under
// base and under scen. A row that is wrong in itself is rejected under both;
// a row one policy cannot take (an age a scenario puts out of scope, say) is
// rejected under that one alone. visit, if not nil, is called for each row in
// order with its results under each (nil where rejected); an error from it
// stops the reading. Given the same policy twice, it evaluates each row once.
func CompareCohort(base, scen *Policy, name string, r io.Reader, visit func(row Row, a, b *Result) error) (*Comparison, error) {
	cr, err := NewCohortReader(name, r)
	if err != nil {
		return nil, err
	}
	a, b := NewSummariser(base), NewSummariser(scen)
	cmp := &Comparison{}
	changed := newBandChanges(base)
	for {
		row, err := cr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if row.Err != nil {
			a.Reject()
			b.Reject()
			if visit != nil {
				if err := visit(row, nil, nil); err != nil {
					return nil, err
				}
			}
			continue
		}
		ra, errA := evaluate(base, row.Case, false)
		rb, errB := ra, errA
		if scen != base {
			rb, errB = evaluate(scen, row.Case, false)
		}
		place(errA, name, row.Line)
		place(errB, name, row.Line)
		if visit != nil {
			if errA != nil {
				row.Err = errA
			} else if errB != nil {
				row.Err = errB
			}
			if err := visit(row, ra, rb); err != nil {
				return nil, err
			}
		}
		if errA != nil {
			a.Reject()
		} else {
			a.Add(ra)
		}
		if errB != nil {
			b.Reject()
		} else {
			b.Add(rb)
		}
		if errA != nil || errB != nil {
			continue
		}
		ai, _ := base.AgeBand(ra.Age)
		changed.add(ai, penniesOf(rb.AnnualBudget.Sub(ra.AnnualBudget)))
	}
	cmp.Changed = changed.result()
	cmp.Baseline, cmp.Scenario, cmp.Warnings = a.Summary(), b.Summary(), cr.Warnings()
	return cmp, nil
}

// place puts a row's file and line on the errors of its evaluation.
func place(err error, name string, line int) {
	if es, ok := err.(Errors); ok {
		for _, e := range es {
			e.File, e.Line = name, line
		}
	}
}

// bandChanges counts what a scenario changes for each child, by age band.
type bandChanges struct {
	bands []BandChange
	sums  []struct{ gain, lose, total total }
}

func newBandChanges(base *Policy) *bandChanges {
	c := &bandChanges{sums: make([]struct{ gain, lose, total total }, len(base.Age.Bands))}
	for _, band := range base.Age.Bands {
		c.bands = append(c.bands, BandChange{Band: band})
	}
	return c
}

// add counts a child of age band ai whose allocation changes by diff.
func (c *bandChanges) add(ai int, diff pennies) {
	b, s := &c.bands[ai], &c.sums[ai]
	s.total.add(diff)
	switch diff.sign() {
	case 1:
		b.Gain++
		s.gain.add(diff)
	case -1:
		b.Lose++
		s.lose.add(diff.neg())
	default:
		b.Same++
	}
}

// result is the changes counted so far, with their amounts.
func (c *bandChanges) result() []BandChange {
	out := append([]BandChange(nil), c.bands...)
	for i := range out {
		out[i].GainAmount = c.sums[i].gain.value()
		out[i].LoseAmount = c.sums[i].lose.value()
		out[i].TotalChange = c.sums[i].total.value()
	}
	return out
}
