# SPDX-License-Identifier: GPL-2.0-only
# Starts one test through the arch's run script and turns what it left
# behind (its exit status and its log) into a verdict. The exit status alone
# decides the verdict (see the table in docs/architecture.md); the guest's
# SUMMARY line only supplies the counts shown next to it.

declare -gA PID_IDX=()
declare -ga T_START=() R_VERDICT=() R_DETAIL=() R_TIME=() R_STATUS=() R_LINE=() R_REPORT=()
# Set to the -initrd file for each accelerator name once generated.
declare -gA ENVIRON_FILES=()

# launch_cmd I: sets CMD to test I's command line as its run script would
# take it ($TEST_DIR/run IMAGE OPTIONS...), the default environ included.
launch_cmd()
{
	local i=$1 accel=${P_ACCEL[$1]%%,*} env w -
	local -a extra=()
	CMD=("${CONFIG[TEST_DIR]}/run" "${CONFIG[TEST_DIR]}/${T_FILE[i]}" -smp "${T_SMP[i]}")
	[[ -n ${T_ARGS[i]} ]] && CMD+=(-append "${T_ARGS[i]}")
	# cfg.awk split extra_params into words separated by \037; split at
	# \037 alone, never globbed.
	if [[ -n ${T_EXTRA[i]} ]]; then
		set -f
		w=${T_EXTRA[i]}$'\037'x
		IFS=$'\037'
		# shellcheck disable=SC2206 # split on purpose; x keeps a last empty word
		extra=($w)
		unset 'extra[-1]'
		IFS=$' \t\n'
	fi
	CMD+=("${extra[@]}")
	[[ " ${extra[*]} " == *" -initrd "* ]] && return
	env=${ENVIRON_FILES[$accel]-unset}
	if [[ $env == unset ]]; then
		logs_new "environ.$accel"
		ACCEL_NAME=$accel ri_environ "$LOG_DIR/environ.$accel"
		env=$REPLY
		ENVIRON_FILES[$accel]=$env
	fi
	[[ -n $env ]] && CMD+=(-initrd "$env")
}

# launch I: starts test I in a subshell running run_image; PID_IDX maps its
# pid back.
launch()
{
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
		run_image "${CMD[@]:1}"
	) < /dev/null > "$LOG_DIR/${T_NAME[i]}.log" 2>&1 &
	PID_IDX[$!]=$i
}

# summary_counts LINE: from the guest's "SUMMARY: 5 tests, 1 unexpected
# failures, ..." sets S_TESTS, S_FAIL, S_KNOWN, S_XFAIL, S_SKIP.
summary_counts()
{
	local part
	S_TESTS=0 S_FAIL=0 S_KNOWN=0 S_XFAIL=0 S_SKIP=0
	local IFS=,
	for part in ${1#*SUMMARY:}; do
		[[ $part =~ ([0-9]+)\ (.*) ]] || continue
		case ${BASH_REMATCH[2]} in
		test*) S_TESTS=${BASH_REMATCH[1]} ;;
		unexpected*) S_FAIL=${BASH_REMATCH[1]} ;;
		known*) S_KNOWN=${BASH_REMATCH[1]} ;;
		expected*) S_XFAIL=${BASH_REMATCH[1]} ;;
		skipped*) S_SKIP=${BASH_REMATCH[1]} ;;
		esac
	done
}

# Makes $1 safe for a terminal in REPLY: a guest's escape sequences and
# other control bytes become '?'.
printable()
{
	REPLY=${1//[$'\x01'-$'\x1f'$'\x7f']/?}
}

# log_scan LOG: sets LOG_SUMMARY (the guest's last SUMMARY line), LOG_LAST
# (the last unindented line: register dumps and stack traces are indented,
# so it names the problem), LOG_REPORT (the guest's report lines, for TAP)
# and LOG_EMPTY (set when the log has nothing, not even the command line).
log_scan()
{
	local log=$1 line n text
	local -a lines
	LOG_SUMMARY='' LOG_LAST='' LOG_REPORT='' LOG_EMPTY=''
	[[ -s $log ]] || { LOG_EMPTY=1; return; }
	# A NUL from the guest would cut its line short in bash: the pieces
	# between NULs are joined first.
	mapfile -d '' lines < "$log"
	if (( ${#lines[@]} > 1 )); then
		printf -v text '%s' "${lines[@]}"
		mapfile -t lines <<< "$text"
	else
		mapfile -t lines < "$log"
	fi
	# The first line is the command, not output (unless a setup error
	# came before it).
	for (( n = ${#lines[@]} - 1; n >= 0; n-- )); do
		(( n == 0 )) && [[ ${lines[0]} == "$QEMU "* ]] && break
		line=${lines[n]%$'\r'}
		[[ -z $LOG_LAST && $line == [![:space:]]* ]] && LOG_LAST=$line
		if [[ $line == *SUMMARY:* ]]; then
			LOG_SUMMARY=$line
			break
		fi
	done
	[[ -n $OPT_TAP ]] || return 0
	for line in "${lines[@]}"; do
		case ${line%$'\r'} in
		PASS:*|FAIL:*|SKIP:*|XFAIL:*|XPASS:*|KFAIL:*|INFO:*|SUMMARY:*)
			LOG_REPORT+="${line%$'\r'}"$'\n' ;;
		esac
	done
}

# verdict_of I STATUS: sets VERDICT and DETAIL from the run script's status
# (the table in docs/architecture.md) and what log_scan found.
verdict_of()
{
	local i=$1 st=$2 S_TESTS S_FAIL S_KNOWN S_XFAIL S_SKIP
	printable "$LOG_LAST"
	local last=$REPLY
	summary_counts "$LOG_SUMMARY"
	case $st in
	0)
		VERDICT=PASS DETAIL=''
		if [[ -n $LOG_SUMMARY ]]; then
			DETAIL="$S_TESTS tests"
			(( S_KNOWN )) && DETAIL+=", $S_KNOWN known failures"
			(( S_XFAIL )) && DETAIL+=", $S_XFAIL expected failures"
			(( S_SKIP )) && DETAIL+=", $S_SKIP skipped"
		fi ;;
	1)
		VERDICT=FAIL DETAIL="$S_TESTS tests, $S_FAIL unexpected failures"
		[[ -n $LOG_SUMMARY ]] || DETAIL="exit status 1 without a SUMMARY line" ;;
	2)
		VERDICT=FAIL DETAIL="setup error: ${last:-no output}" ;;
	3)
		VERDICT=CRASH DETAIL="no status: the guest never reported one" ;;
	120)
		# The run script's last line says why the VM stopped.
		VERDICT=CRASH DETAIL=${last#STOPPED: } ;;
	64)
		VERDICT=FAIL DETAIL="aborted: ${last:-no output}"
		[[ -n $LOG_SUMMARY ]] && DETAIL="$S_TESTS tests, $DETAIL" ;;
	77)
		VERDICT=SKIP DETAIL="all checks skipped in the guest" ;;
	124)
		VERDICT=TIMEOUT
		timeout_label "${P_TIMEOUT[i]}"
		DETAIL=$REPLY ;;
	*)
		VERDICT=CRASH
		if (( st > 128 && st < 192 )); then
			DETAIL="QEMU killed by SIG$(kill -l "$st" 2>/dev/null || echo "NAL $(( st - 128 ))")"
		else
			DETAIL="run script exited with status $st"
		fi ;;
	esac
	# The run script prints its command line first, whatever happens: an
	# empty log could not be written, and then nothing it says is known.
	if [[ -n $LOG_EMPTY ]]; then
		VERDICT=FAIL DETAIL="empty log $LOG_DIR/${T_NAME[i]}.log (disk full?); exit status $st"
	fi
}

# finish I STATUS: records the verdict of test I and prints its line.
finish()
{
	local i=$1 st=$2 log=$LOG_DIR/${T_NAME[$1]}.log VERDICT DETAIL
	local LOG_SUMMARY LOG_LAST LOG_REPORT LOG_EMPTY
	elapsed "${T_START[i]}" "$EPOCHREALTIME"
	R_TIME[i]=$REPLY R_STATUS[i]=$st
	log_scan "$log"
	verdict_of "$i" "$st"
	if [[ $VERDICT == @(FAIL|CRASH|TIMEOUT) && -z $LOG_EMPTY ]]; then
		# shellcheck source=scripts/runner/stack.bash
		declare -F stack_resolve > /dev/null || . "$RUNNER_SRCDIR/scripts/runner/stack.bash"
		stack_resolve "$log" "${CONFIG[TEST_DIR]}/${T_FILE[i]}"
	fi
	R_REPORT[i]=$LOG_REPORT
	result "$i" "$VERDICT" "$DETAIL"
}
