#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# mkstandalone.sh: for "make standalone", writes one self-contained script
# per test of the arch's unittests.cfg (tests/standalone/NAME). Each holds
# the image, its cfg entry, the runner, the arch's run script, the firmware
# it needs from build/ARCH/*.bin and the errata, and runs the test through them wherever it is copied, so a test
# behaves the same (verdict, skips, timeout, environ) alone as in a suite.
#
#   scripts/mkstandalone.sh [--cfg FILE] [--out DIR] [NAME...]
#
# Run from the build directory (config.mak). Without NAMEs: every test.

SRC=$(cd "${BASH_SOURCE[0]%/*}/.." && pwd)
# shellcheck source=scripts/runner/util.bash
. "$SRC/scripts/runner/util.bash"
# shellcheck source=scripts/runner/config.bash
. "$SRC/scripts/runner/config.bash"
# shellcheck source=scripts/runner/cfg.bash
. "$SRC/scripts/runner/cfg.bash"

die()
{
	printf 'mkstandalone.sh: %s\n' "$*" >&2
	exit 2
}

# The start of every standalone script; its files follow __PAYLOAD__, each
# as "@file PATH MODE [base64]" and its lines, each prefixed with '|'. Only
# bash and coreutils are needed to unpack and run it.
# shellcheck disable=SC2016 # expanded when the standalone script runs
HEADER='#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
# Standalone test @NAME@ (@ARCH@, @REV@), made by scripts/mkstandalone.sh.
# Runs the test with the framework'"'"'s runner; QEMU, ACCEL, TIMEOUT, MACHINE,
# UNITTESTS_ENV and the runner'"'"'s options (-v, -t, --junit FILE) work as for
# run_tests.sh. Prints the test'"'"'s log, then its verdict; exits like
# run_tests.sh (0 pass or skip, 1 fail, 2 setup error, 128+N on signal N).
# Needs bash, coreutils and QEMU.
self=$0
[[ $self == */* ]] || self=$(type -P -- "$0")
# The runner runs in the background, so that a signal to this script is
# passed on at once: the runner then ends its QEMU and says so. SIGTERM,
# because a background job starts with SIGINT ignored.
sig="" pid=""
for s in INT TERM HUP; do
	trap "sig=$s; [[ -z \$pid ]] || kill -TERM \$pid 2>/dev/null" "$s"
done
dir=$(mktemp -d "${TMPDIR:-/tmp}/@NAME@.XXXXXX") || exit 2
trap '"'"'rm -rf -- "$dir"'"'"' EXIT
mkdir -p -- "$dir/scripts/runner" "$dir/@TEST_DIR@" "$dir/build/@ARCH@" || exit 2
# unpack: writes the files that follow __PAYLOAD__ under $dir.
unpack() {
	local line path="" mode="" b64="" text=""
	flush() {
		[[ -n $path ]] || return 0
		if [[ -n $b64 ]]; then
			base64 -d <<< "$text" > "$dir/$path" || return 1
		else
			printf "%s" "$text" > "$dir/$path" || return 1
		fi
		chmod "$mode" "$dir/$path"
	}
	while IFS= read -r line; do
		[[ $line == __PAYLOAD__ ]] && break
	done
	while IFS= read -r line; do
		case $line in
		"|"*) text+=${line:1}$'"'"'\n'"'"' ;;
		"@file "*)
			flush || return 1
			read -r _ path mode b64 <<< "$line"
			text="" ;;
		*) return 1 ;;
		esac
	done
	flush
}
if ! unpack < "$self"; then
	echo "${0##*/}: the embedded test is damaged" >&2
	exit 2
fi
[[ -z $sig ]] || exit $(( 128 + $(kill -l "$sig") ))
( cd "$dir" && LOG_DIR=logs exec ./run_tests.sh "$@" @NAME@ ) > "$dir/out" &
pid=$!
status=""
while [[ -z $status ]]; do
	wait "$pid"
	st=$?
	kill -0 "$pid" 2>/dev/null || status=$st
done
[ -f "$dir/logs/@NAME@.log" ] && cat -- "$dir/logs/@NAME@.log"
cat -- "$dir/out"
[[ -n $sig ]] && status=$(( 128 + $(kill -l "$sig") ))
exit "$status"
__PAYLOAD__'

# payload_file PATH MODE FILE [base64]: one file of the payload on stdout.
payload_file()
{
	local line
	printf '@file %s %s%s\n' "$1" "$2" "${4:+ base64}"
	if [[ -n ${4:-} ]]; then
		base64 -w 76 -- "$3" | while IFS= read -r line; do printf '|%s\n' "$line"; done
	else
		while IFS= read -r line || [[ -n $line ]]; do
			printf '|%s\n' "$line"
		done < "$3"
	fi
}

# standalone_one I OUTDIR: writes the script for test I.
standalone_one()
{
	local i=$1 out=$2 name=${T_NAME[$1]} line rev f tmp
	local test_dir=${CONFIG[TEST_DIR]}
	cfg_test "$i"
	if [[ ! -f $test_dir/${T_FILE[i]} ]]; then
		echo "mkstandalone.sh: skipping $name: no image $test_dir/${T_FILE[i]} (run make)" >&2
		return
	fi
	tmp=$STAGE/$name
	mkdir -p "$tmp"
	# The build's absolute paths mean nothing where the script goes.
	for line in "${CONFIG_LINES[@]}"; do
		case $line in
		SRCDIR=*) line=SRCDIR=. ;;
		ERRATATXT=*) line=ERRATATXT=errata.txt ;;
		esac
		printf '%s\n' "$line"
	done > "$tmp/config.mak"
	# The test's cfg entry, parsed here: the script needs no awk.
	cfg_write_parsed "$i" "$tmp/unittests.cfg"
	rev=$REVISION
	{
		line=${HEADER//@NAME@/$name}
		line=${line//@ARCH@/${CONFIG[ARCH]}}
		line=${line//@TEST_DIR@/$test_dir}
		printf '%s\n' "${line//@REV@/$rev}"
		payload_file run_tests.sh 755 "$SRC/run_tests.sh"
		for f in "$SRC"/scripts/runner/*.bash; do
			payload_file "scripts/runner/${f##*/}" 644 "$f"
		done
		payload_file scripts/environ.bash 644 "$SRC/scripts/environ.bash"
		for f in run-image.bash arch-table.bash arch.tbl; do
			payload_file "scripts/$f" 644 "$SRC/scripts/$f"
		done
		payload_file "$test_dir/run" 755 "$test_dir/run"
		# Firmware the arch's build made for its run script (ppc64's ROM).
		for f in build/"${CONFIG[ARCH]}"/*.bin; do
			[[ -f $f ]] && payload_file "$f" 644 "$f" base64
		done
		payload_file "$test_dir/${T_FILE[i]}" 644 "$test_dir/${T_FILE[i]}" base64
		payload_file "$test_dir/unittests.cfg" 644 "$tmp/unittests.cfg"
		payload_file errata.txt 644 "$ERRATA"
		payload_file config.mak 644 "$tmp/config.mak"
	} > "$out/$name" || die "cannot write $out/$name"
	chmod +x "$out/$name"
	echo "  STANDALONE $out/$name"
}

main()
{
	local cfg='' out=tests/standalone names=() i
	while (( $# )); do
		case $1 in
		--cfg) cfg=$2; shift ;;
		--out) out=$2; shift ;;
		-h|--help) sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
		-*) die "unknown option '$1'" ;;
		*) names+=("$1") ;;
		esac
		shift
	done
	config_load config.mak
	mapfile -t CONFIG_LINES < config.mak
	[[ -n ${MAX_SMP:-} ]] || MAX_SMP=$(nproc)
	[[ $MAX_SMP =~ ^[1-9][0-9]{0,3}$ ]] || die "MAX_SMP=$MAX_SMP is not a CPU count"
	cfg=${cfg:-${CONFIG[TEST_DIR]}/unittests.cfg}
	trap runner_cleanup EXIT
	cfg_parse "$cfg"
	if (( ${#CFG_ERRORS[@]} )); then
		printf 'mkstandalone.sh: %s\n' "${CFG_ERRORS[@]}" >&2
		exit 2
	fi
	ERRATA=${ERRATATXT:-${CONFIG[ERRATATXT]:-$SRC/errata.txt}}
	[[ -f $ERRATA ]] || die "no errata file $ERRATA"
	REVISION=$(git -C "$SRC" describe --always --dirty 2>/dev/null) || REVISION=unknown
	STAGE=$(mktemp -d "${TMPDIR:-/tmp}/mkstandalone.XXXXXX") || exit 2
	trap 'rm -rf "$STAGE"; runner_cleanup' EXIT
	mkdir -p "$out" || die "cannot create $out"
	cfg_index
	for name in "${names[@]}"; do
		[[ -n ${T_INDEX[$name]} ]] || die "no test named '$name' in $cfg"
	done
	for (( i = 0; i < NTESTS; i++ )); do
		(( ${#names[@]} )) && ! word_in "${T_NAME[i]}" "${names[*]}" && continue
		standalone_one "$i" "$out"
	done
}

main "$@"
