package scenario

import (
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
)

// Param is one value of a policy a councillor can change through the form.
type Param struct {
	Path    string
	Label   string
	Group   string
	List    bool     // a list, typed with commas
	Choices []string // the values of a choice
}

// Params lists the values of a policy the form offers to change: the rates
// cell by cell, the eligibility threshold, moderation, the transition groups'
// edges, fractions and stage timing, the notice period and the rounding.
func Params(p *engine.Policy) []Param {
	if p == nil {
		return nil
	}
	var ps []Param
	if p.Prices.Published && p.Scores != nil {
		for _, a := range p.Age.Bands {
			for _, b := range p.Scores.Bands {
				if b.Basis != engine.BasisNone {
					ps = append(ps, RateParam(a, b))
				}
			}
		}
		ps = append(ps, Param{Path: "scores.eligibility_threshold", Label: "Eligibility threshold (points)", Group: "Eligibility and moderation"})
	}
	if p.Moderation != nil {
		ps = append(ps,
			Param{Path: "moderation.window", Label: "Moderation window (points either side of a step)", Group: "Eligibility and moderation"},
			Param{Path: "moderation.inclusive", Label: "A score exactly that far from a step is moderated", Group: "Eligibility and moderation", Choices: []string{"true", "false"}},
			Param{Path: "moderation.steps", Label: "Steps (scores)", Group: "Eligibility and moderation", List: true},
		)
	}
	for i, g := range p.Transition.Groups {
		n := strconv.Itoa(i + 1)
		group := "Transition group " + g.ID
		if i > 0 {
			ps = append(ps, Param{Path: "transition.groups." + n + ".decrease_from", Label: "Decreases from (£ a year)", Group: group})
		}
		if i < len(p.Transition.Groups)-1 {
			ps = append(ps, Param{Path: "transition.groups." + n + ".decrease_to", Label: "Decreases up to (£ a year)", Group: group})
		}
		if g.Effect == engine.EffectStaged {
			ps = append(ps, Param{Path: "transition.groups." + n + ".fractions", Label: "Fractions of the difference, a stage each", Group: group, List: true})
			if g.StageDates != nil {
				ps = append(ps, Param{Path: "transition.groups." + n + ".stage_dates", Label: "Stage dates (year-month-day)", Group: group, List: true})
			} else {
				ps = append(ps, Param{Path: "transition.groups." + n + ".stage_months_after_plan", Label: "Stages, in months after the plan date", Group: group, List: true})
			}
		}
	}
	if p.Notice != nil {
		ps = append(ps, Param{Path: "notice.months", Label: "Notice before a reduction (months)", Group: "Notice and rounding"})
	}
	ps = append(ps,
		Param{Path: "rounding.places", Label: "Decimal places of amounts", Group: "Notice and rounding", Choices: []string{"0", "1", "2"}},
		Param{Path: "rounding.mode", Label: "Rounding", Group: "Notice and rounding", Choices: []string{"half-away-from-zero", "half-even", "down", "up"}},
	)
	return ps
}

// RateParam is the cell of the rates table of age band a and score band b.
func RateParam(a engine.AgeBand, b engine.ScoreBand) Param {
	return Param{Path: "rates." + a.ID + "." + b.ID, Label: a.Label + ", " + b.Label, Group: "Rates"}
}

// TypedOf is how a YAML value reads in a form field: a list with commas.
func TypedOf(value string) string {
	if v, ok := plainTyped(value); ok {
		return v
	}
	return typedFromYAML(value)
}

// typedFromYAML is TypedOf read as YAML.
func typedFromYAML(value string) string {
	v, list, ok := engine.ValueAt([]byte("v: "+value), "v")
	switch {
	case !ok:
		return value
	case list != nil:
		return strings.Join(list, ", ")
	}
	return v
}

// plainTyped is TypedOf, without reading YAML, for the values a scenario
// mostly holds: a number written plainly (260, -3, 1.10), or a text in
// double quotes with no escape in it ("1.10"), as yamlOf writes a typed
// value. A page shows many of them as it draws a frame (the fitted rates,
// before and after, and the changes): read as YAML, each took a parser's
// start. TestPlainTypedTwin compares the two.
func plainTyped(value string) (string, bool) {
	if plainNumber(value) {
		return value, true
	}
	if len(value) < 2 || value[0] != '"' || value[len(value)-1] != '"' {
		return "", false
	}
	inner := value[1 : len(value)-1]
	for i := 0; i < len(inner); i++ {
		if c := inner[i]; c == '"' || c == '\\' || c < 0x20 || c >= 0x7f {
			return "", false
		}
	}
	return inner, true
}

// plainNumber reports whether s is digits, with a leading minus and one
// point between digits allowed.
func plainNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, point := strings.Cut(s, ".")
	return digits(whole) && (!point || digits(frac))
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// yamlOf is a typed value as YAML: quoted, so that it reaches the policy
// reader as typed, mistakes included.
func yamlOf(p Param, typed string) string {
	if !p.List {
		return strconv.Quote(strings.TrimSpace(typed))
	}
	var items []string
	for _, it := range strings.Split(typed, ",") {
		items = append(items, strconv.Quote(strings.TrimSpace(it)))
	}
	return "[" + strings.Join(items, ", ") + "]"
}

func baseValue(vals engine.Values, p Param) (string, bool) {
	v, list, ok := vals.At(p.Path)
	if list != nil {
		return strings.Join(list, ", "), ok
	}
	return v, ok
}

// baseValues is a shipped policy's file, and its values read once: the
// form compares every field with them at every keystroke.
func baseValues(id string) ([]byte, engine.Values) {
	f := readShipped(id)
	if f == nil {
		return nil, engine.Values{} // not a shipped policy: no baseline
	}
	return f.text, f.vals
}

// Shipped is the shipped policy id, read when first asked for and then
// kept: its file is read as YAML once, for the policy and for the values
// the scenario page compares with it (baseValues). A policy that does not
// load is the error policies.Load gives.
func Shipped(id string) (*engine.Policy, error) {
	f := readShipped(id)
	if f == nil {
		_, err := policies.Text(id) // says which policies there are
		return nil, err
	}
	return f.policy, f.err
}

// applied is engine.ApplyChanges on a file already read as vals: the
// changes made and the file written, without reading it again.
func applied(vals engine.Values, changes []engine.Change) ([]byte, error) {
	vs, err := vals.With(changes)
	if err != nil {
		return nil, err
	}
	return vs.Text()
}

// shippedFile is a shipped policy's file with its values and the policy
// they make, or the error that stops it loading.
type shippedFile struct {
	text   []byte
	vals   engine.Values
	policy *engine.Policy
	err    error
}

var shippedRead = struct {
	sync.Mutex
	byID map[string]*shippedFile
}{byID: map[string]*shippedFile{}}

// readShipped reads the shipped policy file id once; nil for an id that is
// not a shipped policy, which is not kept (a link may name any id).
func readShipped(id string) *shippedFile {
	shippedRead.Lock()
	defer shippedRead.Unlock()
	if f, ok := shippedRead.byID[id]; ok {
		return f
	}
	text, err := policies.Text(id)
	if err != nil {
		return nil
	}
	// Read from the tree of nodes read when the program was built, as
	// policies.Load reads it: the calculator's program links no YAML parser.
	f := &shippedFile{text: text}
	tree, err := policies.Nodes(id)
	if err == nil {
		f.vals, err = engine.ValuesFromNodes(tree)
	}
	if err == nil {
		f.policy, err = f.vals.Policy(path.Join("policies", id+".yaml"))
	}
	if err != nil || f.policy.ID != id {
		// A file that does not load (never a shipped one, which the tests
		// load): its error as policies.Load words it, file name and all.
		f.policy, f.err = policies.Load(id)
	}
	shippedRead.byID[id] = f
	return f
}

// pastedFile is a policy file pasted or loaded, read once.
type pastedFile struct {
	text   string
	vals   engine.Values
	err    error          // the file is not YAML
	policy *engine.Policy // the file as a policy; nil while it has mistakes
}

func readPasted(text string) pastedFile { return readPastedPaced(text, nil) }

// readPastedPaced is readPasted, calling pause as engine.ParseValuesPaced
// does while the text is read.
func readPastedPaced(text string, pause func()) pastedFile {
	r := pastedFile{text: text}
	if len(text) > engine.MaxPolicyBytes {
		_, r.err = engine.ParsePolicy("", []byte(text)) // says how large a file may be
		return r
	}
	r.vals, r.err = engine.ParseValuesPaced([]byte(text), pause)
	if r.err == nil && !strings.ContainsRune(text, 0) {
		// Its mistakes are the scenario's, found when it is read with the
		// form's values: here only a policy without mistakes is kept. The
		// values just read make it, as ParsePolicy would from the text
		// (which also refuses a text with a NUL in it), without reading
		// the YAML again.
		r.policy, _ = r.vals.Policy("")
	}
	return r
}
