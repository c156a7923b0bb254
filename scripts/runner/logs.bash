# The log directory: logs/NAME.log per test, the previous run kept as
# logs.old/, and logs/SUMMARY with the source revision and the results.

declare -g LOGS_HELPER_PL=${BASH_SOURCE[0]%/*}/logs-helper.pl LOGS_IN='' LOGS_OUT=''

# logs_prepare DIR SRCDIR: starts logs-helper.pl; it does nothing until
# logs_ready, so a run that stops on a bad cfg leaves logs/ as they were.
logs_prepare()
{
	hash perl 2>/dev/null || runner_die "perl not found: install the Debian package perl-base"
	coproc LOGS_HELPER { exec perl "$LOGS_HELPER_PL" "$1" "$2" 2>/dev/null; }
	# Our own copies: bash closes a coproc's descriptors once it has
	# reaped it, which may be before its last line has been read.
	exec {LOGS_IN}<&"${LOGS_HELPER[0]}" {LOGS_OUT}>&"${LOGS_HELPER[1]}"
}

# logs_ready DIR: rotates the log directory, and waits until it is there.
logs_ready()
{
	local line=''
	printf 'go\n' >&"$LOGS_OUT"
	read -r -u "$LOGS_IN" line
	[[ $line == ready ]] || runner_die "log directory $1: ${line#error: }"
}

# Sets REPLY to the revision, once the tests are done.
logs_revision()
{
	REPLY=''
	[[ -n $LOGS_IN ]] && read -r -u "$LOGS_IN" REPLY
	: "${REPLY:=unknown}"
}

# logs_summary REVISION: writes logs/SUMMARY, results in cfg order.
logs_summary()
{
	local i
	{
		printf 'revision: %s\n' "$1"
		printf 'date: %(%Y-%m-%d %H:%M:%S %z)T\n' -1
		printf 'arch: %s\naccel: %s\nqemu: %s (%s)\n' "${CONFIG[ARCH]}" "$ACCEL" "$QEMU" "$QEMU_VERSION_STRING"
		for i in "${SELECTED[@]}"; do
			[[ -n ${R_LINE[i]} ]] && printf '%s\n' "${R_LINE[i]}"
		done
		console_totals
		printf '%s\n' "$REPLY"
	} > "$LOG_DIR/SUMMARY"
}
