package engine

import (
	"slices"
	"strings"
	"testing"
)

// TestFieldColumns checks that the columns a row's fields are read from by
// index are the cohort's columns, in order, and that a header in another
// order, with columns missing and one ignored, fills each field from its own
// column.
func TestFieldColumns(t *testing.T) {
	if !slices.Equal(fieldColumns[:], Columns) {
		t.Fatalf("fieldColumns = %v, want the cohort columns %v", fieldColumns, Columns)
	}
	in := "Allocation,notes, Score ,ID,date_of_birth\n12.50,x,  7 ,k1,2010-01-02\n"
	cr, err := NewCohortReader("t.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	row, err := cr.Next()
	if err != nil {
		t.Fatal(err)
	}
	want := Fields{ID: "k1", Score: "7", DateOfBirth: "2010-01-02", Allocation: "12.50"}
	if row.Fields != want {
		t.Errorf("fields = %+v, want %+v", row.Fields, want)
	}
}
