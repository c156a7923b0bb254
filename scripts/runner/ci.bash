# SPDX-License-Identifier: GPL-2.0-only
# For CI and for comparing runs: --shard K/N (or GitLab's CI_NODE_INDEX and
# CI_NODE_TOTAL) keeps the K-th of N disjoint parts of the selected tests,
# balanced by the durations a previous run left in LOG_DIR/durations; and
# --compare OLD says, after the run, which tests regressed, were fixed, are
# new or missing against an earlier run's JUnit file or log directory.

# shard_select K N: SELECTED becomes its K-th of N parts. The tests are
# dealt longest first (a test without a recorded duration counts as the
# mean of those with one) to the part with the least time so far, the
# lower-numbered part on a tie, so every part is the same wherever it is
# computed; each part keeps cfg order.
shard_select() {
	local k=$1 n=$2 i p best d sum=0 cnt=0 name secs
	local -A dur=()
	local -a load=() mine=() order
	if [[ -f ${LOG_DIR:-logs}/durations ]]; then
		while read -r name secs; do
			[[ $secs =~ ^[0-9]{1,7}\.[0-9]{3}$ ]] && dur[$name]=$(( 10#${secs/./} ))
		done < "${LOG_DIR:-logs}/durations"
	fi
	for i in "${SELECTED[@]}"; do
		[[ -n ${dur[${T_NAME[i]}]} ]] && (( sum += dur[${T_NAME[i]}], cnt++ ))
	done
	(( cnt )) && sum=$(( sum / cnt )) || sum=1
	for (( p = 0; p < n; p++ )); do load[p]=0; done
	mapfile -t order < <(for i in "${SELECTED[@]}"; do echo "${dur[${T_NAME[i]}]:-$sum} $i"; done | sort -k1,1nr -k2,2n)
	for p in "${order[@]}"; do
		d=${p% *} i=${p#* } best=0
		for (( p = 1; p < n; p++ )); do (( load[p] < load[best] )) && best=$p; done
		(( load[best] += d ))
		(( best == k - 1 )) && mine[i]=1
	done
	order=("${SELECTED[@]}")
	SELECTED=()
	for i in "${order[@]}"; do [[ -n ${mine[i]} ]] && SELECTED+=("$i"); done
}

# shard_option VALUE SOURCE: checks K/N (1 <= K <= N <= 1000) into OPT_SHARD.
shard_option() {
	[[ $1 =~ ^([1-9][0-9]{0,2})/([1-9][0-9]{0,2})$ ]] && (( BASH_REMATCH[1] <= BASH_REMATCH[2] )) ||
		usage_error "$2 '$1': expected K/N, the K-th of N parts (1 <= K <= N <= 999)"
	OPT_SHARD=$1
}

# durations_write: LOG_DIR/durations, "NAME SECONDS" per test that ran.
durations_write() {
	local i text=''
	for i in "${SELECTED[@]}"; do
		[[ -n ${R_TIME[i]} ]] && text+="${T_NAME[i]} ${R_TIME[i]}"$'\n'
	done
	logs_new durations
	printf '%s' "$text" > "$LOG_DIR/durations"
}

# compare_load OLD: OLD_VERDICT[name] from a JUnit file of run_tests.sh or a
# log directory's SUMMARY; exit 2 when it is neither.
compare_load() {
	local old=$1 v name
	[[ -d $old ]] && old=$old/SUMMARY
	[[ -f $old && -r $old ]] || runner_die "--compare $1: no such JUnit file or log directory (with a SUMMARY)"
	if [[ $old == */SUMMARY || $old == SUMMARY ]]; then
		while read -r v name _; do
			[[ $v == @(PASS|FAIL|SKIP|TIMEOUT|CRASH) && -n $name ]] && OLD_VERDICT[$name]=$v
		done < "$old"
	else
		while read -r v name; do
			OLD_VERDICT[$name]=$v
		done < <(awk '/^    <testcase name="/ { if (n != "") print v, n; n = $0; v = "PASS"
				sub(/^    <testcase name="/, "", n); sub(/".*/, "", n) }
			/^      <skipped / { v = "SKIP" }
			/^      <failure type="/ { v = $0; sub(/^      <failure type="/, "", v); sub(/".*/, "", v) }
			END { if (n != "") print v, n }' "$old")
	fi
	(( ${#OLD_VERDICT[@]} )) || runner_die "--compare $1: no test verdicts found in $old"
}

# compare_report: prints the differences; returns 1 when a test regressed
# (passed before; fails, times out or crashes now).
compare_report() {
	local i name was now regressed=0
	local -A seen=()
	for i in "${SELECTED[@]}"; do
		name=${T_NAME[i]} now=${R_VERDICT[i]} was=${OLD_VERDICT[${T_NAME[i]}]}
		seen[$name]=1
		[[ -n $now ]] || continue
		if [[ -z $was ]]; then
			console_say "compare: new: $name ($now)"
		elif [[ $was == PASS && $now == @(FAIL|TIMEOUT|CRASH) ]]; then
			console_say "compare: regressed: $name ($was -> ${R_LINE[i]})"
			regressed=1
		elif [[ $was == @(FAIL|TIMEOUT|CRASH) && $now == PASS ]]; then
			console_say "compare: fixed: $name ($was -> PASS)"
		fi
	done
	for name in "${!OLD_VERDICT[@]}"; do
		[[ -n ${seen[$name]} ]] || console_say "compare: missing: $name (${OLD_VERDICT[$name]} before)"
	done
	(( !regressed ))
}
