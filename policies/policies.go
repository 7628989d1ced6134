// Package policies holds the councils' policy files, embedded in the program,
// and loads them by id. A policy file is YAML; policies/README.md describes
// the format.
package policies

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/openras/openras/engine"
)

//go:embed *.yaml
var files embed.FS

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

// Load reads the embedded policy id strictly.
func Load(id string) (*engine.Policy, error) {
	data, err := Text(id)
	if err != nil {
		return nil, err
	}
	return parse(id, data)
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
