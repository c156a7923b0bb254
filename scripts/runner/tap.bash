# SPDX-License-Identifier: GPL-2.0-only
# TAP version 13 from the runner's own verdicts, so that a timeout or a
# crash, which leaves no guest report behind, still shows as "not ok".
# Results are written in cfg order even under -j: each finished test waits
# here until all earlier ones have been written.

declare -gi TAP_NEXT=0

tap_start()
{
	printf 'TAP version 13\n1..%d\n' "${#SELECTED[@]}"
}

# Makes $1 a double-quoted YAML scalar. TAP::Parser's YAMLish reader takes
# only double quotes in list items, and no control characters.
tap_yaml_str()
{
	local s=${1//[$'\x01'-$'\x08'$'\x0a'-$'\x1f'$'\x7f']/}
	s=${s//\\/\\\\}
	s=${s//$'\t'/\\t}
	REPLY="\"${s//\"/\\\"}\""
}

tap_one()
{
	local num=$1 i=$2 v=${R_VERDICT[$2]} ok='ok' name=${T_NAME[$2]} line
	if [[ $v == SKIP ]]; then
		printf 'ok %d - %s # SKIP %s\n' "$num" "$name" "${R_DETAIL[i]}"
		return
	fi
	[[ $v == PASS ]] || ok='not ok'
	printf '%s %d - %s\n  ---\n' "$ok" "$num" "$name"
	printf '  verdict: %s\n' "$v"
	if [[ -n ${R_DETAIL[i]} ]]; then
		tap_yaml_str "${R_DETAIL[i]}"
		printf '  message: %s\n' "$REPLY"
	fi
	printf '  exit_status: %d\n  duration_ms: %d\n' "${R_STATUS[i]}" "$(( 10#${R_TIME[i]/./} ))"
	tap_yaml_str "$LOG_DIR/$name.log"
	printf '  log: %s\n' "$REPLY"
	if [[ -n ${R_REPORT[i]} ]]; then
		printf '  report:\n'
		# One "- KIND: message" mapping per guest line: a quoted list item
		# holding ": " is more than TAP::Parser's YAMLish reader can take.
		while IFS= read -r line; do
			tap_yaml_str "${line#*:}"
			REPLY=${REPLY/#\"[[:space:]]/\"}
			printf '    - %s: %s\n' "${line%%:*}" "$REPLY"
		done <<< "${R_REPORT[i]%$'\n'}"
	fi
	printf '  ...\n'
}

# Writes every result that is due, in cfg order.
tap_flush()
{
	local i
	while (( TAP_NEXT < ${#SELECTED[@]} )); do
		i=${SELECTED[TAP_NEXT]}
		[[ -n ${R_VERDICT[i]} ]] || return
		(( TAP_NEXT++ ))
		tap_one "$TAP_NEXT" "$i"
	done
}
