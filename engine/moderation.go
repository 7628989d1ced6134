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

// moderate finds the zone that holds score. Where zones overlap, the nearest
// step wins, and of two equally near, the lower.
func (p *Policy) moderate(ai, score int) ModerationOutcome {
	m := p.Moderation
	if m == nil {
		return ModerationOutcome{}
	}
	best := -1
	for _, step := range m.Steps {
		dist := score - step
		if dist < 0 {
			dist = -dist
		}
		if dist > m.Window || (dist == m.Window && !m.Inclusive) {
			continue
		}
		if best < 0 || dist < abs(score-best) {
			best = step
		}
	}
	if best < 0 {
		return ModerationOutcome{}
	}
	o := ModerationOutcome{Flagged: true, Step: best, ZoneFrom: best - m.Window, ZoneTo: best + m.Window}
	if !m.Inclusive {
		o.ZoneFrom++
		o.ZoneTo--
	}
	o.ZoneFrom = max(o.ZoneFrom, 0)
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
	ai, _ := r.Policy.AgeBand(r.Age)
	return r.Policy.side(ai, r.Moderation.Step+offset)
}

func (p *Policy) side(ai, score int) Side {
	s := Side{Score: score}
	if si, ok := p.ScoreBand(score); ok {
		s.Band = p.Scores.Bands[si].ID
		if p.Prices.Published {
			s.Annual, s.Priced = p.price(ai, si, score), true
		}
	}
	return s
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
