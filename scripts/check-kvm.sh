#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# check-kvm.sh - the KVM leg of `make check`: does the framework drive KVM
# right? It checks the plumbing with real QEMU under KVM (the accelerator
# chosen by default, the CPU model and firmware options, every exit status,
# the verdict on a VM that KVM or the guest stopped), then runs the arch's
# suite under KVM and shows its lines as information: a hypervisor that fails
# a test is the hypervisor's failure, not the framework's, so those results do
# not count. What the suite's run must hold all the same, because the
# framework owns it: every line that is not a PASS names its cause. Skipped when KVM is not usable for the configured arch.
set -u
cd "$(dirname "$0")/.." || exit 2

EXPECT_NAME=kvm
# shellcheck source=tests/host/expect.bash
source tests/host/expect.bash
out=$EXPECT_OUT

arch=$(sed -n 's/^ARCH=//p' config.mak 2>/dev/null)
test_dir=$(sed -n 's/^TEST_DIR=//p' config.mak 2>/dev/null)
# KVM runs the arch's guests on the hosts its row of scripts/arch.tbl names.
# shellcheck source=scripts/arch-table.bash
source scripts/arch-table.bash
host_ok=""
if [ -n "$arch" ] && arch_lookup "$arch" && [[ ,$AT_KVM_HOSTS, == *",$(uname -m),"* ]]; then
	host_ok=yes
fi
dev=${KVM_DEVICE:-/dev/kvm}
if [ -z "$host_ok" ] || [ ! -c "$dev" ] || [ ! -r "$dev" ] || [ ! -w "$dev" ]; then
	echo "SKIP: kvm leg: KVM is not usable here for ${arch:-an unconfigured tree} (host $(uname -m), $dev)"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
fi
echo "kvm leg: $dev is usable for $arch guests"

# The default accelerator is KVM when it is usable: no ACCEL at all here.
unset ACCEL
run=$test_dir/run
case $arch in
x86_64)
	img=x86/selftest.flat
	expect 0 ' -accel kvm ' "with no ACCEL the run script picks KVM" -- "$run" "$img" -append exit=0
	# The guest reading its environ is checked under TCG; here, what it is given.
	environ=$(sed -n "1s/.* -initrd \([^ ]*\).*/\1/p" "$out")
	if [ -n "$environ" ] && grep -qx 'QEMU_ACCEL=kvm' "$environ"; then
		expect_ok "the guest's environ ($environ) says QEMU_ACCEL=kvm"
	else
		expect_bad "the guest's environ (-initrd '${environ:-none}') does not say QEMU_ACCEL=kvm"
	fi
	expect 0 'qboot\.rom' "the default firmware is qboot" -- env ACCEL=kvm "$run" "$img" -append exit=0
	expect 0 '^[^ ]*qemu-system-x86_64 ' "FIRMWARE=seabios boots through SeaBIOS" -- \
		env ACCEL=kvm FIRMWARE=seabios "$run" "$img" -append exit=0
	grep -q 'qboot' "$out" && expect_bad "FIRMWARE=seabios still passed qboot"
	expect 0 ' -cpu kvm64 ' "CPU=kvm64 reaches QEMU" -- env ACCEL=kvm CPU=kvm64 "$run" "$img" -append exit=0
	expect 5 '' "exit(5) comes through" -- env ACCEL=kvm "$run" "$img" -append exit=5
	expect 77 '' "exit(77) is a skip" -- env ACCEL=kvm "$run" "$img" -append exit=77
	expect 1 '' "exit(200) is a failure" -- env ACCEL=kvm "$run" "$img" -append exit=200
	expect 64 'assert failed' "a failed assert aborts with 64" -- env ACCEL=kvm "$run" "$img" -append assert
	expect 3 '' "a triple fault is no status" -- env ACCEL=kvm "$run" "$img" -append triple-fault
	expect 124 '' "a hung guest is killed at TIMEOUT" -- env ACCEL=kvm TIMEOUT=3 "$run" "$img" -append hang
	expect 120 '^STOPPED: guest panic reported to QEMU$' "a guest panic ends the run at once, with its reason" -- \
		env ACCEL=kvm TIMEOUT=20 "$run" "$img" -device pvpanic -append panic
	# int3 with a handler: a correct KVM passes; one that cannot deliver it
	# stops the VM, and then the verdict must name KVM's error, never time out.
	expect_int3() {
		local st
		env ACCEL=kvm TIMEOUT=20 "$run" "$img" > "$out" 2>&1
		st=$?
		if [ "$st" -eq 0 ]; then
			expect_ok "the selftest, int3 included, passes under this KVM"
		elif [ "$st" -eq 120 ] && grep -qE '^STOPPED: KVM internal error' "$out"; then
			expect_ok "this KVM stops the VM in the selftest: reported as '$(tail -n 1 "$out")'"
		else
			expect_bad "the selftest under KVM ended with status $st, neither a pass nor a named KVM stop"
		fi
	}
	expect_int3
	;;
arm64)
	expect 0 ' -accel kvm ' "with no ACCEL the run script picks KVM" -- "$run" arm/exit.flat
	expect 0 ' -cpu host ' "the guest gets the host's CPU" -- env ACCEL=kvm "$run" arm/exit.flat
	expect 64 '' "an unexpected exception aborts with 64" -- env ACCEL=kvm "$run" arm/selftest.flat -append unexpected
	;;
esac

# The suite under KVM, as information. A test that hangs under this KVM is
# the hypervisor's result too (a software KVM hangs some of them), so each
# test gets 30 s, not its cfg's minutes, and a TIMEOUT line, like any other
# line that is not a PASS, must only name its cause. The plumbing above is
# what checks that the framework itself stops hung guests.
logs=build/kvm-logs
rm -rf "$logs" "$logs.old"
ACCEL=kvm TIMEOUT=30s LOG_DIR=$logs ./run_tests.sh > "$out" 2>&1
st=$?
sed 's/^/kvm leg: info: /' "$out"
if grep -E '^(FAIL|CRASH|SKIP|TIMEOUT) ' "$out" | grep -vqE '\(.+\)$'; then
	expect_bad "a line of the suite under KVM does not name its cause"
else
	expect_ok "every line of the suite under KVM that is not a PASS names its cause"
fi
echo "kvm leg: the hypervisor's own results above are information (run_tests.sh exit status $st)"
expect_end
