# Loads an arch's unittests.cfg into the T_* arrays (one slot per test, in
# file order) through cfg.awk: one fork per run, whatever the cfg's size.
# Problems land in CFG_ERRORS as FILE:LINE: message; the caller refuses to
# run anything if there is one.

declare -ga T_NAME=() T_LINE=() T_FILE=() T_SMP=() T_EXTRA=() T_ARGS=() \
	T_GROUPS=() T_ARCH=() T_MACHINE=() T_FIRMWARE=() T_ACCEL=() T_TIMEOUT=() T_CHECK=() \
	T_DISABLED=() CFG_ERRORS=()
declare -gA T_INDEX=() CFG_SMP_LINE=()
declare -g CFG_FILE=''
declare -gi NTESTS=0
declare -g CFG_AWK=${BASH_SOURCE[0]%/*}/cfg.awk
# Where parsed cfgs are kept between runs ('' for nowhere).
declare -g CFG_CACHE=.cfg-cache

# cfg_parse FILE (needs MAX_SMP for smp expressions). The arrays awk gives
# are kept in CFG_CACHE with the exact cfg text and MAX_SMP they came from,
# and reused while those are unchanged: sourcing a file costs no process.
cfg_parse()
{
	local code i v key lines
	CFG_FILE=$1
	[[ -f $CFG_FILE && -r $CFG_FILE ]] || runner_die "cannot read $CFG_FILE"
	mapfile -t lines < "$CFG_FILE"
	printf -v key '%s|%s|' "$CFG_FILE" "$MAX_SMP" "${lines[@]}"
	if [[ -n $CFG_CACHE && -f $CFG_CACHE && $CFG_CACHE -nt $CFG_AWK ]]; then
		local CFG_CACHE_KEY=''
		# shellcheck source=/dev/null
		. "$CFG_CACHE" 2>/dev/null
		[[ $CFG_CACHE_KEY == "$key" ]] && return
		CFG_ERRORS=()
	fi
	code=$(CFG_FILE=$CFG_FILE MAX_SMP=$MAX_SMP awk -f "$CFG_AWK" < "$CFG_FILE") ||
		runner_die "cannot parse $CFG_FILE: awk failed"
	eval "$code"
	# cfg.awk let through only digits, operators and MAX_SMP's value, so
	# this arithmetic cannot run anything.
	for i in "${!CFG_SMP_LINE[@]}"; do
		v=''
		{ (( v = T_SMP[i] )); } 2>/dev/null
		if [[ -z $v ]] || (( v < 1 )); then
			CFG_ERRORS+=("$CFG_FILE:${CFG_SMP_LINE[$i]}: smp '${T_SMP[i]}' does not give a CPU count of at least 1")
		else
			T_SMP[i]=$v
		fi
	done
	(( ${#CFG_ERRORS[@]} || !NTESTS )) || [[ -z $CFG_CACHE ]] || cfg_cache_write "$key"
}

# cfg_cache_write KEY: the sentinel goes last so that a half-written file
# (two runs at once) never matches.
cfg_cache_write()
{
	local a k all
	{
		# Plain assignments, not declare -p: sourced from a function,
		# declare would make them local to it.
		for a in T_NAME T_LINE T_FILE T_SMP T_EXTRA T_ARGS T_GROUPS T_ARCH \
			T_MACHINE T_FIRMWARE T_ACCEL T_TIMEOUT T_CHECK T_DISABLED; do
			all="${a}[@]"
			printf '%s=(' "$a"
			printf ' %q' "${!all}"
			printf ' )\n'
		done
		printf 'T_INDEX=('
		for k in "${!T_INDEX[@]}"; do
			printf ' [%q]=%d' "$k" "${T_INDEX[$k]}"
		done
		printf ' )\nNTESTS=%d\n' "$NTESTS"
		printf 'CFG_CACHE_KEY=%q\n' "$1"
	} > "$CFG_CACHE" 2>/dev/null
}
