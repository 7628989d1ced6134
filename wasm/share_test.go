//go:build !wasm

package main

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// generateSite writes the site as make site does, with stand-ins for the
// two programs.
func generateSite(t *testing.T, prefix, siteURL string) string {
	t.Helper()
	out := t.TempDir()
	if err := os.MkdirAll(filepath.Join(out, "web"), 0o755); err != nil {
		t.Fatal(err)
	}
	// Stand-ins of two sizes, so that each page's loader can be seen to
	// count its own program's bytes.
	for name, data := range map[string]string{"app.wasm": "\x00asm", "councillor.wasm": "\x00asm\x01\x00\x00\x00"} {
		if err := os.WriteFile(filepath.Join(out, "web", name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	err := generate(out, prefix, filepath.Join("..", "site"), "", filepath.Join("..", "testdata", "cohorts", "demo-trafford-synthetic.csv"), siteURL, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func readPage(t *testing.T, out, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestShareTagsWithTheSiteAddress(t *testing.T) {
	out := generateSite(t, "/openras", "https://example.org/openras")
	for name, url := range map[string]string{
		"index.html": "https://example.org/openras",
		filepath.Join("reports", "trafford-2013.html"):      "https://example.org/openras/reports/trafford-2013",
		filepath.Join("methodology", "rotherham-2017.html"): "https://example.org/openras/methodology/rotherham-2017",
	} {
		page := readPage(t, out, name)
		if got := metaContent(page, "og:url"); got != url {
			t.Errorf("%s: og:url %q, want %q", name, got, url)
		}
		if got := metaContent(page, "og:image"); got != "https://example.org/openras/web/icon-512.png" {
			t.Errorf("%s: og:image %q", name, got)
		}
	}
}

// metaContent is the content of a page's <meta property=…>, its attributes
// in either order.
func metaContent(page, property string) string {
	re := regexp.MustCompile(`<meta (?:property="` + property + `" content="([^"]*)"|content="([^"]*)" property="` + property + `")`)
	m := re.FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return m[1] + m[2]
}

func TestShareTagsLeftOutWithoutAnAddress(t *testing.T) {
	out := generateSite(t, "", "")
	for _, name := range []string{"index.html", "scenario.html", filepath.Join("reports", "rotherham-2017.html"), "404.html"} {
		page := readPage(t, out, name)
		if strings.Contains(page, "og:url") || strings.Contains(page, "og:image") || strings.Contains(page, `"https://`) {
			t.Errorf("%s names an address it does not know", name)
		}
		if metaContent(page, "og:title") == "" {
			t.Errorf("%s lost its og:title", name)
		}
	}
}

func TestShareAddressMustBeTheSite(t *testing.T) {
	for _, tc := range []struct{ url, prefix string }{
		{"http://example.org", ""},
		{"example.org", ""},
		{"https://example.org/other", "/openras"},
		{"https://example.org", "/openras"},
		{"https://example.org/?a=1", ""},
	} {
		if err := shareAddress(handler(tc.prefix, "v", pages()), tc.url, tc.prefix); err == nil {
			t.Errorf("-url %q with prefix %q: no error", tc.url, tc.prefix)
		}
	}
	if err := shareAddress(handler("", "v", pages()), "https://example.org/", ""); err != nil {
		t.Error(err)
	}
}
