/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * processor.h - s390x CPU helpers a test uses: which CPU runs
 * (smp_processor_id, from the CPU's own lowcore), halting, and the
 * interruption API of interrupt.h.
 */
#ifndef _S390X_PROCESSOR_H_
#define _S390X_PROCESSOR_H_

#include "libcflat.h"
#include "asm/arch_def.h"
#include "asm/barrier.h"
#include "interrupt.h"

/* Invariant: the boot code and smp.c set the field before the CPU runs C code. */
static inline int smp_processor_id(void)
{
	return lowcore.sw_cpu_nr;
}

/* A disabled wait: this CPU stops for good (cstart64.S). */
extern void halt(void) __noreturn;

#endif /* _S390X_PROCESSOR_H_ */
