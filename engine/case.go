package engine

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
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

	// lazy says which of CurrentCost and Allocation point to an amount not
	// yet written, whose whole pence are costPence and allocPence: a case
	// made for a cohort's summary alone, whose amounts are added in pence
	// and need no decimal (see SummariseCohort). settle writes them before
	// such a case is shown to anyone.
	lazy                  lazyAmounts
	costPence, allocPence int64
}

// lazyAmounts are the amounts of a case not yet written.
type lazyAmounts uint8

const (
	lazyCost lazyAmounts = 1 << iota
	lazyAlloc
)

// settle writes the amounts of c that are not yet written, leaving c as
// Fields.Case would have made it.
func (c *Case) settle() {
	if c.lazy&lazyCost != 0 {
		*c.CurrentCost = decimal.New(c.costPence, -2)
	}
	if c.lazy&lazyAlloc != 0 {
		*c.Allocation = decimal.New(c.allocPence, -2)
	}
	c.lazy, c.costPence, c.allocPence = 0, 0, 0
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
	// One allocation holds every optional value the case points to.
	return f.caseIn(new(caseValues), false)
}

// caseValues hold the optional values a case points to.
type caseValues struct {
	score, age  int
	cost, alloc Money
}

// caseSlab hands out caseValues from a run of them made at once, so that a
// cohort's rows, read one by one, cost one allocation for many. A run is
// never used again once handed out: a case kept past its row keeps its
// values, and the run they are in, and nothing else writes to them.
type caseSlab struct {
	free []caseValues
}

// caseSlabRows is the number of caseValues made at once.
const caseSlabRows = 256

func (s *caseSlab) take() *caseValues {
	if len(s.free) == 0 {
		s.free = make([]caseValues, caseSlabRows)
	}
	v := &s.free[0]
	s.free = s.free[1:]
	return v
}

// caseIn is Case with its optional values held in v, which must be zero and
// used for no other case. Where lazy, the amounts are read in whole pence
// and not yet written (Case.lazy).
func (f Fields) caseIn(v *caseValues, lazy bool) (Case, error) {
	var c Case
	var cp caseParser
	if s, ok := cp.text(FieldID, f.ID); ok {
		c.ID = s
	}
	if s, ok := cp.text(FieldScore, f.Score); ok && s != "" {
		if n, err := parseScore(s); err != nil {
			cp.failed(FieldScore, s, err)
		} else {
			v.score, c.Score = n, &v.score
		}
	}
	if s, ok := cp.text(FieldAge, f.Age); ok && s != "" {
		if n, err := parseAge(s); err != nil {
			cp.failed(FieldAge, s, err)
		} else {
			v.age, c.Age = n, &v.age
		}
	}
	c.DateOfBirth = cp.date(FieldDateOfBirth, f.DateOfBirth)
	c.AssessedOn = cp.date(FieldAssessedOn, f.AssessedOn)
	if s, ok := cp.text(FieldCurrentCost, f.CurrentCost); ok && s != "" && lazy {
		if n, err := parsePence(s); err != nil {
			cp.failed(FieldCurrentCost, s, err)
		} else {
			c.costPence, c.lazy, c.CurrentCost = n, c.lazy|lazyCost, &v.cost
		}
	} else if ok && s != "" {
		if m, err := ParseAmount(s); err != nil {
			cp.failed(FieldCurrentCost, s, err)
		} else {
			v.cost, c.CurrentCost = m, &v.cost
		}
	}
	if s, ok := cp.text(FieldIncludesContingency, f.IncludesContingency); ok && s != "" {
		switch strings.ToLower(s) {
		case "true", "yes":
			c.IncludesContingency = true
		case "false", "no":
		default:
			cp.bad(FieldIncludesContingency, s, KindInvalid, "is not true or false")
		}
	}
	if s, ok := cp.text(FieldAllocation, f.Allocation); ok && s != "" && lazy {
		if n, err := parsePence(s); err != nil {
			cp.failed(FieldAllocation, s, err)
		} else {
			c.allocPence, c.lazy, c.Allocation = n, c.lazy|lazyAlloc, &v.alloc
		}
	} else if ok && s != "" {
		if m, err := ParseAmount(s); err != nil {
			cp.failed(FieldAllocation, s, err)
		} else {
			v.alloc, c.Allocation = m, &v.alloc
		}
	}
	on, okOn := cp.text(FieldReassessedOn, f.ReassessedOn)
	ns, okNs := cp.text(FieldNewScore, f.NewScore)
	if okOn && okNs && (on != "" || ns != "") {
		var r Reassessment
		good := true
		if on == "" {
			cp.bad(FieldReassessedOn, "", KindMissing, "is missing: a new score needs the date of the reassessment")
			good = false
		} else if d, err := readDate(on); err != nil {
			cp.failed(FieldReassessedOn, on, err)
			good = false
		} else {
			r.On = d
		}
		if ns == "" {
			cp.bad(FieldNewScore, "", KindMissing, "is missing: a reassessment needs its new score")
			good = false
		} else if n, err := parseScore(ns); err != nil {
			cp.failed(FieldNewScore, ns, err)
			good = false
		} else {
			r.Score = n
		}
		if good {
			c.Reassessment = &r
		}
	}
	errs := cp.errs
	if c.Age == nil && c.DateOfBirth.IsZero() && !errs.has(FieldAge) && !errs.has(FieldDateOfBirth) {
		cp.bad(FieldAge, "", KindMissing, "is missing: enter the child's age in whole years, like 12, or their date of birth")
	}
	if c.IncludesContingency && c.CurrentCost == nil && !errs.has(FieldCurrentCost) {
		cp.bad(FieldIncludesContingency, "", KindNeeds, "needs the current cost it refers to")
	}
	if len(cp.errs) > 0 {
		return Case{}, cp.errs
	}
	return c, nil
}

// caseParser collects the mistakes of a case's fields.
type caseParser struct {
	errs Errors
}

func (cp *caseParser) bad(field, value string, kind ErrorKind, msg string) {
	cp.errs = append(cp.errs, &Error{Field: field, Value: value, Kind: kind, Msg: msg})
}

// failed notes the error of reading a field's value: an *Error with its
// kind and message from parseScore, parseAge, ParseAmount or ParseDate.
func (cp *caseParser) failed(field, value string, err error) {
	e, ok := err.(*Error)
	if !ok {
		e = &Error{Kind: KindInvalid, Msg: err.Error()}
	}
	cp.bad(field, value, e.Kind, e.Msg)
}

// text checks that a field's value is text of a sensible length, and returns
// it trimmed.
func (cp *caseParser) text(field, value string) (string, bool) {
	if len(value) > MaxFieldLength {
		cp.bad(field, value, KindTooLong, fmt.Sprintf("is too long: a value has at most %d characters", MaxFieldLength))
		return "", false
	}
	if !isText(value) {
		cp.bad(field, "", KindNotText, "is not text")
		return "", false
	}
	return trimSpace(value), true
}

// trimSpace is strings.TrimSpace, returning at once a value that starts and
// ends with an ASCII character that is not a space, as a cohort's fields,
// trimmed as they are read, all do.
func trimSpace(s string) string {
	if len(s) > 0 {
		a, b := s[0], s[len(s)-1]
		if a < utf8.RuneSelf && b < utf8.RuneSelf && !asciiSpace(a) && !asciiSpace(b) {
			return s
		}
	}
	return strings.TrimSpace(s)
}

// asciiSpace says whether c is one of the ASCII characters
// strings.TrimSpace takes away.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// isText says whether s is text: UTF-8 without a NUL byte. A field is
// mostly ASCII, which one pass over its bytes checks.
func isText(s string) bool {
	for i := range len(s) {
		switch c := s[i]; {
		case c == 0:
			return false
		case c >= utf8.RuneSelf:
			return utf8.ValidString(s[i:]) && strings.IndexByte(s[i:], 0) < 0
		}
	}
	return true
}

// date reads an optional date field.
func (cp *caseParser) date(field, value string) Date {
	s, ok := cp.text(field, value)
	if !ok || s == "" {
		return Date{}
	}
	d, err := readDate(s)
	if e, ok := err.(*Error); ok && e.Kind == KindNotDate && dateExamples[field] != "" {
		// An example the field itself accepts: a date of birth before any
		// policy's default assessment date, an assessment after it.
		err = &Error{Kind: KindNotDate, Msg: "is not a date: write the date as YYYY-MM-DD, like " + dateExamples[field]}
	}
	if err != nil {
		cp.failed(field, s, err)
	}
	return d
}

// dateExamples are the examples a case's date fields give in their
// messages, each a date the field accepts for a child assessed on any
// policy's default date or today.
var dateExamples = map[string]string{FieldDateOfBirth: "2010-08-20", FieldAssessedOn: "2017-08-01"}

// readDate reads a date as ParseDate does, its error an *Error of kind
// KindNotDate, or KindNoSuchDate for a date written as one that the calendar
// does not have, like 2013-02-30.
func readDate(s string) (Date, error) {
	d, err := ParseDate(s)
	if err == nil {
		return d, nil
	}
	kind := KindNotDate
	if len(s) == 10 && s[4] == '-' && s[7] == '-' && allDigits(s[:4]+s[5:7]+s[8:]) {
		kind = KindNoSuchDate
	}
	return Date{}, &Error{Kind: kind, Msg: "is not a date: " + err.Error()}
}

func (es Errors) has(field string) bool { return es.Field(field) != nil }

func parseScore(s string) (int, error) {
	if strings.HasPrefix(s, "-") {
		return 0, &Error{Kind: KindNegative, Msg: "is negative: a score is a whole number of points, 0 or more, like 180"}
	}
	if !allDigits(s) {
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return 0, &Error{Kind: KindNotWhole, Msg: "is not a whole number: enter the score as a whole number of points, like 180"}
		}
		return 0, &Error{Kind: KindNotNumber, Msg: "is not a number: enter the score as a whole number, like 180"}
	}
	n, ok := wholeUpTo(s, maxScore)
	if !ok {
		return 0, &Error{Kind: KindTooLarge, Msg: "is too large to be a score"}
	}
	return n, nil
}

func parseAge(s string) (int, error) {
	if strings.HasPrefix(s, "-") {
		return 0, &Error{Kind: KindNegative, Msg: "is negative: enter the age in whole years, like 12"}
	}
	if !allDigits(s) {
		if _, err := strconv.ParseFloat(s, 64); err == nil {
			return 0, &Error{Kind: KindNotWhole, Msg: "is not a whole number: enter the age in whole years, like 12"}
		}
		return 0, &Error{Kind: KindNotNumber, Msg: "is not a number: enter the age in whole years, like 12"}
	}
	n, ok := wholeUpTo(s, 150)
	if !ok {
		return 0, &Error{Kind: KindTooLarge, Msg: "is not an age: enter the age in whole years, like 12"}
	}
	return n, nil
}

// wholeUpTo reads s, ASCII digits only, as a whole number, and whether it is
// at most limit (which must be under 10^17): the digits read in one pass,
// however many leading zeros, and no further than the number passes limit.
func wholeUpTo(s string, limit int) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if n = n*10 + int(s[i]-'0'); n > limit {
			return 0, false
		}
	}
	return n, true
}
