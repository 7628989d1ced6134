package main

import (
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
	if back := parseFragment("#" + frag); back != f {
		t.Errorf("parseFragment(fragment) = %+v, want %+v", back, f)
	}
}

func TestParseFragment(t *testing.T) {
	tests := []struct {
		name, fragment string
		want           form
	}{
		{"empty", "", form{}},
		{"a link of the issue", "policy=trafford-2013&score=261&age=12", func() form {
			f := form{Policy: "trafford-2013"}
			f.Score, f.Age = "261", "12"
			return f
		}()},
		{"unknown names are ignored", "policy=rotherham-2017&colour=blue&allocation=4000", func() form {
			f := form{Policy: "rotherham-2017"}
			f.Allocation = "4000"
			return f
		}()},
		{"invalid values are kept, to be shown with their errors", "score=-5&date_of_birth=2013-04-31", func() form {
			var f form
			f.Score, f.DateOfBirth = "-5", "2013-04-31"
			return f
		}()},
		{"a fragment that is not a query", "main", form{}},
		{"bad escapes", "score=%zz", form{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := parseFragment(tc.fragment); got != tc.want {
				t.Errorf("parseFragment(%q) = %+v, want %+v", tc.fragment, got, tc.want)
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
