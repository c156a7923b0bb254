#!/usr/bin/env bash
# bench.sh - what `make bench` runs: every benchmark that applies to this
# tree, one after the other (they time things, so never in parallel), each
# printing its own table. Exits 1 when a benchmark reports a missed target.
set -u
cd "$(dirname "$0")/.." || exit 2
arch=$(sed -n 's/^ARCH=//p' config.mak)
status=0

run() {
	echo "=== $*"
	"$@" || status=1
	echo
}

run bench/alloc/run.sh
case $arch in
x86_64) run bench/x86-boot.sh ;;
arm64) run bench/arm64-boot.sh ;;
ppc64 | ppc64le) run bench/ppc64-boot.sh ;;
esac
run bench/runner-bench.sh
exit "$status"
