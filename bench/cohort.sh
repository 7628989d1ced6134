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

if [ ! -f "$DIST/web/app.wasm" ] || [ ! -f "$DIST/cohort.html" ]; then
	echo "bench-cohort: $DIST holds no site: run make site DIST=$DIST first" >&2
	exit 1
fi
if [ ! -x /usr/bin/chromium ]; then
	echo "bench-cohort: installing Debian's chromium" >&2
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
fi
if ! command -v node >/dev/null 2>&1 || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
	echo "bench-cohort: needs Node 20 or later (playwright-core needs it)" >&2
	exit 1
fi
if [ ! -f e2e/node_modules/playwright-core/package.json ]; then
	echo "bench-cohort: installing the end-to-end tests' packages (npm ci in e2e/)" >&2
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix e2e --no-audit --no-fund >&2
fi

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
