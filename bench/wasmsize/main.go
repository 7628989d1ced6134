// Command wasmsize tells what a Go WebAssembly binary is made of: the size of
// each section, and the code of each Go package, read from the function
// bodies and the names of a build that kept its symbols (go build without
// -ldflags=-s; go tool nm does not read WebAssembly).
//
//	wasmsize [-top N] [-base other.wasm] [-pkgs "./wasm ./testdata/gohello"] app.wasm
//	wasmsize -funcs gopkg.in/yaml.v3 -pkgs ./wasm app.wasm   # its largest functions
//
// With -base, each package's size in the base binary is shown beside it, so
// what a program adds to a bare go-app hello-world stands out. The linker
// writes each name with every character but letters, digits, _ and . turned
// into _ (github.com_maxence_charriere_go_app_v10_pkg_app.Route); -pkgs names
// the programs built, so that go list can give their packages' real paths.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

func main() {
	top := flag.Int("top", 20, "how many packages to list")
	base := flag.String("base", "", "another binary to compare with, such as a bare hello-world")
	pkgs := flag.String("pkgs", "", "the programs built, as go list patterns, to name the packages by their paths")
	funcs := flag.String("funcs", "", "a package (as listed) whose largest functions to list instead")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: wasmsize [-top N] [-base other.wasm] [-pkgs patterns] [-funcs package] app.wasm")
		os.Exit(2)
	}
	if *pkgs != "" {
		if err := listPackages(strings.Fields(*pkgs)); err != nil {
			fmt.Fprintln(os.Stderr, "wasmsize:", err)
			os.Exit(1)
		}
	}
	if *funcs != "" {
		if err := listFuncs(os.Stdout, flag.Arg(0), *funcs, *top); err != nil {
			fmt.Fprintln(os.Stderr, "wasmsize:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(os.Stdout, flag.Arg(0), *base, *top); err != nil {
		fmt.Fprintln(os.Stderr, "wasmsize:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, file, baseFile string, top int) error {
	m, err := parseFile(file)
	if err != nil {
		return err
	}
	var b *module
	if baseFile != "" {
		if b, err = parseFile(baseFile); err != nil {
			return err
		}
	}
	out := bufio.NewWriter(w)
	defer out.Flush()

	if b == nil {
		fmt.Fprintf(out, "sections of %s\n", filepath.Base(file))
		for _, s := range m.sections {
			fmt.Fprintf(out, "  %-20s %12s  %5.1f%%\n", s.name, comma(s.size), pct(s.size, m.total))
		}
		fmt.Fprintf(out, "  %-20s %12s\n", "total", comma(m.total))
	} else {
		names, of, ofBase := m.sectionSizes(), m.sectionMap(), b.sectionMap()
		fmt.Fprintf(out, "%-22s %12s %12s %12s\n", "section", filepath.Base(file), filepath.Base(baseFile), "added")
		for _, n := range names {
			fmt.Fprintf(out, "  %-20s %12s %12s %12s\n", n, comma(of[n]), comma(ofBase[n]), comma(of[n]-ofBase[n]))
		}
		fmt.Fprintf(out, "  %-20s %12s %12s %12s\n", "total", comma(m.total), comma(b.total), comma(m.total-b.total))
	}
	if len(m.funcNames) == 0 {
		fmt.Fprintln(out, "  (no function names: build without -ldflags=-s to see the packages)")
		return nil
	}
	pkgs := sortedPackages(m.byPackage)
	if len(pkgs) > top {
		pkgs = pkgs[:top]
	}
	if b == nil {
		fmt.Fprintf(out, "\ncode by package, largest first\n")
		for _, p := range pkgs {
			fmt.Fprintf(out, "  %-50s %10s  %5.1f%%\n", p.name, comma(p.size), pct(p.size, m.code))
		}
		return nil
	}
	fmt.Fprintf(out, "\n%-52s %10s %10s %10s\n", "code by package, largest first", filepath.Base(file), filepath.Base(baseFile), "added")
	for _, p := range pkgs {
		fmt.Fprintf(out, "  %-50s %10s %10s %10s\n", p.name, comma(p.size), comma(b.byPackage[p.name]), comma(p.size-b.byPackage[p.name]))
	}
	added := sortedPackages(diff(m.byPackage, b.byPackage))
	if len(added) > top {
		added = added[:top]
	}
	fmt.Fprintf(out, "\n%-52s %10s %10s\n", "code added to the base, by package", "bytes", "gzip -9")
	for _, p := range added {
		gz := ""
		if b.byPackage[p.name]*10 < p.size {
			gz = comma(gzipSize(m.codeOf[p.name]))
		}
		fmt.Fprintf(out, "  %-50s %10s %10s\n", p.name, comma(p.size), gz)
	}
	fmt.Fprintf(out, "  %-50s %10s\n", "all", comma(m.code-b.code))
	fmt.Fprintln(out, "  (gzip -9: of the package's function bodies alone, where the base has under a tenth of it;")
	fmt.Fprintln(out, "  its data — strings, types, line tables — comes on top)")
	return nil
}

// listFuncs lists the largest functions of one package, to tell what in it
// weighs.
func listFuncs(w io.Writer, file, pkg string, top int) error {
	m, err := parseFile(file)
	if err != nil {
		return err
	}
	sizes := map[string]int{}
	total := 0
	for i, body := range m.bodies {
		name := m.funcNames[m.imports+i]
		if packageOf(name) == pkg {
			sizes[name] += len(body)
			total += len(body)
		}
	}
	fs := sortedPackages(sizes)
	if len(fs) > top {
		fs = fs[:top]
	}
	fmt.Fprintf(w, "largest functions of %s (%s bytes in all)\n", pkg, comma(total))
	for _, f := range fs {
		fmt.Fprintf(w, "  %-70s %10s\n", f.name, comma(f.size))
	}
	return nil
}

// sectionSizes lists the sections' names in the binary's order.
func (m *module) sectionSizes() []string {
	var names []string
	for _, s := range m.sections {
		names = append(names, s.name)
	}
	return names
}

func (m *module) sectionMap() map[string]int {
	sizes := map[string]int{}
	for _, s := range m.sections {
		sizes[s.name] += s.size
	}
	return sizes
}

type section struct {
	name string
	size int
}

type module struct {
	total     int
	sections  []section
	funcNames map[int]string
	bodies    [][]byte // each function body with its size, in the order of the code section
	imports   int      // imported functions come first in the function index space
	code      int
	byPackage map[string]int
	codeOf    map[string][]byte // the function bodies of each package, one after another
}

func parseFile(file string) (*module, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	m, err := parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return m, nil
}

var sectionNames = map[byte]string{1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global", 7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount"}

func parse(data []byte) (*module, error) {
	if len(data) < 8 || string(data[:4]) != "\x00asm" {
		return nil, errors.New("not a WebAssembly binary")
	}
	m := &module{total: len(data), funcNames: map[int]string{}, byPackage: map[string]int{}, codeOf: map[string][]byte{}}
	r := &reader{b: data, p: 8}
	for r.p < len(r.b) {
		id := r.byte()
		size := int(r.uleb())
		start := r.p
		if r.err != nil || start+size > len(r.b) {
			return nil, errors.New("truncated section")
		}
		body := &reader{b: r.b[start : start+size]}
		name := sectionNames[id]
		switch id {
		case 0:
			custom := body.name()
			name = "custom " + custom
			if custom == "name" {
				m.readNames(body)
			}
		case 2:
			m.readImports(body)
		case 10:
			m.readCode(body)
		}
		if name == "" {
			name = fmt.Sprintf("section %d", id)
		}
		m.sections = append(m.sections, section{name, 1 + ulebLen(size) + size})
		r.p = start + size
	}
	for i, body := range m.bodies {
		m.code += len(body)
		pkg := packageOf(m.funcNames[m.imports+i])
		m.byPackage[pkg] += len(body)
		m.codeOf[pkg] = append(m.codeOf[pkg], body...)
	}
	return m, nil
}

func (m *module) readImports(r *reader) {
	n := int(r.uleb())
	for i := 0; i < n && r.err == nil; i++ {
		r.name()
		r.name()
		switch kind := r.byte(); kind {
		case 0: // function: a type index
			r.uleb()
			m.imports++
		case 1: // table: element type and limits
			r.byte()
			r.limits()
		case 2: // memory: limits
			r.limits()
		case 3: // global: value type and mutability
			r.byte()
			r.byte()
		}
	}
}

func (m *module) readCode(r *reader) {
	n := int(r.uleb())
	for i := 0; i < n && r.err == nil; i++ {
		start := r.p
		size := int(r.uleb())
		if r.p+size > len(r.b) {
			r.err = io.ErrUnexpectedEOF
			return
		}
		m.bodies = append(m.bodies, r.b[start:r.p+size])
		r.p += size
	}
}

func (m *module) readNames(r *reader) {
	for r.p < len(r.b) && r.err == nil {
		id := r.byte()
		size := int(r.uleb())
		end := r.p + size
		if id == 1 { // function names
			n := int(r.uleb())
			for i := 0; i < n && r.err == nil; i++ {
				idx := int(r.uleb())
				m.funcNames[idx] = r.name()
			}
		}
		r.p = end
	}
}

// known maps each package's name as the linker writes it to its path.
var known = map[string]string{}

var nameRegexp = regexp.MustCompile(`[^\w.]`)

// listPackages asks go list for the packages of the programs, as built for
// the browser.
func listPackages(patterns []string) error {
	cmd := exec.Command("go", append([]string{"list", "-deps", "-f", "{{.ImportPath}}"}, patterns...)...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("go list %s: %w", strings.Join(patterns, " "), err)
	}
	for _, p := range strings.Fields(string(out)) {
		known[nameRegexp.ReplaceAllString(pathToPrefix(p), "_")] = p
	}
	return nil
}

// pathToPrefix escapes a package path as the compiler does in symbol names
// (cmd/internal/objabi.PathToPrefix): the dots of the last element, %, " and
// control and non-ASCII bytes as %xx.
func pathToPrefix(p string) string {
	slash := strings.LastIndex(p, "/")
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c <= ' ' || (c == '.' && i > slash) || c == '%' || c == '"' || c >= 0x7F {
			fmt.Fprintf(&b, "%%%02x", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// packageOf is the Go package of a function's name: the longest known
// package that the name starts with, followed by a dot; else what stands
// before the first dot. The equality and hash functions the compiler writes
// for types are counted under "type:".
func packageOf(sym string) string {
	switch {
	case sym == "":
		return "(unnamed)"
	case strings.HasPrefix(sym, "type_."):
		return "type: (compiler-generated)"
	case strings.HasPrefix(sym, "main."):
		return "main (the program)"
	}
	best := ""
	for i := 0; i < len(sym); i++ {
		if sym[i] == '.' {
			if _, ok := known[sym[:i]]; ok {
				best = sym[:i]
			}
		}
	}
	if best != "" {
		return known[best]
	}
	if dot := strings.Index(sym, "."); dot > 0 {
		return sym[:dot]
	}
	return sym
}

type pkgSize struct {
	name string
	size int
}

func sortedPackages(m map[string]int) []pkgSize {
	var ps []pkgSize
	for n, s := range m {
		if s > 0 {
			ps = append(ps, pkgSize{n, s})
		}
	}
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].size != ps[j].size {
			return ps[i].size > ps[j].size
		}
		return ps[i].name < ps[j].name
	})
	return ps
}

func diff(a, b map[string]int) map[string]int {
	d := map[string]int{}
	for n, s := range a {
		d[n] = s - b[n]
	}
	return d
}

type reader struct {
	b   []byte
	p   int
	err error
}

func (r *reader) byte() byte {
	if r.p >= len(r.b) {
		r.err = io.ErrUnexpectedEOF
		return 0
	}
	c := r.b[r.p]
	r.p++
	return c
}

func (r *reader) uleb() uint64 {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		c := r.byte()
		v |= uint64(c&0x7f) << shift
		if c&0x80 == 0 {
			break
		}
	}
	return v
}

func (r *reader) name() string {
	n := int(r.uleb())
	if r.p+n > len(r.b) {
		r.err = io.ErrUnexpectedEOF
		return ""
	}
	s := string(r.b[r.p : r.p+n])
	r.p += n
	return s
}

func (r *reader) limits() {
	if r.byte()&1 != 0 {
		r.uleb()
	}
	r.uleb()
}

func ulebLen(v int) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// comma writes n with thousands separators.
func comma(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
