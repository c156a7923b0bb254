/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fpu.c - FP/SIMD and SVE register state:
 *   v0-v31, FPCR and FPSR keep their values across an SVC, an interrupt and a WFI, on every CPU at once
 *   while the other CPUs hold other values; CPACR_EL1.FPEN = 0 traps an FP instruction with class FP_ASIMD
 *   (Arm ARM D19.2, CPACR_EL1). With SVE: z0-z31 (all of each vector, not only its low 128 bits), p0-p15
 *   and FFR kept the same way; CPACR_EL1.ZEN = 0 traps an SVE instruction with class SVE; ZCR_EL1.LEN
 *   gives every power-of-two vector length up to the largest (RDVL), and never more than asked.
 * Hypervisor bugs it catches: FP/SIMD or SVE registers lost or mixed between vCPUs when the host switches
 *   context lazily, the upper bits of Z registers dropped by a save of V registers only, FPCR/FPSR not
 *   saved, the FP or SVE trap not forwarded, a guest's ZCR_EL1 not honoured.
 */
#include "libcflat.h"
#include "asm/barrier.h"
#include "asm/gic.h"
#include "asm/processor.h"
#include "asm/smp.h"
#include "asm/sysreg.h"

#define FP_SGI		3
#define ZREGS_MAX	(32 * 256)	/* 32 vectors of at most 2048 bits */
#define PREGS_MAX	(17 * 32)	/* 16 predicates and FFR, VL/8 bytes each */

struct fp_state {
	u64 v[64];
	u64 fpcr, fpsr;
	u8 z[ZREGS_MAX] __aligned(16);
	u8 p[PREGS_MAX] __aligned(16);
};

static struct fp_state want[NR_CPUS], got[NR_CPUS];
static volatile int svcs, traps;
static int irqs;	/* atomic: every CPU's SGIs */
static u64 zcr_max;	/* ZCR_EL1 for the largest vector length */
static volatile int filled;
static bool have_sve;
static int vl;		/* bytes */

static void fill(struct fp_state *s, u64 seed)
{
	u64 x = seed * 0x9e3779b97f4a7c15UL + 1;
	int i;

	for (i = 0; i < 64; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		s->v[i] = x;
	}
	for (i = 0; i < ZREGS_MAX; i++)
		s->z[i] = s->v[i % 64] >> (8 * (i % 8)) ^ i / 64;
	for (i = 0; i < PREGS_MAX; i++)
		s->p[i] = s->v[(i + 7) % 64] >> (8 * (i % 8));
	/* FPCR: rounding mode and flush-to-zero; FPSR: cumulative flags (both only writable bits). */
	s->fpcr = ((seed & 3) << 22) | ((seed & 1) << 24);
	s->fpsr = 0x9f & (x | 1);
	/* V<n> is the low 128 bits of Z<n>: with SVE, the Z values are what v0-v31 end up holding. */
	if (have_sve) {
		for (i = 0; i < 32; i++)
			memcpy(&s->v[2 * i], &s->z[i * vl], 16);
	}
}

static void load_fp(const struct fp_state *s)
{
	const u64 *p = s->v;

	asm volatile("ld1 {v0.2d-v3.2d}, [%0], #64\n ld1 {v4.2d-v7.2d}, [%0], #64\n"
		     "ld1 {v8.2d-v11.2d}, [%0], #64\n ld1 {v12.2d-v15.2d}, [%0], #64\n"
		     "ld1 {v16.2d-v19.2d}, [%0], #64\n ld1 {v20.2d-v23.2d}, [%0], #64\n"
		     "ld1 {v24.2d-v27.2d}, [%0], #64\n ld1 {v28.2d-v31.2d}, [%0], #64\n"
		     "msr fpcr, %1\n msr fpsr, %2\n"
		     : "+r"(p) : "r"(s->fpcr), "r"(s->fpsr) : "memory");
}

static void save_fp(struct fp_state *s)
{
	u64 *p = s->v, fpcr, fpsr;

	asm volatile("st1 {v0.2d-v3.2d}, [%0], #64\n st1 {v4.2d-v7.2d}, [%0], #64\n"
		     "st1 {v8.2d-v11.2d}, [%0], #64\n st1 {v12.2d-v15.2d}, [%0], #64\n"
		     "st1 {v16.2d-v19.2d}, [%0], #64\n st1 {v20.2d-v23.2d}, [%0], #64\n"
		     "st1 {v24.2d-v27.2d}, [%0], #64\n st1 {v28.2d-v31.2d}, [%0], #64\n"
		     "mrs %1, fpcr\n mrs %2, fpsr\n"
		     : "+r"(p), "=r"(fpcr), "=r"(fpsr) : : "memory");
	s->fpcr = fpcr;
	s->fpsr = fpsr;
}

#define Z8(op, a, b, c, d, e, f, g, h)						\
	op " z" #a ", [%0, #" #a ", mul vl]\n" op " z" #b ", [%0, #" #b ", mul vl]\n"	\
	op " z" #c ", [%0, #" #c ", mul vl]\n" op " z" #d ", [%0, #" #d ", mul vl]\n"	\
	op " z" #e ", [%0, #" #e ", mul vl]\n" op " z" #f ", [%0, #" #f ", mul vl]\n"	\
	op " z" #g ", [%0, #" #g ", mul vl]\n" op " z" #h ", [%0, #" #h ", mul vl]\n"
#define Z32(op) Z8(op, 0, 1, 2, 3, 4, 5, 6, 7) Z8(op, 8, 9, 10, 11, 12, 13, 14, 15)	\
	Z8(op, 16, 17, 18, 19, 20, 21, 22, 23) Z8(op, 24, 25, 26, 27, 28, 29, 30, 31)
#define P8(op, a, b, c, d, e, f, g, h)						\
	op " p" #a ", [%1, #" #a ", mul vl]\n" op " p" #b ", [%1, #" #b ", mul vl]\n"	\
	op " p" #c ", [%1, #" #c ", mul vl]\n" op " p" #d ", [%1, #" #d ", mul vl]\n"	\
	op " p" #e ", [%1, #" #e ", mul vl]\n" op " p" #f ", [%1, #" #f ", mul vl]\n"	\
	op " p" #g ", [%1, #" #g ", mul vl]\n" op " p" #h ", [%1, #" #h ", mul vl]\n"

/* %0: the Z registers' image, %1: the predicates'. FFR goes through p0 (slot 16) before p0 gets its own value. */
static void load_sve(const struct fp_state *s)
{
	asm volatile(".arch_extension sve\n"
		     Z32("ldr")
		     "ldr p0, [%1, #16, mul vl]\n wrffr p0.b\n"
		     P8("ldr", 0, 1, 2, 3, 4, 5, 6, 7) P8("ldr", 8, 9, 10, 11, 12, 13, 14, 15)
		     : : "r"(s->z), "r"(s->p) : "memory");
}

static void save_sve(struct fp_state *s)
{
	asm volatile(".arch_extension sve\n"
		     Z32("str")
		     P8("str", 0, 1, 2, 3, 4, 5, 6, 7) P8("str", 8, 9, 10, 11, 12, 13, 14, 15)
		     "rdffr p0.b\n str p0, [%1, #16, mul vl]\n"
		     : : "r"(s->z), "r"(s->p) : "memory");
}

static bool same_fp(const struct fp_state *a, const struct fp_state *b)
{
	return !memcmp(a->v, b->v, sizeof(a->v)) && a->fpcr == b->fpcr && a->fpsr == b->fpsr;
}

static bool same_sve(const struct fp_state *a, const struct fp_state *b)
{
	int i;

	for (i = 0; i < 32 * vl; i++) {
		if (a->z[i] != b->z[i])
			return false;
	}
	/* A predicate has a bit per byte of a vector. */
	for (i = 0; i < 17 * vl / 8; i++) {
		if (a->p[i] != b->p[i])
			return false;
	}
	return true;
}

static void svc_handler(struct pt_regs *regs, unsigned int esr)
{
	svcs++;
}

static void trap_handler(struct pt_regs *regs, unsigned int esr)
{
	traps++;
	write_sysreg(read_sysreg(cpacr_el1) | CPACR_EL1_FPEN | CPACR_EL1_ZEN, cpacr_el1);
	isb();
}

static void irq_handler(struct pt_regs *regs)
{
	u32 iar = gic_read_iar();

	if (gic_iar_irqnr(iar) == FP_SGI)
		__atomic_fetch_add(&irqs, 1, __ATOMIC_SEQ_CST);
	gic_write_eoir(iar);
}

enum event { EV_SVC, EV_IRQ, EV_WFI, EV_NR };
static const char * const event_name[EV_NR] = { "an SVC", "an interrupt", "a WFI with the other CPUs busy" };

static void event(enum event ev)
{
	int before = __atomic_load_n(&irqs, __ATOMIC_SEQ_CST);

	switch (ev) {
	case EV_SVC:
		asm volatile("svc #1" : : : "memory");
		break;
	case EV_IRQ:
		gic_ipi_send_single(FP_SGI, smp_processor_id());
		while (__atomic_load_n(&irqs, __ATOMIC_SEQ_CST) == before)
			cpu_relax();
		break;
	case EV_WFI:
		/*
		 * The WFI may be a scheduling point for the host. With IRQs masked
		 * the pending SGI still wakes it, and is taken after.
		 */
		local_irq_disable();
		gic_ipi_send_single(FP_SGI, smp_processor_id());
		wfi();
		local_irq_enable();
		while (__atomic_load_n(&irqs, __ATOMIC_SEQ_CST) == before)
			cpu_relax();
		break;
	default:
		break;
	}
}

static void cpu_fill(void *data)
{
	int cpu = smp_processor_id();
	enum event ev = (enum event)(long)data;

	gic_enable_defaults();
	local_irq_enable();
	/* CPACR_EL1 and ZCR_EL1 are each CPU's own: SVE on, at its largest vector length. */
	if (have_sve) {
		write_sysreg(read_sysreg(cpacr_el1) | CPACR_EL1_ZEN, cpacr_el1);
		isb();
		write_sysreg(zcr_max, ZCR_EL1);
		isb();
	}
	fill(&want[cpu], cpu + 16 * ev + 1);
	load_fp(&want[cpu]);
	if (have_sve)
		load_sve(&want[cpu]);
	/* Every CPU holds its values before any of them takes the event. */
	__atomic_fetch_add(&filled, 1, __ATOMIC_SEQ_CST);
	while (filled % nr_cpus)
		cpu_relax();
	event(ev);
	save_fp(&got[cpu]);
	if (have_sve)
		save_sve(&got[cpu]);
	local_irq_disable();
}

static void test_events(void)
{
	int ev, cpu;

	for (ev = 0; ev < EV_NR; ev++) {
		filled = 0;
		on_cpus(cpu_fill, (void *)(long)ev);
		for_each_present_cpu(cpu) {
			report(same_fp(&want[cpu], &got[cpu]), "cpu%d: v0-v31, FPCR and FPSR kept across %s", cpu,
			       event_name[ev]);
			if (have_sve)
				report(same_sve(&want[cpu], &got[cpu]),
				       "cpu%d: z0-z31 (%d bits), p0-p15 and FFR kept across %s", cpu, vl * 8,
				       event_name[ev]);
		}
	}
}

static void test_traps(void)
{
	u64 cpacr = read_sysreg(cpacr_el1);

	traps = 0;
	install_exception_handler(EL1H_SYNC, ESR_EL1_EC_FP_ASIMD, trap_handler);
	write_sysreg(cpacr & ~(CPACR_EL1_FPEN | CPACR_EL1_ZEN), cpacr_el1);
	isb();
	asm volatile("fmov d0, xzr" : : : "memory");
	report(traps == 1, "an FP instruction with CPACR_EL1.FPEN = 0 traps (class FP_ASIMD)");
	if (have_sve) {
		traps = 0;
		install_exception_handler(EL1H_SYNC, ESR_EL1_EC_SVE, trap_handler);
		write_sysreg((cpacr | CPACR_EL1_FPEN) & ~CPACR_EL1_ZEN, cpacr_el1);
		isb();
		asm volatile(".arch_extension sve\n ptrue p0.b" : : : "memory");
		report(traps == 1, "an SVE instruction with CPACR_EL1.ZEN = 0 traps (class SVE)");
	}
	write_sysreg(cpacr | CPACR_EL1_FPEN | (have_sve ? CPACR_EL1_ZEN : 0), cpacr_el1);
	isb();
}

static int rdvl(void)
{
	u64 v;

	asm volatile(".arch_extension sve\n rdvl %0, #1" : "=r"(v));
	return v;
}

static void test_vector_lengths(void)
{
	u64 zcr = read_sysreg(ZCR_EL1);
	int len, max, got_vl;

	write_sysreg(ZCR_EL1_LEN, ZCR_EL1);
	isb();
	max = rdvl();
	report(max >= 16 && max <= 256 && max % 16 == 0, "the largest vector length is %d bits", max * 8);
	for (len = 0; (len + 1) * 16 <= max; len++) {
		write_sysreg(len, ZCR_EL1);
		isb();
		got_vl = rdvl();
		if (is_power_of_2(len + 1))
			report(got_vl == (len + 1) * 16, "ZCR_EL1.LEN %d: %d bits, a power of two", len, got_vl * 8);
		else
			report(got_vl <= (len + 1) * 16 && got_vl % 16 == 0, "ZCR_EL1.LEN %d: %d bits, at most %d", len,
			       got_vl * 8, (len + 1) * 128);
	}
	write_sysreg(zcr, ZCR_EL1);
	isb();
	zcr_max = ZCR_EL1_LEN;
	vl = max;
}

int main(int argc, char **argv)
{
	gic_init();
	install_irq_handler(EL1H_IRQ, irq_handler);
	install_exception_handler(EL1H_SYNC, ESR_EL1_EC_SVC64, svc_handler);
	have_sve = system_supports_sve();
	if (have_sve) {
		write_sysreg(read_sysreg(cpacr_el1) | CPACR_EL1_ZEN, cpacr_el1);
		isb();
		test_vector_lengths();
	} else {
		report_skip("SVE: not implemented (ID_AA64PFR0_EL1.SVE = 0)");
	}
	test_traps();
	test_events();
	return report_summary();
}
