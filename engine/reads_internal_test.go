package engine

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// TestRatesReadThroughCell checks the rule stated on Policy.cell in the
// engine's source: the rates table (Policy.rates and Policy.annual) is read
// only by cell, by the decoder that fills it and by changedCells, which sets
// two tables side by side; and cell or price is given a nil result only by
// the lookups a policy answers outside any result.
func TestRatesReadThroughCell(t *testing.T) {
	readers := map[string]bool{"Policy.cell": true, "Policy.cellUnits": true, "Policy.setUnits": true, "Policy.changedCells": true, "Policy.Rate": true}
	noResult := map[string]bool{"Policy.Rate": true, "Policy.AnnualRate": true, "Policy.Allocation": true}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	checked := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			owner := funcName(fn)
			decoder := strings.HasPrefix(owner, "decoder.") // fills the table as it reads the policy file
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.IndexExpr:
					if sel, ok := n.X.(*ast.SelectorExpr); ok && (sel.Sel.Name == "rates" || sel.Sel.Name == "annual" || sel.Sel.Name == "annualUnits") {
						checked++
						if !readers[owner] && !decoder {
							t.Errorf("%s: %s reads the rates table directly: read it through Policy.cell, which marks the cells a result read", fset.Position(n.Pos()), owner)
						}
					}
				case *ast.CallExpr:
					sel, ok := n.Fun.(*ast.SelectorExpr)
					if !ok || (sel.Sel.Name != "cell" && sel.Sel.Name != "price") || len(n.Args) == 0 {
						return true
					}
					if id, ok := n.Args[0].(*ast.Ident); ok && id.Name == "nil" && !noResult[owner] {
						t.Errorf("%s: %s reads a cell for no result: pass the result the cell is read for", fset.Position(n.Pos()), owner)
					}
				}
				return true
			})
		}
	}
	if checked == 0 {
		t.Fatal("found no lookup of the rates table: has it been renamed? Then rename it here too")
	}
}

// funcName is Type.Method or the function's name.
func funcName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	typ := fn.Recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	if id, ok := typ.(*ast.Ident); ok {
		return id.Name + "." + fn.Name.Name
	}
	return fn.Name.Name
}

// TestReadsCoverResult checks the rule on Policy.cell by its effect: for
// many cases, changing any cell of the rates table that a result did not
// mark as read leaves the result exactly as it was, explanation included,
// and leaves it as HeldCohort.Comparer would keep it.
func TestReadsCoverResult(t *testing.T) {
	text, err := os.ReadFile("../policies/trafford-2013.yaml")
	if err != nil {
		t.Fatal(err)
	}
	variants := map[string][]Change{
		"trafford-2013":          nil,
		"exclusive window of 20": {{Path: "moderation.window", Value: "20"}, {Path: "moderation.inclusive", Value: "false"}},
	}
	seed := uint64(2013)
	rnd := func(n int) int {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int((seed >> 33) % uint64(n))
	}
	for name, changes := range variants {
		data, err := ApplyChanges(text, changes)
		if err != nil {
			t.Fatal(err)
		}
		p, err := ParsePolicy(name+".yaml", data)
		if err != nil {
			t.Fatal(err)
		}
		unread, read, changed := 0, 0, 0
		for range 400 {
			c := randomCase(rnd)
			for _, explain := range []bool{true, false} {
				r, err := evaluate(p, c, explain)
				want := outcome(r, err)
				for ai := range p.rates {
					for si := range p.rates[ai] {
						q := withCell(p, ai, si)
						got := outcome(evaluate(q, c, explain))
						switch {
						case r == nil || r.reads&p.cellBit(ai, si) == 0:
							unread++
							if got != want {
								t.Fatalf("%s: case %+v: cell %s/%s is not marked read but changing it changes the result:\n%s\nto\n%s",
									name, c, p.Age.Bands[ai].ID, p.Scores.Bands[si].ID, want, got)
							}
						default:
							read++
							if got != want {
								changed++
							}
						}
					}
				}
			}
		}
		// The test is worth something only if results do read cells and
		// changing those changes results.
		if read == 0 || changed == 0 || unread == 0 {
			t.Errorf("%s: %d unread cells changed, %d read, %d of which changed the result", name, unread, read, changed)
		}
	}
}

// withCell is p with the cell of age band ai and score band si changed.
func withCell(p *Policy, ai, si int) *Policy {
	q := *p
	q.rates = make([][]Money, len(p.rates))
	q.annual = make([][]Money, len(p.annual))
	for i := range p.rates {
		q.rates[i] = append([]Money(nil), p.rates[i]...)
		q.annual[i] = append([]Money(nil), p.annual[i]...)
	}
	switch p.Scores.Bands[si].Basis {
	case BasisPerPoint:
		q.rates[ai][si] = p.rates[ai][si].Add(decimal.RequireFromString("0.0137"))
		q.annual[ai][si] = q.rates[ai][si].Mul(decimalInt(p.Prices.WeeksPerYear))
	default:
		q.rates[ai][si] = p.rates[ai][si].Add(decimal.RequireFromString("123.45"))
		q.annual[ai][si] = q.rates[ai][si]
	}
	return &q
}

// outcome is a result as its JSON, with the figures its methods give, or
// its error.
func outcome(r *Result, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	b, err := json.Marshal(r)
	if err != nil {
		return "cannot marshal: " + err.Error()
	}
	return string(b) + " weekly " + r.Weekly().String() + " below " + r.Below().Annual.String() + " above " + r.Above().Annual.String()
}

// randomCase is a case of the kinds a cohort holds: scores across every
// band and near every step, ages or dates of birth, current costs in every
// transition group, some with the contingency, a told allocation or a
// reassessment.
func randomCase(rnd func(int) int) Case {
	var c Case
	if rnd(20) > 0 {
		score := rnd(340)
		if rnd(3) == 0 {
			score = []int{100, 150, 200, 260}[rnd(4)] + rnd(41) - 20
		}
		c.Score = &score
	}
	c.AssessedOn = MustDate(2013, time.Month(1+rnd(12)), 1+rnd(28))
	if rnd(10) == 0 {
		c.AssessedOn = Date{}
	}
	if rnd(4) == 0 {
		age := rnd(20)
		c.Age = &age
	} else {
		c.DateOfBirth = MustDate(1995+rnd(18), time.Month(1+rnd(12)), 1+rnd(28))
	}
	if rnd(4) > 0 {
		cost := decimal.New(int64(rnd(3_000_000)), -2)
		c.CurrentCost = &cost
		c.IncludesContingency = rnd(10) == 0
	}
	if rnd(10) == 0 {
		given := decimal.New(int64(rnd(2_000_000)), -2)
		c.Allocation = &given
	}
	if rnd(6) == 0 {
		c.Reassessment = &Reassessment{On: MustDate(2014+rnd(3), time.Month(1+rnd(12)), 1+rnd(28)), Score: rnd(340)}
	}
	return c
}
