package main

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// TestCalculatorComponent loads the calculator in go-app's test engine, gives
// it the report's Example 3 and checks what it renders.
func TestCalculatorComponent(t *testing.T) {
	e := app.NewTestEngine()
	c := &calculator{}
	if err := e.Load(c); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	// Nothing entered yet: the headline asks for a score, and no error shows.
	if err := app.Match(app.Text("Enter a score and an age, and the indicative budget appears here."), c.headline(), 0); err != nil {
		t.Error(err)
	}
	if len(c.visibleErrors()) != 0 {
		t.Errorf("errors before anything is typed: %v", c.visibleErrors())
	}

	c.form = exampleForm()
	c.out = work(c.form)
	e.ConsumeAll()
	// 261 × £1.00 × 52 = £13,572.00 a year; £261.00 a week (Trafford §6.3).
	if err := app.Match(app.Text("£13,572.00 a year"), c.headline(), 1, 0); err != nil {
		t.Error(err)
	}
	if err := app.Match(app.Text(" (£261.00 a week)"), c.headline(), 2, 0); err != nil {
		t.Error(err)
	}

	// An empty form submitted shows every missing field.
	c.form = form{Policy: "trafford-2013"}
	c.out = work(c.form)
	if len(c.visibleErrors()) != 0 {
		t.Error("a missing field is an error only once the visitor asks for the result")
	}
	c.submitted = true
	var listed []string
	for _, e := range c.visibleErrors() {
		listed = append(listed, e.Field)
	}
	if strings.Join(listed, ",") != "score,age" {
		t.Errorf("after submitting an empty form, the errors are %v, want the score and the age together", listed)
	}
	for _, name := range []string{"score", "age"} {
		if c.errorFor(name) == "" {
			t.Errorf("after submitting, the missing %s has no message beside its field", name)
		}
	}
}

func TestPagesLoad(t *testing.T) {
	for _, comp := range []app.Composer{&methodology{id: "trafford-2013"}, &methodology{id: "rotherham-2017"}, &methodology{id: "nowhere"}, &notFound{}} {
		e := app.NewTestEngine()
		if err := e.Load(comp); err != nil {
			t.Errorf("%T: %v", comp, err)
		}
		e.ConsumeAll()
	}
}
