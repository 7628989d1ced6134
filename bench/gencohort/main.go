// Command gencohort writes a synthetic cohort file of n rows, the same rows as
// the engine's BenchmarkCohort reads: children of every age band, scores
// across every score band, current costs that put children in every
// transition group, one in ten with the contingency included. The same n
// gives the same file. make bench-floor times the engine on it beside the
// parse-only baseline, bench/parsecsv.
//
// Usage:
//
//	gencohort [-rows 500000] [-out FILE]
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strconv"
)

func main() {
	rows := flag.Int("rows", 500_000, "the number of children")
	out := flag.String("out", "", "the file to write; standard output if empty")
	flag.Parse()
	w := os.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "gencohort:", err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	write(bw, *rows)
	if err := bw.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "gencohort:", err)
		os.Exit(1)
	}
}

// write writes the header and n rows, drawn as engine/bench_test.go's
// cohortReader draws them.
func write(w *bufio.Writer, n int) {
	seed := uint64(2013)
	next := func(m uint64) uint64 {
		seed = seed*6364136223846793005 + 1442695040888963407
		return (seed >> 33) % m
	}
	w.WriteString("id,score,date_of_birth,assessed_on,current_cost,includes_contingency\r\n")
	var b []byte
	for i := range n {
		b = append(b[:0], 'c')
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, ',')
		b = strconv.AppendUint(b, 60+next(260), 10)
		b = append(b, ',')
		b = strconv.AppendUint(b, 1996+next(17), 10)
		month, day := 1+next(12), 1+next(28)
		b = append(b, '-', byte('0'+month/10), byte('0'+month%10), '-', byte('0'+day/10), byte('0'+day%10))
		b = append(b, ",2013-04-01,"...)
		b = strconv.AppendUint(b, next(25000), 10)
		b = append(b, '.', byte('0'+next(10)), byte('0'+next(10)), ',')
		b = strconv.AppendBool(b, next(10) == 0)
		b = append(b, '\r', '\n')
		w.Write(b)
	}
}
