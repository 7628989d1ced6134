package link

import "flag"

// -update rewrites the golden files of the packages that have them (cmd/ras,
// wasm). This package has none; it takes the flag so that
// go test ./... -update runs here too.
var _ = flag.Bool("update", false, "rewrite the golden files (none in this package)")
