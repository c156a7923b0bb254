# SPDX-License-Identifier: GPL-2.0-only
# Small helpers shared by the runner's files: fatal errors, word lists, time.

# A usage or configuration error: the runner promises exit status 2 for these.
runner_die()
{
	printf 'run_tests.sh: %s\n' "$*" >&2
	exit 2
}

# The EXIT trap: gives the log directory up.
runner_cleanup()
{
	declare -F logs_unlock > /dev/null && logs_unlock
}

# True when word $1 is one of the words in $2 (separated by spaces or commas).
word_in()
{
	local w=$1 list=" ${2//,/ } "
	[[ $list == *" $w "* ]]
}

# Seconds (with fractions) between two $EPOCHREALTIME stamps, as "S.mmm".
elapsed()
{
	# The decimal point follows the locale, hence both separators.
	local us=$(( 10#${2//[.,]/} - 10#${1//[.,]/} ))
	(( us < 0 )) && us=0
	printf -v REPLY '%d.%03d' $(( us / 1000000 )) $(( us / 1000 % 1000 ))
}
