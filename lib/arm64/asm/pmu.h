/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/pmu.h - the PMUv3 performance monitors: control bits, common event
 * numbers, how many counters there are, and the overflow interrupt's PPI
 * from the device tree. The registers themselves are read and written with
 * read_sysreg()/write_sysreg() by their names (pmcr_el0, pmccntr_el0, ...).
 */
#ifndef _ASM_ARM64_PMU_H_
#define _ASM_ARM64_PMU_H_

#include "libcflat.h"
#include "asm/sysreg.h"

#define PMU_PMCR_E		(1 << 0)	/* counters enabled */
#define PMU_PMCR_P		(1 << 1)	/* reset the event counters */
#define PMU_PMCR_C		(1 << 2)	/* reset the cycle counter */
#define PMU_PMCR_LC		(1 << 6)	/* the cycle counter overflows at 64 bits */
#define PMU_PMCR_N_SHIFT	11
#define PMU_PMCR_N_MASK		0x1f

#define PMU_CYCLE_IDX		31	/* the cycle counter's bit in PMCNTENSET, PMOVSSET, PMINTENSET */

#define PMU_EVENT_SW_INCR	0x00	/* counts writes of its bit to PMSWINC_EL0 */
#define PMU_EVENT_INST_RETIRED	0x08
#define PMU_EVENT_CPU_CYCLES	0x11

#define ID_AA64DFR0_PMUVER_SHIFT	8
#define ID_AA64DFR0_PMUVER_IMPDEF	0xf

/* ID_AA64DFR0_EL1.PMUVer: 0 without a PMU, 0xf for an IMPLEMENTATION DEFINED one, else the PMUv3 version. */
static inline unsigned int pmu_version(void)
{
	return (read_sysreg(id_aa64dfr0_el1) >> ID_AA64DFR0_PMUVER_SHIFT) & 0xf;
}

/* Event counters implemented (PMCR_EL0.N), the cycle counter not included. */
static inline int pmu_nr_counters(void)
{
	return (read_sysreg(pmcr_el0) >> PMU_PMCR_N_SHIFT) & PMU_PMCR_N_MASK;
}

/* The overflow interrupt's PPI number from the "arm,armv8-pmuv3" node (PPI() of it is the GIC ID), or -1. */
extern int pmu_ppi(void);

#endif /* _ASM_ARM64_PMU_H_ */
