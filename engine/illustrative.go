package engine

// IllustrativePrices are prices a councillor may try, in a scenario, under a
// policy whose council has published none: score bands, routes, prices and
// rates enough to give a figure, and a label that says whose they are not.
// They are a starting point to change, not an estimate; every figure from
// them is labelled as illustrative.
type IllustrativePrices struct {
	Label string // "illustrative, not the council's"
	Note  string // what they are for, in words a reader can check
	// Changes give the policy the illustrative prices: its prices, scores,
	// routes and rates, each a Change whose Value is the section as YAML.
	Changes []Change
}

// illustrativeSections are the keys of a policy the illustrative prices
// give, in the order they are applied.
var illustrativeSections = []string{"prices", "scores", "routes", "rates"}

// illustrative reads a policy's illustrative_prices: a label and a note, and
// the sections a scenario puts in place of the unpublished ones. Each section
// is read as strictly as the policy's own when a scenario applies it.
func (d *decoder) illustrative(n *Node, p *Policy) {
	m := d.mapping(n, "illustrative_prices", append([]string{"label", "note"}, illustrativeSections...)...)
	ip := &IllustrativePrices{Label: m.str("label", true), Note: m.str("note", true)}
	for _, key := range illustrativeSections {
		v := m.required(key)
		if v == nil {
			continue
		}
		if resolve(v).Kind != MappingNode {
			d.fail(v, "illustrative_prices."+key, "", KindShape, "must be a mapping of keys to values, as the policy's own "+key+" is")
			continue
		}
		value, err := flowYAML(v)
		if err != nil {
			d.fail(v, "illustrative_prices."+key, "", KindInvalid, "cannot be written as a change: "+err.Error())
			continue
		}
		ip.Changes = append(ip.Changes, Change{Path: key, Value: value})
	}
	p.Illustrative = ip
}

// flowYAML writes a node on one line, in YAML's flow style and without its
// comments, as a Change's Value is written.
func flowYAML(n *Node) (string, error) {
	out, err := writeFlow(n)
	if err != nil {
		return "", err
	}
	return out + "\n", nil
}
