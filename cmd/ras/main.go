// Command ras works out children's personal budgets under a council's
// Resource Allocation System, as the OpenRAS web page does.
//
// Usage:
//
//	ras calc --policy ID (--score N | --allocation £) (--age N | --date-of-birth YYYY-MM-DD) [flags]
//	ras cohort --policy ID [--format summary|summary-json|jsonl|csv] FILE|-
//	ras compare --policy ID --scenario FILE.yaml [COHORT]
//	ras policies [show ID]
//	ras validate FILE...
//
// calc prints the bands, the budget, moderation, the transition schedule and
// an explanation citing the council's report; --json prints the result object
// of docs/rules.md instead. cohort evaluates every row of a cohort CSV file and
// prints a summary, or one result a line. compare sets a scenario (a policy
// file changed from a baseline) against the baseline: what it changes, the
// Decisions it alters, and, given a cohort, the figures under each and who
// gains and who loses; cohort --scenario prints the same. policies lists the shipped policies,
// and show prints one's rates, steps and transition rules. validate checks a
// council's own policy file and reports each mistake with its line.
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
