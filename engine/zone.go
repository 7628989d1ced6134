package engine

// Zone is the moderation zone of a step: the lowest and highest scores that
// go to moderation because of it, Window points either side, the scores
// exactly Window away included only where the policy says so, and none
// below 0. A score in two zones is moderated for the nearer step (see
// moderate); the page's charts and methodology draw each zone whole.
func (m *Moderation) Zone(step int) (low, high int) {
	low, high = step-m.Window, step+m.Window
	if !m.Inclusive {
		low, high = low+1, high-1
	}
	return max(low, 0), high
}
