package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/openras/openras/engine"
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
	if err := app.Match(app.Text("£13,572.00 a year"), c.headline(), 0, 1, 0); err != nil {
		t.Error(err)
	}
	if err := app.Match(app.Text(" (£261.00 a week)"), c.headline(), 0, 2, 0); err != nil {
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

// TestFieldDescribedBy checks that a control is described by its hint and
// its error, each only when there is one, in the order a screen reader
// reads them.
func TestFieldDescribedBy(t *testing.T) {
	for _, tc := range []struct {
		f    field
		want string
	}{
		{field{id: "age"}, ""},
		{field{id: "score", hint: "Like 180."}, "score-hint"},
		{field{id: "age", err: "Enter the age"}, "age-error"},
		{field{id: "score", hint: "Like 180.", err: "Enter the score"}, "score-hint score-error"},
	} {
		if got := tc.f.describedBy(); got != tc.want {
			t.Errorf("%+v: describedBy() = %q, want %q", tc.f, got, tc.want)
		}
	}
}

// TestCalculatorFieldsShowTheirErrors renders the calculator after an empty
// form is submitted and checks that the score's field is marked as GOV.UK
// marks a field with an error, and that the summary links to it.
func TestCalculatorFieldsShowTheirErrors(t *testing.T) {
	c := &calculator{form: form{Policy: "trafford-2013"}, submitted: true}
	c.out = work(c.form)
	var b strings.Builder
	app.PrintHTML(&b, c.textField("score", "RAS score", "Like 180.", "numeric", "w5"))
	html := b.String()
	for _, want := range []string{`class="form-group form-group-error"`, `id="score-error"`, ` aria-invalid`, `aria-describedby="score-hint score-error"`, `class="input input-error w5"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the score's field lacks %s:\n%s", want, html)
		}
	}
	if strings.Contains(html, "name=") {
		t.Errorf("the score's input has a name, which a form would send:\n%s", html)
	}
	b.Reset()
	app.PrintHTML(&b, errorSummary(c.visibleErrors()))
	if !strings.Contains(b.String(), `href="#score"`) || !strings.Contains(b.String(), "There is a problem") {
		t.Errorf("the error summary does not link to the score:\n%s", b.String())
	}
}

// TestDateInput renders the date of birth as GOV.UK's date input, with a
// month missing after a submit: the boxes are in a fieldset with its
// legend and hint, each asks for the numeric keyboard, only the month's is
// marked, and the summary links to it.
func TestDateInput(t *testing.T) {
	c := &calculator{form: formOf("trafford-2013", func(f *engine.Fields) { f.Score, f.DateOfBirth = "180", "2014--20" }), submitted: true}
	c.form.today = engine.MustDate(2026, 11, 30)
	c.out = work(c.form)
	html := app.HTMLString(c.dateField("date_of_birth", "Or date of birth", "For example, "+c.exampleDate("date_of_birth")+"."))
	for _, want := range []string{
		`role="group"`, `aria-describedby="date_of_birth-hint date_of_birth-error"`,
		`>Or date of birth</legend>`, `>For example, 30 11 2017.</div>`,
		`Date of birth must include a month`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the date input lacks %s:\n%s", want, html)
		}
	}
	// go-app writes an element's attributes in no fixed order.
	if !regexp.MustCompile(`<label (for="date_of_birth-month" class="label date-input-label"|class="label date-input-label" for="date_of_birth-month")>Month</label>`).MatchString(html) {
		t.Errorf("the month's box has no label:\n%s", html)
	}
	if !regexp.MustCompile(`<div (class="date-input" id="date_of_birth"|id="date_of_birth" class="date-input")>`).MatchString(html) {
		t.Errorf("the boxes' wrapper is not the div date-input with the date's id:\n%s", html)
	}
	for id, attrs := range map[string][]string{
		"date_of_birth-day":   {`class="input date-input-input w2"`, `value="20"`, `inputmode="numeric"`},
		"date_of_birth-month": {`class="input date-input-input w2 input-error"`, `aria-invalid`, `inputmode="numeric"`},
		"date_of_birth-year":  {`class="input date-input-input w4"`, `value="2014"`, `inputmode="numeric"`},
	} {
		tag := inputTag(html, id)
		for _, a := range attrs {
			if !strings.Contains(tag, a) {
				t.Errorf("#%s lacks %s: %s", id, a, tag)
			}
		}
	}
	if strings.Contains(html, "name=") {
		t.Errorf("a box has a name, which a form would send:\n%s", html)
	}
	summary := app.HTMLString(errorSummary(c.visibleErrors()))
	if !strings.Contains(summary, `href="#date_of_birth-month"`) {
		t.Errorf("the summary does not link to the month's box:\n%s", summary)
	}
	if hint := c.assessedHint(); hint != "For example, 30 11 2026. Leave blank for today, 30 November 2026." {
		t.Errorf("the date of assessment's hint: %q", hint)
	}
}

// inputTag is the <input> tag of html whose id is id.
func inputTag(html, id string) string {
	for _, tag := range strings.Split(html, "<input")[1:] {
		tag = tag[:strings.IndexByte(tag, '>')]
		if strings.Contains(tag, `id="`+id+`"`) {
			return tag
		}
	}
	return ""
}
