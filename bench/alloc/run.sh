#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (bench/alloc) - what `make bench` runs: each workload of
# alloc_bench natively (a second, warm pass gives ns/op) and under
# valgrind --tool=callgrind (instructions of the allocator's entry points,
# inclusive, over one cold pass), then the table with the targets of
# docs/allocator.md. Exits 1 if a target is missed. BENCH_QUICK=1 skips the 32 GiB runs.
set -u
cd "$(dirname "$0")/../.." || exit 2
bin=build/bench/alloc_bench
# Always through make: a binary left from before a change to the allocator would be measured otherwise.
make -s -f tests/host/host.mk -f tests/alloc/suite.mk alloc-bench || exit 2
command -v valgrind > /dev/null || { echo "bench: valgrind is needed (Debian: valgrind)"; exit 2; }
big=32768 sizes="256 4096 32768"
[ "${BENCH_QUICK:-0}" = 1 ] && big=4096 sizes="256 4096"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
missed=0
# The allocator's entry points. In these workloads none runs inside another (nested toggles would
# switch collection off).
entries=(alloc_pages_flags free_pages memalign_pages_flags page_alloc_init_area)
toggles=("${entries[@]/#/--toggle-collect=}")
# ir[FN]: the inclusive instruction count of entry point FN in the last measure.
declare -A ir

field() {	# field NAME LINE
	sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p" <<< "$2"
}

# measure WORKLOAD [AREA_MIB]: sets ops, ns, extra, ir[entry point] (inclusive) for each entry point,
# ir_total (everything collected) and ir_ops (ir_total without page_alloc_init_area: the per-op
# figures leave the area's one-off setup out, it is reported on its own as "init").
measure() {
	local line out=$tmp/cg.out fn
	line=$("$bin" "$@" 2 | grep '^RESULT')
	ns=$(field ns_per_op "$line")
	extra=
	[[ $line =~ ns_per_op=[^\ ]*\ *(.*)$ ]] && extra=${BASH_REMATCH[1]}
	valgrind --tool=callgrind --callgrind-out-file="$out" "${toggles[@]}" "$bin" "$@" 1 > "$tmp/cg.txt" 2>&1
	line=$(grep '^RESULT' "$tmp/cg.txt")
	ops=$(field ops "$line")
	ir_total=$(sed -n 's/^totals: *//p' "$out")
	# A function can be listed more than once (code inlined from headers gets lines of its own, and
	# one line sums them all): its inclusive count is the largest.
	for fn in "${entries[@]}"; do
		local v
		v=$(callgrind_annotate --inclusive=yes --threshold=100 "$out" 2> /dev/null |
			sed -n "s/^ *\([0-9,]*\) .*:$fn\( .*\)\{0,1\}$/\1/p" | tr -d , | sort -n | tail -n 1)
		ir[$fn]=${v:-0}
	done
	ir_ops=$((${ir_total//,/} - ir[page_alloc_init_area]))
}

per_op() {	# per_op INSTRUCTIONS OPS
	awk -v i="$1" -v o="$2" 'BEGIN { printf "%.1f", i / o }'
}

verdict() {	# verdict NAME VALUE LIMIT
	if [[ $2 =~ ^[0-9.]+$ ]] && awk -v v="$2" -v l="$3" 'BEGIN { exit !(v <= l) }'; then
		printf '  %-52s %10s <= %-8s met\n' "$1" "$2" "$3"
	else
		printf '  %-52s %10s <= %-8s MISSED\n' "$1" "$2" "$3"
		missed=1
	fi
}

printf '%-10s %9s %9s %12s %12s  %s\n' workload "area MiB" ops "ns/op warm" "instr/op" notes
row() {	# row WORKLOAD AREA INSTR_PER_OP
	printf '%-10s %9s %9s %12s %12s  %s\n' "$1" "$2" "$ops" "$ns" "$3" "$extra"
}

declare -A churn mixed
for mib in $sizes; do
	measure init "$mib"
	row init "$mib" "${ir[page_alloc_init_area]}"
done
for mib in $sizes; do
	measure churn "$mib"
	churn[$mib]=$(per_op "$ir_ops" "$ops")
	row churn "$mib" "${churn[$mib]}"
done
for mib in $sizes; do
	measure mixed "$mib"
	mixed[$mib]=$(per_op "$ir_ops" "$ops")
	row mixed "$mib" "${mixed[$mib]}"
done
measure exhaust 256
exhaust=$(per_op "$ir_ops" "$ops")
row exhaust 256 "$exhaust"
measure first
first_alloc=${ir[alloc_pages_flags]}
first_free=${ir[free_pages]}
row first 4096 "$first_alloc+$first_free"
measure memalign
memalign=$(per_op "${ir[memalign_pages_flags]}" "$ops")
used=$(field pages_used " $extra")
row memalign 4096 "$memalign"

echo
echo "targets (instructions of the allocator per operation, no zeroing):"
verdict "single-page churn, alloc+free pair, 4 GiB area" "${churn[4096]}" 190
verdict "mixed orders 0..10 at 50%, per op, 4 GiB area" "${mixed[4096]}" 90
verdict "first alloc_page on a fresh 4 GiB block" "$first_alloc" 1000
verdict "memalign_pages(2M, 4K) per call" "$memalign" 400
verdict "pages used by 100 x memalign_pages(2M, 4K)" "$used" 100
verdict "churn growth, $big MiB / 256 MiB area" "$(awk -v a="${churn[$big]}" -v b="${churn[256]}" \
	'BEGIN { printf "%.2f", a / b }')" 1.2
verdict "mixed growth, $big MiB / 256 MiB area" "$(awk -v a="${mixed[$big]}" -v b="${mixed[256]}" \
	'BEGIN { printf "%.2f", a / b }')" 1.5
exit $missed
