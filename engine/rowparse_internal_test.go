package engine

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"
)

// strconvParseDate is ParseDate as it was written before it read its digits
// in place, with strconv: the twin the tests compare it with.
func strconvParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("write the date as YYYY-MM-DD, like 2013-10-01")
	}
	atoi := func(s string) (int, error) {
		if !allDigits(s) {
			return 0, strconv.ErrSyntax
		}
		return strconv.Atoi(s)
	}
	y, err1 := atoi(s[0:4])
	m, err2 := atoi(s[5:7])
	d, err3 := atoi(s[8:10])
	if err1 != nil || err2 != nil || err3 != nil {
		return Date{}, fmt.Errorf("write the date as YYYY-MM-DD, like 2013-10-01")
	}
	if m < 1 || m > 12 {
		return Date{}, fmt.Errorf("there is no month %02d", m)
	}
	return NewDate(y, time.Month(m), d)
}

// strconvWhole is parseScore and parseAge's reading of a whole number as
// it was, with strconv: the number, and whether it is at most limit.
func strconvWhole(s string, limit int) (int, bool) {
	n, err := strconv.Atoi(s)
	if err != nil || n > limit {
		return 0, false
	}
	return n, true
}

func checkDateTwin(t *testing.T, s string) {
	t.Helper()
	got, gerr := ParseDate(s)
	want, werr := strconvParseDate(s)
	if got != want || fmt.Sprint(gerr) != fmt.Sprint(werr) {
		t.Fatalf("ParseDate(%q) = %v, %v; with strconv %v, %v", s, got, gerr, want, werr)
	}
}

func checkWholeTwin(t *testing.T, s string) {
	t.Helper()
	if !allDigits(s) {
		return
	}
	for _, limit := range []int{150, maxScore} {
		n, ok := wholeUpTo(s, limit)
		wn, wok := strconvWhole(s, limit)
		if n != wn || ok != wok {
			t.Fatalf("wholeUpTo(%q, %d) = %d, %v; with strconv %d, %v", s, limit, n, ok, wn, wok)
		}
	}
}

// TestParseDateTwin compares ParseDate with its reading by strconv on dates
// at the edges of the calendar and the years, every kind of wrong character
// in each place, and random text of a date's shape.
func TestParseDateTwin(t *testing.T) {
	for _, s := range []string{
		"2013-10-01", "1900-01-01", "2999-12-31", "1899-12-31", "3000-01-01", "2012-02-29", "2013-02-29",
		"2000-02-29", "1900-02-29", "2013-04-31", "2013-00-10", "2013-13-01", "2013-01-00", "2013-01-32",
		"0000-01-01", "+201-01-01", "2013-+1-01", "2013-01-+1", "-201-01-01", "2013--1-01", "2013-1 -01",
		" 2013-01-0", "2013/01/01", "20130101", "2013-1-1", "", "2013-01-01 ", "٢٠١٣-01-01", "2013-01-0x",
	} {
		checkDateTwin(t, s)
	}
	rng := rand.New(rand.NewPCG(10, 1))
	const chars = "0123456789-+ x/"
	for range 50_000 {
		b := []byte(fmt.Sprintf("%04d-%02d-%02d", 1890+rng.IntN(1200), rng.IntN(14), rng.IntN(33)))
		for range rng.IntN(3) {
			b[rng.IntN(len(b))] = chars[rng.IntN(len(chars))]
		}
		checkDateTwin(t, string(b))
	}
}

// TestWholeUpTo compares the reading of a score or an age with strconv's
// at the limits, with leading zeros, and with more digits than an int holds.
func TestWholeUpTo(t *testing.T) {
	for _, s := range []string{
		"0", "00", "1", "150", "151", "0150", "99999", "100000", "100001", "000000000000000000000000100000",
		"9223372036854775807", "9223372036854775808", "99999999999999999999999", strings.Repeat("0", 300) + "12",
	} {
		checkWholeTwin(t, s)
	}
	rng := rand.New(rand.NewPCG(10, 2))
	for range 50_000 {
		s := strconv.FormatUint(rng.Uint64N(1<<uint(rng.IntN(64))), 10)
		if rng.IntN(5) == 0 {
			s = strings.Repeat("0", rng.IntN(25)) + s
		}
		checkWholeTwin(t, s)
	}
}

// FuzzParseDate checks ParseDate against its reading by strconv on any text.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2013-10-01", "2013-02-29", "+201-01-01", "2013-13-01", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkDateTwin(t, s)
	})
}

// TestTrimSpace compares trimSpace with strings.TrimSpace on text with and
// without spaces of every kind at either end.
func TestTrimSpace(t *testing.T) {
	ends := []string{"", " ", "\t", "\n", "\v", "\f", "\r", "\u0085", "\u00a0", "\u2003", "\u3000", "x", "é", "\x00", "\xff"}
	for _, a := range ends {
		for _, b := range ends {
			for _, mid := range []string{"", "12", " a b ", "£1,234.56"} {
				s := a + mid + b
				if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
					t.Errorf("trimSpace(%q) = %q, want %q", s, got, want)
				}
			}
		}
	}
}

// TestYearStartDay checks the day number of each financial year's start
// against dayNumber's, for the years of the table and beyond either end.
func TestYearStartDay(t *testing.T) {
	for y := yearDaysFrom - 60; y < yearDaysFrom+yearDays+60; y++ {
		if got, want := yearStartDay(y), yearStart(y).dayNumber(); got != want {
			t.Fatalf("yearStartDay(%d) = %d, want %d", y, got, want)
		}
	}
	// 1 April 2013 is 365 days after 1 April 2012 (no 29 February
	// between), and 1 April 2012 is 366 after 1 April 2011.
	if d := yearStartDay(2013) - yearStartDay(2012); d != 365 {
		t.Errorf("2012/13 has %d days, want 365", d)
	}
	if d := yearStartDay(2012) - yearStartDay(2011); d != 366 {
		t.Errorf("2011/12 has %d days, want 366", d)
	}
}
