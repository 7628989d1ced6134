package engine

import (
	"io"
	"reflect"
	"slices"

	"github.com/shopspring/decimal"
)

// HeldCohort is a cohort file read once and kept, with each child's result
// under a baseline policy, so that scenario after scenario can be compared
// with the baseline without reading the file or evaluating the baseline
// again: what a councillor changing one value at a time needs. It keeps each
// good row's case, about 140 bytes a row, so it suits the files a browser
// tab reads; CompareCohort reads a file of any length in the same memory, and
// gives the same Comparison.
type HeldCohort struct {
	base     *Policy
	name     string
	rows     []heldRow
	rejected int           // rows wrong in themselves, rejected under any policy
	odd      []Case        // the cases whose amounts are not whole pence
	oddAlloc map[int]Money // the baseline's allocations that are not whole pence, by row
	sm       *Summariser
	summary  Summary
	warnings []string
	// same counts the rows the baseline takes by age band, and sameScore
	// by score band (scoreBandOf): counted as the file is read, they are
	// the comparison of the baseline with itself, every row unchanged.
	same, sameScore []int
}

// heldRow is a row good in itself, with what the baseline made of it. It
// holds no pointer, so that the garbage collector need not look through a
// cohort of 500,000 rows each time it runs: amounts are in whole pence, and
// a row whose amounts do not fit is kept whole in HeldCohort.odd.
type heldRow struct {
	line          int32
	band          int16 // its age band under the baseline, where ok
	flags         uint8
	score, age    int32
	dob, on       Date
	cost, given   int64 // the current cost and the allocation given, in pence
	reassessOn    Date
	reassessScore int32
	odd           int32 // 1 + the index of the whole case in HeldCohort.odd, or 0
	alloc         int64 // the baseline's allocation in pence, where ok and allocFits
	reads         uint64
}

// The flags of a heldRow.
const (
	rowOK          = 1 << iota // the baseline takes the row
	rowAllocFits               // the baseline's allocation is alloc, in pence
	rowScore                   // the case has a score
	rowAge                     // the case has an age
	rowCost                    // the case has a current cost
	rowContingency             // the current cost includes the contingency
	rowGiven                   // the case has the allocation the family was told
	rowReassessed              // the case has a reassessment
)

// hold makes a heldRow of a case, or says it must be kept whole.
func hold(c Case, line int) (heldRow, bool) {
	hr := heldRow{line: int32(line), dob: c.DateOfBirth, on: c.AssessedOn}
	if c.Score != nil {
		hr.flags |= rowScore
		hr.score = int32(*c.Score)
	}
	if c.Age != nil {
		hr.flags |= rowAge
		hr.age = int32(*c.Age)
	}
	if c.IncludesContingency {
		hr.flags |= rowContingency
	}
	if c.Reassessment != nil {
		hr.flags |= rowReassessed
		hr.reassessOn, hr.reassessScore = c.Reassessment.On, int32(c.Reassessment.Score)
	}
	// An amount read in whole pence (Case.lazy) is whole pence, as
	// exactPence finds every amount a file gives.
	fits := true
	switch {
	case c.lazy&lazyCost != 0:
		hr.flags |= rowCost
		hr.cost = c.costPence
	case c.CurrentCost != nil:
		hr.flags |= rowCost
		hr.cost, fits = exactPence(*c.CurrentCost)
	}
	switch {
	case !fits:
	case c.lazy&lazyAlloc != 0:
		hr.flags |= rowGiven
		hr.given = c.allocPence
	case c.Allocation != nil:
		hr.flags |= rowGiven
		hr.given, fits = exactPence(*c.Allocation)
	}
	return hr, fits
}

// exactPence is m in whole pence, where it is a whole number of them.
func exactPence(m Money) (int64, bool) { return units(m, 2) }

// caseOf is the case a heldRow holds.
func (h *HeldCohort) caseOf(hr *heldRow) Case {
	if hr.odd > 0 {
		return h.odd[hr.odd-1]
	}
	c := Case{DateOfBirth: hr.dob, AssessedOn: hr.on, IncludesContingency: hr.flags&rowContingency != 0}
	if hr.flags&rowScore != 0 {
		score := int(hr.score)
		c.Score = &score
	}
	if hr.flags&rowAge != 0 {
		age := int(hr.age)
		c.Age = &age
	}
	if hr.flags&rowCost != 0 {
		cost := decimal.New(hr.cost, -2)
		c.CurrentCost = &cost
	}
	if hr.flags&rowGiven != 0 {
		given := decimal.New(hr.given, -2)
		c.Allocation = &given
	}
	if hr.flags&rowReassessed != 0 {
		c.Reassessment = &Reassessment{On: hr.reassessOn, Score: int(hr.reassessScore)}
	}
	return c
}

// baseAlloc is the baseline's allocation of a row it takes.
func (h *HeldCohort) baseAlloc(i int) pennies {
	hr := &h.rows[i]
	if hr.flags&rowAllocFits != 0 {
		return pennies{pence: hr.alloc, ok: true}
	}
	return penniesOf(h.oddAlloc[i])
}

// HoldCohort reads the cohort file r (named name in messages), evaluates
// every row under base and keeps the rows. visit, if not nil, is called for
// each row in order, as by EvaluateCohort: with its result, or with a nil
// result and row.Err saying what is wrong; an error from visit stops the
// reading. An error is returned only for a file that cannot be read as a
// cohort at all. The result is visit's until it returns, as with
// EvaluateCohort; the held cohort keeps what it needs of it.
func HoldCohort(base *Policy, name string, r io.Reader, visit func(Row, *Result) error) (*HeldCohort, error) {
	return holdCohort(base, name, r, visit == nil, visit)
}

// HoldCohortRows is HoldCohort for a reader that looks at the rows and not
// at their results, as a page showing its progress and the rows with
// mistakes does: visit, if not nil, is called for each row in order, with
// row.Err saying what is wrong with a row the baseline does not take, and
// no Case in a row it takes. With no result or case to show, the amounts
// are read in whole pence, as SummariseCohort reads them, and no decimal is
// made of them; the held cohort is the one HoldCohort keeps
// (TestHoldCohortRowsSame).
func HoldCohortRows(base *Policy, name string, r io.Reader, visit func(Row) error) (*HeldCohort, error) {
	if visit == nil {
		return holdCohort(base, name, r, true, nil)
	}
	return holdCohort(base, name, r, true, func(row Row, _ *Result) error {
		row.Case = Case{}
		return visit(row)
	})
}

// holdCohort is HoldCohort, reading the amounts in whole pence where lazy,
// which only a visit that looks at no case or result allows.
func holdCohort(base *Policy, name string, r io.Reader, lazy bool, visit func(Row, *Result) error) (*HeldCohort, error) {
	// A reader that says its size (a file on the page, a strings.Reader)
	// is counted, so that the rows can be made room for once (presize).
	var counted *countedReader
	if s, ok := r.(interface{ Size() int64 }); ok {
		counted = &countedReader{r: r, size: s.Size()}
		r = counted
	}
	cr, err := NewCohortReader(name, r)
	if err != nil {
		return nil, err
	}
	cr.lazy = lazy
	// The bytes the first presizeAfter rows took, noted by the reading
	// as it reads them: where rows are read ahead of those held (in
	// batches, or on another goroutine), the position the reading has
	// reached is past them.
	used := int64(-1)
	if counted != nil {
		cr.markAt, cr.mark = presizeAfter, func() { used = counted.n - int64(cr.lines.br.Buffered()) }
	}
	h := &HeldCohort{base: base, name: name, same: make([]int, len(base.Age.Bands))}
	if base.Scores != nil {
		h.sameScore = make([]int, len(base.Scores.Bands)+1)
	} else {
		h.sameScore = make([]int, 1)
	}
	sm := NewSummariser(base)
	for ev, err := range cr.evaluated(base) {
		if err != nil {
			return nil, err
		}
		// used is read once the rows it was noted after have come,
		// so never as the reading writes it.
		if len(h.rows)+h.rejected == presizeAfter && used >= 0 {
			h.presize(counted.size, used)
			used = -1
		}
		if ev.good {
			h.keep(ev.Case, ev.Line, ev.results[0])
		} else {
			h.rejected++
		}
		if res := ev.results[0]; res != nil {
			sm.Add(res)
		} else {
			sm.Reject()
		}
		if visit != nil {
			if err := visit(ev.Row, ev.results[0]); err != nil {
				return nil, err
			}
		}
	}
	h.sm, h.summary, h.warnings = sm, sm.Summary(), cr.Warnings()
	return h, nil
}

// countedReader counts the bytes read from r, which says its size.
type countedReader struct {
	r       io.Reader
	n, size int64
}

func (c *countedReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// presizeAfter is the number of rows held before the rows of the whole file
// are made room for.
const presizeAfter = 4096

// presize makes room in h.rows, once, for the rows a file of size bytes
// holds at the rate of those read from its first used bytes, and a thirty-
// second more: a file of 500,000 rows is held in the one slice rather than
// copied into longer and longer ones as it grows. So as
// not to hold memory a file of short rows at its start would not use, it
// makes room for a row every 24 bytes at most (a heldRow is 128); past what
// it makes room for, the rows grow as any slice does. used is the bytes the
// rows held and rejected so far took.
func (h *HeldCohort) presize(size, used int64) {
	n := int64(len(h.rows) + h.rejected)
	if used <= 0 || size <= used {
		return
	}
	want := size * n / used
	want = min(want+want/32, size/24)
	if want <= int64(cap(h.rows)) {
		return
	}
	rows := make([]heldRow, len(h.rows), want)
	copy(rows, h.rows)
	h.rows = rows
}

// keep holds a row good in itself, with the baseline's result res, nil
// where the baseline rejects it.
func (h *HeldCohort) keep(c Case, line int, res *Result) {
	hr, fits := hold(c, line)
	if !fits {
		c.settle() // kept whole: its amounts written, were any read in pence
		h.odd = append(h.odd, c)
		hr.odd = int32(len(h.odd))
	}
	if res != nil {
		hr.flags |= rowOK
		band, _ := h.base.AgeBand(res.Age)
		hr.band = int16(band)
		h.same[band]++
		h.sameScore[scoreBandOf(h.base, int(hr.score), hr.flags&rowScore != 0)]++
		hr.reads = res.reads
		if a := res.allocPennies(); a.ok {
			hr.alloc, hr.flags = a.pence, hr.flags|rowAllocFits
		} else {
			if h.oddAlloc == nil {
				h.oddAlloc = map[int]Money{}
			}
			h.oddAlloc[len(h.rows)] = res.AnnualBudget()
		}
	}
	h.rows = append(h.rows, hr)
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
	h       *HeldCohort
	scen    *Policy
	next    int
	sm      *Summariser
	changed *bandChanges
	errs    []error
	errsN   int
	// onlyRates: the scenario changes only the cells of the rates table
	// marked in cells, and sm starts as the baseline's summary.
	onlyRates bool
	cells     uint64
	// onlyModeration: the scenario changes only which scores moderation
	// flags, and sm starts as the baseline's summary.
	onlyModeration bool
}

// maxComparerErrors bounds the row errors a Comparer keeps; it counts them all.
const maxComparerErrors = 100

// Comparer starts comparing the cohort under scen with the baseline.
func (h *HeldCohort) Comparer(scen *Policy) *Comparer {
	c := &Comparer{h: h, scen: scen, changed: newBandChanges(h.base)}
	switch cells, ok := h.base.changedCells(scen); {
	case scen == h.base:
	case ok:
		// Only rates change: a row that read no changed cell is as it was,
		// and the others are taken out of the baseline's summary and put
		// back as the scenario has them.
		c.sm, c.cells, c.onlyRates = h.sm.clone(scen), cells, true
	case h.base.onlyModerationDiffers(scen):
		// Only the moderation window changes: every budget is as it was,
		// and a row is moved between the counts of flagged scores.
		c.sm, c.onlyModeration = h.sm.clone(scen), true
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
	a.annualUnits, a.unitsOf, b.annualUnits, b.unitsOf = nil, nil, nil, nil
	if !reflect.DeepEqual(a, b) {
		return 0, false
	}
	return cells, true
}

// onlyModerationDiffers says whether q is p with nothing changed but its
// moderation's window, whether a score at the window's edge is flagged, and
// its source: the same steps, and so the same counts by step, and no budget
// changed.
func (p *Policy) onlyModerationDiffers(q *Policy) bool {
	if p.Moderation == nil || q.Moderation == nil || !slices.Equal(p.Moderation.Steps, q.Moderation.Steps) {
		return false
	}
	a, b := *p, *q
	a.Moderation, b.Moderation = nil, nil
	return reflect.DeepEqual(a, b)
}

// Total is the number of rows to compare: the rows good in themselves;
// Step has compared them all when it says so.
func (c *Comparer) Total() int { return len(c.h.rows) }

// Errors are the first rows the scenario alone rejects (a row the baseline
// rejects was reported when the file was read), and how many there are.
func (c *Comparer) Errors() ([]error, int) { return c.errs, c.errsN }

// Step compares up to n more rows and says whether every row is compared.
// The baseline itself is compared in one step, whatever n: every row is
// unchanged, and HoldCohort counted them by band as it read them.
func (c *Comparer) Step(n int) bool {
	if c.sm == nil {
		if c.next < len(c.h.rows) {
			c.changed.addSame(c.h.same, c.h.sameScore)
			c.next = len(c.h.rows)
		}
		return true
	}
	end := min(c.next+n, len(c.h.rows))
	for ; c.next < end; c.next++ {
		hr := &c.h.rows[c.next]
		ok := hr.flags&rowOK != 0
		si := scoreBandOf(c.h.base, int(hr.score), hr.flags&rowScore != 0)
		if c.onlyRates && ok && hr.reads&c.cells == 0 {
			c.changed.addAt(int(hr.band), si, pennies{ok: true})
			continue
		}
		if c.onlyModeration {
			// A row the baseline rejects, the scenario rejects too, and the
			// baseline's summary counts it so already.
			if ok {
				if hr.flags&rowScore != 0 {
					c.sm.moveModeration(c.h.base.moderate(int(hr.score)), c.scen.moderate(int(hr.score)))
				}
				c.changed.addAt(int(hr.band), si, pennies{ok: true})
			}
			continue
		}
		cs := c.h.caseOf(hr)
		if c.onlyRates {
			// Take the row out as the baseline counted it.
			if ok {
				ra, _ := evaluate(c.h.base, cs, false)
				c.sm.remove(ra)
			} else {
				c.sm.s.RejectedRows--
			}
		}
		rb, errB := evaluate(c.scen, cs, false)
		if errB != nil && ok {
			c.errsN++
			if len(c.errs) < maxComparerErrors {
				c.errs = append(c.errs, place(errB, c.h.name, int(hr.line)))
			}
		}
		var was pennies
		if ok {
			was = c.h.baseAlloc(c.next)
		}
		compareRow(c.sm, c.changed, ok, int(hr.band), si, was, rb)
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
	return p.money().Sign()
}

// money is the amount: the decimal it was made from, or one made now from
// its pence, with the places it was worked out to.
func (p pennies) money() Money {
	if p.built || !p.ok {
		return p.m
	}
	return decimal.New(p.pence/pow10[p.drop], int32(p.drop)-2)
}

// equal says whether p and q are the same amount.
func (p pennies) equal(q pennies) bool {
	if p.ok && q.ok {
		return p.pence == q.pence
	}
	return p.money().Equal(q.money())
}

// atLeast says whether p is q or more.
func (p pennies) atLeast(q pennies) bool {
	if p.ok && q.ok {
		return p.pence >= q.pence
	}
	return p.money().GreaterThanOrEqual(q.money())
}

func (p pennies) neg() pennies {
	if p.ok {
		return pennies{pence: -p.pence, ok: true}
	}
	return penniesOf(p.money().Neg())
}

// Comparison is the comparison of the rows compared so far: of the whole
// cohort once Step has said so.
func (c *Comparer) Comparison() *Comparison {
	cmp := &Comparison{Warnings: c.h.warnings, Changed: c.changed.result(), ByScoreBand: c.changed.scores.result()}
	cmp.Baseline, cmp.Scenario = c.h.summary, c.h.summary
	if c.sm != nil {
		cmp.Scenario = c.sm.Summary()
	}
	return cmp
}

// clone is a copy of the summariser, to go on counting under p: a policy
// whose groups, steps, age bands and budget are sm's.
func (sm *Summariser) clone(p *Policy) *Summariser {
	c := *sm
	c.nexts = append([]int(nil), sm.nexts...)
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
	c.days = append([]total(nil), sm.days...)
	return &c
}

// moveModeration counts a child flagged as now says rather than as was says.
func (sm *Summariser) moveModeration(was, now ModerationOutcome) {
	s := &sm.s
	if was.Flagged {
		s.ModerationFlagged--
		s.ModerationByStep[sm.stepAt(was.Step)].Count--
	}
	if now.Flagged {
		s.ModerationFlagged++
		s.ModerationByStep[sm.stepAt(now.Step)].Count++
	}
}
