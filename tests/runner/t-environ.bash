# SPDX-License-Identifier: GPL-2.0-only
# The default environ and errata.txt: versions, errata for several host
# kernels, ERRATA_FORCE, the user's file, and errors.

# gen OUTFILE VAR=VALUE...: runs environ_lines in a clean subshell and
# writes its lines to OUTFILE.
gen()
{
	local out=$1
	shift
	(
		unset ACCEL QEMU ERRATATXT ERRATA_FORCE DEFAULT_ENVIRON UNITTESTS_ENV
		# shellcheck disable=SC2163
		export "$@"
		# shellcheck source=scripts/environ.bash
		. "$REPO/scripts/environ.bash"
		environ_lines || exit
		printf '%s\n' "${ENVIRON_LINES[@]}" > "$out"
	) 2> "$WS/gen.err"
	record
}

t_environ_errata()
{
	ws_new
	cat > "$WS/errata.txt" <<'EOF2'
# header comment
0123456789ab:4.19:old fix

abcdef012345:5.10.20:mid fix
fedcba987654:6.2:new fix
EOF2
	local -a common=(QEMU="$TESTS_DIR/fake/qemu" ACCEL=kvm ERRATATXT="$WS/errata.txt")
	gen "$WS/e1" "${common[@]}" HOST_KERNEL_RELEASE=5.10.20-1-amd64
	ok "environ: exit 0" status_is 0
	ok "QEMU_ACCEL" line "$WS/e1" "QEMU_ACCEL=kvm"
	ok "QEMU_VERSION_STRING" line "$WS/e1" "QEMU_VERSION_STRING=QEMU emulator version 8.1.3 (fake)"
	ok "QEMU_MAJOR/MINOR/MICRO" test "$(grep -E '^QEMU_(MAJOR|MINOR|MICRO)=' "$WS/e1" | tr '\n' ' ')" = "QEMU_MAJOR=8 QEMU_MINOR=1 QEMU_MICRO=3 "
	ok "KERNEL_VERSION_STRING" line "$WS/e1" "KERNEL_VERSION_STRING=5.10.20-1-amd64"
	ok "KERNEL_* parts" test "$(grep -E '^KERNEL_[A-Z]+=' "$WS/e1" | tr '\n' ' ')" = \
		"KERNEL_VERSION=5 KERNEL_PATCHLEVEL=10 KERNEL_SUBLEVEL=20 KERNEL_EXTRAVERSION=-1-amd64 "
	ok "5.10.20 has the 4.19 fix" line "$WS/e1" "ERRATA_0123456789ab=y"
	ok "5.10.20 has the 5.10.20 fix" line "$WS/e1" "ERRATA_abcdef012345=y"
	ok "5.10.20 lacks the 6.2 fix" line "$WS/e1" "ERRATA_fedcba987654=n"
	ok "no ERRATA_FORCE under kvm" lacks "$WS/e1" "^ERRATA_FORCE"

	gen "$WS/e2" "${common[@]}" HOST_KERNEL_RELEASE=5.10.19
	ok "5.10.19 lacks the 5.10.20 fix" line "$WS/e2" "ERRATA_abcdef012345=n"
	ok "5.10.19 has the 4.19 fix" line "$WS/e2" "ERRATA_0123456789ab=y"
	gen "$WS/e3" "${common[@]}" HOST_KERNEL_RELEASE=4.4.0
	ok "4.4 lacks every fix" test "$(grep -c '^ERRATA_.*=n$' "$WS/e3")" = 3
	gen "$WS/e4" "${common[@]}" HOST_KERNEL_RELEASE=6.10-rc1
	ok "6.10-rc1 has every fix" test "$(grep -c '^ERRATA_.*=y$' "$WS/e4")" = 3
	ok "6.10-rc1 parts" line "$WS/e4" "KERNEL_EXTRAVERSION=-rc1"

	gen "$WS/e5" "${common[@]}" HOST_KERNEL_RELEASE=4.4.0 ACCEL=tcg
	ok "ERRATA_FORCE=y under tcg" line "$WS/e5" "ERRATA_FORCE=y"
	gen "$WS/e6" "${common[@]}" HOST_KERNEL_RELEASE=4.4.0 ERRATA_FORCE=y
	ok "ERRATA_FORCE=y when asked (-a)" line "$WS/e6" "ERRATA_FORCE=y"

	printf '# mine\nFOO=bar\nERRATA_fedcba987654=y\nERRATA_FORCE=n\n' > "$WS/user.env"
	gen "$WS/e7" "${common[@]}" HOST_KERNEL_RELEASE=4.4.0 UNITTESTS_ENV="$WS/user.env"
	ok "the user's file is added" line "$WS/e7" "FOO=bar"
	ok "the user's keys win" test "$(grep -c '^ERRATA_fedcba987654=' "$WS/e7")" = 1
	ok "the user's value is the one" line "$WS/e7" "ERRATA_fedcba987654=y"
	gen "$WS/e8" "${common[@]}" HOST_KERNEL_RELEASE=4.4.0 UNITTESTS_ENV="$WS/user.env" ERRATA_FORCE=y
	ok "-a beats the user's ERRATA_FORCE" test "$(grep '^ERRATA_FORCE=' "$WS/e8")" = "ERRATA_FORCE=y"

	gen "$WS/e9" "${common[@]}" DEFAULT_ENVIRON=no
	ok "DEFAULT_ENVIRON=no and no user file: nothing (1)" status_is 1
	gen "$WS/e10" "${common[@]}" DEFAULT_ENVIRON=no UNITTESTS_ENV="$WS/user.env"
	ok "DEFAULT_ENVIRON=no: the user's file alone" test "$(cat "$WS/e10")" = "FOO=bar
ERRATA_fedcba987654=y
ERRATA_FORCE=n"

	printf '0123456789ab:4.19:ok\nxyz:1.0:bad\n' > "$WS/bad-errata.txt"
	gen "$WS/e11" "${common[@]}" ERRATATXT="$WS/bad-errata.txt"
	ok "bad errata.txt: status 2" status_is 2
	ok "bad errata.txt: file and line" has "$WS/gen.err" "bad-errata.txt:2: expected <12-hex commit>"

	# Through the runner: the environ reaches the guest, and errors stop it.
	cfg <<'EOF2'
[env]
file = environ.flat
EOF2
	HOST_KERNEL_RELEASE=5.10.19 runner
	ok "runner passes the environ with -initrd" line "$WS/logs/env.log" "ERRATA_abcdef012345=n"
	ok "the real errata.txt parses" "$BASH" -c ". '$REPO/scripts/environ.bash'; environ_errata '$REPO/errata.txt' 6.1"
	ERRATATXT=$WS/bad-errata.txt runner
	ok "runner: bad errata.txt: exit 2" status_is 2
	ok "runner: bad errata.txt: named" has "$ERR" "bad-errata.txt:2:"
	sed -i 's/^DEFAULT_ENVIRON=.*/DEFAULT_ENVIRON=no/' "$WS/config.mak"
	runner
	ok "DEFAULT_ENVIRON=no in config.mak: no -initrd" lacks "$WS/logs/env.log" "initrd"
}
