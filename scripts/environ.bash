# SPDX-License-Identifier: GPL-2.0-only
# The lines of a test's default environ, the KEY=VAL file passed with -initrd
# (docs/runner.md, "Errata"). environ_lines sets ENVIRON_LINES and returns 0,
# or 1 when there is nothing to pass, or 2 on a bad errata.txt or user file
# (why on stderr). It reads QEMU_VERSION_STRING (else asks QEMU), ACCEL,
# ERRATATXT, ERRATA_FORCE, DEFAULT_ENVIRON, UNITTESTS_ENV and HOST_KERNEL_RELEASE.

# environ_split_version "6.1.12-foo": REPLY=(6 1 12 -foo); at most 6 digits
# a number, checked before any arithmetic.
environ_split_version() {
	REPLY=()
	[[ $1 =~ ^([0-9]{1,6})(\.([0-9]{1,6}))?(\.([0-9]{1,6}))?([^0-9.].*|$) ]] || return 1
	REPLY=("$((10#${BASH_REMATCH[1]}))" "$((10#${BASH_REMATCH[3]:-0}))" "$((10#${BASH_REMATCH[5]:-0}))"
		"${BASH_REMATCH[6]}")
}

# environ_errata FILE HOSTVERSION: ERRATA_LINES, ERRATA_<commit>=y|n for each
# line <12-hex commit>:<kernel version, 1 to 3 numbers>:<summary>.
environ_errata() {
	local file=$1 line n=0 host
	local -a lines
	ERRATA_LINES=()
	environ_split_version "$2" || return 0
	host=$(( REPLY[0] * 1000000 + REPLY[1] * 1000 + REPLY[2] ))
	[[ -r $file ]] || { echo "environ: cannot read errata file $file" >&2; return 2; }
	mapfile -t lines < "$file"
	for line in "${lines[@]}"; do
		(( n++ ))
		[[ $line =~ ^[[:space:]]*(#|$) ]] && continue # a comment or blank
		if ! [[ $line =~ ^[0-9a-f]{12}:[0-9]{1,6}(\.[0-9]{1,6}){0,2}: ]] || ! environ_split_version "${line:13}"; then
			echo "environ: $file:$n: expected <12-hex commit>:<kernel version>:<summary>, got '$line'" >&2
			return 2
		fi
		line="ERRATA_${line:0:12}=n"
		(( host >= REPLY[0] * 1000000 + REPLY[1] * 1000 + REPLY[2] )) && line=${line%n}y
		ERRATA_LINES+=("$line")
	done
}

environ_lines() {
	local accel=${ACCEL%%,*} user=${UNITTESTS_ENV:-} line n=0 kernel=${HOST_KERNEL_RELEASE:-} q=${QEMU_VERSION_STRING:-}
	local force=${ERRATA_FORCE:-} errata=${ERRATATXT:-${BASH_SOURCE[0]%/*}/../errata.txt}
	local -a gen=() mine=() lines ERRATA_LINES
	local -A keys=()
	ENVIRON_LINES=()
	if [[ -n $user ]]; then
		[[ -r $user ]] || { echo "environ: cannot read UNITTESTS_ENV file $user" >&2; return 2; }
		mapfile -t lines < "$user"
		for line in "${lines[@]}"; do
			(( n++ ))
			[[ $line =~ ^[[:space:]]*(#|$) ]] && continue
			[[ $line =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] ||
				{ echo "environ: $user:$n: expected KEY=VAL, got '$line'" >&2; return 2; }
			# -a promises ERRATA_FORCE=y whatever the file says.
			[[ ${line%%=*} == ERRATA_FORCE && $force == y ]] && continue
			keys[${line%%=*}]=1
			mine+=("$line")
		done
	fi
	if [[ ${DEFAULT_ENVIRON:-yes} != no ]]; then
		[[ -n $kernel ]] || read -r kernel < /proc/sys/kernel/osrelease
		[[ -n $q || -z ${QEMU:-} ]] || read -r q < <("$QEMU" -version 2>/dev/null)
		gen+=("QEMU_ACCEL=$accel" "QEMU_VERSION_STRING=$q")
		[[ $q =~ version\ ([0-9.]+) ]] && environ_split_version "${BASH_REMATCH[1]}" &&
			gen+=("QEMU_MAJOR=${REPLY[0]}" "QEMU_MINOR=${REPLY[1]}" "QEMU_MICRO=${REPLY[2]}")
		gen+=("KERNEL_VERSION_STRING=$kernel")
		environ_split_version "$kernel" && gen+=("KERNEL_VERSION=${REPLY[0]}" "KERNEL_PATCHLEVEL=${REPLY[1]}"
			"KERNEL_SUBLEVEL=${REPLY[2]}" "KERNEL_EXTRAVERSION=${REPLY[3]}")
		environ_errata "$errata" "$kernel" || return 2
		gen+=("${ERRATA_LINES[@]}")
		# Host kernel fixes do not matter to an emulated CPU.
		[[ $accel == tcg ]] && : "${force:=y}"
		[[ -n $force ]] && gen+=("ERRATA_FORCE=$force")
	elif [[ -z $user ]]; then
		return 1
	fi
	for line in "${gen[@]}"; do
		[[ -n ${keys[${line%%=*}]} ]] || ENVIRON_LINES+=("$line")
	done
	ENVIRON_LINES+=("${mine[@]}")
}
