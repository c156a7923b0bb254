# SPDX-License-Identifier: GPL-2.0-only
# Small helpers shared by the runner's files: fatal errors and word lists.
# Kept fork-free because they run once per cfg line or per test.

# A usage or configuration error: the runner promises exit status 2 for these.
runner_die()
{
	printf 'run_tests.sh: %s\n' "$*" >&2
	exit 2
}

# Files the run removes when it ends (its temporary files; the log
# directory's lock once logs_unlock gives it up).
declare -ga RUNNER_TMP=()

# The EXIT trap: gives the log directory up and removes RUNNER_TMP with one
# rm in the background: the run is over, nobody waits for it but a run
# waiting for the lock.
runner_cleanup()
{
	declare -F logs_unlock > /dev/null && logs_unlock
	(( ${#RUNNER_TMP[@]} )) && { rm -f -- "${RUNNER_TMP[@]}" & }
	RUNNER_TMP=()
}

# True when word $1 is one of the words in $2 (separated by spaces or commas).
word_in()
{
	local w=$1 list=" ${2//,/ } "
	[[ $list == *" $w "* ]]
}

# Seconds (with fractions) between two $EPOCHREALTIME stamps, as "S.mmm".
# Done with integer microseconds so that no bc/awk fork is needed per test.
elapsed()
{
	# The decimal point follows the locale, hence both separators.
	local us=$(( 10#${2//[.,]/} - 10#${1//[.,]/} ))
	(( us < 0 )) && us=0
	printf -v REPLY '%d.%03d' $(( us / 1000000 )) $(( us / 1000 % 1000 ))
}

# Sets REPLY to the number of CPUs this process may run on, as nproc(1)
# would, from /proc/self/status: a fork costs more than this whole read.
cpu_count()
{
	local line list='' r n=0
	local -a lines
	mapfile -t lines < /proc/self/status
	for line in "${lines[@]}"; do
		if [[ $line == Cpus_allowed_list:* ]]; then
			list=${line#*:}
			break
		fi
	done
	for r in ${list//,/ }; do
		if [[ $r == *-* ]]; then
			(( n += ${r#*-} - ${r%-*} + 1 ))
		else
			(( n += 1 ))
		fi
	done
	(( n > 0 )) || n=$(nproc 2>/dev/null) || n=1
	REPLY=$n
}

# True when $1 is a timeout(1) duration the runner accepts: at most 7 digits
# (checked before anything computes with it), 0 meaning no timeout. The
# lengths are checked apart: a bounded repeat in a regex is slow to compile.
timeout_valid()
{
	[[ $1 =~ ^([0-9]+)(\.([0-9]+))?[smhd]?$ ]] && (( ${#BASH_REMATCH[1]} <= 7 && ${#BASH_REMATCH[3]} <= 3 ))
}
