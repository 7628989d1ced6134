package main

import (
	"errors"
	"strings"

	"github.com/openras/openras/engine"
)

// fieldError is a mistake in one field, as the page words it.
type fieldError struct {
	Field   string // the field's name, which is also its input's id
	Message string
	Missing bool // the field is empty but needed
	// Boxes are the parts of a date to mark, the first of them the one the
	// error summary links to; none marks the whole date.
	Boxes []string
}

// target is the id of the control the error summary links to: the field's
// input, or the first box of a date that is wrong.
func (e fieldError) target() string {
	if !isDate(e.Field) {
		return e.Field
	}
	if len(e.Boxes) > 0 {
		return e.Field + "-" + e.Boxes[0]
	}
	return e.Field + "-" + partDay
}

// outcome is what the engine makes of a form: the errors of its fields in
// the page's order, or the result.
type outcome struct {
	policy *engine.Policy
	errors []fieldError
	result *engine.Result
}

// work evaluates a form. Fields that do not apply to the policy are ignored:
// the score where prices are unpublished (the allocation is asked for
// instead), and the contingency where the policy has none. Where prices are
// published, an allocation the family was told is used instead of the
// score's, as the engine's case says. A blank date of assessment is the
// form's today, where it has one. Each date is read from its boxes first, so
// that a mistake names the part that is wrong.
func work(f form) outcome { return workWith(f, engine.Evaluate) }

// workFigures is work without how the result is worked out (its
// Explanation): what the page needs to show the answer.
func workFigures(f form) outcome { return workWith(f, engine.EvaluateFigures) }

// workWith is work, the form's case evaluated by evaluate.
func workWith(f form, evaluate func(*engine.Policy, engine.Case) (*engine.Result, error)) outcome {
	p := shipped.policy(f.Policy)
	if p == nil {
		return outcome{errors: []fieldError{{Field: "policy", Message: "Choose the council's policy", Missing: f.Policy == ""}}}
	}
	o := outcome{policy: p}
	in := f.Fields
	if !p.Prices.Published {
		in.Score = ""
	}
	if p.Transition.Contingency == nil {
		in.IncludesContingency = ""
	}
	if strings.TrimSpace(in.AssessedOn) == "" && !f.today.IsZero() {
		in.AssessedOn = f.today.String()
	}
	type dateMistake struct {
		msg     string
		boxes   []string
		missing bool
	}
	mistakes := map[string]dateMistake{}
	read := form{Fields: in}
	for _, name := range dateFields {
		text := read.field(name)
		d := splitDate(*text)
		if iso, ok := d.iso(); ok {
			*text = iso
			continue
		}
		if msg, boxes, missing := d.mistake(dateWhat(name), exampleDate(p, read.Fields, f.today, name)); msg != "" {
			// The parts joined are not a date, so the engine finds the
			// field wrong too, and works past it as it does any mistake.
			mistakes[name] = dateMistake{msg, boxes, missing}
			*text = d.text()
		}
	}
	in = read.Fields
	c, err := in.Case()
	if err == nil {
		o.result, err = evaluate(p, c)
	}
	if es, ok := err.(engine.Errors); ok {
		err = append(es, mistakesBeyond(p, in, es)...)
	}
	var es engine.Errors
	var e *engine.Error
	switch {
	case errors.As(err, &es):
		for _, fl := range fields {
			e := es.Field(fl.name)
			if e == nil {
				continue
			}
			fe := fieldError{Field: fl.name, Message: pageMessage(p, in, f.today, e), Missing: e.Value == ""}
			if m, ok := mistakes[fl.name]; ok {
				fe.Message, fe.Boxes, fe.Missing = m.msg, m.boxes, m.missing
			} else if e.Kind == engine.KindNoSuchDate {
				fe.Boxes = []string{partDay}
			}
			o.errors = append(o.errors, fe)
		}
	case errors.As(err, &e):
		o.errors = append(o.errors, fieldError{Field: e.Field, Message: pageMessage(p, in, f.today, e)})
	case err != nil:
		field := engine.FieldScore
		if !p.Prices.Published {
			field = engine.FieldAllocation
		}
		o.errors = append(o.errors, fieldError{Field: field, Message: err.Error()})
	}
	return o
}

// dateWhat names the date field name as a message starts: "Date of birth".
func dateWhat(name string) string {
	if name == engine.FieldAssessedOn {
		return "Date of assessment"
	}
	return "Date of birth"
}

// assessedOn is the date of assessment of fields in: the date given, else
// today, else the policy's default.
func assessedOn(p *engine.Policy, in engine.Fields, today engine.Date) engine.Date {
	if d, ok := splitDate(in.AssessedOn).iso(); ok {
		if on, err := engine.ParseDate(d); err == nil {
			return on
		}
	}
	if !today.IsZero() {
		return today
	}
	return p.DefaultAssessedOn
}

// exampleDate is a date the field name accepts, for a message's or a
// hint's example: for the date of assessment, the date of assessment (or
// today); for the date of birth, 9 years before it, a child's birthday
// before the assessment and within every policy's ages.
func exampleDate(p *engine.Policy, in engine.Fields, today engine.Date, name string) engine.Date {
	on := assessedOn(p, in, today)
	if name == engine.FieldDateOfBirth {
		return on.AddMonths(-9 * 12)
	}
	return on
}

// boxesOf writes a date as its three boxes take it, day, month and year in
// figures: 20 8 2014.
func boxesOf(d engine.Date) string {
	return itoa(d.Day) + " " + itoa(int(d.Month)) + " " + itoa(d.Year)
}

// mistakesBeyond finds the mistakes that es hides, so that every mistake is
// listed at once: a bad score and an age of 18 together, or a missing score
// and a missing age, not one after the other. The engine stops at the first
// mistake it cannot work past (a case without an age goes no further), so the
// fields that are wrong are blanked and the rest evaluated again; where that
// leaves no age, a stand-in age, the youngest the policy covers, lets the
// evaluation reach the fields after it. A mistake of those fields is real
// whatever the age, and the stand-in's own result is never shown.
func mistakesBeyond(p *engine.Policy, in engine.Fields, es engine.Errors) engine.Errors {
	rest := form{Fields: in}
	for _, e := range es {
		if fl := rest.field(e.Field); fl != nil {
			*fl = ""
		}
	}
	if rest.CurrentCost == "" {
		// Whether the current cost includes the contingency is asked only of
		// a cost, so it is not a mistake of its own without one.
		rest.IncludesContingency = ""
	}
	standIn := rest.Age == "" && rest.DateOfBirth == ""
	if standIn {
		if len(p.Age.Bands) == 0 {
			return nil
		}
		rest.Age = itoa(p.Age.Bands[0].From)
	}
	c, err := rest.Fields.Case()
	if err == nil {
		_, err = engine.Evaluate(p, c)
	}
	more, _ := err.(engine.Errors)
	var found engine.Errors
	for _, e := range more {
		if es.Field(e.Field) != nil || standIn && (e.Field == engine.FieldAge || e.Field == engine.FieldDateOfBirth) {
			continue
		}
		found = append(found, e)
	}
	return found
}

// pageMessage words an engine error for the form, in the manner of the
// GOV.UK Design System: what to do, then why where it helps. The words are
// chosen by the field and the kind of mistake, never from the engine's own
// sentence; in is the form's fields, for the figures a message quotes.
func pageMessage(p *engine.Policy, in engine.Fields, today engine.Date, e *engine.Error) string {
	switch e.Field {
	case engine.FieldScore:
		switch e.Kind {
		case engine.KindMissing, engine.KindNotText:
			return "Enter the RAS score, like 180"
		case engine.KindNegative:
			return "The score cannot be below 0: enter a whole number of points, like 180"
		case engine.KindTooLarge, engine.KindOutOfRange:
			return "The score is too large: enter the score from the questionnaire, like 180"
		}
		return "Enter the score as a whole number, like 180"
	case engine.FieldNewScore:
		return "Enter the new score as a whole number, like 180"
	case engine.FieldAge:
		switch e.Kind {
		case engine.KindMissing, engine.KindNotText:
			return "Enter the child's age in whole years, like 12, or their date of birth"
		case engine.KindOutOfScope:
			return p.Age.OutOfScopeMessage
		case engine.KindMismatch:
			return "The age does not match the date of birth" + ageFromBirth(p, in) + ". Enter one or the other."
		}
		return "Enter the age in whole years, like 12"
	case engine.FieldDateOfBirth:
		switch e.Kind {
		case engine.KindOutOfScope:
			return p.Age.OutOfScopeMessage
		case engine.KindAfterAssessment:
			return "The date of birth must be before the assessment date, " + assessedOn(p, in, today).Long()
		}
		return "Enter the date of birth as a real date, like " + boxesOf(exampleDate(p, in, today, e.Field)) + noSuchDate(e)
	case engine.FieldAssessedOn:
		return "Enter the assessment date as a real date, like " + boxesOf(exampleDate(p, in, today, e.Field)) + noSuchDate(e)
	case engine.FieldCurrentCost, engine.FieldAllocation:
		what := "the current annual cost"
		if e.Field == engine.FieldAllocation {
			what = "the annual allocation you were told"
			if e.Kind == engine.KindMissing {
				return p.Prices.UnpublishedMessage
			}
		}
		switch e.Kind {
		case engine.KindNegative:
			return "The amount cannot be below £0: enter " + what + ", like 15000.00"
		case engine.KindTooManyPlaces:
			return "Enter " + what + " in pounds and pence, with no more than 2 numbers after the point, like 15000.50"
		case engine.KindTooLarge:
			return "The amount is too large: enter " + what + ", like 15000.00"
		}
		return "Enter " + what + " in pounds, like 15000.00"
	case engine.FieldIncludesContingency:
		if e.Kind == engine.KindNeeds {
			return "Enter the current annual cost, or untick the contingency box"
		}
		return "Choose whether the current cost includes the contingency"
	}
	return strings.TrimSpace(e.Message())
}

// ageFromBirth is the age the date of birth gives on the date of
// assessment, as the end of a sentence: ": age 12 on 2013-04-01".
func ageFromBirth(p *engine.Policy, in engine.Fields) string {
	dob, err := engine.ParseDate(strings.TrimSpace(in.DateOfBirth))
	if err != nil {
		return ""
	}
	on := p.DefaultAssessedOn
	if s := strings.TrimSpace(in.AssessedOn); s != "" {
		if on, err = engine.ParseDate(s); err != nil {
			return ""
		}
	}
	return ": age " + itoa(engine.AgeOn(dob, on, p.Age.LeapDay)) + " on " + on.Long()
}

// noSuchDate is why a date written as one is not in the calendar, such as
// "April 2005 has no day 31", as a sentence's end.
func noSuchDate(e *engine.Error) string {
	if e.Kind != engine.KindNoSuchDate {
		return ""
	}
	if _, err := engine.ParseDate(strings.TrimSpace(e.Value)); err != nil {
		return " (" + err.Error() + ")"
	}
	return ""
}
