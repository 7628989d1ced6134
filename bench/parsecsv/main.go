// Command parsecsv is the floor that make bench-floor sets the engine beside:
// it reads a cohort file with the engine's own reader (engine.CohortReader:
// its line reader, its field splitter, the check for duplicate ids) and parses
// every field to its type (engine.Fields.Case), and does nothing else: no
// policy, no evaluation, no summary. It prints the rows it read, and how many
// had mistakes, so that the work cannot be left out.
//
// Usage:
//
//	parsecsv FILE
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/openras/openras/engine"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: parsecsv FILE")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "parsecsv:", err)
		os.Exit(1)
	}
	defer f.Close()
	cr, err := engine.NewCohortReader(os.Args[1], f)
	if err != nil {
		fmt.Fprintln(os.Stderr, "parsecsv:", err)
		os.Exit(1)
	}
	rows, bad := 0, 0
	for {
		row, err := cr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "parsecsv:", err)
			os.Exit(1)
		}
		rows++
		if row.Err != nil {
			bad++
		}
	}
	fmt.Printf("%d rows, %d with mistakes\n", rows, bad)
}
