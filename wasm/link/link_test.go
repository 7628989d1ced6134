package link

import (
	"runtime"
	"slices"
	"strings"
	"testing"
)

// oldLinks are links in every form the site has written, as the browser
// holds them after the #: each must still open with the values it held.
var oldLinks = []struct {
	name, fragment string
	want           []Part
}{
	{"the calculator (README, bench-site)", "policy=trafford-2013&score=261&age=12",
		[]Part{{"policy", "trafford-2013"}, {"score", "261"}, {"age", "12"}}},
	{"the calculator with every field", "policy=trafford-2013&score=261&date_of_birth=2000-08-20&assessed_on=2013-04-01&current_cost=15%2C000.00&includes_contingency=true",
		[]Part{{"policy", "trafford-2013"}, {"score", "261"}, {"date_of_birth", "2000-08-20"}, {"assessed_on", "2013-04-01"}, {"current_cost", "15,000.00"}, {"includes_contingency", "true"}}},
	{"the calculator with the current cost", "#policy=trafford-2013&score=261&age=12&current_cost=15000",
		[]Part{{"policy", "trafford-2013"}, {"score", "261"}, {"age", "12"}, {"current_cost", "15000"}}},
	{"the calculator, Rotherham's allocation", "policy=rotherham-2017&allocation=4000&age=9",
		[]Part{{"policy", "rotherham-2017"}, {"allocation", "4000"}, {"age", "9"}}},
	{"a scenario (e2e cohort test)", "policy=trafford-2013&c=rates.10-13.200-259%3D%220.80%22",
		[]Part{{"policy", "trafford-2013"}, {"c", `rates.10-13.200-259="0.80"`}}},
	{"a scenario with a note and a child, keys sorted as url.Values wrote them",
		"age=7&c=moderation.window%3D%2215%22&c=moderation.steps%3D%5B%22100%22%2C+%22150%22%2C+%22200%22%5D&current_cost=12000.50&n=moderation.window%3Dwider%2C+as+the+forum+asked&policy=trafford-2013&score=199",
		[]Part{{"age", "7"}, {"c", `moderation.window="15"`}, {"c", `moderation.steps=["100", "150", "200"]`}, {"current_cost", "12000.50"},
			{"n", "moderation.window=wider, as the forum asked"}, {"policy", "trafford-2013"}, {"score", "199"}}},
	{"the scenario page's bench link", "policy=trafford-2013", []Part{{"policy", "trafford-2013"}}},
	{"a link within the page", "main", []Part{{"main", ""}}},
	{"nothing", "", nil},
}

func TestOldLinksStillOpen(t *testing.T) {
	for _, tc := range oldLinks {
		parts, problems := Read(tc.fragment, nil)
		if !slices.Equal(parts, tc.want) || len(problems) > 0 {
			t.Errorf("%s: %+v, problems %v; want %+v", tc.name, parts, problems, tc.want)
		}
	}
}

// TestDecodedOnce: a value is decoded once, so what was written is what is
// read, a % and an & included, and a + typed is a +.
func TestDecodedOnce(t *testing.T) {
	for _, v := range []string{"Cut by 5% & review", "+261", "a=b", "50%25", "café", " spaced "} {
		parts, problems := Read(Write([]Part{{"n", v}}), nil)
		if len(problems) > 0 || len(parts) != 1 || parts[0].Value != v {
			t.Errorf("%q: read back %+v, %v", v, parts, problems)
		}
	}
	// A + in a link is a space, as url.QueryEscape writes it; %2B is a +.
	if parts, _ := Read("score=%2B261&age=+12", nil); Get(parts, "score") != "+261" || Get(parts, "age") != " 12" {
		t.Errorf("%+v", parts)
	}
}

func TestProblems(t *testing.T) {
	long := strings.Repeat("9", 201)
	for _, tc := range []struct {
		fragment string
		want     []Part
		msgs     []string
	}{
		{"policy=trafford-2013&date_of_birth=2000-08-2%&age=12", []Part{{"policy", "trafford-2013"}, {"age", "12"}},
			[]string{"The link's date_of_birth part has a stray % (a % sign is written %25 in a link): it was left out."}},
		{"score=26%2", nil, []string{"The link's score part has a stray % (a % sign is written %25 in a link): it was left out."}},
		{"score=%zz1", nil, []string{"The link's score part has a stray % (a % sign is written %25 in a link): it was left out."}},
		{"sc%re=1", nil, []string{"The link's sc%re part has a stray % (a % sign is written %25 in a link): it was left out."}},
		{"policy=trafford-2013;score=261&age=12", []Part{{"age", "12"}},
			[]string{"The link's policy part holds a ; where the parts of a link are separated by &: it was left out."}},
		{"score=" + long, nil, []string{"The link's score part is longer than 200 characters: it was left out."}},
		{"score=%FF", nil, []string{"The link's score part is not text: it was left out."}},
		{"sc%FFre=1", nil, []string{`The link's sc%FFre part has a name that is not text: it was left out.`}},
	} {
		parts, problems := Read(tc.fragment, nil)
		var msgs []string
		for _, p := range problems {
			msgs = append(msgs, p.Msg)
		}
		if !slices.Equal(parts, tc.want) || !slices.Equal(msgs, tc.msgs) {
			t.Errorf("%q: %+v %q; want %+v %q", tc.fragment, parts, msgs, tc.want, tc.msgs)
		}
	}
	// A limit of its own for a part: a note may be longer than a field.
	note := strings.Repeat("n", 1500)
	limits := func(name string) int {
		if name == "n" {
			return 2000
		}
		return MaxValue
	}
	if parts, problems := Read("n="+note, limits); len(problems) > 0 || Get(parts, "n") != note {
		t.Errorf("a note of 1,500 characters: %v", problems)
	}
	// Too many parts: the rest are left out, with a word.
	parts, problems := Read(strings.Repeat("a=1&", MaxParts+5), nil)
	if len(parts) != MaxParts || len(problems) != 1 || problems[0].Part != "" {
		t.Errorf("%d parts, problems %v", len(parts), problems)
	}
}

func TestRepair(t *testing.T) {
	for in, want := range map[string]string{"a%zz": "a%25zz", "5%": "5%25", "%41%": "%41%25", "ok%20": "ok%20", "": ""} {
		if got := Repair(in); got != want {
			t.Errorf("Repair(%q) = %q, want %q", in, got, want)
		}
	}
}

// allocBound is the most bytes Read and Write may allocate for an input of
// n bytes: a fixed multiple of n, and a little for an empty one.
func allocBound(n int) uint64 { return 16*uint64(n) + 4096 }

// allocated is what f allocates, in bytes.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestBoundedAllocations(t *testing.T) {
	for _, in := range []string{
		strings.Repeat("c=%41", 100_000),
		strings.Repeat("&", 1_000_000),
		"n=" + strings.Repeat("%E2%82%AC", 100_000),
		strings.Repeat("a=1&", 100_000),
	} {
		if got := allocated(func() { roundTrip(t, in) }); got > allocBound(len(in)) {
			t.Errorf("an input of %d bytes allocates %d bytes, over %d", len(in), got, allocBound(len(in)))
		}
	}
}

// roundTrip reads in, writes what it read and reads that: the same parts,
// with no problem.
func roundTrip(t *testing.T, in string) {
	parts, _ := Read(in, nil)
	again, problems := Read(Write(parts), nil)
	if !slices.Equal(parts, again) || len(problems) > 0 {
		t.Fatalf("%q: read %+v, then %+v with %v", in, parts, again, problems)
	}
}

func FuzzLink(f *testing.F) {
	for _, tc := range oldLinks {
		f.Add(tc.fragment)
	}
	for _, s := range []string{"n=Cut+by+5%25+%26+review", "score=%2B261", "a=5%", "a=1;b=2", "%", "=&=", "x=%e2%82", "n=\n---\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if got := allocated(func() { roundTrip(t, in) }); got > allocBound(len(in)) {
			t.Errorf("an input of %d bytes allocates %d bytes, over %d", len(in), got, allocBound(len(in)))
		}
	})
}
