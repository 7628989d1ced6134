package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// ras runs the program as a user would, and returns what it printed and its
// exit status.
func ras(t *testing.T, input string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(args, strings.NewReader(input), &out, &errb)
	if err != nil && err.Error() != "" {
		errb.WriteString(err.Error() + "\n")
	}
	return out.String(), errb.String(), exitCode(err)
}

// spaces folds runs of spaces, so tables can be matched whatever their widths.
var spaces = regexp.MustCompile(` +`)

func TestCalcExample3(t *testing.T) {
	// Trafford 2013, Appendix 1, Example 3: age 12, turns 14 on 20 August 2014,
	// current package £15,000, allocation £13,572 (261 × £1.00 × 52), group 3;
	// £14,286 from 1 October 2013; £17,643.60 (261 × £1.30 × 52) from 20 August 2014.
	out, errOut, code := ras(t, "", "calc", "--policy", "trafford-2013", "--score", "261",
		"--date-of-birth", "2000-08-20", "--assessed-on", "2013-04-01", "--current-cost", "15000")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	folded := spaces.ReplaceAllString(out, " ")
	for _, want := range []string{
		"£13,572.00 a year",
		"Transition: group 3",
		"1 April 2013 £15,000.00 base cost continues until the first stage",
		"1 October 2013 £14,286.00 stage 1 of 2",
		"20 August 2014 £17,643.60 age band 14-plus",
		"[Trafford 2013 §6.3]",
	} {
		if !strings.Contains(folded, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(folded, "1 October 2014 £13,572.00 stage 2 of 2") {
		t.Errorf("the birthday should supersede the second stage:\n%s", out)
	}
}

func TestCalcJSONContract(t *testing.T) {
	out, errOut, code := ras(t, "", "calc", "--json", "--id", "ex3", "--policy", "trafford-2013", "--score", "261",
		"--date-of-birth", "2000-08-20", "--assessed-on", "2013-04-01", "--current-cost", "15000")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// The example of docs/rules.md ("The result of one child"), field by field.
	var got struct {
		ID         string `json:"id"`
		Policy     string `json:"policy"`
		Age        int    `json:"age"`
		AgeBand    string `json:"age_band"`
		Score      int    `json:"score"`
		ScoreBand  string `json:"score_band"`
		Eligible   bool   `json:"eligible"`
		Annual     string `json:"annual_budget"`
		Moderation struct {
			Flagged bool `json:"flagged"`
			Step    *int `json:"step"`
		} `json:"moderation"`
		Transition struct {
			Group    string `json:"group"`
			BaseCost string `json:"base_cost"`
			Schedule []struct {
				From, Amount, Reason string
			} `json:"schedule"`
		} `json:"transition"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.ID != "ex3" || got.Policy != "trafford-2013" || got.Age != 12 || got.AgeBand != "10-13" ||
		got.Score != 261 || got.ScoreBand != "260-plus" || !got.Eligible || got.Annual != "13572.00" {
		t.Errorf("head of the result: %+v", got)
	}
	if !got.Moderation.Flagged || got.Moderation.Step == nil || *got.Moderation.Step != 260 {
		t.Errorf("moderation: %+v", got.Moderation)
	}
	want := [][3]string{{"2013-04-01", "15000.00", ""}, {"2013-10-01", "14286.00", ""}, {"2014-08-20", "17643.60", "age band 14-plus"}}
	if got.Transition.Group != "3" || got.Transition.BaseCost != "15000.00" || len(got.Transition.Schedule) != len(want) {
		t.Fatalf("transition: %+v", got.Transition)
	}
	for i, w := range want {
		e := got.Transition.Schedule[i]
		if e.From != w[0] || e.Amount != w[1] || (w[2] != "" && e.Reason != w[2]) || e.Reason == "" {
			t.Errorf("schedule[%d] = %+v, want %v with a reason", i, e, w)
		}
	}
	// The contract's keys come first, in its order.
	keys := regexp.MustCompile(`(?m)^  "([a-z_]+)":`).FindAllStringSubmatch(out, -1)
	order := []string{"id", "policy", "age", "age_band", "score", "score_band", "eligible", "annual_budget", "moderation", "transition"}
	for i, k := range order {
		if i >= len(keys) || keys[i][1] != k {
			t.Fatalf("key %d is not %q: %v", i, k, keys)
		}
	}
}

func TestCalcBadInput(t *testing.T) {
	base := []string{"calc", "--policy", "trafford-2013"}
	tests := []struct {
		name string
		args []string
		code int
		want string // in stderr
	}{
		{"negative score", []string{"--score", "-5", "--age", "12"}, 1, `--score: "-5" is negative`},
		{"fractional score", []string{"--score", "180.5", "--age", "12"}, 1, `--score: "180.5" is not a whole number`},
		{"words for a score", []string{"--score", "lots", "--age", "12"}, 1, `--score: "lots" is not a number`},
		{"age 18", []string{"--score", "180", "--age", "18"}, 1, "adult services"},
		{"born after the assessment", []string{"--score", "180", "--date-of-birth", "2014-01-01", "--assessed-on", "2013-04-01"}, 1, "--date-of-birth: \"2014-01-01\" is after the assessment date"},
		{"31 April", []string{"--score", "180", "--date-of-birth", "2005-04-31"}, 1, "April 2005 has no day 31"},
		{"negative amount", []string{"--score", "180", "--age", "12", "--current-cost", "-100"}, 1, "--current-cost: \"-100\" is negative"},
		{"three decimals", []string{"--score", "180", "--age", "12", "--current-cost", "100.005"}, 1, "more than 2 decimal places"},
		{"no score", []string{"--age", "12"}, 1, "--score: is missing"},
		{"a stray argument", []string{"--score", "180", "--age", "12", "extra"}, 2, "unexpected argument"},
		{"an unknown flag", []string{"--scor", "180"}, 2, "flag provided but not defined"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := ras(t, "", append(base, tc.args...)...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errOut, tc.code, tc.want)
			}
		})
	}
}

func TestCalcPolicyErrors(t *testing.T) {
	_, errOut, code := ras(t, "", "calc", "--policy", "leeds-2020", "--score", "180", "--age", "12")
	if code != 1 || !strings.Contains(errOut, `"leeds-2020" is not a known policy`) || !strings.Contains(errOut, "trafford-2013") {
		t.Errorf("unknown policy: exit %d, %q", code, errOut)
	}
	_, errOut, code = ras(t, "", "calc", "--score", "180", "--age", "12")
	if code != 2 || !strings.Contains(errOut, "--policy is required") {
		t.Errorf("no policy: exit %d, %q", code, errOut)
	}
	_, errOut, code = ras(t, "", "calc", "--policy", "rotherham-2017", "--age", "12")
	if code != 1 || !strings.Contains(errOut, "--allocation: is missing") || !strings.Contains(errOut, "not published") {
		t.Errorf("rotherham without an allocation: exit %d, %q", code, errOut)
	}
}

func TestCalcRotherhamNotice(t *testing.T) {
	// Rotherham 2017, rec. 3: a lower package takes effect after three months'
	// notice; 30 Nov 2017 + 3 months is 28 Feb 2018 (the month's last day).
	// Reviews 6 and 12 months on (§2.11): 30 May 2018 and 30 Nov 2018.
	out, errOut, code := ras(t, "", "calc", "--policy", "rotherham-2017", "--allocation", "4000", "--age", "9",
		"--current-cost", "6000", "--assessed-on", "2017-11-30")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	folded := spaces.ReplaceAllString(out, " ")
	for _, want := range []string{"30 November 2017 £6,000.00", "28 February 2018 £4,000.00", "Reviews: 30 May 2018, 30 November 2018", "written reasons"} {
		if !strings.Contains(folded, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

const cohortCSV = "\ufeffid,score,age,current_cost,notes\r\n" +
	"a,261,12,15000,x\r\n" + // 261 × £1.00 × 52 = £13,572.00; decrease £1,428.00: group 3
	"b,-5,12,100,x\r\n" + // a bad score
	"=cmd,120,3,400,x\r\n" // £500.00 fixed offer (under 5, 100–149); an increase: group 1

func TestCohortFormats(t *testing.T) {
	out, errOut, code := ras(t, cohortCSV, "cohort", "--policy", "trafford-2013", "--format", "summary-json", "-")
	if code != 1 {
		t.Errorf("a file with a bad row exits 1, got %d", code)
	}
	if !strings.Contains(errOut, `stdin:3: score: "-5" is negative`) || !strings.Contains(errOut, `column "notes" is not a cohort column`) {
		t.Errorf("stderr should name the bad row and the extra column:\n%s", errOut)
	}
	var s struct {
		Children int            `json:"children"`
		Rejected int            `json:"rejected_rows"`
		Total    string         `json:"total_allocation"`
		Groups   map[string]int `json:"groups"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err, out)
	}
	// £13,572.00 + £500.00 = £14,072.00
	if s.Children != 2 || s.Rejected != 1 || s.Total != "14072.00" || s.Groups["1"] != 1 || s.Groups["3"] != 1 {
		t.Errorf("summary: %+v", s)
	}

	out, _, _ = ras(t, cohortCSV, "cohort", "--policy", "trafford-2013", "--format", "jsonl", "-")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], `"annual_budget":"13572.00"`) ||
		!strings.Contains(lines[1], `"line":3`) || !strings.Contains(lines[1], `"field":"score"`) {
		t.Errorf("jsonl:\n%s", out)
	}

	out, _, _ = ras(t, cohortCSV, "cohort", "--policy", "trafford-2013", "--format", "csv", "-")
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 4 {
		t.Fatalf("csv: %v\n%s", err, out)
	}
	if rows[3][1] != "'=cmd" {
		t.Errorf("a formula in an id is neutralised: got %q", rows[3][1])
	}
	if !strings.Contains(rows[2][len(rows[2])-1], "is negative") {
		t.Errorf("a bad row carries its error: %q", rows[2])
	}

	out, _, code = ras(t, cohortCSV, "cohort", "--policy", "trafford-2013", "-")
	if code != 1 || !strings.Contains(spaces.ReplaceAllString(out, " "), "Total allocation £14,072.00") {
		t.Errorf("readable summary, exit %d:\n%s", code, out)
	}
}

func TestCohortFileErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.csv")
	os.WriteFile(empty, nil, 0o644)
	headerOnly := filepath.Join(dir, "header.csv")
	os.WriteFile(headerOnly, []byte("id,score,age\n"), 0o644)
	noID := filepath.Join(dir, "noid.csv")
	os.WriteFile(noID, []byte("score,age\n180,12\n"), 0o644)
	tests := []struct{ file, want string }{
		{empty, "is empty"},
		{headerOnly, "has a header but no rows"},
		{noID, "missing the column id"},
		{filepath.Join(dir, "missing.csv"), "cannot be opened"},
	}
	for _, tc := range tests {
		_, errOut, code := ras(t, "", "cohort", "--policy", "trafford-2013", tc.file)
		if code != 1 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%s: exit %d, %q; want %q", filepath.Base(tc.file), code, errOut, tc.want)
		}
	}
	_, errOut, code := ras(t, "", "cohort", "--policy", "trafford-2013", "--format", "xml", "-")
	if code != 2 || !strings.Contains(errOut, "is not a format") {
		t.Errorf("bad format: exit %d, %q", code, errOut)
	}
}

func TestPoliciesAndValidate(t *testing.T) {
	out, _, code := ras(t, "", "policies")
	if code != 0 || !strings.Contains(out, "trafford-2013") || !strings.Contains(out, "rotherham-2017") {
		t.Errorf("policies: exit %d\n%s", code, out)
	}
	out, _, code = ras(t, "", "policies", "show", "trafford-2013")
	folded := spaces.ReplaceAllString(out, " ")
	// The rates table of §6.3, row 10–13 years.
	if code != 0 || !strings.Contains(folded, "10–13 years none £1,000.00 £0.30 £0.75 £1.00") || !strings.Contains(out, "Decisions") {
		t.Errorf("policies show: exit %d\n%s", code, out)
	}

	dir := t.TempDir()
	good, err := os.ReadFile("../../policies/trafford-2013.yaml")
	if err != nil {
		t.Fatal(err)
	}
	goodFile := filepath.Join(dir, "good.yaml")
	os.WriteFile(goodFile, good, 0o644)
	badFile := filepath.Join(dir, "bad.yaml")
	os.WriteFile(badFile, bytes.Replace(good, []byte(`150-199: "0.30"`), []byte(`150-199: "0.3x"`), 1), 0o644)

	out, _, code = ras(t, "", "validate", goodFile)
	if code != 0 || !strings.Contains(out, "ok") {
		t.Errorf("validate good: exit %d\n%s", code, out)
	}
	_, errOut, code := ras(t, "", "validate", goodFile, badFile)
	if code != 1 || !regexp.MustCompile(`bad\.yaml:\d+: rates\.10-13\.150-199: "0\.3x" is not an amount`).MatchString(errOut) {
		t.Errorf("validate bad: exit %d\n%s", code, errOut)
	}
	_, _, code = ras(t, "", "validate")
	if code != 2 {
		t.Errorf("validate with no file: exit %d, want 2", code)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{nil, {"frobnicate"}} {
		_, errOut, code := ras(t, "", args...)
		if code != 2 || !strings.Contains(errOut, "usage:") {
			t.Errorf("%v: exit %d, %q", args, code, errOut)
		}
	}
}
