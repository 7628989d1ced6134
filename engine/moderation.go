package engine

// ModerationOutcome says whether a score goes to moderation: it does when it
// lies in the zone around a stepped point of the model. The panel weighs the
// allocation on each side of the step for the child's age band, which the
// Result's Below and Above give.
type ModerationOutcome struct {
	Flagged  bool
	Step     int // the stepped point whose zone holds the score
	ZoneFrom int // the lowest score of the zone
	ZoneTo   int // the highest score of the zone
}

// Side is the allocation on one side of a step: at the last score below it, or
// at the step itself.
type Side struct {
	Score  int
	Band   string // the score band's id
	Annual Money
	Priced bool // false where the policy publishes no prices
}

// Zone is the moderation zone of step: the lowest and the highest score that
// go to moderation for it, both included. A score Window points from the
// step is in the zone only where the policy says Inclusive: with a window of
// 10, the zone of the step at 260 is 250–270 inclusive and 251–269 if not.
// No zone reaches below a score of 0. This is the one place the zone is
// worked out: the engine flags by it and a page that draws or lists zones
// should ask it too.
func (m *Moderation) Zone(step int) (lo, hi int) {
	lo, hi = step-m.Window, step+m.Window
	if !m.Inclusive {
		lo, hi = lo+1, hi-1
	}
	return max(lo, 0), hi
}

// moderate finds the zone that holds score. Where zones overlap, the nearest
// step wins, and of two equally near, the lower.
func (p *Policy) moderate(score int) ModerationOutcome {
	m := p.Moderation
	if m == nil {
		return ModerationOutcome{}
	}
	o := ModerationOutcome{}
	for _, step := range m.Steps {
		lo, hi := m.Zone(step)
		if score < lo || score > hi || (o.Flagged && abs(score-step) >= abs(score-o.Step)) {
			continue
		}
		o = ModerationOutcome{Flagged: true, Step: step, ZoneFrom: lo, ZoneTo: hi}
	}
	return o
}

// Below is the allocation at the last score under the moderation step, for
// the child's age band; the zero Side when the score is not flagged.
func (r *Result) Below() Side { return r.sideOfStep(-1) }

// Above is the allocation at the moderation step itself, for the child's age
// band; the zero Side when the score is not flagged.
func (r *Result) Above() Side { return r.sideOfStep(0) }

func (r *Result) sideOfStep(offset int) Side {
	if !r.Moderation.Flagged {
		return Side{}
	}
	p := r.Policy
	s := Side{Score: r.Moderation.Step + offset}
	if si, ok := p.ScoreBand(s.Score); ok {
		s.Band = p.Scores.Bands[si].ID
		if p.Prices.Published {
			s.Annual, s.Priced = p.priceAt(si, r.sides[offset+1], s.Score), true
		}
	}
	return s
}

// readSides reads, for r, the cells of the two sides of a flagged result's
// step in age band ai, for Below and Above to price.
func (p *Policy) readSides(r *Result, ai int) {
	if !r.Moderation.Flagged || !p.Prices.Published {
		return
	}
	for i, score := range [2]int{r.Moderation.Step - 1, r.Moderation.Step} {
		if si, ok := p.ScoreBand(score); ok && p.Scores.Bands[si].Basis != BasisNone {
			_, r.sides[i] = p.cell(r, ai, si)
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func (x *explainer) moderationStep() {
	if !x.on || x.r.Policy.Moderation == nil {
		return
	}
	m, o := x.r.Policy.Moderation, x.r.Moderation
	if !o.Flagged {
		x.say(m.Source, "The score is more than %d points from every step of the model (%s), so it does not go to moderation.", m.Window, joinInts(m.Steps))
		return
	}
	text := "The score is within %d points of the step at %d (zone %d–%d), so it goes to moderation: a panel checks which side of the step the child's needs fall."
	args := []any{m.Window, o.Step, o.ZoneFrom, o.ZoneTo}
	if below, above := x.r.Below(), x.r.Above(); below.Priced && above.Priced {
		text += " For age band %s, a score of %d gives %s a year and a score of %d gives %s."
		args = append(args, x.r.AgeBand.Label, below.Score, FormatMoney(below.Annual), above.Score, FormatMoney(above.Annual))
	}
	x.say(m.Source, text, args...)
}

func joinInts(ns []int) string {
	s := ""
	for i, n := range ns {
		if i > 0 {
			s += ", "
		}
		s += itoa(n)
	}
	return s
}
