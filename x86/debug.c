/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * debug.c - debug exceptions as the Intel SDM (vol. 3, chapter 17, "Debug,
 * branch profile, TSC...") and the AMD APM (vol. 2, 13.1) define them:
 * single-stepping with RFLAGS.TF over plain instructions, a REP string
 * instruction (a trap per iteration) and instructions a hypervisor
 * emulates (CPUID, OUT, an MMIO store); the MOV SS shadow (no #DB right
 * after it) and STI with IF already set (no shadow); INT1/ICEBP and INT 1;
 * hardware breakpoints: execute (a fault, resumed with RF), write and
 * read/write (a trap) of each length, through each of DR0-DR3; DR6's
 * B0-B3, BS and BD bits and their stickiness; DR7.GD (a fault on MOV DR,
 * GD cleared on entry); RF in the frames of REP iterations (Intel).
 *
 * A hypervisor bug it would catch: a step lost or doubled over an emulated
 * instruction or a REP iteration, DR6 bits not set or wrongly cleared when
 * the hypervisor injects #DB, RF not honoured after an instruction
 * breakpoint, a data breakpoint on an emulated access ignored, MOV SS not
 * holding off the #DB, DR7.GD not checked on an intercepted MOV DR.
 */
#include "libcflat.h"
#include "accel.h"
#include "desc.h"
#include "fwcfg.h"
#include "asm/page.h"
#include "linux/compiler.h"
#include "processor.h"
#include "usermode.h"

#define DR6_B(n)	BIT(n)
#define DR6_BD		BIT(13)
#define DR6_BS		BIT(14)
#define DR7_FIXED1	0x400UL
#define DR7_GD		BIT(13)
#define DR7_L(n)	BIT(2 * (n))
#define DR7_RW(n, rw)	((ulong)(rw) << (16 + 4 * (n)))
#define DR7_LEN(n, len)	((ulong)(len) << (18 + 4 * (n)))
#define RW_EXEC		0
#define RW_WRITE	1
#define RW_ACCESS	3
/* The LEN encodings: 1, 2, 8 and 4 bytes. */
#define LEN_1		0
#define LEN_2		1
#define LEN_8		2
#define LEN_4		3

#define MAX_EVENTS	16

static struct db_event {
	ulong rip, dr6, dr7, rflags;
} events[MAX_EVENTS];
static volatile int nevents;
/* Clear DR6 after each #DB (as a handler normally does), or leave it to see what accumulates. */
static bool clear_dr6 = true;

static void db_handler(struct ex_regs *regs)
{
	struct db_event *e = &events[nevents < MAX_EVENTS ? nevents : MAX_EVENTS - 1];

	e->rip = regs->rip;
	e->dr6 = read_dr6();
	e->dr7 = read_dr7();
	e->rflags = regs->rflags;
	nevents++;
	if (clear_dr6)
		write_dr6(0);
	/* An instruction breakpoint is a fault: RF lets the instruction run once it is resumed. */
	if (e->dr6 & 0xf)
		regs->rflags |= X86_EFLAGS_RF;
	/* Something is looping: stop it so the check fails instead of hanging. */
	if (nevents > 64) {
		regs->rflags &= ~X86_EFLAGS_TF;
		write_dr7(DR7_FIXED1);
	}
}

static void reset_events(void)
{
	nevents = 0;
	memset(events, 0, sizeof(events));
	write_dr6(0);
}

/* The end of a single-step sequence: each of its three instructions traps, at NAME_t1, _t2, _t3. */
#define SS_TAIL(name)								\
	"	pushf\n"							\
	name "_t1:\n"								\
	"	andq $~" __stringify(X86_EFLAGS_TF) ", (%rsp)\n"			\
	name "_t2:\n"								\
	"	popf\n"								\
	name "_t3:\n"

/*
 * Single-step sequences: TF is set by POPF (the first trap comes after
 * the instruction that follows it) and cleared by the last POPF (which
 * still traps, TF being set when it started). ss_*_N label the address
 * each trap reports.
 */
asm(".pushsection .text\n"
    "ss_plain:\n"
    "	pushf\n"
    "	orq $" __stringify(X86_EFLAGS_TF) ", (%rsp)\n"
    "	popf\n"
    "	nop\n"
    "ss_plain_1:\n"
    "	movl $1, %eax\n"
    "ss_plain_2:\n"
    "	addl %eax, %eax\n"
    "ss_plain_3:\n"
    "	jmp 1f\n"
    "	ud2\n"
    "1:\n"
    "ss_plain_4:\n"
    "	pushf\n"
    "ss_plain_5:\n"
    "	andq $~" __stringify(X86_EFLAGS_TF) ", (%rsp)\n"
    "ss_plain_6:\n"
    "	popf\n"
    "ss_plain_7:\n"
    "	ret\n"

    /* REP MOVSB of 3 bytes: a trap after each iteration, at the instruction until the last. */
    "ss_string:\n"
    "	pushf\n"
    "	orq $" __stringify(X86_EFLAGS_TF) ", (%rsp)\n"
    "	popf\n"
    "	nop\n"
    "ss_string_1:\n"
    "	rep movsb\n"
    "ss_string_2:\n"
    SS_TAIL("ss_string")
    "	ret\n"

    /* Instructions a hypervisor intercepts and emulates: CPUID, OUT, an MMIO store (RSI). */
    "ss_emul:\n"
    "	pushq %rbx\n"
    "	pushf\n"
    "	orq $" __stringify(X86_EFLAGS_TF) ", (%rsp)\n"
    "	popf\n"
    "	nop\n"
    "ss_emul_1:\n"
    "	xorl %eax, %eax\n"
    "ss_emul_2:\n"
    "	cpuid\n"
    "ss_emul_3:\n"
    "	outb %al, $0x80\n"
    "ss_emul_4:\n"
    "	movl %eax, (%rsi)\n"
    "ss_emul_5:\n"
    SS_TAIL("ss_emul")
    "	popq %rbx\n"
    "	ret\n"

    /* MOV SS holds off the #DB of the instruction that follows: one trap for both. */
    "ss_movss:\n"
    "	pushf\n"
    "	orq $" __stringify(X86_EFLAGS_TF) ", (%rsp)\n"
    "	popf\n"
    "	nop\n"
    "ss_movss_1:\n"
    "	movw %ss, %ax\n"
    "ss_movss_2:\n"
    "	movw %ax, %ss\n"
    "ss_movss_3:\n"
    "	nop\n"
    "ss_movss_4:\n"
    SS_TAIL("ss_movss")
    "	ret\n"

    /*
     * STI with IF already 1 blocks nothing (only STI that sets IF starts a
     * shadow, and that may hold off "other events" too): a trap after it.
     */
    "ss_sti:\n"
    "	sti\n"
    "	pushf\n"
    "	orq $" __stringify(X86_EFLAGS_TF) ", (%rsp)\n"
    "	popf\n"
    "	nop\n"
    "ss_sti_1:\n"
    "	sti\n"
    "ss_sti_2:\n"
    "	nop\n"
    "ss_sti_3:\n"
    "	cli\n"
    "ss_sti_4:\n"
    SS_TAIL("ss_sti")
    "	ret\n"
    ".popsection\n");
extern char ss_plain[], ss_plain_1[], ss_plain_2[], ss_plain_3[], ss_plain_4[], ss_plain_5[], ss_plain_6[],
	ss_plain_7[];
extern char ss_string_1[], ss_string_2[], ss_string_t1[], ss_string_t2[], ss_string_t3[];
extern char ss_emul_1[], ss_emul_2[], ss_emul_3[], ss_emul_4[], ss_emul_5[], ss_emul_t1[], ss_emul_t2[], ss_emul_t3[];
extern char ss_movss_1[], ss_movss_2[], ss_movss_4[], ss_movss_t1[], ss_movss_t2[], ss_movss_t3[];
extern char ss_sti_1[], ss_sti_2[], ss_sti_3[], ss_sti_4[], ss_sti_t1[], ss_sti_t2[], ss_sti_t3[];

/* The traps recorded are exactly at want[0..n-1], each with DR6.BS. */
static bool traps_at(char *const *want, int n)
{
	int i;

	if (nevents != n) {
		printf("\t%d traps, expected %d\n", nevents, n);
		for (i = 0; i < nevents && i < MAX_EVENTS; i++)
			printf("\t  at %#lx dr6 %#lx\n", events[i].rip, events[i].dr6);
		return false;
	}
	for (i = 0; i < n; i++) {
		if (events[i].rip != (ulong)want[i] || !(events[i].dr6 & DR6_BS)) {
			printf("\ttrap %d at %#lx dr6 %#lx, expected %p with BS\n", i, events[i].rip, events[i].dr6,
			       want[i]);
			return false;
		}
	}
	return true;
}

static void single_step_tests(void)
{
	char *plain[] = { ss_plain_1, ss_plain_2, ss_plain_3, ss_plain_4, ss_plain_5, ss_plain_6, ss_plain_7 };
	/* The nop's trap, then one per iteration. */
	char *string[] = { ss_string_1, ss_string_1, ss_string_1, ss_string_2, ss_string_t1, ss_string_t2,
			   ss_string_t3 };
	char *emul[] = { ss_emul_1, ss_emul_2, ss_emul_3, ss_emul_4, ss_emul_5, ss_emul_t1, ss_emul_t2, ss_emul_t3 };
	char *movss[] = { ss_movss_1, ss_movss_2, ss_movss_4, ss_movss_t1, ss_movss_t2, ss_movss_t3 };
	char *sti[] = { ss_sti_1, ss_sti_2, ss_sti_3, ss_sti_4, ss_sti_t1, ss_sti_t2, ss_sti_t3 };
	u8 src[4] = { 1, 2, 3, 4 }, dst[4] = { 0 };
	u32 mmio_sink = 0;
	ulong rcx = 3;
	void *si = src, *di = dst;

	reset_events();
	asm volatile("call ss_plain" : : : "rax", "memory", "cc");
	report(traps_at(plain, ARRAY_SIZE(plain)), "TF: a trap after each plain instruction, RIP of the next");

	reset_events();
	asm volatile("call ss_string" : "+S"(si), "+D"(di), "+c"(rcx) : : "memory", "cc");
	report(traps_at(string, ARRAY_SIZE(string)) && !memcmp(src, dst, 3) && dst[3] == 0,
	       "TF over rep movsb of 3: a trap per iteration, RIP at the instruction until the last");
	/* Intel SDM 17.3.1.1: a trap after any iteration but the last pushes RF=1 (the instruction resumes). */
	if (is_intel())
		report_kfail(under_tcg(), nevents == 7 && !(events[0].rflags & X86_EFLAGS_RF) &&
			     (events[1].rflags & X86_EFLAGS_RF) && (events[2].rflags & X86_EFLAGS_RF) &&
			     !(events[3].rflags & X86_EFLAGS_RF),
			     "TF over rep movsb: RF=1 in the frames of the iterations but the last (Intel)%s",
			     under_tcg() && nevents == 7 && !(events[1].rflags & X86_EFLAGS_RF) ?
			     " (QEMU 7.2 TCG pushes RF=0)" : "");
	else
		report_skip("TF over rep movsb: RF in the frames is the Intel SDM's rule, this CPU is not Intel");

	/* The same into MMIO (pc-testdev's window), where a hypervisor emulates each iteration. */
	if (test_device_enabled()) {
		u8 *mmio = phys_to_virt(0xff000000UL);

		reset_events();
		si = src;
		di = mmio;
		rcx = 3;
		asm volatile("call ss_string" : "+S"(si), "+D"(di), "+c"(rcx) : : "memory", "cc");
		report(traps_at(string, ARRAY_SIZE(string)) && mmio[0] == 1 && mmio[2] == 3,
		       "TF over rep movsb of 3 into MMIO: a trap per iteration");
	} else {
		report_skip("TF over rep movsb into MMIO: no pc-testdev");
	}

	reset_events();
	si = test_device_enabled() ? phys_to_virt(0xff000000UL) : &mmio_sink;
	asm volatile("call ss_emul" : "+S"(si) : : "rax", "rcx", "rdx", "memory", "cc");
	report(traps_at(emul, ARRAY_SIZE(emul)), "TF over cpuid, out, an MMIO store: one trap each");

	reset_events();
	asm volatile("call ss_movss" : : : "rax", "memory", "cc");
	report(traps_at(movss, ARRAY_SIZE(movss)), "TF: no trap right after mov ss, one after the next instruction");

	reset_events();
	asm volatile("call ss_sti" : : : "memory", "cc");
	report_kfail(under_tcg(), traps_at(sti, ARRAY_SIZE(sti)),
		     "TF: sti with IF already set (no shadow): a trap after it%s",
		     under_tcg() ? " (QEMU 7.2 TCG skips the trap after sti)" : "");
}

static u64 user_icebp(void)
{
	asm volatile(".byte 0xf1" : : : "memory");
	return 1;
}

static ulong user_fault_error;

static void note_user_error(struct ex_regs *regs)
{
	user_fault_error = regs->error_code;
}

static u64 user_int1(void)
{
	asm volatile("int $1" : : : "memory");
	return 1;
}

static void int1_tests(void)
{
	bool raised, icebp_ud;
	ulong after;

	reset_events();
	asm volatile(ASM_TRY("1f") ".byte 0xf1\n1:\tlea 1b(%%rip), %0" : "=r"(after) : : "memory");
	icebp_ud = exception_vector() == UD_VECTOR;
	report_kfail(under_tcg(), nevents == 1 && events[0].rip == after,
		     "icebp: #DB trap, RIP after the instruction%s",
		     icebp_ud ? " (QEMU 7.2 TCG raises #UD)" : "");
	if (nevents == 1)
		report(!(events[0].dr6 & (DR6_BS | DR6_BD | 0xf)), "icebp: no BS, BD or Bn in DR6");

	reset_events();
	asm volatile("int $1\n1:\tlea 1b(%%rip), %0" : "=r"(after) : : "memory");
	report(nevents == 1 && events[0].rip == after, "int $1 at CPL 0: vector 1, RIP after the instruction");

	/* ICEBP is not an INT n: no gate DPL check. INT 1 through the DPL 0 gate is #GP(1 * 8 + 2). */
	reset_events();
	run_in_user(user_icebp, UD_VECTOR, 0, 0, 0, 0, &raised);
	report_kfail(under_tcg(), !raised && nevents == 1, "icebp at CPL 3 through a DPL 0 gate: #DB%s",
		     raised ? " (QEMU 7.2 TCG raises #UD)" : "");
	user_fault_error = 0;
	run_in_user_ex(user_int1, GP_VECTOR, 0, 0, 0, 0, &raised, note_user_error);
	/* The error code names the gate: its index in bits 15:3, IDT (bit 1). */
	report_kfail(under_tcg(), raised && user_fault_error == (DB_VECTOR << 3 | 2),
		     "int $1 at CPL 3 through a DPL 0 gate: #GP(0x%lx)%s", (ulong)(DB_VECTOR << 3 | 2),
		     user_fault_error == (DB_VECTOR << 4 | 2) ? " (QEMU 7.2 TCG gives vector * 16 + 2)" : "");
}

static u64 bp_data[4] __aligned(32);

asm(".pushsection .text\n"
    "hw_exec:\n"
    "	nop\n"
    "hw_exec_target:\n"
    "	movl $42, %eax\n"
    "	ret\n"
    ".popsection\n");
extern char hw_exec[], hw_exec_target[];

static void write_drn(int n, ulong v)
{
	switch (n) {
	case 0:
		write_dr0(v);
		break;
	case 1:
		write_dr1(v);
		break;
	case 2:
		write_dr2(v);
		break;
	default:
		write_dr3(v);
		break;
	}
}

/* Each of DR0-DR3 as an execute breakpoint (global enable, Gn) and as a write breakpoint (local, Ln). */
static void each_dr_tests(void)
{
	ulong v, after;
	int n;

	for (n = 0; n < 4; n++) {
		reset_events();
		write_drn(n, (ulong)hw_exec_target);
		write_dr7(DR7_FIXED1 | DR7_L(n) << 1 | DR7_RW(n, RW_EXEC) | DR7_LEN(n, LEN_1));
		asm volatile("call hw_exec" : "=a"(v) : : "memory");
		write_dr7(DR7_FIXED1);
		report(nevents == 1 && events[0].rip == (ulong)hw_exec_target && (events[0].dr6 & 0xf) == DR6_B(n) &&
		       v == 42, "DR%d execute breakpoint enabled by G%d: fault, B%d", n, n, n);

		reset_events();
		write_drn(n, (ulong)&bp_data[2]);
		write_dr7(DR7_FIXED1 | DR7_L(n) | DR7_RW(n, RW_WRITE) | DR7_LEN(n, LEN_8));
		asm volatile("movq $7, %1\n1:\tlea 1b(%%rip), %0" : "=r"(after), "=m"(bp_data[2]) : : "memory");
		write_dr7(DR7_FIXED1);
		report(nevents == 1 && events[0].rip == after && (events[0].dr6 & 0xf) == DR6_B(n),
		       "DR%d write breakpoint of 8 bytes: trap after the store, B%d", n, n);
	}
}

static void hw_breakpoint_tests(void)
{
	volatile u8 *b = (volatile u8 *)bp_data;
	ulong v, after;

	/* Execute (DR0): a fault before the instruction; RF lets it run once resumed. */
	reset_events();
	write_dr0((ulong)hw_exec_target);
	write_dr7(DR7_FIXED1 | DR7_L(0) | DR7_RW(0, RW_EXEC) | DR7_LEN(0, LEN_1));
	asm volatile("call hw_exec" : "=a"(v) : : "memory");
	write_dr7(DR7_FIXED1);
	report(nevents == 1 && events[0].rip == (ulong)hw_exec_target && (events[0].dr6 & 0xf) == DR6_B(0) && v == 42,
	       "execute breakpoint (DR0): #DB fault at the instruction, B0, RF resumes it");
	/* The one fault whose frame does not get RF=1: an instruction breakpoint pushes RF as it was (0). */
	report(nevents == 1 && !(events[0].rflags & X86_EFLAGS_RF), "execute breakpoint: RF=0 in the frame");

	/* Write (DR1, 4 bytes): a trap after the write; reads do not match. */
	reset_events();
	write_dr1((ulong)&bp_data[1]);
	write_dr7(DR7_FIXED1 | DR7_L(1) | DR7_RW(1, RW_WRITE) | DR7_LEN(1, LEN_4));
	asm volatile("movl $1, %1\n1:\tlea 1b(%%rip), %0" : "=r"(after), "=m"(bp_data[1]) : : "memory");
	report(nevents == 1 && events[0].rip == after && (events[0].dr6 & 0xf) == DR6_B(1),
	       "write breakpoint (DR1, 4 bytes): #DB trap after the write, B1");
	reset_events();
	v = READ_ONCE(bp_data[1]);
	b[7] = 1;	/* the byte just below its 4 bytes */
	report(nevents == 0, "write breakpoint: no #DB for a read, nor a write beside it");
	write_dr7(DR7_FIXED1);

	/* Read/write (DR2, 1 byte at offset 1): a byte write beside it misses, a word covering it hits. */
	reset_events();
	write_dr2((ulong)b + 17);
	write_dr7(DR7_FIXED1 | DR7_L(2) | DR7_RW(2, RW_ACCESS) | DR7_LEN(2, LEN_1));
	b[16] = 5;
	report(nevents == 0, "rw breakpoint (DR2, 1 byte): a byte access beside it does not match");
	v = READ_ONCE(*(volatile u16 *)(b + 16));
	report(nevents == 1 && (events[0].dr6 & 0xf) == DR6_B(2),
	       "rw breakpoint (DR2, 1 byte): a word read covering it, B2");
	write_dr7(DR7_FIXED1);

	/* 8 bytes (DR3): its last byte matches, the next does not. */
	reset_events();
	write_dr3((ulong)&bp_data[3]);
	write_dr7(DR7_FIXED1 | DR7_L(3) | DR7_RW(3, RW_ACCESS) | DR7_LEN(3, LEN_8));
	v = b[3 * 8 + 7];
	report(nevents == 1 && (events[0].dr6 & 0xf) == DR6_B(3), "rw breakpoint (DR3, 8 bytes): its last byte, B3");
	write_dr7(DR7_FIXED1);

	/* 2 bytes (DR0): a read of the byte after them misses. */
	reset_events();
	write_dr0((ulong)b);
	write_dr7(DR7_FIXED1 | DR7_L(0) | DR7_RW(0, RW_ACCESS) | DR7_LEN(0, LEN_2));
	v = b[2];
	v += b[1];
	write_dr7(DR7_FIXED1);
	report(nevents == 1 && (events[0].dr6 & 0xf) == DR6_B(0),
	       "rw breakpoint (DR0, 2 bytes): byte 1 matches, byte 2 not");

	/* A disabled breakpoint (L0 clear) raises nothing. */
	reset_events();
	write_dr7(DR7_FIXED1 | DR7_RW(0, RW_ACCESS) | DR7_LEN(0, LEN_2));
	v = b[0];
	write_dr7(DR7_FIXED1);
	report(nevents == 0, "a breakpoint with L0/G0 clear: no #DB");
	(void)v;
}

/* The processor never clears DR6's BS: a later breakpoint #DB finds it still set beside B1. */
static void dr6_sticky_test(void)
{
	reset_events();
	clear_dr6 = false;
	asm volatile("call ss_plain" : : : "rax", "memory", "cc");
	write_dr1((ulong)&bp_data[1]);
	write_dr7(DR7_FIXED1 | DR7_L(1) | DR7_RW(1, RW_WRITE) | DR7_LEN(1, LEN_4));
	nevents = 0;
	WRITE_ONCE(bp_data[1], 3);
	write_dr7(DR7_FIXED1);
	clear_dr6 = true;
	report_kfail(under_tcg(), nevents == 1 && (events[0].dr6 & DR6_BS) && (events[0].dr6 & DR6_B(1)),
		     "DR6.BS stays set across a later breakpoint #DB (dr6 %#lx)%s", events[0].dr6,
		     under_tcg() && !(events[0].dr6 & DR6_BS) ? " (QEMU 7.2 TCG clears it)" : "");
	write_dr6(0);
}

/* DR7.GD: a MOV DR faults (#DB before it, BD set) and the processor clears GD for the handler. */
static void gd_test(void)
{
	ulong insn, dr0;

	reset_events();
	write_dr7(DR7_FIXED1 | DR7_GD);
	asm volatile("lea 1f(%%rip), %0\n1:\tmov %1, %%dr0" : "=&r"(insn) : "r"(0x1234UL) : "memory");
	dr0 = read_dr0();
	report_kfail(under_tcg(), nevents == 1 && events[0].rip == insn && (events[0].dr6 & DR6_BD),
		     "DR7.GD: mov to dr0 is a #DB fault at the mov, DR6.BD%s",
		     nevents ? "" : " (QEMU 7.2 TCG ignores GD)");
	report_kfail(under_tcg(), nevents == 1 && !(events[0].dr7 & DR7_GD) && dr0 == 0x1234,
		     "DR7.GD: cleared on entry to the handler, the mov then completes%s",
		     nevents ? "" : " (QEMU 7.2 TCG ignores GD)");
	write_dr7(DR7_FIXED1);
}

int main(void)
{
	handle_exception(DB_VECTOR, db_handler);
	write_dr7(DR7_FIXED1);
	single_step_tests();
	int1_tests();
	hw_breakpoint_tests();
	each_dr_tests();
	dr6_sticky_test();
	gd_test();
	handle_exception(DB_VECTOR, NULL);
	return report_summary();
}
