#!/bin/sh
# bench/site.sh: what `make bench-site` runs (see bench/README.md). It needs
# the site built (make site does it first); it installs what else it needs:
# Debian's chromium if /usr/bin/chromium is missing.
#
#   GO=go DIST=dist PREFIX= RUNS=3 MODES=identity,gzip,phone CPU=4 bench/site.sh [site.mjs options]
#
# RUNS is how many fresh browsers each way of serving gets (the median is
# shown); MODES lists identity, gzip, phone and pages (see bench/README.md);
# CPU is how many times slower the phone mode's CPU is (4, as Lighthouse's
# mobile profile).
set -eu

GO=${GO:-go}
DIST=${DIST:-dist}
PREFIX=${PREFIX:-}
RUNS=${RUNS:-3}
MODES=${MODES:-identity,gzip,phone}
CPU=${CPU:-4}
cd "$(dirname "$0")/.."

NAME=site
. bench/needs.sh

tmp=$(mktemp -d "${TMPDIR:-/tmp}/openras-bench-site.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

echo "bench-site: building the hello-world, the servers and the builds with symbols" >&2
# The hello-world, with exactly the flags of the site's app.wasm (Makefile,
# site:), but for -tags noyaml, which only the project's own code reads.
GOOS=js GOARCH=wasm "$GO" build -trimpath -ldflags="-s -w" -o "$tmp/hello.wasm" ./testdata/gohello
# The servers, as binaries, so that stopping them stops them (go run would
# leave its child running).
"$GO" build -o "$tmp/wasm" ./wasm
"$GO" build -o "$tmp/gzserve" ./bench/gzserve
# The same two programs with their symbols, to tell which packages weigh
# (app.wasm: the calculator's program, as the site's; wasm/main.go).
mkdir "$tmp/syms"
GOOS=js GOARCH=wasm "$GO" build -trimpath -tags noyaml -o "$tmp/syms/app.wasm" ./wasm
GOOS=js GOARCH=wasm "$GO" build -trimpath -o "$tmp/syms/hello.wasm" ./testdata/gohello
"$GO" run ./bench/wasmsize -top 12 -pkgs "./wasm ./testdata/gohello" -base "$tmp/syms/hello.wasm" "$tmp/syms/app.wasm" >"$tmp/packages.txt"

# site.mjs stops its servers and browsers itself, at an interrupt too;
# timeout bounds the whole, and --foreground leaves node in the terminal's
# process group, so that Ctrl-C reaches it.
timeout --foreground 900 node --experimental-websocket bench/site.mjs \
	--app "$DIST/web/app.wasm" --councillor "$DIST/web/councillor.wasm" --hello "$tmp/hello.wasm" --dist "$DIST" --prefix "$PREFIX" \
	--serve "$tmp/wasm" --gzserve "$tmp/gzserve" --packages "$tmp/packages.txt" \
	--runs "$RUNS" --modes "$MODES" --cpu "$CPU" "$@"
