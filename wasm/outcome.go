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
// instead), the allocation where they are published, and the contingency
// where the policy has none.
func work(f form) outcome {
	p := shipped.byID[f.Policy]
	if p == nil {
		return outcome{errors: []fieldError{{Field: "policy", Message: "Choose the council's policy", Missing: f.Policy == ""}}}
	}
	o := outcome{policy: p}
	in := f.Fields
	if p.Prices.Published {
		in.Allocation = ""
	} else {
		in.Score = ""
	}
	if p.Transition.Contingency == nil {
		in.IncludesContingency = ""
	}
	c, err := in.Case()
	if err == nil {
		o.result, err = engine.Evaluate(p, c)
	}
	if es, ok := err.(engine.Errors); ok {
		err = append(es, mistakesBeyond(p, in, es)...)
	}
	var es engine.Errors
	var e *engine.Error
	switch {
	case errors.As(err, &es):
		for _, fl := range fields {
			if e := es.Field(fl.name); e != nil {
				o.errors = append(o.errors, fieldError{Field: fl.name, Message: pageMessage(p, in, e), Missing: e.Value == ""})
			}
		}
	case errors.As(err, &e):
		o.errors = append(o.errors, fieldError{Field: e.Field, Message: pageMessage(p, in, e)})
	case err != nil:
		o.errors = append(o.errors, fieldError{Field: engine.FieldScore, Message: err.Error()})
	}
	return o
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
func pageMessage(p *engine.Policy, in engine.Fields, e *engine.Error) string {
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
			return "The age does not match the date of birth" + ageFromBirth(p, in) + ". Enter one or the other"
		}
		return "Enter the age in whole years, like 12"
	case engine.FieldDateOfBirth:
		switch e.Kind {
		case engine.KindOutOfScope:
			return p.Age.OutOfScopeMessage
		case engine.KindAfterAssessment:
			return "The date of birth must be before the assessment date"
		}
		return "Enter the date of birth as a real date, like 20 August 2005" + noSuchDate(e)
	case engine.FieldAssessedOn:
		return "Enter the assessment date as a real date, like 1 April 2013" + noSuchDate(e)
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
	return ": age " + itoa(engine.AgeOn(dob, on, p.Age.LeapDay)) + " on " + on.String()
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
