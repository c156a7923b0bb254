/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sclp.h - the Service-Call Logical Processor: the s390x firmware interface
 * through which the guest learns its memory size and CPUs (read SCP info)
 * and writes to the console (the ASCII console event, QEMU's sclpconsole).
 * A request is a service-call control block (SCCB) below 2 GiB, passed with
 * SERVICE CALL; the SCLP says it is done with a service-signal external
 * interruption.
 */
#ifndef _S390X_SCLP_H_
#define _S390X_SCLP_H_

#include "libcflat.h"

#define SCCB_SIZE			4096

#define SCLP_CMDW_READ_SCP_INFO		0x00020001
#define SCLP_CMDW_READ_SCP_INFO_FORCED	0x00120001
#define SCLP_CMD_READ_EVENT_DATA	0x00770005
#define SCLP_CMD_WRITE_EVENT_DATA	0x00760005
#define SCLP_CMD_WRITE_EVENT_MASK	0x00780005

#define SCLP_RC_NORMAL_READ_COMPLETION	0x0010
#define SCLP_RC_NORMAL_COMPLETION	0x0020
#define SCLP_RC_NO_EVENT_BUFFERS_STORED	0x60f0

/* Read event data: the function code of an unconditional read, and the control bit that lets it set the length. */
#define SCLP_FC_UNCONDITIONAL_READ	0x00
#define SCLP_CM2_VARIABLE_LENGTH	0x80

#define SCLP_EVENT_ASCII_CONSOLE_DATA	0x1a

struct sccb_header {
	u16 length;
	u8 function_code;
	u8 control_mask[3];
	u16 response_code;
} __packed;

/* One CPU of read SCP info. */
struct sclp_cpu_entry {
	u8 address;
	u8 reserved0;
	u8 features[6];
	u8 reserved1[6];
	u8 type;
	u8 reserved2;
} __packed;

struct read_info {
	struct sccb_header h;
	u16 rnmax;		/* storage increments, or 0: see rnmax2 */
	u8 rnsize;		/* MiB per increment, or 0: see rnsize2 */
	u8 reserved0[5];
	u16 entries_cpu;
	u16 offset_cpu;		/* where the CPU entries start in the SCCB */
	u8 reserved1[100 - 20];
	u32 rnsize2;
	u64 rnmax2;
} __packed;

static_assert(sizeof(struct sclp_cpu_entry) == 16, "SCLP CPU entry");
static_assert(offsetof(struct read_info, rnsize2) == 100, "read SCP info layout");

/*
 * Run command on sccb (SCCB_SIZE bytes, page-aligned, below 2 GiB) and
 * wait for the service signal; returns the SCCB's response code. Callers
 * are serialised here.
 */
extern u16 sclp_service_call(u32 command, void *sccb);
/*
 * SERVICE CALL without checks, for tests of its errors: returns its
 * condition code (having waited for the service signal when it is 0), or
 * -1 after a program interruption the caller expected (expect_pgm_int).
 */
extern int sclp_service_call_cc(u32 command, void *sccb);
/* Read SCP info into the SCLP's own buffer (boot CPU, at setup); aborts if the SCLP refuses. */
extern void sclp_read_info(void);
extern u64 sclp_memory_size(void);
extern int sclp_cpu_count(void);
/* The CPU address of CPU n, in read SCP info's order. */
extern u16 sclp_cpu_address(int n);
/* Tell the SCLP we send ASCII console events; then sclp_console_write() works. */
extern void sclp_console_setup(void);
extern void sclp_console_write(const char *buf, size_t n);
/*
 * What console input the SCLP holds, into buf (at least SCCB_SIZE bytes,
 * more than one read can give): its length, 0 when there is none, -1
 * when the SCLP refuses to give input. Never waits for input. The caller
 * serialises it with sclp_console_write().
 */
extern int sclp_console_read(char *buf);
/* For the unexpected-interruption path, which must print even if the fault hit in here. */
extern void sclp_break_lock(void);
/* How many calls were taken as done without their service signal (sclp.c says when). */
extern unsigned int sclp_signals_missed(void);
/* The service-signal external interruption, with its parameter: the SCLP is done with that SCCB. */
extern void sclp_handle_ext(u32 param);

#endif /* _S390X_SCLP_H_ */
