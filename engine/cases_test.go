package engine_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// casesDir holds the worked cases, one theme a file. The format is described
// at the top of trafford-worked-examples.txtar.
var casesDir = filepath.Join("..", "testdata", "cases")

// A caseFile is a txtar-like file: a free-text comment, then sections, each
// opened by a line "-- name --".
type caseFile struct {
	Path     string
	Comment  string
	Sections []section
}

// A section is one case: its name, the line of its first content line, and
// its YAML text.
type section struct {
	Name string
	Line int
	Data []byte
}

// parseCaseFile splits a case file into its comment and sections. A name used
// twice, or an empty name, is an error.
func parseCaseFile(path string, data []byte) (*caseFile, error) {
	f := &caseFile{Path: path}
	var comment []string
	var cur *section
	var body []string
	flush := func() {
		if cur != nil {
			cur.Data = []byte(strings.Join(body, "\n") + "\n")
			f.Sections = append(f.Sections, *cur)
		}
	}
	seen := map[string]int{}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	for i, line := range lines {
		if name, ok := sectionName(line); ok {
			if name == "" {
				return nil, fmt.Errorf("%s:%d: a section needs a name", path, i+1)
			}
			if prev, dup := seen[name]; dup {
				return nil, fmt.Errorf("%s:%d: case %q is also at line %d", path, i+1, name, prev)
			}
			seen[name] = i + 1
			flush()
			cur, body = &section{Name: name, Line: i + 2}, nil
			continue
		}
		if cur == nil {
			comment = append(comment, line)
		} else {
			body = append(body, line)
		}
	}
	flush()
	f.Comment = strings.Join(comment, "\n")
	return f, nil
}

// sectionName reports whether line opens a section, "-- name --", and its name.
func sectionName(line string) (string, bool) {
	line = strings.TrimRight(line, " \t")
	if !strings.HasPrefix(line, "-- ") || !strings.HasSuffix(line, " --") || len(line) < 6 {
		return "", false
	}
	return strings.TrimSpace(line[3 : len(line)-3]), true
}

// caseSpec is the YAML of one case.
type caseSpec struct {
	Policy string     `yaml:"policy"`
	Skip   string     `yaml:"skip"`
	Input  caseInput  `yaml:"input"`
	Want   yaml.Node  `yaml:"want"`
	Error  *caseError `yaml:"error"`
}

// caseInput is a case's fields, named as the cohort CSV's columns.
type caseInput struct {
	ID                  string `yaml:"id"`
	Score               string `yaml:"score"`
	Age                 string `yaml:"age"`
	DateOfBirth         string `yaml:"date_of_birth"`
	AssessedOn          string `yaml:"assessed_on"`
	CurrentCost         string `yaml:"current_cost"`
	IncludesContingency string `yaml:"includes_contingency"`
	Allocation          string `yaml:"allocation"`
	ReassessedOn        string `yaml:"reassessed_on"`
	NewScore            string `yaml:"new_score"`
}

func (in caseInput) fields() engine.Fields {
	return engine.Fields{
		ID: in.ID, Score: in.Score, Age: in.Age, DateOfBirth: in.DateOfBirth, AssessedOn: in.AssessedOn,
		CurrentCost: in.CurrentCost, IncludesContingency: in.IncludesContingency, Allocation: in.Allocation,
		ReassessedOn: in.ReassessedOn, NewScore: in.NewScore,
	}
}

// caseError is the error a case expects: the field it concerns and a
// fragment of its message.
type caseError struct {
	Field           string `yaml:"field"`
	MessageContains string `yaml:"message_contains"`
}

// A workedCase is a case read from a file, ready to run.
type workedCase struct {
	File string
	Name string
	Line int // the line of the section's first content line
	caseSpec
}

// where is the file and line of a line of the case's YAML (1 for its first).
func (c *workedCase) where(line int) string {
	if line < 1 {
		line = 1
	}
	return fmt.Sprintf("%s:%d", c.File, c.Line+line-1)
}

// decodeCase reads the YAML of a section strictly: an unknown key is an error.
func decodeCase(file string, s section) (*workedCase, error) {
	c := &workedCase{File: file, Name: s.Name, Line: s.Line}
	dec := yaml.NewDecoder(bytes.NewReader(s.Data))
	dec.KnownFields(true)
	if err := dec.Decode(&c.caseSpec); err != nil {
		return nil, fmt.Errorf("%s: case %q: %v", c.where(1), s.Name, err)
	}
	switch {
	case c.Policy == "":
		return nil, fmt.Errorf("%s: case %q: no policy", c.where(1), s.Name)
	case c.Want.Kind == 0 && c.Error == nil:
		return nil, fmt.Errorf("%s: case %q: states neither want nor error: a case must assert something", c.where(1), s.Name)
	case c.Want.Kind != 0 && c.Error != nil:
		return nil, fmt.Errorf("%s: case %q: states both want and error", c.where(1), s.Name)
	case c.Want.Kind != 0 && c.Want.Kind != yaml.MappingNode:
		return nil, fmt.Errorf("%s: case %q: want must be a mapping of result keys", c.where(c.Want.Line), s.Name)
	case c.Want.Kind == yaml.MappingNode && len(c.Want.Content) == 0:
		return nil, fmt.Errorf("%s: case %q: want is empty: a case must assert something", c.where(c.Want.Line), s.Name)
	case c.Error != nil && (c.Error.Field == "" || c.Error.MessageContains == ""):
		return nil, fmt.Errorf("%s: case %q: error needs both field and message_contains", c.where(1), s.Name)
	}
	return c, nil
}

// readCases reads every case of every file in dir.
func readCases(dir string) ([]*workedCase, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no case files in %s", dir)
	}
	var cases []*workedCase
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		f, err := parseCaseFile(path, data)
		if err != nil {
			return nil, err
		}
		if len(f.Sections) == 0 {
			return nil, fmt.Errorf("%s: no cases", path)
		}
		for _, s := range f.Sections {
			c, err := decodeCase(path, s)
			if err != nil {
				return nil, err
			}
			cases = append(cases, c)
		}
	}
	return cases, nil
}

// evaluateFields evaluates a case as the CLI and the page do: fields to a case, the
// case under the policy, the result as contract JSON.
func evaluateFields(p *engine.Policy, f engine.Fields) ([]byte, error) {
	c, err := f.Case()
	if err != nil {
		return nil, err
	}
	r, err := engine.Evaluate(p, c)
	if err != nil {
		return nil, err
	}
	return json.Marshal(r)
}

func TestCases(t *testing.T) {
	cases, err := readCases(casesDir)
	if err != nil {
		t.Fatal(err)
	}
	loaded := map[string]*engine.Policy{}
	for _, c := range cases {
		t.Run(filepath.Base(c.File)+"/"+c.Name, func(t *testing.T) {
			if c.Skip != "" {
				t.Skipf("%s: %s", c.where(1), c.Skip)
			}
			p := loaded[c.Policy]
			if p == nil {
				var err error
				if p, err = policies.Load(c.Policy); err != nil {
					t.Fatalf("%s: %v", c.where(1), err)
				}
				loaded[c.Policy] = p
			}
			runCase(t, c, p)
		})
	}
}

func runCase(t *testing.T, c *workedCase, p *engine.Policy) {
	t.Helper()
	got, err := evaluateFields(p, c.Input.fields())
	if c.Error != nil {
		if err == nil {
			t.Errorf("%s: case %q: want an error on %s containing %q, got a result:\n%s",
				c.where(1), c.Name, c.Error.Field, c.Error.MessageContains, resultForFailure(got))
			return
		}
		var errs engine.Errors
		if !errors.As(err, &errs) {
			t.Errorf("%s: case %q: want engine.Errors, got %T: %v", c.where(1), c.Name, err, err)
			return
		}
		e := errs.Field(c.Error.Field)
		if e == nil {
			t.Errorf("%s: case %q: want an error on field %s, got:\n%v", c.where(1), c.Name, c.Error.Field, err)
			return
		}
		if !strings.Contains(e.Error(), c.Error.MessageContains) {
			t.Errorf("%s: case %q: the error on %s, %q, does not contain %q", c.where(1), c.Name, c.Error.Field, e.Error(), c.Error.MessageContains)
		}
		return
	}
	if err != nil {
		t.Errorf("%s: case %q: unexpected error:\n%v", c.where(1), c.Name, err)
		return
	}
	var result any
	dec := json.NewDecoder(bytes.NewReader(got))
	dec.UseNumber()
	if err := dec.Decode(&result); err != nil {
		t.Fatalf("%s: case %q: the result is not JSON: %v", c.where(1), c.Name, err)
	}
	var diffs []string
	matchJSON("", &c.Want, result, func(n *yaml.Node, path, msg string) {
		diffs = append(diffs, fmt.Sprintf("%s: %s: %s", c.where(n.Line), path, msg))
	})
	if len(diffs) > 0 {
		t.Errorf("case %q:\n\t%s\nresult:\n%s", c.Name, strings.Join(diffs, "\n\t"), resultForFailure(got))
	}
}

// resultForFailure is the result JSON without its explanation, indented, for a failure
// message.
func resultForFailure(data []byte) string {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return string(data)
	}
	delete(m, "explanation")
	out, _ := json.MarshalIndent(m, "\t", "  ")
	return "\t" + string(out)
}

// matchJSON compares the part of a result a case states (want) with the result
// JSON (got), calling fail for each difference. A mapping compares only the
// keys it states; a list compares whole; null matches null or an absent key;
// a string matches only a JSON string, an integer only a JSON number and a
// boolean only a JSON boolean. A YAML float is refused: amounts are strings.
func matchJSON(path string, want *yaml.Node, got any, fail func(n *yaml.Node, path, msg string)) {
	for want.Kind == yaml.AliasNode {
		want = want.Alias
	}
	switch want.Kind {
	case yaml.MappingNode:
		obj, ok := got.(map[string]any)
		if !ok {
			fail(want, path, fmt.Sprintf("want an object, got %s", jsonText(got)))
			return
		}
		for i := 0; i+1 < len(want.Content); i += 2 {
			key, val := want.Content[i].Value, want.Content[i+1]
			sub := key
			if path != "" {
				sub = path + "." + key
			}
			g, present := obj[key]
			if !present {
				if val.Kind == yaml.ScalarNode && val.ShortTag() == "!!null" {
					continue
				}
				fail(val, sub, "want "+val.Value+", but the result has no such key")
				continue
			}
			matchJSON(sub, val, g, fail)
		}
	case yaml.SequenceNode:
		list, ok := got.([]any)
		if !ok {
			fail(want, path, fmt.Sprintf("want a list, got %s", jsonText(got)))
			return
		}
		if len(list) != len(want.Content) {
			fail(want, path, fmt.Sprintf("want %d items, got %d: %s", len(want.Content), len(list), jsonText(got)))
		}
		for i := 0; i < len(list) && i < len(want.Content); i++ {
			matchJSON(fmt.Sprintf("%s[%d]", path, i), want.Content[i], list[i], fail)
		}
	case yaml.ScalarNode:
		matchScalar(path, want, got, fail)
	default:
		fail(want, path, "cannot compare this YAML")
	}
}

func matchScalar(path string, want *yaml.Node, got any, fail func(n *yaml.Node, path, msg string)) {
	switch tag := want.ShortTag(); tag {
	case "!!null":
		if got != nil {
			fail(want, path, fmt.Sprintf("want null, got %s", jsonText(got)))
		}
	case "!!str", "!!timestamp":
		if s, ok := got.(string); !ok || s != want.Value {
			fail(want, path, fmt.Sprintf("want %q, got %s", want.Value, jsonText(got)))
		}
	case "!!int":
		n, ok := got.(json.Number)
		w, err := strconv.ParseInt(want.Value, 0, 64)
		if err != nil {
			fail(want, path, fmt.Sprintf("%q is not a whole number", want.Value))
			return
		}
		if g, gerr := n.Int64(); !ok || gerr != nil || g != w {
			fail(want, path, fmt.Sprintf("want %d, got %s", w, jsonText(got)))
		}
	case "!!bool":
		var w bool
		if err := want.Decode(&w); err != nil {
			fail(want, path, err.Error())
			return
		}
		if b, ok := got.(bool); !ok || b != w {
			fail(want, path, fmt.Sprintf("want %t, got %s", w, jsonText(got)))
		}
	case "!!float":
		fail(want, path, fmt.Sprintf("%s is a YAML float: write amounts as quoted strings, like \"10413.00\", as the result does", want.Value))
	default:
		fail(want, path, "cannot compare a value tagged "+tag)
	}
}

// jsonText writes a JSON value as it appears in the result.
func jsonText(v any) string {
	if v == nil {
		return "null"
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

// TestCaseFileFormat checks the parser and the matcher themselves, so a broken
// runner cannot pass every case by comparing nothing.
func TestCaseFileFormat(t *testing.T) {
	f, err := parseCaseFile("x.txtar", []byte("a comment\n-- one --\npolicy: p\n-- two --\npolicy: q\n"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Comment != "a comment" || len(f.Sections) != 2 || f.Sections[0].Name != "one" || f.Sections[1].Line != 5 {
		t.Errorf("parsed %+v", f)
	}
	if _, err := parseCaseFile("x.txtar", []byte("-- one --\n-- one --\n")); err == nil {
		t.Error("a repeated case name is not an error")
	}
	bad := map[string]string{
		"neither want nor error": "policy: trafford-2013\ninput: {id: a}\n",
		"unknown key":            "policy: trafford-2013\ninput: {id: a}\nwnat: {age: 1}\n",
		"unknown input column":   "policy: trafford-2013\ninput: {id: a, scroe: 1}\nwant: {age: 1}\n",
		"empty want":             "policy: trafford-2013\ninput: {id: a}\nwant: {}\n",
		"both want and error":    "policy: trafford-2013\ninput: {id: a}\nwant: {age: 1}\nerror: {field: age, message_contains: x}\n",
	}
	for name, text := range bad {
		if _, err := decodeCase("x.txtar", section{Name: name, Line: 1, Data: []byte(text)}); err == nil {
			t.Errorf("%s: decoded without error", name)
		}
	}

	got := map[string]any{
		"annual_budget": "10413.00", "age": json.Number("7"), "eligible": true, "score_band": nil,
		"schedule": []any{map[string]any{"from": "2013-04-01", "amount": "10413.00"}},
	}
	tests := []struct {
		want  string
		diffs int
	}{
		{`{annual_budget: "10413.00", age: 7, eligible: true, score_band: null, absent: null}`, 0},
		{`{schedule: [{from: 2013-04-01, amount: "10413.00"}]}`, 0},
		{`{annual_budget: "10413.01"}`, 1},
		{`{annual_budget: 10413.00}`, 1},                            // a float, not the string the contract has
		{`{age: "7"}`, 1},                                           // a string, not a number
		{`{age: 8}`, 1},                                             // wrong number
		{`{eligible: false}`, 1},                                    // wrong boolean
		{`{score_band: 100-149}`, 1},                                // null in the result
		{`{absent: "x"}`, 1},                                        // no such key
		{`{schedule: []}`, 1},                                       // a list compares whole
		{`{schedule: [{from: 2013-04-01}, {from: 2013-10-01}]}`, 1}, // one item too many
		{`{schedule: [{amount: "1.00"}]}`, 1},
	}
	for _, tt := range tests {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(tt.want), &n); err != nil {
			t.Fatal(err)
		}
		diffs := 0
		matchJSON("", n.Content[0], got, func(*yaml.Node, string, string) { diffs++ })
		if diffs != tt.diffs {
			t.Errorf("matchJSON(%s): %d differences, want %d", tt.want, diffs, tt.diffs)
		}
	}
}
