# SPDX-License-Identifier: GPL-2.0-only
# bochs.bash - the second x86 target, TARGET=bochs (docs/x86-bochs.md): runs
# an x86 image on Bochs, whose Debian build emulates VMX, instead of QEMU.
# Sourced by run_image, which calls ri_target_bochs in place of ri_start with
# RI_CMD (the QEMU command it would have run), RI_TMP and RI_TIMEOUT set.
# Environment: BOCHS (the binary), BOCHS_CPU (a model of `bochs --help cpu`).

# "A && B || die" is meant (die when either fails); RI_PID, RI_PIPES and
# AT_EXIT are run_image's.
# shellcheck disable=SC2015,SC2034

BOCHS_PACKAGES="bochs bochsbios bochs-term vgabios grub-pc-bin xorriso mtools"

# bochs_grub_cfg NAME ARGV0 APPEND ENVIRON: grub.cfg on stdout; the image is
# /boot/NAME, ENVIRON (empty: none) is /boot/environ. GRUB leaves the file's
# name out of the command line, so ARGV0 comes first, as with QEMU's loader;
# GRUB splits words like sh, so @Q single-quotes each one.
bochs_grub_cfg() {
	local -a words
	read -r -a words <<< "$3"
	words=("$2" "${words[@]}")
	printf '%s\n' "set timeout=0" "set default=0" "menuentry test {" "	multiboot /boot/$1 ${words[*]@Q}"
	[ -n "$4" ] && printf '\t%s\n' "module /boot/environ environ"
	printf '%s\n' "	boot" "}"
}

# bochs_rc ISO SERIAL LOG MEGS CPUS MODEL: the bochsrc on stdout. A triple
# fault is a panic, as under QEMU's -no-reboot; an MSR Bochs lacks is a #GP,
# as on a CPU. Several CPUs boot with quantum=16 at 50 M instructions a
# second (docs/x86-bochs.md, "Speed").
bochs_rc() {
	cat <<-EOF
	megs: $4
	cpu: model=$6, count=$5, quantum=16, ips=50000000, reset_on_triple_fault=0, ignore_bad_msrs=0
	romimage: file=/usr/share/bochs/BIOS-bochs-latest
	vgaromimage: file=/usr/share/bochs/VGABIOS-lgpl-latest
	ata0-master: type=cdrom, path="$1", status=inserted
	boot: cdrom
	display_library: term
	com1: enabled=1, mode=file, dev="$2"
	sound: waveoutdrv=dummy, waveindrv=dummy, midioutdrv=dummy
	speaker: enabled=0
	log: "$3"
	panic: action=fatal
	error: action=report
	info: action=report
	debug: action=ignore
	EOF
}

# bochs_megs SIZE: QEMU's -m SIZE in MiB, in REPLY; 1 when it is not a size
# (Bochs takes at most 2 GiB: no T, and a size in KiB means nothing).
bochs_megs() {
	local s=${1#size=}
	[[ ${s%%,*} =~ ^([0-9]{1,9})([MmGg]?)$ ]] || return 1
	REPLY=${BASH_REMATCH[1]}
	[[ -z ${BASH_REMATCH[2]} || ${BASH_REMATCH[2]} == [Mm] ]] || REPLY=$(( REPLY * 1024 ))
}

# bochs_split_cmd ARGS...: from a QEMU command line, BX_IMAGE (-kernel),
# BX_APPEND, BX_INITRD, BX_MEGS and BX_CPUS, with QEMU's defaults.
bochs_split_cmd() {
	BX_IMAGE="" BX_APPEND="" BX_INITRD="" BX_MEGS=128 BX_CPUS=1
	while (( $# )); do
		case $1 in
		-kernel) BX_IMAGE=${2-} ;;
		-append) BX_APPEND=${2-} ;;
		-initrd) BX_INITRD=${2-} ;;
		-m) bochs_megs "${2-}" || run_die "TARGET=bochs: -m '${2-}' is not a memory size"; BX_MEGS=$REPLY ;;
		-smp)
			BX_CPUS=${2-}
			[[ $BX_CPUS == *cpus=* ]] && BX_CPUS=${BX_CPUS#*cpus=}
			BX_CPUS=${BX_CPUS%%,*} ;;
		*) shift; continue ;;
		esac
		shift 2
	done
	[[ $BX_CPUS =~ ^[1-9][0-9]?$ ]] || run_die "TARGET=bochs: -smp '$BX_CPUS' is not a CPU count from 1 to 99"
}

# bochs_environ IN OUT: IN's lines (IN may be empty) without QEMU's facts,
# then TARGET=bochs and NO_TEST_DEVICE=1 (no pc-testdev).
bochs_environ() {
	{
		[ -z "$1" ] || grep -av '^QEMU_\|^TARGET=\|^NO_TEST_DEVICE=' "$1"
		printf '%s\n' TARGET=bochs NO_TEST_DEVICE=1
	} > "$2"
}

# bochs_verdict LOG: what Bochs' log says ended the run, in REPLY:
# "shutdown", "reset" (a triple fault or reset), "panic: MESSAGE", or empty.
bochs_verdict() {
	REPLY=$(grep -a ">>PANIC<<" "$1" 2>/dev/null | tail -n 1)
	[ -z "$REPLY" ] || REPLY="panic: ${REPLY#*>>PANIC<< }"
	grep -qaE ">>PANIC<<.*with no resolution|RESET.*reset|system RESET" "$1" 2>/dev/null && REPLY=reset
	grep -qa "shutdown requested" "$1" 2>/dev/null && REPLY=shutdown
	return 0
}

# bochs_run DIR BOCHS: Bochs under timeout(1), its messages to DIR/bochs.out;
# the raw status run_image reads: 0 (the status is the guest's EXIT line, or
# a panic's reason in $RI_TMP/result), 124, 1 (Bochs refused to start), 128+N.
bochs_run() {
	local dir=$1 pid rc fd out err
	# Bash's notes on its jobs ("Killed ...") go nowhere, the run's words to err.
	exec {err}>&2 2>/dev/null
	timeout --verbose -k 1 "$RI_TIMEOUT" "$2" -q -f "$dir/bochsrc" -rc "$dir/cmds" < /dev/null > "$dir/bochs.out" 2>&1 &
	pid=$!
	# Bochs ignores SIGTERM: a second later the group timeout(1) made goes.
	trap 'kill -TERM $pid 2>/dev/null; sleep 1; kill -KILL -- -$pid 2>/dev/null' TERM
	wait "$pid" 2>/dev/null
	rc=$?
	while (( rc > 128 )) && kill -0 "$pid" 2>/dev/null; do
		wait "$pid" 2>/dev/null
		rc=$?
	done
	# A reader still waiting for Bochs to open the serial FIFO gets its EOF.
	exec {fd}<>"$dir/serial"
	exec {fd}>&-
	# timeout(1) exits 137 when Bochs needed the SIGKILL; --verbose tells.
	if (( rc == 124 || rc == 137 )) && grep -q "^timeout: sending signal" "$dir/bochs.out" 2>/dev/null; then
		return 124
	fi
	(( rc > 128 )) && return "$rc"
	bochs_verdict "$dir/bochs.log"
	case $REPLY in
	shutdown) return 0 ;;
	reset) echo "${RI_NAME}: TARGET=bochs: the guest reset the machine (triple fault)"; return 0 ;;
	panic:*) echo "Bochs ${REPLY:0:300}" > "$RI_TMP/result"; return 0 ;;
	esac
	if grep -q "fgets() returned ERROR" "$dir/bochs.out" 2>/dev/null; then
		# Bochs' debugger stopped (at a reset) and asked for a command.
		echo "${RI_NAME}: TARGET=bochs: the machine reset"
		return 0
	fi
	# Bochs' own reason follows this line of its banner; else its last lines that are not information.
	out=$(grep -A1 "Bochs is exiting with the following message" "$dir/bochs.out" 2>/dev/null | tail -n 1)
	[ -n "$out" ] || out=$(grep -av '^[0-9]*i\[\|^=*$' "$dir/bochs.out" | tail -n 3)
	echo "${RI_NAME}: TARGET=bochs: Bochs exited with status $rc without a shutdown: $out" >&"$err"
	return 1
}

# ri_target_bochs: starts the run on Bochs: RI_PID is the raw status' process,
# RI_PIPES the console's reader, which reads the guest's EXIT line.
ri_target_bochs() {
	local bochs=${BOCHS:-bochs} model=${BOCHS_CPU:-corei7_skylake_x} dir=$RI_TMP/bochs name env="" mk out
	[ "${AT_LIB_DIR:-x86}" = x86 ] || run_die "TARGET=bochs runs x86 images only, not $AT_NAME"
	bochs_split_cmd "${RI_CMD[@]}"
	if [[ $bochs != */* ]]; then
		bochs=$(type -P -- "$bochs") || run_die "TARGET=bochs: no bochs; on Debian: apt-get install $BOCHS_PACKAGES"
	fi
	mk=$(type -P grub-mkrescue) && type -P xorriso > /dev/null && type -P mformat > /dev/null ||
		run_die "TARGET=bochs: grub-mkrescue, xorriso or mformat missing; on Debian: apt-get install $BOCHS_PACKAGES"
	[ -f /usr/share/bochs/BIOS-bochs-latest ] && [ -f /usr/share/bochs/VGABIOS-lgpl-latest ] ||
		run_die "TARGET=bochs: no Bochs BIOS; on Debian: apt-get install bochsbios vgabios"
	mkdir -p "$dir/iso/boot/grub" || run_die "cannot create $dir"
	name=${BX_IMAGE##*/}
	name=${name//[!A-Za-z0-9._-]/_}
	cp -- "$BX_IMAGE" "$dir/iso/boot/$name" || run_die "TARGET=bochs: cannot copy $BX_IMAGE"
	if [ -n "$BX_INITRD" ] || [ "${DEFAULT_ENVIRON:-yes}" != no ]; then
		bochs_environ "$BX_INITRD" "$dir/iso/boot/environ"
		env=1
	fi
	bochs_grub_cfg "$name" "$BX_IMAGE" "$BX_APPEND" "$env" > "$dir/iso/boot/grub/grub.cfg"
	out=$(timeout 60 "$mk" -o "$dir/boot.iso" "$dir/iso" 2>&1) || run_die "TARGET=bochs: grub-mkrescue failed: ${out: -300}"
	mkfifo -m 600 "$dir/serial" || run_die "cannot create $dir/serial"
	bochs_rc "$dir/boot.iso" "$dir/serial" "$dir/bochs.log" "$BX_MEGS" "$BX_CPUS" "$model" > "$dir/bochsrc"
	echo c > "$dir/cmds"
	echo "TARGET=bochs: $bochs -q -f bochsrc (cpu $model, $BX_MEGS MiB, $BX_CPUS CPU): multiboot $BX_IMAGE $BX_APPEND"
	: > "$RI_TMP/stderr"
	AT_EXIT=exit-line
	ri_exit_line < "$dir/serial" &
	RI_PIPES=$!
	TERM=${TERM:-dumb} bochs_run "$dir" "$bochs" &
	RI_PID=$!
}
