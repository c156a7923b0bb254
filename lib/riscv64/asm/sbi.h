/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/sbi.h - calls to the Supervisor Binary Interface (the RISC-V SBI
 * specification): extension and function ids, error codes, hart states,
 * and sbi_ecall(), which follows the spec's calling convention (a7 the
 * extension, a6 the function, a0-a5 the arguments; a0 the error, a1 the
 * value back).
 */
#ifndef _ASM_RISCV64_SBI_H_
#define _ASM_RISCV64_SBI_H_

#include "libcflat.h"

/* Legacy extensions (SBI v0.1): the id is the function, the result is in a0 alone. */
#define SBI_EXT_0_1_SET_TIMER		0x00
#define SBI_EXT_0_1_CONSOLE_PUTCHAR	0x01
#define SBI_EXT_0_1_CONSOLE_GETCHAR	0x02
#define SBI_EXT_0_1_SHUTDOWN		0x08

#define SBI_EXT_BASE			0x10
#define SBI_EXT_BASE_GET_SPEC_VERSION	0
#define SBI_EXT_BASE_GET_IMP_ID		1
#define SBI_EXT_BASE_GET_IMP_VERSION	2
#define SBI_EXT_BASE_PROBE_EXT		3
#define SBI_EXT_BASE_GET_MVENDORID	4
#define SBI_EXT_BASE_GET_MARCHID	5
#define SBI_EXT_BASE_GET_MIMPID		6

#define SBI_EXT_TIME			0x54494d45	/* "TIME" */
#define SBI_EXT_TIME_SET_TIMER		0

#define SBI_EXT_IPI			0x735049	/* "sPI" */
#define SBI_EXT_IPI_SEND_IPI		0

#define SBI_EXT_HSM			0x48534d	/* "HSM" */
#define SBI_EXT_HSM_HART_START		0
#define SBI_EXT_HSM_HART_STOP		1
#define SBI_EXT_HSM_HART_STATUS		2
#define SBI_EXT_HSM_HART_SUSPEND	3

#define SBI_HSM_STATE_STARTED		0
#define SBI_HSM_STATE_STOPPED		1
#define SBI_HSM_STATE_START_PENDING	2
#define SBI_HSM_STATE_STOP_PENDING	3
#define SBI_HSM_STATE_SUSPENDED		4
#define SBI_HSM_STATE_SUSPEND_PENDING	5
#define SBI_HSM_STATE_RESUME_PENDING	6

#define SBI_HSM_SUSPEND_RET_DEFAULT	0x00000000UL
#define SBI_HSM_SUSPEND_NON_RET_DEFAULT	0x80000000UL

#define SBI_EXT_SRST			0x53525354	/* "SRST" */
#define SBI_EXT_SRST_RESET		0
#define SBI_SRST_TYPE_SHUTDOWN		0
#define SBI_SRST_TYPE_COLD_REBOOT	1
#define SBI_SRST_TYPE_WARM_REBOOT	2
#define SBI_SRST_REASON_NONE		0
#define SBI_SRST_REASON_SYSFAIL		1

#define SBI_EXT_DBCN			0x4442434e	/* "DBCN" */
#define SBI_EXT_DBCN_CONSOLE_WRITE	0
#define SBI_EXT_DBCN_CONSOLE_READ	1
#define SBI_EXT_DBCN_CONSOLE_WRITE_BYTE	2

#define SBI_SUCCESS			0
#define SBI_ERR_FAILED			(-1)
#define SBI_ERR_NOT_SUPPORTED		(-2)
#define SBI_ERR_INVALID_PARAM		(-3)
#define SBI_ERR_DENIED			(-4)
#define SBI_ERR_INVALID_ADDRESS		(-5)
#define SBI_ERR_ALREADY_AVAILABLE	(-6)
#define SBI_ERR_ALREADY_STARTED		(-7)
#define SBI_ERR_ALREADY_STOPPED		(-8)

/* The spec's version word: major in bits 30:24, minor in 23:0. */
#define SBI_SPEC_MAJOR(v)		(((v) >> 24) & 0x7f)
#define SBI_SPEC_MINOR(v)		((v) & 0xffffff)

struct sbiret {
	long error;
	long value;
};

static inline struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long arg0,
				      unsigned long arg1, unsigned long arg2, unsigned long arg3,
				      unsigned long arg4, unsigned long arg5)
{
	register unsigned long a0 asm("a0") = arg0;
	register unsigned long a1 asm("a1") = arg1;
	register unsigned long a2 asm("a2") = arg2;
	register unsigned long a3 asm("a3") = arg3;
	register unsigned long a4 asm("a4") = arg4;
	register unsigned long a5 asm("a5") = arg5;
	register unsigned long a6 asm("a6") = fid;
	register unsigned long a7 asm("a7") = ext;

	asm volatile("ecall"
		     : "+r"(a0), "+r"(a1)
		     : "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a6), "r"(a7)
		     : "memory");
	return (struct sbiret){ .error = a0, .value = a1 };
}

/* A legacy (v0.1) call: one result in a0. */
static inline long sbi_legacy_ecall(unsigned long ext, unsigned long arg0)
{
	return sbi_ecall(ext, 0, arg0, 0, 0, 0, 0, 0).error;
}

/* Whether the firmware has extension ext (Base probe_extension; the answer is cached). */
extern bool sbi_probe(unsigned long ext);
/* The name of an SBI error code. */
extern const char *sbi_strerror(long err);
/* Set the next timer event (TIME, else the legacy call): an absolute time value. */
extern void sbi_set_timer(u64 when);
extern struct sbiret sbi_hart_start(unsigned long hartid, unsigned long start, unsigned long opaque);
extern struct sbiret sbi_hart_get_status(unsigned long hartid);
extern struct sbiret sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base);
/* Shut the machine down (SRST, else the legacy call); returns only if both fail. */
extern void sbi_shutdown(void);

#endif /* _ASM_RISCV64_SBI_H_ */
