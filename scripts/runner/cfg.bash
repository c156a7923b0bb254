# Loads an arch's unittests.cfg into the T_* arrays (one slot per test, in
# file order) through cfg.awk: one fork per run, whatever the cfg's size.
# Problems land in CFG_ERRORS as FILE:LINE: message; the caller refuses to
# run anything if there is one.

declare -ga T_NAME=() T_LINE=() T_FILE=() T_SMP=() T_EXTRA=() T_ARGS=() \
	T_GROUPS=() T_ARCH=() T_MACHINE=() T_ACCEL=() T_TIMEOUT=() T_CHECK=() \
	T_DISABLED=() CFG_ERRORS=()
declare -gA T_INDEX=() CFG_SMP_LINE=()
declare -g CFG_FILE=''
declare -gi NTESTS=0
declare -g CFG_AWK=${BASH_SOURCE[0]%/*}/cfg.awk

# cfg_parse FILE (needs MAX_SMP for smp expressions)
cfg_parse()
{
	local code i v
	CFG_FILE=$1
	[[ -f $CFG_FILE && -r $CFG_FILE ]] || runner_die "cannot read $CFG_FILE"
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
}
