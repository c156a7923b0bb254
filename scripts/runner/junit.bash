# JUnit XML for CI (GitLab and the like): one testsuite for the arch, one
# testcase per selected test in cfg order, the reason in <skipped>/<failure>
# and the test's log as <system-out>. Written once, after the run.

# Sets REPLY to $1 escaped for XML text and attributes. XML 1.0 forbids most
# control characters even as references, and guest serial output has them.
xml_escape()
{
	local s=${1//[$'\x01'-$'\x08'$'\x0b'$'\x0c'$'\x0e'-$'\x1f'$'\x7f']/}
	# Escaped '&': bash 5.2 would put the matched text in its place.
	s=${s//&/\&amp;}
	s=${s//</\&lt;}
	s=${s//>/\&gt;}
	s=${s//\"/\&quot;}
	REPLY=${s//\'/\&apos;}
}

# junit_case I: prints one <testcase>.
junit_case()
{
	local i=$1 v=${R_VERDICT[$1]} log=$LOG_DIR/${T_NAME[$1]}.log out=''
	xml_escape "${T_NAME[i]}"
	printf '    <testcase name="%s" classname="%s" time="%s">\n' \
		"$REPLY" "${CONFIG[ARCH]}" "${R_TIME[i]:-0.000}"
	xml_escape "${R_DETAIL[i]}"
	case $v in
	PASS) ;;
	SKIP) printf '      <skipped message="%s"/>\n' "$REPLY" ;;
	*) printf '      <failure type="%s" message="%s">%s %s</failure>\n' "$v" "$REPLY" "$v" "$REPLY" ;;
	esac
	if [[ -f $log && -n ${R_STATUS[i]} ]]; then
		IFS= read -r -d '' out < "$log"
		xml_escape "$out"
		printf '      <system-out>%s</system-out>\n' "$REPLY"
	fi
	printf '    </testcase>\n'
}

# junit_write FILE REVISION
junit_write()
{
	local file=$1 rev=$2 i total=0 stamp tmp=$1.tmp.$$
	for i in "${SELECTED[@]}"; do
		[[ -n ${R_TIME[i]} ]] && total=$(( total + 10#${R_TIME[i]/./} ))
	done
	printf -v total '%d.%03d' $(( total / 1000 )) $(( total % 1000 ))
	printf -v stamp '%(%Y-%m-%dT%H:%M:%S)T' -1
	{
		printf '<?xml version="1.0" encoding="UTF-8"?>\n'
		printf '<testsuites name="unittests" tests="%d" failures="%d" errors="0" skipped="%d" time="%s">\n' \
			"${#SELECTED[@]}" "$N_FAIL" "$N_SKIP" "$total"
		printf '  <testsuite name="%s" tests="%d" failures="%d" errors="0" skipped="%d" time="%s" timestamp="%s" hostname="%s">\n' \
			"${CONFIG[ARCH]}" "${#SELECTED[@]}" "$N_FAIL" "$N_SKIP" "$total" "$stamp" "${HOSTNAME:-localhost}"
		printf '    <properties>\n'
		for i in "qemu=$QEMU" "qemu_version=$QEMU_VERSION_STRING" "accel=$ACCEL" "revision=$rev"; do
			xml_escape "${i#*=}"
			printf '      <property name="%s" value="%s"/>\n' "${i%%=*}" "$REPLY"
		done
		printf '    </properties>\n'
		for i in "${SELECTED[@]}"; do
			junit_case "$i"
		done
		printf '  </testsuite>\n</testsuites>\n'
	} > "$tmp" || runner_die "cannot write $file"
	# Guest output is bytes; invalid UTF-8 would make the whole file invalid.
	if hash iconv 2>/dev/null; then
		iconv -c -f UTF-8 -t UTF-8 "$tmp" > "$file"
		rm -f "$tmp"
	else
		mv -f "$tmp" "$file"
	fi
}
