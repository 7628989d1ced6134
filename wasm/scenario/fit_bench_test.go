package scenario

import (
	"strconv"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/shopspring/decimal"
)

// benchCohort is n children as bench/cohort.mjs writes them: a score of 0
// to 400, an age of 0 to 17 and a current cost of £0 to £40,000, from a
// seeded generator, so the same each run.
func benchCohort(b *testing.B, s *Scenario, n int) *Cohort {
	b.Helper()
	var sb strings.Builder
	sb.WriteString("id,score,age,current_cost\n")
	seed := uint64(20130401)
	next := func(m uint64) uint64 {
		seed = seed*6364136223846793005 + 1442695040888963407
		return (seed >> 33) % m
	}
	for i := range n {
		sb.WriteString("c" + strconv.Itoa(i) + "," + strconv.FormatUint(next(401), 10) + "," + strconv.FormatUint(next(18), 10) + "," +
			strconv.FormatUint(next(40001), 10) + "." + strconv.FormatUint(10+next(90), 10) + "\n")
	}
	c := &Cohort{Name: "bench.csv", Src: Text(sb.String())}
	h, err := engine.HoldCohort(s.Baseline, c.Name, c.Open(nil), nil)
	if err != nil {
		b.Fatal(err)
	}
	c.Held = h
	return c
}

// BenchmarkFitOnThePage is what the scenario page does when "Fit to a
// budget" is clicked with a cohort of 10,000 children held: every rate
// varied, to nine tenths of the published total. The page's goal is under
// 300 ms (bench/README.md); in WebAssembly it runs several times slower than here.
func BenchmarkFitOnThePage(b *testing.B) {
	s := fromLink("policy=trafford-2013")
	c := benchCohort(b, s, 10_000)
	total := c.Held.Compare(s.Baseline).Baseline.TotalAllocation
	form := FitForm{Budget: total.Mul(decimal.New(9, -1)).StringFixed(2), Vary: VaryAll}
	for b.Loop() {
		if _, err := s.Fit(c, form); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/fit")
}

// BenchmarkCalibrateOnThePage derives every rate from the current costs of
// 100,000 children held, as the cohort page does. The goal is under 1 s.
func BenchmarkCalibrateOnThePage(b *testing.B) {
	s := fromLink("policy=trafford-2013")
	c := benchCohort(b, s, 100_000)
	for b.Loop() {
		if _, err := s.Calibrate(c); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/calibrate")
}
