package scenario

import (
	"bytes"
	"encoding/csv"
	"strconv"

	"github.com/openras/openras/engine"
)

// ChartData is the data a chart of the cohort page draws, as the CSV file
// under the chart offers it: a header row, then a row a bar or point, text
// neutralised (engine.SafeCell) and amounts as numbers (engine.Number).
type ChartData struct {
	File   string // the download's name
	Header []string
	Rows   [][]string
}

// CSV writes the data as a CSV file.
func (d ChartData) CSV() string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(d.Header)
	for _, r := range d.Rows {
		w.Write(r)
	}
	w.Flush()
	return b.String()
}

// SpendData is the spend by financial year under each, with the policy's
// budget in its year.
func SpendData(cmp *engine.Comparison) ChartData {
	d := ChartData{File: "chart-spend-by-year.csv", Header: []string{"financial_year", "published_spend", "scenario_spend", "difference", "budget"}}
	scen := map[string]engine.Money{}
	for _, y := range cmp.Scenario.SpendByYear {
		scen[y.Label()] = y.Spend
	}
	for _, y := range cmp.Baseline.SpendByYear {
		var budget string
		if b := cmp.Baseline.Policy.Budget; b != nil && b.FinancialYear == y.Year {
			budget = engine.Number(b.Amount)
		}
		s := scen[y.Label()]
		d.Rows = append(d.Rows, []string{y.Label(), engine.Number(y.Spend), engine.Number(s), engine.Number(s.Sub(y.Spend)), budget})
	}
	return d
}

// DistributionData is the number of children in each band of £2,000 under each.
func DistributionData(cmp *engine.Comparison) ChartData {
	d := ChartData{File: "chart-distribution.csv", Header: []string{"annual_budget", "published_children", "scenario_children"}}
	for i, c := range cmp.Baseline.Distribution {
		d.Rows = append(d.Rows, []string{engine.SafeCell(c.Name), strconv.Itoa(c.Count), strconv.Itoa(cmp.Scenario.Distribution[i].Count)})
	}
	return d
}

// changeHeader heads the data of who gains and who loses, by a band.
func changeHeader(band string) []string {
	return []string{band, "gain", "lose", "same", "gained", "lost", "difference"}
}

// AgeChangeData is who gains and who loses, by age band.
func AgeChangeData(cmp *engine.Comparison) ChartData {
	d := ChartData{File: "chart-change-by-age-band.csv", Header: changeHeader("age_band")}
	for _, c := range cmp.Changed {
		d.Rows = append(d.Rows, changeRow(c.Band.Label, c.Gain, c.Lose, c.Same, c.GainAmount, c.LoseAmount, c.TotalChange))
	}
	return d
}

// ScoreChangeData is who gains and who loses, by score band.
func ScoreChangeData(cmp *engine.Comparison) ChartData {
	d := ChartData{File: "chart-change-by-score-band.csv", Header: changeHeader("score_band")}
	for _, c := range cmp.ByScoreBand {
		d.Rows = append(d.Rows, changeRow(c.Label(), c.Gain, c.Lose, c.Same, c.GainAmount, c.LoseAmount, c.TotalChange))
	}
	return d
}

func changeRow(label string, gain, lose, same int, gained, lost, diff engine.Money) []string {
	return []string{engine.SafeCell(label), strconv.Itoa(gain), strconv.Itoa(lose), strconv.Itoa(same),
		engine.Number(gained), engine.Number(lost), engine.Number(diff)}
}

// ModerationData is the children sent to moderation at each step under each.
func ModerationData(cmp *engine.Comparison) ChartData {
	d := ChartData{File: "chart-moderation-by-step.csv", Header: []string{"step", "published_children", "scenario_children", "difference"}}
	for _, s := range cmp.ModerationChange() {
		d.Rows = append(d.Rows, []string{s.Step, strconv.Itoa(s.Baseline), strconv.Itoa(s.Scenario), strconv.Itoa(s.Scenario - s.Baseline)})
	}
	return d
}

// MaxChildChanges is how many of the largest gains, and of the largest
// losses, the page lists child by child; the per-child CSV has every child.
const MaxChildChanges = 50

// ChildChange is one child's allocation under the baseline and the scenario.
type ChildChange struct {
	Line                      int
	ID, AgeBand, ScoreBand    string
	Published, Scenario, Diff engine.Money
}

// ChildChanges are the children whose allocation a scenario changes most:
// the largest gains, largest first, and the largest losses, largest first,
// at most MaxChildChanges of each; Gain, Lose and Same count every child
// valid under both.
type ChildChanges struct {
	Gains, Losses    []ChildChange
	Gain, Lose, Same int
}

// Changes compares the cohort under scen child by child, the file read
// again from its start.
func (c *Cohort) Changes(scen *engine.Policy) (ChildChanges, error) {
	var out ChildChanges
	_, err := engine.CompareCohort(c.Held.Baseline(), scen, c.Name, c.Open(nil), func(row engine.Row, a, b *engine.Result) error {
		if a == nil || b == nil {
			return nil
		}
		ch := ChildChange{Line: row.Line, ID: row.Fields.ID, AgeBand: a.AgeBand.Label, Published: a.AnnualBudget(), Scenario: b.AnnualBudget(), Diff: b.AnnualBudget().Sub(a.AnnualBudget())}
		if a.ScoreBand != nil {
			ch.ScoreBand = a.ScoreBand.Label
		}
		switch ch.Diff.Sign() {
		case 1:
			out.Gain++
			out.Gains = keepLargest(out.Gains, ch, 1)
		case -1:
			out.Lose++
			out.Losses = keepLargest(out.Losses, ch, -1)
		default:
			out.Same++
		}
		return nil
	})
	return out, err
}

// keepLargest puts ch among the MaxChildChanges largest of cs by the size
// of its change (sign 1 for gains, -1 for losses), largest first; the file's
// order among equals.
func keepLargest(cs []ChildChange, ch ChildChange, sign int) []ChildChange {
	larger := func(x, y ChildChange) bool { return x.Diff.Cmp(y.Diff)*sign > 0 }
	i := len(cs)
	for i > 0 && larger(ch, cs[i-1]) {
		i--
	}
	if i >= MaxChildChanges {
		return cs
	}
	cs = append(cs, ChildChange{})
	copy(cs[i+1:], cs[i:])
	cs[i] = ch
	if len(cs) > MaxChildChanges {
		cs = cs[:MaxChildChanges]
	}
	return cs
}
