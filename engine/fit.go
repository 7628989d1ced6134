package engine

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Fitting the rates to a budget (docs/rules.md, "Fitting and calibrating"):
// the cells of the rates table chosen are multiplied by one factor f, a
// multiple of 0.0001 from 0 to 100, each rounded as its kind is (a rate per
// point to 4 places, a fixed offer to the penny, half away from zero), and f
// is the largest for which the cohort's total allocation a year is at most
// the budget.

// MaxFitFactor is the largest factor a fit tries, in ten-thousandths: 100.
const MaxFitFactor = 100 * fitScale

// fitScale is the ten-thousandths of a factor of 1.
const fitScale = 10_000

// Fit is a budget met by scaling rates: the factor, the total it gives, the
// changes it makes to the policy file, how many children the fitted rates
// give more and less than the policy the cohort is held under, and (from
// HeldCohort.Fit, not FitRates) the cohort compared under the fitted rates
// with that policy.
type Fit struct {
	Factor     Money // a multiple of 0.0001
	Total      Money // the cohort's total allocation a year at Factor
	Budget     Money
	Headroom   Money // Budget less Total, never negative
	Changes    []Change
	Policy     *Policy // the policy with the fitted rates
	Gain, Lose int     // children whose allocation a year the fitted rates raise, lower
	Comparison *Comparison

	fitter *fitter
}

// TotalAt is the cohort's total allocation a year with the fitted cells'
// rates, as they were before the fit, scaled by k ten-thousandths and
// rounded as the fit rounds them: the total the fit weighed at k.
func (f *Fit) TotalAt(k int64) Money { return f.fitter.total(k) }

// FitError is a budget no factor meets: the total at factor 0 is already over
// it, or the total at factor 100 is still under it. It gives both totals.
type FitError struct {
	Budget, AtZero, AtMax Money
	TooSmall              bool // the total at factor 0 exceeds the budget
}

func (e *FitError) Error() string {
	if e.TooSmall {
		return fmt.Sprintf("no factor fits a budget of %s: even at factor 0 the total allocation is %s, from the allocations given and the cells not varied",
			FormatMoney(e.Budget), FormatMoney(e.AtZero))
	}
	return fmt.Sprintf("no factor up to 100 reaches a budget of %s: at factor 100 the total allocation is %s",
		FormatMoney(e.Budget), FormatMoney(e.AtMax))
}

// Cell names one cell of the rates table by its indices.
type Cell struct{ Age, Score int }

// VaryCells are the priced cells of the rates table that paths name: key
// paths like rates.*.260-plus or rates.10-13.*, where * stands for any band.
// No paths name every priced cell. A path that names no cell is an *Error
// naming it.
func (p *Policy) VaryCells(paths []string) ([]Cell, error) {
	if p.Scores == nil || p.rates == nil {
		return nil, &Error{Field: "rates", Kind: KindMissing, Msg: "has no cells to vary: the policy publishes no rates"}
	}
	if len(paths) == 0 {
		paths = []string{"rates.*.*"}
	}
	seen := map[Cell]bool{}
	var cells []Cell
	for _, path := range paths {
		keys := strings.Split(strings.TrimSpace(path), ".")
		if len(keys) != 3 || keys[0] != "rates" {
			return nil, &Error{Field: path, Kind: KindSyntax, Msg: "is not a cell of rates: write it like rates.10-13.260-plus, with * for any band"}
		}
		found := false
		for ai, ab := range p.Age.Bands {
			for si, sb := range p.Scores.Bands {
				if sb.Basis == BasisNone || (keys[1] != "*" && keys[1] != ab.ID) || (keys[2] != "*" && keys[2] != sb.ID) {
					continue
				}
				found = true
				if c := (Cell{ai, si}); !seen[c] {
					seen[c] = true
					cells = append(cells, c)
				}
			}
		}
		if !found {
			return nil, &Error{Field: path, Kind: KindUnknownKey, Msg: "names no cell of rates: " + p.cellNames()}
		}
	}
	return cells, nil
}

// cellNames says what the keys of the rates table are, for a message.
func (p *Policy) cellNames() string {
	var ages, scores []string
	for _, b := range p.Age.Bands {
		ages = append(ages, b.ID)
	}
	for _, b := range p.Scores.Bands {
		if b.Basis != BasisNone {
			scores = append(scores, b.ID)
		}
	}
	return "the age bands are " + strings.Join(ages, ", ") + " and the score bands " + strings.Join(scores, ", ")
}

// CellPath is the key path of a cell, as a Change names it.
func (p *Policy) CellPath(c Cell) string {
	return "rates." + p.Age.Bands[c.Age].ID + "." + p.Scores.Bands[c.Score].ID
}

// withRates is p with the rates of cells set to rates (in the unit of each
// cell's band) and every other value shared with p: a scenario that changes
// only rates, which a held cohort prices again only where a child read a
// changed cell.
func (p *Policy) withRates(cells []Cell, rates []Money) *Policy {
	q := *p
	set := map[Cell]Money{}
	for i, c := range cells {
		set[c] = rates[i]
	}
	rt, an := make([][]Money, len(p.rates)), make([][]Money, len(p.annual))
	for ai := range rt {
		rt[ai], an[ai] = make([]Money, len(p.Scores.Bands)), make([]Money, len(p.Scores.Bands))
		for si := range rt[ai] {
			if rate, ok := set[Cell{ai, si}]; ok {
				rt[ai][si], an[ai][si] = rate, p.annualOf(si, rate)
			} else {
				rt[ai][si], an[ai][si] = p.Rate(ai, si), p.AnnualRate(ai, si)
			}
		}
	}
	q.rates, q.annual = rt, an
	return &q
}

// annualOf is the annual rate of a cell of score band si whose rate is rate.
func (p *Policy) annualOf(si int, rate Money) Money {
	if p.Scores.Bands[si].Basis == BasisPerPoint {
		return rate.Mul(decimalInt(p.Prices.WeeksPerYear))
	}
	return rate
}

// cellPlaces are the decimal places of a cell's rate: 4 for a rate per
// point, 2 for a fixed offer.
func (p *Policy) cellPlaces(si int) int32 {
	if p.Scores.Bands[si].Basis == BasisPerPoint {
		return 4
	}
	return 2
}

// scaledRate is a cell's rate times k ten-thousandths, rounded to the cell's
// places half away from zero.
func (p *Policy) scaledRate(c Cell, k int64) Money {
	return p.Rate(c.Age, c.Score).Mul(decimal.New(k, -4)).Round(p.cellPlaces(c.Score))
}

// FormatCell writes a cell's rate as a policy file holds it: a fixed offer
// to the penny, a rate per point with at least 2 places and at most 4.
func (p *Policy) FormatCell(c Cell, rate Money) string {
	s := rate.StringFixed(p.cellPlaces(c.Score))
	for strings.HasSuffix(s, "0") && len(s)-strings.IndexByte(s, '.') > 3 {
		s = s[:len(s)-1]
	}
	return s
}

// rateChanges are the changes to p's file that give q's rates: one for each
// priced cell whose rate differs, in the order of the table. q differs from
// p in its rates alone.
func (p *Policy) rateChanges(q *Policy) []Change {
	var out []Change
	for ai := range p.rates {
		for si, sb := range p.Scores.Bands {
			c, was, now := Cell{ai, si}, p.Rate(ai, si), q.Rate(ai, si)
			if sb.Basis == BasisNone || was.Equal(now) {
				continue
			}
			out = append(out, Change{Path: p.CellPath(c), Value: `"` + p.FormatCell(c, now) + `"`, Was: p.FormatCell(c, was)})
		}
	}
	return out
}

// fitter prices a held cohort's total allocation at a factor quickly and
// exactly: the children priced by a varied cell are counted by cell and
// score, and each count priced by the engine's own priceAt at the scaled
// rate, so that a trial costs the number of distinct scores, not of
// children. HeldCohort.Fit then checks the fitted factor's total against the
// held cohort's Comparer, which evaluates each child.
type fitter struct {
	p      *Policy
	cells  []Cell
	fixed  total     // the allocations that no varied cell prices
	counts [][]int64 // the children of each varied cell, by score
	far    [][2]int  // a varied cell's index and a score too far out to count by
}

// pricedScore is a held row's score, where a rate prices it: not where the
// allocation was given, or there is no score.
func (h *HeldCohort) pricedScore(hr *heldRow) (int, bool) {
	if hr.odd > 0 {
		c := &h.odd[hr.odd-1]
		if c.Allocation != nil || c.Score == nil {
			return 0, false
		}
		return *c.Score, true
	}
	if hr.flags&rowGiven != 0 || hr.flags&rowScore == 0 {
		return 0, false
	}
	return int(hr.score), true
}

// maxCountedScore bounds the scores counted in a slice by score; a higher
// (or a negative) score is priced child by child.
const maxCountedScore = 1 << 16

func newFitter(h *HeldCohort, p *Policy, cells []Cell) *fitter {
	nb := len(p.Scores.Bands)
	f := &fitter{p: p, cells: cells, counts: make([][]int64, len(cells))}
	// varied[ai*nb+si] is 1 + the index of the cell in cells, or 0; other
	// holds the children of the cells not varied, counted the same way.
	varied := make([]int, len(p.Age.Bands)*nb)
	for i, c := range cells {
		varied[c.Age*nb+c.Score] = i + 1
	}
	other := make([][]int64, len(varied))
	count := func(by [][]int64, i, score int) {
		if len(by[i]) <= score {
			by[i] = append(by[i], make([]int64, score+1-len(by[i]))...)
		}
		by[i][score]++
	}
	for i := range h.rows {
		hr := &h.rows[i]
		if hr.flags&rowOK == 0 {
			continue
		}
		score, ok := h.pricedScore(hr)
		if !ok {
			f.fixed.add(h.baseAlloc(i))
			continue
		}
		ai := int(hr.band)
		si, _ := p.ScoreBand(score)
		switch vi := varied[ai*nb+si]; {
		case score < 0 || score >= maxCountedScore:
			if vi > 0 {
				f.far = append(f.far, [2]int{vi - 1, score}) // priced at each trial
			} else {
				f.fixed.add(penniesOf(p.priceAt(si, p.AnnualRate(ai, si), score)))
			}
		case vi > 0:
			count(f.counts, vi-1, score)
		default:
			count(other, ai*nb+si, score)
		}
	}
	for k, by := range other {
		for score, n := range by {
			if n > 0 {
				si := k % nb
				f.fixed.addTimes(penniesOf(p.priceAt(si, p.AnnualRate(k/nb, si), score)), int(n))
			}
		}
	}
	return f
}

// rates are the varied cells' rates at factor k ten-thousandths.
func (f *fitter) rates(k int64) []Money {
	out := make([]Money, len(f.cells))
	for i, c := range f.cells {
		out[i] = f.p.scaledRate(c, k)
	}
	return out
}

// total is the cohort's total allocation a year at factor k.
func (f *fitter) total(k int64) Money {
	t := f.fixed
	for i, c := range f.cells {
		annual := f.p.annualOf(c.Score, f.p.scaledRate(c, k))
		for score, n := range f.counts[i] {
			if n > 0 {
				t.addTimes(penniesOf(f.p.priceAt(c.Score, annual, score)), int(n))
			}
		}
	}
	for _, x := range f.far {
		c := f.cells[x[0]]
		t.add(penniesOf(f.p.priceAt(c.Score, f.p.annualOf(c.Score, f.p.scaledRate(c, k)), x[1])))
	}
	return t.value()
}

// Fit finds the largest factor of the cells vary names (every priced cell
// where there are none) for which the cohort's total allocation a year is at
// most budget, and compares the cohort under the fitted rates. The cells
// scaled are start's, a policy that differs from the cohort's baseline in
// its rates alone (nil for the baseline itself). A budget no factor meets is
// a *FitError; a path naming no cell, an *Error.
func (h *HeldCohort) Fit(start *Policy, budget Money, vary []string) (*Fit, error) {
	fit, err := h.FitRates(start, budget, vary)
	if err != nil {
		return nil, err
	}
	cmp := h.Compare(fit.Policy)
	gain, lose := 0, 0
	for _, b := range cmp.Changed {
		gain, lose = gain+b.Gain, lose+b.Lose
	}
	if total := cmp.Scenario.TotalAllocation; !total.Equal(fit.Total) {
		return nil, fmt.Errorf("the fit's total %s differs from the cohort's under the fitted rates, %s", fit.Total, total)
	}
	if gain != fit.Gain || lose != fit.Lose {
		return nil, fmt.Errorf("the fit counts %d gaining and %d losing, the cohort compared under the fitted rates %d and %d", fit.Gain, fit.Lose, gain, lose)
	}
	fit.Comparison = cmp
	return fit, nil
}

// FitRates is Fit without the comparison: the factor, the total, the rates
// and the changes, and how many children gain and lose, from the children
// counted by cell and score, for a page that shows them at once and
// compares the cohort under the new rates after.
func (h *HeldCohort) FitRates(start *Policy, budget Money, vary []string) (*Fit, error) {
	if start == nil {
		start = h.base
	}
	if _, ok := h.base.changedCells(start); !ok && start != h.base {
		return nil, &Error{Kind: KindConflict, Msg: "a fit scales the rates of the policy the cohort was read under, or of one that differs from it in its rates alone"}
	}
	cells, err := start.VaryCells(vary)
	if err != nil {
		return nil, err
	}
	f := newFitter(h, start, cells)
	atZero, atMax := f.total(0), f.total(MaxFitFactor)
	k := int64(MaxFitFactor)
	switch {
	case atZero.GreaterThan(budget):
		return nil, &FitError{Budget: budget, AtZero: atZero, AtMax: atMax, TooSmall: true}
	case atMax.LessThan(budget):
		return nil, &FitError{Budget: budget, AtZero: atZero, AtMax: atMax}
	case atMax.GreaterThan(budget):
		// total(lo) ≤ budget < total(hi): the total never falls as the
		// factor rises, so bisection keeps the largest factor within it.
		lo, hi := int64(0), int64(MaxFitFactor)
		for hi-lo > 1 {
			mid := lo + (hi-lo)/2
			if f.total(mid).GreaterThan(budget) {
				hi = mid
			} else {
				lo = mid
			}
		}
		k = lo
	}
	fitted := start.withRates(cells, f.rates(k))
	total := f.total(k)
	gain, lose := h.gainLose(fitted)
	return &Fit{
		Factor: decimal.New(k, -4), Total: total, Budget: budget, Headroom: budget.Sub(total),
		Changes: h.base.rateChanges(fitted), Policy: fitted, Gain: gain, Lose: lose, fitter: f,
	}, nil
}

// gainLose counts the children whose allocation a year q, a policy that
// differs from the cohort's baseline in its rates alone, raises and lowers:
// each child a rate prices, at q's rate of their cell, against the
// allocation the baseline gave them.
func (h *HeldCohort) gainLose(q *Policy) (gain, lose int) {
	type key struct{ ai, score int }
	price := map[key]pennies{}
	for i := range h.rows {
		hr := &h.rows[i]
		if hr.flags&rowOK == 0 {
			continue
		}
		score, ok := h.pricedScore(hr)
		if !ok {
			continue
		}
		k := key{int(hr.band), score}
		now, ok := price[k]
		if !ok {
			si, _ := q.ScoreBand(score)
			now = penniesOf(q.priceAt(si, q.AnnualRate(k.ai, si), score))
			price[k] = now
		}
		switch was := h.baseAlloc(i); {
		case now.equal(was):
		case now.atLeast(was):
			gain++
		default:
			lose++
		}
	}
	return gain, lose
}

// PolicyFile is the policy file text with changes made, opened by a comment
// of the lines given: the fitted or derived policy as a file that a policy or
// a scenario is read from.
func PolicyFile(text []byte, changes []Change, comment ...string) ([]byte, error) {
	out, err := ApplyChanges(text, changes)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	for _, line := range comment {
		// A comment line is text, never YAML: a line break in it (a
		// cohort file's name may hold one) is written escaped.
		line = strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(line)
		b.WriteString(strings.TrimRight("# "+line, " ") + "\n")
	}
	if len(comment) > 0 {
		b.WriteString("\n")
	}
	b.Write(out)
	return []byte(b.String()), nil
}

// Name is the cohort file's name in messages.
func (h *HeldCohort) Name() string { return h.name }

// Warnings are what the reader of the cohort file warned of.
func (h *HeldCohort) Warnings() []string { return h.warnings }
