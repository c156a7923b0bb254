/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smccc.c - the arm PSCI call (SMC calling convention, SMC32: function id
 * in r0, arguments in r1..r3, result in r0; r4 and up are preserved)
 * through the conduit psci.c chose.
 */
#include "libcflat.h"
#include "asm/psci.h"
#include "asm/arm-smccc.h"

/*
 * One SMCCC call from AArch32: r0 = function ID, r1-r7 = the first seven
 * arguments (all AArch32 has registers for: arg7..arg10 are not passed),
 * r0-r7 may come back changed; r8 and r9 of *result are 0.
 */
#define DEFINE_SMCCC(name, insn)									\
int name(unsigned int function_id, unsigned long arg0, unsigned long arg1, unsigned long arg2,		\
	 unsigned long arg3, unsigned long arg4, unsigned long arg5, unsigned long arg6,			\
	 unsigned long arg7, unsigned long arg8, unsigned long arg9, unsigned long arg10,			\
	 struct smccc_result *result)									\
{													\
	register unsigned long r0 asm("r0") = function_id, r1 asm("r1") = arg0, r2 asm("r2") = arg1;	\
	register unsigned long r3 asm("r3") = arg2, r4 asm("r4") = arg3, r5 asm("r5") = arg4;		\
	register unsigned long r6 asm("r6") = arg5, r7 asm("r7") = arg6;				\
													\
	asm volatile(insn " #0" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6),	\
		     "+r"(r7) : : "memory");								\
	if (result)											\
		*result = (struct smccc_result){ r0, r1, r2, r3, r4, r5, r6, r7, 0, 0 };		\
	return r0;											\
}
DEFINE_SMCCC(arm_smccc_hvc, ".arch_extension virt\n\thvc")
DEFINE_SMCCC(arm_smccc_smc, ".arch_extension sec\n\tsmc")

long __psci_invoke(unsigned long function_id, unsigned long arg0, unsigned long arg1, unsigned long arg2)
{
	register unsigned long r0 asm("r0") = function_id;
	register unsigned long r1 asm("r1") = arg0;
	register unsigned long r2 asm("r2") = arg1;
	register unsigned long r3 asm("r3") = arg2;

	if (psci_use_smc)
		asm volatile(".arch_extension sec\n\tsmc #0" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : : "memory");
	else
		asm volatile(".arch_extension virt\n\thvc #0" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : : "memory");
	return (long)r0;
}

int psci_invoke(unsigned long function_id, unsigned long arg0, unsigned long arg1, unsigned long arg2)
{
	return __psci_invoke(function_id, arg0, arg1, arg2);
}
