// Command ras works out children's personal budgets under a council's
// Resource Allocation System, as the OpenRAS web page does.
//
// Usage:
//
//	ras calc --policy ID (--score N | --allocation £) (--age N | --date-of-birth YYYY-MM-DD) [flags]
//	ras cohort --policy ID [--format summary|summary-json|jsonl|csv] FILE|-
//	ras compare --policy ID [--baseline A.yaml] --scenario FILE.yaml [COHORT]
//	ras fit --policy ID|FILE --budget AMOUNT [--vary PATHS] [--format yaml|json] COHORT
//	ras calibrate --policy ID|FILE [--budget AMOUNT] [--format yaml|json] COHORT
//	ras policies [show ID]
//	ras validate FILE...
//
// calc prints the bands, the budget, moderation, the transition schedule and
// an explanation citing the council's report; --json prints the result object
// of docs/rules.md instead. cohort evaluates every row of a cohort CSV file and
// prints a summary, or one result a line. compare sets a scenario (a policy
// file changed from a baseline) against the baseline: what it changes, the
// Decisions it alters, and, given a cohort, the figures under each and who
// gains and who loses, opening with a sentence saying what the change does;
// with --baseline, one scenario is set against another; cohort --scenario
// prints the same. fit scales the rates chosen by the largest factor that
// keeps a cohort's total allocation a year within a budget, and calibrate
// derives each rate from the cohort's current costs; each prints the policy
// file it makes. policies lists the shipped policies, and show prints one's
// rates, steps and transition rules. validate checks a council's own policy
// file and reports each mistake with its line. A row with a mistake is told
// with its line, and makes the exit status 1.
//
// The exit status is 0 on success, 1 for bad input (the message names the
// field and the value), and 2 for bad usage.
package main

import (
	"fmt"
	"os"
)

func main() {
	err := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	if err != nil && err.Error() != "" {
		fmt.Fprintln(os.Stderr, err)
	}
	os.Exit(exitCode(err))
}
