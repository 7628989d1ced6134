package scenario

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// shipped looks the shipped policies up by id, each loaded once, as the
// pages do.
var shipped = func() map[string]*engine.Policy {
	m := map[string]*engine.Policy{}
	for _, id := range policies.IDs() {
		if p, err := policies.Load(id); err == nil {
			m[id] = p
		}
	}
	return m
}()

func published(id string) *engine.Policy { return shipped[id] }

func fromLink(fragment string) *Scenario {
	s := &Scenario{}
	s.ReadLink(fragment, published, "trafford-2013")
	return s
}

func TestScenarioFromALink(t *testing.T) {
	s := fromLink("policy=trafford-2013&c=" + url.QueryEscape(`rates.10-13.200-259="0.80"`) + "&n=" + url.QueryEscape("rates.10-13.200-259=forum proposal"))
	if len(s.Errs) > 0 || s.Policy == nil {
		t.Fatalf("errors %v", s.Errs)
	}
	if len(s.Changes) != 1 || TypedOf(s.Changes[0].Was) != "0.75" || s.Changes[0].Note != "forum proposal" {
		t.Errorf("changes %+v", s.Changes)
	}
	// 200 × £0.80 × 52 = £8,320.00 under the scenario.
	if a, _ := s.Policy.Allocation(12, 200); a.StringFixed(2) != "8320.00" {
		t.Errorf("scenario allocation %s, want 8320.00", a.StringFixed(2))
	}
	// The link round-trips: only the changes, and the child compared.
	again := fromLink(s.Link())
	if len(again.Changes) != 1 || again.Changes[0].Value != s.Changes[0].Value || again.Changes[0].Note != "forum proposal" {
		t.Errorf("after the round trip: %+v", again.Changes)
	}
	if strings.Contains(s.Link(), "1300.00") {
		t.Errorf("the link holds unchanged values: %s", s.Link())
	}
}

// TestLinkRoundTrip reads a link, writes it and reads it again: the same
// baseline, changes, notes and child, and the same link.
func TestLinkRoundTrip(t *testing.T) {
	for _, link := range []string{
		"policy=trafford-2013",
		"policy=rotherham-2017&score=150&age=9",
		"policy=trafford-2013&c=" + url.QueryEscape(`moderation.window="15"`) + "&c=" + url.QueryEscape(`moderation.steps=["100", "150", "200"]`) +
			"&n=" + url.QueryEscape("moderation.window=wider, as the forum asked") + "&score=199&age=7&current_cost=12000.50",
		"policy=trafford-2013&c=" + url.QueryEscape(`transition.groups.2.fractions=["1/2", "1/2"]`) + "&c=" + url.QueryEscape(`transition.groups.2.stage_months_after_plan=["6", "12"]`),
	} {
		first := fromLink(link)
		written := first.Link()
		second := fromLink(written)
		if first.Base() != second.Base() || first.Child() != second.Child() {
			t.Errorf("%s: baseline %s, child %+v; then %s, %+v", link, first.Base(), first.Child(), second.Base(), second.Child())
		}
		if !slices.Equal(first.Changes, second.Changes) {
			t.Errorf("%s: changes %+v, then %+v", link, first.Changes, second.Changes)
		}
		if second.Link() != written {
			t.Errorf("%s: written %s, then %s", link, written, second.Link())
		}
		if len(first.Errs) > 0 {
			t.Errorf("%s: errors %v", link, first.Errs)
		}
	}
	// The second link above changes two values: both are in the link, with
	// the note of the one that has one.
	s := fromLink("policy=trafford-2013&c=" + url.QueryEscape(`moderation.window="15"`) + "&n=" + url.QueryEscape("moderation.window=why"))
	if q, _ := url.ParseQuery(s.Link()); q.Get("n") != "moderation.window=why" || len(q["c"]) != 1 {
		t.Errorf("link %s", s.Link())
	}
}

// TestChangeAndDiff types a value into the form: the change is what differs
// from the published policy, its figures follow, and typing the published
// value back takes the change away.
func TestChangeAndDiff(t *testing.T) {
	s := fromLink("policy=trafford-2013")
	if !s.SetValue("rates.14-plus.150-199", "0.50") {
		t.Fatal("the form does not offer rates.14-plus.150-199")
	}
	s.SetNote("rates.14-plus.150-199", "nearer the 200-259 rate")
	want := []engine.Change{{Path: "rates.14-plus.150-199", Value: `"0.50"`, Was: `"0.40"`, Note: "nearer the 200-259 rate"}}
	if !slices.Equal(s.Changes, want) {
		t.Errorf("changes %+v, want %+v", s.Changes, want)
	}
	// 160 points at £0.50 a week, 52 weeks: £4,160.00; the published rate
	// (Trafford §6.3, £0.40) gives £3,328.00.
	if a, _ := s.Policy.Allocation(15, 160); a.StringFixed(2) != "4160.00" {
		t.Errorf("scenario allocation %s, want 4160.00", a.StringFixed(2))
	}
	if a, _ := s.Baseline.Allocation(15, 160); a.StringFixed(2) != "3328.00" {
		t.Errorf("baseline allocation %s, want 3328.00", a.StringFixed(2))
	}
	if s.Compared() != s.Policy {
		t.Error("a cohort is not compared under the scenario")
	}
	base, value, changed := s.ValueOf(RateParam(s.Baseline.Age.Bands[3], s.Baseline.Scores.Bands[2]))
	if base != "0.40" || value != "0.50" || !changed {
		t.Errorf("ValueOf: %s, %s, %v", base, value, changed)
	}
	if s.SetValue("no.such.path", "1") {
		t.Error("the form takes a path it does not offer")
	}
	s.SetValue("rates.14-plus.150-199", " 0.40 ")
	if len(s.Changes) != 0 || s.Compared() != s.Baseline {
		t.Errorf("typed back to the published value: changes %+v", s.Changes)
	}
}

// TestDownloadRoundTrip reads the downloaded file again: it gives the same
// changes from the same baseline, and reads as a policy.
func TestDownloadRoundTrip(t *testing.T) {
	s := fromLink("policy=trafford-2013")
	s.SetValue("moderation.window", "12")
	s.SetValue("transition.groups.3.fractions", "1/4, 3/4")
	s.SetNote("moderation.window", "a wider review")
	text, err := s.Download()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(text, "# A scenario made with OpenRAS from Trafford 2013. Changed:\n#   ") || !strings.Contains(text, "\n#     why: \"a wider review\"\n") {
		t.Errorf("the file opens\n%s", text[:min(len(text), 400)])
	}
	vals, err := engine.ParseValues([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.BaseVals.Diff(vals)
	if err != nil {
		t.Fatal(err)
	}
	var got, want []string
	for _, c := range again {
		got = append(got, c.Path+"="+c.Value)
	}
	for _, c := range s.Changes {
		want = append(want, c.Path+"="+c.Value)
	}
	// The window, and each of the two fractions of group 3.
	if !slices.Equal(got, want) || len(want) != 3 {
		t.Errorf("the file's changes %v, want %v", got, want)
	}
	if p, err := engine.ParsePolicy("scenario.yaml", []byte(text)); err != nil || p.Moderation.Window != 12 {
		t.Errorf("the file as a policy: %v", err)
	}
	// Pasted back, it is the same scenario.
	pasted := fromLink("policy=trafford-2013")
	pasted.Paste(text)
	var back []string
	for _, c := range pasted.Changes {
		back = append(back, c.Path+"="+c.Value)
	}
	if !slices.Equal(back, want) {
		t.Errorf("pasted back: %v, want %v", back, want)
	}
	// Notes and all: linked again, it is the scenario's own link.
	if !slices.Equal(pasted.Changes, s.Changes) || pasted.Link() != s.Link() {
		t.Errorf("pasted back: %+v, link %s; want %+v, %s", pasted.Changes, pasted.Link(), s.Changes, s.Link())
	}
}

// TestDownloadRefusesAMistake gives no file for a scenario with a mistake.
func TestDownloadRefusesAMistake(t *testing.T) {
	s := fromLink("policy=trafford-2013")
	s.SetValue("moderation.window", "ten")
	if text, err := s.Download(); err == nil || text != "" {
		t.Errorf("a scenario with a mistake downloads %q, %v", text, err)
	}
}

func TestScenarioMistakeShowsItsLine(t *testing.T) {
	s := fromLink("policy=trafford-2013")
	s.SetValue("rates.10-13.200-259", "0.7x")
	if s.Policy != nil || s.Compared() != nil {
		t.Fatal("a scenario with a mistake gives figures")
	}
	e := s.ErrorFor("rates.10-13.200-259")
	if e == nil || !strings.HasPrefix(e.Error(), "line ") || !strings.HasSuffix(e.Error(), `rates.10-13.200-259: "0.7x" is not an amount`) {
		t.Errorf("error %v, want line N: rates.10-13.200-259: \"0.7x\" is not an amount", e)
	}
}

func TestScenarioAltersDecisions(t *testing.T) {
	s := fromLink("policy=trafford-2013")
	s.SetValue("moderation.window", "20")
	var ids []string
	for _, d := range s.Altered {
		ids = append(ids, d.ID)
	}
	if strings.Join(ids, ",") != "inclusive-moderation-window" {
		t.Errorf("altered %v", ids)
	}
}

func TestScenarioFromAPastedFile(t *testing.T) {
	text, err := policies.Text("trafford-2013")
	if err != nil {
		t.Fatal(err)
	}
	s := fromLink("policy=trafford-2013")
	s.Paste(strings.Replace(string(text), "window: 10", "window: 15", 1))
	if len(s.Changes) != 1 || s.Changes[0].Path != "moderation.window" || s.Policy == nil || s.Policy.Moderation.Window != 15 {
		t.Errorf("changes %+v, errors %v", s.Changes, s.Errs)
	}
	s.Paste("not: [a policy")
	if s.Policy != nil || len(s.Errs) == 0 {
		t.Error("a pasted text that is not YAML gives no error")
	}
}

func TestIllustrativePricesForRotherham(t *testing.T) {
	s := fromLink("policy=rotherham-2017")
	if err := s.UseIllustrativePrices(); err != nil {
		t.Fatal(err)
	}
	if s.Policy == nil {
		t.Fatalf("errors %v", s.Errs)
	}
	if !s.Policy.Prices.Published || !s.Policy.Prices.Illustrative {
		t.Error("the scenario's prices are not marked illustrative")
	}
	// The illustrative 200–259 rate, £0.60 a point a week: 200 × £0.60 × 52 = £6,240.00.
	if a, ok := s.Policy.Allocation(12, 200); !ok || a.StringFixed(2) != "6240.00" {
		t.Errorf("allocation %s, %v", a.StringFixed(2), ok)
	}
	// The form now offers the rates to change, on top of the pasted file.
	if !s.SetValue("rates.under-18.200-259", "0.70") {
		t.Fatal("the form does not offer the illustrative rates")
	}
	if a, _ := s.Policy.Allocation(12, 200); a.StringFixed(2) != "7280.00" { // 200 × £0.70 × 52
		t.Errorf("after changing the rate: %s, want 7280.00", a.StringFixed(2))
	}
	var ids []string
	for _, d := range s.Altered {
		ids = append(ids, d.ID)
	}
	if !strings.Contains(strings.Join(ids, ","), "prices-unpublished") {
		t.Errorf("supplying prices alters %v, want prices-unpublished among them", ids)
	}
	// The child compared gets a figure under the scenario only: 261 points
	// at the illustrative £0.90 a week is £234.90, 52 weeks: £12,214.80
	// (the link's default child, aged 12).
	cc := s.CompareChild()
	if cc.Scenario == nil || cc.Scenario.AnnualBudget().StringFixed(2) != "12214.80" || cc.Baseline != nil || cc.BaselineErr == nil {
		t.Errorf("child compared: %+v", cc)
	}
	// A policy that offers none has none to use.
	if err := fromLink("policy=trafford-2013").UseIllustrativePrices(); err == nil {
		t.Error("Trafford has illustrative prices to use")
	}
}
