# SPDX-License-Identifier: GPL-2.0-only
# Loads an arch's unittests.cfg into the T_* arrays (one slot per test, in
# file order) through cfg.awk: one process per run, whatever the cfg's size,
# and nothing of the cfg is ever evaluated by bash (cfg.awk prints values as
# lines, read with mapfile). Problems land in CFG_ERRORS as FILE:LINE:
# message; the caller refuses to run anything if there is one.

declare -ga T_NAME=() T_LINE=() T_FILE=() T_SMP=() T_EXTRA=() T_ARGS=() \
	T_GROUPS=() T_ARCH=() T_MACHINE=() T_ACCEL=() T_TIMEOUT=() T_CHECK=() \
	T_DISABLED=() CFG_ERRORS=()
declare -gA T_INDEX=()
declare -g CFG_FILE=''
declare -gi NTESTS=0
declare -g CFG_AWK=${BASH_SOURCE[0]%/*}/cfg.awk
# The first line of a cfg kept already parsed (cfg.awk's output), as a
# standalone test carries it: read as is, so that awk is not needed there.
declare -gr CFG_PARSED_MAGIC='# run_tests.sh parsed cfg, format 1'

# cfg_parse FILE: needs MAX_SMP (a checked number) and CONFIG[] for the
# variables a value may use.
cfg_parse()
{
	local -a parsed
	local n e head=''
	CFG_FILE=$1
	[[ -f $CFG_FILE && -r $CFG_FILE ]] || runner_die "cannot read $CFG_FILE"
	{ IFS= read -r head < "$CFG_FILE"; } 2>/dev/null
	if [[ $head == "$CFG_PARSED_MAGIC" ]]; then
		mapfile -t -s 1 parsed < "$CFG_FILE"
	else
		mapfile -t parsed < <(CFG_FILE=$CFG_FILE CFG_MAX_SMP=$MAX_SMP CFG_ARCH=${CONFIG[ARCH]:-} \
			CFG_TEST_DIR=${CONFIG[TEST_DIR]:-} CFG_PROCESSOR=${CONFIG[PROCESSOR]:-} \
			exec awk -f "$CFG_AWK" -- "$CFG_FILE")
	fi
	head=${parsed[0]-}
	[[ $head =~ ^CFG1\ ([0-9]+)\ ([0-9]+)$ && ${parsed[-1]-} == END ]] ||
		runner_die "cannot parse $CFG_FILE: awk failed"
	n=${BASH_REMATCH[1]} e=${BASH_REMATCH[2]}
	(( ${#parsed[@]} == 13 * n + e + 2 )) || runner_die "cannot parse $CFG_FILE: awk's output is incomplete"
	NTESTS=$n
	T_NAME=("${parsed[@]:1:n}")
	T_LINE=("${parsed[@]:1 + n:n}")
	T_FILE=("${parsed[@]:1 + 2 * n:n}")
	T_SMP=("${parsed[@]:1 + 3 * n:n}")
	T_EXTRA=("${parsed[@]:1 + 4 * n:n}")
	T_ARGS=("${parsed[@]:1 + 5 * n:n}")
	T_GROUPS=("${parsed[@]:1 + 6 * n:n}")
	T_ARCH=("${parsed[@]:1 + 7 * n:n}")
	T_MACHINE=("${parsed[@]:1 + 8 * n:n}")
	T_ACCEL=("${parsed[@]:1 + 9 * n:n}")
	T_TIMEOUT=("${parsed[@]:1 + 10 * n:n}")
	T_CHECK=("${parsed[@]:1 + 11 * n:n}")
	T_DISABLED=("${parsed[@]:1 + 12 * n:n}")
	CFG_ERRORS=("${parsed[@]:1 + 13 * n:e}")
}

# cfg_write_parsed I FILE: writes test I alone in the parsed form.
cfg_write_parsed()
{
	local i=$1 a all
	{
		printf '%s\nCFG1 1 0\n' "$CFG_PARSED_MAGIC"
		for a in T_NAME T_LINE T_FILE T_SMP T_EXTRA T_ARGS T_GROUPS T_ARCH \
			T_MACHINE T_ACCEL T_TIMEOUT T_CHECK T_DISABLED; do
			all="${a}[i]"
			printf '%s\n' "${!all}"
		done
		printf 'END\n'
	} > "$2"
}

# cfg_index: fills T_INDEX (name -> slot); only runs that name tests need it.
cfg_index()
{
	local i
	for (( i = 0; i < NTESTS; i++ )); do
		T_INDEX[${T_NAME[i]}]=$i
	done
}
