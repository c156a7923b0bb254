# SPDX-License-Identifier: GPL-2.0-only
# Helpers for the runner's test suite: a scratch build tree wired to the fake
# QEMU, a way to run run_tests.sh in it, and the pass/fail bookkeeping.

declare -gi T_PASSED=0 T_FAILED=0 T_SKIPPED=0
declare -g RC='' WS='' OUT='' ERR=''

# ok DESCRIPTION COMMAND...: one check; COMMAND's status is the verdict.
ok()
{
	local desc=$1
	shift
	if "$@"; then
		(( T_PASSED++ ))
	else
		(( T_FAILED++ ))
		printf 'FAIL: %s\n' "$desc"
		if [[ -n $OUT && -f $OUT ]]; then
			sed 's/^/    out: /' "$OUT" | head -n 30
			sed 's/^/    err: /' "$ERR" | head -n 10
		fi
	fi
}

skip()
{
	(( T_SKIPPED++ ))
	printf 'SKIP: %s\n' "$1"
}

# has FILE ERE: a line of FILE matches. line FILE TEXT: a line is TEXT.
has() { grep -qE -- "$2" "$1"; }
line() { grep -qxF -- "$2" "$1"; }
lacks() { ! grep -qE -- "$2" "$1"; }
status_is() { [[ $RC == "$1" ]]; }

# image FILE [MACHINE]: stdin, a fake image's snippet, becomes FILE with an
# ELF header line before it (e_machine MACHINE, 3 by default: i386, as
# x86/run wants; fake/qemu skips the line).
image()
{
	{ printf '\177ELF\1\1\1'; printf '\0%.0s' {1..9}; printf "\\2\\0\\$(printf %o "${2:-3}")"
		printf '\0%.0s' {1..33}; printf '\n'; cat; } > "$1"
}

# ws_new: a fresh build tree with config.mak and the fake images in fake/.
ws_new()
{
	local f
	WS=$(mktemp -d "$SCRATCH/ws.XXXXXX")
	mkdir "$WS/fake"
	for f in "$TESTS_DIR"/images/*.flat; do
		image "$WS/fake/${f##*/}" < "$f"
	done
	printf 'SRCDIR=%s\nARCH=x86_64\nARCH_DIR=x86\nTEST_DIR=fake\nHOST=x86_64\nDEFAULT_ENVIRON=yes\nERRATATXT=%s\nIMAGE_EXT=flat\n' \
		"$REPO" "$WS/errata.txt" > "$WS/config.mak"
	printf '# none\n' > "$WS/errata.txt"
	OUT=$WS/out ERR=$WS/err
}

# cfg: stdin becomes the tree's unittests.cfg.
cfg() { cat > "$WS/fake/unittests.cfg"; }

# Keeps the status of the command just before it, for status_is.
record() { RC=$?; }

# in_ws COMMAND...: runs COMMAND in the tree, output to $OUT and $ERR.
in_ws()
{
	( cd "$WS" && "$@" ) > "$OUT" 2> "$ERR" < /dev/null
	record
}

# runner ARGS...: runs run_tests.sh in the tree with the fake QEMU; sets RC.
# Extra environment goes before it: FOO=1 runner -a (exported by bash).
runner()
{
	in_ws env QEMU="$TESTS_DIR/fake/qemu" KVM_DEVICE="${KVM_DEVICE:-$WS/no-kvm}" \
		"$REPO/run_tests.sh" "$@"
}
