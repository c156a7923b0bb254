# SPDX-License-Identifier: GPL-2.0-only
# run-image.bash - run_image runs one test image in QEMU, for the ARCH/run
# scripts and run_tests.sh (docs/architecture.md, "How the exit status
# travels"). Sourced; SRCDIR is the tree this file is in. An arch is
# a row of scripts/arch.tbl and two hooks: ri_image_<lib_dir> checks the
# image's first bytes (RI_HDR), ri_hook_<lib_dir> adds its QEMU options to
# RI_ARGS (and may rewrite RI_IMAGE and RI_USER, the user's options).

# QEMU's options hold commas; "A && B || die" means die when either fails;
# REPLY is an array in environ.bash, a string here.
# shellcheck disable=SC2054,SC2015,SC2034,SC2178,SC2128,SC2179
ACCEL_AUTO='' RI_PROBED='' QEMU_VERSION_STRING='' QEMU_MACHINES='' QEMU_DEVICES=''
SRCDIR=${BASH_SOURCE[0]%/scripts/*}

# The statuses the run produces itself; a guest's own are 0..ST_GUEST_MAX.
readonly ST_FAIL=1 ST_SETUP=2 ST_NOSTATUS=3 ST_STOPPED=120 ST_TIMEOUT=124 ST_GUEST_MAX=118

run_die() { echo "${RI_NAME:-${0##*/}}: $*" >&2; exit "$ST_SETUP"; }

# config_load FILE [optional]: config.mak into CONFIG[], with TEST_DIR and
# ARCH, or exit 2; an optional FILE may be absent or partial. Never sourced:
# a stray value never runs.
declare -gA CONFIG=()
config_load() {
	local file=$1 line n=0
	local -a lines
	if [[ ! -f $file ]]; then
		[[ -n ${2:-} ]] || run_die "no $file in $PWD: run ./configure first"
		return 0
	fi
	mapfile -t lines < "$file"
	for line in "${lines[@]}"; do
		(( n++ ))
		[[ -z $line || $line == \#* ]] && continue
		[[ $line =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || run_die "$file:$n: expected KEY=value, got '$line'"
		CONFIG[${line%%=*}]=${line#*=}
	done
	[[ -n ${2:-} || ( -n ${CONFIG[TEST_DIR]:-} && -n ${CONFIG[ARCH]:-} ) ]] ||
		run_die "$file: TEST_DIR or ARCH is not set: rerun ./configure"
}

# duration_check D: the one rule for a duration (cfg.awk mirrors it).
duration_check() {
	[[ $1 =~ ^[0-9]{1,7}(\.[0-9]+)?[smhd]?$ ]] || run_die "TIMEOUT=$1 is not a duration" \
		"(e.g. 90, 90s, 1.5m, 2h; at most 7 digits before the point; 0: none)"
}

# shellcheck source=scripts/arch-table.bash
source "${BASH_SOURCE[0]%/*}/arch-table.bash"

arch_load() {
	arch_lookup "$1" || run_die "no arch '$1' in $ARCH_TABLE"
}

# KVM_DEVICE: a stand-in for /dev/kvm, for tests.
kvm_usable() {
	local dev=${KVM_DEVICE:-/dev/kvm}
	[ -r "$dev" ] && [ -w "$dev" ] && [[ ,$AT_KVM_HOSTS, == *",$HOSTTYPE,"* ]]
}

# qemu_setup: QEMU (a path), ACCEL, ACCEL_NAME (kvm or tcg), ACCEL_AUTO (set
# when the user did not choose) and QEMU's facts, or a setup error.
qemu_setup() {
	local bin=${QEMU:-$AT_QEMU_BIN} dev
	if [[ $bin == */* ]]; then
		[ -f "$bin" ] && [ -x "$bin" ] || run_die "QEMU binary '$bin' does not exist or is not executable"
		QEMU=$bin
	else
		hash -- "$bin" 2>/dev/null && QEMU=${BASH_CMDS[$bin]} ||
			run_die "QEMU binary '$bin' not found; on Debian: apt-get install $AT_QEMU_PKG (or set QEMU=/path/to/qemu)"
	fi
	ACCEL_AUTO=""
	case ${ACCEL:-} in
	"") ACCEL_AUTO=1; if kvm_usable; then ACCEL=kvm; else ACCEL=tcg; fi ;;
	kvm | kvm,*)
		kvm_usable || run_die "ACCEL=kvm, but KVM is not usable here: KVM cannot run $AT_NAME guests on this host" \
			"(${KVM_DEVICE:-/dev/kvm} missing or not read/write, or a $HOSTTYPE host); use ACCEL=tcg" ;;
	tcg | tcg,*) ;;
	*) run_die "ACCEL=$ACCEL: the accelerator must be kvm or tcg, optionally with ,property=value" ;;
	esac
	ACCEL_NAME=${ACCEL%%,*}
	export QEMU ACCEL
	qemu_probe
	for dev in ${AT_DEVICES//,/ }; do
		[[ " $QEMU_DEVICES" == *" $dev "* ]] ||
			run_die "$QEMU ($QEMU_VERSION_STRING) has no '$dev' device, which $AT_NAME tests need"
	done
	[[ -z ${MACHINE:-} || -z $QEMU_MACHINES || " $QEMU_MACHINES" == *" $MACHINE "* ]] ||
		run_die "MACHINE=$MACHINE: $QEMU has no such machine (see '$QEMU -machine help')"
}

# qemu_probe: QEMU_VERSION_STRING, QEMU_MACHINES and QEMU_DEVICES (of the
# row's), cached in build/ while newer than the binary.
qemu_probe() {
	local cache=$SRCDIR/build/qemu-facts${QEMU//\//_} v m d dev line
	local -a f
	[[ $RI_PROBED == "$QEMU" ]] && return 0
	if [[ -f $cache && $cache -nt $QEMU ]] && mapfile -t f < "$cache" && [[ ${f[0]} == "$QEMU $AT_DEVICES" ]]; then
		QEMU_VERSION_STRING=${f[1]} QEMU_MACHINES=${f[2]} QEMU_DEVICES=${f[3]} RI_PROBED=$QEMU
		return 0
	fi
	v=$(timeout -k 1 10 "$QEMU" -version 2>&1 < /dev/null)
	[[ $v == QEMU* ]] || run_die "'$QEMU -version' did not answer like QEMU within 10 s: ${v:0:200}"
	m=$(timeout -k 1 10 "$QEMU" -machine help 2>/dev/null < /dev/null) &&
		d=$(timeout -k 1 10 "$QEMU" -machine none -device help 2>/dev/null < /dev/null) ||
		run_die "'$QEMU' did not list its machines and devices within 10 s"
	QEMU_VERSION_STRING=${v%%$'\n'*} QEMU_MACHINES='' QEMU_DEVICES=''
	while read -r line _; do
		QEMU_MACHINES+="$line "
	done <<< "${m#*$'\n'}"
	for dev in ${AT_DEVICES//,/ }; do
		[[ $d == *"name \"$dev\""* ]] && QEMU_DEVICES+="$dev "
	done
	RI_PROBED=$QEMU
	{ mkdir -p "$SRCDIR/build" && printf '%s\n' "$QEMU $AT_DEVICES" "$QEMU_VERSION_STRING" "$QEMU_MACHINES" \
		"$QEMU_DEVICES" > "$cache.$$" && mv -f -- "$cache.$$" "$cache"; } 2>/dev/null
	return 0
}

# ri_image_check IMAGE: a wrong image would run until its timeout.
ri_image_check() {
	local hdr
	[ -f "$1" ] || run_die "no test image '$1' (build it with: make $1)"
	hdr=$(od -An -v -tu1 -N64 -- "$1") || run_die "cannot read '$1'"
	# shellcheck disable=SC2206 # numbers, split on purpose
	RI_HDR=($hdr)
	(( ${#RI_HDR[@]} >= 8 )) || run_die "'$1' is too short to be a $AT_NAME test image (${#RI_HDR[@]} bytes)"
	REPLY=""
	"ri_image_$AT_LIB_DIR" || run_die "'$1' is not a $AT_NAME test image: $REPLY"
}

# ri_elf_is NUMBER NAME [OFFSET MAGIC WHAT]: the image is an ELF for machine
# NUMBER, or a raw image with the bytes MAGIC at OFFSET (WHAT names them);
# else REPLY says what it is.
ri_elf_is() {
	local -a b=("${RI_HDR[@]}")
	REPLY="no ELF header${5:+ and no $5}"
	if [[ ${b[*]:0:4} != "127 69 76 70" ]]; then
		[[ -n ${4:-} && ${b[*]:$3:4} == "$4" ]]
		return
	fi
	(( ${#b[@]} >= 20 )) || { REPLY="a truncated ELF header (${#b[@]} bytes)"; return 1; }
	REPLY=$(( b[5] == 2 ? b[18] * 256 + b[19] : b[19] * 256 + b[18] ))
	[[ $REPLY == "$1" ]] && return 0
	REPLY="an ELF for machine $REPLY, not $1 ($2)"
	return 1
}

ri_image_x86() { ri_elf_is 3 "i386: a 32-bit multiboot .flat"; }
# qboot by default: SeaBIOS boots far slower under a software KVM. Multiboot
# splits -initrd and the command line at blanks, hence blankless_path.
ri_hook_x86() {
	local dir fw="" i
	case ${FIRMWARE:-qboot} in
	seabios) ;;
	qboot)
		for dir in "${QEMU%/bin/*}/share/qemu" /usr/share/qemu /usr/local/share/qemu; do
			[ -f "$dir/qboot.rom" ] && { fw=$dir/qboot.rom; break; }
		done
		[ -n "$fw" ] ||
			echo "${RI_NAME}: note: qboot.rom not found (Debian package qemu-system-data); booting with SeaBIOS" >&2 ;;
	*/*) [ -f "$FIRMWARE" ] || run_die "FIRMWARE=$FIRMWARE: no such file"; fw=$FIRMWARE ;;
	*) run_die "FIRMWARE='$FIRMWARE' is not qboot, seabios or the path of a ROM" ;;
	esac
	# QEMU's default CPU, qemu64, runs under every KVM; -cpu host or max
	# make QEMU 7.2 abort on a KVM that refuses an MSR they set.
	RI_ARGS+=(-machine "${MACHINE:-$AT_MACHINE}" ${CPU:+-cpu "$CPU"} ${fw:+-bios "$fw"}
		-device isa-debug-exit,iobase=0xf4,iosize=0x4 -device pc-testdev -device pci-testdev
		-display none -serial stdio)
	blankless_path "$RI_IMAGE"
	RI_IMAGE=$REPLY
	for (( i = 0; i < ${#RI_USER[@]} - 1; i++ )); do
		[ "${RI_USER[i]}" = -initrd ] || continue
		blankless_path "${RI_USER[++i]}"
		RI_USER[i]=$REPLY
	done
}

ri_image_arm64() { ri_elf_is 183 aarch64 56 "65 82 77 100" "arm64 Image magic 'ARMd' at offset 56"; }
# Under KVM the host's CPU and GIC (in AArch32 for arm on an arm64 host);
# under TCG a later -machine gic-version=N in the options picks the GIC.
ri_hook_arm64() {
	local m=$AT_MACHINE cpu=max
	[ "$AT_NAME" = arm ] && cpu=cortex-a15
	if [ "$ACCEL_NAME" = kvm ]; then
		m+=,gic-version=host cpu=host
		[ "$AT_NAME/$HOSTTYPE" = arm/aarch64 ] && cpu=host,aarch64=off
	fi
	RI_ARGS+=(-machine "${MACHINE:-$m}" -cpu "${CPU:-$cpu}" -display none -serial stdio)
}

# An s390x image is an ELF, or a raw image starting with its short IPL PSW
# (bit 12 set, bits 13-15 clear).
ri_image_s390x() {
	ri_elf_is 22 s390 && return 0
	[[ $REPLY == "no ELF header" ]] || return 1
	REPLY+=" and no short IPL PSW in its first 8 bytes"
	(( (RI_HDR[1] & 15) == 8 ))
}
ri_hook_s390x() {
	local cpu=${CPU:-}
	[ "$ACCEL_NAME" = kvm ] && cpu=${CPU:-host}
	RI_ARGS+=(-nographic -machine "${MACHINE:-$AT_MACHINE}" -chardev stdio,id=con0 -device sclpconsole,chardev=con0
		${cpu:+-cpu "$cpu"})
}

ri_image_ppc64() { ri_elf_is 21 ppc64; }
# Our ROM instead of SLOF; TCG cannot give the spectre workarounds pseries
# asks for by default.
ri_hook_ppc64() {
	local rom=${ROM:-$SRCDIR/build/$AT_NAME/rom.bin} m=${MACHINE:-$AT_MACHINE}
	[ -f "$rom" ] || run_die "no ROM '$rom' (build it with: make)"
	[ -z "${MACHINE:-}" ] && [ "$ACCEL_NAME" != kvm ] &&
		m+=,cap-cfpc=broken,cap-sbbc=broken,cap-ibs=broken,cap-ccf-assist=off
	RI_ARGS+=(-machine "$m" -display none -serial stdio -bios "$rom")
}

ri_image_riscv64() { ri_elf_is 243 riscv64 56 "82 83 67 5" "RISC-V Image magic 'RSC\\x05' at offset 56"; }
# Under KVM, the SBI itself, QEMU refuses M-mode firmware such as OpenSBI
# (docs/riscv64.md). QEMU 7.2 has no -cpu max for riscv.
ri_hook_riscv64() {
	local cpu=rv64 bios=default
	[ "$ACCEL_NAME" = kvm ] && cpu=host bios=none
	RI_ARGS+=(-machine "${MACHINE:-$AT_MACHINE}" -cpu "${CPU:-$cpu}" -bios "$bios" -display none -serial stdio)
}

# The raw image's zImage-style header (lib/arm/cstart.S), magic little endian.
ri_image_arm() { ri_elf_is 40 arm 36 "24 40 111 1" "zImage magic 0x016f2818 at offset 0x24"; }
ri_hook_arm() { ri_hook_arm64; }

# ri_environ FILE: writes environ.bash's lines to FILE; REPLY is FILE, or
# empty for no environ. ERRATATXT and DEFAULT_ENVIRON default to config.mak's.
ri_environ() {
	local rc
	REPLY=""
	ERRATATXT=${ERRATATXT:-${CONFIG[ERRATATXT]:-$SRCDIR/errata.txt}}
	[[ -e $ERRATATXT || -z ${CONFIG[SRCDIR]:-} ]] || ERRATATXT=${CONFIG[SRCDIR]}/$ERRATATXT
	DEFAULT_ENVIRON=${DEFAULT_ENVIRON:-${CONFIG[DEFAULT_ENVIRON]:-yes}}
	# shellcheck source=scripts/environ.bash
	declare -F environ_lines > /dev/null || source "$SRCDIR/scripts/environ.bash"
	ACCEL=$ACCEL_NAME environ_lines
	rc=$?
	(( rc == 1 )) && return 0 # nothing to pass
	(( rc == 0 )) || run_die "could not build the default environ (see above)"
	printf '%s\n' "${ENVIRON_LINES[@]}" > "$1" || run_die "cannot write the environ $1 (disk full?)"
	REPLY=$1
}

# blankless_path P: REPLY, a path to P without blanks: relative to $PWD if
# that has none, else a symlink in RI_TMP.
blankless_path() {
	local p=$1
	REPLY=$p
	[[ $p == *[[:blank:]]* ]] || return 0
	[[ $p == "$PWD"/* && ${p#"$PWD"/} != *[[:blank:]]* ]] && { REPLY=${p#"$PWD"/}; return 0; }
	[[ $p == /* ]] || p=$PWD/$p
	# The same base name (a guest may check its argv[0]), made unique.
	REPLY=${p##*/}
	REPLY=$RI_TMP/${REPLY//[[:blank:]]/_}
	[ -e "$REPLY" ] && REPLY=${REPLY%/*}/$((++RI_LINKS))-${REPLY##*/}
	ln -s -- "$p" "$REPLY" || run_die "cannot link $p into $RI_TMP"
}

# print_command ARGS...: a command line that pastes back into a shell.
print_command() {
	local a out=""
	for a in "$@"; do
		if [[ -n $a && $a != *[!A-Za-z0-9_./,=:+@%-]* ]]; then out+="$a "; else out+="'${a//\'/\'\\\'\'}' "; fi
	done
	echo "${out% }"
}

# ri_watch TIMEOUT_PID: the background QMP reader, whose one result is the
# file $RI_TMP/result. A VM that KVM cannot go on with, or whose guest
# panicked, would wait paused for a human: the watch writes that state and
# makes QEMU quit ("paused" and "debug" are a user's doing). A QEMU still
# there 3 s after a SHUTDOWN is "hung" (QEMU 7.2 on s390x). FIFOs opened
# read-write never block.
ri_watch() {
	local in out line state
	exec {in}<>"$RI_TMP/qmp.in" {out}<>"$RI_TMP/qmp.out"
	printf '%s\n' '{"execute": "qmp_capabilities"}' '{"execute": "query-status"}' >&"$in"
	while read -r -u "$out" line; do
		case $line in
		*'"event": "GUEST_PANICKED"'*) echo "$line" > "$RI_TMP/panic" ;;
		*'"event": "STOP"'*) printf '%s\n' '{"execute": "query-status"}' >&"$in" ;;
		*'"event": "SHUTDOWN"'* | *'"status": "shutdown"'*)
			# QMP never sends a NUL: this reads for 3 s.
			read -r -d '' -t 3 -u "$out" _
			echo hung > "$RI_TMP/result"
			kill -TERM "$1" 2>/dev/null
			return ;;
		*'"return": {'*'"status": "'*)
			state=${line#*\"status\": \"} state=${state%%\"*}
			case $state in
			internal-error | guest-panicked | io-error | suspended | watchdog)
				echo "$state" > "$RI_TMP/result"
				printf '%s\n' '{"execute": "quit"}' >&"$in"
				return ;;
			esac ;;
		esac
	done
}

# ri_stop_reason STATE: why the VM stopped, in REPLY, from QEMU's stderr too.
ri_stop_reason() {
	local line what="" pc=""
	while IFS= read -r line; do
		case $line in
		"KVM internal error. Suberror: "*) [ -n "$what" ] || what="suberror ${line##*: }" ;;
		"emulation failure" | "KVM: entry failed"* | "error: kvm run failed"*) what=$line ;;
		*RIP=*) [ -n "$pc" ] || { pc=${line#*RIP=}; pc="RIP 0x${pc%% *}"; } ;;
		*PC=*) [ -n "$pc" ] || { pc=${line#*PC=}; pc="PC 0x${pc%% *}"; } ;;
		*"PSW=mask "*) [ -n "$pc" ] || { pc=${line#*PSW=mask }; pc="PSW ${pc%% *}"; } ;;
		*NIP\ *) [ -n "$pc" ] || { pc=${line#*NIP }; pc="NIP 0x${pc%% *}"; } ;;
		esac
	done < "$RI_TMP/stderr"
	[[ $pc =~ ^([A-Z]+\ 0x)0*([0-9a-fA-F]+)$ ]] && pc=${BASH_REMATCH[1]}${BASH_REMATCH[2],,}
	case $1 in
	internal-error) REPLY="KVM internal error${what:+: $what}${pc:+ at $pc}" ;;
	guest-panicked)
		REPLY="guest panic reported to QEMU" line=""
		[ -f "$RI_TMP/panic" ] && read -r line < "$RI_TMP/panic"
		if [[ $line == *'"reason": "'* ]]; then
			what=${line#*\"reason\": \"}
			REPLY+=": ${what%%\"*}"
			if [[ $line == *'"psw-addr": '[0-9]* ]]; then
				pc=${line#*\"psw-addr\": }
				printf -v pc '%x' "${pc%%[!0-9]*}"
				REPLY+=" at PSW address 0x$pc"
			fi
		fi ;;
	io-error) REPLY="the VM stopped on an I/O error" ;;
	suspended) REPLY="the guest suspended the VM" ;;
	watchdog) REPLY="the guest watchdog fired" ;;
	migration) read -r REPLY < "$RI_TMP/migration"; REPLY="migration: $REPLY" ;;
	*) REPLY="the VM stopped ($1)" ;;
	esac
}

# ri_guest_code CODE: the guest's own exit code as a status of the table.
ri_guest_code() {
	RI_STATUS=$1
	if (( $1 == ST_SETUP || $1 == ST_NOSTATUS )); then
		echo "${RI_NAME}: the guest exited with $1, a status reserved for the run (setup error, no status): reported as 1"
	elif (( $1 > ST_GUEST_MAX )); then
		echo "${RI_NAME}: the guest's exit code $1 is out of range (0 to $ST_GUEST_MAX): reported as 1"
	else
		return 0
	fi
	RI_STATUS=$ST_FAIL
}

# ri_status_port RAW: QEMU exits with (value << 1) | 1 for isa-debug-exit's
# value, code + 1 or code + 9 (lib/x86/io.c); 0 is a reset or triple fault.
ri_status_port() {
	local v=$(( $1 >> 1 ))
	RI_STATUS=$1
	if (( $1 == 0 )); then RI_STATUS=$ST_NOSTATUS
	elif (( $1 == 1 )); then RI_STATUS=$ST_SETUP
	elif (( $1 % 2 && v >= 1 && v <= 63 )); then ri_guest_code $(( v - 1 ))
	elif (( $1 % 2 && v >= 72 )); then ri_guest_code $(( v - 9 ))
	fi
}

# ri_status_exit-line RAW: QEMU exiting 0 carries the status of the last
# "EXIT: STATUS=n" line (the console filter's, in RI_GUEST; none: no status).
ri_status_exit-line() {
	RI_STATUS=$1
	(( $1 > 0 && $1 < 128 )) && RI_STATUS=$ST_SETUP
	(( $1 == 0 )) && RI_STATUS=$ST_NOSTATUS && [ -n "$RI_GUEST" ] && ri_guest_code "$RI_GUEST"
	return 0
}

# ri_exit_line: passes the console through; the last EXIT line's status goes
# to $RI_TMP/guest. awk is linear on any line length; a status of 10 digits
# or more, which awk would print as a float, is none.
ri_exit_line() {
	awk -v f="$RI_TMP/guest" '{ print; fflush() }
		/^EXIT: STATUS=[0-9]+\r?$/ && match($0, /[0-9]+/) && RLENGTH < 10 { st = substr($0, 14) + 0 }
		END { if (st != "") print st > f }'
}

# ri_start CMD...: CMD under timeout(1) (--foreground: Ctrl-C reaches QEMU),
# stderr copied to $RI_TMP/stderr. Sets RI_PID (timeout's) and RI_PIPES.
ri_start() {
	local err con=1
	exec {err}> >(tee -- "$RI_TMP/stderr" >&2)
	RI_PIPES=$!
	if [ "$AT_EXIT" = exit-line ]; then
		hash awk 2>/dev/null || run_die "no awk to read the guest's EXIT line; on Debian: apt-get install mawk"
		exec {con}> >(ri_exit_line)
		RI_PIPES+=" $!"
	fi
	timeout --foreground --verbose -k 1 "$RI_TIMEOUT" "$@" 0<&0 1>&"$con" 2>&"$err" &
	RI_PID=$!
	exec {err}>&-
	[ "$con" = 1 ] || exec {con}>&-
}

# ri_end SIG: SIG came while QEMU ran: clean up, then die of SIG.
ri_end() {
	trap - "$1"
	# shellcheck disable=SC2086 # pids, the watch's empty for a migration
	kill -TERM "$RI_PID" $RI_WATCH 2>/dev/null
	# shellcheck disable=SC2086 # pids
	wait "$RI_PID" $RI_WATCH $RI_PIPES 2>/dev/null
	rm -rf -- "$RI_TMP"
	echo "${RI_NAME}: interrupted: SIG$1" >&2
	kill -"$1" "$BASHPID"
}

# run_image IMAGE [QEMU options...]: IMAGE's status (docs/architecture.md's
# table); QEMU, ACCEL, MACHINE, CPU, FIRMWARE, TIMEOUT, TARGET and MIGRATION
# from the environment. It sets traps: run it in a process of its own.
run_image() {
	local a raw sig
	RI_IMAGE=$1 RI_USER=("${@:2}")
	RI_NAME=${RI_NAME:-${0##*/}} RI_TIMEOUT=${TIMEOUT:-0} RI_ARGS=() RI_LINKS=0 RI_GUEST=""
	duration_check "$RI_TIMEOUT"
	ri_image_check "$RI_IMAGE"
	qemu_setup
	RI_TMP=$(mktemp -d "${TMPDIR:-/tmp}/kut-run.XXXXXX" 2>&1) ||
		run_die "cannot create a directory in ${TMPDIR:-/tmp}: ${RI_TMP##*: }"
	for sig in INT TERM HUP QUIT; do
		# shellcheck disable=SC2064 # the signal is known now
		trap "ri_end $sig" "$sig"
	done
	trap 'rm -rf -- "$RI_TMP"' EXIT
	if [[ " ${RI_USER[*]} " != *" -initrd "* ]]; then
		ri_environ "$RI_TMP/environ"
		[ -n "$REPLY" ] && RI_USER+=(-initrd "$REPLY")
	fi
	"ri_hook_$AT_LIB_DIR"
	RI_CMD=("$QEMU" -nodefaults -accel "$ACCEL" "${RI_ARGS[@]}" -no-reboot -kernel "$RI_IMAGE" "${RI_USER[@]}")
	print_command "${RI_CMD[@]}"
	RI_WATCH=""
	if [ "${MIGRATION:-}" = yes ]; then
		MIG_TMPDIR=$RI_TMP MIG_REASON_FILE=$RI_TMP/migration ri_start "$SRCDIR/scripts/migrate.bash" "${RI_CMD[@]}"
	else
		# The monitor is plumbing: the printed command works without it.
		mkfifo -m 600 "$RI_TMP/qmp.in" "$RI_TMP/qmp.out" || run_die "cannot create the QMP FIFOs in $RI_TMP"
		RI_CMD+=(-chardev "pipe,id=kut-qmp,path=${RI_TMP//,/,,}/qmp" -mon chardev=kut-qmp,mode=control
			-action panic=pause)
		case ${TARGET:-qemu} in
		qemu) ri_start "${RI_CMD[@]}" ;;
		bochs)
			# shellcheck source=scripts/bochs.bash
			source "$SRCDIR/scripts/bochs.bash" && ri_target_bochs ;;
		*) run_die "TARGET=$TARGET: the targets are qemu and bochs" ;;
		esac
		ri_watch "$RI_PID" &
		RI_WATCH=$!
	fi
	wait "$RI_PID"
	raw=$?
	# No process of the run (the watch, tee, the filter) outlives it.
	# shellcheck disable=SC2086 # pids
	{ kill $RI_WATCH; wait $RI_WATCH $RI_PIPES; } 2>/dev/null
	trap - INT TERM HUP QUIT
	[ -f "$RI_TMP/guest" ] && read -r RI_GUEST < "$RI_TMP/guest"
	a=""
	[ -f "$RI_TMP/result" ] && read -r a < "$RI_TMP/result"
	[ -f "$RI_TMP/migration" ] && a=migration
	# 137 with timeout(1)'s --verbose line: QEMU needed the SIGKILL.
	(( raw == 128 + 9 )) && [ "$a" != hung ] && [[ $(tail -n 3 -- "$RI_TMP/stderr") == *"sending signal KILL"* ]] &&
		raw=$ST_TIMEOUT
	if (( raw == ST_TIMEOUT )) && [ "$a" != hung ]; then
		echo "${RI_NAME}: timeout: QEMU ended after TIMEOUT=$RI_TIMEOUT"
		return "$ST_TIMEOUT"
	fi
	case $a in
	hung) raw=0 ;;
	?*)
		ri_stop_reason "$a"
		# Unindented and last, so the runner quotes it as the cause.
		echo "STOPPED: $REPLY"
		return "$ST_STOPPED" ;;
	esac
	"ri_status_$AT_EXIT" "$raw"
	return "$RI_STATUS"
}

# run_image_main TEST_DIR DEFAULT ARGS...: the body of TEST_DIR/run. The arch
# is config.mak's when its tests are in TEST_DIR (x86_64 or i386, arm64 or
# arm, ppc64 or ppc64le), else DEFAULT (e.g. without config.mak).
run_image_main() {
	config_load "$SRCDIR/config.mak" optional
	arch_lookup "${CONFIG[ARCH]:-}" 2>/dev/null && [ "$AT_TEST_DIR" = "$1" ] || arch_load "$2"
	(( $# > 2 )) || run_die "usage: $1/run IMAGE [QEMU options...]"
	shift 2
	# A guest's output is bytes; bash handles them faster without a locale.
	LC_ALL=C
	run_image "$@"
	exit
}
