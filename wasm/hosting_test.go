//go:build !wasm

package main

import (
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPolicyBeforeAnyScript checks every page of the generated site, at the
// root and under a sub-path: its Content-Security-Policy and referrer
// policy come before any script or stylesheet (a <meta> policy governs only
// what follows it), each once, and the character set still comes first.
func TestPolicyBeforeAnyScript(t *testing.T) {
	for _, prefix := range []string{"", "/openras"} {
		out := generateSite(t, prefix, "")
		n := 0
		err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || filepath.Ext(path) != ".html" {
				return err
			}
			n++
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			page, name := string(data), strings.TrimPrefix(path, out)
			csp, ref := strings.Index(page, cspMeta), strings.Index(page, referrerMeta)
			if csp < 0 || strings.Count(page, cspMeta) != 1 || strings.Count(page, referrerMeta) != 1 {
				t.Errorf("%s%s: the policies are not there once each", prefix, name)
				return nil
			}
			if c := strings.Index(page, `<meta charset="UTF-8">`); c < 0 || c > csp || c > 1024 {
				t.Errorf("%s%s: the character set is not first", prefix, name)
			}
			for _, tag := range []string{"<script", "<link", "<noscript", "<title"} {
				if i := strings.Index(page, tag); i >= 0 && (i < csp || i < ref) {
					t.Errorf("%s%s: %s comes before the policies", prefix, name, tag)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n < len(pages()) {
			t.Errorf("%d pages written, want at least %d", n, len(pages()))
		}
	}
}

func TestSecurityFirstRefusesAPageWithoutItsPolicy(t *testing.T) {
	for _, page := range []string{
		"<head><script src=a.js></script></head>",
		`<head><meta charset="UTF-8"><script src=a.js></script></head>`,
		`<head><script src=a.js></script><meta charset="UTF-8">` + cspMeta + referrerMeta + `</head>`,
	} {
		if _, err := securityFirst([]byte(page)); err == nil {
			t.Errorf("%s: no error", page)
		}
	}
}

// TestServeSendsTheHostingHeaders checks the headers wasm serve sends with
// every answer, a page, the program or a page not found: the policy with
// frame-ancestors 'none' (which only a header can carry), nosniff and no
// referrer.
func TestServeSendsTheHostingHeaders(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(dir+"/index.html", []byte("home"), 0o644)
	os.WriteFile(dir+"/404.html", []byte("missing"), 0o644)
	srv := httptest.NewServer(staticHandler(dir))
	defer srv.Close()
	for _, path := range []string{"/", "/no/such/page"} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.HasPrefix(csp, contentSecurityPolicy+";") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"} {
			if got := res.Header.Get(h); got != want {
				t.Errorf("%s: %s %q, want %q", path, h, got, want)
			}
		}
	}
	if strings.Contains(cspMeta, "frame-ancestors") {
		t.Error("the <meta> policy has frame-ancestors, which browsers ignore there with a warning")
	}
}

// TestReadmeNamesTheHeaders checks that the README's Hosting section gives
// the policy wasm serve sends, word for word.
func TestReadmeNamesTheHeaders(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range []string{"Content-Security-Policy: " + headerCSP, "X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer", "application/wasm"} {
		if !strings.Contains(string(readme), h) {
			t.Errorf("README.md does not give %q", h)
		}
	}
}
