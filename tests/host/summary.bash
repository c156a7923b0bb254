# SPDX-License-Identifier: GPL-2.0-only
# summary.bash - for host suites: run programs that end with a report-style
# SUMMARY line, add their counts up, and print "N passed, N failed[, N skipped]".
# Sourced by tests/*/run.sh.

SUMMARY_PASSED=0
SUMMARY_FAILED=0
SUMMARY_SKIPPED=0

# summary_run PROGRAM [ARGS...]: run it, show its output, count its SUMMARY.
# A program that crashes or prints no SUMMARY counts as one failure.
summary_run() {
	local out rc line tests=0 fails=0 skips=0
	out=$("$@" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	line=$(grep '^SUMMARY: ' <<< "$out" | tail -n 1)
	if [ -z "$line" ]; then
		echo "FAIL: $1 ended with status $rc and no SUMMARY line"
		SUMMARY_FAILED=$((SUMMARY_FAILED + 1))
		return
	fi
	[[ $line =~ ([0-9]+)\ tests ]] && tests=${BASH_REMATCH[1]}
	[[ $line =~ ([0-9]+)\ unexpected\ failures ]] && fails=${BASH_REMATCH[1]}
	[[ $line =~ ([0-9]+)\ skipped ]] && skips=${BASH_REMATCH[1]}
	if [ "$rc" -ne 0 ] && [ "$fails" -eq 0 ]; then
		echo "FAIL: $1 exited with status $rc"
		fails=1
	fi
	SUMMARY_PASSED=$((SUMMARY_PASSED + tests - fails - skips))
	SUMMARY_FAILED=$((SUMMARY_FAILED + fails))
	SUMMARY_SKIPPED=$((SUMMARY_SKIPPED + skips))
}

# The suite's last line; the exit status says whether anything failed.
summary_print() {
	local line="$SUMMARY_PASSED passed, $SUMMARY_FAILED failed"
	[ "$SUMMARY_SKIPPED" -gt 0 ] && line+=", $SUMMARY_SKIPPED skipped"
	echo "$line"
	[ "$SUMMARY_FAILED" -eq 0 ]
}
