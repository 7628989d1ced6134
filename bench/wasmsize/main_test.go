package main

import (
	"os"
	"strings"
	"testing"
)

func TestPathToPrefix(t *testing.T) {
	for path, want := range map[string]string{
		"fmt":                           "fmt",
		"gopkg.in/yaml.v3":              "gopkg.in/yaml%2ev3",
		"github.com/shopspring/decimal": "github.com/shopspring/decimal",
	} {
		if got := pathToPrefix(path); got != want {
			t.Errorf("pathToPrefix(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestPackageOf(t *testing.T) {
	for _, p := range []string{"gopkg.in/yaml.v3", "github.com/maxence-charriere/go-app/v10/pkg/app", "encoding/json", "encoding"} {
		known[nameRegexp.ReplaceAllString(pathToPrefix(p), "_")] = p
	}
	for sym, want := range map[string]string{
		"gopkg.in_yaml_2ev3.__parser_.peek":                               "gopkg.in/yaml.v3",
		"github.com_maxence_charriere_go_app_v10_pkg_app.__htmlDiv_.Text": "github.com/maxence-charriere/go-app/v10/pkg/app",
		"encoding_json.sliceEncoder.encode":                               "encoding/json",
		"main.main":                                                       "main (the program)",
		"type_.eq.sync.poolLocalInternal":                                 "type: (compiler-generated)",
		"runtime.memequal":                                                "runtime",
		"":                                                                "(unnamed)",
	} {
		if got := packageOf(sym); got != want {
			t.Errorf("packageOf(%q) = %q, want %q", sym, got, want)
		}
	}
}

// tinyModule builds a WebAssembly binary: one imported function, two function
// bodies, and the names of all three.
func tinyModule() []byte {
	b := []byte("\x00asm\x01\x00\x00\x00")
	section := func(id byte, body []byte) {
		b = append(b, id, byte(len(body)))
		b = append(b, body...)
	}
	name := func(s string) []byte { return append([]byte{byte(len(s))}, s...) }
	// import: "go" "debug", a function of type 0
	imp := []byte{1}
	imp = append(imp, name("go")...)
	imp = append(imp, name("debug")...)
	imp = append(imp, 0, 0)
	section(2, imp)
	// code: bodies of 3 and 5 bytes (each with its size byte, 4 and 6)
	section(10, []byte{2, 3, 0, 0x01, 0x0b, 5, 0, 0x01, 0x01, 0x01, 0x0b})
	// name: function names
	var names []byte
	names = append(names, 3)
	for i, n := range []string{"go.debug", "main.main", "fmt.Println"} {
		names = append(names, byte(i))
		names = append(names, name(n)...)
	}
	custom := name("name")
	custom = append(custom, 1, byte(len(names)))
	custom = append(custom, names...)
	section(0, custom)
	return b
}

func TestParse(t *testing.T) {
	m, err := parse(tinyModule())
	if err != nil {
		t.Fatal(err)
	}
	if m.imports != 1 || len(m.bodies) != 2 || m.code != 10 {
		t.Fatalf("imports %d, bodies %d, code %d: want 1, 2, 10", m.imports, len(m.bodies), m.code)
	}
	if m.byPackage["main (the program)"] != 4 || m.byPackage["fmt"] != 6 {
		t.Errorf("by package %v: want main 4, fmt 6", m.byPackage)
	}
	var names []string
	for _, s := range m.sections {
		names = append(names, s.name)
	}
	if got := strings.Join(names, ","); got != "import,code,custom name" {
		t.Errorf("sections %s", got)
	}
	total := 0
	for _, s := range m.sections {
		total += s.size
	}
	if total != m.total-8 {
		t.Errorf("sections add up to %d, want %d", total, m.total-8)
	}
	if _, err := parse([]byte("not wasm")); err == nil {
		t.Error("parse of something else: want an error")
	}
}

func TestListFuncs(t *testing.T) {
	file := t.TempDir() + "/tiny.wasm"
	if err := os.WriteFile(file, tinyModule(), 0o644); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := listFuncs(&out, file, "fmt", 10); err != nil {
		t.Fatal(err)
	}
	// fmt's one function has a body of 5 bytes and its size byte: 6.
	want := "largest functions of fmt (6 bytes in all)\n  fmt.Println" + strings.Repeat(" ", 70-len("fmt.Println")) + strings.Repeat(" ", 10) + "6\n"
	if out.String() != want {
		t.Errorf("got\n%q\nwant\n%q", out.String(), want)
	}
}
