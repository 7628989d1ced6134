package engine_test

import (
	"errors"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// TestEveryErrorLiteralHasAKind reads the engine's source: every Error it
// writes out names its Kind, so that a new message cannot be added without
// one. (The decoder's fail and the case parser's bad take the kind as an
// argument, so their calls are checked by the compiler.)
func TestEveryErrorLiteralHasAKind(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		check := func(lit *ast.CompositeLit) {
			for _, el := range lit.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Kind" {
						return
					}
				}
			}
			t.Errorf("%s: an Error without a Kind", fset.Position(lit.Pos()))
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok {
				return true
			}
			switch typ, _ := lit.Type.(*ast.Ident); {
			case typ == nil:
			case typ.Name == "Error":
				check(lit)
			case typ.Name == "Errors":
				for _, el := range lit.Elts {
					if inner, ok := el.(*ast.CompositeLit); ok {
						check(inner)
					}
				}
			}
			return true
		})
	}
}

// TestErrorKinds gives the engine a mistake of each kind a person makes in a
// form, a cohort file or a scenario, and checks the kind it names.
func TestErrorKinds(t *testing.T) {
	trafford := loadShipped(t, "trafford-2013")
	fields := func(set func(*engine.Fields)) func() error {
		return func() error {
			f := engine.Fields{Score: "180", Age: "12"}
			set(&f)
			c, err := f.Case()
			if err != nil {
				return err
			}
			_, err = engine.Evaluate(trafford, c)
			return err
		}
	}
	cohort := func(text string) func() error {
		return func() error {
			cr, err := engine.NewCohortReader("cohort.csv", strings.NewReader(text))
			if err != nil {
				return err
			}
			for {
				row, err := cr.Next()
				if err == io.EOF {
					return nil
				}
				if err != nil {
					return err
				}
				if row.Err != nil {
					return row.Err
				}
			}
		}
	}
	change := func(path, value string) func() error {
		return func() error {
			_, err := engine.ApplyChanges([]byte(shippedText(t, "trafford-2013")), []engine.Change{{Path: path, Value: value}})
			return err
		}
	}
	tests := []struct {
		name  string
		err   func() error
		field string
		want  engine.ErrorKind
	}{
		{"score missing", fields(func(f *engine.Fields) { f.Score = "" }), engine.FieldScore, engine.KindMissing},
		{"score negative", fields(func(f *engine.Fields) { f.Score = "-5" }), engine.FieldScore, engine.KindNegative},
		{"score a fraction", fields(func(f *engine.Fields) { f.Score = "12.5" }), engine.FieldScore, engine.KindNotWhole},
		{"score a word", fields(func(f *engine.Fields) { f.Score = "lots" }), engine.FieldScore, engine.KindNotNumber},
		{"score too large", fields(func(f *engine.Fields) { f.Score = "999999999" }), engine.FieldScore, engine.KindTooLarge},
		{"text too long", fields(func(f *engine.Fields) { f.Score = strings.Repeat("1", 300) }), engine.FieldScore, engine.KindTooLong},
		{"not text", fields(func(f *engine.Fields) { f.Score = "\xff" }), engine.FieldScore, engine.KindNotText},
		{"age missing", fields(func(f *engine.Fields) { f.Age = "" }), engine.FieldAge, engine.KindMissing},
		{"age negative", fields(func(f *engine.Fields) { f.Age = "-1" }), engine.FieldAge, engine.KindNegative},
		{"age 200", fields(func(f *engine.Fields) { f.Age = "200" }), engine.FieldAge, engine.KindTooLarge},
		{"age 18", fields(func(f *engine.Fields) { f.Age = "18" }), engine.FieldAge, engine.KindOutOfScope},
		{"born 18 years before", fields(func(f *engine.Fields) { f.Age, f.DateOfBirth = "", "1995-04-01" }), engine.FieldDateOfBirth, engine.KindOutOfScope},
		// Born 20 August 2000, the child is 12 on the default date of
		// assessment, 1 April 2013: 13 does not match.
		{"age does not match", fields(func(f *engine.Fields) { f.Age, f.DateOfBirth = "13", "2000-08-20" }), engine.FieldAge, engine.KindMismatch},
		{"born after the assessment", fields(func(f *engine.Fields) { f.Age, f.DateOfBirth = "", "2014-01-01" }), engine.FieldDateOfBirth, engine.KindAfterAssessment},
		{"date not written as one", fields(func(f *engine.Fields) { f.Age, f.DateOfBirth = "", "20/08/2000" }), engine.FieldDateOfBirth, engine.KindNotDate},
		{"31 April", fields(func(f *engine.Fields) { f.Age, f.DateOfBirth = "", "2005-04-31" }), engine.FieldDateOfBirth, engine.KindNoSuchDate},
		{"assessed on 30 February", fields(func(f *engine.Fields) { f.AssessedOn = "2013-02-30" }), engine.FieldAssessedOn, engine.KindNoSuchDate},
		{"cost negative", fields(func(f *engine.Fields) { f.CurrentCost = "-1" }), engine.FieldCurrentCost, engine.KindNegative},
		{"cost in tenths of a penny", fields(func(f *engine.Fields) { f.CurrentCost = "1.234" }), engine.FieldCurrentCost, engine.KindTooManyPlaces},
		{"cost too large", fields(func(f *engine.Fields) { f.CurrentCost = "9999999999999" }), engine.FieldCurrentCost, engine.KindTooLarge},
		{"cost a word", fields(func(f *engine.Fields) { f.CurrentCost = "lots" }), engine.FieldCurrentCost, engine.KindNotNumber},
		{"contingency a word", fields(func(f *engine.Fields) { f.CurrentCost, f.IncludesContingency = "1", "maybe" }), engine.FieldIncludesContingency, engine.KindInvalid},
		{"contingency without a cost", fields(func(f *engine.Fields) { f.IncludesContingency = "yes" }), engine.FieldIncludesContingency, engine.KindNeeds},
		{"new score without its date", fields(func(f *engine.Fields) { f.NewScore = "200" }), engine.FieldReassessedOn, engine.KindMissing},
		{"reassessed before the plan", fields(func(f *engine.Fields) { f.CurrentCost, f.ReassessedOn, f.NewScore = "1", "2013-01-01", "200" }), engine.FieldReassessedOn, engine.KindNotAfterAssessment},
		{"reassessed without a cost", fields(func(f *engine.Fields) { f.ReassessedOn, f.NewScore = "2013-06-01", "200" }), engine.FieldCurrentCost, engine.KindMissing},

		{"empty cohort", cohort(""), "", engine.KindEmpty},
		{"spreadsheet", cohort("PK\x03\x04rest"), "", engine.KindNotFile},
		{"column twice", cohort("id,score,score,age\n"), "", engine.KindDuplicate},
		{"column missing", cohort("id,age\n"), "", engine.KindMissing},
		{"header alone", cohort("id,score,age\n"), "", engine.KindEmpty},
		{"row with a field too many", cohort("id,score,age\na,180,12,9\n"), "", engine.KindBadRow},
		{"row with a stray quote", cohort("id,score,age\na,\"180,12\n"), "", engine.KindBadRow},
		{"row without an id", cohort("id,score,age\n,180,12\n"), engine.FieldID, engine.KindMissing},
		{"id twice", cohort("id,score,age\na,180,12\na,181,12\n"), engine.FieldID, engine.KindDuplicate},
		{"line too long", cohort("id,score,age\n" + strings.Repeat("x", 2<<20) + "\n"), "", engine.KindTooBig},

		{"not a key path", change("moderation..window", "1"), "moderation..window", engine.KindSyntax},
		{"no such key", change("moderation.nothing.window", "1"), "moderation.nothing.window", engine.KindUnknownKey},
		{"no such item", change("moderation.steps.9", "1"), "moderation.steps.9", engine.KindUnknownKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.err()
			if err == nil {
				t.Fatal("no error")
			}
			var es engine.Errors
			var e *engine.Error
			switch {
			case errors.As(err, &es):
				e = es.Field(tt.field)
			case errors.As(err, &e):
				if e.Field != tt.field {
					e = nil
				}
			default:
				t.Fatalf("error %T (%v) is not an engine error", err, err)
			}
			if e == nil {
				t.Fatalf("no error about %q: %v", tt.field, err)
			}
			if e.Kind != tt.want {
				t.Errorf("kind %v, want %v: %v", e.Kind, tt.want, e)
			}
			if engine.KindOf(err) == 0 {
				t.Errorf("KindOf(%v) is zero", err)
			}
		})
	}
}

// TestPolicyErrorKinds checks the kinds of a policy file's mistakes, each
// made by one edit of a shipped policy.
func TestPolicyErrorKinds(t *testing.T) {
	tests := []struct {
		name, old, new, field string
		want                  engine.ErrorKind
	}{
		{"unknown key", "  window: 10\n", "  window: 10\n  windows: 10\n", "moderation.windows", engine.KindUnknownKey},
		{"key twice", "  window: 10\n", "  window: 10\n  window: 11\n", "moderation.window", engine.KindDuplicate},
		{"not a whole number", "  window: 10\n", "  window: ten\n", "moderation.window", engine.KindNotWhole},
		{"out of range", "  weeks_per_year: 52\n", "  weeks_per_year: 60\n", "prices.weeks_per_year", engine.KindOutOfRange},
		{"steps out of order", "[100, 150, 200, 260]", "[100, 200, 150, 260]", "moderation.steps.3", engine.KindOrder},
		{"negative rate", `200-259: "0.75"`, `200-259: "-0.75"`, "rates.10-13.200-259", engine.KindNegative},
		{"rate in too many places", `200-259: "0.75"`, `200-259: "0.75001"`, "rates.10-13.200-259", engine.KindTooManyPlaces},
		{"rate not a number", `200-259: "0.75"`, `200-259: "0.7x"`, "rates.10-13.200-259", engine.KindNotNumber},
		{"bands overlap", "      from: 150\n", "      from: 140\n", "scores.bands.3.from", engine.KindOverlap},
		{"bands leave a gap", "      from: 150\n", "      from: 160\n", "scores.bands.3.from", engine.KindGap},
		{"a mapping where a list is wanted", "  steps: [100, 150, 200, 260]\n", "  steps: {a: 1}\n", "moderation.steps", engine.KindShape},
		{"rounding places missing", "  places: 2\n", "", "rounding", engine.KindMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := policyErrors(t, replaceOnce(t, shippedText(t, "trafford-2013"), tt.old, tt.new))
			e := es.Field(tt.field)
			if e == nil {
				t.Fatalf("no error about %q: %v", tt.field, es)
			}
			if e.Kind != tt.want {
				t.Errorf("kind %v, want %v: %v", e.Kind, tt.want, e)
			}
		})
	}
	if _, err := engine.ParsePolicy("p.yaml", []byte("id: [")); engine.KindOf(err) != engine.KindSyntax {
		t.Errorf("YAML that does not parse: kind %v, want syntax (%v)", engine.KindOf(err), err)
	}
	if _, err := engine.ParsePolicy("p.yaml", make([]byte, engine.MaxPolicyBytes+1)); engine.KindOf(err) != engine.KindTooBig {
		t.Errorf("a file too big: kind %v, want too-big (%v)", engine.KindOf(err), err)
	}
}

func TestErrorForms(t *testing.T) {
	row := &engine.Error{File: "cohort.csv", Line: 212, Field: "date_of_birth", Value: "2013-02-30",
		Kind: engine.KindNoSuchDate, Msg: "is not a date: February 2013 has no day 30"}
	file := &engine.Error{File: "cohort.xlsx", Kind: engine.KindNotFile, Msg: "is a spreadsheet"}
	pasted := &engine.Error{Line: 14, Field: "rates.10-13", Value: "0.7x", Kind: engine.KindNotNumber, Msg: "is not an amount"}
	for _, tt := range []struct{ got, want string }{
		{row.Error(), `cohort.csv:212: date_of_birth: "2013-02-30" is not a date: February 2013 has no day 30`},
		{row.Sentence(), `cohort.csv, line 212: date_of_birth: "2013-02-30" is not a date: February 2013 has no day 30`},
		{row.InRow(), `date_of_birth: "2013-02-30" is not a date: February 2013 has no day 30`},
		{row.Message(), `"2013-02-30" is not a date: February 2013 has no day 30`},
		{file.Error(), `cohort.xlsx: is a spreadsheet`},
		{file.Sentence(), `cohort.xlsx is a spreadsheet`},
		{pasted.Error(), `line 14: rates.10-13: "0.7x" is not an amount`},
		{pasted.Sentence(), `line 14: rates.10-13: "0.7x" is not an amount`},
		{engine.Errors{row, pasted}.InRow(), `date_of_birth: "2013-02-30" is not a date: February 2013 has no day 30; rates.10-13: "0.7x" is not an amount`},
		{engine.Errors{row, pasted}.Messages(), `"2013-02-30" is not a date: February 2013 has no day 30; "0.7x" is not an amount`},
		{engine.KindNoSuchDate.String(), "no-such-date"},
	} {
		if tt.got != tt.want {
			t.Errorf("got  %s\nwant %s", tt.got, tt.want)
		}
	}
	if got := (engine.Errors{row}).JSON(); len(got) != 1 || got[0] != (engine.JSONError{Field: "date_of_birth", Value: "2013-02-30", Message: row.Message()}) {
		t.Errorf("JSON = %+v", got)
	}
	if got := engine.Errors(nil).JSON(); got != nil {
		t.Errorf("JSON of no errors = %+v, want nil", got)
	}
}

// A date field's message gives an example the field accepts: a date of
// birth written 20/08/2014 is told to write it like 2010-08-20, which, put
// in its place, gives a result under each policy's default date.
func TestDateExampleIsAccepted(t *testing.T) {
	for _, id := range []string{"trafford-2013", "rotherham-2017"} {
		p, err := policies.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		for _, field := range []string{engine.FieldDateOfBirth, engine.FieldAssessedOn} {
			f := engine.Fields{Score: "212", Allocation: "4000", DateOfBirth: "2010-08-20"}
			if !p.Prices.Published {
				f.Score = ""
			} else {
				f.Allocation = ""
			}
			*fieldOf(&f, field) = "20/08/2014"
			_, err := f.Case()
			e := engine.Errors(nil)
			if !errors.As(err, &e) || e.Field(field) == nil {
				t.Fatalf("%s %s: no error for 20/08/2014: %v", id, field, err)
			}
			msg := e.Field(field).Msg
			i := strings.Index(msg, "like ")
			if i < 0 {
				t.Fatalf("%s %s: no example in %q", id, field, msg)
			}
			*fieldOf(&f, field) = msg[i+len("like "):]
			c, err := f.Case()
			if err == nil {
				_, err = engine.Evaluate(p, c)
			}
			if err != nil {
				t.Errorf("%s %s: the example of %q is refused: %v", id, field, msg, err)
			}
		}
	}
}

func fieldOf(f *engine.Fields, name string) *string {
	if name == engine.FieldDateOfBirth {
		return &f.DateOfBirth
	}
	return &f.AssessedOn
}
