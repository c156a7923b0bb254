# SPDX-License-Identifier: GPL-2.0-only
# Loads an arch's unittests.cfg into the T_* arrays (one slot per test, in
# file order) through cfg.awk: one process per run, whatever the cfg's size,
# and nothing of the cfg is evaluated by bash here (cfg.awk prints values as
# data, read with mapfile; disabled_if, the one documented shell hook, is
# run by plan.bash). Every test's name and groups are loaded at once, since
# selecting needs them; its other fields when a run gets to it (cfg_test). Problems land in CFG_ERRORS as FILE:LINE: message; the
# caller refuses to run anything if there is one.

declare -ga T_NAME=() T_LINE=() T_FILE=() T_SMP=() T_EXTRA=() T_ARGS=() \
	T_GROUPS=() T_ARCH=() T_MACHINE=() T_FIRMWARE=() T_ACCEL=() T_TIMEOUT=() T_CHECK=() \
	T_DISABLED=() CFG_ERRORS=()
declare -gA T_INDEX=()
declare -g CFG_FILE=''
declare -gi NTESTS=0
declare -g CFG_AWK=${BASH_SOURCE[0]%/*}/cfg.awk
# The first line of a cfg kept already parsed (cfg.awk's output), as a
# standalone test carries it: read as is, so that awk is not needed there.
declare -gr CFG_PARSED_MAGIC='# run_tests.sh parsed cfg, format 2'
# The fields of a test that cfg_test reads from its line, in cfg.awk's
# order (its first two, name and groups, are read for every test at once).
declare -gra CFG_FIELDS=(T_LINE T_FILE T_SMP T_EXTRA T_ARGS T_ARCH T_MACHINE T_FIRMWARE T_ACCEL T_TIMEOUT T_CHECK \
	T_DISABLED)
# CFG_ROWS[I]: test I's line from cfg.awk without its name and groups.
declare -ga CFG_ROWS=()

declare -g CFG_OUT='' CFG_AWK_PID=''

# cfg_start FILE: starts reading FILE for cfg_read: cfg.awk runs in the
# background, into a new temporary file, while the runner loads the rest
# of itself. Needs MAX_SMP (a checked number) and CONFIG[] for the
# variables a value may use.
cfg_start()
{
	local head='' try -
	CFG_FILE=$1 CFG_OUT='' CFG_AWK_PID=''
	[[ -f $CFG_FILE && -r $CFG_FILE ]] || runner_die "cannot read $CFG_FILE"
	{ IFS= read -r head < "$CFG_FILE"; } 2>/dev/null
	if [[ $head == "$CFG_PARSED_MAGIC" ]]; then
		CFG_OUT=$CFG_FILE
		return
	fi
	# noclobber: a name no other file has.
	set -C
	for try in 1 2 3; do
		CFG_OUT=${TMPDIR:-/tmp}/kut-cfg.$$.$RANDOM
		{ : > "$CFG_OUT"; } 2>/dev/null && break
		CFG_OUT=''
	done
	[[ -n $CFG_OUT ]] || runner_die "cannot create a temporary file in ${TMPDIR:-/tmp}"
	RUNNER_TMP+=("$CFG_OUT")
	CFG_FILE=$CFG_FILE CFG_MAX_SMP=$MAX_SMP CFG_ARCH=${CONFIG[ARCH]:-} CFG_TEST_DIR=${CONFIG[TEST_DIR]:-} \
		CFG_PROCESSOR=${CONFIG[PROCESSOR]:-} awk -f "$CFG_AWK" -- "$CFG_FILE" >| "$CFG_OUT" &
	CFG_AWK_PID=$!
}

# cfg_read: sets T_NAME, T_GROUPS and CFG_ROWS, or CFG_ERRORS, from what
# cfg_start began.
cfg_read()
{
	local n e head
	local -a lines
	if [[ -n $CFG_AWK_PID ]]; then
		wait "$CFG_AWK_PID"
		mapfile -t lines < "$CFG_OUT"
	else
		mapfile -t -s 1 lines < "$CFG_OUT"
	fi
	head='' n='' e=''
	(( ${#lines[@]} )) && read -r head n e <<< "${lines[-1]}"
	[[ $head == END && $n == [0-9]* && $n != *[!0-9]* && $e == [0-9]* && $e != *[!0-9]* ]] ||
		runner_die "cannot parse $CFG_FILE: awk failed"
	(( ${#lines[@]} == n + e + 1 )) || runner_die "cannot parse $CFG_FILE: awk's output is incomplete"
	NTESTS=$n
	CFG_ERRORS=("${lines[@]:n:e}")
	lines=("${lines[@]:0:n}")
	# Each expansion works on every line at once: no bash loop over a
	# cfg that may have thousands of tests.
	T_NAME=("${lines[@]%%$'\036'*}")
	lines=("${lines[@]#*$'\036'}")
	T_GROUPS=("${lines[@]%%$'\036'*}")
	CFG_ROWS=("${lines[@]#*$'\036'}")
}

# cfg_parse FILE: cfg_start and cfg_read in one.
cfg_parse()
{
	cfg_start "$1"
	cfg_read
}

# cfg_test I: sets test I's other fields (T_FILE[I], T_SMP[I], ...), for
# the tests a run gets to.
cfg_test()
{
	local i=$1 k=0 a row=${CFG_ROWS[$1]}$'\036'x -
	local -a f
	local IFS=$'\036'
	set -f
	# Split at \036 alone, never globbed; the sentinel x keeps a last empty field.
	# shellcheck disable=SC2206 # split on purpose
	f=($row)
	for a in "${CFG_FIELDS[@]}"; do
		printf -v "${a}[i]" '%s' "${f[k++]}"
	done
}

# cfg_write_parsed I FILE: writes test I alone in the parsed form.
cfg_write_parsed()
{
	printf '%s\n%s\nEND 1 0\n' "$CFG_PARSED_MAGIC" "${T_NAME[$1]}"$'\036'"${T_GROUPS[$1]}"$'\036'"${CFG_ROWS[$1]}" > "$2"
}

# cfg_index: fills T_INDEX (name -> slot); only runs that name tests need it.
cfg_index()
{
	local i
	for (( i = 0; i < NTESTS; i++ )); do
		T_INDEX[${T_NAME[i]}]=$i
	done
}
