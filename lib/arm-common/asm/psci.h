/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/psci.h - the Power State Coordination Interface: how the guest asks the
 * hypervisor (hvc) or firmware (smc) to start and stop CPUs and to power
 * off. The conduit comes from the device tree's /psci "method".
 */
#ifndef _ASM_ARM_COMMON_PSCI_H_
#define _ASM_ARM_COMMON_PSCI_H_

#include "libcflat.h"
#include "asm/arm-smccc.h"

#define PSCI_0_2_FN_VERSION		0x84000000
#define PSCI_0_2_FN_PSCI_VERSION	PSCI_0_2_FN_VERSION	/* Linux's name */
#define PSCI_0_2_FN_CPU_OFF		0x84000002
#define PSCI_0_2_FN_CPU_ON		0x84000003
#define PSCI_0_2_FN_AFFINITY_INFO	0x84000004
#define PSCI_0_2_FN64_CPU_ON		0xc4000003
#define PSCI_0_2_FN64_AFFINITY_INFO	0xc4000004
#define PSCI_0_2_FN_MIGRATE_INFO_TYPE	0x84000006
#define PSCI_0_2_FN_SYSTEM_OFF		0x84000008
#define PSCI_0_2_FN_SYSTEM_RESET	0x84000009
#define PSCI_1_0_FN_PSCI_FEATURES	0x8400000a
/*
 * The id a caller of this width uses for a function that has an SMC32 and
 * an SMC64 form (CPU_ON, AFFINITY_INFO): SMC64 from AArch64, SMC32 from
 * AArch32, where the arguments are 32-bit registers.
 */
#define PSCI_FN_NATIVE(fn)		(sizeof(long) == 8 ? PSCI_0_2_FN64_##fn : PSCI_0_2_FN_##fn)

/* PSCI_VERSION's answer. */
#define PSCI_VERSION_MAJOR(ver)		(((ver) >> 16) & 0x7fff)
#define PSCI_VERSION_MINOR(ver)		((ver) & 0xffff)

/* AFFINITY_INFO's answers. */
#define PSCI_0_2_AFFINITY_LEVEL_ON		0
#define PSCI_0_2_AFFINITY_LEVEL_OFF		1
#define PSCI_0_2_AFFINITY_LEVEL_ON_PENDING	2

#define PSCI_RET_SUCCESS		0
#define PSCI_RET_NOT_SUPPORTED		(-1)
#define PSCI_RET_INVALID_PARAMS		(-2)
#define PSCI_RET_DENIED			(-3)
#define PSCI_RET_ALREADY_ON		(-4)
#define PSCI_RET_ON_PENDING		(-5)
#define PSCI_RET_INTERNAL_FAILURE	(-6)
#define PSCI_RET_NOT_PRESENT		(-7)
#define PSCI_RET_DISABLED		(-8)
#define PSCI_RET_INVALID_ADDRESS	(-9)

/* Which conduit psci_invoke() uses (psci.c): the device tree's method. */
extern bool psci_use_smc;
/* "hvc" (the default until the device tree says otherwise) or "smc". */
extern void psci_set_conduit(const char *method);
/* arm_smccc_hvc or arm_smccc_smc, as the device tree's PSCI node says. */
extern smccc_invoke_fn psci_invoke_fn;
extern const char *psci_conduit(void);
/*
 * The call itself (the arch's smccc.c), from the kernel's privilege level
 * (arm64: exceptions.c serves EL0's calls with it).
 */
extern long __psci_invoke(unsigned long function_id, unsigned long arg0, unsigned long arg1, unsigned long arg2);
/* The function's result (a PSCI_RET_ code for most). At arm64's EL0 the call goes through an SVC the library serves. */
extern int psci_invoke(unsigned long function_id, unsigned long arg0, unsigned long arg1, unsigned long arg2);

/* Major version in bits 31:16, minor in 15:0. */
extern u32 psci_version(void);
/* Start the CPU with this MPIDR at entry_point (a physical address); 0 or a PSCI_RET_ code. */
extern int psci_cpu_on(unsigned long cpuid, unsigned long entry_point);
/* The same, with context_id in the first argument register (x0, r0) at entry. */
extern int psci_cpu_on_context(unsigned long cpuid, unsigned long entry_point, unsigned long context_id);
/*
 * AFFINITY_INFO of one CPU (lowest affinity level 0): PSCI_0_2_AFFINITY_LEVEL_*.
 * Not psci_affinity_info: kvm-unit-tests' psci test defines that itself.
 */
extern int psci_affinity_state(unsigned long mpidr);
/* Turn the calling CPU off; returns only if PSCI refused (its error). */
extern int psci_cpu_off(void);
/* Return only if PSCI failed. */
extern void psci_system_off(void);
extern void psci_system_reset(void);
#define psci_sys_reset		psci_system_reset
#define cpu_psci_cpu_die	psci_cpu_off
extern const char *psci_strerror(long ret);

#endif /* _ASM_ARM_COMMON_PSCI_H_ */
