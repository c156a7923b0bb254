# SPDX-License-Identifier: GPL-2.0-only
# arch-table.bash - reads scripts/arch.tbl, the one description of every
# arch (columns: docs/architecture.md, "Adding an arch"). Sourced by
# configure, the run scripts, the runner and the check and bench scripts;
# pure bash, so that a standalone test needs nothing more.

ARCH_TABLE=${ARCH_TABLE:-${BASH_SOURCE[0]%/*}/arch.tbl}
# The columns, in order; arch_lookup sets AT_<COLUMN> for each.
ARCH_COLUMNS=(name aliases lib_dir test_dir ext cross_prefix gcc_pkg objdump_arch qemu_bin qemu_pkg kvm_hosts
	machine devices exit)

# arch_rows: sets ARCH_ROWS to the table's rows (one string each), or
# returns 2 with a FILE:LINE message on stderr for a malformed row.
arch_rows()
{
	local n -
	local -a lines f
	# Rows are split into words, never globbed.
	set -f
	ARCH_ROWS=()
	if [[ ! -r $ARCH_TABLE ]]; then
		echo "arch table $ARCH_TABLE: cannot read it" >&2
		return 2
	fi
	mapfile -t lines < "$ARCH_TABLE"
	for (( n = 0; n < ${#lines[@]}; n++ )); do
		# shellcheck disable=SC2206 # split on purpose
		f=(${lines[n]})
		# Blank lines and comments, judged on the words.
		(( ${#f[@]} )) && [[ ${f[0]} != '#'* ]] || continue
		if (( ${#f[@]} != ${#ARCH_COLUMNS[@]} )); then
			echo "$ARCH_TABLE:$((n + 1)): ${#f[@]} columns, expected ${#ARCH_COLUMNS[@]} (${ARCH_COLUMNS[*]})" >&2
			return 2
		fi
		ARCH_ROWS+=("${lines[n]}")
	done
}

# arch_lookup NAME: the row whose name or one of whose aliases is NAME sets
# AT_NAME, AT_ALIASES, AT_LIB_DIR, ... ('-' becomes empty); returns 1 when
# there is none (REPLY then lists the names), 2 on a malformed table (that
# row; arch_rows checks them all).
arch_lookup()
{
	local want=$1 n i c -
	local -a lines f
	set -f
	if [[ ! -r $ARCH_TABLE ]]; then
		echo "arch table $ARCH_TABLE: cannot read it" >&2
		return 2
	fi
	mapfile -t lines < "$ARCH_TABLE"
	for (( n = 0; n < ${#lines[@]}; n++ )); do
		# Only a line holding NAME is split into words: splitting them
		# all costs every run script half a millisecond.
		[[ ${lines[n]} == *"$want"* ]] || continue
		# shellcheck disable=SC2206 # split on purpose
		f=(${lines[n]})
		(( ${#f[@]} )) && [[ ${f[0]} != '#'* ]] || continue
		[[ ${f[0]} == "$want" || ,${f[1]}, == *",$want,"* ]] || continue
		if (( ${#f[@]} != ${#ARCH_COLUMNS[@]} )); then
			echo "$ARCH_TABLE:$((n + 1)): ${#f[@]} columns, expected ${#ARCH_COLUMNS[@]} (${ARCH_COLUMNS[*]})" >&2
			return 2
		fi
		for (( i = 0; i < ${#ARCH_COLUMNS[@]}; i++ )); do
			c=${ARCH_COLUMNS[i]^^}
			[[ ${f[i]} == - ]] && f[i]=''
			printf -v "AT_$c" '%s' "${f[i]}"
		done
		return 0
	done
	arch_names || return 2
	REPLY=${REPLY// /, }
	return 1
}

# arch_names: REPLY is every arch's name, blank-separated.
arch_names()
{
	local row
	arch_rows || return 2
	REPLY=''
	for row in "${ARCH_ROWS[@]}"; do
		REPLY+="${REPLY:+ }${row%%[[:space:]]*}"
	done
}
