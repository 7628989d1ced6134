package engine

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Case is one child as the allocation needs them: the questionnaire score, the
// age or date of birth, the date of assessment, and what the family has now.
type Case struct {
	ID                  string
	Score               *int   // whole points; nil where only an allocation is known
	Age                 *int   // whole years on AssessedOn; nil where DateOfBirth is given
	DateOfBirth         Date   // zero where only Age is given
	AssessedOn          Date   // the assessment or support-plan date; zero: the policy's default
	CurrentCost         *Money // the annual cost of the current package; nil: no transition
	IncludesContingency bool   // whether CurrentCost includes the contingency share
	Allocation          *Money // the allocation the family was told, used instead of the score's
	Reassessment        *Reassessment
}

// Reassessment is a new score on a date after the plan, after a significant
// change in need. It supersedes any transition from that date.
type Reassessment struct {
	On    Date
	Score int
}

// Fields are a case as text, named as the columns of the cohort file: what a
// form, a command line or a spreadsheet row gives. Empty means not given.
type Fields struct {
	ID                  string
	Score               string
	Age                 string
	DateOfBirth         string
	AssessedOn          string
	CurrentCost         string
	IncludesContingency string
	Allocation          string
	ReassessedOn        string
	NewScore            string
}

// The names of the case fields, as cohort columns and form fields.
const (
	FieldID                  = "id"
	FieldScore               = "score"
	FieldAge                 = "age"
	FieldDateOfBirth         = "date_of_birth"
	FieldAssessedOn          = "assessed_on"
	FieldCurrentCost         = "current_cost"
	FieldIncludesContingency = "includes_contingency"
	FieldAllocation          = "allocation"
	FieldReassessedOn        = "reassessed_on"
	FieldNewScore            = "new_score"
)

// MaxFieldLength bounds a field's text; no real value comes near it.
const MaxFieldLength = 200

// maxScore bounds a score well above any questionnaire's total.
const maxScore = 100_000

// Case checks every field and returns the case, or Errors with one *Error for
// each field that is wrong, in the order of the fields. Whether a score or an
// allocation is needed depends on the policy, so Evaluate checks that.
func (f Fields) Case() (Case, error) {
	var c Case
	var errs Errors
	bad := func(field, value, msg string) {
		errs = append(errs, &Error{Field: field, Value: value, Msg: msg})
	}
	check := func(field, value string) (string, bool) {
		if len(value) > MaxFieldLength {
			bad(field, value, fmt.Sprintf("is too long: a value has at most %d characters", MaxFieldLength))
			return "", false
		}
		if !utf8.ValidString(value) || strings.ContainsRune(value, 0) {
			bad(field, "", "is not text")
			return "", false
		}
		return strings.TrimSpace(value), true
	}
	if v, ok := check(FieldID, f.ID); ok {
		c.ID = v
	}
	if v, ok := check(FieldScore, f.Score); ok && v != "" {
		if s, err := parseScore(v); err != nil {
			bad(FieldScore, v, err.Error())
		} else {
			c.Score = &s
		}
	}
	if v, ok := check(FieldAge, f.Age); ok && v != "" {
		if a, err := parseAge(v); err != nil {
			bad(FieldAge, v, err.Error())
		} else {
			c.Age = &a
		}
	}
	if v, ok := check(FieldDateOfBirth, f.DateOfBirth); ok && v != "" {
		if d, err := ParseDate(v); err != nil {
			bad(FieldDateOfBirth, v, "is not a date: "+err.Error())
		} else {
			c.DateOfBirth = d
		}
	}
	if v, ok := check(FieldAssessedOn, f.AssessedOn); ok && v != "" {
		if d, err := ParseDate(v); err != nil {
			bad(FieldAssessedOn, v, "is not a date: "+err.Error())
		} else {
			c.AssessedOn = d
		}
	}
	if v, ok := check(FieldCurrentCost, f.CurrentCost); ok && v != "" {
		if m, err := ParseAmount(v); err != nil {
			bad(FieldCurrentCost, v, err.Error())
		} else {
			c.CurrentCost = &m
		}
	}
	if v, ok := check(FieldIncludesContingency, f.IncludesContingency); ok && v != "" {
		switch strings.ToLower(v) {
		case "true", "yes":
			c.IncludesContingency = true
		case "false", "no":
		default:
			bad(FieldIncludesContingency, v, "is not true or false")
		}
	}
	if v, ok := check(FieldAllocation, f.Allocation); ok && v != "" {
		if m, err := ParseAmount(v); err != nil {
			bad(FieldAllocation, v, err.Error())
		} else {
			c.Allocation = &m
		}
	}
	on, okOn := check(FieldReassessedOn, f.ReassessedOn)
	ns, okNs := check(FieldNewScore, f.NewScore)
	if okOn && okNs && (on != "" || ns != "") {
		var r Reassessment
		good := true
		if on == "" {
			bad(FieldReassessedOn, "", "is missing: a new score needs the date of the reassessment")
			good = false
		} else if d, err := ParseDate(on); err != nil {
			bad(FieldReassessedOn, on, "is not a date: "+err.Error())
			good = false
		} else {
			r.On = d
		}
		if ns == "" {
			bad(FieldNewScore, "", "is missing: a reassessment needs its new score")
			good = false
		} else if s, err := parseScore(ns); err != nil {
			bad(FieldNewScore, ns, err.Error())
			good = false
		} else {
			r.Score = s
		}
		if good {
			c.Reassessment = &r
		}
	}
	if c.Age == nil && c.DateOfBirth.IsZero() && !errs.has(FieldAge) && !errs.has(FieldDateOfBirth) {
		bad(FieldAge, "", "is missing: enter the child's age in whole years, like 12, or their date of birth")
	}
	if c.IncludesContingency && c.CurrentCost == nil && !errs.has(FieldCurrentCost) {
		bad(FieldIncludesContingency, "", "needs the current cost it refers to")
	}
	if len(errs) > 0 {
		return Case{}, errs
	}
	return c, nil
}

func (es Errors) has(field string) bool { return es.Field(field) != nil }

func parseScore(s string) (int, error) {
	if strings.HasPrefix(s, "-") {
		return 0, fmt.Errorf("is negative: a score is a whole number of points, 0 or more, like 180")
	}
	if !allDigits(s) {
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return 0, fmt.Errorf("is not a whole number: enter the score as a whole number of points, like 180")
		}
		return 0, fmt.Errorf("is not a number: enter the score as a whole number, like 180")
	}
	n, err := strconv.Atoi(s)
	if err != nil || n > maxScore {
		return 0, fmt.Errorf("is too large to be a score")
	}
	return n, nil
}

func parseAge(s string) (int, error) {
	if strings.HasPrefix(s, "-") {
		return 0, fmt.Errorf("is negative: enter the age in whole years, like 12")
	}
	if !allDigits(s) {
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return 0, fmt.Errorf("is not a whole number: enter the age in whole years, like 12")
		}
		return 0, fmt.Errorf("is not a number: enter the age in whole years, like 12")
	}
	n, err := strconv.Atoi(s)
	if err != nil || n > 150 {
		return 0, fmt.Errorf("is not an age: enter the age in whole years, like 12")
	}
	return n, nil
}
