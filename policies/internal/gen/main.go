// Command gen reads each policy file NAME.yaml once, as the program would,
// and writes NAME.nodes: its tree of YAML nodes, which policies.Load reads
// without parsing YAML, so that the page need not link a YAML parser to read
// a shipped policy. A file is 8 bytes, the FNV-1a hash (64 bits, big-endian)
// of the YAML text it was read from, then engine.EncodeNodes's form of the
// tree, whose strings are mostly cut from that text; Load refuses one whose
// hash is not its text's.
//
//	go generate ./policies             # every policies/*.yaml, beside it
//	gen -out DIR a.yaml b.yaml ...     # the files named, into DIR
//
// A policy with a mistake is refused with its file:line message, and nothing
// is written for it. A file is written only when its bytes change.
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"

	"github.com/openras/openras/engine"
)

func main() {
	out := flag.String("out", ".", "the directory to write NAME.nodes in")
	flag.Parse()
	files := flag.Args()
	if len(files) == 0 {
		files, _ = filepath.Glob("*.yaml")
		// A .nodes file whose policy is gone goes too.
		old, _ := filepath.Glob(filepath.Join(*out, "*.nodes"))
		for _, f := range old {
			if _, err := os.Stat(strings.TrimSuffix(filepath.Base(f), ".nodes") + ".yaml"); os.IsNotExist(err) {
				if err := os.Remove(f); err != nil {
					fail(err)
				}
			}
		}
	}
	for _, f := range files {
		if err := write(f, *out); err != nil {
			fail(err)
		}
	}
}

func write(file, out string) error {
	text, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if _, err := engine.ParsePolicy(file, text); err != nil {
		return err
	}
	doc, err := engine.ReadPolicyNodes(file, text)
	if err != nil {
		return err
	}
	tree, err := engine.EncodeNodes(doc, string(text))
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	h := fnv.New64a()
	h.Write(text)
	data := binary.BigEndian.AppendUint64(nil, h.Sum64())
	data = append(data, tree...)
	name := filepath.Join(out, strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))+".nodes")
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, data) {
		return nil
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}
