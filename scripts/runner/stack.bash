# SPDX-License-Identifier: GPL-2.0-only
# stack.bash - after a test fails, turn the raw addresses of its backtraces
# ("STACK: @100574 @100101") into function, file and line with addr2line on
# the test's ELF file, and add them to its log. Only failed tests pay for it.

# stack_resolve LOG IMAGE: appends the resolved frames to LOG, when there are
# STACK lines, the ELF next to IMAGE exists, and addr2line is installed.
stack_resolve()
{
	local log=$1 elf=${2%.*}.elf tool=${CONFIG[CROSS_PREFIX]:-}addr2line line a
	local -a addrs=()
	[[ -f $elf ]] || return 0
	command -v "$tool" > /dev/null || return 0
	while IFS= read -r line; do
		[[ $line == *STACK:* ]] || continue
		for a in ${line#*STACK:}; do
			# A return address points after its call: step back into the
			# call. "pc=@addr" is an exception's faulting pc, exact already.
			if [[ $a =~ ^pc=@([0-9a-fA-F]+)$ ]]; then
				addrs+=("${BASH_REMATCH[1]}")
			elif [[ $a =~ ^@([0-9a-fA-F]+)$ ]]; then
				printf -v a '%x' $(( 0x${BASH_REMATCH[1]} - 1 ))
				addrs+=("$a")
			fi
		done
	done < "$log"
	(( ${#addrs[@]} )) || return 0
	{
		echo "backtrace ($tool -e $elf):"
		"$tool" -e "$elf" -f -i -p -C "${addrs[@]}" 2>&1 | sed 's/^/	/'
	} >> "$log"
}
