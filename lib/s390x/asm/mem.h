/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/mem.h - storage keys, with kvm-unit-tests' names: every 4 KiB block
 * of real storage has a 7-bit key (access-control bits, fetch-protection
 * bit, reference and change bits) that SET STORAGE KEY EXTENDED, INSERT
 * STORAGE KEY EXTENDED and RESET REFERENCE BIT EXTENDED work on. The
 * operands are real addresses: the identity map makes them the same as
 * the virtual ones.
 */
#ifndef _ASM_S390X_MEM_H_
#define _ASM_S390X_MEM_H_

#include "libcflat.h"

/* The key as ISKE inserts it (bits 56-62 of the register) and SSKE takes it. */
#define SKEY_ACC	0xf0	/* access-control bits */
#define SKEY_FP		0x08	/* fetch protection */
#define SKEY_R		0x04	/* reference */
#define SKEY_C		0x02	/* change */

/* SSKE: the key of addr's block; nq: the nonquiescing control (M3 bit 3) of the conditional-SSKE facility. */
static inline void set_storage_key(void *addr, unsigned char skey, int nq)
{
	if (nq)
		asm volatile("sske %0,%1,1" : : "d"(skey), "a"(addr) : "memory");
	else
		asm volatile("sske %0,%1" : : "d"(skey), "a"(addr) : "memory");
}

static inline unsigned char get_storage_key(void *addr)
{
	unsigned long skey = 0;

	asm volatile("iske %0,%1" : "+d"(skey) : "a"(addr));
	return skey;
}

/* RRBE: clears the reference bit; returns the condition code (reference bit << 1 | change bit). */
static inline int reset_reference_bit(void *addr)
{
	int cc;

	asm volatile("	rrbe	0,%1\n"
		     "	ipm	%0\n"
		     "	srl	%0,28\n"
		     : "=d"(cc) : "a"(addr) : "cc", "memory");
	return cc;
}

#endif /* _ASM_S390X_MEM_H_ */
