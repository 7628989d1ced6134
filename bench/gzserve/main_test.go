package main

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

func TestAcceptsGzip(t *testing.T) {
	for header, want := range map[string]bool{
		"":                           false,
		"gzip":                       true,
		"gzip, deflate, br, zstd":    true,
		"br;q=1.0, gzip;q=0.8":       true,
		"gzip;q=0":                   false,
		"gzip; q=0.000":              false,
		"*":                          true,
		"identity":                   false,
		"deflate, GZIP;q=0.5":        true,
		"x-gzip-not-really, deflate": false,
	} {
		if got := acceptsGzip(header); got != want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", header, got, want)
		}
	}
}

// upstream stands in for wasm serve: one file, with its headers.
func upstream(t *testing.T) *url.URL {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		w.Header().Set("Cache-Control", "no-cache")
		if r.URL.Path != "/app.js" {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		io.WriteString(w, "console.log('the same line, again and again');\nconsole.log('the same line, again and again');\n")
	}))
	t.Cleanup(srv.Close)
	u, _ := url.Parse(srv.URL)
	return u
}

func get(t *testing.T, h http.Handler, path string, header http.Header) *http.Response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func TestGzipsWhatTheBrowserAccepts(t *testing.T) {
	h := handler(upstream(t), gzip.BestCompression, false)

	resp := get(t, h, "/app.js", http.Header{"Accept-Encoding": {"gzip, br"}})
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("Content-Encoding = %q, want gzip", resp.Header.Get("Content-Encoding"))
	}
	for k, want := range map[string]string{
		"Content-Security-Policy": "default-src 'self'",
		"Cache-Control":           "no-cache",
		"Content-Type":            "text/javascript; charset=utf-8",
		"Vary":                    "Accept-Encoding",
	} {
		if got := resp.Header.Get(k); got != want {
			t.Errorf("%s = %q, want %q (the upstream's)", k, got, want)
		}
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(zr)
	if len(body) == 0 || string(body[:11]) != "console.log" {
		t.Errorf("body after gunzip = %q", body)
	}

	resp = get(t, h, "/app.js", nil)
	if resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("without Accept-Encoding: Content-Encoding = %q, want none", resp.Header.Get("Content-Encoding"))
	}

	resp = get(t, h, "/missing", http.Header{"Accept-Encoding": {"gzip"}})
	if resp.StatusCode != http.StatusNotFound || resp.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("missing file: %d %q, want 404 gzipped", resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
}

func TestPagesCachingHeaders(t *testing.T) {
	h := handler(upstream(t), gzip.BestCompression, true)
	resp := get(t, h, "/app.js", http.Header{"Accept-Encoding": {"gzip"}})
	etag := resp.Header.Get("ETag")
	if resp.Header.Get("Cache-Control") != "max-age=600" || etag == "" {
		t.Fatalf("Cache-Control %q, ETag %q: want max-age=600 and an ETag", resp.Header.Get("Cache-Control"), etag)
	}
	resp = get(t, h, "/app.js", http.Header{"Accept-Encoding": {"gzip"}, "If-None-Match": {etag}})
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("with If-None-Match: status %d, want 304", resp.StatusCode)
	}
	resp = get(t, h, "/missing", nil)
	if resp.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("404: Cache-Control %q, want the upstream's no-cache", resp.Header.Get("Cache-Control"))
	}
}
