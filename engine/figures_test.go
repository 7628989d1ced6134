package engine_test

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// TestEvaluateFigures checks that the calculator's first answer is the answer
// it explains a moment later: for every worked case, EvaluateFigures gives
// Evaluate's result, figure for figure, with no explanation, and the same
// errors where the case has them.
func TestEvaluateFigures(t *testing.T) {
	cases, err := readCases(casesDir)
	if err != nil {
		t.Fatal(err)
	}
	loaded := map[string]*engine.Policy{}
	explained := 0
	for _, wc := range cases {
		if wc.Skip != "" {
			continue
		}
		t.Run(filepath.Base(wc.File)+"/"+wc.Name, func(t *testing.T) {
			p := loaded[wc.Policy]
			if p == nil {
				if p, err = policies.Load(wc.Policy); err != nil {
					t.Fatal(err)
				}
				loaded[wc.Policy] = p
			}
			c, err := wc.Input.fields().Case()
			if err != nil {
				return // a case the form refuses is not evaluated at all
			}
			full, fullErr := engine.Evaluate(p, c)
			figures, figuresErr := engine.EvaluateFigures(p, c)
			if fullErr != nil || figuresErr != nil {
				var a, b engine.Errors
				if !errors.As(fullErr, &a) || !errors.As(figuresErr, &b) || !reflect.DeepEqual(a, b) {
					t.Fatalf("errors differ:\nEvaluate:        %v\nEvaluateFigures: %v", fullErr, figuresErr)
				}
				return
			}
			if len(figures.Explanation) != 0 {
				t.Errorf("EvaluateFigures explained the result in %d steps", len(figures.Explanation))
			}
			if len(full.Explanation) > 0 {
				explained++
			}
			unexplained := *full
			unexplained.Explanation = nil
			want, _ := json.Marshal(&unexplained)
			got, _ := json.Marshal(figures)
			if string(got) != string(want) {
				t.Errorf("results differ:\nEvaluate, unexplained: %s\nEvaluateFigures:       %s", want, got)
			}
		})
	}
	if explained == 0 {
		t.Fatal("no case was explained: the comparison compared nothing")
	}
}
