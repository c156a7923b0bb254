# SPDX-License-Identifier: GPL-2.0-only
# stop-watch.bash - ends a run whose VM QEMU has stopped for good, or whose
# time (TIMEOUT) is up. Sourced by arch-run.bash.
#
# When KVM cannot go on (an internal error, an emulation failure) or the guest
# reports a panic, QEMU pauses the VM and waits for a human: the run would
# then sit until its timeout with the cause buried in the log. Every run
# therefore gets a QMP monitor on a pair of FIFOs; a background bash reader
# asks for the VM's state whenever QEMU announces a STOP event, and on a state
# no guest comes back from it records the state and tells QEMU to quit. The
# run script then reports status ST_STOPPED with the reason, read from the
# state and from what QEMU wrote on stderr (kept in a file for that).
#
# States that end a run: the VM cannot run again by itself. "paused" and
# "debug" are left alone: a user with a monitor or gdb stopped it on purpose.
# A shutdown ends the run by itself; see shutdown_grace for when it does not.
#
# The same reader enforces TIMEOUT, as timeout(1) -k 1s would but without a
# process of its own: when the time is up, QEMU gets SIGTERM, then SIGKILL
# if it is still there a second later, and the run script reports
# ST_TIMEOUT.

# STOP_REASON and STOP_QEMU_ARGS are for the run script that sources this.
# shellcheck disable=SC2034
STOP_DIR="" STOP_WATCH_PID="" STOP_REASON="" STOP_QEMU_ARGS=() STOP_KILLED="" STOP_TIMED_OUT=""
# The run's time in microseconds, empty for none (stop_watch_timeout sets it).
STOP_TIMEOUT_US=""

# stop_watch_timeout DURATION: sets STOP_TIMEOUT_US from a timeout(1)
# duration (90, 90s, 1.5m, 2h, 1d; 0 for none), or fails. At most 7 digits
# before the point and 6 after, checked before any arithmetic.
stop_watch_timeout() {
	local d=$1 unit=s int frac mult
	STOP_TIMEOUT_US=""
	[[ $d == *[smhd] ]] && unit=${d: -1} d=${d%?}
	int=${d%%.*} frac=""
	[[ $d == *.* ]] && frac=${d#*.}
	[[ -n $int && $int != *[!0-9]* && ${#int} -le 7 && $frac != *[!0-9]* && ${#frac} -le 6 ]] || return 1
	[[ $d != *. ]] || return 1
	case $unit in
	s) mult=1 ;;
	m) mult=60 ;;
	h) mult=3600 ;;
	d) mult=86400 ;;
	esac
	frac=${frac}000000
	STOP_TIMEOUT_US=$(( (10#$int * 1000000 + 10#${frac:0:6}) * mult ))
	(( STOP_TIMEOUT_US )) || STOP_TIMEOUT_US=""
	return 0
}

# stop_watch_prepare: makes the FIFOs and sets STOP_QEMU_ARGS, the options
# that give QEMU the monitor. STOP_DIR is the prefix of the run's temporary
# files (a unique name in TMPDIR: mkfifo refuses one that exists, and it is
# the only program started here, since every run pays for it).
stop_watch_prepare() {
	local try
	for try in 1 2 3; do
		STOP_DIR=${TMPDIR:-/tmp}/kut-run.$$.$RANDOM
		mkfifo -m 600 "$STOP_DIR.qmp.in" "$STOP_DIR.qmp.out" 2>/dev/null && break
		rm -f "$STOP_DIR.qmp.in"
		STOP_DIR=""
	done
	[ -n "$STOP_DIR" ] || run_die "cannot create the QMP FIFOs in ${TMPDIR:-/tmp}"
	# A panic pauses the VM, so that the reader sees it like any other stop.
	# shellcheck disable=SC2054 # the commas are QEMU's
	STOP_QEMU_ARGS=(-chardev "pipe,id=kut-qmp,path=${STOP_DIR//,/,,}.qmp" -mon chardev=kut-qmp,mode=control
		-action panic=pause -pidfile "$STOP_DIR.pid")
}

# shutdown_grace: the guest shut the VM down, and QEMU exits by itself right
# after; the run script then kills this reader. QEMU 7.2 sometimes hangs
# instead, monitor and all (an s390x guest that stops its only CPU while the
# monitor starts): after a grace period it is killed, and the run goes on as
# if it had exited. No verdict of ours: the guest's status, or its absence,
# stands.
shutdown_grace() {
	local until=$((EPOCHSECONDS + 3)) line pid=""
	while (( EPOCHSECONDS < until )); do
		read -r -t 1 -u "$out" line
	done
	[ -f "$STOP_DIR.pid" ] && read -r pid < "$STOP_DIR.pid"
	[ -n "$pid" ] || return 0
	: > "$STOP_DIR.killed"
	kill -KILL "$pid" 2>/dev/null
}

# stop_watch_read LINE_VAR: the next line from QEMU's monitor; fails when
# the run's time is up first (never without a TIMEOUT).
stop_watch_read() {
	local left
	[ -n "$deadline" ] || { read -r -u "$out" "$1"; return; }
	while :; do
		left=$(( deadline - ${EPOCHREALTIME/[.,]/} ))
		(( left > 0 )) || return 1
		printf -v left '%d.%06d' $(( left / 1000000 )) $(( left % 1000000 ))
		read -r -t "$left" -u "$out" "$1" && return 0
	done
}

# stop_timeout: the time is up. QEMU writes its pidfile as it starts: one
# that has not yet is waited for.
stop_timeout() {
	local pid="" line until
	: > "$STOP_DIR.timeout"
	while [ -z "$pid" ]; do
		[ -f "$STOP_DIR.pid" ] && read -r pid < "$STOP_DIR.pid"
		[ -n "$pid" ] || read -r -t 0.1 -u "$out" line
	done
	kill -TERM "$pid" 2>/dev/null
	until=$(( ${EPOCHREALTIME/[.,]/} + 1000000 ))
	while (( ${EPOCHREALTIME/[.,]/} < until )); do
		read -r -t 0.2 -u "$out" line
	done
	kill -KILL "$pid" 2>/dev/null
}

# stop_watch_reader: the background reader. Both FIFOs are opened read-write,
# which never blocks, so a QEMU that fails to start cannot hang it; the run
# script kills it once QEMU is gone.
stop_watch_reader() {
	local in out line state deadline=""
	[ -n "$STOP_TIMEOUT_US" ] && deadline=$(( ${EPOCHREALTIME/[.,]/} + STOP_TIMEOUT_US ))
	exec {in}<>"$STOP_DIR.qmp.in" {out}<>"$STOP_DIR.qmp.out"
	# The first query catches a VM that stopped before the monitor was ready.
	printf '%s\n' '{"execute": "qmp_capabilities"}' '{"execute": "query-status"}' >&"$in"
	while :; do
		if ! stop_watch_read line; then
			stop_timeout
			return 0
		fi
		case $line in
		*'"event": "GUEST_PANICKED"'*)
			# Its "info" says why, where the arch gives it (s390x: the wait PSW).
			echo "$line" > "$STOP_DIR.panic"
			;;
		*'"event": "SHUTDOWN"'*)
			shutdown_grace
			return 0
			;;
		*'"event": "STOP"'*)
			printf '%s\n' '{"execute": "query-status"}' >&"$in"
			;;
		*'"return": {'*'"status": "'*)
			state=${line#*\"status\": \"}
			state=${state%%\"*}
			case $state in
			shutdown)
				shutdown_grace
				return 0
				;;
			internal-error | guest-panicked | io-error | suspended | watchdog)
				echo "$state" > "$STOP_DIR.state"
				printf '%s\n' '{"execute": "quit"}' >&"$in"
				return 0
				;;
			esac
			;;
		esac
	done
}

stop_watch_start() {
	stop_watch_reader &
	STOP_WATCH_PID=$!
}

# stop_reason STATE STDERR_FILE: the verdict's reason, in REPLY. For a KVM
# failure QEMU prints "KVM internal error. Suberror: N", what went wrong
# ("emulation failure") and a register dump with the instruction pointer.
stop_reason() {
	local state=$1 err=$2 line what="" pc=""
	while IFS= read -r line; do
		case $line in
		"KVM internal error. Suberror: "*) [ -n "$what" ] || what="suberror ${line##*: }" ;;
		"emulation failure") what=$line ;;
		"KVM: entry failed"* | "error: kvm run failed"*) what=$line ;;
		*RIP=*) [ -n "$pc" ] || { pc=${line#*RIP=}; pc="RIP 0x${pc%% *}"; } ;;
		*PC=*) [ -n "$pc" ] || { pc=${line#*PC=}; pc="PC 0x${pc%% *}"; } ;;
		*"PSW=mask "*) [ -n "$pc" ] || { pc=${line#*PSW=mask }; pc="PSW ${pc%% *}"; } ;;
		*NIP\ *) [ -n "$pc" ] || { pc=${line#*NIP }; pc="NIP 0x${pc%% *}"; } ;;
		esac
	done < "$err"
	# Leading zeros of the dumped pc say nothing.
	[[ $pc =~ ^([A-Z]+\ 0x)0*([0-9a-fA-F]+)$ ]] && pc=${BASH_REMATCH[1]}${BASH_REMATCH[2],,}
	case $state in
	internal-error) REPLY="KVM internal error${what:+: $what}${pc:+ at $pc}" ;;
	guest-panicked)
		REPLY="guest panic reported to QEMU"
		[ -f "${err%.stderr}.panic" ] && read -r line < "${err%.stderr}.panic"
		if [[ $line == *'"reason": "'* ]]; then
			what=${line#*\"reason\": \"}
			REPLY+=": ${what%%\"*}"
			if [[ $line == *'"psw-addr": '[0-9]* ]]; then
				pc=${line#*\"psw-addr\": }
				printf -v pc '%x' "${pc%%[!0-9]*}"
				REPLY+=" at PSW address 0x$pc"
			fi
		fi
		;;
	io-error) REPLY="the VM stopped on an I/O error" ;;
	suspended) REPLY="the guest suspended the VM" ;;
	watchdog) REPLY="the guest watchdog fired" ;;
	*) REPLY="the VM stopped ($state)" ;;
	esac
}

# stop_watch_end: stops the reader and, when it ended the VM, sets
# STOP_REASON. Removes the temporary files.
stop_watch_end() {
	local state=""
	STOP_REASON=""
	[ -n "$STOP_WATCH_PID" ] && kill "$STOP_WATCH_PID" 2>/dev/null && wait "$STOP_WATCH_PID" 2>/dev/null
	STOP_WATCH_PID=""
	[ -n "$STOP_DIR" ] || return 0
	[ -f "$STOP_DIR.state" ] && read -r state < "$STOP_DIR.state"
	STOP_KILLED="" STOP_TIMED_OUT=""
	# shellcheck disable=SC2034 # read by the run script
	[ -f "$STOP_DIR.killed" ] && STOP_KILLED=yes
	# shellcheck disable=SC2034 # read by the run script
	[ -f "$STOP_DIR.timeout" ] && STOP_TIMED_OUT=yes
	if [ -n "$state" ]; then
		stop_reason "$state" "$STOP_DIR.stderr"
		# shellcheck disable=SC2034 # read by the run script
		STOP_REASON=$REPLY
	fi
	# Nothing reads them any more: removed in the background, off the
	# path every run waits on.
	rm -f "$STOP_DIR".* &
	STOP_DIR=""
}
