package engine

// Notes and Decisions: what a family should know of the report, and the
// choices taken where it is silent, with their decoders.

import (
	"fmt"
)

// Note is a statement of the report a family should know, with its section.
type Note struct {
	Text   string
	Source string
	// NextStep marks a note that says what a family can do about a decision:
	// ask for it to be looked at again, challenge it, or rely on a duty.
	NextStep bool
}

// Decision is a choice taken where the report is silent or ambiguous, in its
// own words, with the key paths of the policy file whose values carry it.
type Decision struct {
	ID      string
	Wording string
	Governs []string // key paths, like moderation.inclusive; * for any one key
}

func (d *decoder) decisions(n *Node, p *Policy) {
	items := d.list(n, "decisions")
	if len(items) == 0 && resolve(n).Kind == SequenceNode {
		d.fail(n, "decisions", "", KindEmpty, "must list the Decisions the policy takes")
	}
	seen := map[string]bool{}
	for i, item := range items {
		path := fmt.Sprintf("decisions.%d", i+1)
		m := d.mapping(item, path, "id", "wording", "governs")
		dec := Decision{Wording: m.str("wording", true)}
		for j, g := range d.list(m.value["governs"], join(path, "governs")) {
			if s := d.str(g, fmt.Sprintf("%s.governs.%d", path, j+1)); s != "" {
				dec.Governs = append(dec.Governs, s)
			}
		}
		if idn := m.required("id"); idn != nil {
			dec.ID = d.id(idn, join(path, "id"))
		}
		if dec.ID != "" && seen[dec.ID] {
			d.fail(item, join(path, "id"), dec.ID, KindDuplicate, "is the id of an earlier Decision")
		}
		seen[dec.ID] = true
		p.Decisions = append(p.Decisions, dec)
	}
}
