# SPDX-License-Identifier: GPL-2.0-only
# Builds a test's default environ: the KEY=VAL file passed with -initrd that
# the guest reads through getenv(). Sourced by the runner (once per run) and
# by the arch run scripts (when run by hand without -initrd).
#
# environ_generate OUTFILE writes the file and returns 0, or returns 1 when
# there is nothing to pass (DEFAULT_ENVIRON=no and no user file), or 2 on a
# bad errata.txt or user file (the reason goes to stderr). It reads:
#   QEMU                 the QEMU binary (asked for its version unless
#                        QEMU_VERSION_STRING is already set)
#   ACCEL                kvm or tcg, maybe with ",properties"
#   ERRATATXT            the errata file (default: errata.txt of this tree)
#   ERRATA_FORCE         y forces every erratum on (run_tests.sh -a sets it)
#   DEFAULT_ENVIRON      no turns the generated part off
#   UNITTESTS_ENV        the user's own KEY=VAL file, appended; its keys win
#   HOST_KERNEL_RELEASE  pretend host kernel release (default: uname -r)

# Splits a kernel or QEMU release "6.1.12-foo" into REPLY=(6 1 12 -foo):
# up to three dot-separated numbers, then anything not starting with a
# digit. Globs and expansions, no regex: compiling one costs a run script
# a quarter of a millisecond each time.
environ_split_version()
{
	local rest=$1 major minor=0 micro=0
	REPLY=()
	major=${rest%%[!0-9]*} rest=${rest#"$major"}
	if [[ $rest == .[0-9]* ]]; then
		rest=${rest#.} minor=${rest%%[!0-9]*} rest=${rest#"$minor"}
		if [[ $rest == .[0-9]* ]]; then
			rest=${rest#.} micro=${rest%%[!0-9]*} rest=${rest#"$micro"}
		fi
	fi
	# At most 6 digits a part: checked before the arithmetic below, which
	# would wrap silently on a longer number.
	[[ -n $major ]] && (( ${#major} <= 6 && ${#minor} <= 6 && ${#micro} <= 6 )) || return 1
	REPLY=("$((10#$major))" "$((10#$minor))" "$((10#$micro))" "$rest")
}

# environ_errata FILE HOSTVERSION: sets ERRATA_LINES to ERRATA_<commit>=y|n.
# A line is <12-hex commit>:<kernel version, 1 to 3 numbers>:<summary>.
environ_errata()
{
	local file=$1 lines line n=0 commit ver min host dots
	ERRATA_LINES=()
	environ_split_version "$2" || return 0
	host=$(( REPLY[0] * 1000000 + REPLY[1] * 1000 + REPLY[2] ))
	[[ -r $file ]] || { echo "environ: cannot read errata file $file" >&2; return 2; }
	mapfile -t lines < "$file"
	for line in "${lines[@]}"; do
		(( n++ ))
		# Blank and comment lines; most comments start with '#', tested first.
		[[ $line == \#* || $line != *[![:space:]]* || ${line#"${line%%[![:space:]]*}"} == \#* ]] && continue
		commit=${line%%:*} ver=${line#*:}
		ver=${ver%%:*} dots=${ver//[!.]/}
		if ! [[ ${#commit} == 12 && $commit != *[!0-9a-f]* && $line == *:*:* && ${#dots} -le 2 &&
			$ver == [0-9]* && $ver != *[!0-9.]* && $ver != *.. && $ver != *. ]] ||
			! environ_split_version "$ver"; then
			echo "environ: $file:$n: expected <12-hex commit>:<kernel version>:<summary>, got '$line'" >&2
			return 2
		fi
		min=$(( REPLY[0] * 1000000 + REPLY[1] * 1000 + REPLY[2] ))
		if (( host >= min )); then
			ERRATA_LINES+=("ERRATA_$commit=y")
		else
			ERRATA_LINES+=("ERRATA_$commit=n")
		fi
	done
}

# environ_user FILE: ENV_USER (its KEY=VAL lines) and ENV_USER_KEYS (their
# keys), or 2 with the reason on stderr. Under -a (ERRATA_FORCE=y) the
# file's ERRATA_FORCE is dropped: -a promises it whatever the file says.
environ_user()
{
	local file=$1 line n=0 key
	local -a lines
	[[ -r $file ]] || { echo "environ: cannot read UNITTESTS_ENV file $file" >&2; return 2; }
	mapfile -t lines < "$file"
	for line in "${lines[@]}"; do
		(( n++ ))
		# Blank and comment lines; most comments start with '#', tested first.
		[[ $line == \#* || $line != *[![:space:]]* || ${line#"${line%%[![:space:]]*}"} == \#* ]] && continue
		if [[ ! $line =~ ^[A-Za-z_][A-Za-z0-9_]*= ]]; then
			echo "environ: $file:$n: expected KEY=VAL, got '$line'" >&2
			return 2
		fi
		key=${line%%=*}
		[[ $key == ERRATA_FORCE && ${ERRATA_FORCE:-} == y ]] && continue
		ENV_USER_KEYS[$key]=1
		ENV_USER+=("$line")
	done
}

# environ_default ACCEL ERRATAFILE: ENV_GEN, the generated KEY=VAL lines
# (QEMU, host kernel, errata), or 2 on a bad errata file.
environ_default()
{
	local accel=$1 errata=$2 kernel qemuv force=${ERRATA_FORCE:-}
	kernel=${HOST_KERNEL_RELEASE:-}
	[[ -n $kernel ]] || read -r kernel < /proc/sys/kernel/osrelease
	qemuv=${QEMU_VERSION_STRING:-}
	if [[ -z $qemuv && -n ${QEMU:-} ]]; then
		read -r qemuv < <("$QEMU" -version 2>/dev/null)
	fi
	ENV_GEN+=("QEMU_ACCEL=$accel" "QEMU_VERSION_STRING=$qemuv")
	local v=${qemuv#*version }
	if [[ $qemuv == *"version "[0-9]* ]] && environ_split_version "${v%%[[:space:]]*}"; then
		ENV_GEN+=("QEMU_MAJOR=${REPLY[0]}" "QEMU_MINOR=${REPLY[1]}" "QEMU_MICRO=${REPLY[2]}")
	fi
	ENV_GEN+=("KERNEL_VERSION_STRING=$kernel")
	if environ_split_version "$kernel"; then
		ENV_GEN+=("KERNEL_VERSION=${REPLY[0]}" "KERNEL_PATCHLEVEL=${REPLY[1]}"
			"KERNEL_SUBLEVEL=${REPLY[2]}" "KERNEL_EXTRAVERSION=${REPLY[3]}")
	fi
	local -a ERRATA_LINES
	environ_errata "$errata" "$kernel" || return 2
	ENV_GEN+=("${ERRATA_LINES[@]}")
	# Host kernel fixes do not matter to an emulated CPU.
	[[ $accel == tcg ]] && : "${force:=y}"
	[[ -n $force ]] && ENV_GEN+=("ERRATA_FORCE=$force")
	return 0
}

# environ_lines: ENVIRON_LINES, the environ's KEY=VAL lines; returns like
# environ_generate.
environ_lines()
{
	# ACCEL comes from the caller's environment.
	# shellcheck disable=SC2153
	local accel=${ACCEL%%,*} user=${UNITTESTS_ENV:-} line
	local errata=${ERRATATXT:-${BASH_SOURCE[0]%/*}/../errata.txt}
	local -a ENV_GEN=() ENV_USER=()
	local -A ENV_USER_KEYS=()

	ENVIRON_LINES=()
	if [[ -n $user ]]; then
		environ_user "$user" || return 2
	fi
	if [[ ${DEFAULT_ENVIRON:-yes} != no ]]; then
		environ_default "$accel" "$errata" || return 2
	elif [[ -z $user ]]; then
		return 1
	fi
	# The user's keys replace the generated ones.
	for line in "${ENV_GEN[@]}"; do
		[[ -n ${ENV_USER_KEYS[${line%%=*}]} ]] || ENVIRON_LINES+=("$line")
	done
	ENVIRON_LINES+=("${ENV_USER[@]}")
	return 0
}

# environ_write FILE: writes ENVIRON_LINES to FILE.
environ_write()
{
	if (( ${#ENVIRON_LINES[@]} )); then
		printf '%s\n' "${ENVIRON_LINES[@]}" > "$1"
	else
		: > "$1"
	fi
}

environ_generate()
{
	local rc
	environ_lines
	rc=$?
	(( rc == 0 )) || return "$rc"
	environ_write "$1" || return 2
}
