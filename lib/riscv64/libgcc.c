/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libgcc.c - the two libgcc helpers the library needs (__builtin_clzl and
 * __builtin_ctzl without the Zbb extension). Debian's riscv64 libgcc is
 * built for the lp64d ABI, which the linker refuses to mix with our lp64
 * objects, so the images link without it (arch.mk).
 */
#include "libcflat.h"

int __clzdi2(unsigned long x);
int __ctzdi2(unsigned long x);

/* Count leading zeros by halving the window: no loop the compiler could turn back into a clz call. */
int __clzdi2(unsigned long x)
{
	int n = 0, shift;

	for (shift = 32; shift; shift >>= 1) {
		if (!(x >> (64 - shift))) {
			n += shift;
			x <<= shift;
		}
	}
	return n;
}

int __ctzdi2(unsigned long x)
{
	int n = 0, shift;

	for (shift = 32; shift; shift >>= 1) {
		if (!(x << (64 - shift))) {
			n += shift;
			x >>= shift;
		}
	}
	return n;
}
