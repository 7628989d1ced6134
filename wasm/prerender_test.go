//go:build !wasm

package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestMain(m *testing.M) {
	routes()
	os.Exit(m.Run())
}

// get prerenders a page as the generator does, through the site's handler.
func get(t *testing.T, prefix, path string) (int, string) {
	t.Helper()
	srv := httptest.NewServer(handler(prefix, "test", pages()))
	defer srv.Close()
	res, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

var urlAttr = regexp.MustCompile(`(?:src|href|content)="([^"]*)"`)

func TestPrerenderedPages(t *testing.T) {
	tests := []struct {
		path string
		want []string
	}{
		// The calculator shows the form and a worked example before the
		// program runs: Example 3, 261 × £1.00 × 52 = £13,572.00 (Trafford §6.3).
		{"/", []string{"Work out an indicative personal budget", "A worked example", "£13,572.00", `id="score"`, "Loading the calculator: 0%"}},
		// The methodology shows the rates table as the report prints it (§6.3).
		{"/methodology/trafford-2013", []string{"How Trafford 2013 works out a personal budget", "£0.75", "£1,300.00", "Decisions", "<svg", `href="/reports/trafford-2013"`}},
		{"/methodology/rotherham-2017", []string{"Rotherham", "£450,000.00", "3 months", "not published"}},
		{"/404", []string{"Page not found"}},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			status, body := get(t, "", tc.path)
			if status != http.StatusOK {
				t.Fatalf("status %d", status)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("the page lacks %q", w)
				}
			}
			if !strings.Contains(body, `http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self';`) {
				t.Error("the page lacks its Content-Security-Policy")
			}
			if strings.Contains(body, " style=") || strings.Contains(body, "<style") {
				t.Error("the page has an inline style, which its Content-Security-Policy forbids")
			}
			if regexp.MustCompile(`<script(?:\s[^>]*)?>[^<]`).MatchString(body) {
				t.Error("the page has an inline script, which its Content-Security-Policy forbids")
			}
			for _, m := range urlAttr.FindAllStringSubmatch(body, -1) {
				if u := m[1]; strings.HasPrefix(u, "http:") || strings.HasPrefix(u, "https:") || strings.HasPrefix(u, "//") {
					if !strings.HasPrefix(u, "https://") || !isMetaOnly(body, u) {
						t.Errorf("the page refers to another host: %s", u)
					}
				}
			}
		})
	}
}

// isMetaOnly reports whether a URL appears only in <meta> tags, which browsers
// do not fetch (og:url names the page itself).
func isMetaOnly(body, u string) bool {
	for _, line := range strings.SplitAfter(body, ">") {
		if strings.Contains(line, u) && !strings.HasPrefix(strings.TrimSpace(line), "<meta") {
			return false
		}
	}
	return true
}

// TestMethodologySaysTheAgeLimitOnce checks that who is in scope is said
// once, in the policy's own words, not once by the page and again by them.
func TestMethodologySaysTheAgeLimitOnce(t *testing.T) {
	for _, id := range []string{"trafford-2013", "rotherham-2017"} {
		_, body := get(t, "", "/methodology/"+id)
		if n := strings.Count(strings.ToLower(body), "children under 18"); n != 1 {
			t.Errorf("%s: the page says \"children under 18\" %d times, want once", id, n)
		}
	}
}

func TestPrerenderUnderASubPath(t *testing.T) {
	_, body := get(t, "/openras", "/openras/methodology/trafford-2013")
	for _, w := range []string{`href="/openras/web/style.css"`, `src="/openras/app.js"`, `href="/openras/methodology/rotherham-2017"`, `href="/openras/reports/trafford-2013"`} {
		if !strings.Contains(body, w) {
			t.Errorf("the page lacks %s", w)
		}
	}
}

func TestServeLikeAStaticHost(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(dir+"/index.html", []byte("home"), 0o644)
	os.WriteFile(dir+"/404.html", []byte("missing"), 0o644)
	os.MkdirAll(dir+"/methodology", 0o755)
	os.WriteFile(dir+"/methodology/x.html", []byte("method"), 0o644)
	os.MkdirAll(dir+"/web", 0o755)
	os.WriteFile(dir+"/web/app.wasm", []byte("\x00asm"), 0o644)
	srv := httptest.NewServer(staticHandler(dir))
	defer srv.Close()
	for _, tc := range []struct {
		path, body, ctype string
		status            int
	}{
		{"/", "home", "text/html; charset=utf-8", 200},
		{"/methodology/x", "method", "text/html; charset=utf-8", 200},
		{"/web/app.wasm", "\x00asm", "application/wasm", 200},
		{"/no/such/page", "missing", "text/html; charset=utf-8", 404},
		{"/../../etc/passwd", "missing", "text/html; charset=utf-8", 404},
	} {
		res, err := http.Get(srv.URL + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if string(body) != tc.body || res.StatusCode != tc.status || res.Header.Get("Content-Type") != tc.ctype {
			t.Errorf("%s: %d %q %q", tc.path, res.StatusCode, res.Header.Get("Content-Type"), body)
		}
		if !strings.HasPrefix(res.Header.Get("Content-Security-Policy"), "default-src 'self'") {
			t.Errorf("%s: no Content-Security-Policy header", tc.path)
		}
	}
}

// booleanAttr finds a boolean attribute written with a value: in HTML any
// value, even "false", sets it, so checked="false" ticks a box.
var booleanAttr = regexp.MustCompile(`\s(checked|disabled|hidden|selected|readonly|required|multiple|open|autofocus|novalidate|inert|reversed|async|defer)="([^"]*)"`)

// TestPrerenderedBooleanAttributes checks that no prerendered attribute
// contradicts the state the page shows: no boolean attribute is written
// ="false", and the calculator's form starts with the example policy chosen
// and the contingency box not ticked.
func TestPrerenderedBooleanAttributes(t *testing.T) {
	for _, path := range pages() {
		t.Run(path, func(t *testing.T) {
			_, body := get(t, "", path)
			for _, m := range booleanAttr.FindAllStringSubmatch(body, -1) {
				if v := strings.ToLower(m[2]); v == "false" || v == "0" || v == "off" || v == "no" {
					t.Errorf("%s: %s", path, m[0])
				}
			}
		})
	}
	_, body := get(t, "", "/")
	input := regexp.MustCompile(`<input[^>]*>`)
	checked := map[string]bool{}
	for _, in := range input.FindAllString(body, -1) {
		id := regexp.MustCompile(`\sid="([^"]*)"`).FindStringSubmatch(in)
		if id != nil && regexp.MustCompile(`\schecked[\s>=]`).MatchString(in) {
			checked[id[1]] = true
		}
	}
	if want := "policy-" + examplePolicy(); !checked[want] || len(checked) != 1 {
		t.Errorf("the prerendered form has %v ticked, want only %s", checked, want)
	}
}

// TestPrerenderedFormSendsNothing checks the calculator's prerendered form:
// shown before the program runs, it cannot send anything anywhere. Its
// controls are in a disabled fieldset, none but the policy's radios has a
// name, and the page says why the form cannot be used yet.
func TestPrerenderedFormSendsNothing(t *testing.T) {
	_, body := get(t, "", "/")
	start, end := strings.Index(body, "<form"), strings.Index(body, "</form>")
	if start < 0 || end < start {
		t.Fatal("no form")
	}
	form := body[start:end]
	if !regexp.MustCompile(`<fieldset[^>]*\sdisabled[\s>=]`).MatchString(form[:strings.Index(form, "<input")]) {
		t.Error("the form's controls are not in a disabled fieldset")
	}
	for _, m := range regexp.MustCompile(`<(?:input|select|textarea|button)[^>]*\sname="([^"]*)"`).FindAllStringSubmatch(form, -1) {
		if m[1] != "policy" {
			t.Errorf("a control is named %q: a form would send it", m[1])
		}
	}
	for _, w := range []string{"The calculator is getting ready", "<noscript>", "The calculator needs JavaScript"} {
		if !strings.Contains(form, w) {
			t.Errorf("the form does not say %q", w)
		}
	}
}
