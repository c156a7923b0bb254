/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * psci.h - the Power State Coordination Interface: how the guest asks the
 * hypervisor (hvc) or firmware (smc) to start and stop CPUs and to power
 * off. The conduit comes from the device tree's /psci "method".
 */
#ifndef _ARM64_PSCI_H_
#define _ARM64_PSCI_H_

#include "libcflat.h"

#define PSCI_0_2_FN_VERSION		0x84000000
#define PSCI_0_2_FN_CPU_OFF		0x84000002
#define PSCI_0_2_FN64_CPU_ON		0xc4000003
#define PSCI_0_2_FN64_AFFINITY_INFO	0xc4000004
#define PSCI_0_2_FN_SYSTEM_OFF		0x84000008
#define PSCI_0_2_FN_SYSTEM_RESET	0x84000009
#define PSCI_1_0_FN_PSCI_FEATURES	0x8400000a

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

/* "hvc" (the default until the device tree says otherwise) or "smc". */
extern void psci_set_conduit(const char *method);
extern const char *psci_conduit(void);
extern long psci_invoke(u32 function_id, u64 arg0, u64 arg1, u64 arg2);

/* Major version in bits 31:16, minor in 15:0. */
extern u32 psci_version(void);
/* Start the CPU with this MPIDR at entry (a physical address) with x0 = context_id. */
extern int psci_cpu_on(u64 mpidr, phys_addr_t entry, u64 context_id);
extern void psci_cpu_off(void);
/* Return only if PSCI failed. */
extern void psci_system_off(void);
extern void psci_system_reset(void);
extern const char *psci_strerror(long ret);

#endif /* _ARM64_PSCI_H_ */
