/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * stack.c - walk frame-pointer chains. On x86_64 and arm64 a frame record
 * is { previous frame pointer, return address } at the frame pointer; the
 * boot code zeroes the frame pointer, which ends every walk. ppc64 walks
 * its back chain instead (frame_unwind in lib/ppc64/exceptions.c).
 * The addresses are printed so that scripts can feed them to addr2line.
 */
#include "libcflat.h"
#include "stack.h"

/*
 * The frame record at fp: its caller's frame, and the return address into
 * the caller in *ret. An arch whose frames are laid out otherwise (ppc64)
 * overrides this with a strong definition in an object every image links.
 */
__weak const void *const *frame_unwind(const void *const *fp, const void **ret)
{
	*ret = fp[1];
	return fp[0];
}

/* Weak: an arch whose frames are no chain of such records (s390x) links its own walker. */
__weak int backtrace_frame(const void *frame, const void **ret, int max)
{
	const void *const *fp = frame;
	int depth = 0;

	while (fp && depth < max) {
		const void *addr;
		const void *const *prev = frame_unwind(fp, &addr);

		if (!addr)
			break;
		ret[depth++] = addr;
		/* Stacks grow down: a caller's frame is always above, so this cannot loop. */
		if (prev <= fp)
			break;
		fp = prev;
	}
	return depth;
}

int backtrace(const void **ret, int max)
{
	return backtrace_frame(__builtin_frame_address(0), ret, max);
}

/*
 * "STACK: @ret @ret ...": return addresses, as they are on the stack (each
 * points just after its call; scripts/runner/exec.bash steps back into the
 * call when it resolves them).
 */
void print_backtrace(const void **ret, int depth)
{
	int i;

	printf("\tSTACK:");
	for (i = 0; i < depth; i++)
		printf(" @%lx", (unsigned long)ret[i]);
	printf("\n");
}

/* An exception's trace starts at the faulting pc itself, marked "pc=". */
void dump_frame_stack(const void *pc, const void *fp)
{
	const void *ret[MAX_DEPTH];
	int depth, i;

	depth = backtrace_frame(fp, ret, MAX_DEPTH);
	printf("\tSTACK: pc=@%lx", (unsigned long)pc);
	for (i = 0; i < depth; i++)
		printf(" @%lx", (unsigned long)ret[i]);
	printf("\n");
}

void dump_stack(void)
{
	const void *ret[MAX_DEPTH];

	print_backtrace(ret, backtrace(ret, MAX_DEPTH));
}
