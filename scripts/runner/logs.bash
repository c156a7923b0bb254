# The log directory: logs/NAME.log per test, the previous run kept as
# logs.old/, and logs/SUMMARY with the source revision and the results.

declare -g REV_PID='' REV_FILE=''

# logs_rotate DIR: keeps exactly one previous run.
logs_rotate()
{
	local dir=$1
	if [[ -e $dir ]]; then
		[[ -e $dir.old ]] && rm -rf -- "$dir.old"
		mv -- "$dir" "$dir.old" || runner_die "cannot move $dir to $dir.old"
	fi
	mkdir -p -- "$dir" || runner_die "cannot create the log directory $dir"
}

# Asks git for the revision in the background: git costs ~10 ms, which the
# tests' own run time hides.
logs_revision_start()
{
	local src=$1
	REV_FILE=$LOG_DIR/.revision
	if hash git 2>/dev/null; then
		git -C "$src" describe --always --dirty > "$REV_FILE" 2>/dev/null &
		REV_PID=$!
	fi
}

logs_revision()
{
	REPLY=''
	[[ -n $REV_PID ]] && wait "$REV_PID" 2>/dev/null
	[[ -f $REV_FILE ]] && read -r REPLY < "$REV_FILE"
	rm -f "$REV_FILE"
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
