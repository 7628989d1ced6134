# bench/needs.sh: what the browser measurements need, sourced by site.sh and
# cohort.sh from the repository's root with NAME (site, cohort) and DIST set:
# a built site, Debian's chromium (installed if missing), Node 20 or later,
# and for cohort.sh the end-to-end tests' playwright-core (npm ci in e2e/ if
# missing); site.mjs drives the browser over the DevTools protocol alone.

if [ ! -f "$DIST/web/app.wasm" ] || [ ! -f "$DIST/index.html" ]; then
	echo "bench-$NAME: $DIST holds no site: run make site DIST=$DIST first" >&2
	exit 1
fi
if [ ! -x /usr/bin/chromium ]; then
	echo "bench-$NAME: installing Debian's chromium" >&2
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
fi
if ! command -v node >/dev/null 2>&1 || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
	echo "bench-$NAME: needs Node 20 or later" >&2
	exit 1
fi
if [ "$NAME" = cohort ] && [ ! -f e2e/node_modules/playwright-core/package.json ]; then
	echo "bench-$NAME: installing the end-to-end tests' packages (npm ci in e2e/)" >&2
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix e2e --no-audit --no-fund >&2
fi
