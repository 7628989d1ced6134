package engine

// Prices: whether a council published them, the table of rates by age band
// and score band, and how amounts are rounded, each with its decoder.

import (
	"math"
)

// Prices say whether the council published its prices, and their units.
type Prices struct {
	Published          bool
	Illustrative       bool // prices a scenario supplies, not the council's
	Source             string
	UnpublishedMessage string
	FixedUnit          string
	PerPointUnit       string
	WeeksPerYear       int
}

func (d *decoder) prices(n *Node, p *Policy) {
	m := d.mapping(n, "prices", "published", "illustrative", "source", "unpublished_message", "fixed_unit", "per_point_unit", "weeks_per_year")
	pr := &p.Prices
	pr.Published = m.boolean("published")
	pr.Source = m.str("source", true)
	pr.WeeksPerYear = m.integer("weeks_per_year", true, 1, 53)
	if !d.ok(m.value["published"]) {
		d.pricesUnknown = true
		return
	}
	if m.has("illustrative") {
		pr.Illustrative = m.boolean("illustrative")
		if pr.Illustrative && !pr.Published {
			d.fail(m.value["illustrative"], "prices.illustrative", "true", KindNotAllowed, "is only for prices given: set published to true with them")
		}
	}
	if pr.Published {
		pr.FixedUnit = m.str("fixed_unit", true)
		pr.PerPointUnit = m.str("per_point_unit", true)
		if m.has("unpublished_message") {
			d.fail(m.value["unpublished_message"], "prices.unpublished_message", "", KindNotAllowed, "is only for prices that are not published")
		}
	} else {
		pr.UnpublishedMessage = m.str("unpublished_message", true)
	}
}

// rates reads the table of rates: for each age band, for each priced score
// band, a fixed annual offer (in pounds and pence) or a rate per point per week
// (to a hundredth of a penny).
func (d *decoder) rates(m *mapping, p *Policy) {
	n := m.value["rates"]
	if d.pricesUnknown {
		return
	}
	if !p.Prices.Published {
		if n != nil {
			d.fail(n, "rates", "", KindNotAllowed, "must be left out: prices.published is false")
		}
		return
	}
	if n == nil {
		m.required("rates")
		return
	}
	if p.Scores == nil {
		return
	}
	ageIDs := make([]string, len(p.Age.Bands))
	for i, b := range p.Age.Bands {
		ageIDs[i] = b.ID
	}
	var priced []string
	for _, b := range p.Scores.Bands {
		if b.Basis != BasisNone {
			priced = append(priced, b.ID)
		}
	}
	table := d.mapping(n, "rates", ageIDs...)
	p.rates = make([][]Money, len(p.Age.Bands))
	p.annual = make([][]Money, len(p.Age.Bands))
	for ai, ab := range p.Age.Bands {
		p.rates[ai] = make([]Money, len(p.Scores.Bands))
		p.annual[ai] = make([]Money, len(p.Scores.Bands))
		rn := table.required(ab.ID)
		if rn == nil {
			continue
		}
		row := d.mapping(rn, join("rates", ab.ID), priced...)
		for si, sb := range p.Scores.Bands {
			if sb.Basis == BasisNone {
				continue
			}
			cell := row.required(sb.ID)
			if cell == nil {
				continue
			}
			path := join(join("rates", ab.ID), sb.ID)
			if sb.Basis == BasisFixed {
				p.rates[ai][si] = d.amount(cell, path, 2)
				p.annual[ai][si] = p.rates[ai][si]
			} else {
				p.rates[ai][si] = d.amount(cell, path, 4)
				p.annual[ai][si] = p.rates[ai][si].Mul(decimalInt(p.Prices.WeeksPerYear))
			}
		}
	}
	p.setUnits()
}

// setUnits works out the annual rates in ten-thousandths of a pound, once,
// for cellUnits.
func (p *Policy) setUnits() {
	p.annualUnits = make([][]int64, len(p.annual))
	for ai, row := range p.annual {
		p.annualUnits[ai] = make([]int64, len(row))
		for si, a := range row {
			u, ok := units(a, 4)
			if !ok {
				u = noUnits
			}
			p.annualUnits[ai][si] = u
		}
	}
	p.unitsOf = p.annual
}

// noUnits marks a rate that annualUnits does not hold.
const noUnits = math.MinInt64

// cellUnits is the annual rate of cell (see cell) in ten-thousandths of a
// pound, from the table setUnits worked out, and true; or false where that
// table does not hold it, as for a copy of the policy given other rates, and
// the caller reads the cell. It marks the cell in r as cell does.
func (p *Policy) cellUnits(r *Result, ai, si int) (int64, bool) {
	if len(p.unitsOf) == 0 || len(p.annual) == 0 || &p.unitsOf[0] != &p.annual[0] {
		return 0, false
	}
	if r != nil {
		r.reads |= p.cellBit(ai, si)
	}
	u := p.annualUnits[ai][si]
	return u, u != noUnits
}

// Rate returns the published rate of an age band and a score band: a fixed
// annual offer or a rate per point per week, as the score band's Basis says.
func (p *Policy) Rate(ageBand, scoreBand int) Money {
	return p.rates[ageBand][scoreBand]
}

func (d *decoder) rounding(n *Node, p *Policy) {
	m := d.mapping(n, "rounding", "places", "mode", "source")
	p.Rounding.Places = int32(m.integer("places", true, 0, 2))
	p.Rounding.Source = m.str("source", true)
	switch v := RoundingMode(m.str("mode", true)); v {
	case HalfAwayFromZero, HalfEven, Down, Up:
		p.Rounding.Mode = v
	case "":
	default:
		d.fail(m.value["mode"], "rounding.mode", string(v), KindInvalid, "is not a rounding mode: expected half-away-from-zero, half-even, down or up")
	}
}
