/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * interrupt.c - the C side of the interruption entries of cstart64.S.
 * A program interruption is either expected (expect_pgm_int: recorded, the
 * program goes on), handled by a handler a test installed, or unexpected:
 * then the code, the old PSW, the registers and a backtrace are printed and
 * the test ends with EXIT_ABORT, so it never hangs. External interruptions
 * are the SCLP's service signal, the wake-up signals of smp.c, and the
 * clock comparator and CPU timer, which only a test opens (ext_int_seen
 * records them); anything else (an unexpected SVC, machine check, I/O or
 * restart) aborts the same way.
 */
#include "libcflat.h"
#include "stack.h"
#include "asm/arch_def.h"
#include "interrupt.h"
#include "io.h"
#include "processor.h"
#include "sclp.h"
#include "smp.h"

/* Per CPU: is a program interruption expected, and the one recorded. */
static struct {
	bool expected;
	u16 code;
	u64 old_addr;
} pgm_state[MAX_CPUS];

static pgm_handler_fn pgm_handlers[PGM_INT_CODE_MAX];
static void (*io_int_func)(void);
struct ext_int_info ext_int_seen[MAX_CPUS];

void handle_pgm_int(struct interrupt_regs *regs);
void handle_ext_int(struct interrupt_regs *regs);
void handle_svc_int(struct interrupt_regs *regs);
void handle_mcck_int(struct interrupt_regs *regs);
void handle_io_int(struct interrupt_regs *regs);
void handle_restart_int(struct interrupt_regs *regs);

const char *pgm_int_name(u16 code)
{
	switch (code & (PGM_INT_CODE_MAX - 1)) {
	case PGM_INT_CODE_OPERATION: return "operation";
	case PGM_INT_CODE_PRIVILEGED_OPERATION: return "privileged operation";
	case PGM_INT_CODE_EXECUTE: return "execute";
	case PGM_INT_CODE_PROTECTION: return "protection";
	case PGM_INT_CODE_ADDRESSING: return "addressing";
	case PGM_INT_CODE_SPECIFICATION: return "specification";
	case PGM_INT_CODE_DATA: return "data";
	case PGM_INT_CODE_FIXED_POINT_OVERFLOW: return "fixed-point overflow";
	case PGM_INT_CODE_FIXED_POINT_DIVIDE: return "fixed-point divide";
	case PGM_INT_CODE_SEGMENT_TRANSLATION: return "segment translation";
	case PGM_INT_CODE_PAGE_TRANSLATION: return "page translation";
	case PGM_INT_CODE_TRANSLATION_SPEC: return "translation specification";
	case PGM_INT_CODE_OPERAND: return "operand";
	case PGM_INT_CODE_ASCE_TYPE: return "ASCE type";
	case PGM_INT_CODE_REGION_FIRST_TRANS: return "region-first translation";
	case PGM_INT_CODE_REGION_SECOND_TRANS: return "region-second translation";
	case PGM_INT_CODE_REGION_THIRD_TRANS: return "region-third translation";
	case PGM_INT_CODE_MONITOR_EVENT: return "monitor event";
	default: return "unknown";
	}
}

void expect_pgm_int(void)
{
	int cpu = smp_processor_id();

	pgm_state[cpu].code = 0;
	__atomic_store_n(&pgm_state[cpu].expected, true, __ATOMIC_SEQ_CST);
}

u16 clear_pgm_int(void)
{
	int cpu = smp_processor_id();
	u16 code = pgm_state[cpu].code;

	pgm_state[cpu].code = 0;
	pgm_state[cpu].expected = false;
	return code;
}

void check_pgm_int_code(u16 code)
{
	u16 got = clear_pgm_int();

	report(got == code, "program interruption: expected %#x (%s), got %#x (%s)", code, pgm_int_name(code),
	       got, got ? pgm_int_name(got) : "none");
}

bool pgm_int_expected(void)
{
	return __atomic_load_n(&pgm_state[smp_processor_id()].expected, __ATOMIC_SEQ_CST);
}

u64 pgm_int_old_addr(void)
{
	return pgm_state[smp_processor_id()].old_addr;
}

void install_pgm_handler(u16 code, pgm_handler_fn fn)
{
	assert_msg(code < PGM_INT_CODE_MAX, "install_pgm_handler: code %#x", code);
	pgm_handlers[code] = fn;
}

/* Bytes of the interrupted instruction: the ILC of the program-interruption identification. */
static unsigned int pgm_ilen(void)
{
	return ((lowcore.pgm_int_id >> 1) & 3) * 2;
}

/* Codes that nullify the instruction: the old PSW points at it, so going on means stepping over it. */
static bool pgm_nullifies(u16 code)
{
	switch (code) {
	case PGM_INT_CODE_SEGMENT_TRANSLATION:
	case PGM_INT_CODE_PAGE_TRANSLATION:
	case PGM_INT_CODE_ASCE_TYPE:
	case PGM_INT_CODE_REGION_FIRST_TRANS:
	case PGM_INT_CODE_REGION_SECOND_TRANS:
	case PGM_INT_CODE_REGION_THIRD_TRANS:
		return true;
	default:
		return false;
	}
}

void show_regs(const struct interrupt_regs *regs)
{
	int i;

	for (i = 0; i < 16; i += 4)
		printf("\tr%-2d=%016lx r%-2d=%016lx r%-2d=%016lx r%-2d=%016lx\n", i, regs->grs[i], i + 1,
		       regs->grs[i + 1], i + 2, regs->grs[i + 2], i + 3, regs->grs[i + 3]);
	printf("\told PSW=%016lx %016lx\n", regs->psw.mask, regs->psw.addr);
}

/* The end of an unexpected interruption: say what it was, where, and end the test. */
static void __noreturn unexpected(const char *what, u16 code, struct interrupt_regs *regs, u64 pc, bool pgm)
{
	/* An interruption while reporting one: the report is what crashed, so just end the test. */
	static int reporting;

	console_break_lock();
	io_break_locks();
	if (reporting++) {
		printf("Unexpected %s interruption %#x while reporting one (PSW %016lx %016lx)\n", what, code,
		       regs->psw.mask, regs->psw.addr);
		exit(EXIT_ABORT);
	}
	printf("Unexpected %s interruption on CPU %d: code %#x", what, smp_processor_id(), code);
	if (pgm)
		printf(" (%s), instruction at %#lx, TEID %#lx", pgm_int_name(code), pc, lowcore.trans_exc_id);
	printf("\n");
	show_regs(regs);
	dump_frame_stack((void *)pc, (void *)regs->grs[15]);
	exit(EXIT_ABORT);
}

void handle_pgm_int(struct interrupt_regs *regs)
{
	int cpu = smp_processor_id();
	u16 full = lowcore.pgm_int_code, code = full & (PGM_INT_CODE_MAX - 1);
	unsigned int ilen = pgm_ilen();
	u64 pc = pgm_nullifies(code) ? regs->psw.addr : regs->psw.addr - ilen;

	if (pgm_state[cpu].expected) {
		pgm_state[cpu].expected = false;
		pgm_state[cpu].code = full;
		pgm_state[cpu].old_addr = regs->psw.addr;
		if (pgm_nullifies(code))
			regs->psw.addr += ilen;
		return;
	}
	if (pgm_handlers[code]) {
		pgm_handlers[code](regs, full);
		return;
	}
	unexpected("program", full, regs, pc, true);
}

void handle_ext_int(struct interrupt_regs *regs)
{
	struct ext_int_info *seen = &ext_int_seen[smp_processor_id()];
	u16 code = lowcore.ext_int_code;

	seen->cpu_addr = lowcore.cpu_addr;
	seen->param = lowcore.ext_int_param;
	__atomic_store_n(&seen->code, code, __ATOMIC_RELEASE);
	__atomic_add_fetch(&seen->count, 1, __ATOMIC_RELEASE);
	switch (code) {
	case EXT_IRQ_SERVICE_SIG:
		sclp_handle_ext(lowcore.ext_int_param);
		break;
	case EXT_IRQ_EMERGENCY_SIG:
	case EXT_IRQ_EXTERNAL_CALL:
		break;		/* a wake-up: what to do is in the mailbox (smp.c) */
	case EXT_IRQ_CLOCK_COMP:
	case EXT_IRQ_CPU_TIMER:
		/*
		 * Recorded for the test that opened the subclass. The condition
		 * stays until the comparator or timer is set again, so the
		 * subclass is closed: going back with it open would take the
		 * same interruption again at once, forever.
		 */
		lctlg(0, stctg(0) & ~(code == EXT_IRQ_CLOCK_COMP ? CR0_EXTM_CLOCK_COMP : CR0_EXTM_CPU_TIMER));
		break;
	default:
		unexpected("external", code, regs, regs->psw.addr, false);
	}
	/*
	 * Taken in wait_for_ext_int(), whose caller runs with external
	 * interruptions disabled: go back to that, without the wait.
	 */
	if (regs->psw.mask & PSW_MASK_WAIT)
		regs->psw.mask &= ~(PSW_MASK_WAIT | PSW_MASK_EXT);
}

void handle_svc_int(struct interrupt_regs *regs)
{
	if (lowcore.svc_int_code == SVC_LEAVE_PSTATE) {
		regs->psw.mask &= ~PSW_MASK_PSTATE;
		return;
	}
	unexpected("supervisor-call", lowcore.svc_int_code, regs, regs->psw.addr - 2, false);
}

void handle_mcck_int(struct interrupt_regs *regs)
{
	unexpected("machine-check", 0, regs, regs->psw.addr, false);
}

void handle_io_int(struct interrupt_regs *regs)
{
	if (!io_int_func)
		unexpected("I/O", lowcore.subsys_id_word, regs, regs->psw.addr, false);
	io_int_func();
	/* Taken in an enabled wait: the waiter goes on with I/O interruptions off, as it was before. */
	if (regs->psw.mask & PSW_MASK_WAIT)
		regs->psw.mask &= ~(PSW_MASK_WAIT | PSW_MASK_IO);
}

int register_io_int_func(void (*f)(void))
{
	if (io_int_func)
		return -1;
	io_int_func = f;
	return 0;
}

int unregister_io_int_func(void (*f)(void))
{
	if (io_int_func != f)
		return -1;
	io_int_func = NULL;
	return 0;
}

void handle_restart_int(struct interrupt_regs *regs)
{
	unexpected("restart", 0, regs, regs->psw.addr, false);
}

void wait_for_ext_int(void)
{
	load_psw_mask(extract_psw_mask() | PSW_MASK_EXT | PSW_MASK_WAIT);
}

void irq_set_dat_mode(bool dat)
{
	/*
	 * Not the restart new PSW: a restart may follow a CPU reset, which
	 * cleared CR1, so it must start with DAT off (the code it leads to
	 * runs in either mode, the map being the identity).
	 */
	struct psw *new[] = {
		&lowcore.ext_new_psw, &lowcore.svc_new_psw,
		&lowcore.pgm_new_psw, &lowcore.mcck_new_psw, &lowcore.io_new_psw,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(new); i++) {
		if (dat)
			new[i]->mask |= PSW_MASK_DAT;
		else
			new[i]->mask &= ~PSW_MASK_DAT;
	}
}

/*
 * The frame walk for backtraces (lib/stack.c). This strong backtrace_frame
 * replaces lib/stack.c's weak one, whose layout is that of x86_64 and
 * arm64; it lives here because this file is in every image. Images are
 * built with -mbackchain: word 0 of a frame (at the stack pointer) is the
 * caller's stack pointer, and a function saves its return address (r14)
 * in its caller's frame, at 112 (slot 14 of the register save area, which
 * starts with r0's slot at 0 and holds r6-r15 from 48). The boot code and
 * the secondaries' entry end the chain with a zero back chain.
 */
#define FRAME_R14_SLOT	14

int backtrace_frame(const void *frame, const void **ret, int max)
{
	const void *const *fp = frame;
	int depth = 0;

	while (fp && depth < max) {
		const void *const *prev = fp[0];

		if (!prev || !prev[FRAME_R14_SLOT])
			break;
		ret[depth++] = prev[FRAME_R14_SLOT];
		/* Stacks grow down: a caller's frame is always above, so this cannot loop. */
		if (prev <= fp)
			break;
		fp = prev;
	}
	return depth;
}
