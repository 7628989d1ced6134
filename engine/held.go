package engine

import (
	"io"
	"reflect"
)

// HeldCohort is a cohort file read once and kept, with each child's result
// under a baseline policy, so that scenario after scenario can be compared
// with the baseline without reading the file or evaluating the baseline
// again: what a councillor changing one value at a time needs. It keeps each
// good row's case, a few hundred bytes a row, so it suits the files a browser
// tab reads; CompareCohort reads a file of any length in the same memory, and
// gives the same Comparison.
type HeldCohort struct {
	base     *Policy
	name     string
	rows     []heldRow
	rejected int // rows wrong in themselves, rejected under any policy
	sm       *Summariser
	summary  Summary
	warnings []string
}

// heldRow is a row good in itself, with what the baseline made of it.
type heldRow struct {
	c     Case
	line  int
	ok    bool // the baseline takes the row
	band  int  // its age band under the baseline, where ok
	alloc pennies
	reads uint64 // the cells of the rates table its evaluation read
}

// HoldCohort reads the cohort file r (named name in messages), evaluates
// every row under base and keeps the rows. visit, if not nil, is called for
// each row in order, as by EvaluateCohort: with its result, or with a nil
// result and row.Err saying what is wrong; an error from visit stops the
// reading. An error is returned only for a file that cannot be read as a
// cohort at all.
func HoldCohort(base *Policy, name string, r io.Reader, visit func(Row, *Result) error) (*HeldCohort, error) {
	cr, err := NewCohortReader(name, r)
	if err != nil {
		return nil, err
	}
	h := &HeldCohort{base: base, name: name}
	sm := NewSummariser(base)
	for {
		row, err := cr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		var res *Result
		if row.Err != nil {
			h.rejected++
			sm.Reject()
		} else {
			var errA error
			res, errA = evaluate(base, row.Case, false)
			place(errA, name, row.Line)
			hr := heldRow{c: row.Case, line: row.Line}
			if errA != nil {
				row.Err = errA
				sm.Reject()
			} else {
				sm.Add(res)
				hr.ok = true
				hr.band, _ = base.AgeBand(res.Age)
				hr.alloc = penniesOf(res.AnnualBudget)
				hr.reads = res.reads
			}
			h.rows = append(h.rows, hr)
		}
		if visit != nil {
			if err := visit(row, res); err != nil {
				return nil, err
			}
		}
	}
	h.sm, h.summary, h.warnings = sm, sm.Summary(), cr.Warnings()
	return h, nil
}

// Baseline is the policy the cohort was read under.
func (h *HeldCohort) Baseline() *Policy { return h.base }

// Rows is the number of rows read: the children, and the rows with mistakes.
func (h *HeldCohort) Rows() int { return len(h.rows) + h.rejected }

// Compare compares the cohort under scen with the baseline, as CompareCohort
// does with the file.
func (h *HeldCohort) Compare(scen *Policy) *Comparison {
	c := h.Comparer(scen)
	for !c.Step(len(h.rows)) {
	}
	return c.Comparison()
}

// Comparer compares a held cohort under a scenario a run of rows at a time,
// so that a page can give the browser its turn between runs.
type Comparer struct {
	h     *HeldCohort
	scen  *Policy
	next  int
	sm    *Summariser
	cmp   *Comparison
	sums  []struct{ gain, lose, total total }
	errs  []error
	errsN int
	// onlyRates: the scenario changes only the cells of the rates table
	// marked in cells, and sm starts as the baseline's summary.
	onlyRates bool
	cells     uint64
}

// maxComparerErrors bounds the row errors a Comparer keeps; it counts them all.
const maxComparerErrors = 100

// Comparer starts comparing the cohort under scen with the baseline.
func (h *HeldCohort) Comparer(scen *Policy) *Comparer {
	c := &Comparer{h: h, scen: scen, cmp: &Comparison{Warnings: h.warnings}}
	for _, band := range h.base.Age.Bands {
		c.cmp.Changed = append(c.cmp.Changed, BandChange{Band: band})
	}
	c.sums = make([]struct{ gain, lose, total total }, len(h.base.Age.Bands))
	switch cells, ok := h.base.changedCells(scen); {
	case scen == h.base:
	case ok:
		// Only rates change: a row that read no changed cell is as it was,
		// and the others are taken out of the baseline's summary and put
		// back as the scenario has them.
		c.sm, c.cells, c.onlyRates = h.sm.clone(scen), cells, true
	default:
		c.sm = NewSummariser(scen)
		for range h.rejected {
			c.sm.Reject()
		}
	}
	return c
}

// changedCells says whether q is p with nothing changed but rates, and marks
// the cells of the rates table that differ (see cellBit).
func (p *Policy) changedCells(q *Policy) (uint64, bool) {
	if p.Scores == nil || q.Scores == nil || len(p.rates) != len(q.rates) || len(p.annual) != len(q.annual) {
		return 0, false
	}
	var cells uint64
	for ai := range p.rates {
		if len(p.rates[ai]) != len(q.rates[ai]) || len(p.annual[ai]) != len(q.annual[ai]) {
			return 0, false
		}
		for si := range p.rates[ai] {
			if !p.rates[ai][si].Equal(q.rates[ai][si]) || !p.annual[ai][si].Equal(q.annual[ai][si]) {
				cells |= p.cellBit(ai, si)
			}
		}
	}
	a, b := *p, *q
	a.rates, a.annual, b.rates, b.annual = nil, nil, nil, nil
	if !reflect.DeepEqual(a, b) {
		return 0, false
	}
	return cells, true
}

// Done is the number of rows compared so far, of Total.
func (c *Comparer) Done() int { return c.next }

// Total is the number of rows to compare: the rows good in themselves.
func (c *Comparer) Total() int { return len(c.h.rows) }

// Errors are the first rows the scenario alone rejects (a row the baseline
// rejects was reported when the file was read), and how many there are.
func (c *Comparer) Errors() ([]error, int) { return c.errs, c.errsN }

// Step compares up to n more rows and says whether every row is compared.
func (c *Comparer) Step(n int) bool {
	end := min(c.next+n, len(c.h.rows))
	for ; c.next < end; c.next++ {
		hr := &c.h.rows[c.next]
		if c.sm == nil { // the baseline itself: nothing changes
			if hr.ok {
				c.cmp.Changed[hr.band].Same++
			}
			continue
		}
		if c.onlyRates {
			if hr.ok && hr.reads&c.cells == 0 {
				c.cmp.Changed[hr.band].Same++
				continue
			}
			// Take the row out as the baseline counted it.
			if hr.ok {
				ra, _ := evaluate(c.h.base, hr.c, false)
				c.sm.remove(ra)
			} else {
				c.sm.s.RejectedRows--
			}
		}
		rb, errB := evaluate(c.scen, hr.c, false)
		if errB != nil {
			place(errB, c.h.name, hr.line)
			c.sm.Reject()
			if hr.ok {
				c.errsN++
				if len(c.errs) < maxComparerErrors {
					c.errs = append(c.errs, errB)
				}
			}
			continue
		}
		c.sm.Add(rb)
		if !hr.ok {
			continue
		}
		b, s := &c.cmp.Changed[hr.band], &c.sums[hr.band]
		diff := penniesOf(rb.AnnualBudget)
		if diff.ok && hr.alloc.ok && small(diff.pence) && small(hr.alloc.pence) {
			diff = pennies{pence: diff.pence - hr.alloc.pence, ok: true}
		} else {
			diff = penniesOf(rb.AnnualBudget.Sub(hr.alloc.m))
		}
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
	return c.next == len(c.h.rows)
}

// small says whether pence can be subtracted from pence of the same bound.
func small(pence int64) bool { return pence < 1<<62 && pence > -1<<62 }

func (p pennies) sign() int {
	if p.ok {
		switch {
		case p.pence > 0:
			return 1
		case p.pence < 0:
			return -1
		}
		return 0
	}
	return p.m.Sign()
}

func (p pennies) neg() pennies {
	if p.ok {
		return pennies{pence: -p.pence, ok: true}
	}
	return penniesOf(p.m.Neg())
}

// Comparison is the comparison of the rows compared so far: of the whole
// cohort once Step has said so.
func (c *Comparer) Comparison() *Comparison {
	cmp := *c.cmp
	cmp.Changed = append([]BandChange(nil), c.cmp.Changed...)
	for i := range cmp.Changed {
		cmp.Changed[i].GainAmount = c.sums[i].gain.value()
		cmp.Changed[i].LoseAmount = c.sums[i].lose.value()
		cmp.Changed[i].TotalChange = c.sums[i].total.value()
	}
	cmp.Baseline, cmp.Scenario = c.h.summary, c.h.summary
	if c.sm != nil {
		cmp.Scenario = c.sm.Summary()
	}
	return &cmp
}

// clone is a copy of the summariser, to go on counting under p: a policy
// whose groups, steps, age bands and budget are sm's.
func (sm *Summariser) clone(p *Policy) *Summariser {
	c := *sm
	c.p, c.s.Policy = p, p
	c.s.Groups = append([]Count(nil), sm.s.Groups...)
	c.s.ModerationByStep = append([]Count(nil), sm.s.ModerationByStep...)
	c.s.ByAgeBand = append([]BandSummary(nil), sm.s.ByAgeBand...)
	c.s.Distribution = append([]Count(nil), sm.s.Distribution...)
	c.bands = append([]sums(nil), sm.bands...)
	c.numer = append([]total(nil), sm.numer...)
	c.tail = append([]total(nil), sm.tail...)
	c.starts = append([]int(nil), sm.starts...)
	c.ends = append([]int(nil), sm.ends...)
	return &c
}
