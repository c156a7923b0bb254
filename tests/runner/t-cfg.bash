# SPDX-License-Identifier: GPL-2.0-only
# unittests.cfg errors: each names the file and line, exits 2, runs nothing.

# cfg_bad DESCRIPTION LINE MESSAGE-ERE: the cfg on stdin must be refused.
cfg_bad()
{
	local desc=$1 lineno=$2 msg=$3
	ws_new
	cfg
	runner
	ok "cfg error, $desc: exit 2" status_is 2
	ok "cfg error, $desc: names fake/unittests.cfg:$lineno" has "$ERR" "fake/unittests.cfg:$lineno: $msg"
	ok "cfg error, $desc: nothing ran" test ! -e "$WS/logs"
}

t_cfg_errors()
{
	cfg_bad "malformed line" 3 "malformed line" <<'EOF2'
[a]
file = pass.flat
this is not a key
EOF2
	cfg_bad "unknown key" 3 "unknown key 'fiel'" <<'EOF2'
[a]
file = pass.flat
fiel = x
EOF2
	cfg_bad "duplicate test" 4 "duplicate test name 'a' \(first defined on line 1\)" <<'EOF2'
[a]
file = pass.flat
# a comment
[a]
file = fail.flat
EOF2
	cfg_bad "section without file" 3 "test 'b' has no 'file' key" <<'EOF2'
[a]
file = pass.flat
[b]
smp = 2
[c]
file = pass.flat
EOF2
	cfg_bad "key before a section" 1 "'file' before the first \[test\] section" <<'EOF2'
file = pass.flat
[a]
file = pass.flat
EOF2
	cfg_bad "duplicate key" 3 "duplicate key 'qemu_params'.*first set on line 2" <<'EOF2'
[a]
extra_params = -m 64
qemu_params = -m 128
file = pass.flat
EOF2
	cfg_bad "unterminated block" 3 "'extra_params' opens" <<'EOF2'
[a]
file = pass.flat
extra_params = """-m 64
   -cpu max
EOF2
	cfg_bad "bad smp" 3 "smp 'two'" <<'EOF2'
[a]
file = pass.flat
smp = two
EOF2
	cfg_bad "smp command injection" 3 "smp 'a\[\\\$\(touch" <<'EOF2'
[a]
file = pass.flat
smp = a[$(touch pwned)]
EOF2
	ok "smp expression is never executed" test ! -e "$WS/pwned"
	cfg_bad "bad timeout" 3 "timeout '9 minutes'" <<'EOF2'
[a]
file = pass.flat
timeout = 9 minutes
EOF2
	cfg_bad "bad accel" 3 "accel 'hvf'" <<'EOF2'
[a]
file = pass.flat
accel = hvf
EOF2
	cfg_bad "bad check" 3 "check 'nonsense'" <<'EOF2'
[a]
file = pass.flat
check = nonsense
EOF2
	cfg_bad "bad name" 1 "bad test name" <<'EOF2'
[a/b]
file = pass.flat
EOF2

	# Every error is reported, not just the first.
	ws_new
	cfg <<'EOF2'
[a]
file = pass.flat
bogus = 1
[b]
smp = 1
EOF2
	runner
	ok "all cfg errors are listed" has "$ERR" "unittests.cfg:3: unknown key"
	ok "all cfg errors are listed (2)" has "$ERR" "unittests.cfg:4: test 'b' has no 'file'"
}

# A cfg using every key parses, and each value reaches QEMU as documented.
t_cfg_keys()
{
	ws_new
	printf 'flag\n' > "$WS/feature"
	cfg <<EOF2
# A comment line.
[all-keys]   # a trailing comment
file = environ.flat
smp = \$MAX_SMP / 2 + 1
extra_params = """
	-m 64
	# a whole-line comment inside the block is dropped
	-name 'two words'
"""
test_args = one "two three"
groups = g1, g2 g3
arch = x86_64
machine = q35
accel = tcg
timeout = 1.5m
check = $WS/feature=flag
disabled_if = [[ "\$ACCEL" == kvm ]]

[alias]
file = pass.flat
qemu_params = -m 32
EOF2
	MAX_SMP=4 runner -v
	ok "every key: exit 0" status_is 0
	ok "every key: runs" line "$OUT" "PASS all-keys (0 tests)"
	ok "smp expression over \$MAX_SMP" has "$WS/logs/all-keys.log" "smp=3 "
	ok "multi-line extra_params joined" has "$WS/logs/all-keys.log" "-m 64 .*-name 'two words'"
	ok "test_args becomes -append" has "$WS/logs/all-keys.log" 'append=one "two three"$'
	ok "machine and timeout passed to run" has "$WS/logs/all-keys.log" "machine=q35 timeout=1.5m"
	ok "qemu_params alias" has "$WS/logs/alias.log" "-m 32"
	ok "-v prints the command" has "$OUT" "^RUN all-keys: fake/run fake/environ.flat -smp 3"
	ok "comment lines inside a block are dropped" lacks "$WS/logs/all-keys.log" "whole-line"
	runner -l -g g2
	ok "groups may be separated by commas" line "$OUT" all-keys
}

# The example in docs/unittests-cfg.md is a valid cfg.
t_cfg_doc_example()
{
	ws_new
	# shellcheck disable=SC2016 # sed addresses, not expansions
	sed -n '/^```ini$/,/^```$/p' "$REPO/docs/unittests-cfg.md" | sed '1d;$d' | cfg
	runner -l -a
	ok "docs example parses" status_is 0
	ok "docs example lists its tests" test "$(tr '\n' ' ' < "$OUT")" = "selftest smp-stress hyperv host-crasher "
}

# cfg values are data (issue 9, 1): extra_params is split into words by the
# runner and $VAR expanded without a shell; smp is bash's arithmetic on text
# that cannot name a command; anything that would make a shell run a command
# is a cfg error that runs nothing.
t_cfg_values()
{
	cfg_bad "unbalanced quote (was a false PASS)" 3 "extra_params: unbalanced single quote" <<'EOF2'
[a]
file = pass.flat
extra_params = -m 256 -device no-such-device 'unbalanced
EOF2
	cfg_bad "command substitution" 3 "extra_params: command substitution" <<EOF2
[a]
file = pass.flat
extra_params = -m 128 \$(touch $SCRATCH/pwned)
EOF2
	ok "command substitution never ran" test ! -e "$SCRATCH/pwned"
	cfg_bad "backticks" 3 "extra_params: backticks" <<EOF2
[a]
file = pass.flat
extra_params = -m 128 \`touch $SCRATCH/pwned\`
EOF2
	ok "backticks never ran" test ! -e "$SCRATCH/pwned"
	cfg_bad "semicolon" 3 "extra_params: ';' is shell syntax" <<EOF2
[a]
file = pass.flat
extra_params = -m 128; touch $SCRATCH/pwned
EOF2
	cfg_bad "pipe" 3 "extra_params: '\|' is shell syntax" <<'EOF2'
[a]
file = pass.flat
extra_params = -m 128 | cat
EOF2
	cfg_bad "unknown variable" 3 'extra_params: unknown variable \$HOME' <<'EOF2'
[a]
file = pass.flat
extra_params = -name $HOME
EOF2
	cfg_bad "arithmetic in extra_params" 3 "extra_params: arithmetic .* is not allowed here, only in smp" <<'EOF2'
[a]
file = pass.flat
extra_params = -m $((a[$(id)]))
EOF2
	cfg_bad "smp division by zero" 3 "smp '\\\$MAX_SMP / 0': division by 0" <<'EOF2'
[a]
file = pass.flat
smp = $MAX_SMP / 0
EOF2
	cfg_bad "smp syntax error" 3 "smp '\\(\\\$MAX_SMP': missing" <<'EOF2'
[a]
file = pass.flat
smp = ($MAX_SMP
EOF2
	cfg_bad "smp, a command in bash's arithmetic" 3 "smp '.*' is not a number or an arithmetic expression" <<EOF2
[a]
file = pass.flat
smp = \$((MAX_SMP + a[\$(touch $SCRATCH/pwned)]))
EOF2
	ok "smp: bash's arithmetic never ran the command" test ! -e "$SCRATCH/pwned"
	cfg_bad "smp, another variable" 3 "smp 'MAX_SMP_2' is not a number" <<'EOF2'
[a]
file = pass.flat
smp = MAX_SMP_2
EOF2
	cfg_bad "smp 0" 3 "smp '0' gives 0 CPUs: expected 1 to 4096" <<'EOF2'
[a]
file = pass.flat
smp = 0
EOF2
	cfg_bad "huge smp" 3 "smp '99999999999999999999'.*out of range" <<'EOF2'
[a]
file = pass.flat
smp = 99999999999999999999
EOF2
	cfg_bad "smp beyond QEMU's limits" 3 "smp '5000' gives 5000 CPUs: expected 1 to 4096" <<'EOF2'
[a]
file = pass.flat
smp = 5000
EOF2
	cfg_bad "huge timeout" 3 "timeout '99999999' is out of range" <<'EOF2'
[a]
file = pass.flat
timeout = 99999999
EOF2
	ws_new
	printf '[a]\nfile = pass.flat\nextra_params = -name \033[31mred\001\n' | cfg
	runner
	ok "binary cfg: exit 2" status_is 2
	ok "binary cfg: names the line" has "$ERR" "unittests.cfg:3: control character"
	ok "binary cfg: no raw bytes reach the terminal" lacks "$ERR" $'\e'

	# What a shell would have given, without a shell.
	ws_new
	cfg <<'EOF2'
[words]
file = environ.flat
smp = $((MAX_SMP * 2 - 1))
extra_params = -m $MAX_SMP -name "a b" 'c "d"' e\ f "$ARCH-${TEST_DIR}" '$HOME' ""
EOF2
	MAX_SMP=2 runner -v
	ok "expanded values: exit 0" status_is 0
	ok "smp \$((...))" has "$OUT" "^RUN words: .* -smp 3 "
	# printf %q of each word, as -v shows it.
	ok "words, quotes and \$VAR as a shell gives them" has "$OUT" \
		"-m 2 -name a\\\\ b c\\\\ \\\\\"d\\\\\" e\\\\ f x86_64-fake \\\\\\\$HOME '' -initrd"

	# kvm-unit-tests' form, and "=" changes MAX_SMP for its own smp only.
	cfg <<'EOF2'
[kut]
file = pass.flat
smp = $((($MAX_SMP < 8)?$MAX_SMP:8))
[assign]
file = pass.flat
smp = (MAX_SMP = 1) + ${MAX_SMP}
[next]
file = pass.flat
smp = $MAX_SMP * 1
EOF2
	MAX_SMP=4 runner -v
	ok "smp ?: with MAX_SMP=4" has "$OUT" "^RUN kut: .* -smp 4 "
	ok "smp = (MAX_SMP = 1) + MAX_SMP gives 2" has "$OUT" "^RUN assign: .* -smp 2 "
	ok "an smp's \"=\" leaves the next test's MAX_SMP" has "$OUT" "^RUN next: .* -smp 4 "
	MAX_SMP=16 runner -v
	ok "smp ?: with MAX_SMP=16" has "$OUT" "^RUN kut: .* -smp 8 "
}

# One rule for a duration (issue 18): a cfg's timeout and TIMEOUT are both
# timeout(1) durations, fractions of any length included, and the runner
# and x86/run agree on them.
t_durations()
{
	ws_new
	printf '[hang]\nfile = hang.flat\ntimeout = 1.1234567\n' | cfg
	runner
	ok "timeout = 1.1234567 in a cfg is a working timeout" line "$OUT" "TIMEOUT hang (1.1234567s)"
	TIMEOUT=1.0001 runner
	ok "TIMEOUT=1.0001: the runner takes it" line "$OUT" "TIMEOUT hang (1.0001s)"
	in_ws env TIMEOUT=1.0001 QEMU="$TESTS_DIR/fake/qemu" KVM_DEVICE="$WS/no-kvm" "$REPO/x86/run" fake/hang.flat
	ok "TIMEOUT=1.0001: x86/run takes it too (status 124)" status_is 124
	TIMEOUT=1.5x runner
	ok "TIMEOUT=1.5x: the runner refuses it (exit 2)" status_is 2
	in_ws env TIMEOUT=1.5x QEMU="$TESTS_DIR/fake/qemu" KVM_DEVICE="$WS/no-kvm" "$REPO/x86/run" fake/hang.flat
	ok "TIMEOUT=1.5x: x86/run refuses it too (status 2)" status_is 2
	printf '[hang]\nfile = hang.flat\ntimeout = 1.5x\n' | cfg
	runner
	ok "timeout = 1.5x in a cfg: exit 2 before anything runs" status_is 2
	ok "timeout = 1.5x in a cfg: FILE:LINE" has "$ERR" "unittests.cfg:3: timeout '1.5x' is not a duration"
}
