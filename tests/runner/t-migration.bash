# SPDX-License-Identifier: GPL-2.0-only
# Migration tests through the runner, with real QEMU under TCG: a test of
# the group migration is migrated and passes, its log showing the
# destination; a destination that refuses the stream, a source killed
# mid-migration, a guest that never runs again, and SIGTERM to the runner
# during a migration each end with a verdict that says so, and no QEMU or
# temporary file is left. A wrapper around QEMU does the harm: it sees
# -incoming on a destination's command line.

# mig_wrapper WHAT: $WS/qemu, a QEMU that does WHAT to destinations
# (refuse: other RAM size; paused: -S; kill-source: SIGKILL the source).
mig_wrapper()
{
	local qemu
	qemu=$(type -P qemu-system-x86_64)
	cat > "$WS/qemu" <<EOF
#!/bin/bash
# A test QEMU: $1 for destinations.
case " \$* " in
*" -incoming "*) ;;
*) echo \$\$ > "$WS/source.pid"; exec "$qemu" "\$@" ;;
esac
case $1 in
refuse) exec "$qemu" "\$@" -m 512 ;;
paused) exec "$qemu" "\$@" -S ;;
kill-source) kill -KILL "\$(cat "$WS/source.pid")"; exec "$qemu" "\$@" ;;
esac
EOF
	chmod +x "$WS/qemu"
}

# mig_run [VAR=VALUE...]: the migration test through the runner, in the
# background with its pid in MIG_PID (mig_wait waits for it).
mig_run()
{
	printf '[mig]\nfile = migration.flat\nextra_params = -m 256\ngroups = migration\ntimeout = 60\n' > "$WS/mig.cfg"
	mkdir -p "$WS/tmp"
	set -m
	( cd "$REPO" && exec env "$@" RUNNER_TEST_MARK="$WS" ACCEL=tcg LOG_DIR="$WS/logs" TMPDIR="$WS/tmp" \
		"$REPO/run_tests.sh" --cfg "$WS/mig.cfg" ) > "$OUT" 2> "$ERR" < /dev/null &
	MIG_PID=$!
	set +m
}

mig_wait()
{
	wait "$MIG_PID"
	record
}

# mig_left WHAT: no process of the run and nothing in TMPDIR left.
mig_left()
{
	gone_within_3s "$1"
	ok "$1: nothing left in TMPDIR" test -z "$(ls -A "$WS/tmp")"
}

t_migration()
{
	if ! real_tree || [[ ! -f $REPO/x86/migration.flat ]]; then
		skip "migration: no x86_64 build with x86/migration.flat here, or no qemu-system-x86_64"
		return
	fi

	ws_new
	mig_run
	mig_wait
	ok "migration: the test passes" status_is 0
	ok "migration: PASS line" has "$OUT" "^PASS mig "
	ok "migration: the log shows a destination QEMU" has "$WS/logs/mig.log" "^migration: QEMU 1: .* -incoming unix:"
	ok "migration: the log shows continuous migration" has "$WS/logs/mig.log" "^migration: QEMU 3 -> 4 completed"
	mig_left "migration"

	# One image with MIGRATION=yes, and the test as a standalone script.
	( cd "$REPO" && exec env MIGRATION=yes ACCEL=tcg RUNNER_TEST_MARK="$WS" TMPDIR="$WS/tmp" \
		x86/run x86/migration.flat -m 256 ) > "$OUT" 2> "$ERR" < /dev/null
	record
	ok "MIGRATION=yes x86/run: passes" status_is 0
	ok "MIGRATION=yes x86/run: migrated" has "$ERR" "^migration: QEMU 0 -> 1 completed"
	( cd "$REPO" && scripts/mkstandalone.sh --cfg "$WS/mig.cfg" --out "$WS/sa" mig ) > /dev/null 2>&1
	( exec env ACCEL=tcg RUNNER_TEST_MARK="$WS" TMPDIR="$WS/tmp" "$WS/sa/mig" ) > "$OUT" 2> "$ERR" < /dev/null
	record
	ok "standalone migration test: passes" status_is 0
	ok "standalone migration test: its log shows the destination" has "$OUT" "^migration: QEMU 1: "
	mig_left "MIGRATION=yes and standalone"

	ws_new
	mig_wrapper refuse
	mig_run QEMU="$WS/qemu"
	mig_wait
	ok "refused stream: the run fails" status_is 1
	ok "refused stream: CRASH naming the destination" has "$OUT" "^CRASH mig .*migration: the destination QEMU exited with status 1"
	mig_left "refused stream"

	ws_new
	mig_wrapper kill-source
	mig_run QEMU="$WS/qemu"
	mig_wait
	ok "source killed: the run fails" status_is 1
	ok "source killed: CRASH naming the source's death" has "$OUT" "^CRASH mig .*source QEMU exited with status 137"
	mig_left "source killed"

	ws_new
	mig_wrapper paused
	mig_run QEMU="$WS/qemu"
	mig_wait
	ok "guest never resumes: the run fails" status_is 1
	ok "guest never resumes: CRASH saying so" has "$OUT" "^CRASH mig .*did not run again on QEMU 1 within 10s"
	mig_left "guest never resumes"

	# SIGTERM to the runner while the destination waits, paused.
	ws_new
	mig_wrapper paused
	mig_run QEMU="$WS/qemu"
	if qemus 2; then
		kill -TERM "$MIG_PID"
		mig_wait
		ok "SIGTERM during migration: exit 143" status_is 143
		mig_left "SIGTERM during migration"
	else
		ok "SIGTERM during migration: a destination started" false
		kill -KILL -- "-$MIG_PID"
	fi
}
