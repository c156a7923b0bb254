# SPDX-License-Identifier: GPL-2.0-only
# expect.bash - for suites that check a command's exit status and output:
# `expect STATUS PATTERN DESCRIPTION -- command...` runs the command, and
# passes when the status is STATUS and the output matches the extended
# regular expression PATTERN (empty: anything). `expect_end` prints the
# suite's last line, "N passed, N failed". Sourced; the caller sets
# EXPECT_NAME (the prefix of each PASS/FAIL line).

EXPECT_PASSED=0
EXPECT_FAILED=0
EXPECT_OUT=$(mktemp)
trap 'rm -f "$EXPECT_OUT"' EXIT

expect_ok() {
	echo "PASS: $EXPECT_NAME: $*"
	EXPECT_PASSED=$((EXPECT_PASSED + 1))
}

# Failures show the first lines of the output, so CI logs say why.
expect_bad() {
	echo "FAIL: $EXPECT_NAME: $*"
	sed 's/^/	| /' "$EXPECT_OUT" | head -20
	EXPECT_FAILED=$((EXPECT_FAILED + 1))
}

expect() {
	local want=$1 pattern=$2 what=$3 st
	shift 4
	"$@" > "$EXPECT_OUT" 2>&1
	st=$?
	if [ "$st" -eq "$want" ] && grep -qE -- "$pattern" "$EXPECT_OUT"; then
		expect_ok "$what (status $st)"
	else
		expect_bad "$what: status $st (want $want), output should match /$pattern/"
	fi
}

expect_end() {
	echo "$EXPECT_PASSED passed, $EXPECT_FAILED failed"
	[ "$EXPECT_FAILED" -eq 0 ]
}
