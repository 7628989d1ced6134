package engine

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Describe says in one sentence what a scenario changes, from the changes
// that make the policy base into it (Diff) and, where a cohort was compared,
// what they do to it: "Raises the 260+ rate for ages 10–13 from £1.00 to
// £1.10 a point a week and widens moderation from 10 to 20 points: 9 children
// gain and none lose; the total rises by £13,390.00 (1.3%); children sent to
// moderation rise from 46 to 100." Bands and groups are named by the policy's
// own labels. cmp may be nil.
func Describe(base *Policy, changes []Change, cmp *Comparison) string {
	var clauses []string
	// Prices a council did not publish, given in a scenario from the
	// policy's illustrative prices: one clause, not one a section.
	if base != nil && base.Illustrative != nil && !base.Prices.Published {
		rest := changes[:0:0]
		for _, c := range changes {
			if !inIllustrativeSection(c.Path) {
				rest = append(rest, c)
			}
		}
		if len(rest) < len(changes) {
			clauses = append(clauses, "prices the children with illustrative prices (not the council's)")
			changes = rest
		}
	}
	const most = 4
	for i, c := range changes {
		if i == most-1 && len(changes) > most {
			clauses = append(clauses, fmt.Sprintf("makes %d other changes", len(changes)-i))
			break
		}
		clauses = append(clauses, describeChange(base, c))
	}
	s := "Changes nothing"
	if len(clauses) > 0 {
		s = joinAnd(clauses)
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	if cmp != nil {
		s += ": " + strings.Join(cohortClauses(cmp), "; ")
	}
	return s + "."
}

// describeChange is the clause of one change: "raises the 260+ rate for
// ages 10–13 from £1.00 to £1.10 a point a week".
func describeChange(p *Policy, c Change) string {
	keys := strings.Split(c.Path, ".")
	was, now := unquote(c.Was), unquote(c.Value)
	switch {
	case c.Was == "":
		return fmt.Sprintf("sets %s to %s", c.Path, now)
	case c.Value == "":
		return fmt.Sprintf("removes %s (%s)", c.Path, was)
	case p == nil:
	case len(keys) == 3 && keys[0] == "rates":
		if s, ok := describeRate(p, keys[1], keys[2], was, now); ok {
			return s
		}
	case c.Path == "moderation.window":
		if s, ok := moreOrLess(was, now, "widens moderation", "narrows moderation"); ok {
			return s + " points"
		}
	case c.Path == "scores.eligibility_threshold":
		return fmt.Sprintf("moves the eligibility threshold from %s to %s points", was, now)
	case c.Path == "moderation.steps":
		return fmt.Sprintf("moves the moderation steps from %s to %s", was, now)
	case c.Path == "notice.months":
		if s, ok := moreOrLess(was, now, "lengthens the notice", "shortens the notice"); ok {
			return s + " months"
		}
	case len(keys) == 4 && keys[0] == "transition" && keys[1] == "groups":
		if s, ok := describeGroup(p, keys[2], keys[3], was, now); ok {
			return s
		}
	}
	return fmt.Sprintf("changes %s from %s to %s", c.Path, was, now)
}

// describeRate is the clause of a change to a cell of the rates table.
func describeRate(p *Policy, age, score, was, now string) (string, bool) {
	ai, si := -1, -1
	for i, b := range p.Age.Bands {
		if b.ID == age {
			ai = i
		}
	}
	if p.Scores != nil {
		for i, b := range p.Scores.Bands {
			if b.ID == score {
				si = i
			}
		}
	}
	a, errA := decimal.NewFromString(was)
	b, errB := decimal.NewFromString(now)
	if ai < 0 || si < 0 || errA != nil || errB != nil {
		return "", false
	}
	verb := "raises"
	if b.LessThan(a) {
		verb = "lowers"
	}
	ab, sb := p.Age.Bands[ai], p.Scores.Bands[si]
	ages := fmt.Sprintf("ages %d–%d", ab.From, ab.To)
	if ab.From == 0 {
		ages = fmt.Sprintf("under %d", ab.To+1)
	}
	if sb.Basis == BasisFixed {
		return fmt.Sprintf("%s the %s offer for %s from %s to %s a year", verb, sb.Label, ages, FormatMoney(a), FormatMoney(b)), true
	}
	return fmt.Sprintf("%s the %s rate for %s from %s to %s a point a week", verb, sb.Label, ages, formatRate(a), formatRate(b)), true
}

// describeGroup is the clause of a change to a transition group.
func describeGroup(p *Policy, item, key, was, now string) (string, bool) {
	i, err := strconv.Atoi(item)
	if err != nil || i < 1 || i > len(p.Transition.Groups) {
		return "", false
	}
	g := p.Transition.Groups[i-1]
	name := "group " + g.ID
	if g.Label != "" {
		name += " (" + g.Label + ")"
	}
	switch key {
	case "decrease_from":
		return fmt.Sprintf("moves the lower edge of %s from %s to %s", name, money(was), money(now)), true
	case "decrease_to":
		return fmt.Sprintf("moves the upper edge of %s from %s to %s", name, money(was), money(now)), true
	case "fractions":
		return fmt.Sprintf("changes the stages of %s from %s to %s", name, was, now), true
	case "stage_dates":
		return fmt.Sprintf("changes the stage dates of %s from %s to %s", name, was, now), true
	case "effect":
		return fmt.Sprintf("changes the effect of %s from %s to %s", name, was, now), true
	}
	return "", false
}

// moreOrLess is "verb from a to b" for two whole numbers, with up or down as
// b is more or less than a.
func moreOrLess(was, now, up, down string) (string, bool) {
	a, errA := strconv.Atoi(was)
	b, errB := strconv.Atoi(now)
	if errA != nil || errB != nil {
		return "", false
	}
	verb := up
	if b < a {
		verb = down
	}
	return fmt.Sprintf("%s from %d to %d", verb, a, b), true
}

// money writes an amount of a policy file as money, or as it is where it is
// not an amount.
func money(s string) string {
	if m, err := decimal.NewFromString(s); err == nil {
		return FormatMoney(m)
	}
	return s
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// cohortClauses say what a comparison does to the cohort: who gains and who
// loses, the total, and the children sent to moderation.
func cohortClauses(cmp *Comparison) []string {
	gain, lose := 0, 0
	for _, b := range cmp.Changed {
		gain += b.Gain
		lose += b.Lose
	}
	var out []string
	switch {
	case gain == 0 && lose == 0:
		out = append(out, "no child gains or loses")
	default:
		out = append(out, children(gain, "gains", "gain")+" and "+children(lose, "loses", "lose"))
	}
	a, b := cmp.Baseline.TotalAllocation, cmp.Scenario.TotalAllocation
	switch d := b.Sub(a); {
	case d.IsZero():
		out = append(out, "the total is unchanged")
	default:
		verb := "rises"
		if d.IsNegative() {
			verb = "falls"
		}
		s := fmt.Sprintf("the total %s by %s", verb, FormatMoney(d.Abs()))
		if !a.IsZero() {
			s += " (" + d.Abs().Mul(decimal.NewFromInt(100)).DivRound(a.Abs(), 1).StringFixed(1) + "%)"
		}
		out = append(out, s)
	}
	if x, y := cmp.Baseline.ModerationFlagged, cmp.Scenario.ModerationFlagged; x != y {
		verb := "rise"
		if y < x {
			verb = "fall"
		}
		out = append(out, fmt.Sprintf("children sent to moderation %s from %d to %d", verb, x, y))
	}
	return out
}

// children is "1 child gains", "9 children gain" or "none gain".
func children(n int, one, many string) string {
	switch n {
	case 0:
		return "none " + many
	case 1:
		return "1 child " + one
	}
	return fmt.Sprintf("%d children %s", n, many)
}

// inIllustrativeSection reports whether path lies in a section that
// illustrative prices give.
func inIllustrativeSection(path string) bool {
	for _, sec := range illustrativeSections {
		if path == sec || strings.HasPrefix(path, sec+".") {
			return true
		}
	}
	return false
}
