package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The readable output of ras, as golden files in testdata/golden/ras/: they
// pin how the text is laid out, so a change to it shows in review as a diff
// of the files. The figures in them are not what is tested here: each one is
// worked by hand in testdata/cases/ or in the tests of run_test.go, and a
// golden file is rewritten only to follow a change of layout, with
//
//	go test ./cmd/ras -update
var update = flag.Bool("update", false, "rewrite the golden files from the program's output")

const goldenDir = "../../testdata/golden/ras"

// golden compares got with the golden file name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	checkGolden(t, filepath.Join(goldenDir, name), got)
}

// checkGolden compares got with the file path, naming the first line that
// differs, or rewrites the file with -update.
func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if got == string(want) {
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl || i >= len(g) || i >= len(w) {
			t.Errorf("%s: line %d differs (go test -update rewrites the file, if the change is meant)\n got: %q\nwant: %q\n\nwhole output:\n%s", path, i+1, gl, wl, got)
			return
		}
	}
}

// TestGoldenText runs ras as a user would and compares what it prints with
// the golden files.
func TestGoldenText(t *testing.T) {
	cohort, err := os.ReadFile("../../testdata/cohorts/test-summary-trafford.csv")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		golden string
		stdin  string
		args   []string
		exit   int
	}{
		// Trafford 2013, Appendix 1, Example 1: 267 points at age 7 (the offer
		// £10,413 = 267 × £0.75 × 52), package £8,637: group 1.
		{"calc-trafford-example-1.txt", "", []string{"calc", "--policy", "trafford-2013", "--score", "267", "--age", "7", "--current-cost", "8637"}, 0},
		// Example 2: package £11,912, offer £9,367 (no score given): group 4.
		{"calc-trafford-example-2.txt", "", []string{"calc", "--policy", "trafford-2013", "--allocation", "9367", "--age", "12", "--current-cost", "11912"}, 0},
		// Example 3: 261 points, born 20 August 2000, package £15,000: group 3,
		// superseded on the 14th birthday.
		{"calc-trafford-example-3.txt", "", []string{"calc", "--policy", "trafford-2013", "--score", "261", "--date-of-birth", "2000-08-20", "--assessed-on", "2013-04-01", "--current-cost", "15000"}, 0},
		// Rotherham: the allocation told, £4,000, below a current £6,000:
		// three months' notice from 30 November 2017.
		{"calc-rotherham-notice.txt", "", []string{"calc", "--policy", "rotherham-2017", "--allocation", "4000", "--age", "9", "--current-cost", "6000", "--assessed-on", "2017-11-30"}, 0},
		// Two of its nine rows have mistakes: they are reported on standard
		// error, which is not pinned here, and the exit status is 1.
		{"cohort-summary-trafford.txt", string(cohort), []string{"cohort", "--policy", "trafford-2013", "-"}, 1},
		{"policies.txt", "", []string{"policies"}, 0},
		{"policies-show-trafford-2013.txt", "", []string{"policies", "show", "trafford-2013"}, 0},
		{"policies-show-rotherham-2017.txt", "", []string{"policies", "show", "rotherham-2017"}, 0},
	}
	for _, tc := range tests {
		t.Run(strings.TrimSuffix(tc.golden, ".txt"), func(t *testing.T) {
			out, errOut, code := ras(t, tc.stdin, tc.args...)
			if code != tc.exit {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			golden(t, tc.golden, out)
		})
	}
}
