/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rtas.h - RTAS calls without RTAS firmware. QEMU's pseries machine runs
 * every RTAS service itself when asked through its KVMPPC_H_RTAS hypercall
 * (the few instructions SLOF would otherwise instantiate as the "RTAS
 * blob" do nothing else), so we make that hypercall directly. The tokens
 * come from the device tree's /rtas node.
 */
#ifndef _PPC64_RTAS_H_
#define _PPC64_RTAS_H_

#include "libcflat.h"

#define RTAS_MAX_ARGS		16
#define RTAS_UNKNOWN_TOKEN	0xffffffffU

/* RTAS statuses. */
#define RTAS_OUT_SUCCESS	0
#define RTAS_OUT_HW_ERROR	(-1)
#define RTAS_OUT_PARAM_ERROR	(-3)

/* Read the tokens from /rtas; 0 or a DT_ERR_ code. */
extern int rtas_init(void);
/* The token of the named RTAS service, or RTAS_UNKNOWN_TOKEN. */
extern u32 rtas_token(const char *service);
/*
 * Call service with nargs arguments (the varargs, u32 each); the first
 * result is the return value (the RTAS status), the others go to rets
 * (nret - 1 of them; rets may be NULL when nret is 1).
 */
extern int rtas_call(const char *service, int nargs, int nret, u32 *rets, ...);

/* The same with a token, known to the tree or not (tests of RTAS itself). */
extern int rtas_call_by_token(u32 token, int nargs, int nret, u32 *rets, ...);

extern void rtas_power_off(void) __noreturn;
/* start-cpu: start the thread with the given server number at entry, with r3 = r3. */
extern int rtas_start_cpu(u32 server, phys_addr_t entry, u64 r3);
/* stop-self: the calling thread stops; start-cpu may start it again. */
extern void rtas_stop_self(void);

#endif /* _PPC64_RTAS_H_ */
