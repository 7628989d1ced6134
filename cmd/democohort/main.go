// Command democohort writes the demonstration cohort: a synthetic file of
// children whose aggregates match those the Trafford report publishes for its
// modelling (Equality Impact Assessment, section C1): 153 children modelled,
// 50 who would receive more, 103 less, and 79 families with a reduction of
// more than £1,000 who get transitional arrangements.
//
// Usage:
//
//	democohort [-seed 2013] [-out testdata/cohorts/demo-trafford-synthetic.csv]
//
// The report publishes no figures for single children, so every row is
// invented: scores, dates of birth and current costs are drawn from a seeded
// generator, the same file for the same seed. Only the counts are the
// report's. The file says so in its name, and wherever it is shown.
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
	"github.com/shopspring/decimal"
)

// The counts of the Trafford report's EIA, section C1.
const (
	modelled       = 153
	higher         = 50
	lower          = 103
	overAThousand  = 79 // reductions of more than £1,000: transition groups 3 and 4
	underAThousand = lower - overAThousand
)

func main() {
	seed := flag.Uint64("seed", 2013, "the generator's seed: the same seed, the same file")
	out := flag.String("out", "", "the file to write (default: standard output)")
	flag.Parse()
	w := io.Writer(os.Stdout)
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	if err := write(w, *seed); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// write makes the cohort: 50 children whose allocation is above their current
// cost, 24 with a decrease under £1,000 and 79 with one over, in a shuffled
// order.
func write(w io.Writer, seed uint64) error {
	p, err := policies.Load("trafford-2013")
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	type kind int
	const (
		up kind = iota
		downSmall
		downLarge
	)
	kinds := make([]kind, 0, modelled)
	for range higher {
		kinds = append(kinds, up)
	}
	for range underAThousand {
		kinds = append(kinds, downSmall)
	}
	for range overAThousand {
		kinds = append(kinds, downLarge)
	}
	rng.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })

	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write([]string{"id", "score", "date_of_birth", "assessed_on", "current_cost"}); err != nil {
		return err
	}
	assessed := engine.MustDate(2013, 4, 1)
	for i, k := range kinds {
		// A child of 0 to 17 on 1 April 2013, with a score from 100 to 319.
		dob := assessed.AddDays(-(1 + rng.IntN(18*365-2)))
		age := engine.AgeOn(dob, assessed, p.Age.LeapDay)
		score := 100 + rng.IntN(220)
		alloc, _ := p.Allocation(age, score)
		var cost engine.Money
		switch k {
		case up:
			// £1 to most of the allocation less than it, never below nothing.
			cost = alloc.Sub(pounds(rng, 1, max(alloc.IntPart()-1, 2)))
		case downSmall:
			cost = alloc.Add(decimal.New(int64(1+rng.IntN(99_999)), -2)) // £0.01 to £999.99 more
		case downLarge:
			cost = alloc.Add(pounds(rng, 1001, 9000))
		}
		if err := cw.Write([]string{fmt.Sprintf("demo-%03d", i+1), fmt.Sprint(score), dob.String(), assessed.String(), cost.StringFixed(2)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// pounds is a whole number of pounds from lo to hi.
func pounds(rng *rand.Rand, lo, hi int64) engine.Money {
	return decimal.NewFromInt(lo + rng.Int64N(hi-lo+1))
}
