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
// the browser, with their symbols, and reads the names of their functions:
// the calculator's has none of the scenario and cohort pages, the council's
// tools, their charts, the YAML encoder or the YAML parser (it reads the
// shipped policies from their trees of nodes, policies.Nodes); the
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
	calculator := build("")
	if names := found(calculator); len(names) != 0 {
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
