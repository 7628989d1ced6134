//go:build noyaml

package engine

// Built with -tags noyaml, the engine reads no YAML text: yamlread.go, with
// gopkg.in/yaml.v3's parser, is left out. The calculator's page is built so:
// it reads only the policies built into it, from their trees of nodes
// (DecodeNodes, policies.Nodes), and starts sooner without the parser and
// the regular expressions yaml.v3 compiles as it starts. What would read
// text is an *Error saying why it cannot.

// noYAML is what a program built without a YAML parser says of text it is
// given to read.
const noYAML = "cannot be read: reading YAML text is not built into this program; it reads the policies built into it"

// readDocument is yamlread.go's, in a program that reads no YAML text.
func readDocument(file string, data []byte, pause func()) (*Node, Errors) {
	if len(data) > MaxPolicyBytes {
		return nil, Errors{tooLarge(file)}
	}
	return nil, Errors{{File: file, Kind: KindUnreadable, Msg: noYAML}}
}

// readValue is yamlread.go's, in a program that reads no YAML text.
func readValue(path, value string) (*Node, error) {
	return nil, &Error{Field: path, Value: value, Kind: KindUnreadable, Msg: noYAML}
}
