package engine

import (
	"bytes"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"gopkg.in/yaml.v3"
)

// MaxPolicySize is MaxPolicyBytes, by its former name.
const MaxPolicySize = MaxPolicyBytes

// ParsePolicy reads a policy file strictly: an unknown or missing key, a value
// that is not of its kind, bands that overlap or leave gaps, steps out of
// order, fractions that do not sum to one, or stage lists that do not match
// their fractions are each an *Error naming file, line and key. All the
// mistakes found are returned together as Errors. file names the file in the
// messages.
func ParsePolicy(file string, data []byte) (*Policy, error) {
	d := &decoder{file: file}
	if len(data) > MaxPolicyBytes {
		return nil, Errors{tooLarge(file)}
	}
	if bytes.IndexByte(data, 0) >= 0 {
		d.fail(nil, "", "", "is not a text file")
		return nil, d.errs
	}
	doc, errs := readDocument(file, data)
	if errs != nil {
		return nil, errs
	}
	if doc.Kind == 0 || len(doc.Content) == 0 || doc.Content[0].Tag == "!!null" {
		d.fail(nil, "", "", "is empty: a policy file starts with its id, name and council")
		return nil, d.errs
	}
	p := d.policy(doc.Content[0])
	if len(d.errs) > 0 {
		return nil, d.errs
	}
	return p, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlSyntaxError turns a YAML syntax error into an *Error with its line.
func yamlSyntaxError(file string, err error) *Error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &Error{File: file, Line: line, Msg: "is not valid YAML: " + m[2]}
	}
	return &Error{File: file, Msg: "is not valid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
}

type decoder struct {
	file string
	errs Errors
	// bad holds the nodes already reported, so that checks between values
	// skip a value that was wrong in itself rather than report it again.
	bad map[*yaml.Node]bool
	// pricesUnknown is set when prices.published is not true or false.
	pricesUnknown bool
}

func (d *decoder) fail(n *yaml.Node, path, value, msg string) {
	e := &Error{File: d.file, Field: path, Value: value, Msg: msg}
	if n != nil {
		e.Line = n.Line
		if d.bad == nil {
			d.bad = map[*yaml.Node]bool{}
		}
		d.bad[n] = true
		d.bad[resolve(n)] = true
	}
	d.errs = append(d.errs, e)
}

// ok reports whether every one of nodes is present and was read without a
// mistake.
func (d *decoder) ok(nodes ...*yaml.Node) bool {
	for _, n := range nodes {
		if n == nil || d.bad[n] || d.bad[resolve(n)] {
			return false
		}
	}
	return true
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// mapping is a YAML mapping whose keys have been checked against the known
// ones.
type mapping struct {
	d     *decoder
	node  *yaml.Node
	path  string
	keys  []string
	value map[string]*yaml.Node
}

// mapping checks that n is a mapping with no key outside known and none twice.
func (d *decoder) mapping(n *yaml.Node, path string, known ...string) *mapping {
	n = resolve(n)
	m := &mapping{d: d, node: n, path: path, value: map[string]*yaml.Node{}}
	if n == nil || n.Kind != yaml.MappingNode {
		d.fail(n, path, "", "must be a mapping of keys to values")
		return m
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		key := k.Value
		if k.Kind != yaml.ScalarNode {
			d.fail(k, path, "", "has a key that is not a name")
			continue
		}
		if known != nil && !slices.Contains(known, key) {
			d.fail(k, join(path, key), "", "is not a key here: expected one of "+strings.Join(known, ", "))
			continue
		}
		if _, dup := m.value[key]; dup {
			d.fail(k, join(path, key), "", "is given twice")
			continue
		}
		m.keys = append(m.keys, key)
		m.value[key] = v
	}
	return m
}

func (m *mapping) has(key string) bool { return m.value[key] != nil }

// required returns the value of key, noting a missing key as an error.
func (m *mapping) required(key string) *yaml.Node {
	v := m.value[key]
	if v == nil && m.node != nil && m.node.Kind == yaml.MappingNode {
		m.d.fail(m.node, m.path, "", fmt.Sprintf("is missing the key %q", key))
	}
	return v
}

func (m *mapping) str(key string, required bool) string {
	n := m.value[key]
	if n == nil {
		if required {
			m.required(key)
		}
		return ""
	}
	return m.d.str(n, join(m.path, key))
}

func (m *mapping) integer(key string, required bool, lo, hi int) int {
	n := m.value[key]
	if n == nil {
		if required {
			m.required(key)
		}
		return 0
	}
	return m.d.integer(n, join(m.path, key), lo, hi)
}

func (m *mapping) boolean(key string) bool {
	n := m.required(key)
	if n == nil {
		return false
	}
	return m.d.boolean(n, join(m.path, key))
}

func (m *mapping) date(key string) Date {
	n := m.required(key)
	if n == nil {
		return Date{}
	}
	return m.d.date(n, join(m.path, key))
}

func (d *decoder) scalar(n *yaml.Node, path, what string) (string, bool) {
	n = resolve(n)
	if n == nil {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		d.fail(n, path, "", "must be "+what)
		return "", false
	}
	return n.Value, true
}

func (d *decoder) str(n *yaml.Node, path string) string {
	s, ok := d.scalar(n, path, "text")
	if ok && strings.TrimSpace(s) == "" {
		d.fail(n, path, "", "must not be empty")
	}
	return s
}

func (d *decoder) integer(n *yaml.Node, path string, lo, hi int) int {
	s, ok := d.scalar(n, path, "a whole number")
	if !ok {
		return 0
	}
	v, err := strconv.Atoi(s)
	if err != nil || !allDigits(strings.TrimPrefix(s, "-")) {
		d.fail(n, path, s, "is not a whole number")
		return 0
	}
	if v < lo || v > hi {
		d.fail(n, path, s, fmt.Sprintf("is out of range: expected a whole number from %d to %d", lo, hi))
		return 0
	}
	return v
}

func (d *decoder) boolean(n *yaml.Node, path string) bool {
	s, ok := d.scalar(n, path, "true or false")
	if !ok {
		return false
	}
	switch s {
	case "true":
		return true
	case "false":
		return false
	}
	d.fail(n, path, s, "is not true or false")
	return false
}

func (d *decoder) date(n *yaml.Node, path string) Date {
	s, ok := d.scalar(n, path, "a date")
	if !ok {
		return Date{}
	}
	v, err := ParseDate(s)
	if err != nil {
		d.fail(n, path, s, "is not a date: "+err.Error())
	}
	return v
}

// amount reads a non-negative decimal with at most places decimal places.
func (d *decoder) amount(n *yaml.Node, path string, places int) Money {
	s, ok := d.scalar(n, path, "an amount")
	if !ok {
		return zero
	}
	v, err := parseDecimal(s, places, fmt.Sprintf("a number with at most %d decimal places, like 0.75", places))
	if err != nil {
		msg := "is not an amount"
		switch e := err.Error(); {
		case strings.HasPrefix(strings.TrimPrefix(strings.TrimSpace(s), "£"), "-"):
			msg = "is negative: an amount here is 0 or more"
		case strings.HasPrefix(e, "has more than"), strings.HasPrefix(e, "is too large"):
			msg, _, _ = strings.Cut(e, ":")
		}
		d.fail(n, path, s, msg)
		return zero
	}
	return v
}

func (d *decoder) list(n *yaml.Node, path string) []*yaml.Node {
	n = resolve(n)
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.fail(n, path, "", "must be a list")
		return nil
	}
	return n.Content
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

func (d *decoder) id(n *yaml.Node, path string) string {
	s := d.str(n, path)
	if s != "" && !idPattern.MatchString(s) {
		d.fail(n, path, s, "is not an id: use lower-case letters, digits and dashes, like 10-13")
	}
	return s
}

func (d *decoder) policy(root *yaml.Node) *Policy {
	m := d.mapping(root, "", "id", "name", "council", "source", "effective_from",
		"default_assessed_on", "implementation_months", "implementation_source",
		"age", "scores", "routes", "provision", "prices", "rates", "rounding",
		"moderation", "transition", "notice", "reviews", "budget", "cohort", "notes", "decisions")
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
			s := d.mapping(item, path, "text", "source")
			p.Notes = append(p.Notes, Note{Text: s.str("text", true), Source: s.str("source", true)})
		}
	}
	if n := m.required("decisions"); n != nil {
		d.decisions(n, p)
	}
	d.crossCheck(root, p)
	return p
}

func (d *decoder) age(n *yaml.Node, p *Policy) {
	m := d.mapping(n, "age", "source", "out_of_scope_from", "out_of_scope_message", "leap_day_birthdays", "bands")
	a := &p.Age
	a.Source = m.str("source", true)
	a.OutOfScopeFrom = m.integer("out_of_scope_from", true, 1, 150)
	a.OutOfScopeMessage = m.str("out_of_scope_message", true)
	switch v := m.str("leap_day_birthdays", true); v {
	case "march-1":
		a.LeapDay = LeapDayMarch1
	case "february-28":
		a.LeapDay = LeapDayFebruary28
	case "":
	default:
		d.fail(m.value["leap_day_birthdays"], "age.leap_day_birthdays", v, "is not a rule: expected march-1 or february-28")
	}
	bands := m.required("bands")
	if bands == nil {
		return
	}
	items := d.list(bands, "age.bands")
	d.nonEmpty(bands, items, "age.bands", "band")
	seen := map[string]bool{}
	for i, item := range items {
		path := fmt.Sprintf("age.bands.%d", i+1)
		b := d.mapping(item, path, "id", "label", "from", "to")
		band := AgeBand{Label: b.str("label", true), From: b.integer("from", true, 0, 150), To: b.integer("to", true, 0, 150)}
		if idn := b.required("id"); idn != nil {
			band.ID = d.id(idn, join(path, "id"))
		}
		if band.ID != "" && seen[band.ID] {
			d.fail(item, join(path, "id"), band.ID, "is the id of an earlier band: each band needs its own")
		}
		seen[band.ID] = true
		if band.To < band.From && d.fieldsOK(item, "from", "to") {
			d.fail(item, path, "", fmt.Sprintf("ends (%d) before it starts (%d)", band.To, band.From))
		}
		if i == 0 && band.From != 0 && d.fieldsOK(item, "from") {
			d.fail(item, join(path, "from"), strconv.Itoa(band.From), "leaves a gap: the first age band starts at 0")
		}
		if i > 0 && d.ok(resolve(items[i-1]), resolve(item)) && d.fieldsOK(items[i-1], "to") && d.fieldsOK(item, "from") {
			prev := a.Bands[i-1]
			switch {
			case band.From <= prev.To:
				d.fail(item, join(path, "from"), strconv.Itoa(band.From), fmt.Sprintf("overlaps band %s, which ends at %d", prev.ID, prev.To))
			case band.From > prev.To+1:
				d.fail(item, join(path, "from"), strconv.Itoa(band.From), fmt.Sprintf("leaves a gap after band %s, which ends at %d", prev.ID, prev.To))
			}
		}
		a.Bands = append(a.Bands, band)
	}
	if len(a.Bands) > 0 && a.OutOfScopeFrom > 0 {
		last := a.Bands[len(a.Bands)-1]
		if last.To != a.OutOfScopeFrom-1 {
			d.fail(items[len(items)-1], fmt.Sprintf("age.bands.%d.to", len(items)), strconv.Itoa(last.To),
				fmt.Sprintf("must be %d: the last age band ends the year before out_of_scope_from (%d)", a.OutOfScopeFrom-1, a.OutOfScopeFrom))
		}
	}
}

func (d *decoder) scores(n *yaml.Node, p *Policy) {
	m := d.mapping(n, "scores", "source", "eligibility_threshold", "below_threshold_message", "bands")
	s := &ScoreRules{Source: m.str("source", true), Threshold: m.integer("eligibility_threshold", true, 0, 1_000_000),
		BelowThresholdMessage: m.str("below_threshold_message", true)}
	p.Scores = s
	bands := m.required("bands")
	items := d.list(bands, "scores.bands")
	d.nonEmpty(bands, items, "scores.bands", "band")
	seen := map[string]bool{}
	for i, item := range items {
		path := fmt.Sprintf("scores.bands.%d", i+1)
		b := d.mapping(item, path, "id", "label", "from", "to", "basis", "route", "overnight_breaks")
		band := ScoreBand{Label: b.str("label", true), From: b.integer("from", true, 0, 1_000_000)}
		if idn := b.required("id"); idn != nil {
			band.ID = d.id(idn, join(path, "id"))
		}
		if band.ID != "" && seen[band.ID] {
			d.fail(item, join(path, "id"), band.ID, "is the id of an earlier band: each band needs its own")
		}
		seen[band.ID] = true
		last := i == len(items)-1
		if b.has("to") {
			band.To = b.integer("to", true, 0, 1_000_000)
			if last {
				d.fail(b.value["to"], join(path, "to"), strconv.Itoa(band.To), "must be left out: the last score band has no upper end")
			} else if band.To < band.From && d.fieldsOK(item, "from", "to") {
				d.fail(item, path, "", fmt.Sprintf("ends (%d) before it starts (%d)", band.To, band.From))
			}
		} else if !last {
			b.required("to")
		}
		band.Open = last
		switch v := Basis(b.str("basis", true)); v {
		case BasisNone, BasisFixed, BasisPerPoint:
			band.Basis = v
		case "":
		default:
			d.fail(b.value["basis"], join(path, "basis"), string(v), "is not a basis: expected none, fixed-annual or per-point-weekly")
		}
		switch v := Route(b.str("route", true)); v {
		case RouteNone, RouteSocialWorker, RouteBrokerage:
			band.Route = v
		case "":
		default:
			d.fail(b.value["route"], join(path, "route"), string(v), "is not a route: expected none, social-worker or brokerage")
		}
		if b.has("overnight_breaks") {
			band.OvernightBreaks = b.boolean("overnight_breaks")
		}
		if i == 0 && band.From != 0 && d.fieldsOK(item, "from") {
			d.fail(item, join(path, "from"), strconv.Itoa(band.From), "leaves a gap: the first score band starts at 0")
		}
		if i > 0 && d.fieldsOK(items[i-1], "to") && d.fieldsOK(item, "from") {
			prev := s.Bands[i-1]
			switch {
			case band.From <= prev.To:
				d.fail(item, join(path, "from"), strconv.Itoa(band.From), fmt.Sprintf("overlaps band %s, which ends at %d", prev.ID, prev.To))
			case band.From > prev.To+1:
				d.fail(item, join(path, "from"), strconv.Itoa(band.From), fmt.Sprintf("leaves a gap after band %s, which ends at %d", prev.ID, prev.To))
			}
		}
		if len(d.errs) == 0 {
			eligible := band.From >= s.Threshold
			if !band.Open && band.From < s.Threshold && band.To >= s.Threshold {
				d.fail(item, path, "", fmt.Sprintf("straddles the eligibility threshold %d: a band starts there", s.Threshold))
			} else if eligible && band.Basis == BasisNone {
				d.fail(b.value["basis"], join(path, "basis"), string(band.Basis), fmt.Sprintf("must be priced: scores from %d reach the eligibility threshold", s.Threshold))
			} else if !eligible && band.Basis != BasisNone && band.Basis != "" {
				d.fail(b.value["basis"], join(path, "basis"), string(band.Basis), fmt.Sprintf("must be none: scores under %d do not reach the eligibility threshold", s.Threshold))
			}
		}
		s.Bands = append(s.Bands, band)
	}
}

func (d *decoder) routes(n *yaml.Node, p *Policy) {
	m := d.mapping(n, "routes", "source", string(RouteNone), string(RouteSocialWorker), string(RouteBrokerage))
	p.RoutesSrc = m.str("source", true)
	p.Routes = map[Route]string{}
	for _, k := range m.keys {
		if k != "source" {
			p.Routes[Route(k)] = m.str(k, true)
		}
	}
}

func (d *decoder) provision(n *yaml.Node, p *Policy) {
	m := d.mapping(n, "provision", "source", "by_age")
	pr := &Provision{Source: m.str("source", true)}
	for i, item := range d.list(m.required("by_age"), "provision.by_age") {
		path := fmt.Sprintf("provision.by_age.%d", i+1)
		k := d.mapping(item, path, "from", "to", "kind", "label")
		pk := ProvisionKind{From: k.integer("from", true, 0, 150), To: k.integer("to", true, 0, 150), Label: k.str("label", true)}
		if kn := k.required("kind"); kn != nil {
			pk.Kind = d.id(kn, join(path, "kind"))
		}
		if pk.To < pk.From {
			d.fail(item, path, "", fmt.Sprintf("ends (%d) before it starts (%d)", pk.To, pk.From))
		}
		if i > 0 && pk.From <= pr.ByAge[i-1].To {
			d.fail(item, join(path, "from"), strconv.Itoa(pk.From), fmt.Sprintf("overlaps the ages before, which end at %d", pr.ByAge[i-1].To))
		}
		pr.ByAge = append(pr.ByAge, pk)
	}
	p.Provision = pr
}

func (d *decoder) prices(n *yaml.Node, p *Policy) {
	m := d.mapping(n, "prices", "published", "illustrative", "source", "unpublished_message", "fixed_unit", "per_point_unit", "weeks_per_year")
	pr := &p.Prices
	pr.Published = m.boolean("published")
	pr.Source = m.str("source", true)
	pr.WeeksPerYear = m.integer("weeks_per_year", true, 1, 53)
	if !d.ok(m.value["published"]) {
		d.pricesUnknown = true
		return
	}
	if m.has("illustrative") {
		pr.Illustrative = m.boolean("illustrative")
		if pr.Illustrative && !pr.Published {
			d.fail(m.value["illustrative"], "prices.illustrative", "true", "is only for prices given: set published to true with them")
		}
	}
	if pr.Published {
		pr.FixedUnit = m.str("fixed_unit", true)
		pr.PerPointUnit = m.str("per_point_unit", true)
		if m.has("unpublished_message") {
			d.fail(m.value["unpublished_message"], "prices.unpublished_message", "", "is only for prices that are not published")
		}
	} else {
		pr.UnpublishedMessage = m.str("unpublished_message", true)
	}
}

// rates reads the table of rates: for each age band, for each priced score
// band, a fixed annual offer (in pounds and pence) or a rate per point per week
// (to a hundredth of a penny).
func (d *decoder) rates(m *mapping, p *Policy) {
	n := m.value["rates"]
	if d.pricesUnknown {
		return
	}
	if !p.Prices.Published {
		if n != nil {
			d.fail(n, "rates", "", "must be left out: prices.published is false")
		}
		return
	}
	if n == nil {
		m.required("rates")
		return
	}
	if p.Scores == nil {
		return
	}
	ageIDs := make([]string, len(p.Age.Bands))
	for i, b := range p.Age.Bands {
		ageIDs[i] = b.ID
	}
	var priced []string
	for _, b := range p.Scores.Bands {
		if b.Basis != BasisNone {
			priced = append(priced, b.ID)
		}
	}
	table := d.mapping(n, "rates", ageIDs...)
	p.rates = make([][]Money, len(p.Age.Bands))
	p.annual = make([][]Money, len(p.Age.Bands))
	for ai, ab := range p.Age.Bands {
		p.rates[ai] = make([]Money, len(p.Scores.Bands))
		p.annual[ai] = make([]Money, len(p.Scores.Bands))
		rn := table.required(ab.ID)
		if rn == nil {
			continue
		}
		row := d.mapping(rn, join("rates", ab.ID), priced...)
		for si, sb := range p.Scores.Bands {
			if sb.Basis == BasisNone {
				continue
			}
			cell := row.required(sb.ID)
			if cell == nil {
				continue
			}
			path := join(join("rates", ab.ID), sb.ID)
			if sb.Basis == BasisFixed {
				p.rates[ai][si] = d.amount(cell, path, 2)
				p.annual[ai][si] = p.rates[ai][si]
			} else {
				p.rates[ai][si] = d.amount(cell, path, 4)
				p.annual[ai][si] = p.rates[ai][si].Mul(decimalInt(p.Prices.WeeksPerYear))
			}
		}
	}
}

func (d *decoder) rounding(n *yaml.Node, p *Policy) {
	m := d.mapping(n, "rounding", "places", "mode", "source")
	p.Rounding.Places = int32(m.integer("places", true, 0, 2))
	p.Rounding.Source = m.str("source", true)
	switch v := RoundingMode(m.str("mode", true)); v {
	case HalfAwayFromZero, HalfEven, Down, Up:
		p.Rounding.Mode = v
	case "":
	default:
		d.fail(m.value["mode"], "rounding.mode", string(v), "is not a rounding mode: expected half-away-from-zero, half-even, down or up")
	}
}

func (d *decoder) moderation(n *yaml.Node, p *Policy) {
	m := d.mapping(n, "moderation", "source", "steps", "window", "inclusive")
	mod := &Moderation{Source: m.str("source", true), Window: m.integer("window", true, 0, 1_000_000), Inclusive: m.boolean("inclusive")}
	steps := m.required("steps")
	items := d.list(steps, "moderation.steps")
	for i, item := range items {
		path := fmt.Sprintf("moderation.steps.%d", i+1)
		v := d.integer(item, path, 1, 1_000_000)
		if i > 0 && v <= mod.Steps[i-1] && d.ok(item, items[i-1]) {
			d.fail(item, path, strconv.Itoa(v), fmt.Sprintf("is out of order: steps rise, and the step before is %d", mod.Steps[i-1]))
		}
		mod.Steps = append(mod.Steps, v)
	}
	d.nonEmpty(steps, items, "moderation.steps", "step")
	p.Moderation = mod
}

func (d *decoder) transition(n *yaml.Node, p *Policy) {
	m := d.mapping(n, "transition", "source", "supersede_on_age_band_change", "supersede_source", "contingency", "groups")
	t := &p.Transition
	t.Source = m.str("source", true)
	t.SupersedeOnAgeBandChange = m.boolean("supersede_on_age_band_change")
	t.SupersedeSource = m.str("supersede_source", true)
	if cn := m.value["contingency"]; cn != nil {
		c := d.mapping(cn, "transition.contingency", "rate", "source")
		t.Contingency = &Contingency{Source: c.str("source", true)}
		if r := c.required("rate"); r != nil {
			t.Contingency.Rate = d.amount(r, "transition.contingency.rate", 4)
			if t.Contingency.Rate.GreaterThanOrEqual(decimalInt(1)) {
				d.fail(r, "transition.contingency.rate", t.Contingency.Rate.String(), "is not a share under 1, like 0.035 for 3.5%")
			}
		}
	}
	groups := m.required("groups")
	items := d.list(groups, "transition.groups")
	d.nonEmpty(groups, items, "transition.groups", "group")
	seen := map[string]bool{}
	for i, item := range items {
		path := fmt.Sprintf("transition.groups.%d", i+1)
		t.Groups = append(t.Groups, d.group(item, path, i, len(items), t.Groups, seen, p))
	}
}

func (d *decoder) group(item *yaml.Node, path string, i, count int, before []Group, seen map[string]bool, p *Policy) Group {
	g := d.mapping(item, path, "id", "label", "decrease_from", "decrease_to", "effect", "fractions", "stage_dates", "stage_months_after_plan")
	grp := Group{Label: g.str("label", true)}
	if idn := g.required("id"); idn != nil {
		grp.ID = d.id(idn, join(path, "id"))
	}
	if grp.ID != "" && seen[grp.ID] {
		d.fail(item, join(path, "id"), grp.ID, "is the id of an earlier group: each group needs its own")
	}
	seen[grp.ID] = true
	fromNode, toNode := g.value["decrease_from"], g.value["decrease_to"]
	if fromNode != nil {
		a := d.amount(fromNode, join(path, "decrease_from"), 2)
		grp.DecreaseFrom = &a
	}
	if toNode != nil {
		a := d.amount(toNode, join(path, "decrease_to"), 2)
		grp.DecreaseTo = &a
	}
	switch {
	case i == 0 && fromNode != nil:
		d.fail(fromNode, join(path, "decrease_from"), grp.DecreaseFrom.StringFixed(2), "must be left out: the first group takes every decrease up to its decrease_to, and every increase")
	case i == count-1 && toNode != nil:
		d.fail(toNode, join(path, "decrease_to"), grp.DecreaseTo.StringFixed(2), "must be left out: the last group takes every decrease from its decrease_from up")
	case i > 0 && fromNode == nil:
		g.required("decrease_from")
	case i < count-1 && toNode == nil:
		g.required("decrease_to")
	}
	// A value that was wrong in itself is not compared with others.
	if !d.ok(fromNode) {
		grp.DecreaseFrom = nil
	}
	if !d.ok(toNode) {
		grp.DecreaseTo = nil
	}
	if grp.DecreaseFrom != nil && grp.DecreaseTo != nil && grp.DecreaseTo.LessThan(*grp.DecreaseFrom) {
		d.fail(item, path, "", fmt.Sprintf("ends (%s) before it starts (%s)", grp.DecreaseTo.StringFixed(2), grp.DecreaseFrom.StringFixed(2)))
	}
	if i > 0 && grp.DecreaseFrom != nil && before[i-1].DecreaseTo != nil {
		want := before[i-1].DecreaseTo.Add(penny)
		if c := grp.DecreaseFrom.Cmp(want); c < 0 {
			d.fail(fromNode, join(path, "decrease_from"), grp.DecreaseFrom.StringFixed(2),
				fmt.Sprintf("overlaps group %s, which ends at %s: it should be %s", before[i-1].ID, before[i-1].DecreaseTo.StringFixed(2), want.StringFixed(2)))
		} else if c > 0 {
			d.fail(fromNode, join(path, "decrease_from"), grp.DecreaseFrom.StringFixed(2),
				fmt.Sprintf("leaves a gap after group %s, which ends at %s: it should be %s", before[i-1].ID, before[i-1].DecreaseTo.StringFixed(2), want.StringFixed(2)))
		}
	}
	switch e := Effect(g.str("effect", true)); e {
	case EffectImmediate, EffectAfterNotice:
		grp.Effect = e
		for _, k := range []string{"fractions", "stage_dates", "stage_months_after_plan"} {
			if g.has(k) {
				d.fail(g.value[k], join(path, k), "", fmt.Sprintf("must be left out: only a staged group has stages, and this one is %s", e))
			}
		}
	case EffectStaged:
		grp.Effect = e
		d.stages(g, path, &grp)
		for i := range grp.Fractions {
			grp.reasons = append(grp.reasons, grp.stageReason(i))
		}
	case "":
	default:
		d.fail(g.value["effect"], join(path, "effect"), string(e), "is not an effect: expected immediate, staged or after-notice")
	}
	return grp
}

func (d *decoder) stages(g *mapping, path string, grp *Group) {
	fracs := d.list(g.required("fractions"), join(path, "fractions"))
	sum := new(big.Rat)
	for j, fn := range fracs {
		fpath := fmt.Sprintf("%s.fractions.%d", path, j+1)
		s, ok := d.scalar(fn, fpath, "a fraction")
		if !ok {
			continue
		}
		f, err := parseFraction(s)
		if err != nil {
			d.fail(fn, fpath, s, "is not a fraction: "+err.Error())
			continue
		}
		sum.Add(sum, f.rat())
		grp.Fractions = append(grp.Fractions, f)
	}
	if len(fracs) > 0 && len(grp.Fractions) == len(fracs) && sum.Cmp(big.NewRat(1, 1)) != 0 {
		d.fail(g.value["fractions"], join(path, "fractions"), "", fmt.Sprintf("sum to %s, not 1: together the stages must close the whole difference", sum.RatString()))
	}
	if g.value["fractions"] != nil && len(fracs) == 0 {
		d.fail(g.value["fractions"], join(path, "fractions"), "", "must list at least one fraction")
	}
	dates, months := g.value["stage_dates"], g.value["stage_months_after_plan"]
	switch {
	case dates != nil && months != nil:
		d.fail(months, join(path, "stage_months_after_plan"), "", "cannot be given with stage_dates: give one or the other")
	case dates != nil:
		items := d.list(dates, join(path, "stage_dates"))
		for j, dn := range items {
			dpath := fmt.Sprintf("%s.stage_dates.%d", path, j+1)
			v := d.date(dn, dpath)
			if j > 0 && !v.IsZero() && !grp.StageDates[j-1].IsZero() && !v.After(grp.StageDates[j-1]) {
				d.fail(dn, dpath, v.String(), fmt.Sprintf("is out of order: stage dates rise, and the one before is %s", grp.StageDates[j-1]))
			}
			grp.StageDates = append(grp.StageDates, v)
		}
		if len(items) != len(fracs) {
			d.fail(dates, join(path, "stage_dates"), "", fmt.Sprintf("lists %s for %s: each stage needs one date", plural(len(items), "date"), plural(len(fracs), "fraction")))
		}
	case months != nil:
		items := d.list(months, join(path, "stage_months_after_plan"))
		for j, mn := range items {
			mpath := fmt.Sprintf("%s.stage_months_after_plan.%d", path, j+1)
			v := d.integer(mn, mpath, 1, 600)
			if j > 0 && v <= grp.StageMonths[j-1] && d.ok(mn, items[j-1]) {
				d.fail(mn, mpath, strconv.Itoa(v), fmt.Sprintf("is out of order: stage months rise, and the one before is %d", grp.StageMonths[j-1]))
			}
			grp.StageMonths = append(grp.StageMonths, v)
		}
		if len(items) != len(fracs) {
			d.fail(months, join(path, "stage_months_after_plan"), "", fmt.Sprintf("lists %s for %s: each stage needs one", plural(len(items), "stage"), plural(len(fracs), "fraction")))
		}
	default:
		d.fail(g.node, path, "", "is missing the key \"stage_dates\" (or \"stage_months_after_plan\")")
	}
}

// parseFraction reads a share like 1/2, 1/3, 0.5 or 1, between 0 (not
// included) and 1.
func parseFraction(s string) (Fraction, error) {
	r, ok := new(big.Rat).SetString(strings.TrimSpace(s))
	if !ok || strings.ContainsAny(s, "eE") {
		return Fraction{}, fmt.Errorf("write it like 1/2, 1/3 or 0.5")
	}
	if r.Sign() <= 0 || r.Cmp(big.NewRat(1, 1)) > 0 {
		return Fraction{}, fmt.Errorf("a stage closes more than nothing and at most all of the difference")
	}
	if !r.Num().IsInt64() || !r.Denom().IsInt64() || r.Denom().Int64() > 1000 {
		return Fraction{}, fmt.Errorf("use a denominator of at most 1000")
	}
	return Fraction{Num: r.Num().Int64(), Den: r.Denom().Int64(), Text: strings.TrimSpace(s)}, nil
}

func (d *decoder) reviews(n *yaml.Node, p *Policy) {
	m := d.mapping(n, "reviews", "months_after_decision", "source")
	r := &Reviews{Source: m.str("source", true)}
	items := d.list(m.required("months_after_decision"), "reviews.months_after_decision")
	for i, item := range items {
		path := fmt.Sprintf("reviews.months_after_decision.%d", i+1)
		v := d.integer(item, path, 1, 600)
		if i > 0 && v <= r.Months[i-1] && d.ok(item, items[i-1]) {
			d.fail(item, path, strconv.Itoa(v), fmt.Sprintf("is out of order: review months rise, and the one before is %d", r.Months[i-1]))
		}
		r.Months = append(r.Months, v)
	}
	p.Reviews = r
}

func (d *decoder) cohortFigures(n *yaml.Node, p *Policy) {
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

func (d *decoder) decisions(n *yaml.Node, p *Policy) {
	items := d.list(n, "decisions")
	if len(items) == 0 && resolve(n).Kind == yaml.SequenceNode {
		d.fail(n, "decisions", "", "must list the Decisions the policy takes")
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
			d.fail(item, join(path, "id"), dec.ID, "is the id of an earlier Decision")
		}
		seen[dec.ID] = true
		p.Decisions = append(p.Decisions, dec)
	}
}

// crossCheck checks rules that join two sections of a policy.
func (d *decoder) crossCheck(root *yaml.Node, p *Policy) {
	if p.Scores != nil && p.Routes != nil {
		for i, b := range p.Scores.Bands {
			if _, ok := p.Routes[b.Route]; !ok && b.Route != "" {
				d.fail(root, fmt.Sprintf("scores.bands.%d.route", i+1), string(b.Route), "is not described under routes")
			}
		}
	}
	if p.Scores != nil && p.Routes == nil {
		d.fail(root, "", "", "is missing the key \"routes\": score bands name routes that must be described")
	}
	for i, g := range p.Transition.Groups {
		if g.Effect == EffectAfterNotice && p.Notice == nil {
			d.fail(root, fmt.Sprintf("transition.groups.%d.effect", i+1), string(g.Effect), "needs a notice period: add the key \"notice\"")
		}
	}
	if p.Scores != nil && p.Scores.Bands != nil {
		for _, b := range p.Scores.Bands {
			if b.OvernightBreaks && p.Provision == nil {
				d.fail(root, "", "", fmt.Sprintf("is missing the key \"provision\": score band %s has overnight breaks", b.ID))
				break
			}
		}
	}
}

func decimalInt(n int) Money { return decimal.NewFromInt(int64(n)) }

// fieldsOK reports whether the keys of the mapping item were each read
// without a mistake.
func (d *decoder) fieldsOK(item *yaml.Node, keys ...string) bool {
	item = resolve(item)
	if item == nil || item.Kind != yaml.MappingNode {
		return false
	}
	for _, k := range keys {
		found := false
		for i := 0; i+1 < len(item.Content); i += 2 {
			if item.Content[i].Value == k {
				found = true
				if !d.ok(item.Content[i+1]) {
					return false
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// nonEmpty notes an empty list where at least one item is needed.
func (d *decoder) nonEmpty(n *yaml.Node, items []*yaml.Node, path, what string) {
	if n != nil && len(items) == 0 && resolve(n).Kind == yaml.SequenceNode {
		d.fail(n, path, "", "must list at least one "+what)
	}
}
