# SPDX-License-Identifier: GPL-2.0-only
# run_tests.sh's command line and the order of a run: config, cfg, selection,
# QEMU and accelerator, environ, tests, reports. Exit status: 0 no test
# failed, 1 a test failed/timed out/crashed, 2 usage or setup error, 128+N
# when ended by signal N (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP).

declare -g OPT_ALL='' OPT_LIST='' OPT_TAP='' OPT_VERBOSE='' OPT_JUNIT='' OPT_CFG=''
declare -g OPT_NAMES='' OPT_GROUPS='' OPT_SHARD='' OPT_COMPARE=''
declare -gA OLD_VERDICT=()
declare -gi JOBS=1
# Limits checked before any arithmetic: bash integers wrap silently.
declare -gri JOBS_MAX=256 MAX_SMP_MAX=4096


usage_error()
{
	printf 'run_tests.sh: %s (see run_tests.sh --help)\n' "$1" >&2
	exit 2
}

# parse_args ARGS...: fills the OPT_* settings.
parse_args()
{
	local arg val
	while (( $# )); do
		arg=$1
		shift
		val=''
		case $arg in
		--group=*|--parallel=*|--junit=*|--cfg=*|--shard=*|--compare=*)
			val=${arg#*=} arg=${arg%%=*} ;;
		-[gj]?*)
			val=${arg:2} arg=${arg:0:2} ;;
		-[atlvh][atlvhgj]*)
			# Bundled short flags: -tv is -t -v.
			set -- "-${arg:1:1}" "-${arg:2}" "$@"
			continue ;;
		esac
		case $arg in
		-g|--group|-j|--parallel|--junit|--cfg|--shard|--compare)
			if [[ -z $val ]]; then
				(( $# )) || usage_error "$arg needs a value"
				val=$1
				shift
			fi ;;
		esac
		case $arg in
		-a|--all) OPT_ALL=1 ;;
		-g|--group) OPT_GROUPS+=" ${val//,/ }" ;;
		-j|--parallel)
			[[ $val =~ ^[1-9][0-9]{0,2}$ ]] && (( val <= JOBS_MAX )) ||
				usage_error "$arg '$val': expected a number of jobs from 1 to $JOBS_MAX"
			JOBS=$val ;;
		-t|--tap13) OPT_TAP=1 ;;
		--junit) OPT_JUNIT=$val ;;
		-l|--list) OPT_LIST=1 ;;
		-v|--verbose) OPT_VERBOSE=1 ;;
		--cfg) OPT_CFG=$val ;;
		--shard) shard_option "$val" --shard ;;
		--compare) OPT_COMPARE=$val ;;
		-h|--help)
			# shellcheck source=scripts/runner/usage.bash
			. "$RUNNER_SRCDIR/scripts/runner/usage.bash"
			usage
			exit 0 ;;
		--) OPT_NAMES+=" $*"; break ;;
		-*) usage_error "unknown option '$arg'" ;;
		*) OPT_NAMES+=" $arg" ;;
		esac
	done
}

# Checks MAX_SMP and reads the cfg (cfg_parse).
runner_cfg()
{
	ARCH=${CONFIG[ARCH]} TEST_DIR=${CONFIG[TEST_DIR]} PROCESSOR=${CONFIG[PROCESSOR]:-}
	[[ -n ${MAX_SMP:-} ]] || MAX_SMP=$(nproc 2>/dev/null) || MAX_SMP=1
	[[ $MAX_SMP == [1-9]* && $MAX_SMP != *[!0-9]* && ${#MAX_SMP} -le 4 ]] && (( MAX_SMP <= MAX_SMP_MAX )) ||
		runner_die "MAX_SMP=$MAX_SMP is not a CPU count from 1 to $MAX_SMP_MAX"
	cfg_parse "${OPT_CFG:-$TEST_DIR/unittests.cfg}"
}

# Reads the cfg and selects the tests; enough for --list.
runner_select()
{
	local e
	if (( ${#CFG_ERRORS[@]} )); then
		for e in "${CFG_ERRORS[@]}"; do
			printf 'run_tests.sh: %s\n' "$e" >&2
		done
		runner_die "$CFG_FILE has ${#CFG_ERRORS[@]} error(s); no test was run"
	fi
	select_tests "$OPT_ALL" "$OPT_NAMES" "$OPT_GROUPS"
	# GitLab's "parallel: N" job gives each of its N jobs its index.
	if [[ -z $OPT_SHARD && -n ${CI_NODE_TOTAL:-} ]]; then
		shard_option "${CI_NODE_INDEX:-}/$CI_NODE_TOTAL" CI_NODE_INDEX/CI_NODE_TOTAL
	fi
	[[ -z $OPT_SHARD ]] || shard_select "${OPT_SHARD%/*}" "${OPT_SHARD#*/}"
}

runner_main()
{
	local i status=0 rev
	parse_args "$@"
	config_load config.mak
	trap runner_cleanup EXIT
	runner_cfg
	runner_select
	if [[ -n $OPT_LIST ]]; then
		for i in "${SELECTED[@]}"; do
			[[ -n ${PLAN_SKIP[i]} ]] || printf '%s\n' "${T_NAME[i]}"
		done
		return 0
	fi
	sched_traps
	if [[ -n ${TIMEOUT:-} ]] && ! duration_valid "$TIMEOUT"; then
		runner_die "TIMEOUT=$TIMEOUT is not a duration (e.g. 90, 90s, 1.5m, 2h; at most 7 digits before the point; 0: none)"
	fi
	[[ -n $OPT_JUNIT ]] && junit_check "$OPT_JUNIT"
	arch_load "$ARCH"
	resolve_qemu_and_accel
	qemu_probe
	qemu_check_needs
	[[ -n $OPT_ALL ]] && export ERRATA_FORCE=y
	export DEFAULT_ENVIRON=${CONFIG[DEFAULT_ENVIRON]:-yes}
	ERRATATXT=${ERRATATXT:-${CONFIG[ERRATATXT]:-$RUNNER_SRCDIR/errata.txt}}
	[[ -e $ERRATATXT || -z ${CONFIG[SRCDIR]:-} ]] || ERRATATXT=${CONFIG[SRCDIR]}/$ERRATATXT
	export ERRATATXT
	# Before logs_open, which may move OLD (a log directory) away.
	[[ -z $OPT_COMPARE ]] || compare_load "$OPT_COMPARE"
	logs_open "${LOG_DIR:-logs}"
	console_init

	run_all || status=$?
	logs_revision "${CONFIG[SRCDIR]:-$RUNNER_SRCDIR}"
	rev=$REPLY
	durations_write 2>/dev/null
	if ! logs_summary "$rev" "$RUN_ENDING"; then
		console_say "run_tests.sh: cannot write $LOG_DIR/SUMMARY (disk full?)"
		(( status )) || status=2
	fi
	(( status && status != 2 )) && exit "$status"
	if [[ -n $OPT_JUNIT ]] && ! junit_write "$OPT_JUNIT" "$rev"; then
		console_say "run_tests.sh: cannot write the JUnit file $OPT_JUNIT"
		(( status )) || status=2
	fi
	console_totals
	console_say "$REPLY"
	# Under --compare only a regression fails the run.
	if [[ -n $OPT_COMPARE ]]; then
		compare_report || exit 1
	elif (( N_FAIL )); then
		exit 1
	fi
	exit "$status"
}
