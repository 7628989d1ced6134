package engine

import "math/big"

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

	Illustrative *IllustrativePrices // nil unless the policy offers prices to try in a scenario

	// rates[a][s] is the rate of age band a and score band s; annual[a][s] is
	// the rate times the weeks of a year for per-point bands.
	rates  [][]Money
	annual [][]Money
}

// Document names a council report.
type Document struct {
	Title    string
	Body     string // the committee that took the decision
	Date     Date
	Document string // the file of the report's text, beside the policies
}

// AgeRules say who is in scope and how age bands are drawn. Age is the child's
// age in whole years on the date of assessment.
type AgeRules struct {
	Source            string
	OutOfScopeFrom    int    // the age from which a child is out of scope
	OutOfScopeMessage string // what the family is told at that age
	LeapDay           LeapDayRule
	Bands             []AgeBand
}

// AgeBand is a range of ages, both ends included, with one column of prices.
type AgeBand struct {
	ID    string
	Label string
	From  int
	To    int
}

// ScoreRules are the questionnaire's score bands and the eligibility threshold.
type ScoreRules struct {
	Source                string
	Threshold             int    // the lowest score with a personal budget
	BelowThresholdMessage string // what a score under the threshold means
	Bands                 []ScoreBand
}

// Basis is how a score band prices a score.
type Basis string

// The bases a score band may have.
const (
	BasisNone     Basis = "none"             // no personal budget
	BasisFixed    Basis = "fixed-annual"     // a fixed annual offer
	BasisPerPoint Basis = "per-point-weekly" // a rate per point per week on the whole score
)

// Route is how a personal budget is managed.
type Route string

// The routes a score band may have.
const (
	RouteNone         Route = "none"
	RouteSocialWorker Route = "social-worker"
	RouteBrokerage    Route = "brokerage"
)

// ScoreBand is a range of scores, both ends included; the last band has no
// upper end (Open).
type ScoreBand struct {
	ID              string
	Label           string
	From            int
	To              int
	Open            bool
	Basis           Basis
	Route           Route
	OvernightBreaks bool
}

// Contains reports whether score is in the band.
func (b ScoreBand) Contains(score int) bool {
	return score >= b.From && (b.Open || score <= b.To)
}

// Provision is the indicative kind of overnight provision a budget is weighted
// to fund, by age, in score bands with overnight breaks.
type Provision struct {
	Source string
	ByAge  []ProvisionKind
}

// ProvisionKind is one kind of provision for an age range, both ends included.
type ProvisionKind struct {
	From, To int
	Kind     string
	Label    string
}

// Prices say whether the council published its prices, and their units.
type Prices struct {
	Published          bool
	Illustrative       bool // prices a scenario supplies, not the council's
	Source             string
	UnpublishedMessage string
	FixedUnit          string
	PerPointUnit       string
	WeeksPerYear       int
}

// Moderation is the review of scores near a step of the model.
type Moderation struct {
	Source    string
	Steps     []int
	Window    int
	Inclusive bool // whether a score exactly Window points from a step is flagged
}

// Transition is how a family moves from the cost of its current package (the
// base cost) to its allocation.
type Transition struct {
	Source                   string
	SupersedeOnAgeBandChange bool
	SupersedeSource          string
	Contingency              *Contingency
	Groups                   []Group
}

// Contingency is the share of a current amount held for contingencies, which
// is taken out of the base cost.
type Contingency struct {
	Rate   Money
	Source string
}

// Effect is when a transition group's allocation takes effect.
type Effect string

// The effects a group may have.
const (
	EffectImmediate   Effect = "immediate"    // from the plan date
	EffectStaged      Effect = "staged"       // in stages
	EffectAfterNotice Effect = "after-notice" // at the end of the notice period
)

// Group is a transition group: the decreases (base cost minus allocation) it
// takes, to the penny, and how its allocation takes effect.
type Group struct {
	ID           string
	Label        string
	DecreaseFrom *Money // nil: no lower end
	DecreaseTo   *Money // nil: no upper end
	Effect       Effect
	Fractions    []Fraction
	StageDates   []Date // either these…
	StageMonths  []int  // …or whole months after the plan date

	reasons []string // the reason of each stage in a schedule, made once
}

// Fraction is an exact share of the difference between base cost and
// allocation, like ½ or ⅓.
type Fraction struct {
	Num, Den int64
	Text     string
}

func (f Fraction) rat() *big.Rat { return big.NewRat(f.Num, f.Den) }

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

// Note is a statement of the report a family should know, with its section.
type Note struct {
	Text   string
	Source string
}

// Decision is a choice taken where the report is silent or ambiguous, in its
// own words, with the key paths of the policy file whose values carry it.
type Decision struct {
	ID      string
	Wording string
	Governs []string // key paths, like moderation.inclusive; * for any one key
}

// AgeBand returns the band of age, or false if no band holds it.
func (p *Policy) AgeBand(age int) (int, bool) {
	for i, b := range p.Age.Bands {
		if age >= b.From && age <= b.To {
			return i, true
		}
	}
	return -1, false
}

// ScoreBand returns the band of score, or false if no band holds it.
func (p *Policy) ScoreBand(score int) (int, bool) {
	if p.Scores == nil {
		return -1, false
	}
	for i, b := range p.Scores.Bands {
		if b.Contains(score) {
			return i, true
		}
	}
	return -1, false
}

// Rate returns the published rate of an age band and a score band: a fixed
// annual offer or a rate per point per week, as the score band's Basis says.
func (p *Policy) Rate(ageBand, scoreBand int) Money {
	return p.rates[ageBand][scoreBand]
}
