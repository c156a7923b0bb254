# Starts one test through the arch's run script and turns what it left
# behind (its exit status and its log) into a verdict. The exit status alone
# decides the verdict (see the table in docs/architecture.md); the guest's
# SUMMARY line only supplies the counts shown next to it.

declare -gA PID_IDX=()
declare -ga T_START=() R_VERDICT=() R_DETAIL=() R_TIME=() R_STATUS=() R_LINE=() R_REPORT=()
# Set to the -initrd file for each accelerator name once generated.
declare -gA ENVIRON_FILES=()

# launch_cmd I: sets CMD to the run script's command line for test I.
launch_cmd()
{
	local i=$1
	local accel=${P_ACCEL[i]%%,*} env rc
	local -a extra=()
	CMD=("${CONFIG[TEST_DIR]}/run" "${CONFIG[TEST_DIR]}/${T_FILE[i]}" -smp "${T_SMP[i]}")
	[[ -n ${T_ARGS[i]} ]] && CMD+=(-append "${T_ARGS[i]}")
	# extra_params is shell words (quotes, $MAX_SMP), as in the cfg docs.
	[[ -n ${T_EXTRA[i]} ]] && eval "extra=(${T_EXTRA[i]})"
	CMD+=("${extra[@]}")
	[[ " ${extra[*]} " == *" -initrd "* ]] && return
	env=${ENVIRON_FILES[$accel]-unset}
	if [[ $env == unset ]]; then
		env=$LOG_DIR/environ.$accel
		ACCEL=$accel environ_generate "$env"
		rc=$?
		(( rc == 2 )) && runner_die "cannot build the test environ (see above)"
		(( rc == 1 )) && env=''
		ENVIRON_FILES[$accel]=$env
	fi
	[[ -n $env ]] && CMD+=(-initrd "$env")
}

# launch I: starts test I in the background; PID_IDX maps its pid back.
launch()
{
	local i=$1
	local -a CMD
	launch_cmd "$i"
	if [[ -n $OPT_VERBOSE ]]; then
		printf -v REPLY '%q ' "${CMD[@]}"
		console_say "RUN ${T_NAME[i]}: ${REPLY% }"
	fi
	T_START[i]=$EPOCHREALTIME
	# The braces' 2>/dev/null swallows bash's "Segmentation fault" notice
	# when the run script dies on a signal; the verdict reports it instead.
	{
		QEMU=$QEMU ACCEL=${P_ACCEL[i]} TIMEOUT=${P_TIMEOUT[i]} MACHINE=${P_MACHINE[i]} \
			FIRMWARE=${T_FIRMWARE[i]:-${FIRMWARE:-}} \
			"${CMD[@]}" < /dev/null > "$LOG_DIR/${T_NAME[i]}.log" 2>&1
	} 2>/dev/null &
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

# finish I STATUS: records the verdict of test I and prints its line.
finish()
{
	local i=$1 st=$2
	local log=$LOG_DIR/${T_NAME[i]}.log verdict detail line summary='' last='' n
	local -a lines
	local S_TESTS S_FAIL S_KNOWN S_XFAIL S_SKIP
	elapsed "${T_START[i]}" "$EPOCHREALTIME"
	R_TIME[i]=$REPLY R_STATUS[i]=$st
	mapfile -t lines < "$log"
	# The command line (first) is not output; register dumps and stack
	# traces are indented, so the last unindented line names the problem.
	for (( n = ${#lines[@]} - 1; n > 0; n-- )); do
		line=${lines[n]%$'\r'}
		[[ -z $last && $line == [![:space:]]* ]] && last=$line
		if [[ $line == *SUMMARY:* ]]; then
			summary=$line
			break
		fi
	done
	summary_counts "$summary"
	case $st in
	0)
		verdict=PASS detail=''
		if [[ -n $summary ]]; then
			detail="$S_TESTS tests"
			(( S_KNOWN )) && detail+=", $S_KNOWN known failures"
			(( S_XFAIL )) && detail+=", $S_XFAIL expected failures"
			(( S_SKIP )) && detail+=", $S_SKIP skipped"
		fi ;;
	1)
		verdict=FAIL detail="$S_TESTS tests, $S_FAIL unexpected failures"
		[[ -n $summary ]] || detail="exit status 1 without a SUMMARY line" ;;
	2)
		verdict=FAIL detail="setup error: ${last:-no output}" ;;
	3)
		verdict=CRASH detail="no status: the guest never reported one" ;;
	120)
		# The run script's last line says why the VM stopped.
		verdict=CRASH detail=${last#STOPPED: } ;;
	64)
		verdict=FAIL detail="aborted: ${last:-no output}"
		[[ -n $summary ]] && detail="$S_TESTS tests, $detail" ;;
	77)
		verdict=SKIP detail="all checks skipped in the guest" ;;
	124)
		verdict=TIMEOUT
		timeout_label "${P_TIMEOUT[i]}"
		detail=$REPLY ;;
	*)
		verdict=CRASH
		if (( st > 128 )) && kill -l "$st" >/dev/null 2>&1; then
			detail="QEMU killed by SIG$(kill -l "$st")"
		else
			detail="run script exited with status $st"
		fi ;;
	esac
	if [[ $verdict == @(FAIL|CRASH|TIMEOUT) ]]; then
		# shellcheck source=scripts/runner/stack.bash
		declare -F stack_resolve > /dev/null || . "$RUNNER_SRCDIR/scripts/runner/stack.bash"
		stack_resolve "$log" "${CONFIG[TEST_DIR]}/${T_FILE[i]}"
	fi
	if [[ -n $OPT_TAP ]]; then
		R_REPORT[i]=''
		for line in "${lines[@]}"; do
			case ${line%$'\r'} in
			PASS:*|FAIL:*|SKIP:*|XFAIL:*|XPASS:*|KFAIL:*|INFO:*|SUMMARY:*)
				R_REPORT[i]+="${line%$'\r'}"$'\n' ;;
			esac
		done
	fi
	result "$i" "$verdict" "$detail"
}
