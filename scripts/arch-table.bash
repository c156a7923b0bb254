# SPDX-License-Identifier: GPL-2.0-only
# arch-table.bash - reads scripts/arch.tbl, the one description of every
# arch (columns: docs/architecture.md, "Adding an arch"). Sourced by
# configure, run-image.bash, the check and bench scripts; pure bash, so that
# a standalone test needs nothing more.

ARCH_TABLE=${ARCH_TABLE:-${BASH_SOURCE[0]%/*}/arch.tbl}
# The columns, in order; arch_lookup sets AT_<COLUMN> for each.
ARCH_COLUMNS=(name aliases lib_dir test_dir ext cross_prefix gcc_pkg objdump_arch qemu_bin qemu_pkg kvm_hosts
	machine devices exit)

# arch_rows: ARCH_ROWS, the table's rows (one string each), or status 2 with
# a FILE:LINE message on stderr for a malformed row.
arch_rows() {
	local n=0 line -
	local -a f
	set -f
	ARCH_ROWS=()
	[[ -r $ARCH_TABLE ]] || { echo "arch table $ARCH_TABLE: cannot read it" >&2; return 2; }
	while IFS= read -r line; do
		(( n++ ))
		# shellcheck disable=SC2206 # split on purpose, never globbed
		f=($line)
		(( ${#f[@]} )) && [[ ${f[0]} != '#'* ]] || continue
		if (( ${#f[@]} != ${#ARCH_COLUMNS[@]} )); then
			echo "$ARCH_TABLE:$n: ${#f[@]} columns, expected ${#ARCH_COLUMNS[@]} (${ARCH_COLUMNS[*]})" >&2
			return 2
		fi
		ARCH_ROWS+=("$line")
	done < "$ARCH_TABLE"
}

# arch_lookup NAME: the row whose name or one of whose aliases is NAME sets
# AT_NAME, AT_ALIASES, ... ('-' becomes empty); status 1 when there is none
# (REPLY then lists the names, comma-separated), 2 on a malformed table.
arch_lookup() {
	local row i -
	local -a f
	set -f
	arch_rows || return 2
	for row in "${ARCH_ROWS[@]}"; do
		# shellcheck disable=SC2206 # split on purpose, never globbed
		f=($row)
		[[ ${f[0]} == "$1" || ,${f[1]}, == *",$1,"* ]] || continue
		for (( i = 0; i < ${#ARCH_COLUMNS[@]}; i++ )); do
			[[ ${f[i]} == - ]] && f[i]=''
			printf -v "AT_${ARCH_COLUMNS[i]^^}" '%s' "${f[i]}"
		done
		return 0
	done
	arch_names
	REPLY=${REPLY// /, }
	return 1
}

# arch_names: REPLY is every arch's name, blank-separated.
arch_names() {
	local row
	arch_rows || return 2
	REPLY=''
	for row in "${ARCH_ROWS[@]}"; do
		REPLY+="${REPLY:+ }${row%%[[:space:]]*}"
	done
}
