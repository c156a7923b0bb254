# SPDX-License-Identifier: GPL-2.0-only
# scripts/mkstandalone.sh: one script per test that runs it anywhere.

t_standalone()
{
	ws_new
	cfg <<'EOF2'
[pass]
file = pass.flat
test_args = x y
[fail]
file = fail.flat
timeout = 1m
[manual]
file = environ.flat
groups = nodefault
extra_params = """
	-m 64
"""
[noimage]
file = nope.flat
EOF2
	printf '0123456789ab:1.0:an old fix\n' > "$WS/errata.txt"
	in_ws "$REPO/scripts/mkstandalone.sh"
	ok "standalone: builds" status_is 0
	ok "standalone: one script per test" test -x "$WS/tests/standalone/pass" -a -x "$WS/tests/standalone/fail"
	ok "standalone: says which image is missing" has "$ERR" "skipping noimage: no image fake/nope.flat"
	# Elsewhere, with the build tree gone.
	mkdir "$WS/away"
	mv "$WS/tests/standalone/"* "$WS/away/"
	rm -rf "$WS/fake" "$WS/config.mak"
	( cd "$WS/away" && QEMU=$TESTS_DIR/fake/qemu ./pass ) > "$OUT" 2> "$ERR"
	record
	ok "standalone: pass exits 0" status_is 0
	ok "standalone: prints the log" line "$OUT" "PASS: selftest: one"
	ok "standalone: keeps test_args" has "$OUT" "append=x y$"
	ok "standalone: prints the verdict" line "$OUT" "PASS pass (2 tests)"
	( cd "$WS/away" && QEMU=$TESTS_DIR/fake/qemu ./fail ) > "$OUT" 2> "$ERR"
	record
	ok "standalone: fail exits 1" status_is 1
	ok "standalone: keeps the timeout" has "$OUT" "timeout=1m "
	( cd "$WS/away" && QEMU=$TESTS_DIR/fake/qemu ./manual ) > "$OUT" 2> "$ERR"
	record
	ok "standalone: a nodefault test runs" status_is 0
	ok "standalone: keeps extra_params" has "$OUT" " -m 64 "
	ok "standalone: carries errata.txt" line "$OUT" "ERRATA_0123456789ab=y"
	ok "standalone: leaves no temp dir" test -z "$(find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'manual.*' -newer "$WS/away" 2>/dev/null)"
}

# A standalone script needs bash, coreutils, tar, gzip and QEMU, nothing else
# (issue 9).
t_standalone_needs()
{
	local p
	ws_new
	printf '[pass]\nfile = pass.flat\ntest_args = x y\n' | cfg
	in_ws "$REPO/scripts/mkstandalone.sh"
	mkdir "$WS/bin"
	while IFS= read -r p; do
		[[ $p == */bin/* && -x $p ]] && ln -sf "$p" "$WS/bin/"
	done < <(dpkg -L coreutils tar gzip 2>/dev/null)
	if [[ ! -e $WS/bin/base64 || ! -e $WS/bin/tar || ! -e $WS/bin/gzip ]]; then
		skip "standalone needs: cannot list the programs of coreutils, tar and gzip (dpkg -L)"
		return
	fi
	ln -sf "$BASH" "$WS/bin/bash"
	( cd "$WS/tests/standalone" && PATH=$WS/bin QEMU=$TESTS_DIR/fake/qemu ./pass ) > "$OUT" 2> "$ERR"
	record
	ok "standalone with only bash, coreutils, tar and gzip: exit 0" status_is 0
	ok "standalone with only bash, coreutils, tar and gzip: verdict" line "$OUT" "PASS pass (2 tests)"
	rm "$WS/bin/gzip"
	( cd "$WS/tests/standalone" && PATH=$WS/bin QEMU=$TESTS_DIR/fake/qemu ./pass ) > "$OUT" 2> "$ERR"
	record
	ok "standalone without gzip: exit 2" status_is 2
	ok "standalone without gzip: says what it needs" line "$ERR" \
		"pass: needs base64 (coreutils), tar and gzip in PATH to unpack its files"
}

# A standalone script run as `bash NAME`, from standard input, or cut short
# says what is wrong (issue 18).
t_standalone_misuse()
{
	ws_new
	printf '[pass]\nfile = pass.flat\n' | cfg
	in_ws "$REPO/scripts/mkstandalone.sh"
	( cd "$WS/tests/standalone" && QEMU=$TESTS_DIR/fake/qemu bash pass ) > "$OUT" 2> "$ERR"
	record
	ok "standalone as 'bash NAME': runs (exit 0)" status_is 0
	ok "standalone as 'bash NAME': the verdict" line "$OUT" "PASS pass (2 tests)"
	( cd "$WS/tests/standalone" && QEMU=$TESTS_DIR/fake/qemu bash < pass ) > "$OUT" 2> "$ERR"
	record
	ok "standalone from stdin: exit 2" status_is 2
	ok "standalone from stdin: says how to run it" has "$ERR" "cannot read this script from standard input: run it as"
	# Cut within its payload, at a line's end and within a line.
	head -n "$(( $(wc -l < "$WS/tests/standalone/pass") / 2 ))" "$WS/tests/standalone/pass" > "$WS/cut"
	head -c "$(( $(wc -c < "$WS/tests/standalone/pass") / 2 + 7 ))" "$WS/tests/standalone/pass" > "$WS/cut2"
	# One character of its payload changed.
	awk 'p && ++k == 10 { $0 = (substr($0, 5, 1) == "A" ? "B" : "A") substr($0, 6) } /^__PAYLOAD__$/ { p = 1 } 1' \
		"$WS/tests/standalone/pass" > "$WS/edited"
	chmod +x "$WS/cut" "$WS/cut2" "$WS/edited"
	for f in cut cut2 edited; do
		( cd "$WS" && QEMU=$TESTS_DIR/fake/qemu ./$f ) > "$OUT" 2> "$ERR"
		record
		ok "a standalone script $f: exit 2" status_is 2
		ok "a standalone script $f: says its payload is damaged or truncated" has "$ERR" \
			"^pass: its payload is damaged or truncated: copy the script again, or run make standalone$"
		ok "a standalone script $f: nothing ran" lacks "$OUT" "PASS"
	done
}
