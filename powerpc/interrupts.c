/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * interrupts.c - asynchronous and program interrupts of a pseries guest
 * (Power ISA Book III-S chapter 6, PAPR's XICS interrupt presentation
 * hypercalls and its XIVE exploitation mode), one sub-test per argument:
 *   dec       the decrementer interrupt (0x900) comes no earlier than DEC programmed, with DEC negative,
 *             only while MSR[EE] is on, once per expiry; the handler runs with MSR[EE] off in the image's
 *             byte order
 *   xics      an IPI to ourselves through H_IPI is an external interrupt (0x500) once MSR[EE] and the CPPR
 *             allow it; H_XIRR gives its source (2, the IPI) and the CPPR it replaced, H_IPOLL sees it
 *             without taking it, H_EOI ends it; skips when the machine presents interrupts through XIVE
 *   xics-smp  (two CPUs) an IPI to the other CPU reaches that CPU and no other
 *   program   trap instructions trap exactly when their condition holds (SRR1 bit 46), an illegal
 *             instruction is a program interrupt with SRR1 bit 44 and SRR0 at the instruction
 *   xive      (one CPU, -machine ic-mode=xive) ibm,client-architecture-support asks for XIVE exploitation;
 *             an IPI routed with H_INT_SET_SOURCE_CONFIG to an event queue set with H_INT_SET_QUEUE_CONFIG,
 *             triggered through its event state buffer, is an external interrupt once MSR[EE] and the
 *             CPPR allow it; the acknowledge gives the OS exception and the priority, the queue the EISN
 *             with the generation bit, the EOI leaves PQ 00; skips on a XICS machine
 * A hypervisor that delivers the decrementer early or while MSR[EE] is off, loses a pending IPI, ignores
 * the CPPR, delivers to the wrong CPU, routes a XIVE source to the wrong queue or EISN, or reflects program
 * interrupts with the wrong SRR0/SRR1, fails here.
 */
#include "libcflat.h"
#include "accel.h"
#include "devicetree.h"
#include "hcall.h"
#include "processor.h"
#include "smp.h"
#include "asm/barrier.h"
#include "asm/byteorder.h"
#include "asm/page.h"
#include "asm/time.h"

#define LE	(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)

/*
 * Turn MSR[EE] on with a label on the next instruction: a pending
 * interrupt is taken right there, and SRR0 is that label.
 */
#define IRQ_ENABLE_AT(label)								\
	asm volatile("mtmsrd %0, 1\n.globl " label "\n" label ": nop" : : "r"(MSR_EE | MSR_RI) : "memory")
extern char ext_resume[];

static volatile int count[MAX_CPUS];
static volatile u64 got_srr0, got_srr1, got_msr, got_tb;
static volatile long got_dec;

static void dec_handler(struct pt_regs *regs, void *data)
{
	got_dec = (int)mfspr(SPR_DEC);
	got_tb = get_tb();
	got_msr = mfmsr();
	got_srr0 = regs->nip;
	got_srr1 = regs->msr;
	count[smp_processor_id()]++;
	mtspr(SPR_DEC, DEC_MAX);
}

static void check_dec(void)
{
	/* 1 ms; up to 1 s for an interrupt QEMU raises from a host timer, late on a loaded host. */
	u64 wait = tb_hz() / 1000, patience = tb_hz(), start;
	int me = smp_processor_id();

	handle_exception(VEC_DECREMENTER, dec_handler, NULL);
	local_irq_disable();
	count[me] = 0;
	start = get_tb();
	mtspr(SPR_DEC, wait);
	while (get_tb() - start < 3 * wait)
		cpu_relax();
	report(count[me] == 0, "expired with MSR[EE] off: no interrupt");
	/* Waited for with MSR[EE] on, rather than expected at the first instruction: see patience. */
	local_irq_enable();
	start = get_tb();
	while (!count[me] && get_tb() - start < patience)
		cpu_relax();
	local_irq_disable();
	report(count[me] == 1, "taken once MSR[EE] is on: %d", count[me]);
	report((got_srr1 & MSR_EE) && !(got_msr & MSR_EE) && !(got_msr & (MSR_IR | MSR_DR)) && (got_msr & MSR_SF) &&
	       !!(got_msr & MSR_LE) == LE, "handler: MSR %#lx (EE off, real mode, 64-bit, %s), SRR1 %#lx has EE",
	       got_msr, LE ? "LE" : "BE", got_srr1);
	report(got_dec < 0, "DEC is negative in the handler: %ld", got_dec);

	count[me] = 0;
	local_irq_enable();
	start = get_tb();
	mtspr(SPR_DEC, wait);
	while (!count[me] && get_tb() - start < patience)
		cpu_relax();
	/* Once more the time of the first one: a one-shot handler rearming DEC_MAX sees no second. */
	delay(2 * wait);
	local_irq_disable();
	report(count[me] == 1 && got_tb - start >= wait, "%lu ticks after DEC = %lu: on time, once", got_tb - start,
	       wait);
	/* One that came later than all that still finds the handler, not the next sub-test. */
	mtspr(SPR_DEC, DEC_MAX);
	local_irq_enable();
	delay(wait);
	local_irq_disable();
	handle_exception(VEC_DECREMENTER, NULL, NULL);
}

/* XICS: the IPI source number and an interrupt priority (smaller is more favoured). */
#define XICS_IPI	2
#define IPI_PRIO	5
#define CPPR_OPEN	0xff
#define XIRR_XISR(x)	((x) & 0xffffff)
#define XIRR_CPPR(x)	((x) >> 24)

static volatile u64 got_xirr[MAX_CPUS], got_ext_srr0;

static void ext_handler(struct pt_regs *regs, void *data)
{
	unsigned long ret[3];
	int me = smp_processor_id();

	hcall(H_XIRR, 0, 0, 0, 0, ret);
	got_xirr[me] = ret[0];
	got_ext_srr0 = regs->nip;
	count[me]++;
	/* Lower the IPI's request before its EOI, or it comes back. */
	hcall(H_IPI, cpus[me], CPPR_OPEN, 0, 0, NULL);
	hcall(H_EOI, ret[0], 0, 0, 0, NULL);
}

static bool xics_present(void)
{
	int node = dt_path_offset("/interrupt-controller");
	const char *compat = node >= 0 ? dt_getprop_string(node, "compatible") : NULL;

	if (node >= 0 && dt_node_is_compatible(node, "IBM,ppc-xicp"))
		return true;
	report_skip("no XICS (IBM,ppc-xicp) interrupt controller but %s: XIVE's exploitation mode (H_INT_* and the "
		    "thread management area) is not tested here", compat ?: "no /interrupt-controller");
	return false;
}

static void check_xics(void)
{
	int me = smp_processor_id();
	unsigned long ret[3];
	long rc;

	if (!xics_present())
		return;
	handle_exception(VEC_EXTERNAL, ext_handler, NULL);
	local_irq_disable();
	hcall(H_CPPR, CPPR_OPEN, 0, 0, 0, NULL);
	count[me] = 0;
	rc = hcall(H_IPI, cpus[me], IPI_PRIO, 0, 0, NULL);
	report(rc == H_SUCCESS && count[me] == 0, "H_IPI to ourselves with MSR[EE] off: status %ld, no interrupt", rc);
	rc = hcall(H_IPOLL, cpus[me], 0, 0, 0, ret);
	report(rc == H_SUCCESS && XIRR_XISR(ret[0]) == XICS_IPI && ret[1] == IPI_PRIO,
	       "H_IPOLL: pending source %#lx, MFRR %lu", XIRR_XISR(ret[0]), ret[1]);
	IRQ_ENABLE_AT("ext_resume");
	local_irq_disable();
	report(count[me] == 1 && XIRR_XISR(got_xirr[me]) == XICS_IPI && XIRR_CPPR(got_xirr[me]) == CPPR_OPEN &&
	       got_ext_srr0 == (u64)ext_resume, "MSR[EE] on: external interrupt, XIRR %#lx (source 2, old CPPR 0xff), "
	       "SRR0 %#lx", got_xirr[me], got_ext_srr0);

	/* The CPPR must be less favoured (larger) than the priority for it to be presented. */
	count[me] = 0;
	hcall(H_CPPR, IPI_PRIO, 0, 0, 0, NULL);
	hcall(H_IPI, cpus[me], IPI_PRIO, 0, 0, NULL);
	local_irq_enable();
	delay(tb_hz() / 1000);
	local_irq_disable();
	report(count[me] == 0, "CPPR %d, IPI priority %d: not presented", IPI_PRIO, IPI_PRIO);
	hcall(H_CPPR, IPI_PRIO + 1, 0, 0, 0, NULL);
	local_irq_enable();
	asm volatile("nop" : : : "memory");
	local_irq_disable();
	report(count[me] == 1 && XIRR_CPPR(got_xirr[me]) == IPI_PRIO + 1, "CPPR %d: presented, XIRR %#lx",
	       IPI_PRIO + 1, got_xirr[me]);
	hcall(H_CPPR, CPPR_OPEN, 0, 0, 0, NULL);
	rc = hcall(H_IPOLL, cpus[me], 0, 0, 0, ret);
	report(rc == H_SUCCESS && XIRR_XISR(ret[0]) == 0, "nothing pending afterwards: XIRR %#lx", ret[0]);
	handle_exception(VEC_EXTERNAL, NULL, NULL);
}

static volatile int ready;

static void wait_ipi(void *data)
{
	int me = smp_processor_id();
	u64 start;

	hcall(H_CPPR, CPPR_OPEN, 0, 0, 0, NULL);
	local_irq_enable();
	ready = 1;
	start = get_tb();
	while (!count[me] && get_tb() - start < tb_hz())
		cpu_relax();
	local_irq_disable();
}

static void check_xics_smp(void)
{
	if (nr_cpus < 2) {
		report_skip("IPI to another CPU: one CPU only (-smp 2)");
		return;
	}
	if (!xics_present())
		return;
	handle_exception(VEC_EXTERNAL, ext_handler, NULL);
	count[0] = count[1] = 0;
	ready = 0;
	on_cpu_async(1, wait_ipi, NULL);
	while (!ready)
		cpu_relax();
	hcall(H_IPI, cpus[1], IPI_PRIO, 0, 0, NULL);
	cpu_idle_wait(1);
	report(count[1] == 1 && XIRR_XISR(got_xirr[1]) == XICS_IPI, "CPU 1 took the IPI: XIRR %#lx", got_xirr[1]);
	report(count[0] == 0, "CPU 0 took none");
	handle_exception(VEC_EXTERNAL, NULL, NULL);
}

/*
 * XIVE in exploitation mode (PAPR's H_INT_* hypercalls, the Power9
 * interrupt controller's thread management area and event state buffers).
 * The partition asks for it with ibm,client-architecture-support first.
 */
#define XIVE_PRIO		6
#define XIVE_EISN		0x1234
#define XIVE_SRC_SET_EISN	2UL		/* H_INT_SET_SOURCE_CONFIG: PAPR flag bit 62 */
#define XIVE_QSIZE_4K		12
#define TM_QW1_OS		0x10		/* the OS ring of the thread management area */
#define TM_NSR			0
#define TM_CPPR			1
#define TM_SPC_ACK_OS_REG	0x810		/* load: acknowledge, (NSR << 8) | CPPR */
#define TM_NSR_EO		0x80		/* an OS exception is pending */
#define ESB_LOAD_EOI		0x000
#define ESB_GET			0x800
#define ESB_SET_PQ_00		0xc00
#define EQ_GENERATION		0x80000000U

static u64 tima, esb_trigger, esb_eoi;
static u32 eq[1024] __aligned(4096);
static unsigned int eq_idx;
static volatile u32 got_eq;
static volatile u16 got_ack;

/* The XIVE's registers and queue entries are big endian in either image. */
static void tima_set_cppr(u8 cppr)
{
	*(volatile u8 *)(tima + TM_QW1_OS + TM_CPPR) = cppr;
	mb();
}

static u64 esb_load(u64 offset)
{
	u64 v = be64_to_cpu(*(volatile u64 *)(esb_eoi + offset));

	mb();
	return v;
}

static void xive_handler(struct pt_regs *regs, void *data)
{
	int me = smp_processor_id();

	got_ack = be16_to_cpu(*(volatile u16 *)(tima + TM_SPC_ACK_OS_REG));
	got_eq = be32_to_cpu(eq[eq_idx]);
	eq[eq_idx] = 0;
	eq_idx = (eq_idx + 1) % ARRAY_SIZE(eq);
	got_ext_srr0 = regs->nip;
	count[me]++;
	esb_load(ESB_LOAD_EOI);
	tima_set_cppr(CPPR_OPEN);
}

/* ibm,client-architecture-support: this PVR, ISA 3.00, XIVE exploitation, hash MMU. */
static long cas_xive(void)
{
	static u8 vec[128] __aligned(64);
	static u8 fdt[64 * 1024] __aligned(64);
	u8 *p = vec;
	u32 words[4] = { 0xffff0000, (u32)mfspr(SPR_PVR) & 0xffff0000, 0, 0xffffffff };
	int i;

	/* PVR mask/value pairs; the pair with value bits outside its mask ends them. */
	for (i = 0; i < 4; i++, p += 4)
		*(u32 *)p = cpu_to_be32(words[i]);
	*p++ = 5 - 1;			/* five option vectors, each: length - 1, then the bytes */
	*p++ = 3 - 1;			/* OV1: byte 3 bit 0, the OS supports ISA 3.00 */
	*p++ = 0;
	*p++ = 0;
	*p++ = 0x80;
	for (i = 2; i <= 4; i++) {
		*p++ = 0;
		*p++ = 0;
	}
	*p++ = 24 - 1;			/* OV5: byte 23 bits 0-1 = 01, XIVE exploitation */
	memset(p, 0, 24);
	p[22] = 0x40;
	return hcall(KVMPPC_H_CAS, virt_to_phys(vec), virt_to_phys(fdt), sizeof(fdt), 0, NULL);
}

extern char xive_resume[];

static void check_xive(void)
{
	int node = dt_path_offset("/interrupt-controller"), me = smp_processor_id(), len;
	const u8 *lisns = node >= 0 ? dt_getprop(node, "ibm,xive-lisn-ranges", &len) : NULL;
	unsigned long ret[4];
	struct dt_reg reg;
	u32 server = cpus[me], lisn;
	long rc;

	if (node < 0 || !dt_node_is_compatible(node, "ibm,power-ivpe")) {
		report_skip("no XIVE (ibm,power-ivpe) interrupt controller (QEMU: -machine ic-mode=xive)");
		return;
	}
	if (nr_cpus_online() > 1) {
		report_skip("XIVE: ibm,client-architecture-support needs the other CPUs stopped");
		return;
	}
	if (!lisns || len < 8 || dt_get_reg(node, 1, &reg)) {
		report_fail("XIVE node without ibm,xive-lisn-ranges or the OS view of the thread management area");
		return;
	}
	tima = reg.addr;
	lisn = dt_be32(lisns);
	rc = cas_xive();
	report(rc == H_SUCCESS, "ibm,client-architecture-support asking for XIVE exploitation: status %ld", rc);
	rc = hcall5(H_INT_GET_SOURCE_INFO, 0, lisn, 0, 0, 0, ret);
	esb_eoi = ret[1];
	esb_trigger = ret[2];
	report(rc == H_SUCCESS && esb_eoi && esb_trigger, "H_INT_GET_SOURCE_INFO(IPI %u): status %ld, ESB %#lx, %#lx",
	       lisn, rc, esb_eoi, esb_trigger);
	if (rc != H_SUCCESS)
		return;
	rc = hcall5(H_INT_SET_QUEUE_CONFIG, 0, server, XIVE_PRIO, virt_to_phys(eq), XIVE_QSIZE_4K, ret);
	report(rc == H_SUCCESS, "H_INT_SET_QUEUE_CONFIG: 4 KiB event queue for priority %d: status %ld", XIVE_PRIO, rc);
	rc = hcall5(H_INT_SET_SOURCE_CONFIG, XIVE_SRC_SET_EISN, lisn, server, XIVE_PRIO, XIVE_EISN, ret);
	report(rc == H_SUCCESS, "H_INT_SET_SOURCE_CONFIG: IPI %u to server %u, priority %d: status %ld", lisn, server,
	       XIVE_PRIO, rc);
	rc = hcall5(H_INT_GET_SOURCE_CONFIG, 0, lisn, 0, 0, 0, ret);
	report(rc == H_SUCCESS && ret[0] == server && ret[1] == XIVE_PRIO && ret[2] == XIVE_EISN,
	       "H_INT_GET_SOURCE_CONFIG: server %lu, priority %lu, EISN %#lx", ret[0], ret[1], ret[2]);

	handle_exception(VEC_EXTERNAL, xive_handler, NULL);
	local_irq_disable();
	tima_set_cppr(CPPR_OPEN);
	esb_load(ESB_SET_PQ_00);
	count[me] = 0;
	*(volatile u64 *)esb_trigger = 0;
	mb();
	report(count[me] == 0 && esb_load(ESB_GET) == 2, "trigger with MSR[EE] off: no interrupt, PQ %#lx (10)",
	       esb_load(ESB_GET));
	IRQ_ENABLE_AT("xive_resume");
	local_irq_disable();
	report(count[me] == 1 && got_ext_srr0 == (u64)xive_resume, "MSR[EE] on: external interrupt, SRR0 %#lx",
	       got_ext_srr0);
	report((got_ack >> 8) & TM_NSR_EO && (got_ack & 0xff) == XIVE_PRIO,
	       "acknowledge: NSR %#x (OS exception), CPPR %d", got_ack >> 8, got_ack & 0xff);
	report(got_eq == (EQ_GENERATION | XIVE_EISN), "event queue entry %#x: generation 1, EISN %#x", got_eq,
	       XIVE_EISN);
	report(esb_load(ESB_GET) == 0, "after the EOI: PQ %#lx (00)", esb_load(ESB_GET));

	/* The CPPR must be less favoured (larger) than the priority for it to be presented. */
	count[me] = 0;
	tima_set_cppr(XIVE_PRIO);
	*(volatile u64 *)esb_trigger = 0;
	mb();
	local_irq_enable();
	delay(tb_hz() / 1000);
	local_irq_disable();
	report(count[me] == 0, "CPPR %d, priority %d: not presented", XIVE_PRIO, XIVE_PRIO);
	/* The pending interrupt is in the IPB: a CPPR that lets it through must present it at once. */
	tima_set_cppr(XIVE_PRIO + 1);
	local_irq_enable();
	asm volatile("nop" : : : "memory");
	local_irq_disable();
	report_kfail(under_tcg(), count[me] == 1 && got_eq == (EQ_GENERATION | XIVE_EISN),
		     "CPPR %d: presented, queue entry %#x%s", XIVE_PRIO + 1, got_eq,
		     count[me] ? "" : " (QEMU 7.2: not presented after the CPPR went up)");
	handle_exception(VEC_EXTERNAL, NULL, NULL);
}

static volatile int traps;
static volatile u64 trap_srr0, trap_srr1;

static void program_handler(struct pt_regs *regs, void *data)
{
	traps++;
	trap_srr0 = regs->nip;
	trap_srr1 = regs->msr;
	regs->nip += 4;
}

/* Run one trap instruction (TO field to, comparing a with b): whether it trapped with SRR1 bit 46. */
#define TRAP_TW(to, a, b) ({							\
	traps = 0;								\
	asm volatile("tw %0, %1, %2" : : "i"(to), "r"((long)(a)), "r"((long)(b)) : "memory");	\
	traps == 1 && (trap_srr1 & SRR1_PROGTRAP);				\
})
#define TRAP_TD(to, a, b) ({							\
	traps = 0;								\
	asm volatile("td %0, %1, %2" : : "i"(to), "r"((long)(a)), "r"((long)(b)) : "memory");	\
	traps == 1 && (trap_srr1 & SRR1_PROGTRAP);				\
})
/* TO bits: less than, greater than, equal (signed), less than, greater than (unsigned). */
#define TO_LT	16
#define TO_GT	8
#define TO_EQ	4
#define TO_LTU	2
#define TO_GTU	1

extern char illegal_at[];

static void check_program(void)
{
	bool ok;

	handle_exception(VEC_PROGRAM, program_handler, NULL);
	ok = TRAP_TW(TO_EQ, 5, 5) && !TRAP_TW(TO_EQ, 5, 6) && TRAP_TW(TO_LT, -1, 0) && !TRAP_TW(TO_LT, 0, -1) &&
	     TRAP_TW(TO_GT, 1, -1) && !TRAP_TW(TO_GT, -1, 1) && TRAP_TW(TO_LTU, 0, -1) && !TRAP_TW(TO_LTU, -1, 0) &&
	     TRAP_TW(TO_GTU, -1, 0) && !TRAP_TW(TO_GTU, 0, -1) && !TRAP_TW(0, 3, 3);
	report(ok, "tw: traps exactly when a TO condition holds (signed, unsigned, equal, none)");
	/* tw compares the low words: 0x1_00000000 and 0 are equal there, td sees them differ. */
	ok = TRAP_TW(TO_EQ, 0x100000000L, 0) && !TRAP_TD(TO_EQ, 0x100000000L, 0) && TRAP_TD(TO_GTU, 0x100000000L, 0) &&
	     TRAP_TD(TO_LT, -0x100000000L, 0) && !TRAP_TW(TO_LT, -0x100000000L, 0);
	report(ok, "tw compares 32 bits, td 64 bits");

	traps = 0;
	asm volatile(".globl illegal_at\nillegal_at: .long 0" : : : "memory");
	report(traps == 1 && trap_srr0 == (u64)illegal_at && (trap_srr1 & SRR1_PROGILL) && !(trap_srr1 & SRR1_PROGTRAP),
	       "illegal instruction: SRR0 %#lx, SRR1 %#lx (bit 44)", trap_srr0, trap_srr1);
	handle_exception(VEC_PROGRAM, NULL, NULL);
}

int main(int argc, char **argv)
{
	int i;

	if (argc < 2)
		report_abort("usage: interrupts.elf dec|xics|xics-smp|program|xive ...");
	for (i = 1; i < argc; i++) {
		report_prefix_push(argv[i]);
		if (!strcmp(argv[i], "dec"))
			check_dec();
		else if (!strcmp(argv[i], "xics"))
			check_xics();
		else if (!strcmp(argv[i], "xics-smp"))
			check_xics_smp();
		else if (!strcmp(argv[i], "program"))
			check_program();
		else if (!strcmp(argv[i], "xive"))
			check_xive();
		else
			report_abort("unknown sub-test '%s'", argv[i]);
		report_prefix_pop();
	}
	return report_summary();
}
