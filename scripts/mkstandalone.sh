#!/bin/bash
# mkstandalone.sh: for "make standalone", writes one self-contained script
# per test of the arch's unittests.cfg (tests/standalone/NAME). Each holds
# the image, its cfg entry, the runner, the arch's run script and the
# errata, and runs the test through them wherever it is copied, so a test
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

# The start of every standalone script; the payload follows __PAYLOAD__.
# shellcheck disable=SC2016 # expanded when the standalone script runs
HEADER='#!/bin/bash
# Standalone test @NAME@ (@ARCH@, @REV@), made by scripts/mkstandalone.sh.
# Runs the test with the framework'"'"'s runner; QEMU, ACCEL, TIMEOUT, MACHINE,
# UNITTESTS_ENV and the runner'"'"'s options (-v, -t, --junit FILE) work as for
# run_tests.sh. Prints the test'"'"'s log, then its verdict; exits like
# run_tests.sh (0 pass or skip, 1 fail, 2 setup error, 130 interrupted).
# Needs bash, awk, perl, base64, tar and gzip.
case $0 in
*/*) self=$0 ;;
*) self=$(command -v "$0") ;;
esac
dir=$(mktemp -d "${TMPDIR:-/tmp}/@NAME@.XXXXXX") || exit 2
trap '"'"'rm -rf "$dir"'"'"' EXIT
trap '"'"'exit 130'"'"' INT
if ! sed "1,/^__PAYLOAD__\$/d" "$self" | base64 -d | tar -xzf - -C "$dir"; then
	echo "${0##*/}: the embedded test is damaged" >&2
	exit 2
fi
( cd "$dir" && LOG_DIR=logs ./run_tests.sh "$@" @NAME@ ) > "$dir/out"
status=$?
[ -f "$dir/logs/@NAME@.log" ] && cat "$dir/logs/@NAME@.log"
cat "$dir/out"
exit "$status"
__PAYLOAD__'

# standalone_one I OUTDIR: writes the script for test I.
standalone_one()
{
	local i=$1 out=$2 name=${T_NAME[$1]} stage first last n line rev
	local test_dir=${CONFIG[TEST_DIR]}
	if [[ ! -f $test_dir/${T_FILE[i]} ]]; then
		echo "mkstandalone.sh: skipping $name: no image $test_dir/${T_FILE[i]} (run make)" >&2
		return
	fi
	stage=$STAGE/$name
	mkdir -p "$stage/scripts/runner" "$stage/$test_dir"
	cp "$SRC/run_tests.sh" "$stage/"
	cp "$SRC"/scripts/runner/* "$stage/scripts/runner/"
	cp "$SRC/scripts/environ.bash" "$stage/scripts/"
	[[ -f $SRC/scripts/arch-run.bash ]] && cp "$SRC/scripts/arch-run.bash" "$stage/scripts/"
	cp "$test_dir/run" "$test_dir/${T_FILE[i]}" "$stage/$test_dir/"
	cp "$ERRATA" "$stage/errata.txt"
	# The build's absolute paths mean nothing where the script goes.
	for line in "${CONFIG_LINES[@]}"; do
		case $line in
		SRCDIR=*) line=SRCDIR=. ;;
		ERRATATXT=*) line=ERRATATXT=errata.txt ;;
		esac
		printf '%s\n' "$line"
	done > "$stage/config.mak"
	# The test's own cfg lines, from its [name] up to the next test.
	first=${T_LINE[i]}
	last=${T_LINE[i + 1]:-$(( ${#CFG_TEXT[@]} + 1 ))}
	for (( n = first; n < last; n++ )); do
		printf '%s\n' "${CFG_TEXT[n - 1]}"
	done > "$stage/$test_dir/unittests.cfg"
	rev=$REVISION
	{
		line=${HEADER//@NAME@/$name}
		line=${line//@ARCH@/${CONFIG[ARCH]}}
		printf '%s\n' "${line//@REV@/$rev}"
		tar -C "$stage" -czf - . | base64
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
	cpu_count
	# shellcheck disable=SC2034 # read by cfg_parse
	MAX_SMP=$REPLY
	cfg=${cfg:-${CONFIG[TEST_DIR]}/unittests.cfg}
	cfg_parse "$cfg"
	if (( ${#CFG_ERRORS[@]} )); then
		printf 'mkstandalone.sh: %s\n' "${CFG_ERRORS[@]}" >&2
		exit 2
	fi
	mapfile -t CFG_TEXT < "$cfg"
	ERRATA=${ERRATATXT:-${CONFIG[ERRATATXT]:-$SRC/errata.txt}}
	[[ -f $ERRATA ]] || die "no errata file $ERRATA"
	REVISION=$(git -C "$SRC" describe --always --dirty 2>/dev/null) || REVISION=unknown
	STAGE=$(mktemp -d "${TMPDIR:-/tmp}/mkstandalone.XXXXXX") || exit 2
	trap 'rm -rf "$STAGE"' EXIT
	mkdir -p "$out" || die "cannot create $out"
	for name in "${names[@]}"; do
		[[ -n ${T_INDEX[$name]} ]] || die "no test named '$name' in $cfg"
	done
	for (( i = 0; i < NTESTS; i++ )); do
		(( ${#names[@]} )) && ! word_in "${T_NAME[i]}" "${names[*]}" && continue
		standalone_one "$i" "$out"
	done
}

main "$@"
