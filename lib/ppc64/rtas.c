/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rtas.c - RTAS calls through QEMU's KVMPPC_H_RTAS hypercall (see rtas.h).
 * The argument block is big endian whatever the CPU's byte order: RTAS
 * reads it that way. One block, under a lock: calls from several CPUs are
 * serialised.
 */
#include "libcflat.h"
#include "string.h"
#include "devicetree.h"
#include "asm/byteorder.h"
#include "asm/page.h"
#include "asm/spinlock.h"
#include "hcall.h"
#include "rtas.h"
#include "io.h"

struct rtas_args {
	u32 token;
	u32 nargs;
	u32 nret;
	u32 args[RTAS_MAX_ARGS];	/* the arguments, then the results */
} __aligned(16);

static struct rtas_args rtas_args;
static struct spinlock rtas_lock;
static int rtas_node = DT_ERR_NOINIT;

/* The power-off token, read at init: exit() needs it even if the tree is gone. */
static u32 power_off_token = RTAS_UNKNOWN_TOKEN;

int rtas_init(void)
{
	rtas_node = dt_path_offset("/rtas");
	if (rtas_node < 0)
		return rtas_node;
	power_off_token = rtas_token("power-off");
	return 0;
}

u32 rtas_token(const char *service)
{
	u32 token;

	if (rtas_node < 0 || dt_getprop_u32(rtas_node, service, &token))
		return RTAS_UNKNOWN_TOKEN;
	return token;
}

static int rtas_call_token(u32 token, int nargs, int nret, u32 *rets, va_list va)
{
	int i, ret;

	assert_msg(nargs + nret <= RTAS_MAX_ARGS, "rtas_call: %d arguments and %d results", nargs, nret);
	spin_lock(&rtas_lock);
	rtas_args.token = cpu_to_be32(token);
	rtas_args.nargs = cpu_to_be32(nargs);
	rtas_args.nret = cpu_to_be32(nret);
	for (i = 0; i < nargs; i++)
		rtas_args.args[i] = cpu_to_be32(va_arg(va, u32));
	memset(&rtas_args.args[nargs], 0xff, nret * sizeof(u32));
	hcall(KVMPPC_H_RTAS, virt_to_phys(&rtas_args), 0, 0, 0, NULL);
	ret = (int)be32_to_cpu(rtas_args.args[nargs]);
	for (i = 1; i < nret; i++)
		rets[i - 1] = be32_to_cpu(rtas_args.args[nargs + i]);
	spin_unlock(&rtas_lock);
	return ret;
}

int rtas_call(const char *service, int nargs, int nret, u32 *rets, ...)
{
	u32 token = rtas_token(service);
	va_list va;
	int ret;

	if (token == RTAS_UNKNOWN_TOKEN) {
		printf("rtas: no '%s' in the device tree's /rtas\n", service);
		return RTAS_OUT_PARAM_ERROR;
	}
	va_start(va, rets);
	ret = rtas_call_token(token, nargs, nret, rets, va);
	va_end(va);
	return ret;
}

int rtas_call_by_token(u32 token, int nargs, int nret, u32 *rets, ...)
{
	va_list va;
	int ret;

	va_start(va, rets);
	ret = rtas_call_token(token, nargs, nret, rets, va);
	va_end(va);
	return ret;
}

static int rtas_call_va(u32 token, int nargs, int nret, ...)
{
	va_list va;
	int ret;

	va_start(va, nret);
	ret = rtas_call_token(token, nargs, nret, NULL, va);
	va_end(va);
	return ret;
}

void rtas_power_off(void)
{
	int ret = RTAS_OUT_PARAM_ERROR;

	/* The lock may be held by the CPU that died in an RTAS call; power-off must get through. */
	spin_unlock(&rtas_lock);
	if (power_off_token != RTAS_UNKNOWN_TOKEN)
		ret = rtas_call_va(power_off_token, 2, 1, 0, 0);
	printf("rtas: power-off failed (%s %d); halting\n",
	       power_off_token == RTAS_UNKNOWN_TOKEN ? "no token, status" : "status", ret);
	halt();
}

int rtas_start_cpu(u32 server, phys_addr_t entry, u64 r3)
{
	/* RTAS arguments are 32 bits: the entry and r3 must fit in them. */
	assert_msg(r3 <= 0xffffffffUL && entry <= 0xffffffffUL, "rtas_start_cpu: arguments above 4 GiB");
	return rtas_call("start-cpu", 3, 1, NULL, server, (u32)entry, (u32)r3);
}

void rtas_stop_self(void)
{
	rtas_call("stop-self", 0, 1, NULL);
}
