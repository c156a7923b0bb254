/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * time.c - timebase frequency, busy waits and ceded waits (asm/time.h).
 */
#include "libcflat.h"
#include "devicetree.h"
#include "hcall.h"
#include "processor.h"
#include "asm/barrier.h"
#include "asm/time.h"

static u64 hz;

static void read_freq(int node, u64 reg, void *data)
{
	u32 f;

	if (!hz && !dt_getprop_u32(node, "timebase-frequency", &f))
		hz = f;
}

u64 tb_hz(void)
{
	if (!hz) {
		dt_for_each_cpu_node(read_freq, NULL);
		assert_msg(hz, "no timebase-frequency in the CPU nodes");
	}
	return hz;
}

u64 get_clock_us(void)
{
	return get_tb() * 1000000 / tb_hz();
}

u64 get_clock_ms(void)
{
	return get_tb() * 1000 / tb_hz();
}

void delay(u64 cycles)
{
	u64 start = get_tb();

	while (get_tb() - start < cycles)
		cpu_relax();
}

void udelay(u64 us)
{
	delay(us * tb_hz() / 1000000);
}

static void dec_handler_oneshot(struct pt_regs *regs, void *data)
{
	mtspr(SPR_DEC, DEC_MAX);
	regs->msr &= ~MSR_EE;
}

void sleep_tb(u64 cycles)
{
	u64 start = get_tb(), now;

	handle_exception(VEC_DECREMENTER, dec_handler_oneshot, NULL);
	while ((now = get_tb()) - start < cycles) {
		local_irq_disable();
		mtspr(SPR_DEC, MIN(cycles - (now - start), DEC_MAX));
		/* H_CEDE turns MSR[EE] on; the decrementer's interrupt, once taken, turns it off again. */
		hcall(H_CEDE, 0, 0, 0, 0, NULL);
		local_irq_disable();
	}
	mtspr(SPR_DEC, DEC_MAX);
}

void usleep(u64 us)
{
	sleep_tb(us * tb_hz() / 1000000);
}
