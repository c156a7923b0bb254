/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sprs.c - special-purpose registers a pseries guest owns (Power ISA
 * Book III; PAPR gives the partition the privileged, non-hypervisor SPRs):
 * each one takes a value and gives it back in its architected bits, keeps
 * it while the CPU is ceded to the hypervisor (H_CEDE until the
 * decrementer wakes it), and is per CPU: another CPU writing its own copy
 * leaves ours alone.
 * Write and read back, then H_CEDE; with two CPUs also the per-CPU copies.
 * ISA 3.0 registers (IAMR, PIDR) only where the PVR says POWER9 or later,
 * TIDR on POWER9 alone; the cfg runs it on QEMU's default POWER9 (one and
 * two CPUs), on POWER8 and on POWER10.
 * A hypervisor that forgets an SPR when it switches a vCPU out (H_CEDE
 * lets it run another vCPU or idle the thread), restores one vCPU's value
 * into another's, or masks bits the ISA makes writable, fails here.
 */
#include "libcflat.h"
#include "processor.h"
#include "smp.h"
#include "accel.h"
#include "asm/time.h"

#define ISA300		1	/* Power ISA 3.0 (POWER9) and later */
#define NOKEEP		2	/* changed by interrupts or the hardware: write and read back only */
#define P9ONLY		4	/* POWER9's alone (Linux's CPU_FTR_P9_TIDR): not in ISA 3.1 CPUs */

/* XER: SO, OV, CA and the byte count of the string instructions. */
#define XER_MASK	0xe000007fUL
/* PPR's PRI field (bits 11:13); PPR32 is PPR's upper word, the field is bits 43:45 there. */
#define PPR_PRI		(7UL << 50)
#define PPR32_PRI	(7UL << 18)
#define MSR_BITS	(MSR_SF | MSR_EE | MSR_PR | MSR_FP | MSR_ME | MSR_IR | MSR_DR | MSR_RI | MSR_LE)

#define SPR_MMCR0	795
#define MMCR0_FC	0x80000000UL	/* freeze the counters */

/* What QEMU 7.2's TCG gets wrong, as the known failure's explanation. */
#define TCG_AMR		"QEMU 7.2 TCG: mtspr AMR in supervisor state is lost (reads 0); AMOR lets IAMR's through"
#define TCG_PPR32	"QEMU 7.2 TCG: no PPR32 (SPR 898), mtspr/mfspr are no-ops"

/* name, number, writable bits, flags, QEMU's TCG bug or NULL. */
#define SPR_LIST(X)							\
	X(XER, 1, XER_MASK, NOKEEP, NULL)	\
	X(AMR, 13, ~0UL, 0, TCG_AMR)	\
	X(DSCR, 17, 0x1ffffffUL, 0, NULL)	\
	X(DSISR, 18, 0xffffffffUL, 0, NULL)	\
	X(DAR, 19, ~0UL, 0, NULL)	\
	X(SRR0, 26, ~3UL, NOKEEP, NULL)	\
	X(SRR1, 27, MSR_BITS, NOKEEP, NULL)	\
	X(PIDR, 48, 0xfffffUL, ISA300, NULL)	\
	X(IAMR, 61, ~0UL, ISA300, NULL)	\
	X(TIDR, 144, ~0UL, ISA300 | P9ONLY, NULL)	\
	X(PSPB, 159, 0xffffffffUL, NOKEEP, NULL)	\
	X(VRSAVE, 256, 0xffffffffUL, 0, NULL)	\
	X(SPRG1, 273, ~0UL, NOKEEP, NULL)	\
	X(SPRG2, 274, ~0UL, 0, NULL)	\
	X(SPRG3, 275, ~0UL, 0, NULL)	\
	X(PMC1, 787, 0xffffffffUL, 0, NULL)	\
	X(PMC2, 788, 0xffffffffUL, 0, NULL)	\
	X(PMC3, 789, 0xffffffffUL, 0, NULL)	\
	X(PMC4, 790, 0xffffffffUL, 0, NULL)	\
	X(SIAR, 796, ~0UL, 0, NULL)	\
	X(SDAR, 797, ~0UL, 0, NULL)	\
	X(TAR, 815, ~3UL, 0, NULL)	\
	X(PPR, 896, PPR_PRI, NOKEEP, NULL)	\
	X(PPR32, 898, PPR32_PRI, NOKEEP, TCG_PPR32)

struct spr {
	const char *name;
	int nr;
	u64 mask;
	int flags;
	const char *tcg_bug;
};

#define SPR_ENTRY(name, nr, mask, flags, bug) { #name, nr, mask, flags, bug },
static const struct spr sprs[] = { SPR_LIST(SPR_ENTRY) };
#define NR_SPRS ARRAY_SIZE(sprs)

#define SPR_READ(name, nr, mask, flags, bug) case nr: return mfspr(nr);
static u64 spr_read(int nr)
{
	switch (nr) {
	SPR_LIST(SPR_READ)
	}
	report_abort("spr_read: SPR %d is not in the list", nr);
}

/*
 * Write and read back in one asm: nothing the compiler emits (carry
 * arithmetic for XER) comes between. The result starts as ~v, so a no-op
 * mfspr (the ISA's treatment of an unimplemented SPR) shows.
 */
#define SPR_WRITE_READ(name, nr, mask, flags, bug)					\
	case nr:								\
		r = ~v;								\
		asm volatile("mtspr %1, %2\n\tmfspr %0, %1" : "+&r"(r) : "i"(nr), "r"(v) : "memory");	\
		return r;
static u64 spr_write_read(int nr, u64 v)
{
	u64 r;

	switch (nr) {
	SPR_LIST(SPR_WRITE_READ)
	}
	report_abort("spr_write: SPR %d is not in the list", nr);
}

static bool isa300, power9;

static bool spr_present(const struct spr *s)
{
	return (!(s->flags & ISA300) || isa300) && (!(s->flags & P9ONLY) || power9);
}

/* Kept across H_CEDE and CPUs is checked for SPRs that hold their value at all. */
static bool spr_kept(const struct spr *s)
{
	return spr_present(s) && !(s->flags & NOKEEP) && !(s->tcg_bug && under_tcg());
}

/* A value per SPR, CPU and pattern, differing in every byte between patterns and CPUs. */
static u64 pattern(int i, int cpu, int pat)
{
	u64 v = 0x0123456789abcdefUL * (u64)(2 * i + 1) ^ (pat ? 0xa5a5a5a5a5a5a5a5UL : 0x5a5a5a5a5a5a5a5aUL);

	return (v ^ (u64)(cpu + 1) * 0x1111111111111111UL) & sprs[i].mask;
}

/* Write pattern pat to every present SPR; the read-back mismatches are counted in bad[i]. */
static void write_all(int cpu, int pat, int *bad)
{
	size_t i;

	for (i = 0; i < NR_SPRS; i++) {
		if (spr_present(&sprs[i]) && (spr_write_read(sprs[i].nr, pattern(i, cpu, pat)) & sprs[i].mask) !=
		    pattern(i, cpu, pat))
			bad[i]++;
	}
}

/* How many kept SPRs no longer hold pattern pat of cpu; each is printed. */
static int check_kept(int cpu, int pat, const char *when)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < NR_SPRS; i++) {
		u64 v;

		if (!spr_kept(&sprs[i]))
			continue;
		v = spr_read(sprs[i].nr) & sprs[i].mask;
		if (v != pattern(i, cpu, pat)) {
			printf("CPU %d %s: %s (SPR %d) is %#lx, expected %#lx\n", cpu, when, sprs[i].name, sprs[i].nr,
			       v, pattern(i, cpu, pat));
			bad++;
		}
	}
	return bad;
}

static void check_write_read(void)
{
	int bad[NR_SPRS] = { 0 };
	size_t i;

	write_all(0, 0, bad);
	write_all(0, 1, bad);
	for (i = 0; i < NR_SPRS; i++) {
		const char *why = sprs[i].tcg_bug && bad[i] ? sprs[i].tcg_bug : NULL;

		if (!spr_present(&sprs[i]))
			continue;
		report_kfail(sprs[i].tcg_bug && under_tcg(), !bad[i],
			     "%s (SPR %d) keeps the value written in its bits %#lx%s%s", sprs[i].name, sprs[i].nr,
			     sprs[i].mask, why ? ": " : "", why ?: "");
	}
}

static void check_cede(void)
{
	int bad[NR_SPRS] = { 0 };
	u64 sprg0 = mfspr(SPR_SPRG0);

	write_all(0, 0, bad);
	/* 1 ms: long enough for the hypervisor to run something else on this thread. */
	msleep(1);
	report(!check_kept(0, 0, "after H_CEDE"), "SPRs kept across H_CEDE");
	report(mfspr(SPR_SPRG0) == sprg0, "SPRG0 kept across H_CEDE");
}

static volatile int other_bad = -1;

static void other_cpu_write(void *data)
{
	int bad[NR_SPRS] = { 0 };
	int cpu = smp_processor_id();

	write_all(cpu, 1, bad);
	msleep(1);
	other_bad = check_kept(cpu, 1, "after H_CEDE");
}

static void check_other_cpu(void)
{
	int bad[NR_SPRS] = { 0 };

	if (nr_cpus < 2) {
		report_skip("per-CPU SPRs: one CPU only (-smp 2 or more)");
		return;
	}
	write_all(0, 0, bad);
	on_cpu(1, other_cpu_write, NULL);
	report(other_bad == 0, "CPU 1 keeps its own values across H_CEDE");
	report(!check_kept(0, 0, "after CPU 1 wrote its SPRs"), "CPU 0's SPRs unchanged by CPU 1's writes");
}

int main(int argc, char **argv)
{
	u64 mmcr0 = mfspr(SPR_MMCR0);
	u32 version = mfspr(SPR_PVR) >> 16;

	/* POWER9 is PVR version 0x4e, POWER10 0x80; POWER8 is 0x4b..0x4d. */
	isa300 = version >= 0x4e;
	power9 = version == 0x4e;
	report_info("PVR %#lx: %s", mfspr(SPR_PVR), isa300 ? "ISA 3.0 or later" : "before ISA 3.0");
	/* Frozen performance counters hold what is written to them. */
	mtspr(SPR_MMCR0, mmcr0 | MMCR0_FC);
	report_prefix_push("write-read");
	check_write_read();
	report_prefix_pop();
	report_prefix_push("cede");
	check_cede();
	report_prefix_pop();
	report_prefix_push("smp");
	check_other_cpu();
	report_prefix_pop();
	mtspr(SPR_MMCR0, mmcr0);
	return report_summary();
}
