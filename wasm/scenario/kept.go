package scenario

import (
	"strconv"
	"strings"

	"github.com/openras/openras/engine"
	"github.com/openras/openras/wasm/link"
)

// Two scenarios side by side: a scenario kept as the baseline, named, is
// what the next is compared with, for one child and for the cohort. It is
// held in the tab, in the link (its changes from the published policy as b
// parts, its name as bn: a link without them opens as it always did) and in
// the download (as lines of the opening comment).

// DefaultKeptName is the name a kept scenario has when none is given.
const DefaultKeptName = "Scenario A"

// MaxKeptName is the most characters a kept scenario's name may hold.
const MaxKeptName = 60

// Kept is a scenario kept as the baseline of the next.
type Kept struct {
	Name    string
	Changes []engine.Change // from the published policy, notes and all
	Values  engine.Values
	Policy  *engine.Policy
}

// Kept is the scenario kept as the baseline, or nil.
func (s *Scenario) Kept() *Kept { return s.kept }

// Keep keeps the scenario as it stands as the baseline the next is
// compared with, under name (DefaultKeptName if empty). A scenario with a
// mistake cannot be kept.
func (s *Scenario) Keep(name string) error {
	if s.Policy == nil || len(s.Errs) > 0 {
		return &engine.Error{Kind: engine.KindInvalid, Msg: "The scenario has a mistake: put it right before keeping it"}
	}
	name = strings.TrimSpace(cut(name, MaxKeptName))
	if name == "" {
		name = DefaultKeptName
	}
	s.kept = &Kept{Name: name, Changes: append([]engine.Change(nil), s.Changes...), Values: s.Values, Policy: s.Compared()}
	s.update()
	return nil
}

// DropKept lets the kept baseline go: the published policy is the baseline
// again.
func (s *Scenario) DropKept() {
	s.kept = nil
	s.update()
}

// From is the policy the scenario is compared with: the kept scenario, or
// the published policy.
func (s *Scenario) From() *engine.Policy {
	if s.kept != nil {
		return s.kept.Policy
	}
	return s.Baseline
}

// FromName names the policy the scenario is compared with: the kept
// scenario's name, or "Published".
func (s *Scenario) FromName() string {
	if s.kept != nil {
		return s.kept.Name
	}
	return "Published"
}

// FromChanges are what the scenario changes from the policy it is compared
// with.
func (s *Scenario) FromChanges() []engine.Change {
	if s.kept == nil || s.Policy == nil {
		return s.Changes
	}
	out, err := s.kept.Values.Diff(s.Values)
	if err != nil {
		return s.Changes
	}
	return out
}

// Sentence says in plain words what the scenario changes from the policy it
// is compared with and, where a cohort was compared, what it does to it.
func (s *Scenario) Sentence(cmp *engine.Comparison) string {
	from := s.From()
	if from == nil {
		return ""
	}
	return engine.Describe(from, s.FromChanges(), cmp)
}

// readKept reads a kept scenario from a link's parts: its name and its
// changes from the published policy. A baseline that does not read is left
// out, and the link says so.
func (s *Scenario) readKept(name string, changes []string) *link.Problem {
	if len(changes) == 0 && name == "" {
		return nil
	}
	var cs []engine.Change
	for _, c := range changes {
		path, value, _ := strings.Cut(c, "=")
		cs = append(cs, engine.Change{Path: path, Value: value})
	}
	return s.keepChanges(name, cs)
}

// keepChanges keeps the published policy with changes as the baseline.
func (s *Scenario) keepChanges(name string, cs []engine.Change) *link.Problem {
	s.kept = nil
	name = strings.TrimSpace(cut(name, MaxKeptName))
	if name == "" {
		name = DefaultKeptName
	}
	if s.Baseline == nil {
		return nil
	}
	_, vals := baseValues(s.base)
	with, err := vals.With(cs)
	var p *engine.Policy
	if err == nil && len(cs) == 0 {
		p = s.Baseline
	} else if err == nil {
		p, err = with.Policy("")
	}
	if err != nil {
		return &link.Problem{Part: "b", Msg: "The link's baseline " + strconv.Quote(name) + " has a mistake, so it was left out: " + err.Error()}
	}
	diff, err := vals.Diff(with)
	if err != nil {
		diff = cs
	}
	s.kept = &Kept{Name: name, Changes: diff, Values: with, Policy: p}
	return nil
}

// keptLink adds the kept scenario to a link.
func (k *Kept) link(q interface{ Add(k, v string) }) {
	if k == nil {
		return
	}
	q.Add("bn", k.Name)
	for _, c := range k.Changes {
		q.Add("b", c.Path+"="+c.Value)
	}
}

// How the download names the kept baseline: a line for its name, and one
// for each of its changes, path and value quoted.
const (
	keptHead   = "# Compared with the baseline kept as "
	keptChange = "# Baseline change: "
)

// keptComment is the kept scenario as lines of the download's opening.
func (k *Kept) comment() string {
	if k == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString(keptHead + strconv.Quote(k.Name) + "\n")
	for _, c := range k.Changes {
		b.WriteString(keptChange + strconv.Quote(c.Path) + " " + strconv.Quote(c.Value) + "\n")
	}
	return b.String()
}

// readKeptComment reads the kept scenario from a download's opening, if it
// names one.
func readKeptComment(text string) (name string, changes []engine.Change, ok bool) {
	if !strings.HasPrefix(text, downloadHead) {
		return "", nil, false
	}
	for line := range strings.Lines(text) {
		line = strings.TrimRight(line, "\r\n")
		switch {
		case !strings.HasPrefix(line, "#"):
			return name, changes, ok
		case strings.HasPrefix(line, keptHead):
			if n, err := strconv.Unquote(line[len(keptHead):]); err == nil {
				name, ok = n, true
			}
		case strings.HasPrefix(line, keptChange) && ok:
			rest := line[len(keptChange):]
			q, err := strconv.QuotedPrefix(rest)
			if err != nil {
				continue
			}
			path, _ := strconv.Unquote(q)
			value, err := strconv.Unquote(strings.TrimPrefix(rest[len(q):], " "))
			if err == nil {
				changes = append(changes, engine.Change{Path: path, Value: value})
			}
		}
	}
	return name, changes, ok
}
