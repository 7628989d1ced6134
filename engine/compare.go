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
	// ByScoreBand counts the same children by score band of the baseline.
	ByScoreBand []ScoreBandChange
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
// The results are visit's until it returns, as with EvaluateCohort.
func CompareCohort(base, scen *Policy, name string, r io.Reader, visit func(row Row, a, b *Result) error) (*Comparison, error) {
	cr, err := NewCohortReader(name, r)
	if err != nil {
		return nil, err
	}
	a, b := NewSummariser(base), NewSummariser(scen)
	changed := newBandChanges(base)
	for ev, err := range cr.evaluated(base, scen) {
		if err != nil {
			return nil, err
		}
		if visit != nil {
			if err := visit(ev.Row, ev.results[0], ev.results[1]); err != nil {
				return nil, err
			}
		}
		if !ev.good {
			a.Reject()
			b.Reject()
			continue
		}
		ra := ev.results[0]
		var ai int
		var was pennies
		si := resultScoreBand(base, ra)
		if ra != nil {
			a.Add(ra)
			ai, _ = base.AgeBand(ra.Age)
			was = ra.allocPennies()
		} else {
			a.Reject()
		}
		compareRow(b, changed, ra != nil, ai, si, was, ev.results[1])
	}
	cmp := &Comparison{Changed: changed.result(), ByScoreBand: changed.scores.result()}
	cmp.Baseline, cmp.Scenario, cmp.Warnings = a.Summary(), b.Summary(), cr.Warnings()
	return cmp, nil
}

// compareRow counts a row good in itself under the scenario, for
// CompareCohort and the held cohort's Comparer alike: rb, the scenario's
// result, into the scenario's summary sm (or a rejection where rb is nil),
// and, where the baseline took the row too (in its age band ai, with the
// allocation was) and so does the scenario, the change of the allocation,
// by age band and by score band si.
func compareRow(sm *Summariser, changed *bandChanges, baseOK bool, ai, si int, was pennies, rb *Result) {
	if rb == nil {
		sm.Reject()
		return
	}
	sm.Add(rb)
	if !baseOK {
		return
	}
	now := rb.allocPennies()
	if now.ok && was.ok && small(now.pence) && small(was.pence) {
		changed.addAt(ai, si, pennies{pence: now.pence - was.pence, ok: true})
	} else {
		changed.addAt(ai, si, penniesOf(now.money().Sub(was.money())))
	}
}

// tally counts the children whose allocation rises, falls or stays the
// same under a scenario, with the sums of the rises, the falls and the
// change: one tally an age band, one a score band.
type tally struct {
	gain, lose, same   int
	gains, loses, each total
}

// add counts a child whose allocation changes by diff.
func (t *tally) add(diff pennies) {
	t.each.add(diff)
	switch diff.sign() {
	case 1:
		t.gain++
		t.gains.add(diff)
	case -1:
		t.lose++
		t.loses.add(diff.neg())
	default:
		t.same++
	}
}

// counts are the tally's figures, in the order BandChange and
// ScoreBandChange hold them.
func (t *tally) counts() (gain, lose, same int, gains, loses, change Money) {
	return t.gain, t.lose, t.same, t.gains.value(), t.loses.value(), t.each.value()
}

// bandChanges counts what a scenario changes for each child, by age band.
type bandChanges struct {
	bands   []BandChange
	tallies []tally
	scores  scoreChanges // the same, by score band
}

func newBandChanges(base *Policy) *bandChanges {
	c := &bandChanges{tallies: make([]tally, len(base.Age.Bands)), scores: newScoreChanges(base)}
	for _, band := range base.Age.Bands {
		c.bands = append(c.bands, BandChange{Band: band})
	}
	return c
}

// add counts a child of age band ai whose allocation changes by diff.
func (c *bandChanges) add(ai int, diff pennies) { c.tallies[ai].add(diff) }

// result is the changes counted so far, with their amounts.
func (c *bandChanges) result() []BandChange {
	out := append([]BandChange(nil), c.bands...)
	for i := range out {
		o := &out[i]
		o.Gain, o.Lose, o.Same, o.GainAmount, o.LoseAmount, o.TotalChange = c.tallies[i].counts()
	}
	return out
}
