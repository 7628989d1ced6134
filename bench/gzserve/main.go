// Command gzserve serves a generated site the way a static host that
// compresses does, such as GitHub Pages: it stands in front of `wasm serve`
// and gzips each response for a browser that accepts gzip, so the headers,
// the Content-Security-Policy, the 404 page and the content types are exactly
// those of wasm serve's staticHandler, and only the encoding differs.
//
//	gzserve -upstream http://127.0.0.1:8080 [-addr 127.0.0.1:0] [-level 9] [-pages]
//
// With -pages it also replaces wasm serve's Cache-Control: no-cache with the
// caching headers GitHub Pages sends, max-age=600 and an ETag.
//
// It prints "Serving (gzip) at http://HOST:PORT/" once it listens. Each
// body is compressed once and kept, as a host's cache would, so the time a
// request takes is the time of its bytes, not of the compression.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
)

func main() {
	upstream := flag.String("upstream", "", "the address of wasm serve, like http://127.0.0.1:8080")
	addr := flag.String("addr", "127.0.0.1:0", "the address to listen on")
	level := flag.Int("level", gzip.BestCompression, "the gzip level, 1 to 9")
	pages := flag.Bool("pages", false, "send GitHub Pages' caching headers too: Cache-Control: max-age=600 and an ETag")
	flag.Parse()
	if err := run(*upstream, *addr, *level, *pages); err != nil {
		fmt.Fprintln(os.Stderr, "gzserve:", err)
		os.Exit(1)
	}
}

func run(upstream, addr string, level int, pages bool) error {
	u, err := url.Parse(upstream)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return fmt.Errorf("-upstream %q: give the address of wasm serve, like http://127.0.0.1:8080", upstream)
	}
	if level < gzip.BestSpeed || level > gzip.BestCompression {
		return fmt.Errorf("-level %d: give 1 to 9", level)
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Printf("Serving (gzip) at http://%s/\n", l.Addr())
	return http.Serve(l, handler(u, level, pages))
}

// handler proxies upstream, gzipping; with pages, it also sends the caching
// headers of GitHub Pages, Cache-Control: max-age=600 and an ETag, and
// answers a request that has the ETag with 304 Not Modified.
func handler(upstream *url.URL, level int, pages bool) http.Handler {
	c := &compressor{level: level, done: map[[sha256.Size]byte][]byte{}}
	return &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(upstream)
			r.Out.Host = r.In.Host
			// The upstream sends the file as it is; this proxy encodes it,
			// if the browser accepts gzip.
			gz := acceptsGzip(r.In.Header.Get("Accept-Encoding"))
			r.Out = r.Out.WithContext(context.WithValue(r.Out.Context(), wantsGzip{}, gz))
			r.Out.Header.Del("Accept-Encoding")
		},
		ModifyResponse: func(resp *http.Response) error {
			resp.Header.Add("Vary", "Accept-Encoding")
			gz, _ := resp.Request.Context().Value(wantsGzip{}).(bool)
			gz = gz && resp.Header.Get("Content-Encoding") == ""
			if resp.Request.Method == http.MethodHead || !gz && !pages {
				return nil
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				return err
			}
			if pages && resp.StatusCode == http.StatusOK {
				sum := sha256.Sum256(body)
				etag := `W/"` + hex.EncodeToString(sum[:8]) + `"`
				resp.Header.Set("Cache-Control", "max-age=600")
				resp.Header.Set("ETag", etag)
				if slices.Contains(strings.Split(strings.ReplaceAll(resp.Request.Header.Get("If-None-Match"), " ", ""), ","), etag) {
					resp.StatusCode, resp.Status = http.StatusNotModified, "304 Not Modified"
					resp.Header.Del("Content-Type")
					body, gz = nil, false
				}
			}
			if gz {
				body = c.compress(body)
				resp.Header.Set("Content-Encoding", "gzip")
			}
			resp.Body = io.NopCloser(bytes.NewReader(body))
			resp.ContentLength = int64(len(body))
			resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
			return nil
		},
	}
}

// wantsGzip marks a request whose browser accepts gzip.
type wantsGzip struct{}

// acceptsGzip reads an Accept-Encoding header: gzip, or *, unless its
// weight is q=0.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		fields := strings.Split(part, ";")
		name := strings.ToLower(strings.TrimSpace(fields[0]))
		if name != "gzip" && name != "*" {
			continue
		}
		for _, param := range fields[1:] {
			k, v, _ := strings.Cut(param, "=")
			if strings.EqualFold(strings.TrimSpace(k), "q") {
				if q, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && q == 0 {
					return false
				}
			}
		}
		return true
	}
	return false
}

// compressor keeps each body it has compressed, by its hash.
type compressor struct {
	level int
	mu    sync.Mutex
	done  map[[sha256.Size]byte][]byte
}

func (c *compressor) compress(body []byte) []byte {
	key := sha256.Sum256(body)
	c.mu.Lock()
	defer c.mu.Unlock()
	if gz, ok := c.done[key]; ok {
		return gz
	}
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, c.level)
	w.Write(body)
	w.Close()
	c.done[key] = buf.Bytes()
	return buf.Bytes()
}
