# SPDX-License-Identifier: GPL-2.0-only
# arch-table.bash - reads scripts/arch.tbl, the one description of every
# arch (columns: docs/architecture.md, "Adding an arch"). Pure bash: a
# standalone test needs nothing more.

ARCH_TABLE=${ARCH_TABLE:-${BASH_SOURCE[0]%/*}/arch.tbl}
# The columns, in order; arch_lookup sets AT_<COLUMN> for each.
ARCH_COLUMNS=(name aliases lib_dir test_dir ext cross_prefix gcc_pkg objdump_arch qemu_bin qemu_pkg kvm_hosts
	machine devices exit)

# arch_lookup NAME: reads the whole table, ARCH_NAMES its arches' names
# (blank-separated). The row whose name or one of whose aliases is NAME sets
# AT_NAME, AT_ALIASES, ... ('-' becomes empty); status 1 when there is none
# (REPLY then lists the names, comma-separated), 2 with a FILE:LINE message
# on stderr for a malformed table.
arch_lookup() {
	local n=0 i found=''
	local -a f
	ARCH_NAMES=''
	[[ -r $ARCH_TABLE ]] || { echo "arch table $ARCH_TABLE: cannot read it" >&2; return 2; }
	while read -r -a f; do
		(( ++n ))
		(( ${#f[@]} )) && [[ ${f[0]} != '#'* ]] || continue
		if (( ${#f[@]} != ${#ARCH_COLUMNS[@]} )); then
			echo "$ARCH_TABLE:$n: ${#f[@]} columns, expected ${#ARCH_COLUMNS[@]} (${ARCH_COLUMNS[*]})" >&2
			return 2
		fi
		ARCH_NAMES+="${ARCH_NAMES:+ }${f[0]}"
		[[ -z $found && ( ${f[0]} == "$1" || ,${f[1]}, == *",$1,"* ) ]] || continue
		found=1
		for (( i = 0; i < ${#f[@]}; i++ )); do
			[[ ${f[i]} == - ]] && f[i]=''
			printf -v "AT_${ARCH_COLUMNS[i]^^}" '%s' "${f[i]}"
		done
	done < "$ARCH_TABLE"
	REPLY=${ARCH_NAMES// /, }
	[[ -n $found ]]
}
