//go:build !wasm

package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/openras/openras/engine"
	"github.com/openras/openras/policies"
	"github.com/openras/openras/wasm/scenario"
)

// TestPolicyFactsFromEnv: what the generator writes into app.js for the
// browser names every shipped policy, and says of each what the policy's
// own file says.
func TestPolicyFactsFromEnv(t *testing.T) {
	env := handler("", "test", pages()).Env[policyEnvKey]
	s := shippedFromEnv(env)
	if s == nil {
		t.Fatalf("the handler's %s does not name the policies: %q", policyEnvKey, env)
	}
	if !slices.Equal(s.ids, policies.IDs()) {
		t.Errorf("the policies from app.js are %v, want %v", s.ids, policies.IDs())
	}
	for _, id := range policies.IDs() {
		p, err := policies.Load(id)
		if err != nil {
			t.Fatal(err)
		}
		got := s.about(id)
		if got.ID != p.ID || got.Name != p.Name || got.Council != p.Council || got.Date != p.Source.Date || got.Published != p.Prices.Published {
			t.Errorf("%s from app.js: %+v, but its file says %s, %s, %s, published %v", id, got, p.Name, p.Council, p.Source.Date, p.Prices.Published)
		}
	}
	good := `"x"	"X"	"X Council"	"2013-03-04"	"published"`
	if shippedFromEnv(good) == nil {
		t.Fatalf("shippedFromEnv(%q) names no policy", good)
	}
	for _, bad := range []string{
		"", "[]", "not facts", `[{"id":"x"}]`,
		`"x"	"X"	"X Council"	"2013-03-04"`,                    // a fact missing
		`"x"	"X"	"X Council"	"2013-03-04"	"published"	"more"`, // one too many
		`x	"X"	"X Council"	"2013-03-04"	"published"`,          // not quoted
		`"x"	"X"	"X Council"	"4 March 2013"	"published"`,      // not a date
		`"x"	"X"	"X Council"	"2013-03-04"	"maybe"`,            // neither
		`""	"X"	"X Council"	"2013-03-04"	"published"`,         // no id
		good + "\n" + good,                                    // an id twice
		good + "\n",                                           // a line of nothing
	} {
		if shippedFromEnv(bad) != nil {
			t.Errorf("shippedFromEnv(%q) names policies; want nil, so that the page reads them all", bad)
		}
	}
	// A name with a tab, a line break and quotes in it comes back as it was.
	odd := &policySet{ids: []string{"a", "b"}, facts: map[string]policyFacts{
		"a": {ID: "a", Name: "Tab\there \"and\"\nthere", Council: "Council's £", Date: engine.Date{Year: 2017, Month: 7, Day: 10}},
		"b": {ID: "b", Name: "B", Council: "B Council", Published: true},
	}}
	back := shippedFromEnv(odd.env())
	if back == nil || !slices.Equal(back.ids, odd.ids) || back.about("a") != odd.about("a") || back.about("b") != odd.about("b") {
		t.Errorf("the facts %+v came back from app.js as %+v", odd.facts, back)
	}

	// The facts are in app.js itself, where app.Getenv finds them.
	srv := httptest.NewServer(handler("", "test", pages()))
	defer srv.Close()
	res, err := http.Get(srv.URL + "/app.js")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var js strings.Builder
	if _, err := io.Copy(&js, res.Body); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(js.String(), `"`+policyEnvKey+`":`) {
		t.Errorf("app.js does not hold %s", policyEnvKey)
	}
}

// browserShipped puts in place, for the test, the policies as the browser
// starts with them (from app.js's facts, none read), and returns the ids
// read since, in order.
func browserShipped(t *testing.T) *[]string {
	t.Helper()
	s := shippedFromEnv(shipped.env())
	if s == nil {
		t.Fatal("no facts for the browser")
	}
	var read []string
	s.read = func(id string) (*engine.Policy, error) {
		read = append(read, id)
		return scenario.Shipped(id)
	}
	was := shipped
	shipped = s
	t.Cleanup(func() { shipped = was })
	return &read
}

// TestBrowserReadsOnlyThePolicyShown: as the browser starts, no policy is
// read; each page then reads the policy it shows, and only that: the
// navigation, the footer and the choices of policy need none.
func TestBrowserReadsOnlyThePolicyShown(t *testing.T) {
	read := browserShipped(t)
	if len(*read) != 0 {
		t.Fatalf("read at the start: %v", *read)
	}
	// Each page as it is first drawn, prerendered by the site's handler
	// (made, with its list of source reports, before the count starts).
	srv := httptest.NewServer(handler("", "test", pages()))
	defer srv.Close()
	example := examplePolicy()
	for _, tc := range []struct {
		path string
		want []string
	}{
		{"/", []string{example}},
		{"/scenario", []string{example}},
		{"/cohort", []string{example}},
		{"/methodology/rotherham-2017", []string{"rotherham-2017"}},
		{"/reports/rotherham-2017", []string{"rotherham-2017"}},
		{"/methodology/trafford-2013", []string{"trafford-2013"}},
		{"/404", nil},
	} {
		*read = nil
		res, err := http.Get(srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := slices.Compact(*read); !slices.Equal(got, tc.want) {
			t.Errorf("%s read %v, want %v", tc.path, got, tc.want)
		}
	}

	// The calculator opened at a link to the other policy, with a result:
	// that policy alone. Without a result, the worked example beside the
	// form is the example policy's, read for it.
	for _, tc := range []struct {
		frag string
		want []string
	}{
		{"policy=rotherham-2017&allocation=9000&age=10", []string{"rotherham-2017"}},
		{"policy=rotherham-2017", []string{"rotherham-2017", example}},
	} {
		*read = nil
		c := &calculator{}
		c.form, c.linkErrs = parseFragment(tc.frag)
		c.submitted = !c.form.empty()
		c.out = work(c.form)
		html := app.HTMLString(c.Render())
		if !strings.Contains(html, "How Trafford 2013 works") || !strings.Contains(html, "Rotherham Metropolitan Borough Council") {
			t.Errorf("#%s: the navigation or the choice of policy lacks a policy's name", tc.frag)
		}
		got := slices.Clone(*read)
		slices.Sort(got)
		got = slices.Compact(got)
		want := slices.Sorted(slices.Values(tc.want))
		if !slices.Equal(got, want) {
			t.Errorf("#%s read %v, want %v", tc.frag, got, want)
		}
	}
}
