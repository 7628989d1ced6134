package engine

import (
	"bytes"
	"strconv"
	"testing"
)

// TestTextArenaKeepsStrings checks that a line's string is not changed by
// the lines after it, whether it is copied into a block (up to an eighth of
// a block) or made apart (longer), across several blocks, with the buffer
// the lines are read into written over each time as the line reader does.
func TestTextArenaKeepsStrings(t *testing.T) {
	var a textArena
	var buf []byte
	var got, want []string
	for i := range 5000 {
		n := i % 40
		switch i % 997 {
		case 0:
			n = textArenaSize / 8
		case 1:
			n = textArenaSize/8 + 1
		case 2:
			n = 0
		}
		buf = append(buf[:0], bytes.Repeat([]byte{byte('a' + i%26)}, n)...)
		buf = strconv.AppendInt(buf, int64(i), 10)
		want = append(want, string(buf))
		got = append(got, a.string(buf))
		for j := range buf {
			buf[j] = '#'
		}
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("line %d is %.20q…, want %.20q…", i, got[i], want[i])
		}
	}
}

// TestCaseSlabKeepsCases checks that cases made from one slab, more than a
// run of it, each keep their own values.
func TestCaseSlabKeepsCases(t *testing.T) {
	var s caseSlab
	var cases []Case
	for i := range 3 * caseSlabRows {
		c, err := Fields{ID: "c", Score: strconv.Itoa(i), Age: "12", CurrentCost: strconv.Itoa(i) + ".50"}.caseIn(s.take())
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, c)
	}
	for i, c := range cases {
		if *c.Score != i || *c.Age != 12 || c.CurrentCost.String() != strconv.Itoa(i)+".5" {
			t.Fatalf("case %d: score %d, age %d, cost %s", i, *c.Score, *c.Age, c.CurrentCost)
		}
	}
}
