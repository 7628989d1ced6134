package engine

// Transition groups: how a family moves from its current package to its
// allocation, by the size of the decrease, with their decoders.

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Transition is how a family moves from the cost of its current package (the
// base cost) to its allocation.
type Transition struct {
	Source                   string
	SupersedeOnAgeBandChange bool
	SupersedeSource          string
	Contingency              *Contingency
	// ImplementationPeriod is when the plans the groups' stage_dates serve
	// are agreed; a group with stage months too counts its stages from the
	// plan date for a plan agreed after it. Nil: each group has one form.
	ImplementationPeriod *Period
	Groups               []Group
}

// Period is a span of calendar dates, both ends included, with the section
// it comes from.
type Period struct {
	From, To Date
	Source   string
}

// Contingency is the share of a current amount held for contingencies, which
// is taken out of the base cost.
type Contingency struct {
	Rate   Money
	Source string

	// units is Rate in ten-thousandths (units(Rate, 4)), unitsOK whether
	// it fits, worked out by the decoder from of, the rate it read: a
	// summary takes the share out of a cost in whole pence without a
	// decimal a row (basePence). A Contingency copied and given another
	// rate no longer has of as its rate, and its units are worked out again.
	units   int64
	unitsOK bool
	of      Money
}

// rateUnits is units(c.Rate, 4).
func (c *Contingency) rateUnits() (int64, bool) {
	if c.of == c.Rate { // the same decimal, which is never changed once made
		return c.units, c.unitsOK
	}
	return units(c.Rate, 4)
}

func (d *decoder) transition(n *Node, p *Policy) {
	m := d.mapping(n, "transition", "source", "supersede_on_age_band_change", "supersede_source", "contingency", "implementation_period", "groups")
	t := &p.Transition
	t.Source = m.str("source", true)
	t.SupersedeOnAgeBandChange = m.boolean("supersede_on_age_band_change")
	t.SupersedeSource = m.str("supersede_source", true)
	if cn := m.value["contingency"]; cn != nil {
		c := d.mapping(cn, "transition.contingency", "rate", "source")
		t.Contingency = &Contingency{Source: c.str("source", true)}
		if r := c.required("rate"); r != nil {
			t.Contingency.Rate = d.amount(r, "transition.contingency.rate", 4)
			t.Contingency.units, t.Contingency.unitsOK = units(t.Contingency.Rate, 4)
			t.Contingency.of = t.Contingency.Rate
			if t.Contingency.Rate.GreaterThanOrEqual(decimalInt(1)) {
				d.fail(r, "transition.contingency.rate", t.Contingency.Rate.String(), KindTooLarge, "is not a share under 1, like 0.035 for 3.5%")
			}
		}
	}
	if pn := m.value["implementation_period"]; pn != nil {
		pm := d.mapping(pn, "transition.implementation_period", "from", "to", "source")
		per := &Period{Source: pm.str("source", true)}
		if fn := pm.required("from"); fn != nil {
			per.From = d.date(fn, "transition.implementation_period.from")
		}
		if tn := pm.required("to"); tn != nil {
			per.To = d.date(tn, "transition.implementation_period.to")
			if !per.From.IsZero() && !per.To.IsZero() && per.To.Before(per.From) {
				d.fail(tn, "transition.implementation_period.to", per.To.String(), KindOrder, fmt.Sprintf("is before the period's start (%s)", per.From))
			}
		}
		t.ImplementationPeriod = per
	}
	groups := m.required("groups")
	items := d.list(groups, "transition.groups")
	d.nonEmpty(groups, items, "transition.groups", "group")
	seen := map[string]bool{}
	for i, item := range items {
		path := fmt.Sprintf("transition.groups.%d", i+1)
		t.Groups = append(t.Groups, d.group(item, path, i, len(items), t.Groups, seen, p))
	}
}

// Effect is when a transition group's allocation takes effect.
type Effect string

// The effects a group may have.
const (
	EffectImmediate   Effect = "immediate"    // from the plan date
	EffectStaged      Effect = "staged"       // in stages
	EffectAfterNotice Effect = "after-notice" // at the end of the notice period
)

// Group is a transition group: the decreases (base cost minus allocation) it
// takes, to the penny, and how its allocation takes effect.
type Group struct {
	ID           string
	Label        string
	DecreaseFrom *Money // nil: no lower end
	DecreaseTo   *Money // nil: no upper end
	Effect       Effect
	Fractions    []Fraction
	// StageDates are calendar dates; StageMonths are whole months after
	// the plan date. A group has one or the other, or both where the
	// transition has an implementation period: the dates for a plan agreed
	// by its end, the months for a plan agreed after it (Transition.Calendar).
	StageDates  []Date
	StageMonths []int

	reasons []string // the reason of each stage in a schedule, made once
	due     []string // the same, for a stage due by the plan date
	from    pennies  // DecreaseFrom in whole pence, where the decoder set it
}

// fromPennies is DecreaseFrom in whole pence. DecreaseFrom must not be nil.
func (g *Group) fromPennies() pennies {
	if g.from.built {
		return g.from
	}
	return penniesOf(*g.DecreaseFrom)
}

// dueReason is the reason of stage i taking effect on the plan date, as it
// was due by then.
func (g *Group) dueReason(i int) string {
	if i < len(g.due) {
		return g.due[i]
	}
	return g.stageReason(i) + dueByPlanDate
}

const dueByPlanDate = ", due by the plan date"

func (d *decoder) group(item *Node, path string, i, count int, before []Group, seen map[string]bool, p *Policy) Group {
	g := d.mapping(item, path, "id", "label", "decrease_from", "decrease_to", "effect", "fractions", "stage_dates", "stage_months_after_plan")
	grp := Group{Label: g.str("label", true)}
	if idn := g.required("id"); idn != nil {
		grp.ID = d.id(idn, join(path, "id"))
	}
	if grp.ID != "" && seen[grp.ID] {
		d.fail(item, join(path, "id"), grp.ID, KindDuplicate, "is the id of an earlier group: each group needs its own")
	}
	seen[grp.ID] = true
	fromNode, toNode := g.value["decrease_from"], g.value["decrease_to"]
	if fromNode != nil {
		a := d.amount(fromNode, join(path, "decrease_from"), 2)
		grp.DecreaseFrom = &a
	}
	if toNode != nil {
		a := d.amount(toNode, join(path, "decrease_to"), 2)
		grp.DecreaseTo = &a
	}
	switch {
	case i == 0 && fromNode != nil:
		d.fail(fromNode, join(path, "decrease_from"), grp.DecreaseFrom.StringFixed(2), KindNotAllowed, "must be left out: the first group takes every decrease up to its decrease_to, and every increase")
	case i == count-1 && toNode != nil:
		d.fail(toNode, join(path, "decrease_to"), grp.DecreaseTo.StringFixed(2), KindNotAllowed, "must be left out: the last group takes every decrease from its decrease_from up")
	case i > 0 && fromNode == nil:
		g.required("decrease_from")
	case i < count-1 && toNode == nil:
		g.required("decrease_to")
	}
	// A value that was wrong in itself is not compared with others.
	if !d.ok(fromNode) {
		grp.DecreaseFrom = nil
	}
	if grp.DecreaseFrom != nil {
		grp.from = penniesOf(*grp.DecreaseFrom)
	}
	if !d.ok(toNode) {
		grp.DecreaseTo = nil
	}
	if grp.DecreaseFrom != nil && grp.DecreaseTo != nil && grp.DecreaseTo.LessThan(*grp.DecreaseFrom) {
		d.fail(item, path, "", KindOrder, fmt.Sprintf("ends (%s) before it starts (%s)", grp.DecreaseTo.StringFixed(2), grp.DecreaseFrom.StringFixed(2)))
	}
	if i > 0 && grp.DecreaseFrom != nil && before[i-1].DecreaseTo != nil {
		want := before[i-1].DecreaseTo.Add(penny)
		if c := grp.DecreaseFrom.Cmp(want); c < 0 {
			d.fail(fromNode, join(path, "decrease_from"), grp.DecreaseFrom.StringFixed(2), KindOverlap,
				fmt.Sprintf("overlaps group %s, which ends at %s: it should be %s", before[i-1].ID, before[i-1].DecreaseTo.StringFixed(2), want.StringFixed(2)))
		} else if c > 0 {
			d.fail(fromNode, join(path, "decrease_from"), grp.DecreaseFrom.StringFixed(2), KindGap,
				fmt.Sprintf("leaves a gap after group %s, which ends at %s: it should be %s", before[i-1].ID, before[i-1].DecreaseTo.StringFixed(2), want.StringFixed(2)))
		}
	}
	switch e := Effect(g.str("effect", true)); e {
	case EffectImmediate, EffectAfterNotice:
		grp.Effect = e
		for _, k := range []string{"fractions", "stage_dates", "stage_months_after_plan"} {
			if g.has(k) {
				d.fail(g.value[k], join(path, k), "", KindNotAllowed, fmt.Sprintf("must be left out: only a staged group has stages, and this one is %s", e))
			}
		}
	case EffectStaged:
		grp.Effect = e
		d.stages(g, path, &grp, p)
		for i := range grp.Fractions {
			grp.reasons = append(grp.reasons, grp.stageReason(i))
			grp.due = append(grp.due, grp.reasons[i]+dueByPlanDate)
		}
	case "":
	default:
		d.fail(g.value["effect"], join(path, "effect"), string(e), KindInvalid, "is not an effect: expected immediate, staged or after-notice")
	}
	return grp
}

func (d *decoder) stages(g *mapping, path string, grp *Group, p *Policy) {
	fracs := d.list(g.required("fractions"), join(path, "fractions"))
	sum := new(big.Rat)
	for j, fn := range fracs {
		fpath := fmt.Sprintf("%s.fractions.%d", path, j+1)
		s, ok := d.scalar(fn, fpath, "a fraction")
		if !ok {
			continue
		}
		f, err := parseFraction(s)
		if err != nil {
			d.fail(fn, fpath, s, KindInvalid, "is not a fraction: "+err.Error())
			continue
		}
		sum.Add(sum, f.rat())
		grp.Fractions = append(grp.Fractions, f)
	}
	if len(fracs) > 0 && len(grp.Fractions) == len(fracs) && sum.Cmp(big.NewRat(1, 1)) != 0 {
		d.fail(g.value["fractions"], join(path, "fractions"), "", KindConflict, fmt.Sprintf("sum to %s, not 1: together the stages must close the whole difference", sum.RatString()))
	}
	if g.value["fractions"] != nil && len(fracs) == 0 {
		d.fail(g.value["fractions"], join(path, "fractions"), "", KindEmpty, "must list at least one fraction")
	}
	dates, months := g.value["stage_dates"], g.value["stage_months_after_plan"]
	if dates == nil && months == nil {
		d.fail(g.node, path, "", KindMissing, "is missing the key \"stage_dates\" (or \"stage_months_after_plan\")")
		return
	}
	if dates != nil && months != nil && p.Transition.ImplementationPeriod == nil {
		d.fail(months, join(path, "stage_months_after_plan"), "", KindNotAllowed, "cannot be given with stage_dates unless transition.implementation_period says which plans the stage_dates serve: give one or the other")
		return
	}
	if dates != nil {
		items := d.list(dates, join(path, "stage_dates"))
		for j, dn := range items {
			dpath := fmt.Sprintf("%s.stage_dates.%d", path, j+1)
			v := d.date(dn, dpath)
			if j > 0 && !v.IsZero() && !grp.StageDates[j-1].IsZero() && !v.After(grp.StageDates[j-1]) {
				d.fail(dn, dpath, v.String(), KindOrder, fmt.Sprintf("is out of order: stage dates rise, and the one before is %s", grp.StageDates[j-1]))
			}
			grp.StageDates = append(grp.StageDates, v)
		}
		if len(items) != len(fracs) {
			d.fail(dates, join(path, "stage_dates"), "", KindConflict, fmt.Sprintf("lists %s for %s: each stage needs one date", plural(len(items), "date"), plural(len(fracs), "fraction")))
		}
	}
	if months != nil {
		items := d.list(months, join(path, "stage_months_after_plan"))
		for j, mn := range items {
			mpath := fmt.Sprintf("%s.stage_months_after_plan.%d", path, j+1)
			v := d.integer(mn, mpath, 1, 600)
			if j > 0 && v <= grp.StageMonths[j-1] && d.ok(mn, items[j-1]) {
				d.fail(mn, mpath, strconv.Itoa(v), KindOrder, fmt.Sprintf("is out of order: stage months rise, and the one before is %d", grp.StageMonths[j-1]))
			}
			grp.StageMonths = append(grp.StageMonths, v)
		}
		if len(items) != len(fracs) {
			d.fail(months, join(path, "stage_months_after_plan"), "", KindConflict, fmt.Sprintf("lists %s for %s: each stage needs one", plural(len(items), "stage"), plural(len(fracs), "fraction")))
		}
	}
}

// Fraction is an exact share of the difference between base cost and
// allocation, like ½ or ⅓.
type Fraction struct {
	Num, Den int64
	Text     string
}

func (f Fraction) rat() *big.Rat { return big.NewRat(f.Num, f.Den) }

// parseFraction reads a share like 1/2, 1/3, 0.5 or 1, between 0 (not
// included) and 1.
func parseFraction(s string) (Fraction, error) {
	r, ok := new(big.Rat).SetString(strings.TrimSpace(s))
	if !ok || strings.ContainsAny(s, "eE") {
		return Fraction{}, fmt.Errorf("write it like 1/2, 1/3 or 0.5")
	}
	if r.Sign() <= 0 || r.Cmp(big.NewRat(1, 1)) > 0 {
		return Fraction{}, fmt.Errorf("a stage closes more than nothing and at most all of the difference")
	}
	if !r.Num().IsInt64() || !r.Denom().IsInt64() || r.Denom().Int64() > 1000 {
		return Fraction{}, fmt.Errorf("use a denominator of at most 1000")
	}
	return Fraction{Num: r.Num().Int64(), Den: r.Denom().Int64(), Text: strings.TrimSpace(s)}, nil
}
