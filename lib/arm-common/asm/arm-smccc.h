/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/arm-smccc.h - SMC Calling Convention calls (Arm DEN 0028, v1.2: arguments in x1-x17, results in
 * x0-x17; from AArch32 r1-r7 and r0-r7) through HVC or SMC, with kvm-unit-tests' names and signature: up
 * to 11 arguments after the function ID (AArch32 passes the first 7), and the first 10 result registers in
 * *result when it is not NULL. The calls are the arch's smccc.c.
 */
#ifndef _ASM_ARM_COMMON_ARM_SMCCC_H_
#define _ASM_ARM_COMMON_ARM_SMCCC_H_

struct smccc_result {
	unsigned long r0, r1, r2, r3, r4, r5, r6, r7, r8, r9;
};

typedef int (*smccc_invoke_fn)(unsigned int function_id, unsigned long arg0, unsigned long arg1,
			       unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5,
			       unsigned long arg6, unsigned long arg7, unsigned long arg8, unsigned long arg9,
			       unsigned long arg10, struct smccc_result *result);

extern int arm_smccc_hvc(unsigned int function_id, unsigned long arg0, unsigned long arg1, unsigned long arg2,
			 unsigned long arg3, unsigned long arg4, unsigned long arg5, unsigned long arg6,
			 unsigned long arg7, unsigned long arg8, unsigned long arg9, unsigned long arg10,
			 struct smccc_result *result);
extern int arm_smccc_smc(unsigned int function_id, unsigned long arg0, unsigned long arg1, unsigned long arg2,
			 unsigned long arg3, unsigned long arg4, unsigned long arg5, unsigned long arg6,
			 unsigned long arg7, unsigned long arg8, unsigned long arg9, unsigned long arg10,
			 struct smccc_result *result);

#endif /* _ASM_ARM_COMMON_ARM_SMCCC_H_ */
