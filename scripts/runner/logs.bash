# The log directory: logs/NAME.log per test, the previous run kept as
# logs.old/, and logs/SUMMARY with the source revision and the results.

declare -g LOGS_FD=''

# logs_prepare DIR SRCDIR: one background helper keeps exactly one previous
# run (DIR.old), makes DIR, says "ready", then asks git for SRCDIR's
# revision. A process costs 5-10 ms on a busy machine, so the runner starts
# one helper instead of four commands, and the tests' run time hides git.
logs_prepare()
{
	local dir=$1 src=$2
	exec {LOGS_FD}< <(
		if [[ -e $dir ]]; then
			if [[ -e $dir.old ]]; then
				rm -rf -- "$dir.old" || exit
			fi
			mv -- "$dir" "$dir.old" || exit
		fi
		mkdir -p -- "$dir" || exit
		echo ready
		hash git 2>/dev/null && git -C "$src" describe --always --dirty 2>/dev/null
	)
}

# Waits until the log directory is there.
logs_ready()
{
	local line=''
	read -r -u "$LOGS_FD" line
	[[ $line == ready ]] || runner_die "cannot move $1 to $1.old or create $1 (see above)"
}

# Sets REPLY to the revision, once the tests are done.
logs_revision()
{
	REPLY=''
	read -r -u "$LOGS_FD" REPLY
	exec {LOGS_FD}<&-
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
