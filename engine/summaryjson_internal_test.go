package engine

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"
)

// TestSummaryJSONTwin checks Summary.MarshalJSON, which writes its bytes
// itself, against the same fields marshalled by encoding/json from a struct,
// as it was written before: the summaries of the testdata cohorts and of a
// random one under both policies, and summaries whose names need escaping
// (quotes, a backslash, <, > and &, control characters, text that is not
// ASCII or not UTF-8) and whose amounts are negative or large.
func TestSummaryJSONTwin(t *testing.T) {
	var sums []Summary
	files := map[string][]byte{"random.csv": randomCohort(rand.New(rand.NewPCG(5, 9)), 2000)}
	paths, _ := filepath.Glob("../testdata/cohorts/*.csv")
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(path)] = data
	}
	for _, id := range []string{"trafford-2013", "rotherham-2017"} {
		text, err := os.ReadFile("../policies/" + id + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		p, err := ParsePolicy(id+".yaml", text)
		if err != nil {
			t.Fatal(err)
		}
		for name, data := range files {
			if co, err := SummariseCohort(p, name, bytes.NewReader(data), nil); err == nil {
				sums = append(sums, co.Summary)
			}
		}
	}
	if len(sums) < 10 {
		t.Fatalf("only %d summaries", len(sums))
	}
	for _, name := range []string{`"quoted"`, `back\slash`, "<b>&amp;</b>", "fish & chips", "a > b", "tab\there\nnewline\x01", "café £ \u2028 \u2029", "bad \xff utf-8", ""} {
		s := sums[0]
		s.Policy = &Policy{ID: name}
		s.Groups = []Count{{Name: name, Count: -3}, {Name: "2", Count: 1 << 40}}
		s.ModerationByStep = nil
		s.ByAgeBand = []BandSummary{{Band: AgeBand{ID: name}, TotalAllocation: decimal.RequireFromString("-12.345"), Gains: decimal.RequireFromString("123456789012.5")}}
		s.SpendByYear = nil
		s.Budget = &BudgetCheck{Budget: &Budget{Label: name, FinancialYear: 2099, Amount: decimal.RequireFromString("-0.005")}, Left: decimal.RequireFromString("7")}
		sums = append(sums, s)
	}
	for i, s := range sums {
		got, err := s.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		want, err := summaryJSONByReflection(s)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("summary %d:\n got %s\nwant %s", i, got, want)
		}
		// As ras writes it: indented by an Encoder.
		var a, b bytes.Buffer
		for _, w := range []struct {
			buf *bytes.Buffer
			v   any
		}{{&a, s}, {&b, json.RawMessage(want)}} {
			enc := json.NewEncoder(w.buf)
			enc.SetIndent("", "  ")
			if err := enc.Encode(w.v); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("summary %d, indented:\n got %s\nwant %s", i, a.Bytes(), b.Bytes())
		}
	}
}

// summaryJSONByReflection is Summary.MarshalJSON as it was written with
// encoding/json, the twin the test compares it with.
func summaryJSONByReflection(s Summary) ([]byte, error) {
	type band struct {
		AgeBand         string `json:"age_band"`
		Children        int    `json:"children"`
		Eligible        int    `json:"eligible"`
		TotalAllocation string `json:"total_allocation"`
		WithCurrentCost int    `json:"with_current_cost"`
		TotalBaseCost   string `json:"total_base_cost"`
		Higher          int    `json:"higher"`
		Lower           int    `json:"lower"`
		Unchanged       int    `json:"unchanged"`
		Gains           string `json:"gains"`
		Losses          string `json:"losses"`
	}
	type year struct {
		FinancialYear string `json:"financial_year"`
		Spend         string `json:"spend"`
	}
	type budget struct {
		Label         string `json:"label"`
		FinancialYear string `json:"financial_year"`
		Amount        string `json:"amount"`
		Spend         string `json:"spend"`
		Left          string `json:"left"`
	}
	j := struct {
		Policy            string          `json:"policy"`
		Children          int             `json:"children"`
		RejectedRows      int             `json:"rejected_rows"`
		Eligible          int             `json:"eligible"`
		TotalAllocation   string          `json:"total_allocation"`
		WithCurrentCost   int             `json:"with_current_cost"`
		TotalBaseCost     string          `json:"total_base_cost"`
		Higher            int             `json:"higher"`
		Lower             int             `json:"lower"`
		Unchanged         int             `json:"unchanged"`
		Groups            json.RawMessage `json:"groups"`
		ModerationFlagged int             `json:"moderation_flagged"`
		ModerationByStep  json.RawMessage `json:"moderation_by_step,omitempty"`
		ByAgeBand         []band          `json:"by_age_band"`
		SpendByYear       []year          `json:"spend_by_financial_year"`
		Budget            *budget         `json:"budget,omitempty"`
		Distribution      json.RawMessage `json:"distribution"`
	}{
		Policy: s.Policy.ID, Children: s.Children, RejectedRows: s.RejectedRows, Eligible: s.Eligible,
		TotalAllocation: fixed(s.TotalAllocation), WithCurrentCost: s.WithCurrentCost, TotalBaseCost: fixed(s.TotalBaseCost),
		Higher: s.Higher, Lower: s.Lower, Unchanged: s.Unchanged, Groups: orderedCounts(s.Groups),
		ModerationFlagged: s.ModerationFlagged, ByAgeBand: []band{}, SpendByYear: []year{},
	}
	if s.ModerationByStep != nil {
		j.ModerationByStep = orderedCounts(s.ModerationByStep)
	}
	j.Distribution = orderedCounts(s.Distribution)
	for _, b := range s.ByAgeBand {
		j.ByAgeBand = append(j.ByAgeBand, band{b.Band.ID, b.Children, b.Eligible, fixed(b.TotalAllocation), b.WithCurrentCost,
			fixed(b.TotalBaseCost), b.Higher, b.Lower, b.Unchanged, fixed(b.Gains), fixed(b.Losses)})
	}
	for _, y := range s.SpendByYear {
		j.SpendByYear = append(j.SpendByYear, year{y.Label(), fixed(y.Spend)})
	}
	if b := s.Budget; b != nil {
		j.Budget = &budget{b.Budget.Label, YearSpend{Year: b.Budget.FinancialYear}.Label(), fixed(b.Budget.Amount), fixed(b.Spend), fixed(b.Left)}
	}
	return json.Marshal(j)
}
