# SPDX-License-Identifier: GPL-2.0-only
# Reads config.mak, the KEY=value file written by ./configure, into CONFIG[].
# It is read line by line rather than sourced so that a stray value can never
# run as shell code.

declare -gA CONFIG=()

# config_load FILE: fill CONFIG[] or stop with exit status 2.
config_load()
{
	local file=$1 line n=0
	local -a lines
	[[ -f $file ]] || runner_die "no $file in $PWD: run ./configure first"
	mapfile -t lines < "$file"
	for line in "${lines[@]}"; do
		(( n++ ))
		[[ -z $line || $line == \#* ]] && continue
		# Globs, not a regex: compiling one costs each run a millisecond.
		[[ $line == [A-Za-z_]*=* && ${line%%=*} != *[!A-Za-z0-9_]* ]] ||
			runner_die "$file:$n: expected KEY=value, got '$line'"
		CONFIG[${line%%=*}]=${line#*=}
	done
	[[ -n ${CONFIG[TEST_DIR]} ]] || runner_die "$file: TEST_DIR is not set: rerun ./configure"
	[[ -n ${CONFIG[ARCH]} ]] || runner_die "$file: ARCH is not set: rerun ./configure"
}
