package engine

import "io"

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
			}
			h.rows = append(h.rows, hr)
		}
		if visit != nil {
			if err := visit(row, res); err != nil {
				return nil, err
			}
		}
	}
	h.summary, h.warnings = sm.Summary(), cr.Warnings()
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
	if scen != h.base {
		c.sm = NewSummariser(scen)
		for range h.rejected {
			c.sm.Reject()
		}
	}
	return c
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
