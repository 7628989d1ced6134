package engine

import (
	"bytes"
	"fmt"
	"strconv"
)

// Policy is one council's allocation rules, read from a policy file: who is in
// scope, the bands, the prices, moderation, the transition from a current
// package, and the Decisions taken where the council's report is silent.
// Every rule carries the section of the report it comes from.
type Policy struct {
	ID                   string
	Name                 string
	Council              string
	Source               Document
	EffectiveFrom        Date
	DefaultAssessedOn    Date
	DefaultSource        string
	ImplementationMonths int // months of the implementation period, or 0
	ImplementationSrc    string

	Age        AgeRules
	Scores     *ScoreRules // nil where the council has not published its scores
	Routes     map[Route]string
	RoutesSrc  string
	Provision  *Provision
	Prices     Prices
	Rounding   Rounding
	Moderation *Moderation
	Transition Transition
	Notice     *Notice
	Reviews    *Reviews
	Budget     *Budget
	Cohort     *CohortFigures
	Notes      []Note
	Decisions  []Decision
	Examples   []WorkedExample // the report's worked examples, with their printed figures

	Illustrative *IllustrativePrices // nil unless the policy offers prices to try in a scenario

	// rates[a][s] is the rate of age band a and score band s; annual[a][s] is
	// the rate times the weeks of a year for per-point bands.
	rates  [][]Money
	annual [][]Money
	// annualUnits[a][s] is annual[a][s] in ten-thousandths of a pound, or
	// noUnits where it is not a whole number of them under 10^15 (units):
	// worked out once, when the policy is read, so that pricing a score
	// needs no decimal. unitsOf is the table they were worked out from: a
	// copy of the policy given a table of other rates does not use them
	// (cellUnits).
	annualUnits [][]int64
	unitsOf     [][]Money

	// reasons are the schedule reasons that name a number of the policy,
	// written once when it is read rather than for every child (reason).
	reasons reasons
}

// reasons are a policy's schedule reasons, worked out from it once.
type reasons struct {
	leaves string   // the child leaves the model: "turns 18: ..."
	notice string   // the allocation after notice
	enters []string // enters[i]: the child enters age band i
}

// setReasons writes the policy's schedule reasons.
func (p *Policy) setReasons() {
	p.reasons.leaves = leavesReason(p.Age.OutOfScopeFrom)
	if p.Notice != nil {
		p.reasons.notice = noticeReason(p.Notice.Months)
	}
	p.reasons.enters = make([]string, len(p.Age.Bands))
	for i, b := range p.Age.Bands {
		p.reasons.enters[i] = entersReason(b.ID)
	}
}

func leavesReason(age int) string { return fmt.Sprintf("turns %d: leaves children's services", age) }
func noticeReason(months int) string {
	return fmt.Sprintf("allocation after %d months' notice", months)
}
func entersReason(id string) string { return "age band " + id }

// ParsePolicy reads a policy file strictly: an unknown or missing key, a value
// that is not of its kind, bands that overlap or leave gaps, steps out of
// order, fractions that do not sum to one, or stage lists that do not match
// their fractions are each an *Error naming file, line and key. All the
// mistakes found are returned together as Errors. file names the file in the
// messages.
func ParsePolicy(file string, data []byte) (*Policy, error) {
	doc, err := ReadPolicyNodes(file, data)
	if err != nil {
		return nil, err
	}
	return policyFromDocument(file, doc)
}

// ReadPolicyNodes reads a policy file as ParsePolicy does up to decoding
// it: its size, its text, its YAML and the bounds of yamlguard.go. It returns
// the document's tree of nodes, for PolicyFromNodes; an empty file is a node
// of no kind. A program built with -tags noyaml reads no YAML text: there
// it is an *Error saying so (yamlread_none.go).
func ReadPolicyNodes(file string, data []byte) (*Node, error) {
	if len(data) > MaxPolicyBytes {
		return nil, Errors{tooLarge(file)}
	}
	if bytes.IndexByte(data, 0) >= 0 {
		d := &decoder{file: file}
		d.fail(nil, "", "", KindNotText, "is not a text file")
		return nil, d.errs
	}
	doc, errs := readDocument(file, data, nil)
	if errs != nil {
		return nil, errs
	}
	return doc, nil
}

// PolicyFromNodes reads a policy from the tree of nodes ReadPolicyNodes
// read from the file named file, such as a shipped policy read when the
// program was built (DecodeNodes): the same checks as ParsePolicy's, the
// bounds of yamlguard.go included, without parsing YAML.
func PolicyFromNodes(file string, doc *Node) (*Policy, error) {
	if doc != nil && doc.Kind != 0 && doc.Kind != DocumentNode {
		return nil, Errors{{File: file, Kind: KindShape, Msg: "is not a YAML document"}}
	}
	if doc != nil {
		if es := guard(file, doc, &step{}, true); es != nil {
			return nil, es
		}
	}
	return policyFromDocument(file, doc)
}

// policyFromDocument decodes a document that has passed the guards.
func policyFromDocument(file string, doc *Node) (*Policy, error) {
	d := &decoder{file: file}
	if doc == nil || doc.Kind == 0 || len(doc.Content) == 0 || doc.Content[0].Tag == "!!null" {
		d.fail(nil, "", "", KindEmpty, "is empty: a policy file starts with its id, name and council")
		return nil, d.errs
	}
	p := d.policy(doc.Content[0])
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	return p, nil
}

func (d *decoder) policy(root *Node) *Policy {
	m := d.mapping(root, "", "id", "name", "council", "source", "effective_from",
		"default_assessed_on", "implementation_months", "implementation_source",
		"age", "scores", "routes", "provision", "prices", "rates", "rounding",
		"moderation", "transition", "notice", "reviews", "budget", "cohort", "notes", "decisions",
		"illustrative_prices", "worked_examples")
	p := &Policy{}
	if n := m.required("id"); n != nil {
		p.ID = d.id(n, "id")
	}
	p.Name = m.str("name", true)
	p.Council = m.str("council", true)
	if n := m.required("source"); n != nil {
		s := d.mapping(n, "source", "title", "body", "date", "document")
		p.Source = Document{Title: s.str("title", true), Body: s.str("body", true), Date: s.date("date"), Document: s.str("document", true)}
	}
	p.EffectiveFrom = m.date("effective_from")
	if n := m.required("default_assessed_on"); n != nil {
		s := d.mapping(n, "default_assessed_on", "date", "source")
		p.DefaultAssessedOn = s.date("date")
		p.DefaultSource = s.str("source", true)
	}
	p.ImplementationMonths = m.integer("implementation_months", false, 1, 120)
	p.ImplementationSrc = m.str("implementation_source", m.has("implementation_months"))
	if n := m.required("age"); n != nil {
		d.age(n, p)
	}
	if n := m.required("prices"); n != nil {
		d.prices(n, p)
	}
	if n := m.value["scores"]; n != nil {
		d.scores(n, p)
	} else if p.Prices.Published && !d.pricesUnknown {
		m.required("scores")
	}
	if n := m.value["routes"]; n != nil {
		d.routes(n, p)
	}
	if n := m.value["provision"]; n != nil {
		d.provision(n, p)
	}
	d.rates(m, p)
	if n := m.required("rounding"); n != nil {
		d.rounding(n, p)
	}
	if n := m.value["moderation"]; n != nil {
		d.moderation(n, p)
	}
	if n := m.required("transition"); n != nil {
		d.transition(n, p)
	}
	if n := m.value["notice"]; n != nil {
		s := d.mapping(n, "notice", "months", "source")
		p.Notice = &Notice{Months: s.integer("months", true, 1, 120), Source: s.str("source", true)}
	}
	if n := m.value["reviews"]; n != nil {
		d.reviews(n, p)
	}
	if n := m.value["illustrative_prices"]; n != nil {
		d.illustrative(n, p)
	}
	if n := m.value["budget"]; n != nil {
		s := d.mapping(n, "budget", "source", "label", "financial_year", "amount")
		p.Budget = &Budget{Source: s.str("source", true), Label: s.str("label", true),
			FinancialYear: s.integer("financial_year", true, 1900, 2999)}
		if a := s.required("amount"); a != nil {
			p.Budget.Amount = d.amount(a, "budget.amount", 2)
		}
	}
	if n := m.value["cohort"]; n != nil {
		d.cohortFigures(n, p)
	}
	if n := m.value["notes"]; n != nil {
		for i, item := range d.list(n, "notes") {
			path := fmt.Sprintf("notes.%d", i+1)
			s := d.mapping(item, path, "text", "source", "next_step")
			note := Note{Text: s.str("text", true), Source: s.str("source", true)}
			if v := s.value["next_step"]; v != nil {
				note.NextStep = d.boolean(v, join(path, "next_step"))
			}
			p.Notes = append(p.Notes, note)
		}
	}
	if n := m.required("decisions"); n != nil {
		d.decisions(n, p)
	}
	if n := m.value["worked_examples"]; n != nil {
		d.workedExamples(n, p)
	}
	d.crossCheck(root, p)
	p.setReasons()
	return p
}

// crossCheck checks rules that join two sections of a policy.
func (d *decoder) crossCheck(root *Node, p *Policy) {
	if p.Scores != nil && p.Routes != nil {
		for i, b := range p.Scores.Bands {
			if _, ok := p.Routes[b.Route]; !ok && b.Route != "" {
				d.fail(root, fmt.Sprintf("scores.bands.%d.route", i+1), string(b.Route), KindUnknownKey, "is not described under routes")
			}
		}
	}
	if p.Scores != nil && p.Routes == nil {
		d.fail(root, "", "", KindMissing, "is missing the key \"routes\": score bands name routes that must be described")
	}
	for i, g := range p.Transition.Groups {
		if g.Effect == EffectAfterNotice && p.Notice == nil {
			d.fail(root, fmt.Sprintf("transition.groups.%d.effect", i+1), string(g.Effect), KindNeeds, "needs a notice period: add the key \"notice\"")
		}
	}
	if p.Scores != nil && p.Scores.Bands != nil {
		for _, b := range p.Scores.Bands {
			if b.OvernightBreaks && p.Provision == nil {
				d.fail(root, "", "", KindMissing, fmt.Sprintf("is missing the key \"provision\": score band %s has overnight breaks", b.ID))
				break
			}
		}
	}
}

// Document names a council report.
type Document struct {
	Title    string
	Body     string // the committee that took the decision
	Date     Date
	Document string // the file of the report's text, beside the policies
}

// Moderation is the review of scores near a step of the model.
type Moderation struct {
	Source    string
	Steps     []int
	Window    int
	Inclusive bool // whether a score exactly Window points from a step is flagged
}

func (d *decoder) moderation(n *Node, p *Policy) {
	m := d.mapping(n, "moderation", "source", "steps", "window", "inclusive")
	mod := &Moderation{Source: m.str("source", true), Window: m.integer("window", true, 0, 1_000_000), Inclusive: m.boolean("inclusive")}
	steps := m.required("steps")
	items := d.list(steps, "moderation.steps")
	for i, item := range items {
		path := fmt.Sprintf("moderation.steps.%d", i+1)
		v := d.integer(item, path, 1, 1_000_000)
		if i > 0 && v <= mod.Steps[i-1] && d.ok(item, items[i-1]) {
			d.fail(item, path, strconv.Itoa(v), KindOrder, fmt.Sprintf("is out of order: steps rise, and the step before is %d", mod.Steps[i-1]))
		}
		mod.Steps = append(mod.Steps, v)
	}
	d.nonEmpty(steps, items, "moderation.steps", "step")
	p.Moderation = mod
}

// Notice is the notice given before a reduction takes effect.
type Notice struct {
	Months int
	Source string
}

// Reviews are the dates a package is reviewed, in months after the decision.
type Reviews struct {
	Months []int
	Source string
}

func (d *decoder) reviews(n *Node, p *Policy) {
	m := d.mapping(n, "reviews", "months_after_decision", "source")
	r := &Reviews{Source: m.str("source", true)}
	items := d.list(m.required("months_after_decision"), "reviews.months_after_decision")
	for i, item := range items {
		path := fmt.Sprintf("reviews.months_after_decision.%d", i+1)
		v := d.integer(item, path, 1, 600)
		if i > 0 && v <= r.Months[i-1] && d.ok(item, items[i-1]) {
			d.fail(item, path, strconv.Itoa(v), KindOrder, fmt.Sprintf("is out of order: review months rise, and the one before is %d", r.Months[i-1]))
		}
		r.Months = append(r.Months, v)
	}
	p.Reviews = r
}

// Budget is the council's budget for the allocations of one financial year.
type Budget struct {
	Source        string
	Label         string
	FinancialYear int // the year in which the financial year starts
	Amount        Money
}

// CohortFigures are published figures about the children the policy was
// modelled on, which a cohort view can be checked against.
type CohortFigures struct {
	Source  string
	Figures []Figure
}

// Figure is one published figure.
type Figure struct {
	Name  string
	Value string
	Label string
}

func (d *decoder) cohortFigures(n *Node, p *Policy) {
	m := d.mapping(n, "cohort", "source", "figures")
	c := &CohortFigures{Source: m.str("source", true)}
	for i, item := range d.list(m.required("figures"), "cohort.figures") {
		path := fmt.Sprintf("cohort.figures.%d", i+1)
		f := d.mapping(item, path, "name", "value", "label")
		fig := Figure{Label: f.str("label", true)}
		if nn := f.required("name"); nn != nil {
			fig.Name = d.str(nn, join(path, "name"))
		}
		if v := f.required("value"); v != nil {
			d.amount(v, join(path, "value"), 2)
			fig.Value, _ = d.scalar(v, join(path, "value"), "a number")
		}
		c.Figures = append(c.Figures, fig)
	}
	p.Cohort = c
}

// leavesOr, noticeOr and entersOr are the reasons the policy wrote once, or,
// for a policy made otherwise, written now.
func (rs *reasons) leavesOr(age int) string {
	if rs.leaves != "" {
		return rs.leaves
	}
	return leavesReason(age)
}

func (rs *reasons) noticeOr(months int) string {
	if rs.notice != "" {
		return rs.notice
	}
	return noticeReason(months)
}

func (rs *reasons) entersOr(i int, id string) string {
	if i < len(rs.enters) {
		return rs.enters[i]
	}
	return entersReason(id)
}
