/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * desc.c - the IDT and the exception dispatcher: a registered handler gets
 * the saved registers; an exception nobody expected is reported (name,
 * vector, error code, RIP, registers, backtrace) and ends the test with
 * EXIT_ABORT, so a test never hangs or reboots silently.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "asm/page.h"
#include "desc.h"
#include "processor.h"
#include "smp.h"
#include "setjmp.h"
#include "stack.h"

struct ex_table_entry {
	unsigned long insn, fixup;
};

extern char isr_stubs[];
extern const struct ex_table_entry __ex_table_start[], __ex_table_end[];

static_assert(sizeof(gdt_entry_t) == 8);
static_assert(sizeof(struct system_desc64) == 16);
static_assert(sizeof(tss64_t) == 104);
static_assert(sizeof(tss32_t) == 104);

idt_entry_t boot_idt[256] __aligned(16);
static exception_handler_t handlers[256];
bool is_fep_available;
/*
 * #DF runs on its own stack, so a stack overflow is reported, not a triple
 * fault: IST 1 on x86_64; on i386, a task gate to a TSS of its own
 * (df_tss), whose handler reports the state of the task it interrupted.
 */
static u8 df_stacks[MAX_CPUS][4096] __aligned(16);
#ifdef __x86_64__
static_assert(sizeof(idt_entry_t) == 16);
tss64_t tss[MAX_CPUS];
#else
static_assert(sizeof(idt_entry_t) == 8);
tss32_t tss[MAX_CPUS];
/*
 * One #DF task for all CPUs (the IDT is shared): the first double fault is
 * reported and ends the test; a second CPU's would find the task busy.
 */
static tss32_t df_tss;
#endif
/* test_for_exception(): where each CPU's handler jumps back to. */
static jmp_buf *exception_jmpbuf[MAX_CPUS];

static const char *const mnemonics[] = {
	[DE_VECTOR] = "#DE", [DB_VECTOR] = "#DB", [NMI_VECTOR] = "NMI", [BP_VECTOR] = "#BP",
	[OF_VECTOR] = "#OF", [BR_VECTOR] = "#BR", [UD_VECTOR] = "#UD", [NM_VECTOR] = "#NM",
	[DF_VECTOR] = "#DF", [TS_VECTOR] = "#TS", [NP_VECTOR] = "#NP", [SS_VECTOR] = "#SS",
	[GP_VECTOR] = "#GP", [PF_VECTOR] = "#PF", [MF_VECTOR] = "#MF", [AC_VECTOR] = "#AC",
	[MC_VECTOR] = "#MC", [XM_VECTOR] = "#XM", [VE_VECTOR] = "#VE", [CP_VECTOR] = "#CP",
};

const char *exception_mnemonic(unsigned int vector)
{
	if (vector < ARRAY_SIZE(mnemonics) && mnemonics[vector])
		return mnemonics[vector];
	return vector < 32 ? "reserved" : "interrupt";
}

void set_idt_entry(int vector, void *addr, int dpl)
{
	idt_entry_t *e = &boot_idt[vector];
	u64 a = (u64)(uintptr_t)addr;

	*e = (idt_entry_t){
		.offset0 = a, .selector = KERNEL_CS, .type = 0xe /* 64-bit or 32-bit interrupt gate */,
		.dpl = dpl, .p = 1, .offset1 = a >> 16,
#ifdef __x86_64__
		.offset2 = a >> 32,
#endif
	};
}

void set_idt_ist(int vector, int ist)
{
	boot_idt[vector].ist = ist;
}

void set_idt_dpl(int vector, int dpl)
{
	boot_idt[vector].dpl = dpl;
}

void set_idt_sel(int vector, u16 sel)
{
	boot_idt[vector].selector = sel;
}

void set_gdt_entry(int sel, unsigned long base, u32 limit, u8 access, u8 gran)
{
	u64 *slot = (u64 *)&gdt[sel >> 3];

	slot[0] = (limit & 0xffff) | ((u64)(base & 0xffffff) << 16) | ((u64)access << 40) |
		  ((u64)((limit >> 16) & 0xf) << 48) | ((u64)(gran & 0xf0) << 48) | ((u64)((base >> 24) & 0xff) << 56);
#ifdef __x86_64__
	if (!(access & 0x10))
		slot[1] = (u64)base >> 32;
#endif
}

void set_gdt_entry_base(int sel, unsigned long base)
{
	gdt_entry_t *e = &gdt[sel >> 3];

	e->base1 = base;
	e->base2 = base >> 16;
	e->base3 = base >> 24;
#ifdef __x86_64__
	if (!e->s)
		((struct system_desc64 *)e)->base4 = base >> 32;
#endif
}

void clear_tss_busy(int sel)
{
	gdt[sel >> 3].type &= ~DESC_BUSY;
}

gdt_entry_t *get_gdt_entry(u16 sel)
{
	struct descriptor_table_ptr p;

	sgdt(&p);
	return (gdt_entry_t *)p.base + (sel >> 3);
}

gdt_entry_t *get_tss_descr(void)
{
	return get_gdt_entry(str());
}

gdt_entry_t *get_ldt_descr(void)
{
	return get_gdt_entry(sldt());
}

unsigned long get_gdt_entry_base(gdt_entry_t *e)
{
	unsigned long base = e->base1 | ((unsigned long)e->base2 << 16) | ((unsigned long)e->base3 << 24);

#ifdef __x86_64__
	if (!e->s)
		base |= (unsigned long)((struct system_desc64 *)e)->base4 << 32;
#endif
	return base;
}

unsigned long get_gdt_entry_limit(gdt_entry_t *e)
{
	unsigned long limit = e->limit1 | ((unsigned long)e->limit2 << 16);

	/* G: the limit counts 4 KiB units, the low 12 bits all ones. */
	return e->g ? (limit << 12) | 0xfff : limit;
}

exception_handler_t handle_exception(u8 vector, exception_handler_t handler)
{
	exception_handler_t old = handlers[vector];

	handlers[vector] = handler;
	return old;
}

#ifdef __x86_64__
static void dump_regs(struct ex_regs *r)
{
	printf("\tRAX=%016lx RBX=%016lx RCX=%016lx RDX=%016lx\n", r->rax, r->rbx, r->rcx, r->rdx);
	printf("\tRSI=%016lx RDI=%016lx RBP=%016lx RSP=%016lx\n", r->rsi, r->rdi, r->rbp, r->rsp);
	printf("\tR8 =%016lx R9 =%016lx R10=%016lx R11=%016lx\n", r->r8, r->r9, r->r10, r->r11);
	printf("\tR12=%016lx R13=%016lx R14=%016lx R15=%016lx\n", r->r12, r->r13, r->r14, r->r15);
	printf("\tRIP=%016lx RFLAGS=%08lx CS=%04lx SS=%04lx\n", r->rip, r->rflags, r->cs, r->ss);
	printf("\tCR0=%016lx CR2=%016lx CR3=%016lx CR4=%016lx\n", read_cr0(), read_cr2(), read_cr3(), read_cr4());
}
#else
static void dump_regs(struct ex_regs *r)
{
	u16 ss;

	asm volatile("mov %%ss, %0" : "=rm"(ss));
	printf("\tEAX=%08lx EBX=%08lx ECX=%08lx EDX=%08lx\n", r->rax, r->rbx, r->rcx, r->rdx);
	printf("\tESI=%08lx EDI=%08lx EBP=%08lx ESP=%08lx\n", r->rsi, r->rdi, r->rbp, regs_sp(r));
	printf("\tEIP=%08lx EFLAGS=%08lx CS=%04lx SS=%04lx GS=%04lx\n", r->rip, r->rflags, r->cs,
	       (r->cs & 3) ? r->ss : ss, r->gs & 0xffff);
	printf("\tCR0=%08lx CR2=%08lx CR3=%08lx CR4=%08lx\n", read_cr0(), read_cr2(), read_cr3(), read_cr4());
}
#endif

void do_handle_exception(struct ex_regs *regs);

/* A fault at an ASM_EX_FIXUP site: record it and continue at the fixup. */
static bool fixup_exception(struct ex_regs *regs)
{
	const struct ex_table_entry *e;

	for (e = __ex_table_start; e < __ex_table_end; e++) {
		if (e->insn == regs->rip) {
			this_cpu_write_exception_vector(regs->vector);
			this_cpu_write_exception_error_code(regs->error_code);
			this_cpu_write_exception_rf(!!(regs->rflags & X86_EFLAGS_RF));
			regs->rip = e->fixup;
			return true;
		}
	}
	return false;
}

void unhandled_exception(struct ex_regs *regs, bool cpu)
{
	static int reporting;
	unsigned long v = regs->vector;

	console_break_lock();
	/* An exception while reporting one: the report is what crashed, so just end the test. */
	if (reporting++) {
		printf("Unhandled exception %lu %s while reporting one, at ip %0*lx\n",
		       v, exception_mnemonic(v), (int)sizeof(long) * 2, regs->rip);
		exit(EXIT_ABORT);
	}
	/* cpu (an exception, not an interrupt) is kvm-unit-tests' argument; the words stay the same for both. */
	printf("Unhandled exception %lu %s at ip %0*lx, error code %#lx",
	       v, exception_mnemonic(v), (int)sizeof(long) * 2, regs->rip, regs->error_code);
	if (v == PF_VECTOR)
		printf(", address %0*lx", (int)sizeof(long) * 2, read_cr2());
	printf(" (cpu %d)\n", smp_id());
	dump_regs(regs);
	dump_frame_stack((void *)regs->rip, (void *)regs->rbp);
	exit(EXIT_ABORT);
}

void do_handle_exception(struct ex_regs *regs)
{
	unsigned int v = regs->vector;

	if (fixup_exception(regs))
		return;
	if (v < 256 && handlers[v]) {
		handlers[v](regs);
		return;
	}
	unhandled_exception(regs, v < 32);
}

/* Every CPU loads the same IDT. */
void load_idt(void)
{
	struct descriptor_table_ptr p = { .limit = sizeof(boot_idt) - 1, .base = (unsigned long)boot_idt };

	lidt(&p);
}

void setup_idt(void)
{
	int v;

	for (v = 0; v < 256; v++)
		set_idt_entry(v, isr_stubs + 16 * v, 0);
#ifdef __x86_64__
	set_idt_ist(DF_VECTOR, 1);
#else
	/* A task gate (type 5): the selector is CPU 0's #DF TSS; the offset is not used. */
	boot_idt[DF_VECTOR] = (idt_entry_t){ .selector = DF_TSS_SEL, .type = 5, .p = 1 };
#endif
	load_idt();
}

#ifdef __i386__
/*
 * #DF on i386: the task gate switched to df_tss[cpu], so the faulting
 * state is in the TSS of the task it interrupted, which the back link
 * names; report that. The double fault's error code (0) is on this stack.
 */
static void __noreturn df_task(void)
{
	tss32_t *t = (tss32_t *)get_gdt_entry_base(get_gdt_entry(df_tss.prev));

	console_break_lock();
	printf("Unhandled exception 8 #DF at ip %08x (a fault while delivering one: a stack overflow?) "
	       "(cpu %d)\n", t->eip, smp_id());
	printf("\tEAX=%08x EBX=%08x ECX=%08x EDX=%08x\n", t->eax, t->ebx, t->ecx, t->edx);
	printf("\tESI=%08x EDI=%08x EBP=%08x ESP=%08x\n", t->esi, t->edi, t->ebp, t->esp);
	printf("\tEIP=%08x EFLAGS=%08x CS=%04x SS=%04x\n", t->eip, t->eflags, t->cs, t->ss);
	printf("\tCR0=%08lx CR2=%08lx CR3=%08x CR4=%08lx\n", read_cr0(), read_cr2(), t->cr3, read_cr4());
	exit(EXIT_ABORT);
}
#endif

#ifdef __x86_64__
/* A 16-byte system descriptor for CPU cpu's TSS, then load it. */
void setup_tss(int cpu)
{
	u64 base = (u64)(uintptr_t)&tss[cpu];
	u64 limit = sizeof(tss[cpu]) - 1;

	tss[cpu].ist1 = (u64)(uintptr_t)(df_stacks[cpu] + sizeof(df_stacks[cpu]));
	tss[cpu].iomap_base = sizeof(tss[cpu]);
	set_gdt_entry(TSS_MAIN + 16 * cpu, base, limit, 0x89 /* present, available 64-bit TSS */, 0);
	ltr(TSS_MAIN + 16 * cpu);
}

void set_tss_rsp0(int cpu, u64 rsp0)
{
	tss[cpu].rsp0 = rsp0;
}
#else
/*
 * CPU cpu's 32-bit TSS, loaded into TR (the CPU saves its state there on a
 * task switch), and its #DF TSS: the state df_task starts with, on its own
 * stack, with the page tables of the boot.
 */
void setup_tss(int cpu)
{
	tss32_t *df = &df_tss;
	u16 ds = KERNEL_DS;

	/*
	 * A task switch saves no CR3 in the outgoing TSS but loads it from
	 * the incoming one (Intel SDM vol. 3, 8.2.1): a test's task that
	 * returns here (x86/taskswitch) needs the CR3 this CPU runs with.
	 * Invariant: code that moves CR3 for good updates it (vm.c).
	 */
	tss[cpu].cr3 = read_cr3();
	tss[cpu].ss0 = KERNEL_DS;
	tss[cpu].iomap_base = sizeof(tss[cpu]);
	set_gdt_entry(TSS_MAIN + 16 * cpu, (uintptr_t)&tss[cpu], sizeof(tss[cpu]) - 1,
		      0x89 /* present, available 32-bit TSS */, 0);
	ltr(TSS_MAIN + 16 * cpu);

	if (cpu)
		return;
	*df = (tss32_t){
		.cr3 = read_cr3(), .eip = (uintptr_t)df_task, .eflags = X86_EFLAGS_FIXED,
		.esp = (uintptr_t)(df_stacks[0] + sizeof(df_stacks[0])), .cs = KERNEL_CS,
		.ss = ds, .ds = ds, .es = ds, .fs = ds, .gs = PERCPU_SEL(0), .iomap_base = sizeof(*df),
	};
	set_gdt_entry(DF_TSS_SEL, (uintptr_t)df, sizeof(*df) - 1, 0x89, 0);
}

void set_tss_rsp0(int cpu, u64 rsp0)
{
	tss[cpu].esp0 = rsp0;
}
#endif

#ifdef __x86_64__
/* IST 2, for set_intr_alt_stack(): a page per CPU, allocated when first asked for (not in BSS, which boot clears). */
void setup_alt_stack(void)
{
	int cpu = smp_id();
	u8 *stack;

	if (tss[cpu].ist2)
		return;
	stack = alloc_page();
	assert_msg(stack, "setup_alt_stack: no memory for CPU %d's alternate stack", cpu);
	tss[cpu].ist2 = (u64)(uintptr_t)(stack + PAGE_SIZE);
}

void set_intr_alt_stack(int vector, void *fn)
{
	setup_alt_stack();
	set_idt_entry(vector, fn, 0);
	set_idt_ist(vector, 2);
}
#endif

static void exception_longjmp(struct ex_regs *regs)
{
	longjmp(*exception_jmpbuf[smp_id()], 1);
}

bool test_for_exception(unsigned int ex, void (*trigger)(void *data), void *data)
{
	ulong flags = read_rflags();
	exception_handler_t old;
	jmp_buf jb;
	bool raised;

	exception_jmpbuf[smp_id()] = &jb;
	old = handle_exception(ex, exception_longjmp);
	raised = setjmp(jb) != 0;
	if (!raised)
		trigger(data);
	handle_exception(ex, old);
	/* The jump out of the handler skipped its iret: interrupts are as the gate left them. */
	write_rflags(flags);
	return raised;
}

/* Boot: is KVM's forced emulation prefix honoured (else it is the #UD of its ud2)? */
void probe_fep(void)
{
	asm volatile(ASM_TRY("1f") KVM_FEP "nop\n1:" : : : "memory");
	is_fep_available = exception_vector() == 0;
}
