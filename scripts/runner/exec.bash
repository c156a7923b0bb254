# SPDX-License-Identifier: GPL-2.0-only
# Starts one test (run_image in a subshell) and turns its status into a
# verdict (docs/runner.md, "Verdicts"); the log only supplies counts and the
# cause, from its last LOG_MAX bytes: a guest writing gigabytes costs no more.

declare -gA PID_IDX=()
declare -ga T_START=() R_VERDICT=() R_DETAIL=() R_TIME=() R_STATUS=() R_LINE=() R_REPORT=() R_CUT=()
declare -gri LOG_MAX=65536
declare -gA ENVIRON_FILES=()

# launch_cmd I: CMD, test I's command line as its run script would take it.
launch_cmd() {
	local i=$1 accel=${P_ACCEL[$1]%%,*}
	local -a FIELDS=()
	CMD=("${CONFIG[TEST_DIR]}/run" "${CONFIG[TEST_DIR]}/${T_FILE[i]}" -smp "${T_SMP[i]}")
	[[ -n ${T_ARGS[i]} ]] && CMD+=(-append "${T_ARGS[i]}")
	# cfg.awk's words of extra_params, separated by \037.
	[[ -z ${T_EXTRA[i]} ]] || split_fields $'\037' "${T_EXTRA[i]}"
	CMD+=("${FIELDS[@]}")
	[[ " ${FIELDS[*]} " == *" -initrd "* ]] && return
	if [[ -z ${ENVIRON_FILES[$accel]+set} ]]; then
		logs_new "environ.$accel"
		ACCEL_NAME=$accel ri_environ "$LOG_DIR/environ.$accel"
		ENVIRON_FILES[$accel]=$REPLY
	fi
	[[ -z ${ENVIRON_FILES[$accel]} ]] || CMD+=(-initrd "${ENVIRON_FILES[$accel]}")
}

launch() {
	local i=$1
	local -a CMD
	launch_cmd "$i"
	if [[ -n $OPT_VERBOSE ]]; then
		printf -v REPLY '%q ' "${CMD[@]}"
		console_say "RUN ${T_NAME[i]}: ${REPLY% }"
	fi
	logs_new "${T_NAME[i]}.log"
	T_START[i]=$EPOCHREALTIME
	(
		export ACCEL=${P_ACCEL[i]} TIMEOUT=${P_TIMEOUT[i]} MACHINE=${P_MACHINE[i]} \
			FIRMWARE=${T_FIRMWARE[i]:-${FIRMWARE:-}}
		RI_NAME=${CMD[0]}
		word_in migration "${T_GROUPS[i]}" && export MIGRATION=yes
		run_image "${CMD[@]:1}"
	) < /dev/null > "$LOG_DIR/${T_NAME[i]}.log" 2>&1 &
	PID_IDX[$!]=$i
}

# summary_count LINE KIND: REPLY, the number before KIND in the guest's
# "SUMMARY: 5 tests, 1 unexpected failures, ..." (0 when absent).
summary_count() {
	REPLY=0
	[[ $1 =~ [:,]\ ([0-9]+)\ $2 ]] && REPLY=${BASH_REMATCH[1]}
}

# log_tail LOG: LOG_TEXT, the log's last LOG_MAX bytes (without NULs or a
# line cut at the start), LOG_LINES, its non-empty lines, and LOG_CUT, the
# number of bytes before them.
log_tail() {
	local size=0 IFS= -
	LOG_CUT=0 LOG_TEXT=''
	read -r -N "$LOG_MAX" LOG_TEXT < "$1"
	(( ${#LOG_TEXT} >= LOG_MAX - 4096 )) && size=$(stat -c %s -- "$1" 2>/dev/null)
	if (( size > LOG_MAX )); then
		LOG_CUT=$(( size - LOG_MAX ))
		LOG_TEXT=$(tail -c "$LOG_MAX" -- "$1" | tr -d '\0')$'\n'
		LOG_TEXT=${LOG_TEXT#*$'\n'}
	fi
	IFS=$'\n'
	set -f
	# shellcheck disable=SC2206 # split at newlines, never globbed
	LOG_LINES=($LOG_TEXT)
}

# log_scan LOG: sets LOG_SUMMARY (the guest's last SUMMARY line), LOG_LAST
# (the last unindented line, which names the problem: dumps are indented),
# LOG_REPORT (the guest's report lines, for TAP) and LOG_EMPTY.
log_scan() {
	local line n
	LOG_SUMMARY='' LOG_LAST='' LOG_REPORT='' LOG_EMPTY=''
	[[ -s $1 ]] || { LOG_EMPTY=1; return; }
	log_tail "$1"
	# The first line is the command, not output (unless a setup error came first).
	for (( n = ${#LOG_LINES[@]} - 1; n >= 0; n-- )); do
		line=${LOG_LINES[n]%$'\r'}
		(( n == 0 && LOG_CUT == 0 )) && [[ $line == "$QEMU "* ]] && break
		[[ -z $LOG_LAST && $line == [![:space:]]* ]] && LOG_LAST=$line
		[[ $line == *SUMMARY:* ]] && { LOG_SUMMARY=$line; break; }
	done
	[[ -n $OPT_TAP ]] || return 0
	for line in "${LOG_LINES[@]}"; do
		case ${line%$'\r'} in
		PASS:*|FAIL:*|SKIP:*|XFAIL:*|XPASS:*|KFAIL:*|INFO:*|SUMMARY:*) LOG_REPORT+="${line%$'\r'}"$'\n' ;;
		esac
	done
}

verdict_of() {
	local i=$1 st=$2 last tests kind
	# A guest's escape sequences and other control bytes become '?'.
	last=${LOG_LAST//[$'\x01'-$'\x1f'$'\x7f']/?}
	summary_count "$LOG_SUMMARY" test
	tests=$REPLY
	case $st in
	0)
		VERDICT=PASS DETAIL=''
		[[ -n $LOG_SUMMARY ]] && DETAIL="$tests tests"
		for kind in "known failures" "expected failures" skipped; do
			summary_count "$LOG_SUMMARY" "$kind"
			(( REPLY )) && DETAIL+=", $REPLY $kind"
		done ;;
	1)
		summary_count "$LOG_SUMMARY" unexpected
		VERDICT=FAIL DETAIL="$tests tests, $REPLY unexpected failures"
		[[ -n $LOG_SUMMARY ]] || DETAIL="exit status 1 without a SUMMARY line" ;;
	2) VERDICT=FAIL DETAIL="setup error: ${last:-no output}" ;;
	3) VERDICT=CRASH DETAIL="no status: the guest never reported one" ;;
	120) VERDICT=CRASH DETAIL=${last#STOPPED: } ;;
	64)
		VERDICT=FAIL DETAIL="aborted: ${last:-no output}"
		[[ -n $LOG_SUMMARY ]] && DETAIL="$tests tests, $DETAIL" ;;
	77) VERDICT=SKIP DETAIL="all checks skipped in the guest" ;;
	124)
		VERDICT=TIMEOUT DETAIL=${P_TIMEOUT[i]}
		[[ $DETAIL == *[smhd] ]] || DETAIL+=s ;;
	*)
		VERDICT=CRASH DETAIL="run exited with status $st"
		(( st > 128 && st < 192 )) &&
			DETAIL="QEMU killed by SIG$(kill -l "$st" 2>/dev/null || echo "NAL $(( st - 128 ))")" ;;
	esac
	# The command line comes first, whatever happens: an empty log was not written.
	[[ -n $LOG_EMPTY ]] && VERDICT=FAIL DETAIL="empty log $LOG_DIR/${T_NAME[i]}.log (disk full?); exit status $st"
}

# stack_resolve LOG IMAGE: appends to LOG the STACK lines' addresses resolved
# by addr2line on the ELF next to IMAGE. A return address (not pc=@) points
# after its call, so it steps back one.
stack_resolve() {
	local elf=${2%.*}.elf tool=${CONFIG[CROSS_PREFIX]:-}addr2line line a
	local -a addrs=()
	[[ -f $elf ]] && hash "$tool" 2>/dev/null || return 0
	for line in "${LOG_LINES[@]}"; do
		[[ $line == *STACK:* ]] || continue
		for a in ${line#*STACK:}; do
			if [[ $a =~ ^pc=@([0-9a-fA-F]+)$ ]]; then
				addrs+=("${BASH_REMATCH[1]}")
			elif [[ $a =~ ^@([0-9a-fA-F]+)$ ]]; then
				printf -v a '%x' $(( 0x${BASH_REMATCH[1]} - 1 ))
				addrs+=("$a")
			fi
		done
	done
	(( ${#addrs[@]} )) || return 0
	{
		echo "backtrace ($tool -e $elf):"
		"$tool" -e "$elf" -f -i -p -C "${addrs[@]}" 2>&1 | sed 's/^/	/'
	} >> "$1"
}

finish() {
	local i=$1 st=$2 log=$LOG_DIR/${T_NAME[$1]}.log VERDICT DETAIL LOG_SUMMARY LOG_LAST LOG_REPORT LOG_EMPTY LOG_CUT=0
	local LOG_TEXT
	local -a LOG_LINES
	# S.mmm from microseconds (either decimal separator).
	REPLY=$(( ${EPOCHREALTIME//[.,]/} - ${T_START[i]//[.,]/} ))
	printf -v 'R_TIME[i]' '%d.%03d' $(( REPLY / 1000000 )) $(( REPLY / 1000 % 1000 ))
	R_STATUS[i]=$st
	log_scan "$log"
	verdict_of "$i" "$st"
	[[ $VERDICT == @(FAIL|CRASH|TIMEOUT) && -z $LOG_EMPTY ]] && stack_resolve "$log" "${CONFIG[TEST_DIR]}/${T_FILE[i]}"
	R_REPORT[i]=$LOG_REPORT R_CUT[i]=$LOG_CUT
	result "$i" "$VERDICT" "$DETAIL"
}
