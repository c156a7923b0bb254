# SPDX-License-Identifier: GPL-2.0-only
# For CI and for comparing runs: --shard K/N and --compare OLD (docs/runner.md).

# shard_select K N: SELECTED becomes its K-th of N parts, the same wherever
# computed: the tests are dealt longest first (unrecorded ones count as the
# mean) to the part with the least time so far, the lower on a tie.
shard_select() {
	local k=$1 n=$2 i p best d sum=0 cnt=0 name secs
	local -A dur=()
	# load[p], part p's time so far: unset is 0 in arithmetic.
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
	mapfile -t order < <(for i in "${SELECTED[@]}"; do echo "${dur[${T_NAME[i]}]:-$sum} $i"; done | sort -k1,1nr -k2,2n)
	for p in "${order[@]}"; do
		d=${p% *} i=${p#* } best=0
		for (( p = 1; p < n; p++ )); do (( load[p] < load[best] )) && best=$p; done
		(( load[best] += d ))
		(( best == k - 1 )) && mine[i]=1
	done
	# SELECTED is in cfg order, that is, ascending: so are mine's indices.
	SELECTED=("${!mine[@]}")
}

shard_option() {
	[[ $1 =~ ^([1-9][0-9]{0,2})/([1-9][0-9]{0,2})$ ]] && (( BASH_REMATCH[1] <= BASH_REMATCH[2] )) ||
		usage_error "$2 '$1': expected K/N, the K-th of N parts (1 <= K <= N <= 999)"
	OPT_SHARD=$1
}

durations_write() {
	local i text=''
	for i in "${SELECTED[@]}"; do
		[[ -n ${R_TIME[i]} ]] && text+="${T_NAME[i]} ${R_TIME[i]}"$'\n'
	done
	logs_new durations
	printf '%s' "$text" > "$LOG_DIR/durations"
}

# compare_load OLD: OLD_VERDICT[name] from a JUnit file or a log directory.
compare_load() {
	local old=$1 v name
	[[ -d $old ]] && old=$old/SUMMARY
	[[ -f $old && -r $old ]] || run_die "--compare $1: no such JUnit file or log directory (with a SUMMARY)"
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
	(( ${#OLD_VERDICT[@]} )) || run_die "--compare $1: no test verdicts found in $old"
}

# compare_report: prints the differences; returns 1 when a test regressed.
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
