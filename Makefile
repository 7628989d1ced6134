# OpenRAS: see README.md. Every target installs what it needs.

GO      ?= go
WASMEXEC = $(shell $(GO) env GOROOT)/lib/wasm
# The worked example of the Trafford report that `make run` shows.
EXAMPLE  = --policy trafford-2013 --score 261 --date-of-birth 2000-08-20 --assessed-on 2013-04-01 --current-cost 15000

# make site PREFIX=/openras   hosts the site under a sub-path (GitHub Pages)
# make site POLICIES=dir      bakes in a council's own policy files instead
# make site URL=https://example.org/openras   the site's address, for links
#                             shared on social networks (og:url, og:image);
#                             its path is PREFIX
PREFIX   ?=
POLICIES ?=
URL      ?=
ADDR     ?= 127.0.0.1:8080
DIST      = dist

.PHONY: run site test check unit wasm-build e2e bench bench-native bench-wasm bench-floor bench-site bench-cohort bench-hostile ras example

## run: build the site and serve it on this machine, printing its address
run: site
	$(GO) run ./wasm serve -dir $(DIST) -addr $(ADDR) -prefix "$(PREFIX)"

## site: the deployable static site in dist/: the calculator's program
## (app.wasm), the councillor pages' (councillor.wasm), every page prerendered.
## The calculator's is built with -tags noyaml: it reads the shipped policies
## from their trees of nodes and links no YAML parser (engine/yamlread.go);
## the councillor's reads pasted policy files, and keeps it.
site:
	$(GO) generate ./policies
	rm -rf $(DIST) $(OVERLAY) && mkdir -p $(DIST)/web
	$(if $(POLICIES),$(MAKE) --no-print-directory $(OVERLAY)/overlay.json)
	GOOS=js GOARCH=wasm $(GO) build $(OVERLAYFLAG) -trimpath -ldflags="-s -w" -tags noyaml -o $(DIST)/web/app.wasm ./wasm
	GOOS=js GOARCH=wasm $(GO) build $(OVERLAYFLAG) -trimpath -ldflags="-s -w" -tags councillor -o $(DIST)/web/councillor.wasm ./wasm
	$(GO) run $(OVERLAYFLAG) ./wasm generate -out $(DIST) -prefix "$(PREFIX)" -sources "$(POLICIES)" -url "$(URL)"

# A council's own policies replace the shipped ones in the build (go build
# -overlay), after each file is checked: a mistake stops the build with its
# file:line message. Each is read into its tree of nodes (NAME.nodes, which
# policies.Load reads). The overlay is kept in $(OVERLAY), beside the site
# rather than in it: it names folders of the machine that built the site,
# which are not for publishing.
OVERLAY     = $(DIST).overlay
OVERLAYFLAG = $(if $(POLICIES),-overlay $(abspath $(OVERLAY)/overlay.json))
$(OVERLAY)/overlay.json:
	$(GO) run ./cmd/ras validate $(wildcard $(POLICIES)/*.yaml $(POLICIES)/*.yml)
	$(GO) run ./policies/internal/gen -out $(abspath $(OVERLAY)/nodes) $(wildcard $(POLICIES)/*.yaml)
	@{ printf '{"Replace":{'; sep=; \
	  for f in $(CURDIR)/policies/*.yaml $(CURDIR)/policies/*.nodes; do printf '%s"%s":""' "$$sep" "$$f"; sep=,; done; \
	  for f in $(POLICIES)/*.yaml; do printf '%s"%s":"%s"' "$$sep" "$(CURDIR)/policies/$$(basename $$f)" "$$(realpath $$f)"; \
	    n=$$(basename $$f .yaml).nodes; printf ',"%s":"%s"' "$(CURDIR)/policies/$$n" "$(abspath $(OVERLAY)/nodes)/$$n"; done; \
	  printf '}}\n'; } > $@

## example: the ras command on the Trafford report's Example 3
example: ras
	./bin/ras calc $(EXAMPLE)

ras:
	$(GO) generate ./policies
	$(GO) build -o bin/ras ./cmd/ras

## test: everything — formatting, vet, staticcheck, unit, example and fuzz-seed tests, the
## CLI through run(), the engine built for the browser, and the site end to end
test: check unit wasm-build e2e

## check: what a Go reviewer runs: gofmt, go vet and staticcheck, each for
## this machine and for the browser (GOOS=js GOARCH=wasm), and for the browser's
## two programs as the site builds them: the calculator's (-tags noyaml) and
## the scenario and cohort pages' (-tags councillor, wasm/main.go). staticcheck runs
## through go run at a pinned version, so nothing is installed by hand; for the
## browser it is built for this machine and run with GOOS and GOARCH set, so it
## reads the code as the browser's build sees it.
STATICCHECK = honnef.co/go/tools/cmd/staticcheck@v0.8.2
check:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet -tags noyaml ./wasm
	GOOS=js GOARCH=wasm $(GO) vet -tags councillor ./wasm
	$(GO) run $(STATICCHECK) ./...
	$(GO) run -exec "env GOOS=js GOARCH=wasm" $(STATICCHECK) ./...
	$(GO) run -exec "env GOOS=js GOARCH=wasm" $(STATICCHECK) -tags noyaml ./wasm
	$(GO) run -exec "env GOOS=js GOARCH=wasm" $(STATICCHECK) -tags councillor ./wasm

unit:
	$(GO) test ./...

# The engine and the policies must always build for WebAssembly, where the
# page runs them, with and without a YAML parser (-tags noyaml, as the
# calculator's program builds them).
wasm-build:
	GOOS=js GOARCH=wasm $(GO) build ./engine/... ./policies/...
	GOOS=js GOARCH=wasm $(GO) build -tags noyaml ./engine/... ./policies/...

## fuzz: every fuzz target of the repository (each func Fuzz… of a _test.go
## file, found afresh each run) for FUZZTIME each, a minute unless given
## (make fuzz FUZZTIME=10s). Minimising a failing input is held to 5 s: with
## Go's default a target can spend its whole minute minimising one input.
FUZZTIME ?= 1m
.PHONY: fuzz
fuzz:
	@grep -rl --include='*_test.go' --exclude-dir=node_modules --exclude-dir=.git '^func Fuzz' . | sort | while read -r file; do \
	  for target in $$(sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*/\1/p' "$$file"); do \
	    echo "== $$(dirname "$$file") $$target"; \
	    $(GO) test "$$(dirname "$$file")" -run='^$$' -fuzz="^$$target$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=5s || exit 1; \
	  done; \
	done

## e2e: the site end to end in headless Chromium: Debian's package (installed
## with apt-get when missing), driven by playwright-core, which downloads no
## browser. The site is built into e2e/.dist and, under the sub-path /openras,
## e2e/.dist-prefix; each test file serves it on a free loopback port with
## e2e/.bin/serve and stops it. Screenshots, axe reports, a PDF and the TAP
## results go to e2e/artifacts/ (e2e/README.md).
e2e:
	@test -x /usr/bin/chromium || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }
	cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --prefer-offline
	$(MAKE) --no-print-directory site DIST=e2e/.dist PREFIX= POLICIES=
	$(MAKE) --no-print-directory site DIST=e2e/.dist-prefix PREFIX=/openras POLICIES=
	$(GO) build -o e2e/.bin/serve ./wasm
	@rm -rf e2e/artifacts && mkdir -p e2e/artifacts
	cd e2e && node --test --test-concurrency=2 --test-timeout=300000 \
	  --test-reporter=spec --test-reporter-destination=stdout \
	  --test-reporter=tap --test-reporter-destination=artifacts/results.tap tests/; \
	status=$$?; grep -E '^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) ' artifacts/results.tap; exit $$status

## bench: speed and memory of one evaluation and of cohort files, natively
## and under WebAssembly (Node runs Go's wasm test binaries)
bench: bench-native bench-wasm bench-floor bench-site bench-cohort bench-hostile

BENCH = $(GO) test ./engine -run='^$$' -benchmem
WASM  = GOOS=js GOARCH=wasm PATH="$(WASMEXEC):$$PATH"

bench-native:
	$(BENCH) -bench=Evaluate
	$(BENCH) -bench=Cohort -benchtime=3x
	$(BENCH) -bench='Fit|Calibrate' -benchtime=5x

bench-wasm:
	$(WASM) $(BENCH) -bench=Evaluate
	$(WASM) $(BENCH) -bench=Cohort -benchtime=3x

# bench-floor: the engine beside its floor (bench/README.md): a cohort of
# 500,000 children, written once into bench/.floor, summarised by
# `ras cohort --format summary-json` natively and under WebAssembly on Node,
# each beside the parse-only baseline (bench/parsecsv) built the same way; the
# target is 1.5× the floor. Prints a table; asserts nothing. RUNS=1 for a
# quicker look.
bench-floor:
	GO="$(GO)" RUNS="$(RUNS)" bench/floor.sh

# bench-site: the page's weight and speed (bench/README.md): app.wasm raw,
# gzip and brotli against a bare go-app hello-world built the same way, and in
# headless Chromium on Lighthouse's mobile link the first paint and the time
# until a result is interactive, first and repeat visit, served as wasm serve
# sends it, gzipped as a static host sends it, and gzipped on a CPU slowed
# 4 times (CPU=4, as Lighthouse's mobile profile: the phone column), each
# beside its floor (the hello-world's size; the time the bytes alone need).
# Prints a table; asserts nothing. About five minutes, as a first visit
# without compression takes 50 s on that link; RUNS=1 for a quicker look.
bench-site: site
	GO="$(GO)" DIST="$(DIST)" PREFIX="$(PREFIX)" RUNS="$(RUNS)" MODES="$(MODES)" CPU="$(CPU)" bench/site.sh

# bench-cohort: cohorts in the browser (bench/README.md): files of 10,000,
# 100,000 and 500,000 children chosen on /cohort in headless Chromium, the
# time to their summary, the progress bar, the longest task, frame gap and
# key-press wait while they load, and the memory they take; and a cohort on
# the scenario page re-summarised after a rate, and the moderation window,
# change. Prints a table;
# asserts nothing. Its own site, in bench/.dist-cohort, apart from dist/ and
# e2e/.dist. A few minutes; RUNS=1 for a quicker look.
bench-cohort:
	$(MAKE) --no-print-directory site DIST=bench/.dist-cohort PREFIX= POLICIES=
	GO="$(GO)" DIST=bench/.dist-cohort RUNS="$(RUNS)" bench/cohort.sh

# bench-hostile: the hostile inputs of testdata/hostile/ on the scenario page
# in headless Chromium (e2e/tests/hostile.test.mjs), and for each the longest
# task that kept the page from answering input, against the bound of 200 ms.
# Prints a table; asserts nothing.
bench-hostile:
	@test -x /usr/bin/chromium || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }
	cd e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --prefer-offline
	$(MAKE) --no-print-directory site DIST=e2e/.dist PREFIX= POLICIES=
	$(GO) build -o e2e/.bin/serve ./wasm
	cd e2e && node --test --test-reporter=dot tests/hostile.test.mjs
	node bench/longtasks.mjs e2e/artifacts/long-tasks.json
