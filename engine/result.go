package engine

import "encoding/json"

// The JSON form of a Result is the result contract of docs/rules.md ("The result of one child"): amounts as
// strings with two decimals, bands and groups by the policy's ids, and further
// fields after the contract's own.

type jsonResult struct {
	ID              string          `json:"id"`
	Policy          string          `json:"policy"`
	Age             int             `json:"age"`
	AgeBand         string          `json:"age_band"`
	Score           *int            `json:"score"`
	ScoreBand       *string         `json:"score_band"`
	Eligible        bool            `json:"eligible"`
	AnnualBudget    string          `json:"annual_budget"`
	Moderation      jsonModeration  `json:"moderation"`
	Transition      *jsonTransition `json:"transition"`
	AssessedOn      string          `json:"assessed_on"`
	DateOfBirth     string          `json:"date_of_birth,omitempty"`
	WeeklyBudget    string          `json:"weekly_budget"`
	AllocationGiven bool            `json:"allocation_given"`
	Route           string          `json:"route,omitempty"`
	Provision       string          `json:"provision,omitempty"`
	Notice          *jsonNotice     `json:"notice,omitempty"`
	Reviews         []string        `json:"reviews,omitempty"`
	Explanation     []jsonStep      `json:"explanation,omitempty"`
}

type jsonModeration struct {
	Flagged bool      `json:"flagged"`
	Step    *int      `json:"step"`
	Zone    *[2]int   `json:"zone,omitempty"`
	Below   *jsonSide `json:"below,omitempty"`
	Above   *jsonSide `json:"above,omitempty"`
}

type jsonSide struct {
	Score        int    `json:"score"`
	ScoreBand    string `json:"score_band"`
	AnnualBudget string `json:"annual_budget,omitempty"`
}

type jsonTransition struct {
	Group       string      `json:"group"`
	BaseCost    string      `json:"base_cost"`
	Schedule    []jsonEntry `json:"schedule"`
	CurrentCost string      `json:"current_cost"`
	Contingency string      `json:"contingency"`
	Decrease    string      `json:"decrease"`
	Complete    bool        `json:"complete"`
}

type jsonEntry struct {
	From   string `json:"from"`
	Amount string `json:"amount"`
	Reason string `json:"reason,omitempty"`
}

type jsonNotice struct {
	GivenOn     string `json:"given_on"`
	TakesEffect string `json:"takes_effect"`
}

type jsonStep struct {
	Text     string `json:"text"`
	Citation string `json:"citation,omitempty"`
}

func fixed(m Money) string { return m.StringFixed(2) }

// MarshalJSON writes the result contract of docs/rules.md ("The result of one child").
func (r *Result) MarshalJSON() ([]byte, error) {
	j := jsonResult{
		ID: r.ID, Policy: r.Policy.ID, Age: r.Age, AgeBand: r.AgeBand.ID, Score: r.Score,
		Eligible: r.Eligible, AnnualBudget: fixed(r.AnnualBudget()),
		AssessedOn: r.AssessedOn.String(), DateOfBirth: r.DateOfBirth.String(),
		WeeklyBudget: fixed(r.Weekly()), AllocationGiven: r.AllocationGiven, Route: string(r.Route),
	}
	if r.ScoreBand != nil {
		j.ScoreBand = &r.ScoreBand.ID
	}
	if r.Provision != nil {
		j.Provision = r.Provision.Kind
	}
	if m := r.Moderation; m.Flagged {
		step := m.Step
		j.Moderation = jsonModeration{Flagged: true, Step: &step, Zone: &[2]int{m.ZoneFrom, m.ZoneTo},
			Below: side(r.Below()), Above: side(r.Above())}
	}
	if t := r.Transition; t != nil {
		jt := &jsonTransition{Group: t.Group.ID, BaseCost: fixed(t.BaseCost), CurrentCost: fixed(t.CurrentCost),
			Contingency: fixed(t.Contingency), Decrease: fixed(t.Decrease()), Complete: t.Complete}
		for _, e := range t.Schedule {
			jt.Schedule = append(jt.Schedule, jsonEntry{From: e.From.String(), Amount: fixed(e.Amount()), Reason: e.Reason})
		}
		j.Transition = jt
	}
	if r.Notice != nil {
		j.Notice = &jsonNotice{GivenOn: r.Notice.GivenOn.String(), TakesEffect: r.Notice.TakesEffect.String()}
	}
	for _, d := range r.Reviews {
		j.Reviews = append(j.Reviews, d.String())
	}
	for _, s := range r.Explanation {
		j.Explanation = append(j.Explanation, jsonStep(s))
	}
	return json.Marshal(j)
}

func side(s Side) *jsonSide {
	j := &jsonSide{Score: s.Score, ScoreBand: s.Band}
	if s.Priced {
		j.AnnualBudget = fixed(s.Annual)
	}
	return j
}
