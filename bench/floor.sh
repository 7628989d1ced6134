#!/bin/sh
# bench/floor.sh: the engine beside its floor (bench/README.md, "The floor").
# Writes a cohort of ROWS children once (bench/gencohort), then times, natively
# and under WebAssembly on Node (Go's go_js_wasm_exec), the parse-only
# baseline (bench/parsecsv) and `ras cohort --format summary-json` on the same
# file, the best of RUNS runs each, and prints time, floor, ratio, target and
# whether it is met. It asserts nothing.
set -eu
GO=${GO:-go}
ROWS=${ROWS:-500000}
RUNS=${RUNS:-3}
TARGET=${TARGET:-1.5}
dir=bench/.floor
mkdir -p "$dir"
file="$dir/cohort-$ROWS.csv"
[ -s "$file" ] || $GO run ./bench/gencohort -rows "$ROWS" -out "$file"
$GO build -o "$dir/parsecsv" ./bench/parsecsv
$GO build -o "$dir/ras" ./cmd/ras
GOOS=js GOARCH=wasm $GO build -o "$dir/parsecsv.wasm" ./bench/parsecsv
GOOS=js GOARCH=wasm $GO build -o "$dir/ras.wasm" ./cmd/ras
wasmexec="$($GO env GOROOT)/lib/wasm/go_js_wasm_exec"

# best runs a command RUNS times and prints its shortest wall time in seconds.
best() {
	b=
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		s=$(date +%s.%N)
		"$@" >/dev/null
		e=$(date +%s.%N)
		b=$(echo "$s $e ${b:-}" | awk '{t = $2 - $1; if ($3 != "" && $3 < t) t = $3; printf "%.3f", t}')
		i=$((i + 1))
	done
	echo "$b"
}

cohort="cohort --policy trafford-2013 --format summary-json $file"
native_floor=$(best "$dir/parsecsv" "$file")
native=$(best "$dir/ras" $cohort)
wasm_floor=$(best "$wasmexec" "$dir/parsecsv.wasm" "$file")
wasm=$(best "$wasmexec" "$dir/ras.wasm" $cohort)

echo
echo "$ROWS rows, best of $RUNS, GOMAXPROCS ${GOMAXPROCS:-$(nproc)} ($(nproc) processors)"
printf '%-28s %9s %9s %7s %7s  %s\n' target time floor ratio target met
row() {
	echo "$1 $2 $3 $TARGET" | awk '{r = $2 / $3; printf "%-28s %8.2fs %8.2fs %6.2f× %6.2f×  %s\n", $1, $2, $3, r, $4, (r <= $4 ? "met" : "not met")}'
}
row native "$native" "$native_floor"
row wasm-on-node "$wasm" "$wasm_floor"
