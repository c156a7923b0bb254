/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exceptions.c - what happens on a ppc64 interrupt: the handler a test
 * installed for that vector runs (handle_exception), or, when there is
 * none, the interrupt is reported with its vector, SRR0/SRR1, DAR/DSISR,
 * the registers and a backtrace, and the test aborts (status 64).
 */
#include "libcflat.h"
#include "stack.h"
#include "processor.h"
#include "smp.h"

#define NR_VECTORS	(VEC_END / VEC_STUB_SIZE)

struct handler {
	void (*func)(struct pt_regs *regs, void *data);
	void *data;
};

static struct handler handlers[NR_VECTORS];
/* Interrupts being handled per CPU: one inside the report of another is not reported again. */
static int depth[MAX_CPUS];

static const struct {
	int trap;
	const char *name;
} names[] = {
	{ VEC_SYSTEM_RESET, "system reset" },
	{ VEC_MACHINE_CHECK, "machine check" },
	{ VEC_DSI, "data storage" },
	{ VEC_DSEG, "data segment" },
	{ VEC_ISI, "instruction storage" },
	{ VEC_ISEG, "instruction segment" },
	{ VEC_EXTERNAL, "external" },
	{ VEC_ALIGNMENT, "alignment" },
	{ VEC_PROGRAM, "program" },
	{ VEC_FP_UNAVAIL, "floating point unavailable" },
	{ VEC_DECREMENTER, "decrementer" },
	{ VEC_HDECREMENTER, "hypervisor decrementer" },
	{ VEC_DOORBELL, "doorbell" },
	{ VEC_SYSCALL, "system call" },
	{ VEC_TRACE, "trace" },
	{ VEC_PERFMON, "performance monitor" },
	{ VEC_VEC_UNAVAIL, "vector unavailable" },
	{ VEC_VSX_UNAVAIL, "VSX unavailable" },
	{ VEC_FAC_UNAVAIL, "facility unavailable" },
};

const char *exception_name(int trap)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (names[i].trap == trap)
			return names[i].name;
	}
	return "unknown";
}

void handle_exception(int trap, void (*func)(struct pt_regs *regs, void *data), void *data)
{
	int i = trap / VEC_STUB_SIZE;

	assert_msg(trap >= VEC_FIRST && trap < VEC_END && trap % VEC_STUB_SIZE == 0,
		   "handle_exception: %#x is not a vector", trap);
	handlers[i].data = data;
	__atomic_store_n(&handlers[i].func, func, __ATOMIC_RELEASE);
}

void show_regs(struct pt_regs *regs)
{
	int i;

	printf("\tSRR0 (NIP) %016lx  SRR1 (MSR) %016lx\n", regs->nip, regs->msr);
	printf("\tDAR        %016lx  DSISR      %08lx\n", regs->dar, regs->dsisr);
	printf("\tLR         %016lx  CTR        %016lx\n", regs->link, regs->ctr);
	printf("\tCR         %08lx          XER        %016lx\n", regs->ccr, regs->xer);
	for (i = 0; i < 32; i++)
		printf("%sr%-2d %016lx%s", i % 4 ? "  " : "\t", i, regs->gpr[i], i % 4 == 3 ? "\n" : "");
}

/*
 * ELFv2 frames: the back chain (the caller's stack pointer) is at 0(r1), and
 * a function saves its return address in its caller's frame, at
 * STACK_LR_SAVE from the back chain. This replaces lib/stack.c's weak
 * default; this object is in every image (cstart64.S calls into it).
 */
const void *const *frame_unwind(const void *const *fp, const void **ret)
{
	const void *const *prev = fp[0];

	*ret = prev ? prev[STACK_LR_SAVE / sizeof(void *)] : NULL;
	return prev;
}

void do_handle_exception(struct pt_regs *regs)
{
	int cpu = smp_processor_id(), trap = regs->trap;
	struct handler *h = &handlers[trap / VEC_STUB_SIZE];
	void (*func)(struct pt_regs *regs, void *data);

	if (cpu < 0 || cpu >= MAX_CPUS)
		cpu = 0;
	func = __atomic_load_n(&h->func, __ATOMIC_ACQUIRE);
	if (func && !depth[cpu]) {
		depth[cpu]++;
		func(regs, h->data);
		depth[cpu]--;
		return;
	}
	if (depth[cpu]++ > 1) {
		/* Faulting while reporting a fault: only the exit is left to try. */
		exit(EXIT_ABORT);
	}
	console_break_lock();
	printf("\nUnhandled %s interrupt (vector %#x) on CPU %d at SRR0 %#lx%s\n", exception_name(trap), trap, cpu,
	       regs->nip, depth[cpu] > 1 ? ", while handling another one" : "");
	if (trap == VEC_PROGRAM)
		printf("\tprogram interrupt: %s\n", regs->msr & SRR1_PROGILL ? "illegal instruction" :
		       regs->msr & SRR1_PROGPRIV ? "privileged instruction" :
		       regs->msr & SRR1_PROGTRAP ? "trap" : regs->msr & SRR1_PROGFPE ? "floating point" : "other");
	show_regs(regs);
	dump_frame_stack((void *)regs->nip, (void *)regs->gpr[1]);
	exit(EXIT_ABORT);
}
