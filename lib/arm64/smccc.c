/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smccc.c - the arm64 PSCI call (SMC calling convention: function id in x0,
 * arguments in x1..x3, result in x0) through the conduit psci.c chose.
 * EL0 cannot make it (HVC and SMC are undefined there): user mode asks
 * the library with an SVC (USR_PSCI_SVC), served by exceptions.c.
 */
#include "libcflat.h"
#include "asm/processor.h"
#include "asm/psci.h"
#include "asm/arm-smccc.h"

/* One SMCCC v1.2 call: x0 = function ID, x1-x11 = the arguments; x0-x17 may come back changed. */
#define DEFINE_SMCCC(name, insn)									\
int name(unsigned int function_id, unsigned long arg0, unsigned long arg1, unsigned long arg2,		\
	 unsigned long arg3, unsigned long arg4, unsigned long arg5, unsigned long arg6,			\
	 unsigned long arg7, unsigned long arg8, unsigned long arg9, unsigned long arg10,			\
	 struct smccc_result *result)									\
{													\
	register unsigned long x0 asm("x0") = function_id, x1 asm("x1") = arg0, x2 asm("x2") = arg1;	\
	register unsigned long x3 asm("x3") = arg2, x4 asm("x4") = arg3, x5 asm("x5") = arg4;		\
	register unsigned long x6 asm("x6") = arg5, x7 asm("x7") = arg6, x8 asm("x8") = arg7;		\
	register unsigned long x9 asm("x9") = arg8, x10 asm("x10") = arg9, x11 asm("x11") = arg10;	\
													\
	asm volatile(insn " #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5), "+r"(x6),	\
		     "+r"(x7), "+r"(x8), "+r"(x9), "+r"(x10), "+r"(x11) : :				\
		     "x12", "x13", "x14", "x15", "x16", "x17", "memory");				\
	if (result)											\
		*result = (struct smccc_result){ x0, x1, x2, x3, x4, x5, x6, x7, x8, x9 };		\
	return x0;											\
}
DEFINE_SMCCC(arm_smccc_hvc, "hvc")
DEFINE_SMCCC(arm_smccc_smc, "smc")

long __psci_invoke(unsigned long function_id, unsigned long arg0, unsigned long arg1, unsigned long arg2)
{
	register u64 x0 asm("x0") = function_id;
	register u64 x1 asm("x1") = arg0;
	register u64 x2 asm("x2") = arg1;
	register u64 x3 asm("x3") = arg2;

	/* The SMC calling convention may clobber x4..x17 as well. */
	if (psci_use_smc)
		asm volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : :
			     "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
			     "x16", "x17", "memory");
	else
		asm volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : :
			     "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",
			     "x16", "x17", "memory");
	return (long)x0;
}

int psci_invoke(unsigned long function_id, unsigned long arg0, unsigned long arg1, unsigned long arg2)
{
	register u64 x0 asm("x0");
	register u64 x1 asm("x1");
	register u64 x2 asm("x2");
	register u64 x3 asm("x3");

	if (!is_user())
		return __psci_invoke(function_id, arg0, arg1, arg2);
	/* Only now: a call between setting register variables and the asm may clobber them. */
	x0 = function_id;
	x1 = arg0;
	x2 = arg1;
	x3 = arg2;
	asm volatile("svc #" __stringify(USR_PSCI_SVC) : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	return (int)x0;
}
