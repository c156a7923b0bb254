/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/sigp.h - SIGNAL PROCESSOR: one CPU's orders to another (start, stop,
 * restart, set prefix, wake-up signals), with kvm-unit-tests' names.
 */
#ifndef _ASM_S390X_SIGP_H_
#define _ASM_S390X_SIGP_H_

#define SIGP_SENSE			0x01
#define SIGP_EXTERNAL_CALL		0x02
#define SIGP_EMERGENCY_SIGNAL		0x03
#define SIGP_START			0x04
#define SIGP_STOP			0x05
#define SIGP_RESTART			0x06
#define SIGP_STOP_AND_STORE_STATUS	0x09
#define SIGP_INITIAL_CPU_RESET		0x0b
#define SIGP_CPU_RESET			0x0c
#define SIGP_SET_PREFIX			0x0d
#define SIGP_STORE_STATUS_AT_ADDRESS	0x0e
#define SIGP_SET_ARCHITECTURE		0x12
#define SIGP_COND_EMERGENCY_SIGNAL	0x13
#define SIGP_SENSE_RUNNING		0x15
#define SIGP_STORE_ADDITIONAL_STATUS	0x17

/* Condition codes. */
#define SIGP_CC_ORDER_CODE_ACCEPTED	0
#define SIGP_CC_STATUS_STORED		1
#define SIGP_CC_BUSY			2
#define SIGP_CC_NOT_OPERATIONAL		3

/* Status bits stored with condition code 1. */
#define SIGP_STATUS_NOT_RUNNING		0x00000400
#define SIGP_STATUS_INCORRECT_STATE	0x00000200
#define SIGP_STATUS_INVALID_PARAMETER	0x00000100
#define SIGP_STATUS_EXT_CALL_PENDING	0x00000080
#define SIGP_STATUS_STOPPED		0x00000040
#define SIGP_STATUS_INVALID_ORDER	0x00000002

#ifndef __ASSEMBLER__
#include "libcflat.h"

/*
 * Order addr to do order with parameter param; returns the condition code,
 * and the status in *status when it is 1 (status may be NULL).
 */
static inline int sigp(u16 addr, u8 order, unsigned long param, u32 *status)
{
	register unsigned long reg1 asm("2") = 0;
	register unsigned long reg2 asm("3") = param;
	int cc;

	asm volatile("	sigp	%[r1],%[addr],0(%[order])\n"
		     "	ipm	%[cc]\n"
		     "	srl	%[cc],28\n"
		     : [cc] "=&d"(cc), [r1] "+d"(reg1)
		     : "d"(reg2), [addr] "d"((unsigned long)addr), [order] "a"((unsigned long)order)
		     : "cc", "memory");
	if (status && cc == SIGP_CC_STATUS_STORED)
		*status = reg1;
	return cc;
}

/* sigp(), again while the CPU is busy. */
static inline int sigp_retry(u16 addr, u8 order, unsigned long param, u32 *status)
{
	int cc;

	do {
		cc = sigp(addr, order, param, status);
	} while (cc == SIGP_CC_BUSY);
	return cc;
}
#endif /* __ASSEMBLER__ */

#endif /* _ASM_S390X_SIGP_H_ */
