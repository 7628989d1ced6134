#!/bin/sh
# bench/floor.sh: the engine beside its floor (bench/README.md, "bench-floor").
# Writes a cohort of ROWS children once (bench/gencohort) and a tiny file of its
# first TINY rows, then times, natively and under WebAssembly on Node (Go's
# go_js_wasm_exec), the parse-only baseline (bench/parsecsv) and
# `ras cohort --format summary-json` on both files: RUNS rounds, each running
# every command once, and the best of each command's rounds.
# It prints two ratios beside their target: the whole run, and the cost a row,
# (time(ROWS) − time(TINY)) ÷ (floor(ROWS) − floor(TINY)), which leaves out
# what a run costs before its first row (starting the program, compiling its
# module, reading the policy). CLOCK=cpu times user+system processor time rather
# than wall time (steadier on a busy machine). It asserts nothing.
set -eu
GO=${GO:-go}
ROWS=${ROWS:-500000}
TINY=${TINY:-10}
RUNS=${RUNS:-5}
TARGET=${TARGET:-1.5}
CLOCK=${CLOCK:-wall}
dir=bench/.floor
mkdir -p "$dir"
file="$dir/cohort-$ROWS.csv"
tiny="$dir/cohort-$ROWS-head-$TINY.csv"
[ -s "$file" ] || $GO run ./bench/gencohort -rows "$ROWS" -out "$file"
[ -s "$tiny" ] || head -n $((TINY + 1)) "$file" >"$tiny"
$GO build -o "$dir/parsecsv" ./bench/parsecsv
$GO build -o "$dir/ras" ./cmd/ras
GOOS=js GOARCH=wasm $GO build -o "$dir/parsecsv.wasm" ./bench/parsecsv
GOOS=js GOARCH=wasm $GO build -o "$dir/ras.wasm" ./cmd/ras
wasmexec="$($GO env GOROOT)/lib/wasm/go_js_wasm_exec"

# once runs a command and prints the seconds it took: wall time, or with
# CLOCK=cpu its user and system processor time.
once() {
	case $CLOCK in
	cpu)
		/usr/bin/time -f '%U %S' -o "$dir/time" "$@" >/dev/null
		awk '{printf "%.3f", $1 + $2}' "$dir/time"
		;;
	*)
		s=$(date +%s.%N)
		"$@" >/dev/null
		e=$(date +%s.%N)
		echo "$s $e" | awk '{printf "%.3f", $2 - $1}'
		;;
	esac
}

# min prints the smaller of a time and the best so far (empty at first).
min() { echo "$1 ${2:-}" | awk '{t = $1; if ($2 != "" && $2 < t) t = $2; printf "%.3f", t}'; }

# Each round runs every command once, each floor just before its command,
# and each figure is the best of its RUNS rounds (five unless RUNS says): a
# command and its floor are timed in the same minutes of a machine whose speed
# changes. The ratio still moves between sittings; in the sittings
# bench/README.md gives ("bench-floor"), five rounds moved less than three.
policy="cohort --policy trafford-2013 --format summary-json"
native_floor= native_floor_tiny= native= native_tiny=
wasm_floor= wasm_floor_tiny= wasm= wasm_tiny=
round=0
while [ "$round" -lt "$RUNS" ]; do
	native_floor=$(min "$(once "$dir/parsecsv" "$file")" "$native_floor")
	native=$(min "$(once "$dir/ras" $policy "$file")" "$native")
	native_floor_tiny=$(min "$(once "$dir/parsecsv" "$tiny")" "$native_floor_tiny")
	native_tiny=$(min "$(once "$dir/ras" $policy "$tiny")" "$native_tiny")
	wasm_floor=$(min "$(once "$wasmexec" "$dir/parsecsv.wasm" "$file")" "$wasm_floor")
	wasm=$(min "$(once "$wasmexec" "$dir/ras.wasm" $policy "$file")" "$wasm")
	wasm_floor_tiny=$(min "$(once "$wasmexec" "$dir/parsecsv.wasm" "$tiny")" "$wasm_floor_tiny")
	wasm_tiny=$(min "$(once "$wasmexec" "$dir/ras.wasm" $policy "$tiny")" "$wasm_tiny")
	round=$((round + 1))
done

echo
echo "$ROWS rows (and the first $TINY), best of $RUNS, $CLOCK time, GOMAXPROCS ${GOMAXPROCS:-$(nproc)} ($(nproc) processors)"
printf '%-22s %-9s %9s %9s %7s %7s  %s\n' "" run time floor ratio target met
# row prints one ratio: name, which ratio, the time and its floor.
row() {
	awk -v n="$1" -v k="$2" -v t="$3" -v f="$4" -v g="$TARGET" 'BEGIN {r = t / f; printf "%-22s %-9s %8.2fs %8.2fs %6.2f× %6.2f×  %s\n", n, k, t, f, r, g, (r <= g ? "met" : "not met")}'
}
# rows prints, for one build, the whole run, the tiny run and the cost a row.
rows() {
	row "$1" "whole" "$2" "$4"
	awk -v k="$TINY rows" -v t="$3" -v f="$5" 'BEGIN {printf "%-22s %-9s %8.2fs %8.2fs\n", "", k, t, f}'
	d=$(echo "$2 $3" | awk '{printf "%.3f", $1 - $2}')
	f=$(echo "$4 $5" | awk '{printf "%.3f", $1 - $2}')
	row "" "per row" "$d" "$f"
}
rows native "$native" "$native_tiny" "$native_floor" "$native_floor_tiny"
rows wasm-on-node "$wasm" "$wasm_tiny" "$wasm_floor" "$wasm_floor_tiny"
