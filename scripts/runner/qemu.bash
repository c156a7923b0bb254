# SPDX-License-Identifier: GPL-2.0-only
# The runner's view of QEMU, all of it from the run scripts' shared code
# (scripts/arch-qemu.bash, part of the one QEMU authority, with the arch's
# row of scripts/arch.tbl): which binary and accelerator, what the binary offers,
# and whether it can run this arch's tests at all.

declare -g QEMU_VERSION_STRING='' QEMU_MACHINES='' QEMU_DEVICES='' ACCEL_NAME='' ACCEL_AUTO=''

# qemu_resolve ARCH: QEMU, ACCEL, ACCEL_NAME, ACCEL_AUTO and the AT_* row of
# ARCH, through the run scripts' own code; a problem stops the run (exit 2).
qemu_resolve()
{
	# shellcheck disable=SC2034 # read by arch-qemu.bash
	local SRCDIR=$RUNNER_SRCDIR
	# shellcheck source=scripts/arch-qemu.bash
	declare -F resolve_qemu_and_accel > /dev/null || . "$RUNNER_SRCDIR/scripts/arch-qemu.bash"
	arch_load "$1"
	resolve_qemu_and_accel
}

# qemu_check_needs ARCH: a QEMU without the arch's devices cannot run any test.
qemu_check_needs()
{
	local dev
	for dev in ${AT_DEVICES//,/ }; do
		word_in "$dev" "$QEMU_DEVICES" ||
			runner_die "$QEMU ($QEMU_VERSION_STRING) has no '$dev' device, which $1 tests need"
	done
	if [[ -n $MACHINE && -n $QEMU_MACHINES ]] && ! word_in "$MACHINE" "$QEMU_MACHINES"; then
		runner_die "MACHINE=$MACHINE: $QEMU has no such machine (see '$QEMU -machine help')"
	fi
}
