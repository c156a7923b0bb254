# SPDX-License-Identifier: GPL-2.0-only
# What a run reports (docs/runner.md, "Outputs"): the console, written by
# the runner alone, TAP version 13 on stdout under -t, and JUnit XML.

declare -gi N_PASS=0 N_FAIL=0 N_SKIP=0 TAP_NEXT=0
declare -g COLOR_ON=''

console_init() {
	[[ -t 1 && -z ${NO_COLOR+set} ]] && COLOR_ON=1
	[[ -z $OPT_TAP ]] || printf 'TAP version 13\n1..%d\n' "${#SELECTED[@]}"
}

# Under -t stdout carries TAP alone.
console_say() { printf "${OPT_TAP:+# }%s\n" "$1"; }

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

# Writes every result that is due, in cfg order even under -j.
tap_flush() {
	local i
	while (( TAP_NEXT < ${#SELECTED[@]} )); do
		i=${SELECTED[TAP_NEXT]}
		[[ -n ${R_VERDICT[i]} ]] || return
		(( TAP_NEXT++ ))
		tap_one "$TAP_NEXT" "$i"
	done
}

# Sets REPLY to $1 escaped for XML. XML 1.0 forbids most control characters
# even as references, and guest serial output has them.
xml_escape() {
	local s=${1//[$'\x01'-$'\x08'$'\x0b'$'\x0c'$'\x0e'-$'\x1f'$'\x7f']/}
	# Escaped '&': bash 5.2 would put the matched text in its place.
	s=${s//&/\&amp;}
	s=${s//</\&lt;}
	s=${s//>/\&gt;}
	s=${s//\"/\&quot;}
	REPLY=${s//\'/\&apos;}
}

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

# junit_check FILE: a typo must not cost a whole run.
junit_check() {
	local file=$1 dir=${1%/*}
	[[ $dir == "$file" ]] && dir=.
	[[ -z $dir ]] && dir=/
	[[ -d $file ]] && run_die "--junit $file: is a directory"
	[[ -d $dir && -w $dir ]] || run_die "--junit $file: directory $dir does not exist or is not writable"
}

# junit_write FILE REVISION: returns 1 when FILE could not be written.
junit_write() {
	local file=$1 rev=$2 i total=0 stamp counts JX
	for i in "${SELECTED[@]}"; do
		[[ -n ${R_TIME[i]} ]] && total=$(( total + 10#${R_TIME[i]/./} ))
	done
	printf -v total '%d.%03d' $(( total / 1000 )) $(( total % 1000 ))
	printf -v stamp '%(%Y-%m-%dT%H:%M:%S)T' -1
	counts="tests=\"${#SELECTED[@]}\" failures=\"$N_FAIL\" errors=\"0\" skipped=\"$N_SKIP\" time=\"$total\""
	xml_escape "${HOSTNAME:-localhost}"
	JX='<?xml version="1.0" encoding="UTF-8"?>'$'\n'"<testsuites name=\"unittests\" $counts>"$'\n'
	JX+="  <testsuite name=\"${CONFIG[ARCH]}\" $counts timestamp=\"$stamp\" hostname=\"$REPLY\">"$'\n'"    <properties>"$'\n'
	for i in "qemu=$QEMU" "qemu_version=$QEMU_VERSION_STRING" "accel=$ACCEL" "revision=$rev"; do
		xml_escape "${i#*=}"
		JX+="      <property name=\"${i%%=*}\" value=\"$REPLY\"/>"$'\n'
	done
	JX+="    </properties>"$'\n'
	for i in "${SELECTED[@]}"; do
		junit_case "$i"
	done
	JX+="  </testsuite>"$'\n'"</testsuites>"$'\n'
	# Guest output is bytes: invalid UTF-8 would make the whole file invalid.
	if hash iconv 2>/dev/null; then
		printf '%s' "$JX" | iconv -c -f UTF-8 -t UTF-8 > "$file"
	else
		printf '%s' "$JX" > "$file"
	fi
}
