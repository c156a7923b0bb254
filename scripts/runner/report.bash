# SPDX-License-Identifier: GPL-2.0-only
# What a run reports: the console (one whole line per finished test, written
# by the runner alone, so parallel tests never interleave; colour only on a
# terminal without NO_COLOR), TAP version 13 on stdout under -t (from the
# runner's verdicts, in cfg order even under -j), and JUnit XML for CI
# (one testsuite for the arch, one testcase per selected test in cfg order,
# the log's last 64 KiB as <system-out>, marked when cut).

declare -gi N_PASS=0 N_FAIL=0 N_SKIP=0 TAP_NEXT=0
declare -g COLOR_ON=''

console_init() {
	[[ -t 1 && -z ${NO_COLOR+set} ]] && COLOR_ON=1
	[[ -z $OPT_TAP ]] || printf 'TAP version 13\n1..%d\n' "${#SELECTED[@]}"
}

# Under -t stdout carries TAP alone; anything else becomes a TAP comment.
console_say() { printf "${OPT_TAP:+# }%s\n" "$1"; }

# result I VERDICT DETAIL: records and shows a test's verdict.
result() {
	local i=$1 verdict=$2 detail=$3 line word=$2 c
	R_VERDICT[i]=$verdict R_DETAIL[i]=$detail
	case $verdict in
	PASS) (( N_PASS++ )); c=32 ;;
	SKIP) (( N_SKIP++ )); c=33 ;;
	*) (( N_FAIL++ )); c=31 ;;
	esac
	line="$verdict ${T_NAME[i]}${detail:+ ($detail)}"
	R_LINE[i]=$line
	[[ -n $OPT_TAP ]] && { tap_flush; return; }
	[[ -n $COLOR_ON ]] && word=$'\e['"${c}m$verdict"$'\e[0m'
	printf '%s\n' "$word${line#"$verdict"}"
}

console_totals() { REPLY="$N_PASS passed, $N_FAIL failed, $N_SKIP skipped"; }

# Makes $1 a double-quoted YAML scalar. TAP::Parser's YAMLish reader takes
# only double quotes in list items, and no control characters.
tap_yaml_str() {
	local s=${1//[$'\x01'-$'\x08'$'\x0a'-$'\x1f'$'\x7f']/}
	s=${s//\\/\\\\}
	s=${s//$'\t'/\\t}
	REPLY="\"${s//\"/\\\"}\""
}

tap_one() {
	local num=$1 i=$2 v=${R_VERDICT[$2]} ok='ok' name=${T_NAME[$2]} line
	if [[ $v == SKIP ]]; then
		printf 'ok %d - %s # SKIP %s\n' "$num" "$name" "${R_DETAIL[i]}"
		return
	fi
	[[ $v == PASS ]] || ok='not ok'
	printf '%s %d - %s\n  ---\n  verdict: %s\n' "$ok" "$num" "$name" "$v"
	if [[ -n ${R_DETAIL[i]} ]]; then
		tap_yaml_str "${R_DETAIL[i]}"
		printf '  message: %s\n' "$REPLY"
	fi
	printf '  exit_status: %d\n  duration_ms: %d\n' "${R_STATUS[i]}" "$(( 10#${R_TIME[i]/./} ))"
	tap_yaml_str "$LOG_DIR/$name.log"
	printf '  log: %s\n' "$REPLY"
	# The report lines come from the log's last 64 KiB; this says what was left out.
	(( R_CUT[i] )) && printf '  log_cut_bytes: %d\n' "${R_CUT[i]}"
	if [[ -n ${R_REPORT[i]} ]]; then
		printf '  report:\n'
		# One "- KIND: message" mapping per guest line: a quoted list item
		# holding ": " is more than TAP::Parser's YAMLish reader can take.
		while IFS= read -r line; do
			tap_yaml_str "${line#*:}"
			printf '    - %s: %s\n' "${line%%:*}" "${REPLY/#\"[[:space:]]/\"}"
		done <<< "${R_REPORT[i]%$'\n'}"
	fi
	printf '  ...\n'
}

# Writes every result that is due, in cfg order.
tap_flush() {
	local i
	while (( TAP_NEXT < ${#SELECTED[@]} )); do
		i=${SELECTED[TAP_NEXT]}
		[[ -n ${R_VERDICT[i]} ]] || return
		(( TAP_NEXT++ ))
		tap_one "$TAP_NEXT" "$i"
	done
}

# Sets REPLY to $1 escaped for XML text and attributes. XML 1.0 forbids most
# control characters even as references, and guest serial output has them.
xml_escape() {
	local s=${1//[$'\x01'-$'\x08'$'\x0b'$'\x0c'$'\x0e'-$'\x1f'$'\x7f']/}
	# Escaped '&': bash 5.2 would put the matched text in its place.
	s=${s//&/\&amp;}
	s=${s//</\&lt;}
	s=${s//>/\&gt;}
	s=${s//\"/\&quot;}
	REPLY=${s//\'/\&apos;}
}

# junit_case I: appends one <testcase> to JX.
junit_case() {
	local i=$1 v=${R_VERDICT[$1]} log=$LOG_DIR/${T_NAME[$1]}.log out='' LOG_CUT LOG_TEXT
	local -a LOG_LINES
	xml_escape "${T_NAME[i]}"
	JX+="    <testcase name=\"$REPLY\" classname=\"${CONFIG[ARCH]}\" time=\"${R_TIME[i]:-0.000}\">"$'\n'
	xml_escape "${R_DETAIL[i]}"
	case $v in
	PASS) ;;
	SKIP) JX+="      <skipped message=\"$REPLY\"/>"$'\n' ;;
	*) JX+="      <failure type=\"$v\" message=\"$REPLY\">$v $REPLY</failure>"$'\n' ;;
	esac
	if [[ -f $log && -n ${R_STATUS[i]} ]]; then
		log_tail "$log"
		(( LOG_CUT )) && out="[... the log's first $LOG_CUT bytes cut: its last $LOG_MAX follow ...]"$'\n'
		xml_escape "$out${LOG_TEXT%$'\n'}"
		JX+="      <system-out>$REPLY</system-out>"$'\n'
	fi
	JX+="    </testcase>"$'\n'
}

# junit_check FILE: before any test runs, so that a typo in the path does
# not cost a whole run.
junit_check() {
	local file=$1 dir=${1%/*}
	[[ $dir == "$file" ]] && dir=.
	[[ -z $dir ]] && dir=/
	[[ -d $file ]] && runner_die "--junit $file: is a directory"
	[[ -d $dir && -w $dir ]] || runner_die "--junit $file: directory $dir does not exist or is not writable"
}

# junit_write FILE REVISION: returns 1 when FILE could not be written.
junit_write() {
	local file=$1 rev=$2 i total=0 stamp tmp=$1.tmp.$$ JX
	for i in "${SELECTED[@]}"; do
		[[ -n ${R_TIME[i]} ]] && total=$(( total + 10#${R_TIME[i]/./} ))
	done
	printf -v total '%d.%03d' $(( total / 1000 )) $(( total % 1000 ))
	printf -v stamp '%(%Y-%m-%dT%H:%M:%S)T' -1
	printf -v JX '<?xml version="1.0" encoding="UTF-8"?>\n%s%s\n' \
		"<testsuites name=\"unittests\" tests=\"${#SELECTED[@]}\" failures=\"$N_FAIL\" errors=\"0\" " \
		"skipped=\"$N_SKIP\" time=\"$total\">"
	xml_escape "${HOSTNAME:-localhost}"
	JX+="  <testsuite name=\"${CONFIG[ARCH]}\" tests=\"${#SELECTED[@]}\" failures=\"$N_FAIL\" errors=\"0\" "
	JX+="skipped=\"$N_SKIP\" time=\"$total\" timestamp=\"$stamp\" hostname=\"$REPLY\">"$'\n'"    <properties>"$'\n'
	for i in "qemu=$QEMU" "qemu_version=$QEMU_VERSION_STRING" "accel=$ACCEL" "revision=$rev"; do
		xml_escape "${i#*=}"
		JX+="      <property name=\"${i%%=*}\" value=\"$REPLY\"/>"$'\n'
	done
	JX+="    </properties>"$'\n'
	for i in "${SELECTED[@]}"; do
		junit_case "$i"
	done
	JX+="  </testsuite>"$'\n'"</testsuites>"$'\n'
	# One write: a full disk fails it as a whole. Guest output is bytes;
	# invalid UTF-8 would make the whole file invalid.
	printf '%s' "$JX" > "$tmp" || { rm -f -- "$tmp"; return 1; }
	if hash iconv 2>/dev/null; then
		iconv -c -f UTF-8 -t UTF-8 "$tmp" > "$file" || { rm -f -- "$tmp"; return 1; }
		rm -f -- "$tmp"
	else
		mv -f -- "$tmp" "$file"
	fi
}
