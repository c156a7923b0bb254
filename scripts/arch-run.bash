# arch-run.bash - shared by every ARCH/run script: find QEMU, choose the
# accelerator, run one image with a timeout, and turn what QEMU's exit
# status carries into the one status table of docs/architecture.md.
# Sourced, not run; the caller sets ARCH_QEMU_BIN, ARCH_QEMU_PKG and
# ARCH_KVM_HOSTS (host `uname -m` values on which KVM can run the guest).

# Statuses of docs/architecture.md that the run scripts produce themselves.
# shellcheck disable=SC2034 # ST_NOSTATUS is for the arch decoders
readonly ST_SETUP=2 ST_NOSTATUS=3 ST_TIMEOUT=124

run_die() {
	echo "${0##*/}: $*" >&2
	exit "$ST_SETUP"
}

# config.mak value for KEY (empty when absent); config.mak is read, never sourced.
config_get() {
	local key=$1 line
	[ -f "$SRCDIR/config.mak" ] || return 0
	while IFS= read -r line; do
		if [ "${line%%=*}" = "$key" ]; then
			echo "${line#*=}"
			return 0
		fi
	done < "$SRCDIR/config.mak"
}

# KVM_DEVICE lets the framework's own tests point at a device that is not there.
kvm_usable() {
	local host dev=${KVM_DEVICE:-/dev/kvm}
	host=$(uname -m)
	[ -c "$dev" ] && [ -r "$dev" ] && [ -w "$dev" ] || return 1
	case " $ARCH_KVM_HOSTS " in *" $host "*) return 0 ;; esac
	return 1
}

# Sets QEMU (the binary) and ACCEL, or dies with what to install or change.
resolve_qemu_and_accel() {
	local bin=${QEMU:-$ARCH_QEMU_BIN}
	if ! QEMU=$(command -v "$bin"); then
		run_die "QEMU binary '$bin' not found; on Debian: apt-get install $ARCH_QEMU_PKG (or set QEMU=/path/to/qemu)"
	fi
	case "${ACCEL:-}" in
	"") if kvm_usable; then ACCEL=kvm; else ACCEL=tcg; fi ;;
	kvm | kvm,*)
		kvm_usable || run_die "ACCEL=kvm, but KVM is not usable here (no read/write /dev/kvm, or host $(uname -m) cannot run this guest); use ACCEL=tcg"
		;;
	tcg | tcg,* | hvf | hvf,*) ;;
	*) run_die "ACCEL='$ACCEL' is not one of kvm, tcg, hvf" ;;
	esac
	export QEMU ACCEL
}

# Was -initrd among the user's QEMU options?
has_initrd() {
	local a
	for a in "$@"; do
		[ "$a" = -initrd ] && return 0
	done
	return 1
}

# The default environ file for -initrd, when configured and the user gave none.
# Sets ENVIRON_FILE (empty when none); the caller removes it.
make_default_environ() {
	ENVIRON_FILE=""
	[ "$(config_get DEFAULT_ENVIRON)" = no ] && return 0
	[ -f "$SRCDIR/scripts/environ.bash" ] || return 0
	# shellcheck source=/dev/null
	source "$SRCDIR/scripts/environ.bash"
	ENVIRON_FILE=$(mktemp "${TMPDIR:-/tmp}/kut-environ.XXXXXX")
	environ_generate "$ENVIRON_FILE"
	case $? in
	0) ;;
	1) rm -f "$ENVIRON_FILE"; ENVIRON_FILE="" ;;
	*) rm -f "$ENVIRON_FILE"; run_die "could not build the default environ (see above)" ;;
	esac
}

# Map QEMU's raw exit status to the status table. Decoding of the guest's
# own value is arch specific: the caller passes a function for it.
#   $1: raw status, $2: decoder function name (prints the status, or nothing)
map_status() {
	local raw=$1 decode=$2 st
	if [ "$raw" -eq "$ST_TIMEOUT" ]; then
		echo "$ST_TIMEOUT"
		return
	fi
	st=$("$decode" "$raw")
	echo "${st:-$raw}"
}

# Print a command line that can be pasted back into a shell: words that
# need it are single-quoted, the rest are left alone for readability.
print_command() {
	local a out=""
	for a in "$@"; do
		if [[ $a =~ ^[A-Za-z0-9_./,=:+@%-]+$ ]]; then
			out+="$a "
		else
			out+="'${a//\'/\'\\\'\'}' "
		fi
	done
	echo "${out% }"
}

# Run QEMU with the arguments given; print the command line first.
#   run_qemu ARGS...  -> exits with the mapped status
run_qemu() {
	local raw cmd=("$QEMU" "$@")
	if [ -n "${TIMEOUT:-}" ] && [ "$TIMEOUT" != 0 ]; then
		cmd=(timeout -k 1s "$TIMEOUT" "${cmd[@]}")
	fi
	print_command "${cmd[@]}"
	"${cmd[@]}"
	raw=$?
	[ -n "${ENVIRON_FILE:-}" ] && rm -f "$ENVIRON_FILE"
	exit "$(map_status "$raw" decode_exit_status)"
}
