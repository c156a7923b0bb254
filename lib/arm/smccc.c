/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smccc.c - the arm PSCI call (SMC calling convention, SMC32: function id
 * in r0, arguments in r1..r3, result in r0; r4 and up are preserved)
 * through the conduit psci.c chose.
 */
#include "libcflat.h"
#include "asm/psci.h"

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
