/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pmu.h - the performance-monitoring unit as CPUID describes it
 * (kvm-unit-tests' names): struct pmu_caps pmu, filled at boot, says how
 * many general-purpose and fixed counters there are, how wide, which
 * architectural events exist and which MSRs drive them, on Intel
 * (architectural PMU, Intel SDM vol. 3, chapter 20) and on AMD (legacy
 * and core counters, PerfMonV2; AMD APM vol. 2, 13.2).
 */
#ifndef _X86_PMU_H_
#define _X86_PMU_H_

#include "libcflat.h"
#include "processor.h"
#include "msr.h"

#define FIXED_CNT_INDEX		32	/* a fixed counter's bit in the global control and status MSRs */
#define MAX_NUM_LBR_ENTRY	32
#define PMI_VECTOR		32	/* the vector tests give the LVT performance-counter entry */

#define AMD64_NUM_COUNTERS	4	/* legacy counters, PerfEvtSel0-3 / PerfCtr0-3 */
#define AMD64_NUM_COUNTERS_CORE	6	/* with PerfCtrExtCore */
#define PMC_DEFAULT_WIDTH	48	/* AMD's counter width */

/* IA32_PERF_CAPABILITIES fields. */
#define PMU_CAP_LBR_FMT		0x3f
#define PERF_CAP_PEBS_FORMAT	0xf00
#define PMU_CAP_FW_WRITES	BIT_ULL(13)
#define PMU_CAP_PEBS_BASELINE	BIT_ULL(14)
#define PMU_CAP_PEBS_TIMING_INFO BIT_ULL(17)

/* IA32_PERFEVTSELx / PerfEvtSeln fields. */
#define EVNSEL_EVENT_SHIFT	0
#define EVNTSEL_UMASK_SHIFT	8
#define EVNTSEL_USR_SHIFT	16
#define EVNTSEL_OS_SHIFT	17
#define EVNTSEL_EDGE_SHIFT	18
#define EVNTSEL_PC_SHIFT	19
#define EVNTSEL_INT_SHIFT	20
#define EVNTSEL_EN_SHIF		22
#define EVNTSEL_INV_SHIF	23
#define EVNTSEL_CMASK_SHIFT	24
#define EVNTSEL_EN		(1 << EVNTSEL_EN_SHIF)
#define EVNTSEL_USR		(1 << EVNTSEL_USR_SHIFT)
#define EVNTSEL_OS		(1 << EVNTSEL_OS_SHIFT)
#define EVNTSEL_PC		(1 << EVNTSEL_PC_SHIFT)
#define EVNTSEL_INT		(1 << EVNTSEL_INT_SHIFT)
#define EVNTSEL_INV		(1 << EVNTSEL_INV_SHIF)

#define GLOBAL_STATUS_BUFFER_OVF_BIT	62
#define GLOBAL_STATUS_BUFFER_OVF	BIT_ULL(GLOBAL_STATUS_BUFFER_OVF_BIT)

/* MSR_PEBS_DATA_CFG: the adaptive PEBS record groups. */
#define PEBS_DATACFG_MEMINFO	BIT_ULL(0)
#define PEBS_DATACFG_GPRS	BIT_ULL(1)
#define PEBS_DATACFG_XMMS	BIT_ULL(2)
#define PEBS_DATACFG_LBRS	BIT_ULL(3)
#define PEBS_DATACFG_MASK	(PEBS_DATACFG_MEMINFO | PEBS_DATACFG_GPRS | PEBS_DATACFG_XMMS | PEBS_DATACFG_LBRS)
#define PEBS_DATACFG_LBR_SHIFT	24
#define ICL_EVENTSEL_ADAPTIVE	BIT_ULL(34)

struct pmu_caps {
	bool is_intel;
	u8 version;			/* Intel: CPUID.0AH EAX[7:0]; AMD: 2 with PerfMonV2, else 0 */
	u8 nr_fixed_counters;
	u8 fixed_counter_width;
	u8 nr_gp_counters;
	u8 gp_counter_width;
	u8 arch_event_mask_length;
	u32 arch_event_available;	/* bit i: architectural event i exists */
	u32 msr_gp_counter_base;
	u32 msr_gp_event_select_base;
	u32 msr_global_status;		/* 0 without global control (version < 2) */
	u32 msr_global_ctl;
	u32 msr_global_status_clr;
	u64 perf_cap;			/* IA32_PERF_CAPABILITIES, 0 without PDCM */
	/* Intel Atom cores that count some far transfers twice (their specification updates). */
	struct {
		bool instructions_retired_overcount;
		bool branches_retired_overcount;
	} errata;
};

extern struct pmu_caps pmu;

/* Fill pmu from CPUID (at boot; it reads IA32_PERF_CAPABILITIES and writes no MSR). */
extern void pmu_init(void);

/* Counter and event-select MSR of general-purpose counter i: AMD's core counters interleave, CTLn then CTRn. */
static inline u32 MSR_GP_COUNTERx(unsigned int i)
{
	return pmu.msr_gp_counter_base + (pmu.msr_gp_counter_base == MSR_F15H_PERF_CTR0 ? 2 * i : i);
}

static inline u32 MSR_GP_EVENT_SELECTx(unsigned int i)
{
	return pmu.msr_gp_event_select_base + (pmu.msr_gp_event_select_base == MSR_F15H_PERF_CTL0 ? 2 * i : i);
}

static inline u32 MSR_PERF_FIXED_CTRx(unsigned int i)
{
	return MSR_CORE_PERF_FIXED_CTR0 + i;
}

/* Every AMD64 CPU has the legacy counters; an Intel one has a PMU when CPUID.0AH gives a version. */
static inline bool this_cpu_has_pmu(void)
{
	return !pmu.is_intel || pmu.version;
}

static inline bool this_cpu_has_perf_global_ctrl(void)
{
	return pmu.version > 1;
}

static inline bool this_cpu_has_perf_global_status(void)
{
	return pmu.version > 1;
}

static inline bool pmu_arch_event_is_available(int i)
{
	return pmu.arch_event_available & BIT(i);
}

static inline u64 pmu_lbr_version(void)
{
	return pmu.perf_cap & PMU_CAP_LBR_FMT;
}

/* Full-width writes: the IA32_PMCi aliases take all counter bits, where IA32_PERFCTRi sign-extends bit 31. */
static inline bool pmu_has_full_writes(void)
{
	return pmu.perf_cap & PMU_CAP_FW_WRITES;
}

static inline void pmu_activate_full_writes(void)
{
	pmu.msr_gp_counter_base = MSR_IA32_PMC0;
}

static inline bool pmu_use_full_writes(void)
{
	return pmu.msr_gp_counter_base == MSR_IA32_PMC0;
}

static inline void pmu_reset_all_gp_counters(void)
{
	unsigned int i;

	for (i = 0; i < pmu.nr_gp_counters; i++) {
		wrmsr(MSR_GP_EVENT_SELECTx(i), 0);
		wrmsr(MSR_GP_COUNTERx(i), 0);
	}
}

static inline void pmu_reset_all_fixed_counters(void)
{
	unsigned int i;

	if (!pmu.nr_fixed_counters)
		return;
	wrmsr(MSR_CORE_PERF_FIXED_CTR_CTRL, 0);
	for (i = 0; i < pmu.nr_fixed_counters; i++)
		wrmsr(MSR_PERF_FIXED_CTRx(i), 0);
}

static inline void pmu_reset_all_counters(void)
{
	pmu_reset_all_gp_counters();
	pmu_reset_all_fixed_counters();
}

/* Writing the status bits to the clear (Intel: overflow control) MSR clears them. */
static inline void pmu_clear_global_status(void)
{
	wrmsr(pmu.msr_global_status_clr, rdmsr(pmu.msr_global_status));
}

static inline bool pmu_has_pebs(void)
{
	return pmu.version > 1;
}

static inline u8 pmu_pebs_format(void)
{
	return (pmu.perf_cap & PERF_CAP_PEBS_FORMAT) >> 8;
}

static inline bool pmu_has_pebs_baseline(void)
{
	return pmu.perf_cap & PMU_CAP_PEBS_BASELINE;
}

static inline bool pmu_has_pebs_timing_info(void)
{
	return pmu.perf_cap & PMU_CAP_PEBS_TIMING_INFO;
}

#endif /* _X86_PMU_H_ */
