# SPDX-License-Identifier: GPL-2.0-only
# Loads an arch's unittests.cfg into the T_* arrays (one slot per test, in
# file order) through cfg.awk, whose output is data. Names and groups are
# loaded for every test; the other fields when a run gets to it (cfg_test).

# word_in WORD LIST: LIST's words are separated by blanks or commas.
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

declare -ga T_NAME=() T_LINE=() T_FILE=() T_SMP=() T_EXTRA=() T_ARGS=() T_GROUPS=() T_ARCH=() T_MACHINE=() \
	T_FIRMWARE=() T_ACCEL=() T_TIMEOUT=() T_CHECK=() T_DISABLED=() CFG_ERRORS=() CFG_ROWS=()
declare -gA T_INDEX=()
declare -g CFG_FILE=''
declare -gi NTESTS=0
# Checked before any arithmetic: bash integers wrap silently.
declare -gri MAX_SMP_MAX=4096
# The first line of a cfg kept parsed, as a standalone test carries it.
declare -gr CFG_PARSED_MAGIC='# run_tests.sh parsed cfg, format 3'
# A row's fields after name and groups, in cfg.awk's order.
declare -gra CFG_FIELDS=(T_LINE T_FILE T_SMP T_EXTRA T_ARGS T_ARCH T_MACHINE T_FIRMWARE T_ACCEL T_TIMEOUT T_CHECK \
	T_DISABLED)

# cfg_parse FILE: sets T_NAME, T_GROUPS and CFG_ROWS, or CFG_ERRORS.
cfg_parse() {
	local head='' n e x
	local -a lines
	CFG_FILE=$1
	[[ -n ${MAX_SMP:-} ]] || MAX_SMP=$(nproc 2>/dev/null) || MAX_SMP=1
	[[ $MAX_SMP =~ ^[1-9][0-9]{0,3}$ ]] && (( MAX_SMP <= MAX_SMP_MAX )) ||
		run_die "MAX_SMP=$MAX_SMP is not a CPU count from 1 to $MAX_SMP_MAX"
	[[ -f $CFG_FILE && -r $CFG_FILE ]] || run_die "cannot read $CFG_FILE"
	{ IFS= read -r head < "$CFG_FILE"; } 2>/dev/null
	if [[ $head == "$CFG_PARSED_MAGIC" ]]; then
		mapfile -t -s 1 lines < "$CFG_FILE"
	else
		mapfile -t lines < <(CFG_FILE=$CFG_FILE CFG_MAX_SMP=$MAX_SMP CFG_ARCH=${CONFIG[ARCH]:-} \
			CFG_TEST_DIR=${CONFIG[TEST_DIR]:-} CFG_PROCESSOR=${CONFIG[PROCESSOR]:-} \
			awk -f "${BASH_SOURCE[0]%/*}/cfg.awk" -- "$CFG_FILE")
	fi
	# cfg.awk's last line, "END NTESTS NERRORS NSMP", says that it read it all.
	(( ${#lines[@]} )) && [[ ${lines[-1]} =~ ^END\ ([0-9]+)\ ([0-9]+)\ ([0-9]+)$ ]] &&
		(( ${#lines[@]} == (n = BASH_REMATCH[1]) + (e = BASH_REMATCH[2]) + (x = BASH_REMATCH[3]) + 1 )) ||
		run_die "awk did not finish reading $CFG_FILE (see above)"
	NTESTS=$n
	CFG_ERRORS=("${lines[@]:n:e}")
	T_NAME=("${lines[@]:0:n}")
	CFG_ROWS=("${T_NAME[@]#*$'\036'}")
	T_NAME=("${T_NAME[@]%%$'\036'*}")
	T_GROUPS=("${CFG_ROWS[@]%%$'\036'*}")
	CFG_ROWS=("${CFG_ROWS[@]#*$'\036'}")
	for head in "${lines[@]:n+e:x}"; do
		split_fields $'\036' "$head"
		cfg_smp "${FIELDS[@]}"
	done 2>/dev/null
}

# cfg_smp TEST LINE EXPR TEXT: bash evaluates EXPR, which cfg.awk checked,
# into TEST's row, or CFG_ERRORS says why not. MAX_SMP is local: "=" in EXPR
# cannot change it for the next test.
cfg_smp() {
	local MAX_SMP=$MAX_SMP v='' at="$CFG_FILE:$2: smp '$4'" row rest
	if [[ $3 =~ [0-9]{10} ]]; then
		CFG_ERRORS+=("$at: a number is out of range (at most 9 digits)")
	elif ! (( v = ($3), 1 )); then
		v=$( (( $3 )) 2>&1 )
		v=${v#*((: "$3"}
		CFG_ERRORS+=("$at: ${v#*: }")
	elif (( v < 1 || v > MAX_SMP_MAX )); then
		CFG_ERRORS+=("$at gives $v CPUs: expected 1 to $MAX_SMP_MAX")
	fi
	row=${CFG_ROWS[$1]}
	rest=${row#*$'\036'*$'\036'}
	CFG_ROWS[$1]=${row%"$rest"}$v$'\036'${rest#*$'\036'}
}

cfg_test() {
	local i=$1 k=0 a FIELDS
	split_fields $'\036' "${CFG_ROWS[$1]}"
	for a in "${CFG_FIELDS[@]}"; do
		printf -v "${a}[i]" '%s' "${FIELDS[k++]}"
	done
}

cfg_write_parsed() {
	local row=${T_NAME[$1]}$'\036'${T_GROUPS[$1]}$'\036'${CFG_ROWS[$1]}
	printf '%s\n' "$CFG_PARSED_MAGIC" "$row" 'END 1 0 0' > "$2"
}

cfg_index() {
	local i
	for (( i = 0; i < NTESTS; i++ )); do
		T_INDEX[${T_NAME[i]}]=$i
	done
}
