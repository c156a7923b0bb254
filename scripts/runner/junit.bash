# SPDX-License-Identifier: GPL-2.0-only
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

# junit_case I: appends one <testcase> to JX.
junit_case()
{
	local i=$1 v=${R_VERDICT[$1]} log=$LOG_DIR/${T_NAME[$1]}.log out=''
	local -a parts
	xml_escape "${T_NAME[i]}"
	JX+="    <testcase name=\"$REPLY\" classname=\"${CONFIG[ARCH]}\" time=\"${R_TIME[i]:-0.000}\">"$'\n'
	xml_escape "${R_DETAIL[i]}"
	case $v in
	PASS) ;;
	SKIP) JX+="      <skipped message=\"$REPLY\"/>"$'\n' ;;
	*) JX+="      <failure type=\"$v\" message=\"$REPLY\">$v $REPLY</failure>"$'\n' ;;
	esac
	if [[ -f $log && -n ${R_STATUS[i]} ]]; then
		# A NUL byte from the guest must not cut the log short: the
		# pieces between NULs are joined, the NULs dropped.
		mapfile -d '' parts < "$log"
		printf -v out '%s' "${parts[@]}"
		xml_escape "$out"
		JX+="      <system-out>$REPLY</system-out>"$'\n'
	fi
	JX+="    </testcase>"$'\n'
}

# junit_check FILE: before any test runs, so that a typo in the path does
# not cost a whole run.
junit_check()
{
	local file=$1 dir=${1%/*}
	[[ $dir == "$file" ]] && dir=.
	[[ -z $dir ]] && dir=/
	[[ -d $file ]] && runner_die "--junit $file: is a directory"
	[[ -d $dir && -w $dir ]] || runner_die "--junit $file: directory $dir does not exist or is not writable"
}

# junit_write FILE REVISION: returns 1 when FILE could not be written.
junit_write()
{
	local file=$1 rev=$2 i total=0 stamp tmp=$1.tmp.$$
	for i in "${SELECTED[@]}"; do
		[[ -n ${R_TIME[i]} ]] && total=$(( total + 10#${R_TIME[i]/./} ))
	done
	printf -v total '%d.%03d' $(( total / 1000 )) $(( total % 1000 ))
	printf -v stamp '%(%Y-%m-%dT%H:%M:%S)T' -1
	local JX
	printf -v JX '<?xml version="1.0" encoding="UTF-8"?>\n%s%s\n' \
		"<testsuites name=\"unittests\" tests=\"${#SELECTED[@]}\" failures=\"$N_FAIL\" errors=\"0\" " \
		"skipped=\"$N_SKIP\" time=\"$total\">"
	xml_escape "${HOSTNAME:-localhost}"
	JX+="  <testsuite name=\"${CONFIG[ARCH]}\" tests=\"${#SELECTED[@]}\" failures=\"$N_FAIL\" errors=\"0\" "
	JX+="skipped=\"$N_SKIP\" time=\"$total\" timestamp=\"$stamp\" hostname=\"$REPLY\">"$'\n'
	JX+="    <properties>"$'\n'
	for i in "qemu=$QEMU" "qemu_version=$QEMU_VERSION_STRING" "accel=$ACCEL" "revision=$rev"; do
		xml_escape "${i#*=}"
		JX+="      <property name=\"${i%%=*}\" value=\"$REPLY\"/>"$'\n'
	done
	JX+="    </properties>"$'\n'
	for i in "${SELECTED[@]}"; do
		junit_case "$i"
	done
	JX+="  </testsuite>"$'\n'"</testsuites>"$'\n'
	# One write: a full disk fails it as a whole.
	printf '%s' "$JX" > "$tmp" || { rm -f -- "$tmp"; return 1; }
	# Guest output is bytes; invalid UTF-8 would make the whole file invalid.
	if hash iconv 2>/dev/null; then
		iconv -c -f UTF-8 -t UTF-8 "$tmp" > "$file" || { rm -f -- "$tmp"; return 1; }
		rm -f -- "$tmp"
	else
		mv -f -- "$tmp" "$file" || return 1
	fi
}
