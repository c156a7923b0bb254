# SPDX-License-Identifier: GPL-2.0-only
# The console: one whole line per finished test, written by the runner's
# main process only (jobs never print), so parallel runs cannot interleave
# partial lines. Colour is for people: only on a terminal, never with NO_COLOR.

declare -gi N_PASS=0 N_FAIL=0 N_SKIP=0
declare -g COLOR_ON=''

console_init()
{
	[[ -t 1 && -z ${NO_COLOR+set} ]] && COLOR_ON=1
}

# Under -t stdout carries TAP alone; anything else becomes a TAP comment.
console_say()
{
	if [[ -n $OPT_TAP ]]; then
		printf '# %s\n' "$1"
	else
		printf '%s\n' "$1"
	fi
}

# result I VERDICT DETAIL: records and shows a test's verdict.
result()
{
	local i=$1 verdict=$2 detail=$3 line word=$2 c
	R_VERDICT[i]=$verdict R_DETAIL[i]=$detail
	case $verdict in
	PASS) (( N_PASS++ )); c=32 ;;
	SKIP) (( N_SKIP++ )); c=33 ;;
	*) (( N_FAIL++ )); c=31 ;;
	esac
	line="$verdict ${T_NAME[i]}"
	[[ -n $detail ]] && line+=" ($detail)"
	R_LINE[i]=$line
	if [[ -n $OPT_TAP ]]; then
		tap_flush
		return
	fi
	[[ -n $COLOR_ON ]] && word=$'\e['"${c}m$verdict"$'\e[0m'
	printf '%s\n' "$word${line#"$verdict"}"
}

console_totals()
{
	REPLY="$N_PASS passed, $N_FAIL failed, $N_SKIP skipped"
}
