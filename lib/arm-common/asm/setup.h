/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/setup.h - what boot (setup.c) found and tests may read: the CPUs of
 * the device tree (cpus[i] is CPU i's MPIDR affinity, nr_cpus of them) and
 * the memory regions (memregions.h). NR_CPUS bounds cpumask_t.
 */
#ifndef _ASM_ARM64_SETUP_H_
#define _ASM_ARM64_SETUP_H_

#include "libcflat.h"
#include "memregions.h"
#include "asm/page.h"

#define NR_CPUS			64

extern unsigned long cpus[NR_CPUS];
extern int nr_cpus;

/* The lowest RAM address and the end of the highest RAM (setup() sets them from the device tree). */
extern phys_addr_t __phys_offset, __phys_end;
#define PHYS_OFFSET		(__phys_offset)
#define PHYS_END		(__phys_end)

/* cstart64.S calls it with the device tree's address, before main(). */
extern void setup(const void *fdt);

#endif /* _ASM_ARM64_SETUP_H_ */
