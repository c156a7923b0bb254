/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * migration_state.c - CPU state that live migration must carry to the
 * destination on pseries: special-purpose registers a guest kernel keeps
 * values in (SPRG2, SPRG3, DSCR, TAR), the timebase going forward, the
 * decrementer still counting down from where it was, and a decrementer
 * that expires during the migration delivering its interrupt once
 * MSR[EE] is set. Catches a hypervisor or QEMU that leaves an SPR out of
 * its save/restore lists, restarts the decrementer, or lets the timebase
 * jump back. Run in the cfg group `migration`.
 */
#include "libcflat.h"
#include "accel.h"
#include "migrate.h"
#include "processor.h"
#include "asm/ppc.h"

#define SPR_DSCR	17
#define SPR_DEC		22
#define SPR_SPRG2	274
#define SPR_SPRG3	275
#define SPR_TAR		815
/* The decrementer interrupt's vector. */
#define TRAP_DEC	0x900

static volatile int dec_count;

/* MSR[EE] on or off: mtmsrd with L=1 changes only EE and RI. */
static void set_ee(bool on)
{
	unsigned long msr = on ? mfmsr() | MSR_EE : mfmsr() & ~MSR_EE;

	asm volatile("mtmsrd %0, 1" : : "r"(msr) : "memory");
}

static void dec_handler(struct pt_regs *regs, void *data)
{
	dec_count++;
	/* The interrupt stays asserted while DEC is negative: push it far away. */
	mtspr(SPR_DEC, 0x7fffffff);
}

static void check_sprs(void)
{
	const unsigned long sprg2 = 0x1234567890abcdefUL, sprg3 = 0xfedcba0987654321UL;
	const unsigned long dscr = 0x7, tar = 0xc000000000123450UL;

	mtspr(SPR_SPRG2, sprg2);
	mtspr(SPR_SPRG3, sprg3);
	mtspr(SPR_DSCR, dscr);
	mtspr(SPR_TAR, tar);
	migrate_quiet();
	report(mfspr(SPR_SPRG2) == sprg2, "SPRG2 kept (%#lx)", mfspr(SPR_SPRG2));
	report(mfspr(SPR_SPRG3) == sprg3, "SPRG3 kept (%#lx)", mfspr(SPR_SPRG3));
	report(mfspr(SPR_DSCR) == dscr, "DSCR kept (%#lx)", mfspr(SPR_DSCR));
	report(mfspr(SPR_TAR) == tar, "TAR kept (%#lx)", mfspr(SPR_TAR));
}

static void check_timebase_and_decrementer(void)
{
	u64 tb_before, tb_after;
	s32 dec_before, dec_after;

	handle_exception(TRAP_DEC, dec_handler, NULL);
	set_ee(false);
	mtspr(SPR_DEC, 0x7fffffff);
	tb_before = get_tb();
	dec_before = mfspr(SPR_DEC);
	migrate_quiet();
	tb_after = get_tb();
	dec_after = mfspr(SPR_DEC);
	report(tb_after > tb_before, "timebase went forward (%#lx -> %#lx)", tb_before, tb_after);
	report_kfail(under_tcg(), dec_after < dec_before && dec_after > 0,
		     "decrementer went on counting down (%#x -> %#x; QEMU 7.2 TCG restarts it at minus the timebase)",
		     dec_before, dec_after);

	/* Expires while the VM moves: taken as soon as MSR[EE] allows. */
	dec_count = 0;
	mtspr(SPR_DEC, 1000);
	migrate_quiet();
	report(!dec_count && (s32)mfspr(SPR_DEC) < 0, "decrementer expired during migration, not yet taken (%#x)",
	       (s32)mfspr(SPR_DEC));
	set_ee(true);
	asm volatile("nop; nop; nop");
	set_ee(false);
	report_kfail(under_tcg(), dec_count == 1,
		     "its interrupt comes once MSR[EE] is set (%d; QEMU 7.2 TCG loses the pending exception)",
		     dec_count);
	handle_exception(TRAP_DEC, NULL, NULL);
}

int main(int argc, char **argv)
{
	report_prefix_push("migration-state");
	check_sprs();
	check_timebase_and_decrementer();
	report_prefix_pop();
	return report_summary();
}
