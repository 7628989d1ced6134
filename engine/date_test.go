package engine_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/openras/openras/engine"
)

// civil is a short way to write a date known to exist.
func civil(y int, m time.Month, day int) engine.Date { return engine.MustDate(y, m, day) }

func TestParseDate(t *testing.T) {
	good := []struct {
		in   string
		want engine.Date
	}{
		{"2013-10-01", civil(2013, time.October, 1)},
		{"2013-04-01", civil(2013, time.April, 1)},
		{"2014-08-20", civil(2014, time.August, 20)},
		{"2013-04-30", civil(2013, time.April, 30)},
		{"2013-12-31", civil(2013, time.December, 31)},
		{"2012-02-29", civil(2012, time.February, 29)}, // 2012 is a leap year
		{"2000-02-29", civil(2000, time.February, 29)}, // divisible by 400: a leap year
		{"1900-01-01", civil(1900, time.January, 1)},   // the first year allowed
		{"2999-12-31", civil(2999, time.December, 31)}, // the last year allowed
	}
	for _, tt := range good {
		t.Run(tt.in, func(t *testing.T) {
			got, err := engine.ParseDate(tt.in)
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
			if got.String() != tt.in {
				t.Errorf("ParseDate(%q).String() = %q, want it written back the same", tt.in, got.String())
			}
		})
	}

	bad := []struct {
		name, in string
		msg      string // a part of the error message
	}{
		{"31 April", "2013-04-31", "April 2013 has no day 31"},
		{"29 February in a common year", "2013-02-29", "February 2013 has no day 29"},
		{"29 February 1900 (divisible by 100, not 400)", "1900-02-29", "February 1900 has no day 29"},
		{"30 February", "2013-02-30", "February 2013 has no day 30"},
		{"day 0", "2013-04-00", "has no day 0"},
		{"day 32", "2013-01-32", "has no day 32"},
		{"month 13", "2013-13-01", "there is no month 13"},
		{"month 0", "2013-00-10", "there is no month 00"},
		{"single-digit month and day", "2013-4-1", "YYYY-MM-DD"},
		{"no dashes", "20130401", "YYYY-MM-DD"},
		{"letters", "abcd-ef-gh", "YYYY-MM-DD"},
		{"slashes", "2013/04/01", "YYYY-MM-DD"},
		{"day first", "01-04-2013", "YYYY-MM-DD"},
		{"empty", "", "YYYY-MM-DD"},
		{"sign in the year", "+013-04-01", "YYYY-MM-DD"},
		{"space in the day", "2013-04- 1", "YYYY-MM-DD"},
		{"trailing text", "2013-04-01x", "YYYY-MM-DD"},
		{"time of day", "2013-04-01T00:00:00Z", "YYYY-MM-DD"},
		{"year before 1900", "1899-12-31", "outside 1900–2999"},
		{"year 0000", "0000-01-01", "outside 1900–2999"},
		{"year after 2999", "3000-01-01", "outside 1900–2999"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			got, err := engine.ParseDate(tt.in)
			if err == nil {
				t.Fatalf("ParseDate(%q) = %v, want an error", tt.in, got)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("ParseDate(%q) error = %q, want it to contain %q", tt.in, err, tt.msg)
			}
			if !got.IsZero() {
				t.Errorf("ParseDate(%q) = %v with an error, want the zero Date", tt.in, got)
			}
		})
	}
}

func TestNewDate(t *testing.T) {
	tests := []struct {
		name   string
		y      int
		m      time.Month
		day    int
		wantOK bool
	}{
		{"1 October 2013", 2013, time.October, 1, true},
		{"29 February 2012", 2012, time.February, 29, true},
		{"29 February 2013", 2013, time.February, 29, false},
		{"31 June", 2013, time.June, 31, false},
		{"month 0", 2013, 0, 1, false},
		{"month 13", 2013, 13, 1, false},
		{"year 1899", 1899, time.December, 31, false},
		{"year 3000", 3000, time.January, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := engine.NewDate(tt.y, tt.m, tt.day)
			if (err == nil) != tt.wantOK {
				t.Fatalf("NewDate(%d, %d, %d) = %v, %v; want ok %v", tt.y, tt.m, tt.day, got, err, tt.wantOK)
			}
			if tt.wantOK && (got.Year != tt.y || got.Month != tt.m || got.Day != tt.day) {
				t.Errorf("NewDate(%d, %d, %d) = %+v", tt.y, tt.m, tt.day, got)
			}
		})
	}
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		name string
		from engine.Date
		n    int
		want engine.Date
	}{
		// docs/rules.md, Decision month-arithmetic: 30 Nov 2017 + 3 months = 28 Feb 2018.
		{"30 Nov 2017 + 3", civil(2017, time.November, 30), 3, civil(2018, time.February, 28)},
		{"31 Jan + 1 in a leap year", civil(2016, time.January, 31), 1, civil(2016, time.February, 29)},
		{"31 Jan + 1 in a common year", civil(2017, time.January, 31), 1, civil(2017, time.February, 28)},
		{"31 Jan 2000 + 1 (leap: divisible by 400)", civil(2000, time.January, 31), 1, civil(2000, time.February, 29)},
		{"31 Jan 1900 + 1 (common: divisible by 100)", civil(1900, time.January, 31), 1, civil(1900, time.February, 28)},
		{"31 Aug + 6", civil(2017, time.August, 31), 6, civil(2018, time.February, 28)},
		{"31 Aug 2015 + 6 into a leap February", civil(2015, time.August, 31), 6, civil(2016, time.February, 29)},
		{"31 Mar + 1 clamps to 30 Apr", civil(2013, time.March, 31), 1, civil(2013, time.April, 30)},
		{"31 Oct + 1 clamps to 30 Nov", civil(2013, time.October, 31), 1, civil(2013, time.November, 30)},
		{"plus 0", civil(2013, time.April, 1), 0, civil(2013, time.April, 1)},
		{"1 Aug 2017 + 6 (Rotherham review)", civil(2017, time.August, 1), 6, civil(2018, time.February, 1)},
		{"1 Aug 2017 + 12 (Rotherham review)", civil(2017, time.August, 1), 12, civil(2018, time.August, 1)},
		{"15 Dec + 1 crosses the year", civil(2013, time.December, 15), 1, civil(2014, time.January, 15)},
		{"1 Oct 2013 + 12", civil(2013, time.October, 1), 12, civil(2014, time.October, 1)},
		{"30 Nov 2013 + 15 crosses a year and clamps", civil(2013, time.November, 30), 15, civil(2015, time.February, 28)},
		{"29 Feb 2012 + 12", civil(2012, time.February, 29), 12, civil(2013, time.February, 28)},
		{"29 Feb 2012 + 48", civil(2012, time.February, 29), 48, civil(2016, time.February, 29)},
		{"1 Jan + 120", civil(2013, time.January, 1), 120, civil(2023, time.January, 1)},
		{"31 Mar - 1 clamps to 28 Feb", civil(2018, time.March, 31), -1, civil(2018, time.February, 28)},
		{"31 Mar 2016 - 1 clamps to 29 Feb", civil(2016, time.March, 31), -1, civil(2016, time.February, 29)},
		{"15 Jan - 1 crosses the year back", civil(2013, time.January, 15), -1, civil(2012, time.December, 15)},
		{"31 Jan - 13", civil(2013, time.January, 31), -13, civil(2011, time.December, 31)},
		{"31 Mar 2013 - 25", civil(2013, time.March, 31), -25, civil(2011, time.February, 28)},
		{"1 Dec - 12", civil(2013, time.December, 1), -12, civil(2012, time.December, 1)},
		{"1 Jan - 12", civil(2013, time.January, 1), -12, civil(2012, time.January, 1)},
		{"29 Feb 2012 - 12", civil(2012, time.February, 29), -12, civil(2011, time.February, 28)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.from.AddMonths(tt.n); got != tt.want {
				t.Errorf("%v.AddMonths(%d) = %v, want %v", tt.from, tt.n, got, tt.want)
			}
		})
	}
}

func TestAddDaysKnownCounts(t *testing.T) {
	// Each count is worked by hand from the lengths of the months in between.
	tests := []struct {
		name     string
		from, to engine.Date
		days     int
	}{
		// No 29 February between 1 Apr 2013 and 1 Apr 2014.
		{"1 Apr 2013 to 1 Apr 2014", civil(2013, time.April, 1), civil(2014, time.April, 1), 365},
		// 29 February 2016 lies between.
		{"1 Apr 2015 to 1 Apr 2016", civil(2015, time.April, 1), civil(2016, time.April, 1), 366},
		// April 30 + May 31 + June 30 + July 31 + August 31 + September 30 = 183.
		{"1 Apr 2013 to 1 Oct 2013", civil(2013, time.April, 1), civil(2013, time.October, 1), 183},
		{"1 Oct 2013 to 1 Oct 2014", civil(2013, time.October, 1), civil(2014, time.October, 1), 365},
		{"1 Oct 2015 to 1 Oct 2016 (29 Feb 2016 between)", civil(2015, time.October, 1), civil(2016, time.October, 1), 366},
		{"31 Dec to 1 Jan", civil(2013, time.December, 31), civil(2014, time.January, 1), 1},
		{"28 Feb 2012 to 1 Mar 2012 (leap)", civil(2012, time.February, 28), civil(2012, time.March, 1), 2},
		{"28 Feb 2013 to 1 Mar 2013 (common)", civil(2013, time.February, 28), civil(2013, time.March, 1), 1},
		{"28 Feb 2000 to 1 Mar 2000 (leap: divisible by 400)", civil(2000, time.February, 28), civil(2000, time.March, 1), 2},
		{"28 Feb 1900 to 1 Mar 1900 (common: divisible by 100)", civil(1900, time.February, 28), civil(1900, time.March, 1), 1},
		{"28 Feb 2100 to 1 Mar 2100 (common: divisible by 100)", civil(2100, time.February, 28), civil(2100, time.March, 1), 1},
		// 100 years of 365 days, plus the leap years 1904–1996 (24 of them; 1900 is not one).
		{"1 Jan 1900 to 1 Jan 2000", civil(1900, time.January, 1), civil(2000, time.January, 1), 36524},
		// 100 years of 365 days, plus the leap years 2000–2096 (25 of them).
		{"1 Jan 2000 to 1 Jan 2100", civil(2000, time.January, 1), civil(2100, time.January, 1), 36525},
		{"same day", civil(2013, time.April, 1), civil(2013, time.April, 1), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.from.DaysUntil(tt.to); got != tt.days {
				t.Errorf("%v.DaysUntil(%v) = %d, want %d", tt.from, tt.to, got, tt.days)
			}
			if got := tt.to.DaysUntil(tt.from); got != -tt.days {
				t.Errorf("%v.DaysUntil(%v) = %d, want %d", tt.to, tt.from, got, -tt.days)
			}
			if got := tt.from.AddDays(tt.days); got != tt.to {
				t.Errorf("%v.AddDays(%d) = %v, want %v", tt.from, tt.days, got, tt.to)
			}
			if got := tt.to.AddDays(-tt.days); got != tt.from {
				t.Errorf("%v.AddDays(%d) = %v, want %v", tt.to, -tt.days, got, tt.from)
			}
		})
	}
}

// nextDay is the day after x, worked out from the lengths of the months alone
// (NewDate refuses a day the month does not have), independently of AddDays.
func nextDay(x engine.Date) engine.Date {
	if n, err := engine.NewDate(x.Year, x.Month, x.Day+1); err == nil {
		return n
	}
	if x.Month < time.December {
		return engine.MustDate(x.Year, x.Month+1, 1)
	}
	return engine.Date{Year: x.Year + 1, Month: time.January, Day: 1}
}

func TestAddDaysEveryDay(t *testing.T) {
	// Walk every day of 1900–2999 and check that AddDays(1), AddDays(-1) and
	// DaysUntil agree with counting the days one by one.
	start := civil(1900, time.January, 1)
	end := civil(2999, time.December, 31)
	x := start
	n := 0
	for x != end {
		next := nextDay(x)
		if got := x.AddDays(1); got != next {
			t.Fatalf("%v.AddDays(1) = %v, want %v", x, got, next)
		}
		if got := next.AddDays(-1); got != x {
			t.Fatalf("%v.AddDays(-1) = %v, want %v", next, got, x)
		}
		if got := x.DaysUntil(next); got != 1 {
			t.Fatalf("%v.DaysUntil(%v) = %d, want 1", x, next, got)
		}
		x = next
		n++
	}
	if got := start.DaysUntil(end); got != n {
		t.Errorf("%v.DaysUntil(%v) = %d, want %d days counted one by one", start, end, got, n)
	}
	if got := start.AddDays(n); got != end {
		t.Errorf("%v.AddDays(%d) = %v, want %v", start, n, got, end)
	}
}

func TestAddDaysRoundTrip(t *testing.T) {
	dates := []engine.Date{
		civil(1900, time.January, 1), civil(1900, time.March, 1), civil(2000, time.February, 29),
		civil(2012, time.February, 29), civil(2013, time.April, 1), civil(2013, time.December, 31),
		civil(2999, time.December, 31),
	}
	for _, from := range dates {
		for _, n := range []int{0, 1, -1, 28, 29, 365, -365, 366, 1461, -1461, 146097, -146097, 100000} {
			t.Run(from.String()+"+"+strconv.Itoa(n), func(t *testing.T) {
				to := from.AddDays(n)
				if got := from.DaysUntil(to); got != n {
					t.Errorf("%v.DaysUntil(%v.AddDays(%d)) = %d", from, from, n, got)
				}
				if got := to.AddDays(-n); got != from {
					t.Errorf("%v.AddDays(%d).AddDays(%d) = %v", from, n, -n, got)
				}
			})
		}
	}
	// 146097 days are exactly 400 Gregorian years.
	if got := civil(2000, time.March, 1).AddDays(146097); got != (engine.Date{Year: 2400, Month: time.March, Day: 1}) {
		t.Errorf("1 Mar 2000 + 146097 days = %v, want 2400-03-01", got)
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name          string
		a, b          engine.Date
		cmp           int
		before, after bool
	}{
		{"same day", civil(2013, time.April, 1), civil(2013, time.April, 1), 0, false, false},
		{"day before", civil(2013, time.April, 1), civil(2013, time.April, 2), -1, true, false},
		{"day after", civil(2013, time.April, 2), civil(2013, time.April, 1), 1, false, true},
		{"earlier month, later day", civil(2013, time.March, 31), civil(2013, time.April, 1), -1, true, false},
		{"later month, earlier day", civil(2013, time.May, 1), civil(2013, time.April, 30), 1, false, true},
		{"earlier year, later month", civil(2012, time.December, 31), civil(2013, time.January, 1), -1, true, false},
		{"later year, earlier month", civil(2014, time.January, 1), civil(2013, time.December, 31), 1, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Compare(tt.b); got != tt.cmp {
				t.Errorf("%v.Compare(%v) = %d, want %d", tt.a, tt.b, got, tt.cmp)
			}
			if got := tt.a.Before(tt.b); got != tt.before {
				t.Errorf("%v.Before(%v) = %v, want %v", tt.a, tt.b, got, tt.before)
			}
			if got := tt.a.After(tt.b); got != tt.after {
				t.Errorf("%v.After(%v) = %v, want %v", tt.a, tt.b, got, tt.after)
			}
		})
	}
}

func TestLongAndString(t *testing.T) {
	tests := []struct {
		date        engine.Date
		long, short string
	}{
		{civil(2013, time.October, 1), "1 October 2013", "2013-10-01"},
		{civil(2014, time.August, 20), "20 August 2014", "2014-08-20"},
		{civil(2012, time.February, 29), "29 February 2012", "2012-02-29"},
		{civil(1900, time.January, 1), "1 January 1900", "1900-01-01"},
		{civil(2017, time.December, 31), "31 December 2017", "2017-12-31"},
	}
	for _, tt := range tests {
		t.Run(tt.short, func(t *testing.T) {
			if got := tt.date.Long(); got != tt.long {
				t.Errorf("Long() = %q, want %q", got, tt.long)
			}
			if got := tt.date.String(); got != tt.short {
				t.Errorf("String() = %q, want %q", got, tt.short)
			}
		})
	}
	t.Run("zero", func(t *testing.T) {
		var z engine.Date
		if !z.IsZero() {
			t.Error("the zero Date is not IsZero")
		}
		if got := z.String(); got != "" {
			t.Errorf("zero Date String() = %q, want empty", got)
		}
		if civil(2013, time.April, 1).IsZero() {
			t.Error("1 April 2013 IsZero")
		}
	})
}

func TestAgeOn(t *testing.T) {
	leapDOB := civil(2004, time.February, 29)
	tests := []struct {
		name    string
		dob, on engine.Date
		rule    engine.LeapDayRule
		want    int
	}{
		// Trafford 2013, Appendix 1, Example 3: a child of 12 on 1 April 2013
		// who turns 14 on 20 August 2014, so born on 20 August 2000.
		{"Example 3 on the default assessment date", civil(2000, time.August, 20), civil(2013, time.April, 1), engine.LeapDayMarch1, 12},
		{"Example 3 the day before turning 14", civil(2000, time.August, 20), civil(2014, time.August, 19), engine.LeapDayMarch1, 13},
		{"Example 3 on the 14th birthday", civil(2000, time.August, 20), civil(2014, time.August, 20), engine.LeapDayMarch1, 14},
		{"Example 3 the day after turning 14", civil(2000, time.August, 20), civil(2014, time.August, 21), engine.LeapDayMarch1, 14},
		{"on the day of birth", civil(2013, time.April, 1), civil(2013, time.April, 1), engine.LeapDayMarch1, 0},
		{"the day before the first birthday", civil(2012, time.April, 1), civil(2013, time.March, 31), engine.LeapDayMarch1, 0},
		{"on the first birthday", civil(2012, time.April, 1), civil(2013, time.April, 1), engine.LeapDayMarch1, 1},
		{"the day before the 18th birthday", civil(1995, time.April, 1), civil(2013, time.March, 31), engine.LeapDayMarch1, 17},
		{"on the 18th birthday", civil(1995, time.April, 1), civil(2013, time.April, 1), engine.LeapDayMarch1, 18},
		{"born 31 Dec, on 1 Jan", civil(2000, time.December, 31), civil(2013, time.January, 1), engine.LeapDayMarch1, 12},

		// Born 29 February 2004; 2013 is a common year, 2012 a leap year.
		{"29 Feb, March 1 rule, 28 Feb of a common year", leapDOB, civil(2013, time.February, 28), engine.LeapDayMarch1, 8},
		{"29 Feb, March 1 rule, 1 Mar of a common year", leapDOB, civil(2013, time.March, 1), engine.LeapDayMarch1, 9},
		{"29 Feb, February 28 rule, 27 Feb of a common year", leapDOB, civil(2013, time.February, 27), engine.LeapDayFebruary28, 8},
		{"29 Feb, February 28 rule, 28 Feb of a common year", leapDOB, civil(2013, time.February, 28), engine.LeapDayFebruary28, 9},
		{"29 Feb, February 28 rule, 1 Mar of a common year", leapDOB, civil(2013, time.March, 1), engine.LeapDayFebruary28, 9},
		{"29 Feb, March 1 rule, 28 Feb of a leap year", leapDOB, civil(2012, time.February, 28), engine.LeapDayMarch1, 7},
		{"29 Feb, March 1 rule, 29 Feb of a leap year", leapDOB, civil(2012, time.February, 29), engine.LeapDayMarch1, 8},
		{"29 Feb, February 28 rule, 28 Feb of a leap year", leapDOB, civil(2012, time.February, 28), engine.LeapDayFebruary28, 7},
		{"29 Feb, February 28 rule, 29 Feb of a leap year", leapDOB, civil(2012, time.February, 29), engine.LeapDayFebruary28, 8},
		{"29 Feb, March 1 rule, 1 Mar of a leap year", leapDOB, civil(2012, time.March, 1), engine.LeapDayMarch1, 8},
		// 2100 is not a leap year (divisible by 100, not 400).
		{"29 Feb 2096, March 1 rule, 28 Feb 2100", civil(2096, time.February, 29), civil(2100, time.February, 28), engine.LeapDayMarch1, 3},
		{"29 Feb 2096, February 28 rule, 28 Feb 2100", civil(2096, time.February, 29), civil(2100, time.February, 28), engine.LeapDayFebruary28, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := engine.AgeOn(tt.dob, tt.on, tt.rule); got != tt.want {
				t.Errorf("AgeOn(%v, %v, %v) = %d, want %d", tt.dob, tt.on, tt.rule, got, tt.want)
			}
		})
	}
}

func TestBirthday(t *testing.T) {
	leapDOB := civil(2004, time.February, 29)
	tests := []struct {
		name string
		dob  engine.Date
		year int
		rule engine.LeapDayRule
		want engine.Date
	}{
		{"Example 3 turns 14 on 20 August 2014", civil(2000, time.August, 20), 2014, engine.LeapDayMarch1, civil(2014, time.August, 20)},
		{"ordinary day, other rule", civil(2000, time.August, 20), 2014, engine.LeapDayFebruary28, civil(2014, time.August, 20)},
		{"28 Feb is not moved", civil(2004, time.February, 28), 2013, engine.LeapDayMarch1, civil(2013, time.February, 28)},
		{"29 Feb, common year, March 1 rule", leapDOB, 2013, engine.LeapDayMarch1, civil(2013, time.March, 1)},
		{"29 Feb, common year, February 28 rule", leapDOB, 2013, engine.LeapDayFebruary28, civil(2013, time.February, 28)},
		{"29 Feb, leap year, March 1 rule", leapDOB, 2016, engine.LeapDayMarch1, civil(2016, time.February, 29)},
		{"29 Feb, leap year, February 28 rule", leapDOB, 2016, engine.LeapDayFebruary28, civil(2016, time.February, 29)},
		{"29 Feb, 2100 is a common year", civil(2096, time.February, 29), 2100, engine.LeapDayMarch1, civil(2100, time.March, 1)},
		{"29 Feb, 2000 is a leap year", civil(1996, time.February, 29), 2000, engine.LeapDayMarch1, civil(2000, time.February, 29)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := engine.Birthday(tt.dob, tt.year, tt.rule); got != tt.want {
				t.Errorf("Birthday(%v, %d, %v) = %v, want %v", tt.dob, tt.year, tt.rule, got, tt.want)
			}
		})
	}
}
