package main

import (
	"net/url"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

func scenarioFrom(fragment string) *scenarioPage {
	s := &scenarioPage{}
	s.fromFragment(fragment)
	return s
}

func TestScenarioFromALink(t *testing.T) {
	s := scenarioFrom("policy=trafford-2013&c=" + url.QueryEscape(`rates.10-13.200-259="0.80"`) + "&n=" + url.QueryEscape("rates.10-13.200-259=forum proposal"))
	if len(s.v.errs) > 0 || s.v.policy == nil {
		t.Fatalf("errors %v", s.v.errs)
	}
	if len(s.v.changes) != 1 || typedOf(s.v.changes[0].Was) != "0.75" || s.v.changes[0].Note != "forum proposal" {
		t.Errorf("changes %+v", s.v.changes)
	}
	// 200 × £0.80 × 52 = £8,320.00 under the scenario.
	if a, _ := s.v.policy.Allocation(12, 200); a.StringFixed(2) != "8320.00" {
		t.Errorf("scenario allocation %s, want 8320.00", a.StringFixed(2))
	}
	// The link round-trips: only the changes, and the child compared.
	again := scenarioFrom(s.fragment())
	if len(again.v.changes) != 1 || again.v.changes[0].Value != s.v.changes[0].Value || again.v.changes[0].Note != "forum proposal" {
		t.Errorf("after the round trip: %+v", again.v.changes)
	}
	if strings.Contains(s.fragment(), "1300.00") {
		t.Errorf("the link holds unchanged values: %s", s.fragment())
	}
}

func TestScenarioMistakeShowsItsLine(t *testing.T) {
	s := scenarioFrom("policy=trafford-2013")
	s.typed["rates.10-13.200-259"] = "0.7x"
	s.update()
	if s.v.policy != nil {
		t.Fatal("a scenario with a mistake gives figures")
	}
	e := s.errorFor("rates.10-13.200-259")
	if e == nil || !strings.HasPrefix(e.Error(), "line ") || !strings.HasSuffix(e.Error(), `rates.10-13.200-259: "0.7x" is not an amount`) {
		t.Errorf("error %v, want line N: rates.10-13.200-259: \"0.7x\" is not an amount", e)
	}
}

func TestScenarioAltersDecisions(t *testing.T) {
	s := scenarioFrom("policy=trafford-2013")
	s.typed["moderation.window"] = "20"
	s.update()
	var ids []string
	for _, d := range s.v.altered {
		ids = append(ids, d.ID)
	}
	if strings.Join(ids, ",") != "inclusive-moderation-window" {
		t.Errorf("altered %v", ids)
	}
}

func TestScenarioFromAPastedFile(t *testing.T) {
	text := string(mustText(t, "trafford-2013"))
	s := scenarioFrom("policy=trafford-2013")
	s.pasted = strings.Replace(text, "window: 10", "window: 15", 1)
	s.update()
	if len(s.v.changes) != 1 || s.v.changes[0].Path != "moderation.window" || s.v.policy == nil || s.v.policy.Moderation.Window != 15 {
		t.Errorf("changes %+v, errors %v", s.v.changes, s.v.errs)
	}
	s.pasted = "not: [a policy"
	s.update()
	if s.v.policy != nil || len(s.v.errs) == 0 {
		t.Error("a pasted text that is not YAML gives no error")
	}
}

func mustText(t *testing.T, id string) []byte {
	t.Helper()
	text, err := policies.Text(id)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

func TestIllustrativePricesForRotherham(t *testing.T) {
	s := scenarioFrom("policy=rotherham-2017")
	text, err := engine.ApplyChanges(s.v.baseText, illustrativePrices(s.v.baseline))
	if err != nil {
		t.Fatal(err)
	}
	s.pasted = string(text)
	s.update()
	if s.v.policy == nil {
		t.Fatalf("errors %v", s.v.errs)
	}
	if !s.v.policy.Prices.Published || !s.v.policy.Prices.Illustrative {
		t.Error("the scenario's prices are not marked illustrative")
	}
	// The illustrative 200–259 rate, £0.60 a point a week: 200 × £0.60 × 52 = £6,240.00.
	if a, ok := s.v.policy.Allocation(12, 200); !ok || a.StringFixed(2) != "6240.00" {
		t.Errorf("allocation %s, %v", a.StringFixed(2), ok)
	}
	// The form now offers the rates to change, on top of the pasted file.
	s.typed["rates.under-18.200-259"] = "0.70"
	s.update()
	if a, _ := s.v.policy.Allocation(12, 200); a.StringFixed(2) != "7280.00" { // 200 × £0.70 × 52
		t.Errorf("after changing the rate: %s, want 7280.00", a.StringFixed(2))
	}
	var ids []string
	for _, d := range s.v.altered {
		ids = append(ids, d.ID)
	}
	if !strings.Contains(strings.Join(ids, ","), "prices-unpublished") {
		t.Errorf("supplying prices alters %v, want prices-unpublished among them", ids)
	}
}
