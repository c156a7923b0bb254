#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# mkstandalone.sh: for "make standalone", writes one self-contained script
# per test of the arch's unittests.cfg (docs/runner.md). Run where config.mak is:
#   scripts/mkstandalone.sh [--cfg FILE] [--out DIR] [NAME...]

SRC=$(cd "${BASH_SOURCE[0]%/*}/.." && pwd)
RI_NAME=mkstandalone.sh
# shellcheck source=scripts/run-image.bash
. "$SRC/scripts/run-image.bash"
# shellcheck source=scripts/runner/cfg.bash
. "$SRC/scripts/runner/cfg.bash"

# The start of every standalone script. Its files follow __PAYLOAD__, each
# as "@file PATH MODE [base64]" and its lines prefixed with '|'; "@end"
# closes the payload, so that a truncated script is told apart.
# shellcheck disable=SC2016 # expanded when the standalone script runs
HEADER='#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Standalone test @NAME@ (@ARCH@, @REV@), made by scripts/mkstandalone.sh.
# Runs the test with the framework'"'"'s runner, which takes the environment and
# options of run_tests.sh; prints the test'"'"'s log, then its verdict, and exits
# like run_tests.sh. Needs bash, coreutils and QEMU.
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
# unpack: the files after __PAYLOAD__ under $dir, or REPLY saying what is wrong.
unpack() {
	local line path="" mode="" b64="" text="" n=0
	flush() {
		[[ -n $path ]] || return 0
		[[ $path != */* ]] || mkdir -p -- "$dir/${path%/*}" || return 1
		if [[ -n $b64 ]]; then base64 -d <<< "$text" > "$dir/$path"; else printf "%s" "$text" > "$dir/$path"; fi &&
			chmod "$mode" "$dir/$path"
	}
	while IFS= read -r line && (( ++n )) && [[ $line != __PAYLOAD__ ]]; do :; done
	while IFS= read -r line && (( ++n )); do
		case $line in
		"|"*) text+=${line:1}$'"'"'\n'"'"' ;;
		"@file "*) flush || { REPLY="cannot write $dir/$path (disk full?)"; return 1; }
			read -r _ path mode b64 <<< "$line"
			text="" ;;
		@end) flush || { REPLY="cannot write $dir/$path (disk full?)"; return 1; }; return 0 ;;
		*) REPLY="line $n is not part of a payload: the script was edited or damaged"; return 1 ;;
		esac
	done
	REPLY="it ends at line $n, before its payload does: it is truncated (copy it again, or make standalone)"
	return 1
}
if ! unpack < "$self"; then
	echo "@NAME@: $REPLY" >&2
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

# payload_file PATH MODE FILE [base64]: one file of the payload on stdout.
payload_file() {
	printf '@file %s %s%s\n' "$1" "$2" "${4:+ base64}"
	if [[ -n ${4:-} ]]; then base64 -w 76 -- "$3"; else cat -- "$3"; fi | sed 's/^/|/'
}

standalone_one() {
	local i=$1 out=$2 name=${T_NAME[$1]} line f tmp=$STAGE/${T_NAME[$1]} test_dir=${CONFIG[TEST_DIR]}
	cfg_test "$i"
	if [[ ! -f $test_dir/${T_FILE[i]} ]]; then
		echo "mkstandalone.sh: skipping $name: no image $test_dir/${T_FILE[i]} (run make)" >&2
		return
	fi
	mkdir -p "$tmp"
	# The build's absolute paths mean nothing where the script goes.
	sed 's/^SRCDIR=.*/SRCDIR=./; s/^ERRATATXT=.*/ERRATATXT=errata.txt/' config.mak > "$tmp/config.mak"
	cfg_write_parsed "$i" "$tmp/unittests.cfg"
	{
		line=${HEADER//@NAME@/$name}
		line=${line//@ARCH@/${CONFIG[ARCH]}}
		printf '%s\n' "${line//@REV@/$REVISION}"
		payload_file run_tests.sh 755 "$SRC/run_tests.sh"
		for f in "$SRC"/scripts/runner/*.bash "$SRC"/scripts/{run-image.bash,arch-table.bash,arch.tbl,environ.bash}; do
			payload_file "${f#"$SRC"/}" 644 "$f"
		done
		payload_file scripts/migrate.bash 755 "$SRC/scripts/migrate.bash"
		payload_file "$test_dir/run" 755 "$test_dir/run"
		# Firmware the arch's build made for its run (ppc64's ROM).
		for f in build/"${CONFIG[ARCH]}"/*.bin; do
			[[ -f $f ]] && payload_file "$f" 644 "$f" base64
		done
		payload_file "$test_dir/${T_FILE[i]}" 644 "$test_dir/${T_FILE[i]}" base64
		payload_file "$test_dir/unittests.cfg" 644 "$tmp/unittests.cfg"
		payload_file errata.txt 644 "$ERRATA"
		payload_file config.mak 644 "$tmp/config.mak"
		echo @end
	} > "$out/$name" || run_die "cannot write $out/$name"
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
