package main

import (
	"strings"
	"testing"

	"github.com/openras/openras/engine"
)

func TestFragmentRoundTrip(t *testing.T) {
	f := form{Policy: "trafford-2013"}
	f.Score, f.DateOfBirth, f.AssessedOn, f.CurrentCost, f.IncludesContingency = "261", "2000-08-20", "2013-04-01", "15,000.00", "true"
	frag := f.fragment()
	const want = "policy=trafford-2013&score=261&date_of_birth=2000-08-20&assessed_on=2013-04-01&current_cost=15%2C000.00&includes_contingency=true"
	if frag != want {
		t.Errorf("fragment = %q, want %q", frag, want)
	}
	if back, problems := parseFragment("#" + frag); back != f || len(problems) > 0 {
		t.Errorf("parseFragment(fragment) = %+v, %v; want %+v", back, problems, f)
	}
	// Read once: a + typed is a +, refused as when it is typed.
	f.Score = "+261"
	if back, _ := parseFragment(f.fragment()); back.Score != "+261" {
		t.Errorf("a score of +261 reads back as %q", back.Score)
	}
}

func TestParseFragment(t *testing.T) {
	tests := []struct {
		name, fragment string
		want           form
		problems       int
	}{
		{"empty", "", form{}, 0},
		{"a link of the issue", "policy=trafford-2013&score=261&age=12", func() form {
			f := form{Policy: "trafford-2013"}
			f.Score, f.Age = "261", "12"
			return f
		}(), 0},
		{"unknown names are ignored", "policy=rotherham-2017&colour=blue&allocation=4000", func() form {
			f := form{Policy: "rotherham-2017"}
			f.Allocation = "4000"
			return f
		}(), 0},
		{"invalid values are kept, to be shown with their errors", "score=-5&date_of_birth=2013-04-31", func() form {
			var f form
			f.Score, f.DateOfBirth = "-5", "2013-04-31"
			return f
		}(), 0},
		{"a fragment that is not a query", "main", form{}, 0},
		{"bad escapes", "score=%zz", form{}, 1},
		{"a stray % names its part, and the rest opens", "policy=trafford-2013&date_of_birth=2000-08-2%&age=12", func() form {
			f := form{Policy: "trafford-2013"}
			f.Age = "12"
			return f
		}(), 1},
		{"a ; between parts", "policy=trafford-2013;score=261", form{}, 1},
		{"a value longer than a field holds", "score=" + strings.Repeat("1", 201), form{}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, problems := parseFragment(tc.fragment); got != tc.want || len(problems) != tc.problems {
				t.Errorf("parseFragment(%q) = %+v, %v; want %+v and %d problems", tc.fragment, got, problems, tc.want, tc.problems)
			}
		})
	}
}

func TestFormEmpty(t *testing.T) {
	f := form{Policy: "trafford-2013"}
	if !f.empty() {
		t.Error("a form with only a policy is empty")
	}
	f.Age = "3"
	if f.empty() {
		t.Error("a form with an age is not empty")
	}
}

func TestSplitDate(t *testing.T) {
	tests := []struct {
		text string
		want dateParts
	}{
		{"", dateParts{}},
		{"2014-08-20", dateParts{Day: "20", Month: "08", Year: "2014"}},
		{"2014--20", dateParts{Day: "20", Year: "2014"}},
		{"-8-", dateParts{Month: "8"}},
		// Old links, and dates written as people write them.
		{"20/08/2014", dateParts{Day: "20", Month: "08", Year: "2014"}},
		{"20.8.2014", dateParts{Day: "20", Month: "8", Year: "2014"}},
		{"garbage", dateParts{Day: "garbage"}},
	}
	for _, tc := range tests {
		if got := splitDate(tc.text); got != tc.want {
			t.Errorf("splitDate(%q) = %+v, want %+v", tc.text, got, tc.want)
		}
		if tc.want.empty() {
			continue
		}
		if back := splitDate(tc.want.text()); back != tc.want {
			t.Errorf("splitDate(%+v.text()) = %+v: the parts do not come back", tc.want, back)
		}
	}
}

// TestDateTyped follows a visitor's keys and pastes into the boxes.
func TestDateTyped(t *testing.T) {
	var d dateParts
	for _, step := range []struct{ part, value string }{{partDay, "2"}, {partDay, "20"}, {partMonth, "8"}, {partYear, "2014"}} {
		d = d.typed(step.part, step.value)
	}
	if got := d.text(); got != "2014-8-20" {
		t.Errorf("typed 20, 8, 2014: %q", got)
	}
	if iso, ok := d.iso(); !ok || iso != "2014-08-20" {
		t.Errorf("iso() = %q, %v, want 2014-08-20", iso, ok)
	}
	for _, paste := range []string{"20/08/2014", "2014-08-20", " 20-08-2014 ", "20 08 2014"} {
		for _, box := range dateBoxes {
			got := dateParts{}.typed(box, paste)
			if got != (dateParts{Day: "20", Month: "08", Year: "2014"}) {
				t.Errorf("%q pasted into the %s box: %+v", paste, box, got)
			}
		}
	}
	// A separator typed in a box is left out: the boxes are joined by them.
	if got := (dateParts{}).typed(partDay, "2-"); got.Day != "2" {
		t.Errorf("a hyphen typed after the day: %+v", got)
	}
	// A date typed a key at a time into one box is not split before its
	// year is whole: 20/08/2 is not the year 2.
	for _, partial := range []string{"20/08/2", "20/08/201", "2014-08"} {
		if got := (dateParts{}).typed(partDay, partial); got.Year != "" || got.Month != "" {
			t.Errorf("%q typed into the day box: split early into %+v", partial, got)
		}
	}
}

func TestDateMistake(t *testing.T) {
	like := engine.MustDate(2017, 11, 30)
	tests := []struct {
		d       dateParts
		msg     string
		boxes   string
		missing bool
	}{
		{dateParts{}, "", "", false},
		{dateParts{Day: "20", Year: "2014"}, "Date of birth must include a month", "month", true},
		{dateParts{Day: "20"}, "Date of birth must include a month and a year", "month,year", true},
		{dateParts{Day: "32", Month: "8", Year: "2014"}, "Enter the date of birth as a real date: the day is a number from 1 to 31, like 30", "day", false},
		{dateParts{Day: "20", Month: "13", Year: "2014"}, "Enter the date of birth as a real date: the month is a number from 1 to 12, like 11", "month", false},
		{dateParts{Day: "20", Month: "Aug", Year: "2014"}, "Enter the date of birth as a real date: the month is a number from 1 to 12, like 11", "month", false},
		{dateParts{Day: "20", Month: "8", Year: "14"}, "Enter the date of birth as a real date: the year has 4 numbers, like 2017", "year", false},
		{dateParts{Day: "20", Month: "8", Year: "2014"}, "", "", false},
	}
	for _, tc := range tests {
		msg, boxes, missing := tc.d.mistake("Date of birth", like)
		if msg != tc.msg || strings.Join(boxes, ",") != tc.boxes || missing != tc.missing {
			t.Errorf("%+v: %q %v %v, want %q %s %v", tc.d, msg, boxes, missing, tc.msg, tc.boxes, tc.missing)
		}
	}
}

// TestFragmentDates checks that a link writes a whole date YYYY-MM-DD
// however it was typed, keeps a half-typed date as typed, and keeps a blank
// date of assessment blank whatever today is.
func TestFragmentDates(t *testing.T) {
	f := form{Policy: "trafford-2013", today: engine.MustDate(2026, 11, 30)}
	f.Score, f.DateOfBirth = "212", "2014-8-20"
	if got, want := f.fragment(), "policy=trafford-2013&score=212&date_of_birth=2014-08-20"; got != want {
		t.Errorf("fragment = %q, want %q", got, want)
	}
	f.DateOfBirth = "2014--20"
	if got, want := f.fragment(), "policy=trafford-2013&score=212&date_of_birth=2014--20"; got != want {
		t.Errorf("fragment = %q, want %q", got, want)
	}
}
