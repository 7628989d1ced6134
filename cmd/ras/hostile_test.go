package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
)

// The inputs of testdata/hostile, each run through the program as a user
// would run it: what it must say, its exit status, and a bound on the work
// it does, measured in bytes allocated rather than timed.

const hostile = "../../testdata/hostile/"

// allocated is the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// workBound is the most a run may allocate given n bytes of input: the
// program's own start (a shipped policy read, a summary written) takes a few
// megabytes whatever the input, and reading a policy file about 30 bytes for
// each of its bytes, a cohort file less.
func workBound(n int64) uint64 { return 300*uint64(n) + 16<<20 }

// readBound is the most a run may allocate to refuse a file too large:
// reading 1 MB and a byte, in a buffer that doubles as it grows, is about
// 2 MB, and never the whole file.
const readBound = 8 << 20

// sizeOf is the size of a file, or of what the program may read of it.
func sizeOf(t *testing.T, file string) int64 {
	t.Helper()
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	return min(fi.Size(), engine.MaxPolicyBytes+1)
}

type hostileCase struct {
	name   string
	args   func(t *testing.T) []string // the command line; the input file last but for compare
	input  func(t *testing.T) string   // the file whose size bounds the work
	code   int                         // the exit status
	want   []string                    // what stderr must hold
	stdout []string                    // what stdout must hold
	check  func(t *testing.T, stdout, stderr string)
	skip   string // why the case waits
	// tooLarge marks a file refused for its size, whose work is bounded
	// by readBound whatever its size.
	tooLarge bool
}

func corpus(name string) func(*testing.T) string {
	return func(*testing.T) string { return hostile + name }
}

const writeOut = "write the value out in full where it applies; a policy is read by people, and has no need of anchors, aliases or merge keys"

var hostileCases = []hostileCase{
	{
		name:  "an alias bomb to validate",
		args:  func(*testing.T) []string { return []string{"validate", hostile + "alias-bomb.yaml"} },
		input: corpus("alias-bomb.yaml"),
		code:  1,
		want: []string{
			`alias-bomb.yaml:3: l0: "&l0" is an anchor: ` + writeOut,
			`alias-bomb.yaml:4: l1.1: "*l0" is an alias: ` + writeOut,
			"has more mistakes of these kinds: put these right first",
			"1 of 1 policy files have mistakes",
		},
	},
	{
		name: "an alias bomb as a scenario",
		args: func(*testing.T) []string {
			return []string{"compare", "--policy", "trafford-2013", "--scenario", hostile + "alias-bomb.yaml"}
		},
		input: corpus("alias-bomb.yaml"),
		code:  1,
		want:  []string{`alias-bomb.yaml:3: l0: "&l0" is an anchor`},
	},
	{
		name: "an alias bomb as the policy",
		args: func(*testing.T) []string {
			return []string{"calc", "--policy", hostile + "alias-bomb.yaml", "--score", "261", "--age", "12"}
		},
		input: corpus("alias-bomb.yaml"),
		code:  1,
		want:  []string{`alias-bomb.yaml:3: l0: "&l0" is an anchor`},
	},
	{
		name:  "a policy repeating a note by alias to 96 KB",
		args:  func(*testing.T) []string { return []string{"validate", hostile + "repeated-aliases.yaml"} },
		input: corpus("repeated-aliases.yaml"),
		code:  1,
		want: []string{
			// The notes are the 4 of the file, the first anchored, and
			// 9,043 aliases of it.
			"repeated-aliases.yaml:144: notes: has 9047 notes: a policy file has at most 100",
			`repeated-aliases.yaml:144: notes.1: "&note" is an anchor: ` + writeOut,
			`notes.5: "*note" is an alias`,
		},
	},
	{
		name:  "a second document",
		args:  func(*testing.T) []string { return []string{"validate", hostile + "second-document.yaml"} },
		input: corpus("second-document.yaml"),
		code:  1,
		// One comment line, then the 182 lines of trafford-2013.yaml:
		// the --- is line 184.
		want: []string{"second-document.yaml:184: is a second YAML document (after ---): a policy file is one document; remove the --- and what follows it"},
	},
	{
		name: "a scenario with a merge key",
		args: func(*testing.T) []string {
			return []string{"compare", "--policy", "trafford-2013", "--scenario", hostile + "merge-key-scenario.yaml"}
		},
		input: corpus("merge-key-scenario.yaml"),
		code:  1,
		want:  []string{`merge-key-scenario.yaml:93: rounding.<<: "<<" is a merge key: ` + writeOut},
	},
	{
		name:     "a policy file of 1 MB and a byte",
		args:     func(t *testing.T) []string { return []string{"validate", bigPolicy(t, engine.MaxPolicyBytes+1, false)} },
		input:    func(t *testing.T) string { return bigPolicy(t, engine.MaxPolicyBytes+1, false) },
		code:     1,
		want:     []string{"big.yaml: is larger than 1 MB: a policy file is at most 1 MB (1048576 bytes)"},
		tooLarge: true,
	},
	{
		name:     "a policy file of 200 MB",
		args:     func(t *testing.T) []string { return []string{"validate", bigPolicy(t, 200<<20, true)} },
		input:    func(t *testing.T) string { return bigPolicy(t, 200<<20, true) },
		code:     1,
		want:     []string{"big.yaml: is larger than 1 MB"},
		tooLarge: true,
	},
	{
		name: "a scenario of 200 MB",
		args: func(t *testing.T) []string {
			return []string{"compare", "--policy", "trafford-2013", "--scenario", bigPolicy(t, 200<<20, true)}
		},
		input:    func(t *testing.T) string { return bigPolicy(t, 200<<20, true) },
		code:     1,
		want:     []string{"big.yaml: is larger than 1 MB"},
		tooLarge: true,
	},
	{
		name:     "/dev/zero",
		args:     func(*testing.T) []string { return []string{"validate", "/dev/zero"} },
		input:    func(*testing.T) string { return "/dev/zero" },
		code:     1,
		want:     []string{"/dev/zero: is larger than 1 MB"},
		tooLarge: true,
	},
	{
		name: "an unclosed quote",
		args: func(*testing.T) []string {
			return []string{"cohort", "--policy", "trafford-2013", hostile + "unclosed-quote.csv"}
		},
		input: corpus("unclosed-quote.csv"),
		code:  1,
		want: []string{
			"unclosed-quote.csv:4: is not a well-formed CSV row: the quote that opens field 1 is not closed on its line",
			"1 of 5 rows had errors",
		},
		// A, B, D and E: 180 points at 12, 180 × £0.30 × 52 = £2,808.00 each.
		stdout: []string{"Children 4", "Total allocation £11,232.00"},
	},
	{
		name: "lines ended by \\r alone",
		args: func(*testing.T) []string {
			return []string{"cohort", "--policy", "trafford-2013", hostile + "cr-only.csv"}
		},
		input:  corpus("cr-only.csv"),
		code:   0,
		stdout: []string{"Children 2", "Total allocation £3,558.00"}, // £2,808.00 + £750.00
	},
	{
		name: "an escape code in the header",
		args: func(*testing.T) []string {
			return []string{"cohort", "--policy", "trafford-2013", hostile + "escape-header.csv"}
		},
		input: corpus("escape-header.csv"),
		code:  1,
		want:  []string{"escape-header.csv:1:", "missing the column score", `"\x1b[31mscore\x1b[0m"`},
		check: func(t *testing.T, stdout, stderr string) {
			if strings.ContainsRune(stdout+stderr, 0x1b) {
				t.Errorf("an escape code reached the terminal: %q", stderr)
			}
		},
	},
	{
		name: "a column one letter from current_cost",
		args: func(*testing.T) []string {
			return []string{"cohort", "--policy", "trafford-2013", hostile + "misspelt-column.csv"}
		},
		input: corpus("misspelt-column.csv"),
		code:  0,
		want: []string{
			`misspelt-column.csv:1: column "curent_cost" is not a cohort column and is ignored: did you mean current_cost?`,
			`misspelt-column.csv:1: column "Date of birth" is read as date_of_birth`,
		},
		// A, B, C, D: 180 points at 12 (born 20 August 2000, on 1 April
		// 2013), 180 × £0.30 × 52 = £2,808.00 each; no current cost read.
		stdout: []string{"Children 4", "Total allocation £11,232.00", "With a current cost 0"},
	},
	{
		name:  "an id of a million characters",
		args:  func(t *testing.T) []string { return []string{"cohort", "--policy", "trafford-2013", longID(t)} },
		input: longID,
		code:  1,
		want:  []string{`long-id.csv:2: id: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (1000000 characters)" is too long`, `long-id.csv:2: score: "abc" is not a number`},
		check: func(t *testing.T, _, stderr string) {
			if len(stderr) > 2000 {
				t.Errorf("the messages are %d bytes: the id is repeated", len(stderr))
			}
		},
	},
	{
		name: "an id of a million characters, a result a line",
		args: func(t *testing.T) []string {
			return []string{"cohort", "--policy", "trafford-2013", "--format", "jsonl", longID(t)}
		},
		input: longID,
		code:  1,
		check: func(t *testing.T, stdout, _ string) {
			if len(stdout) > 10_000 {
				t.Errorf("the results are %d bytes: the id is repeated in full", len(stdout))
			}
			lines := strings.Split(strings.TrimSpace(stdout), "\n")
			for _, line := range lines {
				if !json.Valid([]byte(line)) {
					t.Errorf("not a JSON line: %.100s", line)
				}
			}
			// The rejected row names its id and its value cut short, as
			// the message does: 40 x's, then the length.
			short := `"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx… (1000000 characters)"`
			if len(lines) != 2 || !strings.HasPrefix(lines[0], `{"id":`+short+`,"line":2,`) || strings.Count(lines[0], short) != 2 {
				t.Errorf("the rejected row is not the first of two lines with its id cut short: %.300s", stdout)
			}
		},
	},
}

// bigPolicy is a file of size bytes that starts as the Trafford policy: a
// comment pads it, or, sparse, zero bytes that take no room on disk.
func bigPolicy(t *testing.T, size int64, sparse bool) string {
	t.Helper()
	text, err := os.ReadFile("../../policies/trafford-2013.yaml")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(os.TempDir(), fmt.Sprintf("openras-hostile-%d-%d", os.Getpid(), size), "big.yaml")
	if fi, err := os.Stat(file); err == nil && fi.Size() == size {
		return file
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(file)) })
	if !sparse {
		pad := int(size) - len(text) - 3
		text = append(text, "# "+strings.Repeat("x", pad)+"\n"...)
	}
	if err := os.WriteFile(file, text, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(file, size); err != nil {
		t.Fatal(err)
	}
	return file
}

// longID is a cohort file whose first row has an id of a million characters
// and a score that is not a number, and whose second row is good.
func longID(t *testing.T) string {
	t.Helper()
	file := filepath.Join(os.TempDir(), fmt.Sprintf("openras-hostile-%d-id", os.Getpid()), "long-id.csv")
	if _, err := os.Stat(file); err == nil {
		return file
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(file)) })
	data := "id,score,age\n" + strings.Repeat("x", 1_000_000) + ",abc,12\nok,180,12\n"
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

func TestHostileInputs(t *testing.T) {
	for _, tc := range hostileCases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.skip != "" {
				t.Skip(tc.skip)
			}
			in := tc.input(t)
			if _, err := os.Stat(in); err != nil {
				t.Skipf("%s: %v", in, err)
			}
			args := tc.args(t)
			var stdout, stderr string
			var code int
			n := allocated(func() { stdout, stderr, code = ras(t, "", args...) })
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%.2000s", code, tc.code, stderr)
			}
			for _, want := range tc.want {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%.2000s", want, stderr)
				}
			}
			folded := spaces.ReplaceAllString(stdout, " ")
			for _, want := range tc.stdout {
				if !strings.Contains(folded, want) {
					t.Errorf("stdout lacks %q:\n%.2000s", want, stdout)
				}
			}
			if tc.check != nil {
				tc.check(t, stdout, stderr)
			}
			bound := workBound(sizeOf(t, in))
			if tc.tooLarge {
				bound = readBound
			}
			if n > bound {
				t.Errorf("%d bytes allocated for an input of %d bytes: more than %d", n, sizeOf(t, in), bound)
			}
		})
	}
}

// TestHostileCorpus keeps the corpus and its table together: every file of
// testdata/hostile is run above and named in its README.
func TestHostileCorpus(t *testing.T) {
	readme, err := os.ReadFile(hostile + "README.md")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(hostile)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name := e.Name()
		if name == "README.md" {
			continue
		}
		if !strings.Contains(string(readme), "`"+name+"`") {
			t.Errorf("%s is not in testdata/hostile/README.md", name)
		}
		run := false
		for _, tc := range hostileCases {
			if strings.HasSuffix(tc.input(t), "/"+name) {
				run = true
			}
		}
		if !run {
			t.Errorf("%s is not run by TestHostileInputs", name)
		}
	}
}
