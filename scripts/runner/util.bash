# SPDX-License-Identifier: GPL-2.0-only
# Small helpers shared by the runner's files (run_die, a setup error, is
# run-image.bash's): word lists, fields, config.mak.

# True when word $1 is one of the words in $2 (separated by spaces or commas).
word_in() { [[ " ${2//,/ } " == *" $1 "* ]]; }

# split_fields SEP TEXT: FIELDS, TEXT split at the character SEP alone, never
# globbed; an empty last field is kept (x holds its place).
split_fields() {
	local IFS=$1 -
	set -f
	# shellcheck disable=SC2206 # split on purpose
	FIELDS=($2$1x)
	unset 'FIELDS[-1]'
}

# config_load FILE: config.mak, the KEY=value file of ./configure, into
# CONFIG[], or exit 2. Read line by line, never sourced: a stray value can
# never run as shell code.
declare -gA CONFIG=()
config_load() {
	local file=$1 line n=0
	local -a lines
	[[ -f $file ]] || run_die "no $file in $PWD: run ./configure first"
	mapfile -t lines < "$file"
	for line in "${lines[@]}"; do
		(( n++ ))
		[[ -z $line || $line == \#* ]] && continue
		[[ $line =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || run_die "$file:$n: expected KEY=value, got '$line'"
		CONFIG[${line%%=*}]=${line#*=}
	done
	[[ -n ${CONFIG[TEST_DIR]} ]] || run_die "$file: TEST_DIR is not set: rerun ./configure"
	[[ -n ${CONFIG[ARCH]} ]] || run_die "$file: ARCH is not set: rerun ./configure"
}
