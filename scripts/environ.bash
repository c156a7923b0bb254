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

# Splits a kernel or QEMU release "6.1.12-foo" into REPLY=(6 1 12 -foo).
environ_split_version()
{
	local v=$1 major minor micro
	[[ $v =~ ^([0-9]+)(\.([0-9]+))?(\.([0-9]+))?(.*)$ ]] || { REPLY=(); return 1; }
	major=${BASH_REMATCH[1]} minor=${BASH_REMATCH[3]:-0} micro=${BASH_REMATCH[5]:-0}
	REPLY=("$((10#$major))" "$((10#$minor))" "$((10#$micro))" "${BASH_REMATCH[6]}")
}

# environ_errata FILE HOSTVERSION: sets ERRATA_LINES to ERRATA_<commit>=y|n.
environ_errata()
{
	local file=$1 lines line n=0 commit min host
	ERRATA_LINES=()
	environ_split_version "$2" || return 0
	host=$(( REPLY[0] * 1000000 + REPLY[1] * 1000 + REPLY[2] ))
	[[ -r $file ]] || { echo "environ: cannot read errata file $file" >&2; return 2; }
	mapfile -t lines < "$file"
	for line in "${lines[@]}"; do
		(( n++ ))
		[[ $line =~ ^[[:space:]]*(#|$) ]] && continue
		if [[ ! $line =~ ^([0-9a-f]{12}):([0-9]+(\.[0-9]+){0,2}):(.*)$ ]]; then
			echo "environ: $file:$n: expected <12-hex commit>:<kernel version>:<summary>, got '$line'" >&2
			return 2
		fi
		commit=${BASH_REMATCH[1]}
		environ_split_version "${BASH_REMATCH[2]}"
		min=$(( REPLY[0] * 1000000 + REPLY[1] * 1000 + REPLY[2] ))
		if (( host >= min )); then
			ERRATA_LINES+=("ERRATA_$commit=y")
		else
			ERRATA_LINES+=("ERRATA_$commit=n")
		fi
	done
}

environ_generate()
{
	# ACCEL comes from the caller's environment.
	# shellcheck disable=SC2153
	local out=$1 accel=${ACCEL%%,*} user=${UNITTESTS_ENV:-} kernel qemuv
	local errata=${ERRATATXT:-${BASH_SOURCE[0]%/*}/../errata.txt}
	local -a gen=() usr=() lines
	local -A user_keys=()
	local line n=0 key force=${ERRATA_FORCE:-}

	if [[ -n $user ]]; then
		[[ -r $user ]] || { echo "environ: cannot read UNITTESTS_ENV file $user" >&2; return 2; }
		mapfile -t lines < "$user"
		for line in "${lines[@]}"; do
			(( n++ ))
			[[ $line =~ ^[[:space:]]*(#|$) ]] && continue
			if [[ ! $line =~ ^[A-Za-z_][A-Za-z0-9_]*= ]]; then
				echo "environ: $user:$n: expected KEY=VAL, got '$line'" >&2
				return 2
			fi
			key=${line%%=*}
			# -a promises ERRATA_FORCE=y whatever the user's file says.
			[[ $key == ERRATA_FORCE && $force == y ]] && continue
			user_keys[$key]=1
			usr+=("$line")
		done
	fi

	if [[ ${DEFAULT_ENVIRON:-yes} != no ]]; then
		kernel=${HOST_KERNEL_RELEASE:-}
		[[ -n $kernel ]] || read -r kernel < /proc/sys/kernel/osrelease
		qemuv=${QEMU_VERSION_STRING:-}
		if [[ -z $qemuv && -n ${QEMU:-} ]]; then
			read -r qemuv < <("$QEMU" -version 2>/dev/null)
		fi
		gen+=("QEMU_ACCEL=$accel" "QEMU_VERSION_STRING=$qemuv")
		if [[ $qemuv =~ version\ ([0-9][^[:space:]]*) ]] &&
			environ_split_version "${BASH_REMATCH[1]}"; then
			gen+=("QEMU_MAJOR=${REPLY[0]}" "QEMU_MINOR=${REPLY[1]}" "QEMU_MICRO=${REPLY[2]}")
		fi
		gen+=("KERNEL_VERSION_STRING=$kernel")
		if environ_split_version "$kernel"; then
			gen+=("KERNEL_VERSION=${REPLY[0]}" "KERNEL_PATCHLEVEL=${REPLY[1]}"
				"KERNEL_SUBLEVEL=${REPLY[2]}" "KERNEL_EXTRAVERSION=${REPLY[3]}")
		fi
		local -a ERRATA_LINES
		environ_errata "$errata" "$kernel" || return 2
		gen+=("${ERRATA_LINES[@]}")
		# Host kernel fixes do not matter to an emulated CPU.
		[[ $accel == tcg ]] && : "${force:=y}"
		[[ -n $force ]] && gen+=("ERRATA_FORCE=$force")
	elif [[ -z $user ]]; then
		return 1
	fi

	{
		for line in "${gen[@]}"; do
			[[ -n ${user_keys[${line%%=*}]} ]] || printf '%s\n' "$line"
		done
		if (( ${#usr[@]} )); then
			printf '%s\n' "${usr[@]}"
		fi
	} > "$out" || return 2
	return 0
}
