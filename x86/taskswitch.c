/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * taskswitch.c - hardware task switching in 32-bit protected mode (Intel
 * SDM vol. 3, chapter 8): a CALL to a TSS descriptor and an INT through a
 * task gate in the IDT both nest the new task (8.4): the CPU saves the
 * current state in the current TSS, writes the current TSS's selector to
 * the new TSS's previous-task link, sets EFLAGS.NT and the new TSS
 * descriptor's busy bit, and leaves the old task's busy bit set; an IRET
 * with NT set returns to the linked task and clears the busy bit of the
 * task it leaves (8.3, 8.4). A CALL to a busy task is #GP(selector) (8.3).
 *
 * Catches a hypervisor or emulator that gets the back link or NT wrong,
 * loses the busy bits (so a task could be re-entered, or IRET could not
 * return), does not save the outgoing task's state, or lets a busy task
 * be called.
 */
#include "libcflat.h"
#include "desc.h"
#include "processor.h"
#include "smp.h"

#define TASK_SEL	FIRST_SPARE_SEL		/* called with CALL */
#define GATE_TASK_SEL	(FIRST_SPARE_SEL + 8)	/* entered through the task gate */
#define TASK_GATE_VECTOR	0x80

/* What a task saw of itself while it ran. */
struct seen {
	int runs;
	u16 tr, back_link;
	bool nt, self_busy, caller_busy;
	u32 marker;
};

static tss32_t task_tss, gate_tss;
static u8 task_stack[4096] __aligned(16), gate_stack[4096] __aligned(16);
static struct seen seen_call, seen_gate;

static bool busy(u16 sel)
{
	return gdt[sel >> 3].type & DESC_BUSY;
}

static void note(struct seen *s, tss32_t *self)
{
	s->runs++;
	s->tr = str();
	s->back_link = self->prev;
	s->nt = read_rflags() & X86_EFLAGS_NT;
	s->self_busy = busy(s->tr);
	s->caller_busy = busy(self->prev);
}

/*
 * Each task's body: note what it sees and IRET to the task that nested it.
 * The IRET saves this task's state in its TSS, so the next switch to the
 * task resumes after the IRET, at the top of the loop.
 */
static void __noreturn call_task(void)
{
	for (;;) {
		note(&seen_call, &task_tss);
		asm volatile("iret" : : : "memory");
	}
}

static void __noreturn gate_task(void)
{
	for (;;) {
		note(&seen_gate, &gate_tss);
		asm volatile("iret" : : : "memory");
	}
}

static void init_task(tss32_t *t, u16 sel, void (*fn)(void), u8 *stack, size_t size)
{
	*t = (tss32_t){
		.cr3 = read_cr3(), .eip = (uintptr_t)fn, .eflags = X86_EFLAGS_FIXED,
		.esp = (uintptr_t)(stack + size), .cs = KERNEL_CS, .ss = KERNEL_DS, .ds = KERNEL_DS,
		.es = KERNEL_DS, .fs = KERNEL_DS, .gs = PERCPU_SEL(0), .iomap_base = sizeof(*t),
	};
	set_gdt_entry(sel, (uintptr_t)t, sizeof(*t) - 1, 0x89 /* present, available 32-bit TSS */, 0);
}

static void check_call(void)
{
	u16 main_tr = str();
	/* Registers the CPU must save in the outgoing TSS and reload on the way back. */
	u32 esi = 0x5a5a1234, esi_after;
	struct far_pointer32 target = { .offset = 0, .selector = TASK_SEL };

	asm volatile("lcall *%[t]" : "=S"(esi_after) : [t] "m"(target), "S"(esi) : "memory");
	report(seen_call.runs == 1, "CALL to a TSS descriptor ran the task once (%d)", seen_call.runs);
	report(seen_call.tr == TASK_SEL, "in the task, TR is its selector (%#x)", seen_call.tr);
	report(seen_call.back_link == main_tr, "the new TSS's previous-task link is the caller's TR %#x (%#x)",
	       main_tr, seen_call.back_link);
	report(seen_call.nt, "EFLAGS.NT is set in the called task");
	report(seen_call.self_busy && seen_call.caller_busy,
	       "in the task, its descriptor (%d) and the caller's (%d) are busy",
	       seen_call.self_busy, seen_call.caller_busy);
	report(str() == main_tr && esi_after == esi, "IRET returned to the caller, TR %#x, ESI %#x restored", str(),
	       esi_after);
	report(!busy(TASK_SEL) && busy(main_tr), "after IRET the task is not busy (%d), the caller still is (%d)",
	       busy(TASK_SEL), busy(main_tr));
	report(!(read_rflags() & X86_EFLAGS_NT), "the caller runs with NT clear");
	report(task_tss.eip != (uintptr_t)call_task, "the task's state was saved in its TSS at the IRET (EIP %#x)",
	       task_tss.eip);

	/* Again: the task resumes where the IRET left it, so it counts a second run. */
	asm volatile("lcall *%[t]" : : [t] "m"(target) : "memory");
	report(seen_call.runs == 2 && seen_call.back_link == main_tr, "a second CALL resumes the task (run %d)",
	       seen_call.runs);
}

static void check_gate(void)
{
	u16 main_tr = str();
	idt_entry_t saved = boot_idt[TASK_GATE_VECTOR];

	/* A task gate: type 5, the TSS selector; the offset is not used (Intel SDM vol. 3, 6.11). */
	boot_idt[TASK_GATE_VECTOR] = (idt_entry_t){ .selector = GATE_TASK_SEL, .type = 5, .p = 1 };
	asm volatile("int $" __stringify(TASK_GATE_VECTOR) : : : "memory");
	boot_idt[TASK_GATE_VECTOR] = saved;
	report(seen_gate.runs == 1 && seen_gate.tr == GATE_TASK_SEL, "INT through a task gate ran the task (TR %#x)",
	       seen_gate.tr);
	report(seen_gate.back_link == main_tr && seen_gate.nt,
	       "through the gate: previous-task link %#x (want %#x), NT %d",
	       seen_gate.back_link, main_tr, seen_gate.nt);
	report(seen_gate.self_busy && seen_gate.caller_busy, "through the gate: both tasks busy (%d, %d)",
	       seen_gate.self_busy, seen_gate.caller_busy);
	report(str() == main_tr && !busy(GATE_TASK_SEL),
	       "IRET from the gate's task: back in TR %#x, the task not busy", str());
}

/* A CALL to the running task, whose descriptor is busy: #GP with the selector as error code. */
static void check_busy(void)
{
	struct far_pointer32 target = { .offset = 0, .selector = str() };
	unsigned int v = asm_safe("lcall *%0", "m"(target));

	report(v == GP_VECTOR && exception_error_code() == target.selector,
	       "CALL to a busy TSS: #GP(%#x) expected, %s(%#x) raised", target.selector,
	       v ? exception_mnemonic(v) : "nothing", exception_error_code());
	report(str() == target.selector && busy(target.selector), "the running task is unchanged and still busy");
}

int main(void)
{
	init_task(&task_tss, TASK_SEL, call_task, task_stack, sizeof(task_stack));
	init_task(&gate_tss, GATE_TASK_SEL, gate_task, gate_stack, sizeof(gate_stack));
	check_call();
	check_gate();
	check_busy();
	return report_summary();
}
