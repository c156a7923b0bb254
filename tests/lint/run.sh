#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (tests/lint) - the project's own rules, checked on every tracked
# file: shell scripts are shellcheck-clean; C, assembly and headers stay
# within 120 columns, use tabs for indentation, and open with a comment
# saying what the file is for; every source file carries its SPDX licence
# line and LICENSE holds the licence.
set -u
cd "$(dirname "$0")/../.." || exit 2

passed=0 failed=0 skipped=0
fail() { echo "FAIL: lint: $*"; failed=$((failed + 1)); }

# The executable scripts; the files they source are checked through them
# (-x, from the root), which is also the only way shellcheck sees the
# variables such files share.
mapfile -t shells < <(git ls-files -s | awk '$1 == "100755" { print $4 }' | while read -r f; do
	head -n 1 "$f" | grep -q '^#!.*\(bash\|sh\)' && echo "$f"
done)
if command -v shellcheck > /dev/null; then
	for f in "${shells[@]}"; do
		if out=$(shellcheck -x "$f" 2>&1); then
			passed=$((passed + 1))
		else
			fail "shellcheck $f"
			echo "$out" | head -20
		fi
	done
else
	echo "SKIP: lint: shellcheck is not installed (Debian package shellcheck)"
	skipped=$((skipped + ${#shells[@]}))
fi

mapfile -t sources < <(git ls-files '*.c' '*.h' '*.S')
for f in "${sources[@]}"; do
	bad=$(awk -v f="$f" '
		{ line = $0; gsub(/\t/, "        ", line) }
		length(line) > 120 { printf "%s:%d: %d columns (at most 120)\n", f, NR, length(line) }
		/^( {8})+[^ *]/ { printf "%s:%d: indented with spaces, not tabs\n", f, NR }
		NR == 1 && $0 !~ /^(\/\*|\/\/|#)/ { printf "%s:1: no header comment saying what the file is for\n", f }
	' "$f")
	if [ -z "$bad" ]; then
		passed=$((passed + 1))
	else
		fail "$f"
		echo "$bad" | head -5
	fi
done

# Every source file names its licence in its first two lines (after a
# shebang), and the licence is there.
if [ -f LICENSE ] && grep -q 'GNU GENERAL PUBLIC LICENSE' LICENSE && grep -q 'Version 2, June 1991' LICENSE; then
	passed=$((passed + 1))
else
	fail "LICENSE is missing or is not the GPL-2.0 text"
fi
mapfile -t licensed < <(git ls-files '*.c' '*.h' '*.S' '*.lds' '*.bash' '*.sh' '*.awk' '*.mk' '*.pl' \
	Makefile configure '*/run' .ci/run '*/fake/qemu')
missing=()
for f in "${licensed[@]}"; do
	[ -f "$f" ] || continue
	head -n 2 "$f" | grep -q 'SPDX-License-Identifier: GPL-2.0-only' || missing+=("$f")
done
if [ ${#missing[@]} -eq 0 ]; then
	passed=$((passed + 1))
else
	fail "no 'SPDX-License-Identifier: GPL-2.0-only' in the first two lines of: ${missing[*]}"
fi

# Every repository path that README.md, docs/ and comments cite exists: as
# a file or folder, under lib/ (an include path), as a test's source (for
# NAME or its image), as something the build or a run makes (.gitignore
# says which), or as the prefix before a '*'. A component in capitals (NAME,
# ARCH) marks a placeholder; README's example test is the one file cited
# that a reader creates.
examples=" x86/hello.c common/hello.c "
cited_exists() {	# PATH NEXT-CHAR
	local p=$1 name=${1##*/}
	[ -e "$p" ] || [ -e "lib/$p" ] || [[ $examples == *" $p "* ]] && return 0
	git check-ignore -q --no-index "$p" || git check-ignore -q --no-index "$p/" && return 0
	[[ /$p/ =~ /[A-Z][A-Z_]{2,}[/.-] ]] && return 0
	[ -e "${p%/*}/${name%.*}.c" ] || [ -e "common/${name%.*}.c" ] && return 0
	[ "$2" = '*' ] && [ -n "$(git ls-files "$p*" | head -n 1)" ]
}
# Prints "FILE:LINE PATH NEXT-CHAR" for each path cited in prose (.md) or in
# a comment: in C after /* or //, or on a line going on with *; elsewhere
# after a # that starts a comment.
cited_paths() {
	awk '
	FNR == 1 { md = FILENAME ~ /\.md$/; c = FILENAME ~ /\.[chS]$/ }
	{
		text = $0
		if (c) {
			if (match(text, /\/\*|\/\//))
				text = substr(text, RSTART)
			else if (text !~ /^[ \t]*\*/)
				next
		} else if (!md) {
			if (!match(text, /(^|[ \t])#[ \t!]/))
				next
			text = substr(text, RSTART)
		}
		re = "(\\.ci|bench|common|docs|lib|scripts|tests|x86|arm|s390x|powerpc)/[A-Za-z0-9_./+-]*[A-Za-z0-9_]"
		while (match(text, re)) {
			prev = RSTART > 1 ? substr(text, RSTART - 1, 1) : ""
			if (prev !~ /[A-Za-z0-9_.\/$-]/)
				print FILENAME ":" FNR, substr(text, RSTART, RLENGTH), substr(text, RSTART + RLENGTH, 1)
			text = substr(text, RSTART + RLENGTH)
		}
	}' "$@"
}
stale=()
mapfile -t documented < <(git ls-files README.md 'docs/*.md' '*.c' '*.h' '*.S' '*.bash' '*.sh' '*.awk' '*.mk' \
	'*.cfg' '*.yml' '*.lds' '*.tbl' Makefile configure '*/run' .ci/run)
while read -r where p next; do
	cited_exists "$p" "$next" || stale+=("$where: $p")
done < <(cited_paths "${documented[@]}")
if [ ${#stale[@]} -eq 0 ]; then
	passed=$((passed + 1))
else
	fail "paths cited but absent:"
	printf '  %s\n' "${stale[@]}"
fi

# A .c and a .S of the same name in one folder build the same object, and
# the Makefile keeps only one of them.
clashes=$(git ls-files '*.c' '*.S' | sed 's/\.[cS]$//' | sort | uniq -d)
if [ -z "$clashes" ]; then
	passed=$((passed + 1))
else
	fail "a .c and a .S share a name (one object for both): $clashes"
fi

# Commit subjects say what changed in at most 72 characters: checked from
# the first commit that followed the rule (earlier history is as it was).
rule_base=793cc9e
if git rev-parse -q --verify "$rule_base^{commit}" > /dev/null; then
	long=$(git log --format=%s "$rule_base..HEAD" | awk 'length($0) > 72')
	if [ -z "$long" ]; then
		passed=$((passed + 1))
	else
		fail "commit subjects over 72 characters:"
		printf '  %s\n' "$long" | head -5
	fi
else
	echo "SKIP: lint: commit subjects: no commit $rule_base here (a shallow clone?)"
	skipped=$((skipped + 1))
fi

line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line+=", $skipped skipped"
echo "$line"
[ "$failed" -eq 0 ]
