# SPDX-License-Identifier: GPL-2.0-only
# Options, environment and the exit status for usage and setup errors.

t_usage_errors()
{
	ws_new
	cfg <<'EOF2'
[pass]
file = pass.flat
EOF2
	runner --bogus
	ok "unknown option: exit 2" status_is 2
	ok "unknown option: named" has "$ERR" "unknown option '--bogus'"
	runner -j 0
	ok "bad -j: exit 2" status_is 2
	runner -j
	ok "-j without a value: exit 2" status_is 2
	runner -h
	ok "-h: exit 0" status_is 0
	ok "-h: usage" has "$OUT" "^Usage: run_tests.sh"
	rm "$WS/config.mak"
	runner
	ok "no config.mak: exit 2" status_is 2
	ok "no config.mak: says so" has "$ERR" "no config.mak in .*run ./configure first"
	ws_new
	cfg <<'EOF2'
[pass]
file = pass.flat
EOF2
	in_ws env QEMU=qemu-system-nonesuch "$REPO/run_tests.sh"
	ok "missing QEMU: exit 2" status_is 2
	ok "missing QEMU: names binary and package" has "$ERR" "'qemu-system-nonesuch' not found; on Debian: apt-get install qemu-system-x86"
	mkdir "$WS/bin"
	ln -s "$(command -v awk)" "$WS/bin/"
	in_ws env PATH="$WS/bin" "$BASH" "$REPO/run_tests.sh"
	ok "default QEMU name from ARCH" has "$ERR" "'qemu-system-x86_64' not found"
	ACCEL=kvm runner
	ok "ACCEL=kvm without KVM: exit 2" status_is 2
	ok "ACCEL=kvm without KVM: clear error" has "$ERR" "ACCEL=kvm, but KVM is not usable here: KVM cannot run x86_64 guests"
	ACCEL=hvf runner
	ok "unknown ACCEL: exit 2" status_is 2
	TIMEOUT=soon runner
	ok "bad TIMEOUT: exit 2" status_is 2
	MACHINE=nosuchboard runner
	ok "MACHINE that QEMU lacks: exit 2" status_is 2
}

# TIMEOUT overrides the cfg's timeout for every test.
t_timeout_override()
{
	ws_new
	cfg <<'EOF2'
[hang]
file = hang.flat
timeout = 60
[pass]
file = pass.flat
timeout = 5m
EOF2
	local start=$EPOCHREALTIME
	TIMEOUT=1 runner
	ok "TIMEOUT=1 beats the cfg's 60" line "$OUT" "TIMEOUT hang (1s)"
	ok "the run goes on after a timeout" line "$OUT" "PASS pass (2 tests)"
	ok "TIMEOUT reaches the run script" has "$WS/logs/pass.log" "timeout=1 "
	ok "killed in about 1s" awk -v a="${start/,/.}" -v b="${EPOCHREALTIME/,/.}" 'BEGIN { exit !(b - a < 6) }'
	runner pass
	ok "without TIMEOUT the cfg's timeout is used" has "$WS/logs/pass.log" "timeout=5m "
}

# The kvm paths, with a stand-in /dev/kvm.
t_accel()
{
	ws_new
	cfg <<'EOF2'
[any]
file = environ.flat
[kvmonly]
file = pass.flat
accel = kvm
[tcgonly]
file = environ.flat
accel = tcg
[tcgprops]
file = pass.flat
accel = tcg,thread=single
EOF2
	: > "$WS/kvm"
	KVM_DEVICE=$WS/kvm runner
	ok "kvm when /dev/kvm is usable" has "$WS/logs/any.log" "accel=kvm "
	ok "environ says kvm" line "$WS/logs/any.log" "QEMU_ACCEL=kvm"
	ok "no ERRATA_FORCE under kvm" lacks "$WS/logs/any.log" "ERRATA_FORCE"
	ok "accel = kvm runs under kvm" line "$OUT" "PASS kvmonly (2 tests)"
	ok "accel = tcg still runs, under tcg" has "$WS/logs/tcgonly.log" "accel=tcg "
	ok "its environ forces errata (tcg)" line "$WS/logs/tcgonly.log" "ERRATA_FORCE=y"
	ok "accel properties reach the run script" has "$WS/logs/tcgprops.log" "accel=tcg,thread=single "
	KVM_DEVICE=$WS/kvm ACCEL=tcg runner
	ok "ACCEL=tcg overrides" has "$WS/logs/any.log" "accel=tcg "
	ok "ACCEL=tcg skips accel = kvm" line "$OUT" "SKIP kvmonly (accel: needs kvm, running under tcg)"
	KVM_DEVICE=$WS/kvm ACCEL=kvm runner
	ok "ACCEL=kvm skips accel = tcg" line "$OUT" "SKIP tcgonly (accel: needs tcg, running under kvm)"
	KVM_DEVICE=$WS/kvm runner -a any
	ok "-a sets ERRATA_FORCE=y" line "$WS/logs/any.log" "ERRATA_FORCE=y"
	runner
	ok "no kvm: tcg" has "$WS/logs/any.log" "accel=tcg "
	sed -i 's/^ARCH=.*/ARCH=arm64/' "$WS/config.mak"
	image "$WS/fake/environ.flat" 183 < "$TESTS_DIR/images/environ.flat"
	KVM_DEVICE=$WS/kvm runner
	ok "no kvm for a foreign arch" has "$WS/logs/any.log" "accel=tcg "
}
