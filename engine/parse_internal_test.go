package engine

import (
	"bufio"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf8"
)

// TestLineReaderEndings checks the line reader against a plain reading of
// the rule (a line ends at LF, CRLF or CR alone) on random text of short
// lines with every ending, through buffers small enough that lines and
// their CRLF endings straddle them, and a byte at a time.
func TestLineReaderEndings(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 3))
	endings := []string{"\n", "\r\n", "\r"}
	for trial := range 300 {
		var b strings.Builder
		for range rng.IntN(40) {
			for range rng.IntN(30) {
				b.WriteByte("ab,\" 1"[rng.IntN(6)])
			}
			if trial%3 == 0 {
				b.WriteString(endings[trial/3%3]) // one ending throughout
			} else {
				b.WriteString(endings[rng.IntN(3)])
			}
		}
		if rng.IntN(2) == 0 {
			b.WriteString("tail")
		}
		text := b.String()
		want := plainLines(text)
		for _, size := range []int{16, 17, 31, 64, 4096} {
			for _, oneByte := range []bool{false, true} {
				r := strings.NewReader(text)
				br := bufio.NewReaderSize(r, size)
				if oneByte {
					br = bufio.NewReaderSize(iotest.OneByteReader(r), size)
				}
				lr := &lineReader{br: br}
				var got []string
				for {
					line, long, ok := lr.next(false)
					if !ok {
						break
					}
					if long {
						t.Fatalf("%q: a short line read as long", text)
					}
					got = append(got, string(line))
				}
				if lr.err != nil {
					t.Fatal(lr.err)
				}
				if !slices.Equal(got, want) {
					t.Fatalf("%q, buffer %d, a byte at a time %v:\ngot  %q\nwant %q", text, size, oneByte, got, want)
				}
				if lr.line != len(want) {
					t.Errorf("%q: line %d after the last, want %d", text, lr.line, len(want))
				}
			}
		}
	}
}

// plainLines splits text into lines ended by LF, CRLF or CR alone, the last
// line only where it has text.
func plainLines(text string) []string {
	var lines []string
	start := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			lines, start = append(lines, text[start:i]), i+1
		case '\r':
			lines = append(lines, text[start:i])
			if i+1 < len(text) && text[i+1] == '\n' {
				i++
			}
			start = i + 1
		}
	}
	if start < len(text) {
		lines = append(lines, text[start:])
	}
	return lines
}

// TestIsText checks isText against its definition, UTF-8 without a NUL
// byte, on ASCII, on text with a letter of more than one byte at each end
// and inside, on a NUL before and after such a letter, and on bytes that are
// not UTF-8.
func TestIsText(t *testing.T) {
	for _, s := range []string{"", "k1", " 12 ", "é", "Zoë", "éa", "a\x00", "\x00é", "é\x00", "ab\xff", "\xe2\x82", "£1,000.00", "a\x00b", "😀x"} {
		want := utf8.ValidString(s) && !strings.Contains(s, "\x00")
		if got := isText(s); got != want {
			t.Errorf("isText(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestDateBeforeAfter checks Before and After, written out for speed,
// against Compare, on dates that differ in each field and some that are no
// dates at all.
func TestDateBeforeAfter(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 9))
	some := func() Date {
		return Date{Year: 2015 + rng.IntN(3) - 1, Month: time.Month(rng.IntN(14)), Day: rng.IntN(33) - 1}
	}
	for range 20000 {
		d, e := some(), some()
		if got, want := d.Before(e), d.Compare(e) < 0; got != want {
			t.Fatalf("%v.Before(%v) = %v, want %v", d, e, got, want)
		}
		if got, want := d.After(e), d.Compare(e) > 0; got != want {
			t.Fatalf("%v.After(%v) = %v, want %v", d, e, got, want)
		}
	}
}
