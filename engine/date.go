package engine

import (
	"fmt"
	"time"
)

// Date is a calendar date: a year, a month and a day, with no time of day and
// no time zone. The zero Date is not a valid date; IsZero reports it.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date year-month-day, or an error if there is no such day
// (31 April, 29 February in a common year) or the year is outside 1900–2999.
func NewDate(year int, month time.Month, day int) (Date, error) {
	if year < 1900 || year > 2999 {
		return Date{}, fmt.Errorf("the year %d is outside 1900–2999", year)
	}
	if month < time.January || month > time.December {
		return Date{}, fmt.Errorf("there is no month %d", month)
	}
	if day < 1 || day > daysIn(year, month) {
		return Date{}, fmt.Errorf("%s %d has no day %d", month, year, day)
	}
	return Date{year, month, day}, nil
}

// ParseDate reads a date written YYYY-MM-DD, such as 2013-10-01.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("write the date as YYYY-MM-DD, like 2013-10-01")
	}
	// The eight digits read in place, each checked to be one.
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("write the date as YYYY-MM-DD, like 2013-10-01")
	}
	if m < 1 || m > 12 {
		return Date{}, fmt.Errorf("there is no month %02d", m)
	}
	date, err := NewDate(y, time.Month(m), d)
	if err != nil {
		return Date{}, err
	}
	return date, nil
}

// digits reads s, at most 4 characters, as a number, and whether it is all
// ASCII digits (and not empty).
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s) > 0
}

// MustDate is NewDate for dates known to exist; it panics on a date that does
// not. It is meant for tests and examples.
func MustDate(year int, month time.Month, day int) Date {
	d, err := NewDate(year, month, day)
	if err != nil {
		panic(err)
	}
	return d
}

// String writes the date as YYYY-MM-DD.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Long writes the date as people read it, like 1 October 2013.
func (d Date) Long() string {
	return fmt.Sprintf("%d %s %d", d.Day, d.Month, d.Year)
}

// IsZero reports whether d is the zero Date, which stands for "no date".
func (d Date) IsZero() bool { return d == Date{} }

// Compare returns -1, 0 or +1 as d is before, on or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return sign(d.Year - e.Year)
	case d.Month != e.Month:
		return sign(int(d.Month) - int(e.Month))
	default:
		return sign(d.Day - e.Day)
	}
}

// Before reports whether d is before e. It is Compare(e) < 0, written out so
// that it is inlined where it is asked, a few times a row of a cohort.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// After reports whether d is after e.
func (d Date) After(e Date) bool { return e.Before(d) }

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

// AddMonths returns the same day of the month n months later, clamped to the
// last day of that month: 30 November 2017 + 3 months is 28 February 2018.
func (d Date) AddMonths(n int) Date {
	m := int(d.Month) - 1 + n
	y := d.Year + floorDiv(m, 12)
	month := time.Month(m - floorDiv(m, 12)*12 + 1)
	day := min(d.Day, daysIn(y, month))
	return Date{y, month, day}
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// AddDays returns the date n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date {
	return fromDayNumber(d.dayNumber() + n)
}

// DaysUntil returns the number of days from d to e: positive when e is later.
func (d Date) DaysUntil(e Date) int { return e.dayNumber() - d.dayNumber() }

// dayNumber counts days from a fixed epoch in the proleptic Gregorian calendar.
// For the yearDays years from yearDaysFrom it reads the first of the month from monthDays
// and counts on by day, which is the same count (TestDayNumberTable checks
// every month of every year of it and the years either side); for others,
// and for a month that is not one, it works the count out. It is small
// enough to be inlined: a cohort's summary asks it several times a row, and
// under WebAssembly a call costs more than the lookup.
func (d Date) dayNumber() int {
	if n, ok := d.tableDay(); ok {
		return n
	}
	return d.civilDayNumber()
}

// tableDay is dayNumber where monthDays holds the date's year and month.
// It makes no call, and so is inlined: a caller asking many times a row
// calls civilDayNumber itself where it is false.
func (d Date) tableDay() (int, bool) {
	if i, m := uint(d.Year-yearDaysFrom), uint(d.Month); i < yearDays && m < 16 {
		return int(monthDays[i<<4|m]) + d.Day - 1, true
	}
	return 0, false
}

// monthDays[i<<4|m] is civilDayNumber of the first of month m of the year
// yearDaysFrom+i, for m from 0 to 15: the count is one more a day, so the
// day number of a date is the first of its month's and its day less one,
// whether the month and day are real ones or not.
var monthDays = func() (t [yearDays << 4]int32) {
	for i := range yearDays {
		for m := range 16 {
			t[i<<4|m] = int32(Date{yearDaysFrom + i, time.Month(m), 1}.civilDayNumber())
		}
	}
	return t
}()

// yearDays is the number of years monthDays holds, from yearDaysFrom: the
// years of the children of a cohort, their birthdays and the stages of their
// transitions, 1950 to 2149. A date outside them (a date can be written from
// 1900 to 2999) is counted by civilDayNumber, which gives the same number,
// only more slowly. The table is filled as every program starts, the
// calculator on a phone too, where each year of it costs its sixteen counts:
// it holds the years a row's dates fall in, not every year there is.
const yearDays = 200

const yearDaysFrom = 1950

// civilDayNumber is dayNumber worked out for any date.
func (d Date) civilDayNumber() int {
	// From "Days from civil" (Howard Hinnant), with March as the first month.
	y := d.Year
	m := int(d.Month)
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe
}

func fromDayNumber(z int) Date {
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{y, time.Month(m), day}
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// LeapDayRule says on which day a child born on 29 February has a birthday in
// a year that is not a leap year.
type LeapDayRule int

const (
	// LeapDayMarch1 puts the birthday on 1 March.
	LeapDayMarch1 LeapDayRule = iota
	// LeapDayFebruary28 puts the birthday on 28 February.
	LeapDayFebruary28
)

// Birthday returns the date of the birthday in year of a child born on dob.
func Birthday(dob Date, year int, rule LeapDayRule) Date {
	if dob.Month == time.February && dob.Day == 29 && !isLeap(year) {
		if rule == LeapDayFebruary28 {
			return Date{year, time.February, 28}
		}
		return Date{year, time.March, 1}
	}
	return Date{year, dob.Month, dob.Day}
}

// AgeOn returns the age in whole years on date on of a child born on dob.
func AgeOn(dob, on Date, rule LeapDayRule) int {
	age := on.Year - dob.Year
	if on.Before(Birthday(dob, on.Year, rule)) {
		age--
	}
	return age
}
