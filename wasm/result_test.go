package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/openras/openras/engine"
)

func resultOf(t *testing.T, f form) *engine.Result {
	t.Helper()
	out := work(f)
	if out.result == nil {
		t.Fatalf("no result for %+v: %v", f, out.errors)
	}
	return out.result
}

func traffordForm(score, age, cost string) form {
	return form{Policy: "trafford-2013", Fields: engine.Fields{Score: score, Age: age, AssessedOn: "2013-04-01", CurrentCost: cost}}
}

// The result says how it compares with the current cost, first, in the
// engine's figures; with no current cost it says nothing of it.
func TestComparisonWithNow(t *testing.T) {
	contingency := exampleForm()
	contingency.IncludesContingency = "true"
	tests := []struct {
		name string
		f    form
		want string
	}{
		// Example 3: £15,000.00 − 261 × £1.00 × 52 = £15,000.00 − £13,572.00 = £1,428.00.
		{"less", exampleForm(), "£1,428.00 a year less than now (now £15,000.00 a year)"},
		// Example 1: 267 × £0.75 × 52 = £10,413.00; £10,413.00 − £8,637.00 = £1,776.00.
		{"more", traffordForm("267", "7", "8637"), "£1,776.00 a year more than now (now £8,637.00 a year)"},
		// 261 × £1.00 × 52 = £13,572.00 at 12, as the current cost.
		{"the same", traffordForm("261", "12", "13572"), "The same as now (now £13,572.00 a year)"},
		// £15,000 ÷ 1.035 = £14,492.75; £14,492.75 − £13,572.00 = £920.75.
		{"without the contingency", contingency, "£920.75 a year less than now (now £14,492.75 a year, without the contingency of £507.25)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := textOf(app.HTMLString(comparisonView(resultOf(t, tc.f).Transition)))
			if got != tc.want {
				t.Errorf("%q, want %q", got, tc.want)
			}
		})
	}
	if v := comparisonView(resultOf(t, traffordForm("261", "12", "")).Transition); v != nil {
		t.Errorf("no current cost, yet %s", app.HTMLString(v))
	}
}

// The comparison and the actions come before the working: the copy and print
// buttons sit with the headline, not after it. The comparison is in the
// headline, which a screen reader announces, and only there.
func TestResultOrder(t *testing.T) {
	c := &calculator{form: exampleForm()}
	c.out = work(c.form)
	headline := app.HTMLString(c.headline())
	if !strings.Contains(headline, "£1,428.00 a year less than now") {
		t.Errorf("the headline, which is announced, does not say how the budget compares with now: %s", headline)
	}
	if strings.Contains(app.HTMLString(c.resultView()), "than now") {
		t.Error("the comparison is said twice: in the headline and in the result")
	}
	html := headline + app.HTMLString(c.resultView())
	order := []string{"a year less than now", "Copy a link to this result", ">Print<", "Moving from the current package", "What you can do next", "<details", "How this was worked out"}
	at := -1
	for _, s := range order {
		i := strings.Index(html, s)
		if i < 0 {
			t.Fatalf("no %q in the result", s)
		}
		if i < at {
			t.Errorf("%q comes before what goes above it", s)
		}
		at = i
	}
	if strings.Contains(html, "<details open") {
		t.Error("the working is open at first")
	}
}

// A schedule of one date draws no chart; one of three dates does.
func TestNoOnePointChart(t *testing.T) {
	one := resultOf(t, traffordForm("267", "7", "8637")) // group 1: the allocation at once
	if n := len(one.Transition.Schedule); n != 1 {
		t.Fatalf("%d entries, want 1", n)
	}
	if html := app.HTMLString(transitionView(one, 3)); strings.Contains(html, "<svg") || !strings.Contains(html, "£10,413.00") {
		t.Errorf("a schedule of one date: want its table and no chart, got %.400s", html)
	}
	three := resultOf(t, exampleForm())
	if html := app.HTMLString(transitionView(three, 3)); !strings.Contains(html, "<svg") {
		t.Error("a schedule of three dates draws no chart")
	}
}

// What to do next: what the report says, each line cited and linked to the
// report's page at the section, and the routes open to every family, named
// with no link to any other site.
func TestWhatToDoNext(t *testing.T) {
	tests := []struct {
		policy string
		want   []string // text, then the citation's address
	}{
		{"trafford-2013", []string{
			"the council keeps its legal duty to meet eligible assessed needs", "/reports/trafford-2013#s2.7",
			"A challenge to the first RAS assessment leads to a revised transition plan", "/reports/trafford-2013#appendix-1",
		}},
		{"rotherham-2017", []string{
			"reasonable notice and written reasons for its decision, and reconsider the decision if you ask it to", "/reports/rotherham-2017#s8.1",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.policy, func(t *testing.T) {
			p := shipped.policy(tc.policy)
			html := app.HTMLString(nextView(p, 3))
			for i := 0; i < len(tc.want); i += 2 {
				item := regexp.MustCompile(`<li>[^<]*` + regexp.QuoteMeta(tc.want[i]) + `[^<]*<span class="cite">[^<]*<a href="([^"]*)"`).FindStringSubmatch(html)
				if item == nil || item[1] != tc.want[i+1] {
					t.Errorf("want %q cited at %s, in %s", tc.want[i], tc.want[i+1], html)
				}
			}
			for _, route := range []string{"SEND information, advice and support service (SENDIASS)", "parent carer forum", "complaints procedure"} {
				if !strings.Contains(html, route) {
					t.Errorf("no %q", route)
				}
			}
			for _, href := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(html, -1) {
				if !strings.HasPrefix(href[1], "/reports/"+tc.policy) {
					t.Errorf("a link out of the site's report: %s", href[1])
				}
			}
			// A note shown under what to do next is not shown again under
			// what it means.
			if means := app.HTMLString(notesView(p, 3)); strings.Contains(means, tc.want[0]) {
				t.Errorf("%q shown twice", tc.want[0])
			}
		})
	}
}

// The printed result names the policy and its report, and is dated.
func TestPrintedPolicy(t *testing.T) {
	r := resultOf(t, exampleForm())
	got := textOf(app.HTMLString(answersForPrint(exampleForm(), r)))
	for _, want := range []string{
		"Policy: Trafford 2013 (Trafford Council, 4 March 2013), from the report “Personalisation – Proposals for Children and Young People Service Implementation” to the Council Executive.",
		"printed on " + dateToday().Long(),
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in %q", want, got)
		}
	}
}

// The methodology page sets the report's three worked examples beside the
// engine's figures, and none differs.
func TestMethodologyWorkedExamples(t *testing.T) {
	html := app.HTMLString(examplesSection(shipped.policy("trafford-2013")))
	text := textOf(html)
	for _, want := range []string{
		"Example 1", "Allocation £10,413 £10,413.00", "Transition group group 1 group 1",
		"Example 2", "From 1 October 2013 £11,063.67p £11,063.67", "Reduction on 1 October 2013 £848.33p £848.33", "From 1 October 2015 £9,367 £9,367.00",
		"Example 3", "From 1 October 2013 £14,286 £14,286.00", "From 20 August 2014 £17,643.60p £17,643.60",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in %s", want, text)
		}
	}
	if strings.Contains(html, `class="mismatch"`) || strings.Contains(html, "num differs") {
		t.Error("a worked example's figure differs from the engine's")
	}
	if n := strings.Count(text, "OpenRAS works out every figure the report prints."); n != 3 {
		t.Errorf("%d examples agree, want 3", n)
	}
	if examplesSection(shipped.policy("rotherham-2017")) != nil {
		t.Error("Rotherham's report has no worked examples, yet a section shows")
	}
}

// Every page says the rules are as the councils published them.
func TestAsPublished(t *testing.T) {
	html := app.HTMLString(shell("/"))
	if !strings.Contains(html, "These are the councils&#39; rules as published in 2013 and 2017, which the councils may have changed since.") {
		t.Errorf("no line on the rules as published: %.300s", html)
	}
}

var tags = regexp.MustCompile(`<[^>]*>`)

// textOf is the text of some HTML, its spaces run together.
func textOf(html string) string {
	s := tags.ReplaceAllString(html, " ")
	s = strings.NewReplacer("&#39;", "'", "&amp;", "&", "&#34;", `"`, "&lt;", "<", "&gt;", ">").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// A plan agreed after the implementation period says, beside its schedule,
// that the report's timetable is counted from the plan date, and links the
// Decision; one agreed in the period, or not staged, says nothing of it.
func TestTimetableNote(t *testing.T) {
	// Score 212, born 20 August 2014, assessed 30 November 2026, current
	// cost £12,000: £12,000 − 212 × £0.75 × 52 (£8,268.00) = £3,732.00 less,
	// group 4, staged (docs/rules.md, the 2026 example).
	late := form{Policy: "trafford-2013", Fields: engine.Fields{Score: "212", DateOfBirth: "2014-08-20", AssessedOn: "2026-11-30", CurrentCost: "12000"}}
	got := app.HTMLString(timetableNote(resultOf(t, late)))
	if !strings.Contains(textOf(got), "The report's stage dates have passed; the same timetable is counted from the plan date") {
		t.Errorf("2026 plan: no timetable note in %s", got)
	}
	if !strings.Contains(got, `/methodology/trafford-2013#decision-implementation-period`) {
		t.Errorf("2026 plan: the note does not link the Decision: %s", got)
	}
	// Example 3 (base £15,000, allocation £13,572, group 3), agreed on
	// 1 April 2013, in the period: the report's own dates.
	inPeriod := traffordForm("261", "12", "15000")
	if v := timetableNote(resultOf(t, inPeriod)); v != nil {
		t.Errorf("a plan agreed in the period: %s", app.HTMLString(v))
	}
	// Group 1 after the period: nothing staged, no note.
	immediate := form{Policy: "trafford-2013", Fields: engine.Fields{Score: "212", DateOfBirth: "2014-08-20", AssessedOn: "2026-11-30", CurrentCost: "8000"}}
	if v := timetableNote(resultOf(t, immediate)); v != nil {
		t.Errorf("group 1: %s", app.HTMLString(v))
	}
}
