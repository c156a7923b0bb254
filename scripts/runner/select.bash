# SPDX-License-Identifier: GPL-2.0-only
# Chooses which cfg entries a run covers (SELECTED, in cfg order) from the
# test names and -g groups on the command line, applying the nodefault rule:
# a nodefault test runs when named, when one of its groups is asked for, or
# under -a; a plain run lists it as skipped so that it is never silently lost.

declare -ga SELECTED=()
declare -ga PLAN_SKIP=()

# select_tests ALL NAMES GROUPS: ALL is 1 for -a; NAMES and GROUPS are
# blank-separated lists. Unknown names or groups stop the run (exit 2):
# a typo must not turn into a green run of nothing.
select_tests()
{
	local all=$1 names=$2 groups=$3 i n g
	local -A group_used=()
	# A plain run of a cfg without nodefault tests: every slot, no loop.
	if [[ -z $names && -z $groups && ( $all == 1 || " ${T_GROUPS[*]} " != *[[:space:]]nodefault[[:space:]]* ) ]]; then
		SELECTED=("${!T_NAME[@]}")
		return
	fi
	[[ -n $names ]] && cfg_index
	for n in $names; do
		[[ -n ${T_INDEX[$n]} ]] || runner_die "no test named '$n' in $CFG_FILE"
	done
	for (( i = 0; i < NTESTS; i++ )); do
		if [[ -z $names && -z $groups ]]; then
			SELECTED+=("$i")
			# Inline rather than word_in: this runs once per cfg entry.
			if [[ $all != 1 && " ${T_GROUPS[i]} " == *" nodefault "* ]]; then
				PLAN_SKIP[i]=nodefault
			fi
			continue
		fi
		if word_in "${T_NAME[i]}" "$names"; then
			SELECTED+=("$i")
			continue
		fi
		for g in $groups; do
			if word_in "$g" "${T_GROUPS[i]}"; then
				group_used[$g]=1
				SELECTED+=("$i")
				break
			fi
		done
	done
	for g in $groups; do
		[[ -n ${group_used[$g]} ]] && continue
		# The group may exist on a test already selected by name.
		for (( i = 0; i < NTESTS; i++ )); do
			word_in "$g" "${T_GROUPS[i]}" && continue 2
		done
		runner_die "no test in $CFG_FILE is in group '$g'"
	done
}
