package scenario

import (
	"fmt"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
	"github.com/openras/openras/wasm/link"
)

// hostileNote is a note that holds a policy file of its own after a line
// break and a document marker: the Trafford policy with the 10–13, 260+
// rate at £0.01, which prices the report's Example 3 (score 261, age 12) at
// 261 × £0.01 × 52 = £135.72 instead of £13,572.00.
func hostileNote(t testing.TB) string {
	text, err := policies.Text("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	cheap := strings.Replace(string(text), `260-plus: "1.00"`, `260-plus: "0.01"`, 1)
	if cheap == string(text) {
		t.Fatal("the Trafford file has no 10-13 rate of 1.00 to replace")
	}
	return "wider, as the forum asked\n---\n" + cheap
}

// TestHostileNoteStaysANote: a shared link whose note holds a policy file
// downloads the scenario shown, and nothing else: the note is one quoted
// line of the file's opening comment. Loaded again, the file is the same
// scenario, note and all, and its link is the link it came from.
func TestHostileNoteStaysANote(t *testing.T) {
	// The whole file is longer than a note may be: the link says so, and
	// opens without it.
	whole := fromLink(link.Write([]link.Part{{Name: "policy", Value: "trafford-2013"}, {Name: "c", Value: `moderation.window="12"`}, {Name: "n", Value: "moderation.window=" + hostileNote(t)}}))
	if len(whole.LinkErrs) != 1 || whole.LinkErrs[0].Part != "n" || len(whole.Changes) != 1 || whole.Changes[0].Note != "" {
		t.Errorf("a note holding a whole policy: %v, %+v", whole.LinkErrs, whole.Changes)
	}
	// As much of it as a note holds is the note, and only the note.
	note := hostileNote(t)[:MaxNote]
	fragment := link.Write([]link.Part{
		{Name: "policy", Value: "trafford-2013"},
		{Name: "c", Value: `moderation.window="12"`},
		{Name: "n", Value: "moderation.window=" + note},
	})
	s := fromLink(fragment)
	if len(s.Errs) > 0 || len(s.LinkErrs) > 0 || len(s.Changes) != 1 || s.Changes[0].Note != note {
		t.Fatalf("the link reads as %+v, errors %v %v", s.Changes, s.Errs, s.LinkErrs)
	}
	text, err := s.Download()
	if err != nil {
		t.Fatal(err)
	}
	p, err := engine.ParsePolicy("scenario.yaml", []byte(text))
	if err != nil {
		t.Fatalf("the download does not read as a policy: %v", err)
	}
	// Example 3: 261 × £1.00 × 52 = £13,572.00 (Trafford §6.3), under the
	// scenario as under the published policy, since only the window changed.
	if a, _ := p.Allocation(12, 261); a.StringFixed(2) != "13572.00" {
		t.Errorf("the download prices Example 3 at %s, want 13572.00", a.StringFixed(2))
	}
	if p.Moderation.Window != 12 {
		t.Errorf("the download's window is %d, want the scenario's 12", p.Moderation.Window)
	}
	want, _ := s.Values.Text()
	if !strings.HasSuffix(text, string(want)) || strings.Count(text, "\n---") != 0 {
		t.Errorf("the download is not the scenario's file after its opening:\n%s", text[:min(len(text), 600)])
	}
	// Loaded again and linked again: exactly the scenario shown.
	again := fromLink(fragment)
	again.Paste(text)
	if !slices.Equal(again.Changes, s.Changes) || again.Link() != s.Link() {
		t.Errorf("loaded again: %+v\nlink %s\nwant %+v\nlink %s", again.Changes, again.Link(), s.Changes, s.Link())
	}
}

// TestLinkProblems: a scenario link's parts that cannot be read are named,
// and the rest of the scenario opens.
func TestLinkProblems(t *testing.T) {
	s := fromLink("policy=trafford-2013&c=moderation.window%3D%2212%22&n=moderation.window%3D5%&score=26%1&c=no.such%3D1")
	var msgs []string
	for _, p := range s.LinkErrs {
		msgs = append(msgs, p.Msg)
	}
	want := []string{
		"The link's n part has a stray % (a % sign is written %25 in a link): it was left out.",
		"The link's score part has a stray % (a % sign is written %25 in a link): it was left out.",
		"The link changes no.such, which is not a value of trafford-2013 the form offers: it was left out.",
	}
	if !slices.Equal(msgs, want) {
		t.Errorf("problems %q, want %q", msgs, want)
	}
	if len(s.Changes) != 1 || s.Changes[0].Path != "moderation.window" {
		t.Errorf("changes %+v", s.Changes)
	}
	// A note of 5%, written by the page, reads back as 5%.
	s.SetNote("moderation.window", "Cut by 5% & review")
	if back := fromLink(s.Link()); back.Note("moderation.window") != "Cut by 5% & review" || len(back.LinkErrs) > 0 {
		t.Errorf("the note reads back as %q, %v", back.Note("moderation.window"), back.LinkErrs)
	}
	// A value longer than the form's field holds is reported.
	long := fromLink("policy=trafford-2013&c=moderation.steps%3D" + strings.Repeat("1%2C", MaxTyped))
	if len(long.LinkErrs) != 1 || !strings.Contains(long.LinkErrs[0].Msg, "change to moderation.steps is longer than 400 characters") {
		t.Errorf("a long list: %v", long.LinkErrs)
	}
}

// scenarioRoundTrip reads a link, writes it and reads it again: the same
// scenario and the same link, with nothing left out the second time; and if
// it can be downloaded, the file loaded and linked again gives that link.
func scenarioRoundTrip(t *testing.T, fragment string) {
	first := fromLink(fragment)
	written := first.Link()
	second := fromLink(written)
	if first.Base() != second.Base() || first.Child() != second.Child() || !slices.Equal(first.Changes, second.Changes) {
		t.Fatalf("%q: %s %+v %+v; then %s %+v %+v", fragment, first.Base(), first.Child(), first.Changes, second.Base(), second.Child(), second.Changes)
	}
	if second.Link() != written || len(second.LinkErrs) > 0 {
		t.Fatalf("%q: written %s, then %s, problems %v", fragment, written, second.Link(), second.LinkErrs)
	}
	text, err := first.Download()
	if err != nil {
		return // a scenario with a mistake has no file
	}
	loaded := fromLink(written)
	loaded.Paste(text)
	if !slices.Equal(loaded.Changes, first.Changes) || loaded.Link() != written {
		t.Fatalf("%q: loaded again %+v, link %s; want %+v, %s", fragment, loaded.Changes, loaded.Link(), first.Changes, written)
	}
}

// scenarioAllocBound is the most a link of n bytes may allocate, read,
// written, read again, downloaded and loaded: a fixed multiple of n above
// the same for the shortest link.
func scenarioAllocBound(floor uint64, n int) uint64 { return 2*floor + 512*uint64(n) }

func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// allocFloor is what the shortest link allocates in a round trip.
func allocFloor(t *testing.T) uint64 {
	scenarioRoundTrip(t, "policy=trafford-2013") // the baseline read once
	return allocated(func() { scenarioRoundTrip(t, "policy=trafford-2013&c=moderation.window%3D%2212%22") })
}

func TestScenarioRoundTripBounded(t *testing.T) {
	floor := allocFloor(t)
	for _, in := range []string{
		"policy=trafford-2013&c=moderation.steps%3D" + strings.Repeat("1%2C", MaxTyped/2-1) + "1",
		strings.Repeat("c=moderation.window%3D%2212%22&", 10_000),
		"policy=trafford-2013&n=moderation.window%3D" + strings.Repeat("x", MaxNote) + "&c=moderation.window%3D%2212%22",
		link.Write([]link.Part{{Name: "c", Value: `moderation.window="12"`}, {Name: "n", Value: "moderation.window=" + hostileNote(t)[:1900]}}),
	} {
		if got := allocated(func() { scenarioRoundTrip(t, in) }); got > scenarioAllocBound(floor, len(in)) {
			t.Errorf("a link of %d bytes allocates %d bytes, over %d", len(in), got, scenarioAllocBound(floor, len(in)))
		}
	}
}

func FuzzScenarioRoundTrip(f *testing.F) {
	for _, s := range []string{
		"policy=trafford-2013",
		"policy=rotherham-2017&score=150&age=9",
		"age=7&c=moderation.window%3D%2215%22&c=moderation.steps%3D%5B%22100%22%2C+%22150%22%2C+%22200%22%5D&current_cost=12000.50&n=moderation.window%3Dwider%2C+as+the+forum+asked&policy=trafford-2013&score=199",
		"policy=trafford-2013&c=rates.10-13.200-259%3D%220.80%22&n=rates.10-13.200-259%3DCut+by+5%25+%26+review",
		"policy=trafford-2013&c=moderation.window%3D12&n=moderation.window%3Dx%0A---%0Aid%3A+evil",
		"policy=trafford-2013&c=transition.groups.2.fractions%3D1%2F2%2C+1%2F2&score=%2B261",
		"policy=trafford-2013&c=moderation.window%3D5%",
		"b=moderation.window%3D%2212%22&bn=Plan+A&c=moderation.window%3D%2215%22&policy=trafford-2013",
	} {
		f.Add(s)
	}
	var floor uint64
	f.Fuzz(func(t *testing.T, in string) {
		if floor == 0 {
			floor = allocFloor(t)
		}
		if got := allocated(func() { scenarioRoundTrip(t, in) }); got > scenarioAllocBound(floor, len(in)) {
			t.Errorf("a link of %d bytes allocates %d bytes, over %d", len(in), got, scenarioAllocBound(floor, len(in)))
		}
	})
}

// A file read ahead (ReadPasted, as the page reads a paste in a task of its
// own) and then pasted gives the scenario Paste gives: its changes, its link
// and its mistakes.
func TestPasteReadIsPaste(t *testing.T) {
	good := fromLink("policy=trafford-2013&c=" + url.QueryEscape(`moderation.window="12"`))
	text, err := good.Download()
	if err != nil {
		t.Fatal(err)
	}
	if len(good.Changes) != 1 {
		t.Fatalf("the scenario downloaded has changes %+v", good.Changes)
	}
	for name, text := range map[string]string{"a downloaded scenario": text, "a file with a mistake": "id: [\n"} {
		direct, ahead := fromLink("policy=trafford-2013"), fromLink("policy=trafford-2013")
		direct.Paste(text)
		ahead.PasteRead(ReadPasted(text))
		if !slices.Equal(direct.Changes, ahead.Changes) || direct.Link() != ahead.Link() || fmt.Sprint(direct.Errs) != fmt.Sprint(ahead.Errs) {
			t.Errorf("%s: read ahead %+v %s %v; pasted %+v %s %v", name, ahead.Changes, ahead.Link(), ahead.Errs, direct.Changes, direct.Link(), direct.Errs)
		}
	}
}

// A scenario on Rotherham's illustrative prices, with a rate changed,
// opens again from its own link: the same changes, and nothing left out.
func TestIllustrativeLinkRoundTrip(t *testing.T) {
	s := fromLink("policy=rotherham-2017")
	if err := s.UseIllustrativePrices(); err != nil {
		t.Fatal(err)
	}
	var rate string
	for _, p := range s.Params {
		if strings.HasPrefix(p.Path, "rates.") {
			rate = p.Path
			break
		}
	}
	if rate == "" || !s.SetValue(rate, "1.23") {
		t.Fatalf("no rate to change among %d values", len(s.Params))
	}
	if len(s.Errs) > 0 {
		t.Fatalf("the scenario has mistakes: %v", s.Errs)
	}
	written := s.Link()
	again := fromLink(written)
	if len(again.LinkErrs) > 0 {
		t.Errorf("the link leaves out %v", again.LinkErrs)
	}
	if !slices.Equal(again.Changes, s.Changes) || again.Link() != written {
		t.Errorf("opened again: %+v\n%s\nwant %+v\n%s", again.Changes, again.Link(), s.Changes, written)
	}
}
