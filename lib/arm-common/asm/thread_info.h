/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/thread_info.h - per-CPU state and stacks for code that runs in a
 * context of its own (kvm-unit-tests' names): THREAD_SIZE stacks from
 * thread_stack_alloc(), e.g. for start_usr(), and current_thread_info()
 * with the CPU number and whether the CPU runs a user-mode function.
 */
#ifndef _ASM_ARM64_THREAD_INFO_H_
#define _ASM_ARM64_THREAD_INFO_H_

#include "libcflat.h"
#include "alloc.h"
#include "asm/page.h"
#include "asm/setup.h"
#include "asm/smp.h"

#define THREAD_SHIFT		(PAGE_SHIFT > 14 ? PAGE_SHIFT : 14)
#define THREAD_SIZE		(1UL << THREAD_SHIFT)
#define THREAD_MASK		(~(THREAD_SIZE - 1))
/* Where a new stack's pointer starts: the top, less 16 bytes to keep it aligned and in the block. */
#define THREAD_START_SP		(THREAD_SIZE - 16)

#define TIF_USER_MODE		(1U << 0)	/* inside start_usr() */

struct thread_info {
	int cpu;
	unsigned int flags;
	void *pgtable;		/* the translation table the CPU runs on (mmu_enable() sets it) */
};

extern struct thread_info thread_infos[NR_CPUS];

static inline struct thread_info *current_thread_info(void)
{
	return &thread_infos[smp_processor_id()];
}

/* A THREAD_SIZE stack; returns its initial stack pointer (aborts when memory is out). */
static inline void *thread_stack_alloc(void)
{
	char *base = memalign(THREAD_SIZE, THREAD_SIZE);

	assert_msg(base, "thread_stack_alloc: no memory for a %lu-byte stack", THREAD_SIZE);
	return base + THREAD_START_SP;
}

#endif /* _ASM_ARM64_THREAD_INFO_H_ */
