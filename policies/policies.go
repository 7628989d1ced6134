// Package policies holds the councils' policy files, embedded in the program,
// and loads them by id. A policy file is YAML; policies/README.md describes
// the format. Beside each NAME.yaml is NAME.nodes, its tree of YAML nodes
// read when the program is built (go generate ./policies): Load builds the
// policy from the tree, so that a program that only loads the embedded
// policies can be built without a YAML parser (-tags noyaml, as the
// calculator's page is: engine/yamlread.go).
package policies

//go:generate go run ./internal/gen

import (
	"embed"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/openras/openras/engine"
)

//go:embed *.yaml
var files embed.FS

// nodes are the policies read when the program was built: internal/gen
// writes them.
//
//go:embed *.nodes
var nodes embed.FS

// FS returns the embedded policy files, one NAME.yaml a policy.
func FS() fs.FS { return files }

// IDs lists the ids of the embedded policies, in order. It reads the
// embedded directory itself, as Load does, rather than through fs.FS: the
// page then has no need of io/fs's globbing and directory reading.
func IDs() []string {
	entries, _ := files.ReadDir(".")
	var ids []string
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".yaml"); ok {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// IDsIn lists the ids of the policy files in fsys: every NAME.yaml at its top.
func IDsIn(fsys fs.FS) ([]string, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(names))
	for i, n := range names {
		ids[i] = strings.TrimSuffix(n, ".yaml")
	}
	slices.Sort(ids)
	return ids, nil
}

// Load reads the embedded policy id strictly. It builds the policy from
// the tree of nodes read from its file when the program was built, through
// the checks ParsePolicy makes; a tree not read from the text embedded
// beside it is an error saying to run go generate ./policies.
func Load(id string) (*engine.Policy, error) {
	tree, err := Nodes(id)
	if err != nil {
		return nil, err
	}
	p, err := engine.PolicyFromNodes(path.Join("policies", id+".yaml"), tree)
	return checkID(id, p, err)
}

// Nodes is the tree of YAML nodes of the embedded policy id, read from its
// file when the program was built: a fresh copy each call, to read values
// from (engine.ValuesFromNodes) without linking a YAML parser.
func Nodes(id string) (*engine.Node, error) {
	text, err := Text(id)
	if err != nil {
		return nil, err
	}
	data, _ := nodes.ReadFile(id + ".nodes")
	return preRead(id, text, data)
}

// preRead decodes data, the file id.nodes written by internal/gen from text:
// 8 bytes, the FNV-1a hash of the text it was read from, then the tree,
// whose strings are mostly cut from the text.
func preRead(id string, text, data []byte) (*engine.Node, error) {
	file := path.Join("policies", id+".nodes")
	regenerate := ": run go generate ./policies"
	if data == nil {
		return nil, &engine.Error{File: file, Kind: engine.KindMissing, Msg: "is missing" + regenerate}
	}
	h := fnv.New64a()
	h.Write(text)
	if len(data) < 8 || binary.BigEndian.Uint64(data) != h.Sum64() {
		return nil, &engine.Error{File: file, Kind: engine.KindInvalid, Msg: "was not read from the text of " + id + ".yaml embedded beside it" + regenerate}
	}
	tree, err := engine.DecodeNodes(data[8:], string(text))
	if err != nil {
		return nil, &engine.Error{File: file, Kind: engine.KindInvalid, Msg: err.Error() + regenerate}
	}
	return tree, nil
}

// LoadFrom reads the policy id from fsys, where it is the file id.yaml.
// An unknown id is an error that lists the known ones.
func LoadFrom(fsys fs.FS, id string) (*engine.Policy, error) {
	ids, err := IDsIn(fsys)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(ids, id) {
		return nil, &engine.Error{Field: "policy", Value: id, Msg: "is not a known policy: expected one of " + strings.Join(ids, ", ")}
	}
	data, err := fs.ReadFile(fsys, id+".yaml")
	if err != nil {
		return nil, err
	}
	return parse(id, data)
}

// parse reads data as the policy file id.yaml, whose id must be id.
func parse(id string, data []byte) (*engine.Policy, error) {
	p, err := engine.ParsePolicy(path.Join("policies", id+".yaml"), data)
	return checkID(id, p, err)
}

// checkID passes on p, read from the file id.yaml with the error err,
// checking that its id is id.
func checkID(id string, p *engine.Policy, err error) (*engine.Policy, error) {
	if err != nil {
		return nil, err
	}
	if p.ID != id {
		return nil, &engine.Error{File: path.Join("policies", id+".yaml"), Field: "id", Value: p.ID, Msg: fmt.Sprintf("must match the file name: %s", id)}
	}
	return p, nil
}

// Text returns the text of the embedded policy file id, to show as it is.
func Text(id string) ([]byte, error) {
	if ids := IDs(); !slices.Contains(ids, id) {
		return nil, &engine.Error{Field: "policy", Value: id, Msg: "is not a known policy: expected one of " + strings.Join(ids, ", ")}
	}
	return files.ReadFile(id + ".yaml")
}
