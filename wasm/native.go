//go:build !wasm

package main

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// native runs the generator or the local server: see the package comment.
func native() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: wasm generate -out DIR [-prefix /PATH] [-site site] [-url https://HOST/PATH] | wasm serve -dir DIR [-addr HOST:PORT] [-prefix /PATH]")
	}
	switch args[0] {
	case "generate":
		fs := flag.NewFlagSet("generate", flag.ContinueOnError)
		out := fs.String("out", "dist", "the folder to write the site to; it must hold web/app.wasm and web/councillor.wasm")
		prefix := fs.String("prefix", "", "the sub-path the site is hosted under, like /openras")
		site := fs.String("site", "site", "the folder of the hand-written assets")
		sources := fs.String("sources", "", "another folder of source reports, for a council's own policies")
		demo := fs.String("demo", "testdata/cohorts/demo-trafford-synthetic.csv", "the synthetic demonstration cohort")
		siteURL := fs.String("url", "", "the site's address, like https://example.org/openras, for links shared on social networks (share.go)")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		return generate(*out, *prefix, *site, *sources, *demo, *siteURL, stdout)
	case "serve":
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		dir := fs.String("dir", "dist", "the generated site")
		addr := fs.String("addr", "127.0.0.1:8080", "the address to listen on")
		prefix := fs.String("prefix", "", "the sub-path to serve the site under, like /openras")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		return serve(*dir, *addr, *prefix, stdout)
	}
	return fmt.Errorf("unknown command %q: use generate or serve", args[0])
}

// workerJS is the service worker's template: see worker.js.
//
//go:embed worker.js
var workerJS string

// contentSecurityPolicy allows nothing but the page's own origin: its
// scripts, the WebAssembly it compiles, its stylesheet, images and the
// service worker's requests. No inline script or style is allowed.
const contentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
	"img-src 'self'; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'"

// headerCSP is the policy a host sends as a header: the page's own, and no
// other site may show the page in a frame (frame-ancestors, which a
// <meta> policy cannot carry: browsers ignore it there).
const headerCSP = contentSecurityPolicy + "; frame-ancestors 'none'"

// cspMeta and referrerMeta are the page's policies in its <head>. A <meta>
// policy governs only what comes after it, so securityFirst moves them to
// the top of the <head>, before any script or stylesheet.
const (
	cspMeta      = `<meta http-equiv="Content-Security-Policy" content="` + contentSecurityPolicy + `">`
	referrerMeta = `<meta name="referrer" content="no-referrer">`
)

// program is one of the site's two programs (main.go): the script that
// starts it, and its WebAssembly.
type program struct {
	name   string // as the Makefile and the messages name it
	script string // go-app's /app.js for this program
	wasm   string // go-app's /web/app.wasm for this program
	what   string // what its pages' loading line says is loading (site/loader.js knows each)
}

var (
	calculatorProgram = program{"calculator", "/app.js", "/web/app.wasm", "the calculator"}
	councillorProgram = program{"councillor", "/councillor.js", "/web/councillor.wasm", "the scenario and cohort tools"}
	programs          = []program{calculatorProgram, councillorProgram}
)

// pageProgram is the program that runs the page at path.
func pageProgram(path string) program {
	if slices.Contains(councillorPages, path) {
		return councillorProgram
	}
	return calculatorProgram
}

// programResolver resolves go-app's own names for its script and program,
// /app.js and /web/app.wasm, to those of one program, wherever go-app
// resolves them: the page's <script>, the program app.js fetches, and the
// preload (wasmPreload). Every other path resolves as before.
type programResolver struct {
	app.ResourceResolver
	p program
}

func (r programResolver) Resolve(location string) string {
	switch location {
	case "/app.js":
		location = r.p.script
	case "/web/app.wasm":
		location = r.p.wasm
	}
	return r.ResourceResolver.Resolve(location)
}

// wasmPreload asks for the page's program as the page's head is read, beside
// its scripts, rather than once app.js has run and asks for it: a round trip
// and the scripts' download sooner. It is asked for as app.js's fetch(url)
// asks (mode cors, credentials same-origin, which crossorigin says), so that
// the fetch takes the preloaded answer instead of downloading it again.
// site/loader.js reads it to tell the service worker which program arrived.
func wasmPreload(resources app.ResourceResolver) string {
	return `<link rel="preload" href="` + resources.Resolve("/web/app.wasm") + `" as="fetch" type="application/wasm" crossorigin>`
}

// handler is the page's configuration, the same for generating and for the
// program in the browser (which reads what it needs from app.js): that of
// the calculator's pages, and of the site's service worker.
func handler(prefix, version string, pages []string) *app.Handler {
	return programHandler(prefix, version, pages, calculatorProgram)
}

// programHandler is the configuration of the pages that program prog runs.
func programHandler(prefix, version string, pages []string, prog program) *app.Handler {
	var resources app.ResourceResolver = app.LocalDir("")
	if prefix != "" {
		resources = app.PrefixedLocation(prefix)
	}
	resources = programResolver{resources, prog}
	var cacheable []string
	for _, p := range pages {
		if p != "/" && p != "/404" {
			cacheable = append(cacheable, p)
		}
	}
	for _, id := range policyIDs() {
		cacheable = append(cacheable, "/web/sources/"+shipped.policy(id).Source.Document)
	}
	cacheable = append(cacheable, demoCohort, "/web/icon.svg", "/web/noscript.css", "/web/loader.js")
	// Both programs and their scripts, for the service worker: it stores
	// each program once a page running it has it (worker.js).
	for _, p := range programs {
		cacheable = append(cacheable, p.script, p.wasm)
	}
	return &app.Handler{
		Name:        "OpenRAS",
		ShortName:   "OpenRAS",
		Title:       "OpenRAS: personal budgets for disabled children",
		Description: "Work out an indicative personal budget under a council's Resource Allocation System for children, and read how it is worked out.",
		Lang:        "en-GB",
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-512.png",
			SVG:      "/web/icon.svg",
		},
		BackgroundColor:    "#ffffff",
		ThemeColor:         "#1b3a4b",
		LoadingLabel:       "Loading " + prog.what + ": {progress}%",
		Styles:             []string{"/web/style.css"},
		CacheableResources: cacheable,
		// The program's preload comes before loader.js, not after it as it
		// would in go-app's Scripts: a script the page waits for holds back
		// the requests of the tags after it until it has arrived and run,
		// and on a phone's link that was a quarter of a second in which the
		// program, most of the page's bytes, was not yet asked for.
		RawHeaders: []string{
			cspMeta,
			referrerMeta,
			wasmPreload(resources),
			`<script src="` + resources.Resolve("/web/loader.js") + `"></script>`,
			`<noscript><link rel="stylesheet" href="` + resources.Resolve("/web/noscript.css") + `"></noscript>`,
		},
		Resources:             resources,
		Version:               version,
		ServiceWorkerTemplate: workerJS,
		// What every page names of each policy, which app.js holds for
		// the browser: it then reads only the policy its page shows.
		Env: map[string]string{policyEnvKey: shipped.env()},
	}
}

// env is the text of the facts of every policy in s, for the browser:
// the generator writes it into app.js (handler), where shippedFromEnv
// reads it.
func (s *policySet) env() string {
	lines := make([]string, len(s.ids))
	for i, id := range s.ids {
		f := s.facts[id]
		published := "unpublished"
		if f.Published {
			published = "published"
		}
		fields := []string{f.ID, f.Name, f.Council, f.Date.String(), published}
		for j, v := range fields {
			fields[j] = strconv.Quote(v)
		}
		lines[i] = strings.Join(fields, "\t")
	}
	return strings.Join(lines, "\n")
}

// pages lists every page of the site; 404 is the page for any other path.
func pages() []string {
	ps := []string{"/", "/scenario", "/cohort"}
	for _, id := range policyIDs() {
		ps = append(ps, methodologyPath(id), reportPath(id))
	}
	return append(ps, "/404")
}

// generate writes the static site into out, which already holds both
// programs, web/app.wasm and web/councillor.wasm: the hand-written assets,
// the source reports, the icons, every page prerendered with its own
// program's script, and councillor.js beside app.js.
func generate(out, prefix, site, sources, demo, siteURL string, stdout io.Writer) error {
	if err := shipped.loadErr(); err != nil {
		return err
	}
	if prefix != "" && (!strings.HasPrefix(prefix, "/") || strings.HasSuffix(prefix, "/")) {
		return fmt.Errorf("-prefix %q: write it like /openras, with a slash before and none after", prefix)
	}
	web := filepath.Join(out, "web")
	sizes := map[program]int64{}
	for _, p := range programs {
		file := filepath.Join(out, filepath.FromSlash(p.wasm))
		st, err := os.Stat(file)
		if err != nil {
			return fmt.Errorf("%s: build the %s's program first (make site does)", file, p.name)
		}
		sizes[p] = st.Size()
	}
	if err := copyDir(site, web); err != nil {
		return err
	}
	for _, id := range policyIDs() {
		doc := shipped.policy(id).Source.Document
		if err := copySource(doc, []string{filepath.Join(site, "sources"), sources}, filepath.Join(web, "sources")); err != nil {
			return fmt.Errorf("policy %s: %w", id, err)
		}
	}
	if err := loadReports(filepath.Join(web, "sources")); err != nil {
		return err
	}
	if err := copyFile(demo, filepath.Join(out, filepath.FromSlash(demoCohort))); err != nil {
		return fmt.Errorf("the demonstration cohort: %w", err)
	}
	if err := writeIcons(web); err != nil {
		return err
	}
	version, err := contentVersion(web)
	if err != nil {
		return err
	}
	version = reportsVersion(version)
	ps := pages()
	// Every page as the calculator's program runs it, with app.js and the
	// service worker; then the councillor's pages again, with their own
	// program, and the script that starts it.
	hs := map[program]*app.Handler{}
	for _, p := range programs {
		h := programHandler(prefix, version, ps, p)
		// The loader's progress, where the host sends no Content-Length.
		h.WasmContentLength = fmt.Sprint(sizes[p])
		if err := shareAddress(h, siteURL, prefix); err != nil {
			return err
		}
		hs[p] = h
	}
	if err := app.GenerateStaticWebsite(out, hs[calculatorProgram], ps...); err != nil {
		return err
	}
	if err := writeProgramPages(out, hs[councillorProgram], councillorProgram); err != nil {
		return err
	}
	if siteURL == "" {
		if err := dropShareTags(out); err != nil {
			return err
		}
	}
	// go-app writes its scripts before the raw headers: the policies go
	// first, so that they govern every script of the page.
	if err := eachPage(out, securityFirst); err != nil {
		return err
	}
	// GitHub Pages, like most static hosts, serves 404.html for any path it
	// does not have; it holds the app, which shows its own "not found" page.
	fmt.Fprintf(stdout, "wrote the site to %s (version %s)\n", out, version)
	return nil
}

// writeProgramPages writes, over what GenerateStaticWebsite wrote, the pages
// of program p as h prerenders them, and the script that starts p: go-app's
// app.js as h writes it, saved under p's name.
func writeProgramPages(out string, h *app.Handler, p program) error {
	files := map[string]string{"/app.js": p.script}
	for _, path := range councillorPages {
		if pageProgram(path) == p {
			files[path] = path + ".html"
		}
	}
	for path, file := range files {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			return fmt.Errorf("the %s's %s: status %d", p.name, path, rec.Code)
		}
		if err := os.WriteFile(filepath.Join(out, filepath.FromSlash(file)), rec.Body.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// eachPage rewrites every page written to out with edit.
func eachPage(out string, edit func(page []byte) ([]byte, error)) error {
	return filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".html" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		data, err = edit(data)
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		return os.WriteFile(path, data, 0o644)
	})
}

// charsetMeta is the first tag of go-app's <head>: the character set must
// be declared within a page's first 1024 bytes, so the policies come after it.
var charsetMeta = []byte(`<meta charset="UTF-8">`)

// securityFirst moves the page's Content-Security-Policy and referrer
// policy from the end of its <head>, where go-app writes the raw headers
// after its scripts, to just after its character set. A page without them,
// or with a script before its character set, is an error: the site is not
// written with a page its policy does not cover.
func securityFirst(page []byte) ([]byte, error) {
	at := bytes.Index(page, charsetMeta)
	if at < 0 {
		return nil, errors.New(`no <meta charset="UTF-8"> to put the Content-Security-Policy after`)
	}
	if bytes.Contains(page[:at], []byte("<script")) {
		return nil, errors.New("a script comes before the character set")
	}
	for _, tag := range []string{cspMeta, referrerMeta} {
		i := bytes.Index(page, []byte(tag))
		if i < 0 {
			return nil, fmt.Errorf("the page lacks %s", tag)
		}
		// The tag, and the indentation and line break before it.
		start := i
		for start > 0 && (page[start-1] == ' ' || page[start-1] == '\t') {
			start--
		}
		if start > 0 && page[start-1] == '\n' {
			start--
		}
		page = append(page[:start:start], page[i+len(tag):]...)
	}
	at += len(charsetMeta)
	indent := ""
	if nl := bytes.LastIndexByte(page[:at], '\n'); nl >= 0 {
		indent = string(page[nl : bytes.Index(page[nl:], charsetMeta)+nl])
	}
	insert := indent + cspMeta + indent + referrerMeta
	out := make([]byte, 0, len(page)+len(insert))
	out = append(append(append(out, page[:at]...), insert...), page[at:]...)
	return out, nil
}

// contentVersion is a hash of everything the site serves from web/, so a
// new deploy has a new version and returning visitors get it.
func contentVersion(web string) (string, error) {
	h := sha256.New()
	err := filepath.WalkDir(web, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(web, path)
		fmt.Fprintf(h, "%s\n", filepath.ToSlash(rel))
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(h, f)
		return err
	})
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

func copyDir(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		return copyFile(path, dst)
	})
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

// copySource finds a policy's source report in one of dirs.
func copySource(doc string, dirs []string, to string) error {
	for _, dir := range dirs {
		if dir == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, doc)); err == nil {
			return copyFile(filepath.Join(dir, doc), filepath.Join(to, doc))
		}
	}
	return fmt.Errorf("its source report %s is not in %s", doc, strings.Join(slices.DeleteFunc(dirs, func(s string) bool { return s == "" }), " or "))
}

// writeIcons draws the app's icons: three rising bars, the bands of the model,
// on the site's dark blue. They are drawn here rather than fetched from
// anywhere, so the page asks no other host for anything.
func writeIcons(web string) error {
	for _, size := range []int{192, 512} {
		img := image.NewRGBA(image.Rect(0, 0, size, size))
		bg := color.RGBA{0x1b, 0x3a, 0x4b, 0xff}
		fg := color.RGBA{0xff, 0xff, 0xff, 0xff}
		for y := 0; y < size; y++ {
			for x := 0; x < size; x++ {
				img.Set(x, y, bg)
			}
		}
		bar := size / 8
		for i, h := range []int{3, 5, 7} {
			x0 := size/4 + i*(bar+bar/2)
			for y := size*3/4 - h*size/16; y < size*3/4; y++ {
				for x := x0; x < x0+bar; x++ {
					img.Set(x, y, fg)
				}
			}
		}
		f, err := os.Create(filepath.Join(web, fmt.Sprintf("icon-%d.png", size)))
		if err != nil {
			return err
		}
		if err := png.Encode(f, img); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}

// serve serves a generated site as a static host does: a file for each
// path, NAME.html for an extensionless NAME, 404.html with status 404 for
// anything else, WebAssembly as application/wasm.
func serve(dir, addr, prefix string, stdout io.Writer) error {
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		return fmt.Errorf("%s holds no site: run make site first", dir)
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Serving OpenRAS at http://%s%s/ (Ctrl-C to stop)\n", l.Addr(), prefix)
	mux := http.NewServeMux()
	mux.Handle(prefix+"/", http.StripPrefix(prefix, staticHandler(dir)))
	return http.Serve(l, mux)
}

func staticHandler(dir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Clean("/" + r.URL.Path)
		w.Header().Set("Content-Security-Policy", headerCSP)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		w.Header().Set("Cache-Control", "no-cache")
		file := filepath.Join(dir, p)
		if st, err := os.Stat(file); err == nil && st.IsDir() {
			file = filepath.Join(file, "index.html")
		} else if err != nil && filepath.Ext(p) == "" {
			file += ".html"
		}
		status := http.StatusOK
		if _, err := os.Stat(file); err != nil {
			file, status = filepath.Join(dir, "404.html"), http.StatusNotFound
		}
		data, err := os.ReadFile(file)
		if err != nil {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", contentType(file))
		w.WriteHeader(status)
		w.Write(data)
	})
}

func contentType(file string) string {
	switch filepath.Ext(file) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".wasm":
		return "application/wasm"
	case ".webmanifest":
		return "application/manifest+json"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".json":
		return "application/json"
	}
	return "application/octet-stream"
}
