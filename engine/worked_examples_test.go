package engine_test

import (
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// The three worked examples of the Trafford report (Appendix 1): each figure
// the report prints, beside the engine's figure for the same inputs. The
// engine's figures expected here are worked by hand from the report.
func TestTraffordWorkedExamples(t *testing.T) {
	p, err := policies.Load("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]engine.FigureCheck{
		{ // Example 1: 267 × £0.75 × 52 = £10,413.00 ≥ £8,637.00: group 1.
			{Label: "Allocation", Printed: "£10,413", Engine: "£10,413.00", Agrees: true},
			{Label: "Transition group", Printed: "group 1", Engine: "group 1", Agrees: true},
		},
		{ // Example 2: £11,912 − £9,367 = £2,545 ≥ £2,500: group 4; a third
			// of £2,545 is £848.333… → £848.33; £11,912.00 − £848.33 =
			// £11,063.67; − £848.33 = £10,215.34; then the allocation.
			{Label: "Transition group", Printed: "group 4", Engine: "group 4", Agrees: true},
			{Label: "From 1 October 2013", Printed: "£11,063.67p", Engine: "£11,063.67", Agrees: true},
			{Label: "Reduction on 1 October 2013", Printed: "£848.33p", Engine: "£848.33", Agrees: true},
			{Label: "From 1 October 2014", Printed: "£10,215.34p", Engine: "£10,215.34", Agrees: true},
			{Label: "From 1 October 2015", Printed: "£9,367", Engine: "£9,367.00", Agrees: true},
		},
		{ // Example 3: 261 × £1.00 × 52 = £13,572.00; £15,000 − £13,572 =
			// £1,428: group 3; half is £714.00, so £14,286.00 from 1 October
			// 2013; at 14, 261 × £1.30 × 52 = £17,643.60.
			{Label: "Allocation", Printed: "£13,572", Engine: "£13,572.00", Agrees: true},
			{Label: "Transition group", Printed: "group 3", Engine: "group 3", Agrees: true},
			{Label: "From 1 October 2013", Printed: "£14,286", Engine: "£14,286.00", Agrees: true},
			{Label: "Reduction on 1 October 2013", Printed: "£714", Engine: "£714.00", Agrees: true},
			{Label: "From 20 August 2014", Printed: "£17,643.60p", Engine: "£17,643.60", Agrees: true},
		},
	}
	if len(p.Examples) != len(want) {
		t.Fatalf("%d worked examples, want %d", len(p.Examples), len(want))
	}
	for i, w := range p.Examples {
		if w.Title != "Example "+string(rune('1'+i)) || w.Source == "" || w.Summary == "" {
			t.Errorf("example %d: title %q, source %q, summary %q", i+1, w.Title, w.Source, w.Summary)
		}
		got, err := w.Check(p)
		if err != nil {
			t.Fatalf("%s: %v", w.Title, err)
		}
		if len(got) != len(want[i]) {
			t.Fatalf("%s: %d figures, want %d: %+v", w.Title, len(got), len(want[i]), got)
		}
		for j := range got {
			if got[j] != want[i][j] {
				t.Errorf("%s, figure %d: %+v, want %+v", w.Title, j+1, got[j], want[i][j])
			}
		}
	}
}

// A printed figure the engine does not reach is shown as a mismatch, with the
// engine's figure beside it.
func TestWorkedExampleMismatch(t *testing.T) {
	p, err := policies.Load("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	w := p.Examples[2]
	w.Fields.CurrentCost = "16000" // £16,000 − £13,572 = £2,428: still group 3, half is £1,214
	got, err := w.Check(p)
	if err != nil {
		t.Fatal(err)
	}
	if got[2].Agrees || got[2].Engine != "£14,786.00" { // £16,000.00 − £1,214.00
		t.Errorf("from 1 October 2013: %+v, want a mismatch at £14,786.00", got[2])
	}
	w.Fields.Allocation = "16000" // an increase: group 1, no stage on 1 October 2013
	got, err = w.Check(p)
	if err != nil {
		t.Fatal(err)
	}
	if got[2].Agrees || got[2].Engine != "none" || got[3].Engine != "none" {
		t.Errorf("no stage on 1 October 2013: %+v", got[2:4])
	}
}

// The worked examples are read strictly: each mistake is named by its line
// and key.
func TestWorkedExamplesStrict(t *testing.T) {
	data := string(traffordText(t))
	const at = "worked_examples:\n"
	if !strings.Contains(data, at) {
		t.Fatal("no worked_examples in the Trafford policy")
	}
	tests := []struct {
		name, example, want string
	}{
		{"an unknown key", `  - {title: X, source: Y, summary: Z, inputs: {age: "7"}, printed: [{figure: group, printed: g, value: "1"}], colour: red}`,
			"worked_examples.1.colour: is not a key here"},
		{"an unknown kind of figure", `  - {title: X, source: Y, summary: Z, inputs: {age: "7"}, printed: [{figure: total, printed: g, value: "1"}]}`,
			`worked_examples.1.printed.1.figure: "total" is not a kind of figure`},
		{"an amount-from without its date", `  - {title: X, source: Y, summary: Z, inputs: {age: "7"}, printed: [{figure: amount-from, printed: "£1", value: "1"}]}`,
			`worked_examples.1.printed.1: is missing the key "on"`},
		{"a date on a group", `  - {title: X, source: Y, summary: Z, inputs: {age: "7"}, printed: [{figure: group, on: 2013-10-01, printed: g, value: "1"}]}`,
			"worked_examples.1.printed.1.on: is only for an amount-from or reduction-on figure"},
		{"a value that is not an amount", `  - {title: X, source: Y, summary: Z, inputs: {age: "7"}, printed: [{figure: allocation, printed: "£1", value: "one"}]}`,
			`worked_examples.1.printed.1.value: "one" is not an amount`},
		{"an input that is not a field", `  - {title: X, source: Y, summary: Z, inputs: {postcode: "M1"}, printed: [{figure: group, printed: g, value: "1"}]}`,
			"worked_examples.1.inputs.postcode: is not a key here"},
		{"an input that is not a case", `  - {title: X, source: Y, summary: Z, inputs: {age: "seven"}, printed: [{figure: group, printed: g, value: "1"}]}`,
			"worked_examples.1.inputs: is not a case"},
		{"no printed figure", `  - {title: X, source: Y, summary: Z, inputs: {age: "7"}, printed: []}`,
			"worked_examples.1.printed: must list at least one printed figure"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Replace(data, at, at+tc.example+"\n", 1)
			_, err := engine.ParsePolicy("trafford-2013.yaml", []byte(text))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want … %s", err, tc.want)
			}
		})
	}
}
