package engine_test

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// The file name the policy tests give ParsePolicy, which it repeats in every
// message.
const policyFile = "policies/x.yaml"

// shippedText is the text of the shipped policy file id.
func shippedText(t *testing.T, id string) string {
	t.Helper()
	b, err := fs.ReadFile(policies.FS(), id+".yaml")
	if err != nil {
		t.Fatalf("reading the shipped %s.yaml: %v", id, err)
	}
	return string(b)
}

// loadShipped loads the shipped policy id, failing the test if it does not load.
func loadShipped(t *testing.T, id string) *engine.Policy {
	t.Helper()
	p, err := policies.Load(id)
	if err != nil {
		t.Fatalf("policies.Load(%q): %v", id, err)
	}
	return p
}

// replaceOnce replaces old, which must occur exactly once in text, by new.
func replaceOnce(t *testing.T, text, old, new string) string {
	t.Helper()
	if n := strings.Count(text, old); n != 1 {
		t.Fatalf("the text to edit, %q, occurs %d times in the policy: the test needs it once", old, n)
	}
	return strings.Replace(text, old, new, 1)
}

// lineOf is the line number (from 1) of the one line of text containing s.
func lineOf(t *testing.T, text, s string) int {
	t.Helper()
	var found []int
	for i, line := range strings.Split(text, "\n") {
		if strings.Contains(line, s) {
			found = append(found, i+1)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%q is on lines %v of the edited policy: the test needs it on one line", s, found)
	}
	return found[0]
}

// policyErrors parses text, which must fail, and returns its Errors.
func policyErrors(t *testing.T, text string) engine.Errors {
	t.Helper()
	p, err := engine.ParsePolicy(policyFile, []byte(text))
	if err == nil {
		t.Fatalf("ParsePolicy succeeded (policy %q), want an error", p.ID)
	}
	if p != nil {
		t.Errorf("ParsePolicy returned a policy with its error")
	}
	var es engine.Errors
	if !errors.As(err, &es) {
		t.Fatalf("ParsePolicy error %T (%v) is not engine.Errors", err, err)
	}
	if len(es) == 0 {
		t.Fatalf("ParsePolicy returned an empty Errors")
	}
	for _, e := range es {
		if e.Kind == 0 {
			t.Errorf("an error has no kind: %v", e)
		}
	}
	return es
}

func TestShippedPoliciesParse(t *testing.T) {
	// The unedited texts parse: every test that edits them starts from a good file.
	for _, id := range []string{"trafford-2013", "rotherham-2017"} {
		t.Run(id, func(t *testing.T) {
			p, err := engine.ParsePolicy(policyFile, []byte(shippedText(t, id)))
			if err != nil {
				t.Fatalf("ParsePolicy(%s): %v", id, err)
			}
			if p.ID != id {
				t.Errorf("ParsePolicy(%s).ID = %q", id, p.ID)
			}
		})
	}
}

func TestParsePolicyOneMistake(t *testing.T) {
	tests := []struct {
		name     string
		policy   string // the shipped policy edited; trafford-2013 if empty
		old, new string // the one edit
		at       []string
		// at lists text on the line the error must name; any one of them will
		// do (a mapping's own line or the line of its first key).
		field string // the key path the error names
		msg   string // the error's text after "file:line: field: "
		exact bool   // msg is the whole rest of the message, not its start
	}{
		{
			name: "unknown key",
			old:  "council: Trafford Council\n", new: "council: Trafford Council\ncouncill: Trafford\n",
			at:    []string{"councill:"},
			field: "councill",
			msg:   "is not a key here: expected one of id, name, council,",
		},
		{
			name: "unknown nested key",
			old:  "  weeks_per_year: 52\n", new: "  weeks_per_year: 52\n  weeks_per_month: 4\n",
			at:    []string{"weeks_per_month"},
			field: "prices.weeks_per_month",
			msg:   "is not a key here: expected one of published, illustrative, source,",
		},
		{
			name: "missing required key",
			old:  "council: Trafford Council\n", new: "",
			at:    []string{"id: trafford-2013"},
			field: "",
			msg:   `is missing the key "council"`, exact: true,
		},
		{
			name: "missing nested key",
			old:  "  weeks_per_year: 52\n", new: "",
			at:    []string{"prices:", "published: true"},
			field: "prices",
			msg:   `is missing the key "weeks_per_year"`, exact: true,
		},
		{
			name: "a rate that is not an amount",
			old:  `200-259: "0.75"`, new: `200-259: "0.7x"`,
			at:    []string{`"0.7x"`},
			field: "rates.10-13.200-259",
			msg:   `"0.7x" is not an amount`, exact: true,
		},
		{
			name: "a negative rate",
			old:  `200-259: "0.75"`, new: `200-259: "-0.75"`,
			at:    []string{`"-0.75"`},
			field: "rates.10-13.200-259",
			msg:   `"-0.75" is negative: an amount here is 0 or more`, exact: true,
		},
		{
			name: "a missing rate cell",
			old:  `200-259: "0.75", 260-plus: "1.00"}`, new: `200-259: "0.75"}`,
			at:    []string{"10-13: {"},
			field: "rates.10-13",
			msg:   `is missing the key "260-plus"`, exact: true,
		},
		{
			name: "a rate cell given twice",
			old:  `200-259: "0.75", 260-plus: "1.00"}`, new: `200-259: "0.75", 260-plus: "1.00", 200-259: "0.80"}`,
			at:    []string{"10-13: {"},
			field: "rates.10-13.200-259",
			msg:   "is given twice", exact: true,
		},
		{
			name: "duplicate key",
			old:  "name: Trafford 2013\n", new: "name: Trafford 2013\nname: Trafford 2014\n",
			at:    []string{"name: Trafford 2014"},
			field: "name",
			msg:   "is given twice", exact: true,
		},
		{
			name: "a date that does not exist",
			old:  "effective_from: 2013-04-01", new: "effective_from: 2013-02-30",
			at:    []string{"effective_from:"},
			field: "effective_from",
			msg:   `"2013-02-30" is not a date: February 2013 has no day 30`, exact: true,
		},
		{
			name: "a stage date that does not exist",
			old:  "stage_dates: [2013-10-01, 2014-10-01]\n", new: "stage_dates: [2013-10-01, 2014-02-30]\n",
			at:    []string{"2014-02-30"},
			field: "transition.groups.3.stage_dates.2",
			msg:   `"2014-02-30" is not a date: February 2014 has no day 30`, exact: true,
		},
		{
			name: "a word where a number belongs",
			old:  "weeks_per_year: 52", new: "weeks_per_year: fifty-two",
			at:    []string{"fifty-two"},
			field: "prices.weeks_per_year",
			msg:   `"fifty-two" is not a whole number`, exact: true,
		},
		{
			name: "age bands that overlap",
			old:  `{id: 5-9, label: "5–9 years", from: 5, to: 9}`, new: `{id: 5-9, label: "5–9 years", from: 4, to: 9}`,
			at:    []string{"id: 5-9"},
			field: "age.bands.2.from",
			msg:   `"4" overlaps band under-5, which ends at 4`, exact: true,
		},
		{
			name: "age bands that leave a gap",
			old:  `{id: 5-9, label: "5–9 years", from: 5, to: 9}`, new: `{id: 5-9, label: "5–9 years", from: 6, to: 9}`,
			at:    []string{"id: 5-9"},
			field: "age.bands.2.from",
			msg:   `"6" leaves a gap after band under-5, which ends at 4`, exact: true,
		},
		{
			name: "score bands that overlap",
			old:  "      from: 150\n", new: "      from: 149\n",
			at:    []string{"- id: 150-199"},
			field: "scores.bands.3.from",
			msg:   `"149" overlaps band 100-149, which ends at 149`, exact: true,
		},
		{
			name: "score bands that leave a gap",
			old:  "      from: 150\n", new: "      from: 151\n",
			at:    []string{"- id: 150-199"},
			field: "scores.bands.3.from",
			msg:   `"151" leaves a gap after band 100-149, which ends at 149`, exact: true,
		},
		{
			name: "moderation steps out of order",
			old:  "steps: [100, 150, 200, 260]", new: "steps: [100, 200, 150, 260]",
			at:    []string{"steps: [100, 200, 150, 260]"},
			field: "moderation.steps.3",
			msg:   `"150" is out of order: steps rise, and the step before is 200`, exact: true,
		},
		{
			name: "fractions that do not sum to one",
			old:  `fractions: ["1/2", "1/2"]`, new: `fractions: ["1/2", "1/3"]`,
			at:    []string{`fractions: ["1/2", "1/3"]`},
			field: "transition.groups.3.fractions",
			// 1/2 + 1/3 = 3/6 + 2/6 = 5/6.
			msg: "sum to 5/6, not 1: together the stages must close the whole difference", exact: true,
		},
		{
			name: "thirds written as 0.333",
			old:  `fractions: ["1/3", "1/3", "1/3"]`, new: `fractions: ["1/3", "1/3", "0.333"]`,
			at:    []string{`"0.333"`},
			field: "transition.groups.4.fractions",
			// 1/3 + 1/3 + 333/1000 = 2000/3000 + 999/3000 = 2999/3000.
			msg: "sum to 2999/3000, not 1", exact: false,
		},
		{
			name: "stage dates that do not match the fractions",
			old:  "stage_dates: [2013-10-01, 2014-10-01]\n", new: "stage_dates: [2013-10-01]\n",
			at:    []string{"stage_dates: [2013-10-01]"},
			field: "transition.groups.3.stage_dates",
			msg:   "lists 1 date for 2 fractions",
		},
		{
			name: "stage dates out of order",
			old:  "stage_dates: [2013-10-01, 2014-10-01, 2015-10-01]", new: "stage_dates: [2013-10-01, 2015-10-01, 2014-10-01]",
			at:    []string{"stage_dates: [2013-10-01, 2015-10-01, 2014-10-01]"},
			field: "transition.groups.4.stage_dates.3",
			msg:   `"2014-10-01" is out of order: stage dates rise, and the one before is 2015-10-01`, exact: true,
		},
		{
			name: "transition groups that overlap by a penny",
			old:  `decrease_from: "1000.00"`, new: `decrease_from: "999.99"`,
			at:    []string{`decrease_from: "999.99"`},
			field: "transition.groups.3.decrease_from",
			msg:   `"999.99" overlaps group 2, which ends at 999.99: it should be 1000.00`, exact: true,
		},
		{
			name: "transition groups with a gap of a penny",
			old:  `decrease_from: "1000.00"`, new: `decrease_from: "1000.01"`,
			at:    []string{`decrease_from: "1000.01"`},
			field: "transition.groups.3.decrease_from",
			msg:   `"1000.01" leaves a gap after group 2, which ends at 999.99: it should be 1000.00`, exact: true,
		},
		{
			name: "group 2 starting at £1, as the report prints it",
			old:  `decrease_from: "0.01"`, new: `decrease_from: "1.00"`,
			at:    []string{`decrease_from: "1.00"`},
			field: "transition.groups.2.decrease_from",
			msg:   `"1.00" leaves a gap after group 1, which ends at 0.00: it should be 0.01`, exact: true,
		},
		{
			name: "group 2 starting at nothing",
			old:  `decrease_from: "0.01"`, new: `decrease_from: "0.00"`,
			at:    []string{`decrease_from: "0.00"`},
			field: "transition.groups.2.decrease_from",
			msg:   `"0.00" overlaps group 1, which ends at 0.00: it should be 0.01`, exact: true,
		},
		{
			name: "unknown effect",
			old:  "decrease_to: \"999.99\"\n      effect: immediate", new: "decrease_to: \"999.99\"\n      effect: instant",
			at:    []string{"effect: instant"},
			field: "transition.groups.2.effect",
			msg:   `"instant" is not an effect: expected immediate, staged or after-notice`, exact: true,
		},
		{
			name: "unknown rounding mode",
			old:  "mode: half-away-from-zero", new: "mode: nearest",
			at:    []string{"mode: nearest"},
			field: "rounding.mode",
			msg:   `"nearest" is not a rounding mode`,
		},
		{
			name: "YAML syntax error",
			old:  "name: Trafford 2013\n", new: "name: Trafford 2013: again\n",
			at:    []string{"name: Trafford 2013: again"},
			field: "",
			msg:   "is not valid YAML: mapping values are not allowed in this context", exact: true,
		},
		{
			name:   "rates when prices are not published",
			policy: "rotherham-2017",
			old:    "\nrounding:\n", new: "\nrates: {under-18: {any: \"1.00\"}}\n\nrounding:\n",
			at:    []string{"rates: {under-18: {any"},
			field: "rates",
			msg:   "must be left out: prices.published is false", exact: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := tt.policy
			if id == "" {
				id = "trafford-2013"
			}
			text := replaceOnce(t, shippedText(t, id), tt.old, tt.new)
			es := policyErrors(t, text)
			if len(es) != 1 {
				t.Errorf("one edit gave %d errors, want 1:\n%v", len(es), es)
			}
			var lines []int
			for _, s := range tt.at {
				lines = append(lines, lineOf(t, text, s))
			}
			e := es[0]
			if e.File != policyFile {
				t.Errorf("File = %q, want %q", e.File, policyFile)
			}
			if !slices.Contains(lines, e.Line) {
				t.Errorf("Line = %d, want one of %v (the lines of %q)", e.Line, lines, tt.at)
			}
			if e.Field != tt.field {
				t.Errorf("Field = %q, want %q", e.Field, tt.field)
			}
			prefix := fmt.Sprintf("%s:%d: ", policyFile, e.Line)
			if tt.field != "" {
				prefix += tt.field + ": "
			}
			got := e.Error()
			if !strings.HasPrefix(got, prefix) {
				t.Fatalf("error = %q, want it to start %q", got, prefix)
			}
			rest := strings.TrimPrefix(got, prefix)
			if tt.exact && rest != tt.msg {
				t.Errorf("error = %q\nwant    %q", got, prefix+tt.msg)
			}
			if !tt.exact && !strings.HasPrefix(rest, tt.msg) {
				t.Errorf("error = %q, want it to go on %q", got, tt.msg)
			}
		})
	}
}

func TestParsePolicyBadValueDoesNotCascade(t *testing.T) {
	// A value that is not of its kind is one mistake and gets one message. It
	// must not then be read as false or 0 and checked again, which gives
	// further messages about mistakes the file does not have, and wrong advice.
	tests := []struct {
		name, old, new string
		want           string // the one message, after "file:line: "
	}{
		{
			// Read as false, "yes" would also ask for unpublished_message and
			// for the rates to be taken out.
			name: "yes for true", old: "published: true", new: "published: yes",
			want: `prices.published: "yes" is not true or false`,
		},
		{
			// Read as 0.00, the typo would also make group 2 end before it starts
			// and group 3 leave a gap after it.
			name: "a decrease that is not an amount", old: `decrease_to: "999.99"`, new: `decrease_to: "999.9x"`,
			want: `transition.groups.2.decrease_to: "999.9x" is not an amount`,
		},
		{
			// Read as 0, the word would also put the steps out of order.
			name: "a step that is not a number", old: "steps: [100, 150, 200, 260]", new: "steps: [100, x, 200, 260]",
			want: `moderation.steps.2: "x" is not a whole number`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := replaceOnce(t, shippedText(t, "trafford-2013"), tt.old, tt.new)
			es := policyErrors(t, text)
			want := fmt.Sprintf("%s:%d: %s", policyFile, lineOf(t, text, tt.new), tt.want)
			if len(es) != 1 || es[0].Error() != want {
				t.Errorf("one edit gave %d errors:\n%v\nwant the one:\n%s", len(es), es, want)
			}
		})
	}
}

func TestParsePolicyRateMessageExactly(t *testing.T) {
	// The house style's own example of an error, on the line of the edit.
	text := replaceOnce(t, shippedText(t, "trafford-2013"), `200-259: "0.75"`, `200-259: "0.7x"`)
	n := lineOf(t, text, `"0.7x"`)
	_, err := engine.ParsePolicy(policyFile, []byte(text))
	want := fmt.Sprintf(`policies/x.yaml:%d: rates.10-13.200-259: "0.7x" is not an amount`, n)
	if err == nil || err.Error() != want {
		t.Errorf("ParsePolicy error = %v\nwant               %s", err, want)
	}
}

func TestParsePolicyNotAPolicy(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // the whole message
	}{
		{"empty file", "", policyFile + ": is empty: a policy file starts with its id, name and council"},
		{"blank lines", "\n\n  \n", policyFile + ": is empty: a policy file starts with its id, name and council"},
		{"only comments", "# a policy\n# to come\n", policyFile + ": is empty: a policy file starts with its id, name and council"},
		{"NUL bytes", "id: trafford-2013\x00\x01\x02\n", policyFile + ": is not a text file"},
		{"binary file", "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00", policyFile + ": is not a text file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := policyErrors(t, tt.text)
			if len(es) != 1 || es[0].Error() != tt.want {
				t.Errorf("error = %q, want %q", es, tt.want)
			}
		})
	}
	t.Run("too large", func(t *testing.T) {
		big := shippedText(t, "trafford-2013") + "\n# " + strings.Repeat("x", engine.MaxPolicyBytes) + "\n"
		es := policyErrors(t, big)
		if len(es) != 1 || !strings.Contains(es[0].Error(), "a policy file is at most") {
			t.Errorf("error = %q, want one saying the file is too large", es)
		}
	})
	t.Run("a list, not a mapping", func(t *testing.T) {
		es := policyErrors(t, "- id: trafford-2013\n")
		if !strings.Contains(es[0].Error(), "must be a mapping") {
			t.Errorf("error = %q, want it to say the file must be a mapping", es)
		}
	})
}

func TestShippedPoliciesLoad(t *testing.T) {
	ids := policies.IDs()
	for _, want := range []string{"trafford-2013", "rotherham-2017"} {
		if !slices.Contains(ids, want) {
			t.Errorf("policies.IDs() = %v, want it to hold %s", ids, want)
		}
	}
	for _, id := range ids {
		t.Run(id, func(t *testing.T) {
			p, err := policies.Load(id)
			if err != nil {
				t.Fatalf("policies.Load(%q): %v", id, err)
			}
			if p.ID != id {
				t.Errorf("policies.Load(%q).ID = %q", id, p.ID)
			}
			if len(p.Decisions) == 0 {
				t.Errorf("%s lists no Decisions", id)
			}
		})
	}
}

func TestLoadUnknownPolicy(t *testing.T) {
	p, err := policies.Load("nope")
	if err == nil {
		t.Fatalf("policies.Load(\"nope\") = %v, want an error", p.ID)
	}
	msg := err.Error()
	if !strings.Contains(msg, `"nope"`) || !strings.Contains(msg, "is not a known policy") {
		t.Errorf("error = %q, want it to name \"nope\" as not a known policy", msg)
	}
	for _, id := range policies.IDs() {
		if !strings.Contains(msg, id) {
			t.Errorf("error = %q, want it to list the known id %s", msg, id)
		}
	}
	var e *engine.Error
	if !errors.As(err, &e) || e.Field != "policy" {
		t.Errorf("error %#v is not an *engine.Error about the field policy", err)
	}
}

func TestLoadFromChecksTheFileName(t *testing.T) {
	fsys := fstest.MapFS{"other.yaml": {Data: []byte(shippedText(t, "trafford-2013"))}}
	_, err := policies.LoadFrom(fsys, "other")
	if err == nil || !strings.Contains(err.Error(), "policies/other.yaml") || !strings.Contains(err.Error(), "must match the file name") {
		t.Errorf("LoadFrom a file named other.yaml with id trafford-2013: %v, want an error that the id must match the file name", err)
	}
}

func TestShippedDecisions(t *testing.T) {
	// The Decisions docs/rules.md ("Decisions") lists for each council; a file may take more.
	want := map[string][]string{
		"trafford-2013": {
			"adult-services",              // "age 18 and over is out of scope … (adult services)"
			"inclusive-moderation-window", // "within 10 points" is inclusive
			"group-2-from-a-penny",        // group 2 from £0.01, equal is group 1
			"calendar-stage-dates",        // the YAML keeps Trafford's calendar dates
			"contingency-removed",         // base cost = amount ÷ 1.035
		},
		"rotherham-2017": {
			"prices-unpublished", // the policy declares its prices unpublished
			"month-arithmetic",   // "N months after" clamps to the month's end
		},
	}
	for id, decisions := range want {
		t.Run(id, func(t *testing.T) {
			p := loadShipped(t, id)
			var have []string
			for _, x := range p.Decisions {
				have = append(have, x.ID)
				if strings.TrimSpace(x.Wording) == "" {
					t.Errorf("Decision %s has no wording", x.ID)
				}
			}
			for _, w := range decisions {
				if !slices.Contains(have, w) {
					t.Errorf("%s lists Decisions %v, want %s among them", id, have, w)
				}
			}
		})
	}
}

func TestTraffordRatesMatchReport(t *testing.T) {
	// Trafford 2013, §6.3, Proposed Financial Model: a fixed annual offer for
	// 100–149, then £ per point per week.
	p := loadShipped(t, "trafford-2013")
	report := []struct {
		age   int // an age in the band
		rates [4]string
	}{
		{0, [4]string{"500.00", "0.10", "0.30", "0.50"}},   // Under 5
		{5, [4]string{"750.00", "0.20", "0.50", "0.75"}},   // 5-9 years
		{10, [4]string{"1000.00", "0.30", "0.75", "1.00"}}, // 10-13 years
		{14, [4]string{"1300.00", "0.40", "1.00", "1.30"}}, // 14 plus
	}
	scores := [4]int{100, 150, 200, 260} // a score in each priced band
	for _, row := range report {
		ai, ok := p.AgeBand(row.age)
		if !ok {
			t.Fatalf("no age band holds %d", row.age)
		}
		for i, score := range scores {
			si, ok := p.ScoreBand(score)
			if !ok {
				t.Fatalf("no score band holds %d", score)
			}
			if got := p.Rate(ai, si); !got.Equal(pounds(row.rates[i])) {
				t.Errorf("rate for age %d, score %d = %s, want £%s (§6.3)", row.age, score, got, row.rates[i])
			}
		}
	}
	// The bands' edges as docs/rules.md ("Who is in scope", "Score bands and the financial model") gives them.
	ageBands := map[int]string{0: "under-5", 4: "under-5", 5: "5-9", 9: "5-9", 10: "10-13", 13: "10-13", 14: "14-plus", 17: "14-plus"}
	for age, id := range ageBands {
		if ai, ok := p.AgeBand(age); !ok || p.Age.Bands[ai].ID != id {
			t.Errorf("age %d is in band %v (%v), want %s", age, ai, ok, id)
		}
	}
	if _, ok := p.AgeBand(18); ok {
		t.Errorf("age 18 is in an age band; it is out of scope")
	}
	scoreBands := map[int]string{0: "below-100", 99: "below-100", 100: "100-149", 149: "100-149", 150: "150-199",
		199: "150-199", 200: "200-259", 259: "200-259", 260: "260-plus", 1000: "260-plus"}
	for score, id := range scoreBands {
		if si, ok := p.ScoreBand(score); !ok || p.Scores.Bands[si].ID != id {
			t.Errorf("score %d is in band %v (%v), want %s", score, si, ok, id)
		}
	}
}

func TestShippedDecisionsAreParameters(t *testing.T) {
	// Each Decision of docs/rules.md ("Decisions") is a value in the YAML, and loads as such.
	t.Run("trafford-2013", func(t *testing.T) {
		p := loadShipped(t, "trafford-2013")
		if p.Age.OutOfScopeFrom != 18 || !strings.Contains(p.Age.OutOfScopeMessage, "adult services") {
			t.Errorf("out of scope from %d with %q, want 18 and a message about adult services", p.Age.OutOfScopeFrom, p.Age.OutOfScopeMessage)
		}
		if p.Age.LeapDay != engine.LeapDayMarch1 {
			t.Errorf("leap-day birthdays rule = %v, want March 1", p.Age.LeapDay)
		}
		if want := civil(2013, time.April, 1); p.DefaultAssessedOn != want {
			t.Errorf("default assessment date = %v, want %v", p.DefaultAssessedOn, want)
		}
		if p.Prices.WeeksPerYear != 52 || !p.Prices.Published {
			t.Errorf("prices = %+v, want published, 52 weeks", p.Prices)
		}
		if p.Scores == nil || p.Scores.Threshold != 100 {
			t.Errorf("scores = %+v, want threshold 100", p.Scores)
		}
		m := p.Moderation
		if m == nil || !slices.Equal(m.Steps, []int{100, 150, 200, 260}) || m.Window != 10 || !m.Inclusive {
			t.Errorf("moderation = %+v, want steps 100, 150, 200, 260, window 10, inclusive", m)
		}
		if c := p.Transition.Contingency; c == nil || !c.Rate.Equal(pounds("0.035")) {
			t.Errorf("contingency = %+v, want 0.035", c)
		}
		g := p.Transition.Groups
		if len(g) != 4 {
			t.Fatalf("%d transition groups, want 4", len(g))
		}
		checkGroup(t, g[0], "1", "", "0.00", engine.EffectImmediate, nil, nil)
		checkGroup(t, g[1], "2", "0.01", "999.99", engine.EffectImmediate, nil, nil)
		checkGroup(t, g[2], "3", "1000.00", "2499.99", engine.EffectStaged, []string{"1/2", "1/2"},
			[]engine.Date{civil(2013, time.October, 1), civil(2014, time.October, 1)})
		checkGroup(t, g[3], "4", "2500.00", "", engine.EffectStaged, []string{"1/3", "1/3", "1/3"},
			[]engine.Date{civil(2013, time.October, 1), civil(2014, time.October, 1), civil(2015, time.October, 1)})
	})
	t.Run("rotherham-2017", func(t *testing.T) {
		p := loadShipped(t, "rotherham-2017")
		if p.Prices.Published || p.Scores != nil || p.Prices.UnpublishedMessage == "" {
			t.Errorf("prices = %+v, scores = %+v; want unpublished prices with a message, and no scores", p.Prices, p.Scores)
		}
		if want := civil(2017, time.August, 1); p.DefaultAssessedOn != want {
			t.Errorf("default assessment date = %v, want %v (§6.1)", p.DefaultAssessedOn, want)
		}
		if p.ImplementationMonths != 12 {
			t.Errorf("implementation months = %d, want 12 (§6.2)", p.ImplementationMonths)
		}
		if p.Notice == nil || p.Notice.Months != 3 {
			t.Errorf("notice = %+v, want 3 months (§3.3)", p.Notice)
		}
		if p.Reviews == nil || !slices.Equal(p.Reviews.Months, []int{6, 12}) {
			t.Errorf("reviews = %+v, want 6 and 12 months (§2.11)", p.Reviews)
		}
		if b := p.Budget; b == nil || !b.Amount.Equal(pounds("450000")) || b.FinancialYear != 2017 {
			t.Errorf("budget = %+v, want £450,000 for 2017/18 (§7.2)", b)
		}
		if p.Transition.Contingency != nil {
			t.Errorf("contingency = %+v, want none", p.Transition.Contingency)
		}
		g := p.Transition.Groups
		if len(g) != 2 {
			t.Fatalf("%d transition groups, want 2", len(g))
		}
		checkGroup(t, g[0], "immediate", "", "0.00", engine.EffectImmediate, nil, nil)
		checkGroup(t, g[1], "notice", "0.01", "", engine.EffectAfterNotice, nil, nil)
	})
}

func checkGroup(t *testing.T, g engine.Group, id, from, to string, effect engine.Effect, fractions []string, dates []engine.Date) {
	t.Helper()
	amount := func(m *engine.Money) string {
		if m == nil {
			return ""
		}
		return m.StringFixed(2)
	}
	if g.ID != id || amount(g.DecreaseFrom) != from || amount(g.DecreaseTo) != to || g.Effect != effect {
		t.Errorf("group %s: id %q, decrease %q to %q, effect %s; want decrease %q to %q, effect %s",
			id, g.ID, amount(g.DecreaseFrom), amount(g.DecreaseTo), g.Effect, from, to, effect)
	}
	var texts []string
	for _, f := range g.Fractions {
		texts = append(texts, f.Text)
	}
	if !slices.Equal(texts, fractions) {
		t.Errorf("group %s: fractions %v, want %v", id, texts, fractions)
	}
	if !slices.Equal(g.StageDates, dates) {
		t.Errorf("group %s: stage dates %v, want %v", id, g.StageDates, dates)
	}
}
