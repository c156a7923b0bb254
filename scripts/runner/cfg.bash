# SPDX-License-Identifier: GPL-2.0-only
# Loads an arch's unittests.cfg into the T_* arrays (one slot per test, in
# file order) through cfg.awk, whose output is read as data with mapfile:
# nothing of the cfg is evaluated by bash here (disabled_if, the one
# documented shell hook, is run by plan.bash). Names and groups are loaded
# for every test, since selecting needs them; the other fields when a run
# gets to the test (cfg_test). Problems land in CFG_ERRORS as FILE:LINE:
# message; the caller refuses to run anything if there is one.

declare -ga T_NAME=() T_LINE=() T_FILE=() T_SMP=() T_EXTRA=() T_ARGS=() T_GROUPS=() T_ARCH=() T_MACHINE=() \
	T_FIRMWARE=() T_ACCEL=() T_TIMEOUT=() T_CHECK=() T_DISABLED=() CFG_ERRORS=() CFG_ROWS=()
declare -gA T_INDEX=()
declare -g CFG_FILE=''
declare -gi NTESTS=0
# The first line of a cfg kept already parsed (cfg.awk's output), as a
# standalone test carries it: read as is, so that awk is not needed there.
declare -gr CFG_PARSED_MAGIC='# run_tests.sh parsed cfg, format 2'
# The fields cfg_test reads from a test's row, in cfg.awk's order after
# name and groups.
declare -gra CFG_FIELDS=(T_LINE T_FILE T_SMP T_EXTRA T_ARGS T_ARCH T_MACHINE T_FIRMWARE T_ACCEL T_TIMEOUT T_CHECK \
	T_DISABLED)

# cfg_parse FILE: sets T_NAME, T_GROUPS and CFG_ROWS, or CFG_ERRORS. Needs
# MAX_SMP (checked) and CONFIG[] for the variables a value may use.
cfg_parse() {
	local head='' n e
	local -a lines
	CFG_FILE=$1
	[[ -f $CFG_FILE && -r $CFG_FILE ]] || runner_die "cannot read $CFG_FILE"
	{ IFS= read -r head < "$CFG_FILE"; } 2>/dev/null
	if [[ $head == "$CFG_PARSED_MAGIC" ]]; then
		mapfile -t -s 1 lines < "$CFG_FILE"
	else
		mapfile -t lines < <(CFG_FILE=$CFG_FILE CFG_MAX_SMP=$MAX_SMP CFG_ARCH=${CONFIG[ARCH]:-} \
			CFG_TEST_DIR=${CONFIG[TEST_DIR]:-} CFG_PROCESSOR=${CONFIG[PROCESSOR]:-} \
			awk -f "${BASH_SOURCE[0]%/*}/cfg.awk" -- "$CFG_FILE")
	fi
	# cfg.awk's last line, "END NTESTS NERRORS", says that it read it all.
	head='' n='' e=''
	(( ${#lines[@]} )) && read -r head n e <<< "${lines[-1]}"
	[[ $head == END && $n == [0-9]* && $n != *[!0-9]* && $e == [0-9]* && $e != *[!0-9]* ]] &&
		(( ${#lines[@]} == n + e + 1 )) || runner_die "awk did not finish reading $CFG_FILE (see above)"
	NTESTS=$n
	CFG_ERRORS=("${lines[@]:n:e}")
	lines=("${lines[@]:0:n}")
	# Each expansion works on every line at once: no loop over the tests.
	T_NAME=("${lines[@]%%$'\036'*}")
	lines=("${lines[@]#*$'\036'}")
	T_GROUPS=("${lines[@]%%$'\036'*}")
	CFG_ROWS=("${lines[@]#*$'\036'}")
}

# cfg_test I: sets test I's other fields (T_FILE[I], T_SMP[I], ...).
cfg_test() {
	local i=$1 k=0 a row=${CFG_ROWS[$1]}$'\036'x -
	local -a f
	local IFS=$'\036'
	set -f
	# shellcheck disable=SC2206 # split at \036 alone; x keeps a last empty field
	f=($row)
	for a in "${CFG_FIELDS[@]}"; do
		printf -v "${a}[i]" '%s' "${f[k++]}"
	done
}

# cfg_write_parsed I FILE: writes test I alone in the parsed form.
cfg_write_parsed() {
	printf '%s\n%s\nEND 1 0\n' "$CFG_PARSED_MAGIC" "${T_NAME[$1]}"$'\036'"${T_GROUPS[$1]}"$'\036'"${CFG_ROWS[$1]}" > "$2"
}

# cfg_index: fills T_INDEX (name -> slot).
cfg_index() {
	local i
	for (( i = 0; i < NTESTS; i++ )); do
		T_INDEX[${T_NAME[i]}]=$i
	done
}
