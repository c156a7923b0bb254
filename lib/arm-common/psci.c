/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psci.c - the PSCI functions for arm and arm64, on top of the arch's
 * psci_invoke() (smccc.c: the SMC calling convention through the conduit
 * the device tree names). A 64-bit caller uses the SMC64 function ids where
 * PSCI has them, a 32-bit one the SMC32 ids (PSCI_FN_NATIVE).
 */
#include "libcflat.h"
#include "string.h"
#include "asm/processor.h"
#include "asm/psci.h"

/* Which conduit __psci_invoke() uses: the device tree's method. */
bool psci_use_smc;
/* kvm-unit-tests' name for the conduit: which of the two SMCCC calls PSCI goes through. */
smccc_invoke_fn psci_invoke_fn = arm_smccc_hvc;

void psci_set_conduit(const char *method)
{
	psci_use_smc = method && !strcmp(method, "smc");
	psci_invoke_fn = psci_use_smc ? arm_smccc_smc : arm_smccc_hvc;
}

const char *psci_conduit(void)
{
	return psci_use_smc ? "smc" : "hvc";
}

u32 psci_version(void)
{
	return psci_invoke(PSCI_0_2_FN_VERSION, 0, 0, 0);
}

int psci_cpu_on_context(unsigned long cpuid, unsigned long entry_point, unsigned long context_id)
{
	return psci_invoke(PSCI_FN_NATIVE(CPU_ON), cpuid, entry_point, context_id);
}

/*
 * The context id is the target's CPU number (0 for an MPIDR that is no CPU):
 * secondary_entry reads its CPU number from x0 (arm: r0), so a test may start
 * a CPU there with this call, as kvm-unit-tests' psci test does.
 */
int psci_cpu_on(unsigned long cpuid, unsigned long entry_point)
{
	int cpu = mpidr_to_cpu(cpuid);

	return psci_cpu_on_context(cpuid, entry_point, cpu < 0 ? 0 : cpu);
}

int psci_affinity_state(unsigned long mpidr)
{
	return psci_invoke(PSCI_FN_NATIVE(AFFINITY_INFO), mpidr, 0, 0);
}

int psci_cpu_off(void)
{
	return psci_invoke(PSCI_0_2_FN_CPU_OFF, 0, 0, 0);
}

void psci_system_off(void)
{
	psci_invoke(PSCI_0_2_FN_SYSTEM_OFF, 0, 0, 0);
}

void psci_system_reset(void)
{
	psci_invoke(PSCI_0_2_FN_SYSTEM_RESET, 0, 0, 0);
}

const char *psci_strerror(long ret)
{
	switch (ret) {
	case PSCI_RET_SUCCESS: return "SUCCESS";
	case PSCI_RET_NOT_SUPPORTED: return "NOT_SUPPORTED";
	case PSCI_RET_INVALID_PARAMS: return "INVALID_PARAMETERS";
	case PSCI_RET_DENIED: return "DENIED";
	case PSCI_RET_ALREADY_ON: return "ALREADY_ON";
	case PSCI_RET_ON_PENDING: return "ON_PENDING";
	case PSCI_RET_INTERNAL_FAILURE: return "INTERNAL_FAILURE";
	case PSCI_RET_NOT_PRESENT: return "NOT_PRESENT";
	case PSCI_RET_DISABLED: return "DISABLED";
	case PSCI_RET_INVALID_ADDRESS: return "INVALID_ADDRESS";
	}
	return "unknown";
}
