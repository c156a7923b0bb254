# SPDX-License-Identifier: GPL-2.0-only
# Loads an arch's unittests.cfg into the T_* arrays (one slot per test, in
# file order) through cfg.awk: one process per run, whatever the cfg's size,
# and nothing of the cfg is evaluated by bash here (cfg.awk prints values as
# lines, read with mapfile; disabled_if, the one documented shell hook, is
# run by plan.bash). Problems land in CFG_ERRORS as FILE:LINE: message; the
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
declare -gr CFG_PARSED_MAGIC='# run_tests.sh parsed cfg, format 1'

# cfg_parse FILE: needs MAX_SMP (a checked number) and CONFIG[] for the
# variables a value may use.
cfg_parse()
{
	local n e head='' text fd a last=''
	CFG_FILE=$1
	[[ -f $CFG_FILE && -r $CFG_FILE ]] || runner_die "cannot read $CFG_FILE"
	{ IFS= read -r head < "$CFG_FILE"; } 2>/dev/null
	if [[ $head == "$CFG_PARSED_MAGIC" ]]; then
		exec {fd}< "$CFG_FILE"
		read -r -u "$fd" head
	else
		# awk's output is kept in a string and read back from a
		# here-string (a file): bash reads a pipe one byte per system
		# call, a file in blocks.
		text=$(CFG_FILE=$CFG_FILE CFG_MAX_SMP=$MAX_SMP CFG_ARCH=${CONFIG[ARCH]:-} \
			CFG_TEST_DIR=${CONFIG[TEST_DIR]:-} CFG_PROCESSOR=${CONFIG[PROCESSOR]:-} \
			exec awk -f "$CFG_AWK" -- "$CFG_FILE")
		exec {fd}<<< "$text"
	fi
	head=''
	read -r -u "$fd" head
	if [[ ! $head =~ ^CFG1\ ([0-9]+)\ ([0-9]+)$ ]]; then
		exec {fd}<&-
		runner_die "cannot parse $CFG_FILE: awk failed"
	fi
	n=${BASH_REMATCH[1]} e=${BASH_REMATCH[2]}
	NTESTS=$n
	T_NAME=() T_LINE=() T_FILE=() T_SMP=() T_EXTRA=() T_ARGS=() T_GROUPS=() T_ARCH=() \
		T_MACHINE=() T_FIRMWARE=() T_ACCEL=() T_TIMEOUT=() T_CHECK=() T_DISABLED=() CFG_ERRORS=()
	# Each array is the next N lines: mapfile -n reads just those (-n 0
	# would read everything, hence the tests).
	for a in T_NAME T_LINE T_FILE T_SMP T_EXTRA T_ARGS T_GROUPS T_ARCH \
		T_MACHINE T_FIRMWARE T_ACCEL T_TIMEOUT T_CHECK T_DISABLED; do
		(( n )) && mapfile -t -n "$n" -u "$fd" "$a"
	done
	(( e )) && mapfile -t -n "$e" -u "$fd" CFG_ERRORS
	read -r -u "$fd" last
	exec {fd}<&-
	[[ $last == END && ${#T_DISABLED[@]} == "$n" ]] || runner_die "cannot parse $CFG_FILE: awk's output is incomplete"
}

# cfg_write_parsed I FILE: writes test I alone in the parsed form.
cfg_write_parsed()
{
	local i=$1 a all
	{
		printf '%s\nCFG1 1 0\n' "$CFG_PARSED_MAGIC"
		for a in T_NAME T_LINE T_FILE T_SMP T_EXTRA T_ARGS T_GROUPS T_ARCH \
			T_MACHINE T_FIRMWARE T_ACCEL T_TIMEOUT T_CHECK T_DISABLED; do
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
