# SPDX-License-Identifier: GPL-2.0-only
# The log directory (docs/runner.md, "Outputs"). A run holds a flock(1) on
# LOG_DIR and lists every file it creates in LOG_DIR/.run_tests, its
# manifest: a directory holding a file not listed is refused (exit 2), and
# only listed files are ever moved or deleted.

declare -ga OWNED=()
declare -g LOG_DIR LOG_LOCK_FD=''

# logs_lock DIR: takes DIR's lock, waiting (interruptibly) while another run
# holds it; none without flock (a standalone test's LOG_DIR is its own).
logs_lock() {
	local holder=''
	hash flock 2>/dev/null || return 0
	exec {LOG_LOCK_FD}< "$1" || run_die "cannot open LOG_DIR $1"
	if ! flock -n "$LOG_LOCK_FD"; then
		{ read -r holder < "$1/.run_tests"; } 2>/dev/null
		holder=${holder##*run }
		holder=${holder%%)*}
		printf 'run_tests.sh: %s is in use by run %s; waiting (or set LOG_DIR to another directory)\n' \
			"$1" "${holder:-?}" >&2
		# In the background: a signal's trap runs at once, not after flock.
		flock "$LOG_LOCK_FD" &
		if ! wait "$!"; then
			kill "$!" 2>/dev/null
			printf 'run_tests.sh: interrupted while waiting for %s\n' "$1" >&2
			exit "${INTERRUPTED:-2}"
		fi
	fi
}

# logs_owned DIR: sets OWNED to the files of DIR that its manifest lists, or
# fails with REPLY naming a file that is not a run's log.
logs_owned() {
	local dir=$1 f base
	local -A listed=()
	local -a names all
	OWNED=()
	if [[ -f $dir/.run_tests ]]; then
		mapfile -t names < "$dir/.run_tests"
		for f in "${names[@]:1}"; do
			listed[$f]=1
		done
	fi
	all=("$dir"/* "$dir"/.[!.]* "$dir"/..?*)
	for f in "${all[@]}"; do
		[[ -e $f || -L $f ]] || continue
		base=${f##*/}
		[[ $base == .run_tests || $base == .lock ]] && continue
		if [[ -z ${listed[$base]} || ! -f $f || -L $f ]]; then
			REPLY=$base
			return 1
		fi
		OWNED+=("$base")
	done
}

# logs_open DIR: creates or takes over DIR for this run, moving the previous
# run's files to DIR.old.
logs_open() {
	local dir=$1 old msg
	local -a prev
	while [[ $dir == */ && $dir != / ]]; do
		dir=${dir%/}
	done
	old=$dir.old LOG_DIR=$dir
	[[ -e $dir && ! -d $dir ]] && run_die "LOG_DIR $dir exists and is not a directory"
	if [[ ! -d $dir ]]; then
		msg=$(mkdir -p -- "$dir" 2>&1) || run_die "cannot create LOG_DIR $dir: ${msg##*: }"
	fi
	[[ -w $dir && -x $dir ]] || run_die "cannot write in LOG_DIR $dir: permission denied"
	logs_lock "$dir"
	logs_owned "$dir" || run_die "LOG_DIR $dir holds '$REPLY', which is not a log of run_tests.sh: choose" \
		"another LOG_DIR or move the directory's files away (nothing was changed)"
	prev=("${OWNED[@]}")
	if (( ${#prev[@]} )); then
		[[ -e $old && ! -d $old ]] && run_die "$old exists and is not a directory"
		[[ -d $old ]] || mkdir -- "$old" 2>/dev/null || run_die "cannot create $old"
		logs_owned "$old" ||
			run_die "$old holds '$REPLY', not a log of run_tests.sh: move it away (nothing was changed)"
		# The run before last goes.
		(( ${#OWNED[@]} )) && rm -f -- "${OWNED[@]/#/$old/}"
		mv -f -- "${prev[@]/#/$dir/}" "$dir/.run_tests" "$old/" ||
			run_die "cannot move the logs of $dir to $old"
	fi
	printf '# files written by run_tests.sh (run %s)\n' "$$" > "$dir/.run_tests" ||
		run_die "cannot write in LOG_DIR $dir"
}

logs_new() { printf '%s\n' "$1" >> "$LOG_DIR/.run_tests"; }

# logs_summary REVISION ENDING: one write, which a full disk fails as a whole.
logs_summary() {
	local i text
	printf -v text 'revision: %s\ndate: %(%Y-%m-%d %H:%M:%S %z)T\n' "$1" -1
	text+="arch: ${CONFIG[ARCH]}"$'\n'"accel: $ACCEL"$'\n'"qemu: $QEMU ($QEMU_VERSION_STRING)"$'\n'
	for i in "${SELECTED[@]}"; do
		[[ -n ${R_LINE[i]} ]] && text+=${R_LINE[i]}$'\n'
	done
	console_totals
	text+="$REPLY"$'\n'"ended: $2"$'\n'
	logs_new SUMMARY
	printf '%s' "$text" > "$LOG_DIR/SUMMARY"
}
