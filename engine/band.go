package engine

// Age and score bands: who is in scope, how ages and scores are banded, the
// routes a budget is managed by and the overnight provision of a band, each
// with its decoder.

import (
	"fmt"
	"strconv"
	"strings"
)

// AgeRules say who is in scope and how age bands are drawn. Age is the child's
// age in whole years on the date of assessment.
type AgeRules struct {
	Source            string
	OutOfScopeFrom    int    // the age from which a child is out of scope
	OutOfScopeMessage string // what the family is told at that age
	LeapDay           LeapDayRule
	Bands             []AgeBand
}

// AgeBand is a range of ages, both ends included, with one column of prices.
type AgeBand struct {
	ID    string
	Label string
	From  int
	To    int
}

func (d *decoder) age(n *Node, p *Policy) {
	m := d.mapping(n, "age", "source", "out_of_scope_from", "out_of_scope_message", "leap_day_birthdays", "bands")
	a := &p.Age
	a.Source = m.str("source", true)
	a.OutOfScopeFrom = m.integer("out_of_scope_from", true, 1, 150)
	// {age} in the message is the age out_of_scope_from gives, so that a
	// scenario that moves the age says the age it moved to.
	a.OutOfScopeMessage = strings.ReplaceAll(m.str("out_of_scope_message", true), "{age}", strconv.Itoa(a.OutOfScopeFrom))
	switch v := m.str("leap_day_birthdays", true); v {
	case "march-1":
		a.LeapDay = LeapDayMarch1
	case "february-28":
		a.LeapDay = LeapDayFebruary28
	case "":
	default:
		d.fail(m.value["leap_day_birthdays"], "age.leap_day_birthdays", v, KindInvalid, "is not a rule: expected march-1 or february-28")
	}
	bands := m.required("bands")
	if bands == nil {
		return
	}
	items := d.list(bands, "age.bands")
	d.nonEmpty(bands, items, "age.bands", "band")
	seen := map[string]bool{}
	for i, item := range items {
		path := fmt.Sprintf("age.bands.%d", i+1)
		b := d.mapping(item, path, "id", "label", "from", "to")
		band := AgeBand{Label: b.str("label", true), From: b.integer("from", true, 0, 150), To: b.integer("to", true, 0, 150)}
		if idn := b.required("id"); idn != nil {
			band.ID = d.id(idn, join(path, "id"))
		}
		if band.ID != "" && seen[band.ID] {
			d.fail(item, join(path, "id"), band.ID, KindDuplicate, "is the id of an earlier band: each band needs its own")
		}
		seen[band.ID] = true
		if band.To < band.From && d.fieldsOK(item, "from", "to") {
			d.fail(item, path, "", KindOrder, fmt.Sprintf("ends (%d) before it starts (%d)", band.To, band.From))
		}
		if i == 0 && band.From != 0 && d.fieldsOK(item, "from") {
			d.fail(item, join(path, "from"), strconv.Itoa(band.From), KindGap, "leaves a gap: the first age band starts at 0")
		}
		if i > 0 && d.ok(resolve(items[i-1]), resolve(item)) && d.fieldsOK(items[i-1], "to") && d.fieldsOK(item, "from") {
			prev := a.Bands[i-1]
			switch {
			case band.From <= prev.To:
				d.fail(item, join(path, "from"), strconv.Itoa(band.From), KindOverlap, fmt.Sprintf("overlaps band %s, which ends at %d", prev.ID, prev.To))
			case band.From > prev.To+1:
				d.fail(item, join(path, "from"), strconv.Itoa(band.From), KindGap, fmt.Sprintf("leaves a gap after band %s, which ends at %d", prev.ID, prev.To))
			}
		}
		a.Bands = append(a.Bands, band)
	}
	if len(a.Bands) > 0 && a.OutOfScopeFrom > 0 {
		last := a.Bands[len(a.Bands)-1]
		if last.To != a.OutOfScopeFrom-1 {
			d.fail(items[len(items)-1], fmt.Sprintf("age.bands.%d.to", len(items)), strconv.Itoa(last.To), KindConflict,
				fmt.Sprintf("must be %d: the last age band ends the year before out_of_scope_from (%d)", a.OutOfScopeFrom-1, a.OutOfScopeFrom))
		}
	}
}

// ScoreRules are the questionnaire's score bands and the eligibility threshold.
type ScoreRules struct {
	Source                string
	Threshold             int    // the lowest score with a personal budget
	BelowThresholdMessage string // what a score under the threshold means
	Bands                 []ScoreBand
}

// Basis is how a score band prices a score.
type Basis string

// The bases a score band may have.
const (
	BasisNone     Basis = "none"             // no personal budget
	BasisFixed    Basis = "fixed-annual"     // a fixed annual offer
	BasisPerPoint Basis = "per-point-weekly" // a rate per point per week on the whole score
)

// Route is how a personal budget is managed.
type Route string

// The routes a score band may have.
const (
	RouteNone         Route = "none"
	RouteSocialWorker Route = "social-worker"
	RouteBrokerage    Route = "brokerage"
)

// ScoreBand is a range of scores, both ends included; the last band has no
// upper end (Open).
type ScoreBand struct {
	ID              string
	Label           string
	From            int
	To              int
	Open            bool
	Basis           Basis
	Route           Route
	OvernightBreaks bool
}

// Contains reports whether score is in the band.
func (b ScoreBand) Contains(score int) bool {
	return score >= b.From && (b.Open || score <= b.To)
}

func (d *decoder) scores(n *Node, p *Policy) {
	m := d.mapping(n, "scores", "source", "eligibility_threshold", "below_threshold_message", "bands")
	s := &ScoreRules{Source: m.str("source", true), Threshold: m.integer("eligibility_threshold", true, 0, 1_000_000),
		BelowThresholdMessage: m.str("below_threshold_message", true)}
	p.Scores = s
	bands := m.required("bands")
	items := d.list(bands, "scores.bands")
	d.nonEmpty(bands, items, "scores.bands", "band")
	seen := map[string]bool{}
	for i, item := range items {
		path := fmt.Sprintf("scores.bands.%d", i+1)
		b := d.mapping(item, path, "id", "label", "from", "to", "basis", "route", "overnight_breaks")
		band := ScoreBand{Label: b.str("label", true), From: b.integer("from", true, 0, 1_000_000)}
		if idn := b.required("id"); idn != nil {
			band.ID = d.id(idn, join(path, "id"))
		}
		if band.ID != "" && seen[band.ID] {
			d.fail(item, join(path, "id"), band.ID, KindDuplicate, "is the id of an earlier band: each band needs its own")
		}
		seen[band.ID] = true
		last := i == len(items)-1
		if b.has("to") {
			band.To = b.integer("to", true, 0, 1_000_000)
			if last {
				d.fail(b.value["to"], join(path, "to"), strconv.Itoa(band.To), KindNotAllowed, "must be left out: the last score band has no upper end")
			} else if band.To < band.From && d.fieldsOK(item, "from", "to") {
				d.fail(item, path, "", KindOrder, fmt.Sprintf("ends (%d) before it starts (%d)", band.To, band.From))
			}
		} else if !last {
			b.required("to")
		}
		band.Open = last
		switch v := Basis(b.str("basis", true)); v {
		case BasisNone, BasisFixed, BasisPerPoint:
			band.Basis = v
		case "":
		default:
			d.fail(b.value["basis"], join(path, "basis"), string(v), KindInvalid, "is not a basis: expected none, fixed-annual or per-point-weekly")
		}
		switch v := Route(b.str("route", true)); v {
		case RouteNone, RouteSocialWorker, RouteBrokerage:
			band.Route = v
		case "":
		default:
			d.fail(b.value["route"], join(path, "route"), string(v), KindInvalid, "is not a route: expected none, social-worker or brokerage")
		}
		if b.has("overnight_breaks") {
			band.OvernightBreaks = b.boolean("overnight_breaks")
		}
		if i == 0 && band.From != 0 && d.fieldsOK(item, "from") {
			d.fail(item, join(path, "from"), strconv.Itoa(band.From), KindGap, "leaves a gap: the first score band starts at 0")
		}
		if i > 0 && d.fieldsOK(items[i-1], "to") && d.fieldsOK(item, "from") {
			prev := s.Bands[i-1]
			switch {
			case band.From <= prev.To:
				d.fail(item, join(path, "from"), strconv.Itoa(band.From), KindOverlap, fmt.Sprintf("overlaps band %s, which ends at %d", prev.ID, prev.To))
			case band.From > prev.To+1:
				d.fail(item, join(path, "from"), strconv.Itoa(band.From), KindGap, fmt.Sprintf("leaves a gap after band %s, which ends at %d", prev.ID, prev.To))
			}
		}
		if len(d.errs) == 0 {
			eligible := band.From >= s.Threshold
			if !band.Open && band.From < s.Threshold && band.To >= s.Threshold {
				d.fail(item, path, "", KindConflict, fmt.Sprintf("straddles the eligibility threshold %d: a band starts there", s.Threshold))
			} else if eligible && band.Basis == BasisNone {
				d.fail(b.value["basis"], join(path, "basis"), string(band.Basis), KindConflict, fmt.Sprintf("must be priced: scores from %d reach the eligibility threshold", s.Threshold))
			} else if !eligible && band.Basis != BasisNone && band.Basis != "" {
				d.fail(b.value["basis"], join(path, "basis"), string(band.Basis), KindConflict, fmt.Sprintf("must be none: scores under %d do not reach the eligibility threshold", s.Threshold))
			}
		}
		s.Bands = append(s.Bands, band)
	}
}

func (d *decoder) routes(n *Node, p *Policy) {
	m := d.mapping(n, "routes", "source", string(RouteNone), string(RouteSocialWorker), string(RouteBrokerage))
	p.RoutesSrc = m.str("source", true)
	p.Routes = map[Route]string{}
	for _, k := range m.keys {
		if k != "source" {
			p.Routes[Route(k)] = m.str(k, true)
		}
	}
}

// Provision is the indicative kind of overnight provision a budget is weighted
// to fund, by age, in score bands with overnight breaks.
type Provision struct {
	Source string
	ByAge  []ProvisionKind
}

// ProvisionKind is one kind of provision for an age range, both ends included.
type ProvisionKind struct {
	From, To int
	Kind     string
	Label    string
}

func (d *decoder) provision(n *Node, p *Policy) {
	m := d.mapping(n, "provision", "source", "by_age")
	pr := &Provision{Source: m.str("source", true)}
	for i, item := range d.list(m.required("by_age"), "provision.by_age") {
		path := fmt.Sprintf("provision.by_age.%d", i+1)
		k := d.mapping(item, path, "from", "to", "kind", "label")
		pk := ProvisionKind{From: k.integer("from", true, 0, 150), To: k.integer("to", true, 0, 150), Label: k.str("label", true)}
		if kn := k.required("kind"); kn != nil {
			pk.Kind = d.id(kn, join(path, "kind"))
		}
		if pk.To < pk.From {
			d.fail(item, path, "", KindOrder, fmt.Sprintf("ends (%d) before it starts (%d)", pk.To, pk.From))
		}
		if i > 0 && pk.From <= pr.ByAge[i-1].To {
			d.fail(item, join(path, "from"), strconv.Itoa(pk.From), KindOverlap, fmt.Sprintf("overlaps the ages before, which end at %d", pr.ByAge[i-1].To))
		}
		pr.ByAge = append(pr.ByAge, pk)
	}
	p.Provision = pr
}

// AgeBand returns the band of age, or false if no band holds it.
func (p *Policy) AgeBand(age int) (int, bool) {
	for i := range p.Age.Bands {
		if b := &p.Age.Bands[i]; age >= b.From && age <= b.To {
			return i, true
		}
	}
	return -1, false
}

// ScoreBand returns the band of score, or false if no band holds it.
func (p *Policy) ScoreBand(score int) (int, bool) {
	if p.Scores == nil {
		return -1, false
	}
	for i := range p.Scores.Bands {
		if b := &p.Scores.Bands[i]; score >= b.From && (b.Open || score <= b.To) { // b.Contains(score), without copying b
			return i, true
		}
	}
	return -1, false
}
