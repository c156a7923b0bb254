# SPDX-License-Identifier: GPL-2.0-only
# alloc-misuse.bash - the page allocator's misuse aborts in the guest
# (common/alloc.c, misuse=WHAT), for the run-script suites of every arch:
# each must end the test with status 64 and a message naming the function,
# the address and the problem. When the test announced its pointer
# ("misuse: p=0x..."), the message must name that very address. Sourced
# after expect.bash; `alloc_misuse_all RUN IMAGE [QEMU options...]`.

alloc_misuse() {	# alloc_misuse WHAT MESSAGE_REGEX RUN IMAGE [options...]
	local what=$1 pattern=$2 p
	shift 2
	expect 64 "$pattern" "alloc misuse=$what aborts with its message" -- "$@" -append "misuse=$what"
	p=$(sed -n 's/^misuse: p=\(0x[0-9a-f]*\).*/\1/p' "$EXPECT_OUT")
	[ -z "$p" ] && return
	if grep -q ": $p: " "$EXPECT_OUT"; then
		expect_ok "alloc misuse=$what: the message names the pointer freed, $p"
	else
		expect_bad "alloc misuse=$what: no message names the pointer freed, $p"
	fi
}

alloc_misuse_all() {
	alloc_misuse double-free '^free_pages: 0x[0-9a-f]+: double free: the block of order 0 there is already free' "$@"
	alloc_misuse double-free-merged \
		'^free_pages: 0x[0-9a-f]+: double free: the page is inside the free block 0x[0-9a-f]+ of order' "$@"
	alloc_misuse inside-block \
		'^free_pages: 0x[0-9a-f]+: not the start of a block: the page is inside the allocated block 0x[0-9a-f]+ of order 3' \
		"$@"
	alloc_misuse outside-area '^free_pages: 0x[0-9a-f]+: outside every area of the page allocator' "$@"
	alloc_misuse misaligned '^free_pages: 0x[0-9a-f]+: not page aligned' "$@"
	alloc_misuse bad-alignment '^memalign_pages_flags: alignment 0x3000 is not a power of 2' "$@"
	alloc_misuse order '^alloc_pages_flags: order 52 is beyond the largest possible \(51\)' "$@"
	alloc_misuse free-reserved \
		'^free_pages: 0x[0-9a-f]+: the block of order 0 there is reserved \(use unreserve_pages\)' "$@"
	alloc_misuse unreserve-allocated '^unreserve_pages: 0x[0-9a-f]+: not reserved: inside the allocated block' "$@"
	alloc_misuse malloc-double-free '^free: 0x[0-9a-f]+: double free of a 32-byte object' "$@"
	alloc_misuse malloc-inside '^free: 0x[0-9a-f]+: not the start of an object' "$@"
	expect 64 '^ABORT: alloc: misuse=nonsense: unknown' "alloc misuse=nonsense is refused, not ignored" -- \
		"$@" -append misuse=nonsense
}
