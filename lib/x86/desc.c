/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * desc.c - the IDT and the exception dispatcher: a registered handler gets
 * the saved registers; an exception nobody expected is reported (name,
 * vector, error code, RIP, registers, backtrace) and ends the test with
 * EXIT_ABORT, so a test never hangs or reboots silently.
 */
#include "libcflat.h"
#include "desc.h"
#include "processor.h"
#include "smp.h"
#include "stack.h"

struct idt_entry {
	u16 offset0;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset1;
	u32 offset2;
	u32 reserved;
} __attribute__((packed));

struct tss64 {
	u32 reserved0;
	u64 rsp0, rsp1, rsp2;
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iomap_base;
} __attribute__((packed));

struct ex_table_entry {
	unsigned long insn, fixup;
};

extern char isr_stubs[];
extern const struct ex_table_entry __ex_table_start[], __ex_table_end[];

volatile int ex_fixup_vector;
volatile unsigned long ex_fixup_error_code;
extern u64 gdt[];

static struct idt_entry idt[256] __aligned(16);
static exception_handler_t handlers[256];
static struct tss64 tss[MAX_CPUS];
/* #DF runs on its own stack, so a stack overflow is reported, not a triple fault. */
static u8 df_stacks[MAX_CPUS][4096] __aligned(16);

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
	struct idt_entry *e = &idt[vector];
	u64 a = (u64)(uintptr_t)addr;

	e->offset0 = a;
	e->selector = KERNEL_CS;
	e->ist = 0;
	e->type_attr = 0x80 | (dpl << 5) | 0xe;	/* present, 64-bit interrupt gate */
	e->offset1 = a >> 16;
	e->offset2 = a >> 32;
	e->reserved = 0;
}

void set_idt_ist(int vector, int ist)
{
	idt[vector].ist = ist;
}

exception_handler_t handle_exception(u8 vector, exception_handler_t handler)
{
	exception_handler_t old = handlers[vector];

	handlers[vector] = handler;
	return old;
}

static void dump_regs(const struct ex_regs *r)
{
	printf("\tRAX=%016lx RBX=%016lx RCX=%016lx RDX=%016lx\n", r->rax, r->rbx, r->rcx, r->rdx);
	printf("\tRSI=%016lx RDI=%016lx RBP=%016lx RSP=%016lx\n", r->rsi, r->rdi, r->rbp, r->rsp);
	printf("\tR8 =%016lx R9 =%016lx R10=%016lx R11=%016lx\n", r->r8, r->r9, r->r10, r->r11);
	printf("\tR12=%016lx R13=%016lx R14=%016lx R15=%016lx\n", r->r12, r->r13, r->r14, r->r15);
	printf("\tRIP=%016lx RFLAGS=%08lx CS=%04lx SS=%04lx\n", r->rip, r->rflags, r->cs, r->ss);
	printf("\tCR0=%016lx CR2=%016lx CR3=%016lx CR4=%016lx\n", read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

void do_handle_exception(struct ex_regs *regs);

/* A fault at an ASM_EX_FIXUP site: record it and continue at the fixup. */
static bool fixup_exception(struct ex_regs *regs)
{
	const struct ex_table_entry *e;

	for (e = __ex_table_start; e < __ex_table_end; e++) {
		if (e->insn == regs->rip) {
			ex_fixup_vector = regs->vector;
			ex_fixup_error_code = regs->error_code;
			regs->rip = e->fixup;
			return true;
		}
	}
	return false;
}

void do_handle_exception(struct ex_regs *regs)
{
	static int reporting;
	unsigned int v = regs->vector;

	if (fixup_exception(regs))
		return;
	if (v < 256 && handlers[v]) {
		handlers[v](regs);
		return;
	}
	console_break_lock();
	/* An exception while reporting one: the report is what crashed, so just end the test. */
	if (reporting++) {
		printf("Unhandled exception %u %s while reporting one, at ip %016lx\n",
		       v, exception_mnemonic(v), regs->rip);
		exit(EXIT_ABORT);
	}
	printf("Unhandled exception %u %s at ip %016lx, error code %#lx",
	       v, exception_mnemonic(v), regs->rip, regs->error_code);
	if (v == PF_VECTOR)
		printf(", address %016lx", read_cr2());
	printf(" (cpu %d)\n", smp_id());
	dump_regs(regs);
	dump_frame_stack((void *)regs->rip, (void *)regs->rbp);
	exit(EXIT_ABORT);
}

void setup_idt(void)
{
	struct descriptor_table_ptr p = { .limit = sizeof(idt) - 1, .base = (unsigned long)idt };
	int v;

	for (v = 0; v < 256; v++)
		set_idt_entry(v, isr_stubs + 16 * v, 0);
	set_idt_ist(DF_VECTOR, 1);
	lidt(&p);
}

/* A 16-byte system descriptor for CPU cpu's TSS, then load it. */
void setup_tss(int cpu)
{
	u64 base = (u64)(uintptr_t)&tss[cpu];
	u64 limit = sizeof(tss[cpu]) - 1;
	int slot = (TSS_MAIN >> 3) + 2 * cpu;

	tss[cpu].ist[0] = (u64)(uintptr_t)(df_stacks[cpu] + sizeof(df_stacks[cpu]));
	tss[cpu].iomap_base = sizeof(tss[cpu]);
	gdt[slot] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
		    (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	gdt[slot + 1] = base >> 32;
	ltr(TSS_MAIN + 16 * cpu);
}
