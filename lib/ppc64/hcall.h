/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hcall.h - PAPR hypercalls (sc 1), their numbers and statuses. The
 * opcode goes in r3 and the arguments from r4 on; the status comes back in
 * r3 and the results from r4 on (hcall: four arguments, three results;
 * hcall5: five and four). The hypervisor may change r0 and r3..r12, CR,
 * CTR and XER.
 */
#ifndef _PPC64_HCALL_H_
#define _PPC64_HCALL_H_

#include "libcflat.h"
#include "asm/ppc.h"

/* PAPR hypercall statuses (r3 on return). */
#define H_BUSY			1
#define H_HARDWARE		(-1)
#define H_FUNCTION		(-2)	/* no such hypercall */
#define H_PRIVILEGE		(-3)
#define H_PARAMETER		(-4)
#define H_BAD_MODE		(-5)
#define H_PTEG_FULL		(-6)
#define H_NOT_FOUND		(-7)
#define H_RESOURCE		(-16)

/* PAPR hypercall numbers (kvm-unit-tests' and Linux's names). */
#define H_REMOVE		0x04
#define H_ENTER			0x08
#define H_READ			0x0c
#define H_PROTECT		0x18
#define H_SET_SPRG0		0x24
#define H_PAGE_INIT		0x2c
#define H_EOI			0x64
#define H_CPPR			0x68
#define H_IPI			0x6c
#define H_IPOLL			0x70
#define H_XIRR			0x74
#define H_REGISTER_VPA		0xdc
#define H_CEDE			0xe0
#define H_CONFER		0xe4
#define H_PROD			0xe8
#define H_RANDOM		0x300
#define H_INT_GET_SOURCE_INFO	0x3a8
#define H_INT_SET_SOURCE_CONFIG	0x3ac
#define H_INT_GET_SOURCE_CONFIG	0x3b0
#define H_INT_SET_QUEUE_CONFIG	0x3b8
#define H_INT_ESB		0x3c8
#define H_INT_RESET		0x3d0
/* QEMU's hypercall behind ibm,client-architecture-support: r4 = the vector, r5/r6 = a buffer for the new tree. */
#define KVMPPC_H_CAS		0xf002

/* Flags in the first argument, PAPR numbers their bits from the most significant (bit 0 is 1UL << 63). */
#define H_PAPR_BIT(n)		(1UL << (63 - (n)))
/* H_ENTER: use the very slot ptex names, not any free one of its group. */
#define H_EXACT			H_PAPR_BIT(24)
#define H_ZERO_PAGE		H_PAPR_BIT(48)	/* H_PAGE_INIT */
#define H_COPY_PAGE		H_PAPR_BIT(49)	/* H_PAGE_INIT */
#define H_VPA_FUNC_SHIFT	(63 - 18)	/* H_REGISTER_VPA: the subfunction, bits 16..18 */
#define H_VPA_REG_VPA		1UL
#define H_VPA_REG_DTL		2UL
#define H_VPA_REG_SLB		3UL
#define H_VPA_DEREG_VPA		5UL
#define H_VPA_DEREG_DTL		6UL
#define H_VPA_DEREG_SLB		7UL

/* hcall5(op, a1..a5, ret): five arguments (r4..r8); ret (NULL when unwanted) receives r4..r7. */
static inline long hcall5(unsigned long op, unsigned long a1, unsigned long a2, unsigned long a3, unsigned long a4,
			  unsigned long a5, unsigned long *ret)
{
	register unsigned long r3 asm("r3") = op;
	register unsigned long r4 asm("r4") = a1;
	register unsigned long r5 asm("r5") = a2;
	register unsigned long r6 asm("r6") = a3;
	register unsigned long r7 asm("r7") = a4;
	register unsigned long r8 asm("r8") = a5;

	asm volatile("sc 1"
		     : "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6), "+r"(r7), "+r"(r8)
		     :
		     : "r0", "r9", "r10", "r11", "r12", "ctr", "xer", "cr0", "cr1", "cr5", "cr6", "cr7", "memory");
	if (ret) {
		ret[0] = r4;
		ret[1] = r5;
		ret[2] = r6;
		ret[3] = r7;
	}
	return r3;
}

/* hcall(op, a1..a4, ret): ret (NULL when unwanted) receives r4..r6. */
static inline long hcall(unsigned long op, unsigned long a1, unsigned long a2, unsigned long a3,
			 unsigned long a4, unsigned long *ret)
{
	unsigned long r[4];
	long status = hcall5(op, a1, a2, a3, a4, 0, r);

	if (ret) {
		ret[0] = r[0];
		ret[1] = r[1];
		ret[2] = r[2];
	}
	return status;
}

#endif /* _PPC64_HCALL_H_ */
