# OpenRAS: see README.md. Every target installs what it needs.

GO      ?= go
WASMEXEC = $(shell $(GO) env GOROOT)/lib/wasm
# The worked example of the Trafford report that `make run` shows.
EXAMPLE  = --policy trafford-2013 --score 261 --date-of-birth 2000-08-20 --assessed-on 2013-04-01 --current-cost 15000

.PHONY: run test check unit wasm-build bench bench-native bench-wasm ras

## run: build the ras command and run it on the Trafford report's Example 3
run: ras
	./bin/ras calc $(EXAMPLE)

ras:
	$(GO) build -o bin/ras ./cmd/ras

## test: everything — formatting, vet, unit, example and fuzz-seed tests, the
## CLI through run(), and the engine built for the browser
test: check unit wasm-build

check:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...

unit:
	$(GO) test ./...

# The engine and the policies must always build for WebAssembly, where the
# page runs them.
wasm-build:
	GOOS=js GOARCH=wasm $(GO) build ./engine/... ./policies/...

## bench: speed and memory of one evaluation and of cohort files, natively
## and under WebAssembly (Node runs Go's wasm test binaries)
bench: bench-native bench-wasm

BENCH = $(GO) test ./engine -run='^$$' -benchmem
WASM  = GOOS=js GOARCH=wasm PATH="$(WASMEXEC):$$PATH"

bench-native:
	$(BENCH) -bench=Evaluate
	$(BENCH) -bench=Cohort -benchtime=3x

bench-wasm:
	$(WASM) $(BENCH) -bench=Evaluate
	$(WASM) $(BENCH) -bench=Cohort -benchtime=3x
