package engine

// ScoreBandChange is what a scenario changes for the children of one score
// band of the baseline: the counterpart of BandChange by score rather than
// by age. Band is nil for the children with no score band: those with an
// allocation given instead of a score, or under a policy that publishes no
// score bands.
type ScoreBandChange struct {
	Band        *ScoreBand
	Gain, Lose  int   // children whose allocation rises or falls
	Same        int   // children whose allocation is unchanged
	GainAmount  Money // the sum of the rises
	LoseAmount  Money // the sum of the falls
	TotalChange Money // scenario less baseline, over the band
}

// Label names the band as the pages do: the band's label, or "No score band".
func (c ScoreBandChange) Label() string {
	if c.Band == nil {
		return "No score band"
	}
	return c.Band.Label
}

// StepChange is the number of children sent to moderation at one step under
// the baseline and under the scenario; a step one of them does not have
// counts nothing under it.
type StepChange struct {
	Step               string // the step, in points: "200"
	Baseline, Scenario int
}

// ModerationChange is the change in children sent to moderation, step by
// step: the baseline's steps in their order, then any the scenario adds.
func (c *Comparison) ModerationChange() []StepChange {
	var out []StepChange
	at := map[string]int{}
	for _, s := range c.Baseline.ModerationByStep {
		at[s.Name] = len(out)
		out = append(out, StepChange{Step: s.Name, Baseline: s.Count})
	}
	for _, s := range c.Scenario.ModerationByStep {
		i, ok := at[s.Name]
		if !ok {
			i = len(out)
			out = append(out, StepChange{Step: s.Name})
		}
		out[i].Scenario = s.Count
	}
	return out
}

// scoreBandOf is the index of the baseline's score band of a child with the
// score, where has; len(p.Scores.Bands) (the "no score band" row) otherwise.
func scoreBandOf(p *Policy, score int, has bool) int {
	if has {
		if si, ok := p.ScoreBand(score); ok {
			return si
		}
	}
	if p.Scores == nil {
		return 0
	}
	return len(p.Scores.Bands)
}

// resultScoreBand is scoreBandOf for a baseline's result.
func resultScoreBand(p *Policy, r *Result) int {
	if r == nil || r.Score == nil {
		return scoreBandOf(p, 0, false)
	}
	return scoreBandOf(p, *r.Score, true)
}

// scoreChanges counts what a scenario changes for each child, by the score
// band of the baseline, with a last row for the children with none.
type scoreChanges struct {
	bands   []ScoreBandChange
	tallies []tally
}

func newScoreChanges(base *Policy) scoreChanges {
	var c scoreChanges
	if base.Scores != nil {
		for i := range base.Scores.Bands {
			c.bands = append(c.bands, ScoreBandChange{Band: &base.Scores.Bands[i]})
		}
	}
	c.bands = append(c.bands, ScoreBandChange{})
	c.tallies = make([]tally, len(c.bands))
	return c
}

// add counts a child of score band si whose allocation changes by diff.
func (c *scoreChanges) add(si int, diff pennies) { c.tallies[si].add(diff) }

// result is the changes counted so far, with their amounts; the row for the
// children with no score band only where there are some.
func (c *scoreChanges) result() []ScoreBandChange {
	out := append([]ScoreBandChange(nil), c.bands...)
	for i := range out {
		o := &out[i]
		o.Gain, o.Lose, o.Same, o.GainAmount, o.LoseAmount, o.TotalChange = c.tallies[i].counts()
	}
	if last := out[len(out)-1]; last.Gain+last.Lose+last.Same == 0 {
		out = out[:len(out)-1]
	}
	return out
}

// addAt counts a child of age band ai and score band si whose allocation
// changes by diff.
func (c *bandChanges) addAt(ai, si int, diff pennies) {
	c.add(ai, diff)
	c.scores.add(si, diff)
}

// addSame counts, as addAt with no change would one at a time, byAge[ai]
// children of age band ai and byScore[si] of score band si whose
// allocation is unchanged: adding no pence leaves every sum as it is.
func (c *bandChanges) addSame(byAge, byScore []int) {
	for ai, n := range byAge {
		c.tallies[ai].same += n
	}
	for si, n := range byScore {
		c.scores.tallies[si].same += n
	}
}
