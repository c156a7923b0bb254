#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# mkstandalone.sh: for "make standalone", writes one self-contained script
# per test of the arch's unittests.cfg (docs/runner.md). Run where config.mak is:
#   scripts/mkstandalone.sh [--cfg FILE] [--out DIR] [NAME...]

SRC=$(cd "${BASH_SOURCE[0]%/*}/.." && pwd)
set -o pipefail
shopt -s nullglob
RI_NAME=mkstandalone.sh
# shellcheck source=scripts/run-image.bash
. "$SRC/scripts/run-image.bash"
# shellcheck source=scripts/runner/cfg.bash
. "$SRC/scripts/runner/cfg.bash"

# The start of every standalone script; a base64 tar.gz of its files
# follows its __PAYLOAD__ line, the line before @PAYLOAD@.
# shellcheck disable=SC2016 # expanded when the standalone script runs
HEADER='#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Standalone test @NAME@ (@ARCH@, @REV@), made by scripts/mkstandalone.sh.
# Runs the test with the framework'"'"'s runner, which takes the environment and
# options of run_tests.sh; prints the test'"'"'s log, then its verdict, and exits
# like run_tests.sh. Needs bash, coreutils, tar, gzip and QEMU.
self=${BASH_SOURCE[0]}
if [[ ! -f $self || ! -r $self ]]; then
	echo "@NAME@: cannot read this script from ${self:-standard input}: run it as ./@NAME@ or bash @NAME@" >&2
	exit 2
fi
# The runner runs in the background, so that a signal to this script is
# passed on at once (the same signal: env gives the runner SIGINT back).
sig="" pid=""
for s in INT TERM HUP QUIT; do trap "sig=$s; [[ -z \$pid ]] || kill -$s \$pid 2>/dev/null" "$s"; done
dir=$(mktemp -d "${TMPDIR:-/tmp}/@NAME@.XXXXXX") || exit 2
trap '"'"'rm -rf -- "$dir"'"'"' EXIT
if ! type -P base64 tar gzip > /dev/null; then
	echo "@NAME@: needs base64 (coreutils), tar and gzip in PATH to unpack its files" >&2
	exit 2
fi
set -o pipefail
if ! tail -n +@PAYLOAD@ -- "$self" | base64 -d 2>/dev/null | tar -xz -C "$dir" 2>/dev/null; then
	echo "@NAME@: its payload is damaged or truncated: copy the script again, or run make standalone" >&2
	exit 2
fi
[[ -z $sig ]] || exit $(( 128 + $(kill -l "$sig") ))
( cd "$dir" && LOG_DIR=logs exec env --default-signal=INT,QUIT ./run_tests.sh "$@" @NAME@ ) > "$dir/out" &
pid=$!
# A trapped signal ends wait early: wait again until the runner is gone.
status=""
while [[ -z $status ]]; do wait "$pid"; st=$?; kill -0 "$pid" 2>/dev/null || status=$st; done
[ -f "$dir/logs/@NAME@.log" ] && cat -- "$dir/logs/@NAME@.log"
cat -- "$dir/out"
[[ -n $sig ]] && status=$(( 128 + $(kill -l "$sig") ))
exit "$status"
__PAYLOAD__'

standalone_one() {
	local i=$1 out=$2 name=${T_NAME[$1]} line tmp=$STAGE/${T_NAME[$1]} test_dir=${CONFIG[TEST_DIR]}
	local nl=${HEADER//[!$'\n']/}
	# Firmware the arch's build made for its run (ppc64's ROM).
	local -a bins=(build/"${CONFIG[ARCH]}"/*.bin)
	cfg_test "$i"
	if [[ ! -f $test_dir/${T_FILE[i]} ]]; then
		echo "mkstandalone.sh: skipping $name: no image $test_dir/${T_FILE[i]} (run make)" >&2
		return
	fi
	mkdir -p "$tmp/$test_dir"
	# The build's absolute paths mean nothing where the script goes.
	sed 's/^SRCDIR=.*/SRCDIR=./; s/^ERRATATXT=.*/ERRATATXT=errata.txt/' config.mak > "$tmp/config.mak"
	cfg_write_parsed "$i" "$tmp/$test_dir/unittests.cfg"
	cp -- "$ERRATA" "$tmp/errata.txt" || run_die "cannot copy $ERRATA to $tmp"
	{
		line=${HEADER//@NAME@/$name}
		line=${line//@ARCH@/${CONFIG[ARCH]}}
		line=${line//@PAYLOAD@/$(( ${#nl} + 2 ))}
		printf '%s\n' "${line//@REV@/$REVISION}"
		# -h: the files that symbolic links name.
		tar -czh -C "$SRC" run_tests.sh scripts/runner scripts/migrate.bash \
			scripts/{run-image.bash,arch-table.bash,arch.tbl,environ.bash} \
			-C "$PWD" "$test_dir/${T_FILE[i]}" "${bins[@]}" \
			-C "$tmp" config.mak errata.txt "$test_dir/unittests.cfg" | base64
	} > "$out/$name" || run_die "cannot write $out/$name (see above)"
	chmod +x "$out/$name"
	echo "  STANDALONE $out/$name"
}

main() {
	local cfg='' out=tests/standalone names=() i
	while (( $# )); do
		case $1 in
		--cfg) cfg=$2; shift ;;
		--out) out=$2; shift ;;
		-h|--help) sed -n '3,5s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
		-*) run_die "unknown option '$1'" ;;
		*) names+=("$1") ;;
		esac
		shift
	done
	config_load config.mak
	cfg=${cfg:-${CONFIG[TEST_DIR]}/unittests.cfg}
	cfg_parse "$cfg"
	(( ${#CFG_ERRORS[@]} )) && { printf 'mkstandalone.sh: %s\n' "${CFG_ERRORS[@]}" >&2; exit 2; }
	ERRATA=${ERRATATXT:-${CONFIG[ERRATATXT]:-$SRC/errata.txt}}
	[[ -f $ERRATA ]] || run_die "no errata file $ERRATA"
	REVISION=$(git -C "$SRC" describe --always --dirty 2>/dev/null) || REVISION=unknown
	STAGE=$(mktemp -d "${TMPDIR:-/tmp}/mkstandalone.XXXXXX") || exit 2
	trap 'rm -rf "$STAGE"' EXIT
	mkdir -p "$out" || run_die "cannot create $out"
	cfg_index
	for name in "${names[@]}"; do
		[[ -n ${T_INDEX[$name]} ]] || run_die "no test named '$name' in $cfg"
	done
	for (( i = 0; i < NTESTS; i++ )); do
		(( ${#names[@]} )) && ! word_in "${T_NAME[i]}" "${names[*]}" && continue
		standalone_one "$i" "$out"
	done
}

main "$@"
