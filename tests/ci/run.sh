#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# run.sh (tests/ci) - scripts/arch.tbl agrees with the tree (each row's
# library, run script and cfg exist; each arch library is a row's), and
# .gitlab-ci.yml parses as YAML, every arch of the table has a guest job
# (configure --arch, run_tests.sh --junit, the JUnit report and logs/ kept
# even on failure), no job names an arch the table lacks, and one job runs
# the host suites. The YAML part needs python3 with yaml (Debian package
# python3-yaml) and is skipped without it.
set -u
cd "$(dirname "$0")/../.." || exit 2

# shellcheck source=scripts/arch-table.bash
source scripts/arch-table.bash
arch_lookup ""
(( $? == 2 )) && { echo "0 passed, 1 failed"; exit 1; }
arches=$ARCH_NAMES

# The table and the tree agree: every row has its library, run script and
# cfg, and every arch library of the tree is some row's.
tbl_passed=0 tbl_failed=0
declare -A lib_dirs=()
for a in $arches; do
	arch_lookup "$a"
	lib_dirs[$AT_LIB_DIR]=1
	for f in "lib/$AT_LIB_DIR/arch.mk" "$AT_TEST_DIR/run" "$AT_TEST_DIR/unittests.cfg"; do
		if [ -e "$f" ]; then
			tbl_passed=$((tbl_passed + 1))
		else
			echo "FAIL: ci: arch.tbl row $a: no $f"
			tbl_failed=$((tbl_failed + 1))
		fi
	done
done
# A malformed row is refused with its file and line, by a lookup of another
# row (the whole table is read) and by a lookup of that row.
bad=$(mktemp)
{ cat scripts/arch.tbl; echo "toofew x86 x86"; } > "$bad"
msg=$(ARCH_TABLE=$bad arch_lookup x86_64 2>&1)
if [ $? -eq 2 ] && [[ $msg == "$bad:"*": 3 columns, expected ${#ARCH_COLUMNS[@]}"* ]]; then
	tbl_passed=$((tbl_passed + 1))
else
	echo "FAIL: ci: a malformed arch.tbl row is not refused by a lookup of another row with FILE:LINE ($msg)"
	tbl_failed=$((tbl_failed + 1))
fi
msg=$(ARCH_TABLE=$bad arch_lookup toofew 2>&1)
if [ $? -eq 2 ] && [[ $msg == "$bad:"*": 3 columns, expected ${#ARCH_COLUMNS[@]}"* ]]; then
	tbl_passed=$((tbl_passed + 1))
else
	echo "FAIL: ci: a malformed arch.tbl row is not refused with FILE:LINE ($msg)"
	tbl_failed=$((tbl_failed + 1))
fi
rm -f "$bad"
for mk in lib/*/arch.mk; do
	d=${mk#lib/} d=${d%/arch.mk}
	if [ -n "${lib_dirs[$d]:-}" ]; then
		tbl_passed=$((tbl_passed + 1))
	else
		echo "FAIL: ci: lib/$d is an arch library that no row of scripts/arch.tbl names"
		tbl_failed=$((tbl_failed + 1))
	fi
done

if ! python3 -c 'import yaml' 2>/dev/null; then
	echo "SKIP: ci: python3 with yaml is not installed (Debian package python3-yaml)"
	echo "$tbl_passed passed, $tbl_failed failed, 1 skipped"
	[ "$tbl_failed" -eq 0 ]
	exit
fi
python3 - "$arches" "$tbl_passed" "$tbl_failed" <<'PY'
import sys
import yaml

arches = sys.argv[1].split()
passed, failed = int(sys.argv[2]), int(sys.argv[3])


def check(ok, what):
	global passed, failed
	if ok:
		passed += 1
	else:
		failed += 1
		print("FAIL: ci: " + what)


try:
	with open(".gitlab-ci.yml") as f:
		ci = yaml.safe_load(f)
	check(isinstance(ci, dict), ".gitlab-ci.yml is a mapping")
except Exception as e:
	check(False, ".gitlab-ci.yml does not parse: %s" % e)
	print("%d passed, %d failed" % (passed, failed))
	sys.exit(1)


def resolved(job):
	"""The job with what it extends merged under it (one level is all we use)."""
	out = {}
	base = job.get("extends")
	for b in [base] if isinstance(base, str) else base or []:
		out.update(ci.get(b, {}))
	out.update(job)
	return out


jobs = {k: resolved(v) for k, v in ci.items() if isinstance(v, dict) and not k.startswith(".")
	and k not in ("default", "variables", "workflow")}
by_arch = {}
for name, job in jobs.items():
	arch = (job.get("variables") or {}).get("ARCH")
	if arch:
		by_arch.setdefault(arch, []).append(name)
for arch in arches:
	names = by_arch.get(arch, [])
	check(len(names) == 1, "arch %s has %d guest jobs, expected 1" % (arch, len(names)))
	for name in names:
		job = jobs[name]
		script = "\n".join(job.get("before_script", []) + job.get("script", []))
		art = job.get("artifacts") or {}
		check("debian-packages.txt" in script, "%s installs scripts/debian-packages.txt" % name)
		check('--arch="$ARCH"' in script, "%s configures for its ARCH" % name)
		check("run_tests.sh --junit junit.xml" in script and "ACCEL=tcg" in script,
		      "%s runs ./run_tests.sh --junit under TCG" % name)
		check(art.get("when") == "always", "%s keeps its artifacts when it fails" % name)
		check((art.get("reports") or {}).get("junit") == "junit.xml", "%s publishes junit.xml" % name)
		check("logs/" in (art.get("paths") or []), "%s keeps logs/" % name)
x86 = [jobs[n] for n in by_arch.get("x86_64", [])]
check(any(isinstance(j.get("parallel"), int) and j["parallel"] > 1 for j in x86),
      "the x86_64 job is split into parts (parallel: N, which run_tests.sh shards by CI_NODE_INDEX)")
for arch in by_arch:
	check(arch in arches, "a job runs arch %s, which scripts/arch.tbl lacks" % arch)
host = [n for n, j in jobs.items() if "tests/*/run.sh" in "\n".join(j.get("script", []))]
check(len(host) >= 1, "a job runs the host suites (tests/*/run.sh)")
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
