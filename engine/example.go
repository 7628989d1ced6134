package engine

// A report's worked examples, with the figures it prints, and their check
// against the engine's own figures for the same inputs.

import (
	"fmt"
)

// WorkedExample is one of the worked examples a report prints: the case it
// describes, given as the fields of a form, and the figures the report prints
// for it, so that anyone can see each printed figure beside the engine's.
type WorkedExample struct {
	Title   string // as the report names it: "Example 2"
	Source  string // the section it is printed in
	Summary string // the example in brief, in the report's terms
	// Inputs says where the fields come from when the report does not give
	// them all (a score, an age): the choice made, in words.
	Inputs  string
	Fields  Fields
	Printed []PrintedFigure
}

// FigureKind is what a printed figure is a figure of.
type FigureKind string

// The kinds of printed figure a worked example can be checked on.
const (
	// FigureAllocation is the annual allocation, the RAS offer.
	FigureAllocation FigureKind = "allocation"
	// FigureGroup is the transition group, by its id.
	FigureGroup FigureKind = "group"
	// FigureAmountFrom is the annual amount of the schedule from a date.
	FigureAmountFrom FigureKind = "amount-from"
	// FigureReductionOn is how much lower the amount is from a date than the
	// schedule's amount just before it.
	FigureReductionOn FigureKind = "reduction-on"
)

// PrintedFigure is one figure of a worked example as the report prints it.
type PrintedFigure struct {
	Kind    FigureKind
	On      Date   // the date of an amount-from or reduction-on figure
	Printed string // as the report prints it: "£11,063.67p"
	Value   string // the figure as a value: an amount ("11063.67") or a group id ("4")
	amount  Money
}

// FigureCheck is a printed figure beside the engine's figure for it.
type FigureCheck struct {
	Label   string // what the figure is: "From 1 October 2013"
	Printed string // as the report prints it
	Engine  string // the engine's figure, formatted as the page shows it, or "none"
	Agrees  bool
}

// Check works the example out with p and sets each printed figure beside the
// engine's.
func (w WorkedExample) Check(p *Policy) ([]FigureCheck, error) {
	c, err := w.Fields.Case()
	if err != nil {
		return nil, err
	}
	r, err := Evaluate(p, c)
	if err != nil {
		return nil, err
	}
	checks := make([]FigureCheck, len(w.Printed))
	for i, f := range w.Printed {
		checks[i] = f.check(r)
	}
	return checks, nil
}

func (f PrintedFigure) check(r *Result) FigureCheck {
	fc := FigureCheck{Printed: f.Printed, Engine: "none"}
	money := func(m Money, ok bool) {
		if ok {
			fc.Engine = FormatMoney(m)
			fc.Agrees = m.Equal(f.amount)
		}
	}
	t := r.Transition
	switch f.Kind {
	case FigureAllocation:
		fc.Label = "Allocation"
		money(r.AnnualBudget(), true)
	case FigureGroup:
		fc.Label = "Transition group"
		if t != nil {
			fc.Engine = "group " + t.Group.ID
			fc.Agrees = t.Group.ID == f.Value
		}
	case FigureAmountFrom:
		fc.Label = "From " + f.On.Long()
		if t != nil {
			i := entryOn(t.Schedule, f.On)
			money(entryAmount(t.Schedule, i))
		}
	case FigureReductionOn:
		fc.Label = "Reduction on " + f.On.Long()
		if t != nil {
			if i := entryOn(t.Schedule, f.On); i > 0 {
				money(t.Schedule[i-1].Amount().Sub(t.Schedule[i].Amount()), true)
			}
		}
	}
	return fc
}

// entryOn is the index of the schedule's entry from date on, or -1.
func entryOn(s []Entry, on Date) int {
	for i, e := range s {
		if e.From == on {
			return i
		}
	}
	return -1
}

func entryAmount(s []Entry, i int) (Money, bool) {
	if i < 0 {
		return zero, false
	}
	return s[i].Amount(), true
}

// exampleFields are the keys of a worked example's inputs, named as the
// cohort file's columns.
var exampleFields = []string{FieldScore, FieldAge, FieldDateOfBirth, FieldAssessedOn,
	FieldCurrentCost, FieldIncludesContingency, FieldAllocation}

func (d *decoder) workedExamples(n *Node, p *Policy) {
	for i, item := range d.list(n, "worked_examples") {
		path := fmt.Sprintf("worked_examples.%d", i+1)
		m := d.mapping(item, path, "title", "source", "summary", "inputs_from", "inputs", "printed")
		w := WorkedExample{Title: m.str("title", true), Source: m.str("source", true),
			Summary: m.str("summary", true), Inputs: m.str("inputs_from", false)}
		if in := m.required("inputs"); in != nil {
			w.Fields = d.exampleInputs(in, join(path, "inputs"))
		}
		printed := m.required("printed")
		items := d.list(printed, join(path, "printed"))
		for j, f := range items {
			w.Printed = append(w.Printed, d.printedFigure(f, fmt.Sprintf("%s.printed.%d", path, j+1)))
		}
		d.nonEmpty(printed, items, join(path, "printed"), "printed figure")
		p.Examples = append(p.Examples, w)
	}
}

// exampleInputs reads the fields of a worked example and checks them as a
// case, so that a mistake shows when the policy is read, not on the page.
func (d *decoder) exampleInputs(n *Node, path string) Fields {
	m := d.mapping(n, path, exampleFields...)
	var f Fields
	for _, k := range m.keys {
		s := m.str(k, true)
		if fp := f.field(k); fp != nil {
			*fp = s
		}
	}
	f.ID = path
	if _, err := f.Case(); err != nil && m.node != nil {
		d.fail(m.node, path, "", KindInvalid, "is not a case: "+err.Error())
	}
	return f
}

// field is the field of f named as the cohort file's column, or nil.
func (f *Fields) field(name string) *string {
	switch name {
	case FieldScore:
		return &f.Score
	case FieldAge:
		return &f.Age
	case FieldDateOfBirth:
		return &f.DateOfBirth
	case FieldAssessedOn:
		return &f.AssessedOn
	case FieldCurrentCost:
		return &f.CurrentCost
	case FieldIncludesContingency:
		return &f.IncludesContingency
	case FieldAllocation:
		return &f.Allocation
	}
	return nil
}

func (d *decoder) printedFigure(n *Node, path string) PrintedFigure {
	m := d.mapping(n, path, "figure", "on", "printed", "value")
	f := PrintedFigure{Kind: FigureKind(m.str("figure", true)), Printed: m.str("printed", true)}
	v := m.required("value")
	switch f.Kind {
	case FigureAllocation, FigureAmountFrom, FigureReductionOn:
		if v != nil {
			f.amount = d.amount(v, join(path, "value"), 2)
			f.Value = f.amount.StringFixed(2)
		}
	case FigureGroup:
		if v != nil {
			f.Value = d.str(v, join(path, "value"))
		}
	case "":
	default:
		d.fail(m.value["figure"], join(path, "figure"), string(f.Kind), KindInvalid,
			"is not a kind of figure: expected allocation, group, amount-from or reduction-on")
	}
	switch f.Kind {
	case FigureAmountFrom, FigureReductionOn:
		f.On = m.date("on")
	default:
		if on := m.value["on"]; on != nil {
			d.fail(on, join(path, "on"), "", KindInvalid, "is only for an amount-from or reduction-on figure")
		}
	}
	return f
}
