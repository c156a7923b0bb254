# SPDX-License-Identifier: GPL-2.0-only
# run_tests.sh's command line and the order of a run: config, cfg,
# selection, QEMU and accelerator, environ, tests, reports.

declare -g OPT_ALL='' OPT_LIST='' OPT_TAP='' OPT_VERBOSE='' OPT_JUNIT='' OPT_CFG='' OPT_NAMES='' OPT_GROUPS=''
declare -g OPT_SHARD='' OPT_COMPARE=''
declare -gA OLD_VERDICT=()
declare -gi JOBS=1
# Checked before any arithmetic: bash integers wrap silently.
declare -gri JOBS_MAX=256

usage() {
	cat <<'USAGE'
Usage: run_tests.sh [options] [test...]
Runs the tests named and those of the -g groups in $TEST_DIR/unittests.cfg,
or every test but the nodefault ones. The options (docs/runner.md says what
each does, and lists the environment variables and exit statuses):
  -a|--all  -g|--group G  -j|--parallel N  -t|--tap13  --junit FILE  -l|--list
  -v|--verbose  --cfg FILE  --shard K/N  --compare OLD  -h|--help
USAGE
}

usage_error() { printf 'run_tests.sh: %s (see run_tests.sh --help)\n' "$1" >&2; exit 2; }

parse_args() {
	local arg val
	while (( $# )); do
		arg=$1 val=''
		shift
		case $arg in
		--group=* | --parallel=* | --junit=* | --cfg=* | --shard=* | --compare=*) val=${arg#*=} arg=${arg%%=*} ;;
		-[gj]?*) val=${arg:2} arg=${arg:0:2} ;;
		# Bundled short flags: -tv is -t -v.
		-[atlvh][atlvhgj]*) set -- "-${arg:1:1}" "-${arg:2}" "$@"; continue ;;
		esac
		if [[ $arg == @(-g|--group|-j|--parallel|--junit|--cfg|--shard|--compare) && -z $val ]]; then
			(( $# )) || usage_error "$arg needs a value"
			val=$1
			shift
		fi
		case $arg in
		-a | --all) OPT_ALL=1 ;;
		-g | --group) OPT_GROUPS+=" ${val//,/ }" ;;
		-j | --parallel)
			[[ $val =~ ^[1-9][0-9]{0,2}$ ]] && (( val <= JOBS_MAX )) ||
				usage_error "$arg '$val': expected a number of jobs from 1 to $JOBS_MAX"
			JOBS=$val ;;
		-t | --tap13) OPT_TAP=1 ;;
		--junit) OPT_JUNIT=$val ;;
		-l | --list) OPT_LIST=1 ;;
		-v | --verbose) OPT_VERBOSE=1 ;;
		--cfg) OPT_CFG=$val ;;
		--shard) shard_option "$val" --shard ;;
		--compare) OPT_COMPARE=$val ;;
		-h | --help) usage; exit 0 ;;
		--) OPT_NAMES+=" $*"; break ;;
		-*) usage_error "unknown option '$arg'" ;;
		*) OPT_NAMES+=" $arg" ;;
		esac
	done
}

# runner_select: reads the cfg and selects the tests; enough for --list.
runner_select() {
	ARCH=${CONFIG[ARCH]} TEST_DIR=${CONFIG[TEST_DIR]}
	cfg_parse "${OPT_CFG:-$TEST_DIR/unittests.cfg}"
	if (( ${#CFG_ERRORS[@]} )); then
		printf 'run_tests.sh: %s\n' "${CFG_ERRORS[@]}" >&2
		run_die "$CFG_FILE has ${#CFG_ERRORS[@]} error(s); no test was run"
	fi
	select_tests "$OPT_ALL" "$OPT_NAMES" "$OPT_GROUPS"
	# GitLab's "parallel: N" job gives each of its N jobs its index.
	[[ -n $OPT_SHARD || -z ${CI_NODE_TOTAL:-} ]] ||
		shard_option "${CI_NODE_INDEX:-}/$CI_NODE_TOTAL" CI_NODE_INDEX/CI_NODE_TOTAL
	[[ -z $OPT_SHARD ]] || shard_select "${OPT_SHARD%/*}" "${OPT_SHARD#*/}"
}

runner_main() {
	local i status=0 rev
	parse_args "$@"
	config_load config.mak
	runner_select
	if [[ -n $OPT_LIST ]]; then
		for i in "${SELECTED[@]}"; do
			[[ -n ${PLAN_SKIP[i]} ]] || printf '%s\n' "${T_NAME[i]}"
		done
		return 0
	fi
	sched_traps
	[[ -z ${TIMEOUT:-} ]] || duration_check "$TIMEOUT"
	[[ -z $OPT_JUNIT ]] || junit_check "$OPT_JUNIT"
	arch_load "$ARCH"
	qemu_setup
	[[ -z $OPT_ALL ]] || export ERRATA_FORCE=y
	# Before logs_open, which may move OLD (a log directory) away.
	[[ -z $OPT_COMPARE ]] || compare_load "$OPT_COMPARE"
	logs_open "${LOG_DIR:-logs}"
	console_init

	run_all || status=$?
	rev=$(git -C "${CONFIG[SRCDIR]:-$RUNNER_SRCDIR}" rev-parse --short=12 HEAD 2>/dev/null) || rev=unknown
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
	if [[ -n $OPT_COMPARE ]]; then
		compare_report || exit 1
	elif (( N_FAIL )); then
		exit 1
	fi
	exit "$status"
}
