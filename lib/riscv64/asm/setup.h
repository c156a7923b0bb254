/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/setup.h - what boot (setup.c) found and tests may read: the harts of
 * the device tree (cpus[i] is CPU i's hart id, nr_cpus of them), the
 * timebase frequency, and the memory regions (memregions.h).
 */
#ifndef _ASM_RISCV64_SETUP_H_
#define _ASM_RISCV64_SETUP_H_

#include "libcflat.h"
#include "memregions.h"
#include "asm/page.h"

#define NR_CPUS		64

extern unsigned long cpus[NR_CPUS];
extern int nr_cpus;
/* Ticks of the time CSR per second: /cpus/timebase-frequency. */
extern u64 timebase_frequency;

/* cstart.S calls it with the boot hart's id and the device tree's address, before main(). */
extern void setup(unsigned long hartid, const void *fdt);

#endif /* _ASM_RISCV64_SETUP_H_ */
