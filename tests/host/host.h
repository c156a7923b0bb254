/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * host.h - what a host-side test program may ask of the host. Host test
 * programs are compiled like lib/ (rename.h, no host headers), so every
 * host service they need goes through these functions, which host.c
 * implements against the real C library.
 */
#ifndef _HOST_H_
#define _HOST_H_

#include "libcflat.h"

/* Reserve size bytes of address space aligned to align (a power of 2), lazily backed; NULL on failure. */
extern void *host_map(size_t size, size_t align);
extern void host_unmap(void *p, size_t size);

/*
 * Run fn(arg) in a child process with its output captured. Return the
 * child's exit status (as the arch run scripts report it: 0..255, or
 * 128 + signal), and its output in out (NUL-terminated, cut to outlen).
 * This is how a test checks that a misuse aborts with the right message.
 */
extern int host_run_child(void (*fn)(void *), void *arg, char *out, size_t outlen);

/* Monotonic time in nanoseconds, for benchmarks. */
extern u64 host_now_ns(void);

/* A seed for random tests: $SEED if set, else from the clock; printed by the caller. */
extern u64 host_seed(void);

#endif /* _HOST_H_ */
