//go:build !wasm

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// pageFile is the file the generator writes for a page.
func pageFile(path string) string {
	if path == "/" {
		return "index.html"
	}
	return filepath.FromSlash(strings.TrimPrefix(path, "/")) + ".html"
}

// TestEachPageRunsItsOwnProgram checks the generated site, at the root and
// under a sub-path: the scenario and cohort pages load councillor.js and
// preload web/councillor.wasm, every other page app.js and web/app.wasm,
// and no page names the other program; each page's loading line names
// what is loading (the calculator, or the scenario and cohort tools, as
// site/loader.js expects); each script fetches its own program and counts
// its own program's bytes (the stand-ins are 4 and 8 bytes long,
// generateSite).
func TestEachPageRunsItsOwnProgram(t *testing.T) {
	for _, prefix := range []string{"", "/openras"} {
		out := generateSite(t, prefix, "")
		for _, path := range pages() {
			page := readPage(t, out, pageFile(path))
			own, other := calculatorProgram, councillorProgram
			if path == "/scenario" || path == "/cohort" {
				own, other = other, own
			}
			for _, want := range []string{
				`src="` + prefix + own.script + `"`,
				`<link rel="preload" href="` + prefix + own.wasm + `" as="fetch" type="application/wasm" crossorigin>`,
				"Loading " + own.what + ": 0%",
			} {
				if strings.Count(page, want) != 1 {
					t.Errorf("%s%s: %s is not there once", prefix, path, want)
				}
			}
			// The program is preloaded before loader.js, a script whose
			// download holds back the requests of the tags after it; and
			// loader.js is named once.
			preload := strings.Index(page, `<link rel="preload" href="`+prefix+own.wasm+`"`)
			loader := strings.Index(page, `<script src="`+prefix+`/web/loader.js"></script>`)
			if loader < 0 || strings.Count(page, "/web/loader.js") != 1 {
				t.Errorf("%s%s: loader.js is not there once", prefix, path)
			} else if preload > loader {
				t.Errorf("%s%s: the program is preloaded after loader.js", prefix, path)
			}
			for _, unwanted := range []string{prefix + other.script + `"`, prefix + other.wasm + `"`} {
				if strings.Contains(page, unwanted) {
					t.Errorf("%s%s names the other program: %s", prefix, path, unwanted)
				}
			}
		}
		for _, tc := range []struct {
			file, wasm, length string
		}{
			{"app.js", "/web/app.wasm", "4"},
			{"councillor.js", "/web/councillor.wasm", "8"},
		} {
			js := readPage(t, out, tc.file)
			if !strings.Contains(js, `"`+prefix+tc.wasm+`"`) {
				t.Errorf("%s%s does not fetch %s", prefix, tc.file, tc.wasm)
			}
			if !strings.Contains(js, `goappWasmContentLength = "`+tc.length+`"`) {
				t.Errorf("%s%s does not count %s bytes", prefix, tc.file, tc.length)
			}
		}
	}
}

// TestProgramScriptsDifferOnlyInTheirProgram checks that councillor.js is
// go-app's app.js but for its program, the program's length and its
// loading line: the same version, policies and worker.
func TestProgramScriptsDifferOnlyInTheirProgram(t *testing.T) {
	out := generateSite(t, "/openras", "")
	app, councillor := readPage(t, out, "app.js"), readPage(t, out, "councillor.js")
	councillor = strings.Replace(councillor, `"/openras/web/councillor.wasm"`, `"/openras/web/app.wasm"`, 1)
	councillor = strings.Replace(councillor, `goappWasmContentLength = "8"`, `goappWasmContentLength = "4"`, 1)
	councillor = strings.Replace(councillor, `"Loading the scenario and cohort tools: {progress}%"`, `"Loading the calculator: {progress}%"`, 1)
	if app != councillor {
		t.Error("councillor.js differs from app.js in more than its program, its length and its loading line")
	}
}

// TestWorkerListsBothPrograms checks the service worker's list of files:
// both programs and both scripts, under a sub-path too, each once; the
// worker stores the programs only once a page runs them (worker.js).
func TestWorkerListsBothPrograms(t *testing.T) {
	for _, prefix := range []string{"", "/openras"} {
		worker := readPage(t, generateSite(t, prefix, ""), "app-worker.js")
		m := regexp.MustCompile(`const resourcesToCache = (\[.*\]);`).FindStringSubmatch(worker)
		if m == nil {
			t.Fatalf("%s: the worker has no list of files", prefix)
		}
		var files []string
		if err := json.Unmarshal([]byte(m[1]), &files); err != nil {
			t.Fatal(err)
		}
		for _, p := range programs {
			for _, file := range []string{p.script, p.wasm} {
				if n := len(slices.DeleteFunc(slices.Clone(files), func(f string) bool { return f != prefix+file })); n != 1 {
					t.Errorf("%s: the worker does not list %s once", prefix, prefix+file)
				}
			}
		}
	}
}

func TestPageProgram(t *testing.T) {
	for _, path := range pages() {
		want := calculatorProgram
		if path == "/scenario" || path == "/cohort" {
			want = councillorProgram
		}
		if got := pageProgram(path); got != want {
			t.Errorf("%s is run by the %s's program, want the %s's", path, got.name, want.name)
		}
	}
}

// TestCalculatorProgramLeavesOutTheCouncillorPages builds both programs for
// the browser as the site builds them (the calculator's with -tags noyaml),
// with their symbols, and reads the names of their functions: the
// calculator's has none of the scenario and cohort pages, the council's
// tools, their charts, the YAML encoder or the YAML parser (it reads the
// shipped policies from their trees of nodes, policies.Nodes), nor any of
// yaml.v3 or a regular expression compiled (calculatorOnly); the
// councillor's has the pages, and the parser for a pasted scenario.
// It builds two programs: go test -short leaves it out.
func TestCalculatorProgramLeavesOutTheCouncillorPages(t *testing.T) {
	if testing.Short() {
		t.Skip("builds both programs")
	}
	build := func(tags string) []byte {
		t.Helper()
		out := filepath.Join(t.TempDir(), "program.wasm")
		args := []string{"build", "-trimpath", "-o", out}
		if tags != "" {
			args = append(args, "-tags", tags)
		}
		cmd := exec.Command("go", append(args, ".")...)
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build -tags %q: %v\n%s", tags, err, msg)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	// The linker's names: main.(*scenarioPage).Render is written
	// main.__scenarioPage_.Render (bench/wasmsize).
	councillorOnly := regexp.MustCompile(`main\.(__)?(scenarioPage|cohortPage|councilTools)_?\.|main\.(spendSVG|gainsSVG|diffSVG|fitSVG)\b|yaml_2ev3\.[A-Za-z_]*(emitter|encoder)|yaml_2ev3\.(__parser_|yaml_parser_)`)
	found := func(program []byte) []string {
		var names []string
		for _, m := range councillorOnly.FindAll(program, -1) {
			if s := string(m); !slices.Contains(names, s) {
				names = append(names, s)
			}
		}
		slices.Sort(names)
		return names
	}
	calculator := build("noyaml")
	if names := found(calculator); len(names) != 0 {
		t.Errorf("the calculator's program links %s", strings.Join(names, ", "))
	}
	if names := calculatorOnly(t, calculator); len(names) != 0 {
		t.Errorf("the calculator's program links %s", strings.Join(names, ", "))
	}
	if !bytes.Contains(calculator, []byte("main.__elsewhere_.OnNav")) {
		t.Error("the calculator's program does not route the councillor's pages to elsewhere")
	}
	councillor := build("councillor")
	names := found(councillor)
	for _, want := range []string{"main.__scenarioPage_.", "main.__cohortPage_.", "yaml_2ev3.__parser_"} {
		if !slices.Contains(names, want) {
			t.Errorf("the councillor's program lacks %s (it has %v)", want, names)
		}
	}
	if bytes.Contains(councillor, []byte("main.__elsewhere_.")) {
		t.Error("the councillor's program routes a page to elsewhere")
	}
}

// calculatorOnly lists the functions of program, a build that kept its
// symbols, that the calculator's program must not have: any of
// gopkg.in/yaml.v3, and regexp's Compile and MustCompile, which every
// regular expression the program compiled itself would call. Compiling one
// as the page starts, as yaml.v3's package does, costs a phone tens of
// milliseconds: the browser compiles the code of regexp's parser, and its
// Unicode tables, to run it.
//
// The parser stays in the program all the same: go-app's router matches
// routes by regular expression (the calculator routes none), and the
// matcher's pool holds a *regexp.Regexp, whose UnmarshalText compiles one.
// Never called, that code is never compiled by the browser.
func calculatorOnly(t *testing.T, program []byte) []string {
	t.Helper()
	all := functionNames(t, program)
	if !slices.Contains(all, "main.main") {
		t.Fatalf("main.main is not among the %d names of the program", len(all))
	}
	var names []string
	for _, name := range all {
		if strings.HasPrefix(name, "gopkg.in_yaml_2ev3.") || name == "regexp.Compile" || name == "regexp.MustCompile" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// functionNames reads the names of a WebAssembly program's functions from
// its name section (bench/wasmsize reads it too).
func functionNames(t *testing.T, program []byte) []string {
	t.Helper()
	data := program
	fail := func() []string { t.Fatal("the program's name section cannot be read"); return nil }
	uleb := func() int {
		v, shift := 0, 0
		for len(data) > 0 {
			c := data[0]
			data = data[1:]
			v |= int(c&0x7f) << shift
			if c < 0x80 {
				return v
			}
			shift += 7
		}
		return -1
	}
	if len(data) < 8 || string(data[:4]) != "\x00asm" {
		return fail()
	}
	data = data[8:]
	for len(data) > 0 {
		id := data[0]
		data = data[1:]
		size := uleb()
		if size < 0 || size > len(data) {
			return fail()
		}
		section, rest := data[:size], data[size:]
		data = section
		if n := uleb(); id != 0 || n < 0 || n > len(data) || string(data[:n]) != "name" {
			data = rest
			continue
		} else {
			data = data[n:]
		}
		for len(data) > 0 {
			sub := data[0]
			data = data[1:]
			size := uleb()
			if size < 0 || size > len(data) {
				return fail()
			}
			if sub != 1 {
				data = data[size:]
				continue
			}
			data = data[:size]
			var names []string
			for count := uleb(); count > 0; count-- {
				uleb() // the function's index
				n := uleb()
				if n < 0 || n > len(data) {
					return fail()
				}
				names = append(names, string(data[:n]))
				data = data[n:]
			}
			return names
		}
		return fail()
	}
	return fail()
}

// TestCalculatorProgramImportsNoYAML lists the packages of the calculator's
// program, built as the site builds it (GOOS=js GOARCH=wasm -tags noyaml):
// gopkg.in/yaml.v3 is not among them, while the councillor's program, which
// reads pasted policy files, has it. And every build of the calculator's
// program, the site's and the one bench-site weighs, has -tags noyaml.
func TestCalculatorProgramImportsNoYAML(t *testing.T) {
	deps := func(tags string) []string {
		t.Helper()
		cmd := exec.Command("go", "list", "-deps", "-tags", tags, ".")
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps -tags %s: %v", tags, err)
		}
		list := strings.Fields(string(out))
		if !slices.Contains(list, "github.com/openras/openras/engine") {
			t.Fatalf("go list -deps -tags %s lists no engine: %s", tags, out)
		}
		return list
	}
	if slices.Contains(deps("noyaml"), "gopkg.in/yaml.v3") {
		t.Error("the calculator's program imports gopkg.in/yaml.v3")
	}
	if !slices.Contains(deps("councillor"), "gopkg.in/yaml.v3") {
		t.Error("the councillor's program does not import gopkg.in/yaml.v3: has it lost reading a pasted policy?")
	}
	for _, tc := range []struct{ file, build string }{
		{"../Makefile", "-o $(DIST)/web/app.wasm ./wasm"},
		{"../bench/site.sh", `-o "$tmp/syms/app.wasm" ./wasm`},
	} {
		data, err := os.ReadFile(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		lines := 0
		for _, line := range strings.Split(string(data), "\n") {
			if strings.Contains(line, tc.build) {
				lines++
				if !strings.Contains(line, "-tags noyaml") {
					t.Errorf("%s builds the calculator's program without -tags noyaml: %s", tc.file, strings.TrimSpace(line))
				}
			}
		}
		if lines != 1 {
			t.Errorf("%s builds the calculator's program on %d lines, want 1", tc.file, lines)
		}
	}
}
