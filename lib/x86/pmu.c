/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pmu.c - pmu_init(): struct pmu_caps from CPUID (pmu.h). Invariant: it
 * writes no MSR, so booting a test costs nothing on a hypervisor that
 * hides the PMU; tests reset the counters themselves
 * (pmu_reset_all_counters()).
 */
#include "pmu.h"

struct pmu_caps pmu;

/* Intel Atom models whose "instructions retired" (and "branches retired") count some far transfers twice. */
static void intel_errata(void)
{
	u32 sig = raw_cpuid(1, 0).a;

	if (x86_family(sig) != 6)
		return;
	switch (x86_model(sig)) {
	case 0xdd:	/* Clearwater Forest */
		pmu.errata.instructions_retired_overcount = true;
		break;
	case 0x4d:	/* Avoton / Rangeley */
	case 0x5f:	/* Denverton */
	case 0x86:	/* Jacobsville */
	case 0xaf:	/* Sierra Forest */
		pmu.errata.instructions_retired_overcount = true;
		pmu.errata.branches_retired_overcount = true;
		break;
	}
}

static void intel_pmu_init(void)
{
	u32 ebx_len;

	intel_errata();
	pmu.version = this_cpu_property(X86_PROPERTY_PMU_VERSION);
	pmu.nr_gp_counters = this_cpu_property(X86_PROPERTY_PMU_NR_GP_COUNTERS);
	pmu.gp_counter_width = this_cpu_property(X86_PROPERTY_PMU_GP_COUNTERS_BIT_WIDTH);
	/* Fixed counters are described from version 2 on. */
	if (pmu.version > 1) {
		pmu.nr_fixed_counters = this_cpu_property(X86_PROPERTY_PMU_NR_FIXED_COUNTERS);
		pmu.fixed_counter_width = this_cpu_property(X86_PROPERTY_PMU_FIXED_COUNTERS_BIT_WIDTH);
	}
	/* CPUID.0AH EBX: bit i set means architectural event i is NOT available; EAX[31:24] bits are valid. */
	ebx_len = this_cpu_property(X86_PROPERTY_PMU_EBX_BIT_VECTOR_LENGTH);
	pmu.arch_event_mask_length = ebx_len;
	pmu.arch_event_available = ~this_cpu_property(X86_PROPERTY_PMU_EVENTS_MASK) &
				   (ebx_len >= 32 ? ~0u : (1u << ebx_len) - 1);
	if (this_cpu_has(X86_FEATURE_PDCM))
		rdmsr_safe(MSR_IA32_PERF_CAPABILITIES, &pmu.perf_cap);
	pmu.msr_gp_counter_base = MSR_IA32_PERFCTR0;
	pmu.msr_gp_event_select_base = MSR_P6_EVNTSEL0;
	if (this_cpu_has_perf_global_status()) {
		pmu.msr_global_status = MSR_CORE_PERF_GLOBAL_STATUS;
		pmu.msr_global_ctl = MSR_CORE_PERF_GLOBAL_CTRL;
		pmu.msr_global_status_clr = MSR_CORE_PERF_GLOBAL_OVF_CTRL;
	}
}

static void amd_pmu_init(void)
{
	if (!this_cpu_has(X86_FEATURE_PERFCTR_CORE)) {
		pmu.nr_gp_counters = AMD64_NUM_COUNTERS;
		pmu.msr_gp_counter_base = MSR_K7_PERFCTR0;
		pmu.msr_gp_event_select_base = MSR_K7_EVNTSEL0;
	} else {
		pmu.msr_gp_counter_base = MSR_F15H_PERF_CTR0;
		pmu.msr_gp_event_select_base = MSR_F15H_PERF_CTL0;
		/* PerfMonV2 counts its core counters in CPUID 0x80000022 EBX; before it there are six. */
		if (this_cpu_has(X86_FEATURE_AMD_PMU_V2)) {
			pmu.version = 2;
			pmu.nr_gp_counters = this_cpu_property(X86_PROPERTY_NR_PERFCTR_CORE);
		} else {
			pmu.nr_gp_counters = AMD64_NUM_COUNTERS_CORE;
		}
	}
	pmu.gp_counter_width = PMC_DEFAULT_WIDTH;
	/* AMD has no architectural-event mask: every event may be asked for. */
	pmu.arch_event_mask_length = 32;
	pmu.arch_event_available = ~0u;
	if (this_cpu_has_perf_global_status()) {
		pmu.msr_global_status = MSR_AMD64_PERF_CNTR_GLOBAL_STATUS;
		pmu.msr_global_ctl = MSR_AMD64_PERF_CNTR_GLOBAL_CTL;
		pmu.msr_global_status_clr = MSR_AMD64_PERF_CNTR_GLOBAL_STATUS_CLR;
	}
}

void pmu_init(void)
{
	memset(&pmu, 0, sizeof(pmu));
	pmu.is_intel = is_intel();
	if (pmu.is_intel)
		intel_pmu_init();
	else
		amd_pmu_init();
}
