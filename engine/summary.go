package engine

import (
	"bytes"

	"encoding/json"
	"fmt"
	"github.com/shopspring/decimal"
	"strconv"
	"time"
)

// Summary is what a cohort comes to under a policy: how many children, how
// many eligible, the total allocation against the total base cost, who gains
// and who loses, the transition groups, moderation, spend by financial year
// through the transition, and the same by age band.
type Summary struct {
	Policy            *Policy
	Children          int // rows evaluated
	RejectedRows      int // rows with errors, left out of every other figure
	Eligible          int
	TotalAllocation   Money
	WithCurrentCost   int
	TotalBaseCost     Money // over rows with a current cost
	Higher            int   // allocation above the base cost
	Lower             int   // allocation below the base cost
	Unchanged         int   // allocation equal to the base cost
	Groups            []Count
	ModerationFlagged int
	ModerationByStep  []Count
	ByAgeBand         []BandSummary
	SpendByYear       []YearSpend
	Budget            *BudgetCheck
	// Distribution counts the children by annual allocation, in bands of
	// £2,000: £0 to £1,999.99, £2,000 to £3,999.99, … and £30,000 and over.
	Distribution []Count
}

// distributionWidth and distributionBands shape Summary.Distribution.
const (
	distributionWidth = 2000
	distributionBands = 16
)

// DistributionBand names band i of Summary.Distribution, in full as the
// summary's counts are named ("£2,000.00 to £3,999.99", and "£30,000.00 and
// over" for the last), and short as a chart's axis has room for ("£2k"). It
// is the one place the bands are labelled.
func DistributionBand(i int) (name, short string) {
	from := i * distributionWidth
	lo := FormatMoney(decimalInt(from))
	short = "£" + itoa(from/1000) + "k"
	if i == distributionBands-1 {
		return lo + " and over", short
	}
	return lo + " to " + FormatMoney(decimalInt(from+distributionWidth).Sub(penny)), short
}

// Count is a number of children under a name: a group's id, a step.
type Count struct {
	Name  string
	Count int
}

// BandSummary is the summary of the children of one age band.
type BandSummary struct {
	Band            AgeBand
	Children        int
	Eligible        int
	TotalAllocation Money
	WithCurrentCost int
	TotalBaseCost   Money
	Higher, Lower   int
	Unchanged       int
	Gains           Money // the sum of increases over the base cost
	Losses          Money // the sum of decreases from the base cost
}

// YearSpend is the spend of a financial year, 1 April to 31 March, with each
// child's annual amount counted for the days it applies.
type YearSpend struct {
	Year  int // the year the financial year starts in
	Spend Money
}

// Label writes a financial year as councils do: 2013/14.
func (y YearSpend) Label() string { return fmt.Sprintf("%d/%02d", y.Year, (y.Year+1)%100) }

// BudgetCheck sets the spend of the budget's financial year against it.
type BudgetCheck struct {
	Budget *Budget
	Spend  Money // the cohort's spend in the budget's financial year
	Left   Money // the budget less the spend: negative when over
}

// Summariser adds up results one at a time, in memory that does not grow with
// the number of rows.
type Summariser struct {
	p *Policy
	// s holds the summary's counts as rows are added, but for the
	// cohort's Children, Eligible, WithCurrentCost, Higher, Lower and
	// Unchanged: a row is counted once, in its age band, and Summary adds
	// the bands up. bands[i] holds the amounts of age band i, which
	// Summary adds up likewise for the cohort's totals.
	s        Summary
	bands    []sums
	groupIdx map[string]int
	// groupIDs[k] is the id of group k of the policy the summary began with
	// and groupAt[k] is groupIdx of it: a plan's group is found by its
	// index (Plan.group) without hashing its id.
	groupIDs []string
	groupAt  []int
	steps    []int // the policy's moderation steps, in order
	// numer[y-base] is Σ amount × days for financial year y, divided by the
	// days of the year at the end; tail[y-base] is the sum of the annual
	// amounts that run unchanged for all of year y and after.
	numer []total
	tail  []total
	// starts[y-base] and ends[y-base] count the schedules that start and
	// end in year y: the years of the summary run from the first start to
	// the last end, which stays exact as results are taken out.
	starts []int
	ends   []int
	// nexts[y-base] is yearStartDay(y+1), where year y ends, read by
	// spend a year of a row without working it out.
	nexts []int
	base  int
	// days[d-dayFrom] is the change on day d of the annual amount of the
	// schedules spendDays adds, in whole pence: each amount from its
	// date, until the day the child leaves or else the end of the
	// financial year of the schedule's last change, from which tail takes
	// the last amount on. Summary adds the amount on each day to numer.
	// It spans the days of the schedules added, at most ledgerDays; a
	// schedule out of it is spendYears'.
	days    []total
	dayFrom int
}

// ledgerDays is the most days Summariser.days spans: 44 years, in 384 KiB,
// room for a cohort assessed over many years and its amounts to each child's
// 18th birthday.
const ledgerDays = 1 << 14

// sums are the running totals of a summary or of one age band.
type sums struct {
	alloc, base, gains, losses total
}

// total is an exact running sum of amounts: whole pence in an int64 while
// they fit, the rest as a decimal. Adding pence to an int64 is many times
// quicker than adding decimals, which matters for a file of 500,000 rows.
type total struct {
	pence int64
	rest  Money
}

// pennies is an amount with, where it fits, its whole pence worked out once
// for the several totals it is added to. Where ok, the pence are the amount,
// and m holds it as a decimal only where built is set: otherwise the decimal
// is made when asked for (money), with the places the amount was worked out
// to (2 - drop), so that a cohort, which adds pence, makes no decimal a row.
// Where not ok, m is the amount.
//
// The bounds checked where values enter keep every product in an int64
// (whose largest value is about 9.2 × 10^18):
//   - an amount has at most 12 whole digits of pounds (maxAmountDigits), so
//     its pence, and the difference of two, are under 2 × 10^14; units gives
//     pence only up to 10^15, the rest stays a decimal;
//   - a rate has at most 4 places (the policy's decoder), so it is a whole
//     number of ten-thousandths of a pound (units(annual, 4), at most
//     10^15 of them), and its product with a score (at most maxScore,
//     100,000) is checked against math.MaxInt64 before it is made
//     (pricePennies);
//   - a total adds pence only while it is within ±2^61 (add), and a
//     product of pence and a count of days or children only where it is
//     within ±2^61 too (addTimes), so that the sum stays under 2^62; past
//     that it goes on in decimals, exactly.
type pennies struct {
	m     Money
	pence int64
	ok    bool
	built bool
	drop  int8 // the amount is whole units of 10^(drop-2) pounds
}

func penniesOf(m Money) pennies {
	u, ok := units(m, 2)
	return pennies{m: m, pence: u, ok: ok, built: true}
}

// zeroPennies is no money: the decimal zero, as written.
var zeroPennies = pennies{m: zero, ok: true, built: true}

func (t *total) add(a pennies) {
	if a.ok && t.pence < 1<<61 && t.pence > -1<<61 {
		t.pence += a.pence // small enough to be inlined where it is called
		return
	}
	t.addRest(a)
}

// addRest is add for an amount not in pence or a total past ±2^61.
func (t *total) addRest(a pennies) {
	switch {
	case a.ok:
		t.rest = t.rest.Add(decimal.New(a.pence, -2))
	default:
		t.rest = t.rest.Add(a.money())
	}
}

// addTimes adds a × n, n ≥ 0.
func (t *total) addTimes(a pennies, n int) {
	// Where a is under 2^30 pence and n under 2^31, the product is under
	// 2^61, as the test after it asks, without a division to show it.
	if a.ok && a.pence <= 1<<30 && a.pence >= -1<<30 && n >= 0 && n < 1<<31 && t.pence < 1<<61 && t.pence > -1<<61 {
		t.pence += a.pence * int64(n)
		return
	}
	if a.ok && n >= 0 && n < 1<<31 && abs64(a.pence) <= (1<<61)/max(int64(n), 1) && t.pence < 1<<61 && t.pence > -1<<61 {
		t.pence += a.pence * int64(n)
		return
	}
	t.rest = t.rest.Add(a.money().Mul(decimalInt(n)))
}

// addSigned is addTimes(signed(*a, by), n), without copying a where its
// pence are small enough that the product is under 2^61, as addTimes asks.
func (t *total) addSigned(a *pennies, by, n int) {
	if a.ok && a.pence <= 1<<30 && a.pence >= -1<<30 && n >= 0 && n < 1<<31 && t.pence < 1<<61 && t.pence > -1<<61 {
		if by < 0 {
			t.pence -= a.pence * int64(n)
		} else {
			t.pence += a.pence * int64(n)
		}
		return
	}
	t.addTimes(signed(*a, by), n)
}

// addPence adds a pence, |a| ≤ 2^51.
func (t *total) addPence(a int64) {
	if t.pence < 1<<61 && t.pence > -1<<61 {
		t.pence += a // small enough to be inlined where it is called
		return
	}
	t.addRest(pennies{pence: a, ok: true})
}

// addTotal adds u.
func (t *total) addTotal(u total) {
	if !u.rest.IsZero() {
		t.rest = t.rest.Add(u.rest)
	}
	if t.pence < 1<<61 && t.pence > -1<<61 && u.pence < 1<<61 && u.pence > -1<<61 {
		t.pence += u.pence
		return
	}
	t.rest = t.rest.Add(decimal.New(u.pence, -2))
}

func (t total) value() Money { return t.rest.Add(decimal.New(t.pence, -2)) }

// year returns the index of financial year y in numer and tail, growing them.
func (sm *Summariser) year(y int) int {
	// Small enough to be inlined: numer is empty until growYear makes it.
	if i := y - sm.base; uint(i) < uint(len(sm.numer)) {
		return i
	}
	return sm.growYear(y)
}

// growYear is year for a year numer and tail do not hold yet.
func (sm *Summariser) growYear(y int) int {
	if sm.numer == nil {
		sm.base = y
	}
	for y < sm.base {
		sm.numer = append([]total{{}}, sm.numer...)
		sm.tail = append([]total{{}}, sm.tail...)
		sm.starts = append([]int{0}, sm.starts...)
		sm.ends = append([]int{0}, sm.ends...)
		sm.base--
	}
	for y-sm.base >= len(sm.numer) {
		sm.numer = append(sm.numer, total{})
		sm.tail = append(sm.tail, total{})
		sm.starts = append(sm.starts, 0)
		sm.ends = append(sm.ends, 0)
	}
	sm.nexts = sm.nexts[:0]
	for i := range sm.numer {
		sm.nexts = append(sm.nexts, yearStartDay(sm.base+i+1))
	}
	return y - sm.base
}

// NewSummariser starts a summary of a cohort under policy p.
func NewSummariser(p *Policy) *Summariser {
	sm := &Summariser{p: p, groupIdx: map[string]int{}}
	s := &sm.s
	s.Policy = p
	for i, g := range p.Transition.Groups {
		s.Groups = append(s.Groups, Count{Name: g.ID})
		sm.groupIdx[g.ID] = i
		sm.groupIDs = append(sm.groupIDs, g.ID)
	}
	for _, id := range sm.groupIDs {
		sm.groupAt = append(sm.groupAt, sm.groupIdx[id])
	}
	if p.Moderation != nil {
		for _, st := range p.Moderation.Steps {
			s.ModerationByStep = append(s.ModerationByStep, Count{Name: itoa(st)})
			sm.steps = append(sm.steps, st)
		}
	}
	for _, b := range p.Age.Bands {
		s.ByAgeBand = append(s.ByAgeBand, BandSummary{Band: b})
	}
	sm.bands = make([]sums, len(p.Age.Bands))
	for i := range distributionBands {
		name, _ := DistributionBand(i)
		s.Distribution = append(s.Distribution, Count{Name: name})
	}
	return sm
}

// Reject counts a row that had errors.
func (sm *Summariser) Reject() { sm.s.RejectedRows++ }

// Add counts the result of one child.
func (sm *Summariser) Add(r *Result) { sm.add(r, 1) }

// remove takes back the result of one child that Add counted: the summary is
// then as if it had never been added.
func (sm *Summariser) remove(r *Result) { sm.add(r, -1) }

// add counts a result once (by 1) or takes it back (by -1).
func (sm *Summariser) add(r *Result, by int) {
	s := &sm.s
	ai := r.band - 1 // sm.p.AgeBand(r.Age), as the evaluation found it
	if ai < 0 || r.Policy != sm.p {
		ai, _ = sm.p.AgeBand(r.Age)
	}
	band, bandSums := &s.ByAgeBand[ai], &sm.bands[ai]
	band.Children += by
	if r.Eligible {
		band.Eligible += by
	}
	alloc := r.allocPennies()
	bucket := distributionBands - 1
	if alloc.ok && alloc.pence < distributionWidth*100*distributionBands {
		bucket = int(alloc.pence / (distributionWidth * 100))
	}
	if by < 0 {
		alloc = alloc.neg()
	}
	s.Distribution[bucket].Count += by
	bandSums.alloc.add(alloc)
	if r.Moderation.Flagged {
		s.ModerationFlagged += by
		s.ModerationByStep[sm.stepAt(r.Moderation.Step)].Count += by
	}
	if t := r.Transition; t != nil {
		band.WithCurrentCost += by
		base := t.base // t.basePennies(), without the call where it is set
		if !base.ok {
			base = t.basePennies()
		}
		bandSums.base.add(signed(base, by))
		s.Groups[sm.groupOf(t)].Count += by
		decrease := t.decreasePennies()
		sign := 0 // decrease.sign(), without the call where it is in pence
		switch {
		case !decrease.ok:
			sign = decrease.sign()
		case decrease.pence > 0:
			sign = 1
		case decrease.pence < 0:
			sign = -1
		}
		switch sign {
		case 1:
			band.Lower += by
			bandSums.losses.add(signed(decrease, by))
		case -1:
			band.Higher += by
			bandSums.gains.add(signed(decrease.neg(), by))
		default:
			band.Unchanged += by
		}
		leaves := r.leaves // r.LeavesOn(), as the transition found it
		if leaves.IsZero() {
			leaves = r.LeavesOn()
		}
		sm.spend(t.Schedule, leaves, by)
	} else {
		one := [1]Entry{entry(r.AssessedOn, r.allocPennies(), "")}
		sm.spend(one[:], r.LeavesOn(), by)
	}
}

// stepAt is the index of moderation step st among the policy's steps (the
// last, were one given twice), or 0: a few steps looked through, rather than
// a map hashed a row.
func (sm *Summariser) stepAt(st int) int {
	for i := len(sm.steps) - 1; i >= 0; i-- {
		if sm.steps[i] == st {
			return i
		}
	}
	return 0
}

// groupOf is groupIdx of the group of plan t.
func (sm *Summariser) groupOf(t *Plan) int {
	if k := t.group - 1; k >= 0 && k < len(sm.groupIDs) && sm.groupIDs[k] == t.Group.ID {
		return sm.groupAt[k]
	}
	return sm.groupIdx[t.Group.ID]
}

// signed is p, or p taken away where by is negative.
func signed(p pennies, by int) pennies {
	if by < 0 {
		return p.neg()
	}
	return p
}

// spend adds a schedule to the spend by financial year: each amount for the
// days it applies, up to the end of the financial year of the last change,
// and the last amount for every year after; but nothing from the day the
// child leaves the model, which the schedule may not reach (Decision
// turns-18). The years the summary shows run to the last change of any
// schedule; leaving is not counted as a change for them, only in the amounts.
func (sm *Summariser) spend(sched []Entry, leaves Date, by int) {
	startYear := financialYear(sched[0].From)
	endYear := financialYear(sched[len(sched)-1].From)
	sm.starts[sm.year(startYear)] += by
	sm.ends[sm.year(endYear)] += by
	// Amounts stop on the day the child leaves: a last entry of nothing,
	// entry n where stops is set, read here without copying the schedule.
	n, stops := len(sched), false
	// The amount's sign, without the call where it is in pence.
	if last := &sched[n-1].pence; leaves.After(sched[n-1].From) && ((last.ok && last.pence != 0) || (!last.ok && last.sign() != 0)) {
		stops = true
		endYear = financialYear(leaves)
	}
	// The years from the first to the one after the last are made first,
	// so that spendYears reads numer by index, but for a year a schedule
	// out of date order would name, made as it is reached.
	sm.year(endYear + 1)
	sm.year(startYear)
	if !sm.spendDays(sched, leaves, stops, endYear, by) {
		sm.spendYears(sched, leaves, stops, endYear, by)
	}
	last := &zeroPennies
	if !stops {
		last = &sched[n-1].pence
	}
	sm.tail[sm.year(endYear+1)].add(signed(*last, by))
}

// spendDays is spend's amounts for the days they apply, written as the days
// on which the annual amount changes (days), for a schedule in date order
// whose days are in the table of months and the ledger's span and whose
// amounts are within ±2^50 pence: a few additions a row, where spendYears
// multiplies each amount by its days in each year. It adds nothing and is
// false for any other schedule. TestSpendDaysTwin compares the two.
func (sm *Summariser) spendDays(sched []Entry, leaves Date, stops bool, endYear, by int) bool {
	// The days of the entries, the day the child leaves and the end of
	// the last year, each checked before anything is added, so that a
	// schedule is added whole or not at all.
	var at [8]int
	if len(sched) >= len(at) { // at holds the entries' days and the leaving
		return false
	}
	for i := range sched {
		d, ok := sched[i].From.tableDay()
		a := &sched[i].pence
		if !ok || !a.ok || a.pence > 1<<50 || a.pence < -1<<50 || (i > 0 && d < at[i-1]) {
			return false
		}
		at[i] = d
	}
	if stops {
		d, ok := leaves.tableDay()
		if !ok {
			return false
		}
		at[len(sched)] = d
	}
	end := yearStartDay(endYear + 1)
	// Where the ledger holds the days already, without the call.
	if at[0] < sm.dayFrom || end >= sm.dayFrom+len(sm.days) {
		if !sm.ledger(at[0], end) {
			return false
		}
	}
	days, from := sm.days, sm.dayFrom
	was := int64(0) // the amount before, signed
	for i := range sched {
		v := sched[i].pence.pence
		if by < 0 {
			v = -v
		}
		days[at[i]-from].addPence(v - was)
		was = v
	}
	if stops {
		days[at[len(sched)]-from].addPence(-was)
		was = 0
	}
	days[end-from].addPence(-was)
	return true
}

// ledger makes days span the days from lo to hi, where it can without
// spanning more than ledgerDays, growing it by at least as many days as it
// has, so that a file whose days run on a little a row makes it grow a few
// times only.
func (sm *Summariser) ledger(lo, hi int) bool {
	from, to := sm.dayFrom, sm.dayFrom+len(sm.days) // days from..to-1
	if len(sm.days) > 0 && lo >= from && hi < to {
		return true
	}
	if len(sm.days) == 0 {
		from, to = lo, lo
	}
	if lo < from {
		from = min(lo, from-len(sm.days))
	}
	if hi >= to {
		to = max(hi+1, to+len(sm.days))
	}
	if to-from > ledgerDays {
		// Grown by what it needs alone, where doubling would span too
		// many days.
		from, to = min(lo, sm.dayFrom), max(hi+1, sm.dayFrom+len(sm.days))
		if len(sm.days) == 0 {
			from, to = lo, hi+1
		}
		if to-from > ledgerDays {
			return false
		}
	}
	days := make([]total, to-from)
	if len(sm.days) > 0 {
		copy(days[sm.dayFrom-from:], sm.days)
	}
	sm.days, sm.dayFrom = days, from
	return true
}

// spendYears is spend's amounts for the days they apply, for any schedule:
// each amount times its days in each financial year, added to numer.
func (sm *Summariser) spendYears(sched []Entry, leaves Date, stops bool, endYear, by int) {
	n := len(sched)
	count := n
	if stops {
		count++
	}
	base, numer, nexts := sm.base, sm.numer, sm.nexts
	// Day by day numbers: each amount from its date to the end of its
	// financial year, and on a year at a time until the next change. Entry
	// i is sched[i], and entry n, where the amounts stop, nothing from the
	// day the child leaves: read in place, with no closure called for them.
	start := sched[0].From
	from := start.dayNumber()
	end := yearStart(endYear + 1).dayNumber()
	for i := range count {
		a := &zeroPennies
		if i < n {
			a = &sched[i].pence
		}
		y := financialYear(start)
		next, to := start, end
		if i+1 < count {
			next = leaves
			if i+1 < n {
				next = sched[i+1].From
			}
			to = next.dayNumber()
		}
		for day := from; day < to; y++ {
			k := y - base
			if uint(k) >= uint(len(numer)) {
				k = sm.year(y)
				base, numer, nexts = sm.base, sm.numer, sm.nexts
			}
			stop := min(nexts[k], to) // the end of year y, or the next change
			numer[k].addSigned(a, by, stop-day)
			day = stop
		}
		start, from = next, to
	}
}

func financialYear(d Date) int {
	if d.Month < time.April {
		return d.Year - 1
	}
	return d.Year
}

func yearStart(y int) Date { return Date{y, time.April, 1} }

// yearStartDay is yearStart(y).dayNumber(), read from the table of months
// without the checks of a month and day that any date needs.
func yearStartDay(y int) int {
	if i := y - yearDaysFrom; uint(i) < yearDays {
		return int(monthDays[i<<4|int(time.April)])
	}
	return yearStart(y).dayNumber()
}

// Summary returns the summary of the results added so far. Spend by financial
// year runs from the first year any child's allocation starts to the last
// year any child's amount changes.
func (sm *Summariser) Summary() Summary {
	s := sm.s
	s.ByAgeBand = append([]BandSummary(nil), sm.s.ByAgeBand...)
	var alloc, base total
	for i := range s.ByAgeBand {
		b, t := &s.ByAgeBand[i], &sm.bands[i]
		b.TotalAllocation, b.TotalBaseCost = t.alloc.value(), t.base.value()
		b.Gains, b.Losses = t.gains.value(), t.losses.value()
		s.Children += b.Children
		s.Eligible += b.Eligible
		s.WithCurrentCost += b.WithCurrentCost
		s.Higher += b.Higher
		s.Lower += b.Lower
		s.Unchanged += b.Unchanged
		alloc.addTotal(t.alloc)
		base.addTotal(t.base)
	}
	s.TotalAllocation, s.TotalBaseCost = alloc.value(), base.value()
	s.Groups = append([]Count(nil), sm.s.Groups...)
	s.ModerationByStep = append([]Count(nil), sm.s.ModerationByStep...)
	s.Distribution = append([]Count(nil), sm.s.Distribution...)
	s.SpendByYear = nil
	first, last, anyYear := 0, 0, false
	for i, n := range sm.starts {
		if n > 0 {
			first, anyYear = sm.base+i, true
			break
		}
	}
	for i := len(sm.ends) - 1; i >= 0; i-- {
		if sm.ends[i] > 0 {
			last = sm.base + i
			break
		}
	}
	if b := sm.p.Budget; b != nil && anyYear && b.FinancialYear > last {
		last = b.FinancialYear
	}
	numers := sm.numers()
	running := zero
	for y := first; anyYear && y <= last; y++ {
		var numer Money
		if i := y - sm.base; i < len(numers) {
			running = running.Add(sm.tail[i].value())
			numer = numers[i].value()
		}
		days := yearStart(y).DaysUntil(yearStart(y + 1))
		spend := running.Add(sm.p.Rounding.Div(numer, decimalInt(days)))
		s.SpendByYear = append(s.SpendByYear, YearSpend{Year: y, Spend: spend})
	}
	if b := sm.p.Budget; b != nil {
		check := &BudgetCheck{Budget: b}
		for _, y := range s.SpendByYear {
			if y.Year == b.FinancialYear {
				check.Spend = y.Spend
			}
		}
		check.Left = b.Amount.Sub(check.Spend)
		s.Budget = check
	}
	return s
}

// numers is numer with the amounts of days added: for each day, the annual
// amount on it, the sum of the changes up to it, added to its year.
func (sm *Summariser) numers() []total {
	numer := append([]total(nil), sm.numer...)
	var amount total
	k := 0 // the year of day d, from base
	for i := range sm.days {
		amount.addTotal(sm.days[i])
		if amount.pence == 0 && amount.rest.IsZero() {
			continue
		}
		d := sm.dayFrom + i
		for k < len(sm.nexts) && d >= sm.nexts[k] {
			k++
		}
		// An amount is on a day of a year the schedule named, whose
		// year spend made.
		numer[k].addTotal(amount)
	}
	return numer
}

// MarshalJSON writes the summary contract of docs/rules.md ("The summary of a cohort"), then the further
// figures. It writes the bytes itself, in the order and form json.Marshal
// gives a struct of these fields (TestSummaryJSONTwin compares the two):
// built by reflection, that struct's encoder took a noticeable part of a
// small file's run under WebAssembly.
func (s Summary) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 1024)
	b = append(b, `{"policy":`...)
	b = appendJSONString(b, s.Policy.ID)
	b = appendJSONInt(b, `,"children":`, s.Children)
	b = appendJSONInt(b, `,"rejected_rows":`, s.RejectedRows)
	b = appendJSONInt(b, `,"eligible":`, s.Eligible)
	b = appendJSONMoney(b, `,"total_allocation":`, s.TotalAllocation)
	b = appendJSONInt(b, `,"with_current_cost":`, s.WithCurrentCost)
	b = appendJSONMoney(b, `,"total_base_cost":`, s.TotalBaseCost)
	b = appendJSONInt(b, `,"higher":`, s.Higher)
	b = appendJSONInt(b, `,"lower":`, s.Lower)
	b = appendJSONInt(b, `,"unchanged":`, s.Unchanged)
	b = append(b, `,"groups":`...)
	b = append(b, orderedCounts(s.Groups)...)
	b = appendJSONInt(b, `,"moderation_flagged":`, s.ModerationFlagged)
	if s.ModerationByStep != nil {
		b = append(b, `,"moderation_by_step":`...)
		b = append(b, orderedCounts(s.ModerationByStep)...)
	}
	b = append(b, `,"by_age_band":[`...)
	for i, a := range s.ByAgeBand {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"age_band":`...)
		b = appendJSONString(b, a.Band.ID)
		b = appendJSONInt(b, `,"children":`, a.Children)
		b = appendJSONInt(b, `,"eligible":`, a.Eligible)
		b = appendJSONMoney(b, `,"total_allocation":`, a.TotalAllocation)
		b = appendJSONInt(b, `,"with_current_cost":`, a.WithCurrentCost)
		b = appendJSONMoney(b, `,"total_base_cost":`, a.TotalBaseCost)
		b = appendJSONInt(b, `,"higher":`, a.Higher)
		b = appendJSONInt(b, `,"lower":`, a.Lower)
		b = appendJSONInt(b, `,"unchanged":`, a.Unchanged)
		b = appendJSONMoney(b, `,"gains":`, a.Gains)
		b = appendJSONMoney(b, `,"losses":`, a.Losses)
		b = append(b, '}')
	}
	b = append(b, `],"spend_by_financial_year":[`...)
	for i, y := range s.SpendByYear {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"financial_year":`...)
		b = appendJSONString(b, y.Label())
		b = appendJSONMoney(b, `,"spend":`, y.Spend)
		b = append(b, '}')
	}
	b = append(b, ']')
	if c := s.Budget; c != nil {
		b = append(b, `,"budget":{"label":`...)
		b = appendJSONString(b, c.Budget.Label)
		b = append(b, `,"financial_year":`...)
		b = appendJSONString(b, YearSpend{Year: c.Budget.FinancialYear}.Label())
		b = appendJSONMoney(b, `,"amount":`, c.Budget.Amount)
		b = appendJSONMoney(b, `,"spend":`, c.Spend)
		b = appendJSONMoney(b, `,"left":`, c.Left)
		b = append(b, '}')
	}
	b = append(b, `,"distribution":`...)
	b = append(b, orderedCounts(s.Distribution)...)
	return append(b, '}'), nil
}

// appendJSONString appends s as json.Marshal writes a string: as it is,
// quoted, where it has only printable ASCII that needs no escape (as ids,
// amounts and years have), and by json.Marshal otherwise.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendJSONInt appends a field's key (with the comma before it) and n.
func appendJSONInt(b []byte, key string, n int) []byte {
	return strconv.AppendInt(append(b, key...), int64(n), 10)
}

// appendJSONMoney appends a field's key (with the comma before it) and m,
// as a string to two places.
func appendJSONMoney(b []byte, key string, m Money) []byte {
	return appendJSONString(append(b, key...), fixed(m))
}

// orderedCounts writes counts as a JSON object in their own order.
func orderedCounts(cs []Count) json.RawMessage {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(c.Name)
		b.Write(k)
		fmt.Fprintf(&b, ":%d", c.Count)
	}
	b.WriteByte('}')
	return b.Bytes()
}
