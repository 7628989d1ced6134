package engine

// OnlyRates reports whether the comparer took the way of a scenario that
// changes only rates, for the tests that must know which way they tested.
func (c *Comparer) OnlyRates() bool { return c.onlyRates }

// OnlyModeration reports whether the comparer took the way of a scenario
// that changes only the moderation window.
func (c *Comparer) OnlyModeration() bool { return c.onlyModeration }
