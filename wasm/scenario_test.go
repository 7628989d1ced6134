package main

import (
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The scenario itself is tested with its model, in package scenario; here
// the pages that hold it are loaded and rendered in go-app's test engine.
func TestScenarioAndCohortPagesLoad(t *testing.T) {
	s, c := &scenarioPage{}, &cohortPage{}
	for _, comp := range []app.Composer{s, c} {
		e := app.NewTestEngine()
		if err := e.Load(comp); err != nil {
			t.Fatalf("%T: %v", comp, err)
		}
		e.ConsumeAll()
	}
	s.sc.ReadLink("policy=rotherham-2017", published, examplePolicy())
	if err := s.sc.UseIllustrativePrices(); err != nil {
		t.Fatal(err)
	}
	if s.Render() == nil || s.sc.Policy == nil || !s.sc.Policy.Prices.Illustrative {
		t.Errorf("the scenario page after illustrative prices: errors %v", s.sc.Errs)
	}
	c.sc.ReadLink("policy=trafford-2013", published, examplePolicy())
	if c.Render() == nil {
		t.Error("the cohort page renders nothing")
	}
}
