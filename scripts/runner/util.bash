# SPDX-License-Identifier: GPL-2.0-only
# Small helpers shared by the runner's files: fatal errors, word lists, time.

# A usage or configuration error: the runner promises exit status 2 for these.
runner_die() { printf 'run_tests.sh: %s\n' "$*" >&2; exit 2; }

# True when word $1 is one of the words in $2 (separated by spaces or commas).
word_in() { [[ " ${2//,/ } " == *" $1 "* ]]; }

# config_load FILE: config.mak, the KEY=value file of ./configure, into
# CONFIG[], or exit 2. Read line by line, never sourced: a stray value can
# never run as shell code.
declare -gA CONFIG=()
config_load() {
	local file=$1 line n=0
	local -a lines
	[[ -f $file ]] || runner_die "no $file in $PWD: run ./configure first"
	mapfile -t lines < "$file"
	for line in "${lines[@]}"; do
		(( n++ ))
		[[ -z $line || $line == \#* ]] && continue
		[[ $line =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || runner_die "$file:$n: expected KEY=value, got '$line'"
		CONFIG[${line%%=*}]=${line#*=}
	done
	[[ -n ${CONFIG[TEST_DIR]} ]] || runner_die "$file: TEST_DIR is not set: rerun ./configure"
	[[ -n ${CONFIG[ARCH]} ]] || runner_die "$file: ARCH is not set: rerun ./configure"
}
