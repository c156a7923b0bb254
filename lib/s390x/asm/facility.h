/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/facility.h - the facility list: STORE FACILITY LIST EXTENDED and
 * test_facility(nr), with kvm-unit-tests' names. Facility bit 0 is the
 * leftmost bit of the first doubleword.
 */
#ifndef _ASM_S390X_FACILITY_H_
#define _ASM_S390X_FACILITY_H_

#include "libcflat.h"

#define NB_STFL_DOUBLEWORDS	32

/*
 * STFLE into fac, nb_doublewords long (1..256); returns the condition code.
 * The number of doublewords the CPU has is (*ndw_out + 1) when ndw_out is
 * not NULL: the CPU puts that minus one in bits 56-63 of register 0.
 */
static inline int stfle_cc(u64 *fac, unsigned int nb_doublewords, unsigned int *ndw_out)
{
	register unsigned long r0 asm("0") = nb_doublewords - 1;
	int cc;

	asm volatile("	stfle	%[fac]\n"
		     "	ipm	%[cc]\n"
		     "	srl	%[cc],28\n"
		     : [fac] "=Q"(*fac), [cc] "=d"(cc), "+d"(r0) : : "cc", "memory");
	if (ndw_out)
		*ndw_out = (r0 & 0xff) + 1;
	return cc;
}

/* The facility list, read once with STFLE (facilities 0..NB_STFL_DOUBLEWORDS * 64 - 1). */
static inline const u64 *stfle_list(void)
{
	static u64 list[NB_STFL_DOUBLEWORDS];
	static bool done;

	if (!done) {
		stfle_cc(list, NB_STFL_DOUBLEWORDS, NULL);
		done = true;
	}
	return list;
}

static inline bool test_facility(int nr)
{
	return stfle_list()[nr / 64] & (1UL << (63 - nr % 64));
}

/* STORE FACILITY LIST: facilities 0-31 into the lowcore (0xc8). */
static inline void stfl(void)
{
	asm volatile("stfl 0" : : : "memory");
}

#endif /* _ASM_S390X_FACILITY_H_ */
