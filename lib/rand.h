/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rand.h - a small pseudo-random generator for tests (xorshift64): the same
 * seed gives the same sequence in every guest and on the host, so a run
 * that failed with a printed seed can be replayed.
 */
#ifndef _RAND_H_
#define _RAND_H_

#include "libcflat.h"

/* Next value of the sequence; *state must not be 0 (it would stay 0). */
static inline u64 xorshift64(u64 *state)
{
	u64 x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *state = x;
}

#endif /* _RAND_H_ */
