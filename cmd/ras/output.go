package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/openras/openras/engine"
)

func newBuffered(w io.Writer) *bufio.Writer { return bufio.NewWriterSize(w, 64<<10) }

func money(m engine.Money) string { return engine.FormatMoney(m) }

// writeResult prints a result for people to read: the outcome first, then the
// schedule, then how it was worked out, each step with its citation.
func writeResult(w io.Writer, r *engine.Result) {
	p := r.Policy
	fmt.Fprintf(w, "%s: %s, %s, %s\n\n", p.Name, p.Council, p.Source.Body, p.Source.Date.Long())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if r.ID != "" {
		fmt.Fprintf(tw, "Child\t%s\n", r.ID)
	}
	fmt.Fprintf(tw, "Assessed on\t%s\n", r.AssessedOn.Long())
	age := fmt.Sprintf("%d", r.Age)
	if !r.DateOfBirth.IsZero() {
		age += fmt.Sprintf(" (born %s)", r.DateOfBirth.Long())
	}
	fmt.Fprintf(tw, "Age\t%s: age band %s\n", age, r.AgeBand.Label)
	if r.Score != nil {
		score := fmt.Sprintf("%d", *r.Score)
		if r.ScoreBand != nil {
			score += ": band " + r.ScoreBand.Label
		}
		if r.Eligible {
			score += " (eligible)"
		} else {
			score += " (under the eligibility threshold)"
		}
		fmt.Fprintf(tw, "Score\t%s\n", score)
	}
	budget := fmt.Sprintf("%s a year (%s a week)", money(r.AnnualBudget()), money(r.Weekly()))
	if r.AllocationGiven {
		budget += ", the allocation the family was told"
	}
	fmt.Fprintf(tw, "Indicative budget\t%s\n", budget)
	if r.Route != "" {
		fmt.Fprintf(tw, "Route\t%s\n", p.Routes[r.Route])
	}
	if r.Provision != nil {
		fmt.Fprintf(tw, "Indicative provision\t%s\n", r.Provision.Label)
	}
	tw.Flush()

	if p.Moderation != nil && r.Score != nil {
		fmt.Fprintln(w, "\nModeration")
		if m := r.Moderation; m.Flagged {
			fmt.Fprintf(w, "  The score is within %d points of the step at %d (%d–%d), so a moderation panel checks it.\n", p.Moderation.Window, m.Step, m.ZoneFrom, m.ZoneTo)
			if below, above := r.Below(), r.Above(); below.Priced && above.Priced {
				fmt.Fprintf(w, "  For age band %s: a score of %d gives %s a year; %d gives %s.\n", r.AgeBand.Label, below.Score, money(below.Annual), above.Score, money(above.Annual))
			}
		} else {
			fmt.Fprintln(w, "  Not needed: the score is not near a step of the model.")
		}
	}

	if t := r.Transition; t != nil {
		fmt.Fprintf(w, "\nTransition: group %s, %s\n", t.Group.ID, t.Group.Label)
		fmt.Fprintf(w, "  Current cost %s", money(t.CurrentCost))
		if !t.Contingency.IsZero() {
			fmt.Fprintf(w, ", of which contingency %s", money(t.Contingency))
		}
		fmt.Fprintf(w, "; base cost %s\n", money(t.BaseCost))
		fmt.Fprintf(w, "  %-18s %14s  %s\n", "From", "Annual amount", "Why")
		for _, e := range t.Schedule {
			fmt.Fprintf(w, "  %-18s %14s  %s\n", e.From.Long(), money(e.Amount()), e.Reason)
		}
	}
	if r.Notice != nil {
		fmt.Fprintf(w, "\nNotice given on %s; the reduction takes effect on %s, %d months later.\n", r.Notice.GivenOn.Long(), r.Notice.TakesEffect.Long(), r.Notice.Months)
	}
	if len(r.Reviews) > 0 {
		dates := make([]string, len(r.Reviews))
		for i, d := range r.Reviews {
			dates[i] = d.Long()
		}
		fmt.Fprintf(w, "\nReviews: %s\n", strings.Join(dates, ", "))
	}

	fmt.Fprintln(w, "\nHow this was worked out")
	for i, s := range r.Explanation {
		fmt.Fprintf(w, "  %d. %s", i+1, s.Text)
		if s.Citation != "" {
			fmt.Fprintf(w, " [%s %s]", p.Name, s.Citation)
		}
		fmt.Fprintln(w)
	}
	if len(p.Notes) > 0 {
		fmt.Fprintln(w, "\nWhat this means for you")
		for _, n := range p.Notes {
			fmt.Fprintf(w, "  - %s [%s %s]\n", n.Text, p.Name, n.Source)
		}
	}
}

// writeSummary prints a cohort's summary for people to read.
func writeSummary(w io.Writer, name string, s engine.Summary) {
	p := s.Policy
	fmt.Fprintf(w, "Cohort %s under %s\n\n", name, p.Name)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Children\t%d\n", s.Children)
	fmt.Fprintf(tw, "Rows with errors\t%d (left out of every figure)\n", s.RejectedRows)
	fmt.Fprintf(tw, "Eligible\t%d\n", s.Eligible)
	fmt.Fprintf(tw, "Total allocation\t%s\n", money(s.TotalAllocation))
	fmt.Fprintf(tw, "With a current cost\t%d, total base cost %s\n", s.WithCurrentCost, money(s.TotalBaseCost))
	fmt.Fprintf(tw, "Higher / lower / unchanged\t%d / %d / %d\n", s.Higher, s.Lower, s.Unchanged)
	groups := make([]string, len(s.Groups))
	for i, g := range s.Groups {
		groups[i] = fmt.Sprintf("%s: %d", g.Name, g.Count)
	}
	fmt.Fprintf(tw, "Transition groups\t%s\n", strings.Join(groups, ", "))
	if p.Moderation != nil {
		steps := make([]string, len(s.ModerationByStep))
		for i, c := range s.ModerationByStep {
			steps[i] = fmt.Sprintf("step %s: %d", c.Name, c.Count)
		}
		fmt.Fprintf(tw, "To moderation\t%d (%s)\n", s.ModerationFlagged, strings.Join(steps, ", "))
	}
	tw.Flush()

	fmt.Fprintln(w, "\nBy age band")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  Age band\tChildren\tEligible\tAllocation\tBase cost\tHigher\tLower\tGains\tLosses\t")
	for _, b := range s.ByAgeBand {
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%s\t%s\t%d\t%d\t%s\t%s\t\n", b.Band.Label, b.Children, b.Eligible,
			money(b.TotalAllocation), money(b.TotalBaseCost), b.Higher, b.Lower, money(b.Gains), money(b.Losses))
	}
	tw.Flush()

	if len(s.SpendByYear) > 0 {
		fmt.Fprintln(w, "\nSpend by financial year, through the transition")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		for _, y := range s.SpendByYear {
			fmt.Fprintf(tw, "  %s\t%s\t\n", y.Label(), money(y.Spend))
		}
		tw.Flush()
	}
	if b := s.Budget; b != nil {
		state := "left"
		left := b.Left
		if left.IsNegative() {
			state, left = "over", left.Neg()
		}
		fmt.Fprintf(w, "\n%s: %s; this cohort's spend that year %s: %s %s [%s %s]\n", b.Budget.Label, money(b.Budget.Amount), money(b.Spend), money(left), state, p.Name, b.Budget.Source)
	}
	if c := p.Cohort; c != nil {
		fmt.Fprintf(w, "\nFigures the report publishes [%s %s]\n", p.Name, c.Source)
		for _, f := range c.Figures {
			fmt.Fprintf(w, "  %s: %s\n", f.Label, f.Value)
		}
	}
}

// writePolicy prints a policy's rules: bands, the rates table, moderation,
// the transition groups and the Decisions.
func writePolicy(w io.Writer, p *engine.Policy) {
	fmt.Fprintf(w, "%s (%s)\n%s, %s, %s: %q\n\n", p.Name, p.ID, p.Council, p.Source.Body, p.Source.Date.Long(), p.Source.Title)
	fmt.Fprintf(w, "Age: in whole years on the assessment date; from %d, out of scope [%s]\n", p.Age.OutOfScopeFrom, p.Age.Source)
	if p.Scores != nil && p.Prices.Published {
		fmt.Fprintf(w, "\nRates [%s]\n", p.Prices.Source)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprint(tw, "  Age band\t")
		for _, b := range p.Scores.Bands {
			fmt.Fprintf(tw, "%s\t", b.Label)
		}
		fmt.Fprintln(tw)
		for ai, a := range p.Age.Bands {
			fmt.Fprintf(tw, "  %s\t", a.Label)
			for si, b := range p.Scores.Bands {
				switch b.Basis {
				case engine.BasisNone:
					fmt.Fprint(tw, "none\t")
				default:
					fmt.Fprintf(tw, "%s\t", money(p.Rate(ai, si)))
				}
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
		fmt.Fprintf(w, "  Fixed offers: %s. Other rates: %s; annual = score × rate × %d weeks.\n", p.Prices.FixedUnit, p.Prices.PerPointUnit, p.Prices.WeeksPerYear)
		fmt.Fprintf(w, "  Eligibility threshold: %d points.\n", p.Scores.Threshold)
	} else {
		fmt.Fprintf(w, "\nPrices: not published. %s [%s]\n", p.Prices.UnpublishedMessage, p.Prices.Source)
	}
	if m := p.Moderation; m != nil {
		incl := "inclusive"
		if !m.Inclusive {
			incl = "exclusive"
		}
		steps := make([]string, len(m.Steps))
		for i, s := range m.Steps {
			steps[i] = fmt.Sprint(s)
		}
		fmt.Fprintf(w, "\nModeration: within %d points (%s) of the steps %s [%s]\n", m.Window, incl, strings.Join(steps, ", "), m.Source)
	}
	fmt.Fprintf(w, "\nTransition groups [%s]\n", p.Transition.Source)
	for _, g := range p.Transition.Groups {
		fmt.Fprintf(w, "  %s: %s; %s", g.ID, g.Label, g.Effect)
		if g.Effect == engine.EffectStaged {
			fracs := make([]string, len(g.Fractions))
			for i, f := range g.Fractions {
				fracs[i] = f.Text
			}
			fmt.Fprintf(w, " in steps of %s", strings.Join(fracs, ", "))
			if g.StageDates != nil {
				dates := make([]string, len(g.StageDates))
				for i, d := range g.StageDates {
					dates[i] = d.Long()
				}
				fmt.Fprintf(w, " on %s", strings.Join(dates, ", "))
			} else {
				months := make([]string, len(g.StageMonths))
				for i, m := range g.StageMonths {
					months[i] = fmt.Sprint(m)
				}
				fmt.Fprintf(w, " at %s months after the plan date", strings.Join(months, ", "))
			}
		}
		fmt.Fprintln(w)
	}
	if c := p.Transition.Contingency; c != nil {
		fmt.Fprintf(w, "  Contingency share taken out of a current amount that includes it: %s%% [%s]\n", c.Rate.Shift(2).String(), c.Source)
	}
	if n := p.Notice; n != nil {
		fmt.Fprintf(w, "\nNotice before a reduction: %d months [%s]\n", n.Months, n.Source)
	}
	if r := p.Reviews; r != nil {
		months := make([]string, len(r.Months))
		for i, m := range r.Months {
			months[i] = fmt.Sprint(m)
		}
		fmt.Fprintf(w, "Reviews: %s months after the decision [%s]\n", strings.Join(months, " and "), r.Source)
	}
	if b := p.Budget; b != nil {
		fmt.Fprintf(w, "Budget: %s, %s [%s]\n", b.Label, money(b.Amount), b.Source)
	}
	fmt.Fprintln(w, "\nDecisions")
	for _, d := range p.Decisions {
		fmt.Fprintf(w, "  - %s\n", d.Wording)
	}
}
