/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hcall.h - PAPR hypercalls (sc 1). The opcode goes in r3 and the
 * arguments in r4..r9; the status comes back in r3 and up to three results
 * in r4..r6. The hypervisor may change r0 and r3..r12, CR, CTR and XER.
 */
#ifndef _PPC64_HCALL_H_
#define _PPC64_HCALL_H_

#include "libcflat.h"
#include "asm/ppc.h"

/* hcall(op, a1..a4, ret): ret (NULL when unwanted) receives r4..r6. */
static inline long hcall(unsigned long op, unsigned long a1, unsigned long a2, unsigned long a3,
			 unsigned long a4, unsigned long *ret)
{
	register unsigned long r3 asm("r3") = op;
	register unsigned long r4 asm("r4") = a1;
	register unsigned long r5 asm("r5") = a2;
	register unsigned long r6 asm("r6") = a3;
	register unsigned long r7 asm("r7") = a4;

	asm volatile("sc 1"
		     : "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7)
		     :
		     : "r0", "r8", "r9", "r10", "r11", "r12", "ctr", "xer", "cr0", "cr1", "cr5", "cr6", "cr7",
		       "memory");
	if (ret) {
		ret[0] = r4;
		ret[1] = r5;
		ret[2] = r6;
	}
	return r3;
}

#endif /* _PPC64_HCALL_H_ */
