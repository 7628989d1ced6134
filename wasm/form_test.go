package main

import (
	"strings"
	"testing"
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
