#!/bin/sh
# bench/cohort.sh: what `make bench-cohort` runs (see bench/README.md). It
# needs the site built (the Makefile builds it into bench/.dist-cohort first);
# it installs what else it needs: Debian's chromium if /usr/bin/chromium is
# missing, and the end-to-end tests' playwright-core (npm ci in e2e/) if that
# is missing.
#
#   GO=go DIST=bench/.dist-cohort RUNS=3 bench/cohort.sh [cohort.mjs options]
#
# RUNS is how many fresh browsers each measurement gets (the median is shown).
set -eu

GO=${GO:-go}
DIST=${DIST:-bench/.dist-cohort}
RUNS=${RUNS:-3}
cd "$(dirname "$0")/.."

NAME=cohort
. bench/needs.sh

tmp=$(mktemp -d "${TMPDIR:-/tmp}/openras-bench-cohort.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

# The server, as a binary, so that stopping it stops it (go run would leave
# its child running).
"$GO" build -o "$tmp/wasm" ./wasm

# cohort.mjs stops its server and browsers itself, at an interrupt too, and
# removes the cohort files it wrote; timeout bounds the whole, and
# --foreground leaves node in the terminal's process group, so that Ctrl-C
# reaches it.
timeout --foreground 1800 node bench/cohort.mjs \
	--dist "$DIST" --serve "$tmp/wasm" --runs "$RUNS" "$@"
