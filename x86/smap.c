/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * smap.c - supervisor-mode access and execution prevention (Intel SDM
 * vol. 3 4.6): with the kernel mapped supervisor-only and one page mapped
 * for users, every combination of CR4.SMEP, CR4.SMAP and RFLAGS.AC is
 * tried with a read, a write and an instruction fetch of the user page
 * at CPL 0: a data access faults exactly when SMAP is on and AC clear, a
 * fetch exactly when SMEP is on, with the #PF error code (P, W, I/D) and
 * CR2 the SDM gives; a supervisor alias of the same page is never
 * affected; STAC and CLAC set and clear AC at CPL 0 and are #UD at CPL 3
 * (they are #UD too without CPUID.(07H,0):EBX[20]); fourteen instruction
 * forms (loads, stores, read-modify-writes, LOCK, string, PUSH from memory,
 * MOVNTI, SETcc) each fault with the read or write error code under SMAP
 * with AC clear and go through with AC set.
 *
 * A hypervisor bug it would catch: shadow paging that ignores the guest's
 * CR4.SMAP/SMEP or RFLAGS.AC (or, with two-dimensional paging, a wrong
 * permission bitmap), a wrong error code on the emulated access, or STAC
 * and CLAC allowed in user mode.
 *
 * The access of a read-modify-write instruction is a write, so its fault
 * has W set; QEMU 7.2's TCG faults on the read half of ADD, XCHG and
 * CMPXCHG to memory and reports W clear: a known failure under TCG.
 */
#include "libcflat.h"
#include "accel.h"
#include "alloc_page.h"
#include "desc.h"
#include "processor.h"
#include "usermode.h"
#include "vm.h"

/* mov $42, %eax; ret */
static const u8 stub[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 };

static u8 *user_page, *super_alias;
static volatile ulong pf_cr2, pf_error;
static volatile int pf_count;

/* A fetch fault in the called stub: return to the caller as the stub's ret would, with EAX = 0. */
static void fetch_fault(struct ex_regs *regs)
{
	pf_cr2 = read_cr2();
	pf_error = regs->error_code;
	pf_count++;
	regs->rip = *(ulong *)regs->rsp;
	regs->rsp += 8;
	regs->rax = 0;
}

static int try_read(volatile u8 *p)
{
	u8 v;

	asm volatile(ASM_TRY("1f") "movb (%1), %0\n1:" : "=q"(v) : "r"(p) : "memory");
	return exception_vector();
}

static int try_write(volatile u8 *p)
{
	asm volatile(ASM_TRY("1f") "movb $0xc3, (%0)\n1:" : : "r"(p) : "memory");
	return exception_vector();
}

static u32 try_call(void *code)
{
	return ((u32 (*)(void))code)();
}

/*
 * Make every large page of the 1:1 map supervisor-only, so that SMEP and
 * SMAP leave the kernel alone; the test pages come from alloc_vpage().
 * The cfg gives less than 4 GiB of RAM, so the first 4 GiB hold it all.
 */
static void kernel_supervisor_only(void)
{
	pgd_t *cr3 = current_page_table();
	u64 phys;

	for (phys = 0; phys < (4ULL << 30); phys += LARGE_PAGE_SIZE) {
		pteval_t *pte = get_pte(cr3, phys_to_virt(phys));

		if (pte)
			*pte &= ~PT_USER_MASK;
	}
	flush_tlb();
}

static void set_ac(bool ac)
{
	if (ac)
		stac();
	else
		clac();
}

static void check_combination(bool smep, bool smap, bool ac)
{
	ulong cr4 = read_cr4() & ~(X86_CR4_SMEP | X86_CR4_SMAP);
	int rd, wr, rd_s;
	ulong rd_err, wr_err;
	u32 ret, ret_s;
	bool data_fault = smap && !ac, ok;

	write_cr4(cr4 | (smep ? X86_CR4_SMEP : 0) | (smap ? X86_CR4_SMAP : 0));
	set_ac(ac);
	rd = try_read(user_page);
	rd_err = exception_error_code();
	set_ac(ac);
	wr = try_write(user_page + 100);
	wr_err = exception_error_code();
	set_ac(ac);
	pf_count = 0;
	ret = try_call(user_page);
	rd_s = try_read(super_alias);
	ret_s = try_call(super_alias);
	clac();
	write_cr4(cr4);

	report_prefix_pushf("SMEP=%d SMAP=%d AC=%d", smep, smap, ac);
	if (data_fault) {
		report(rd == PF_VECTOR && rd_err == PFERR_PRESENT_MASK, "read of a user page: #PF, error code P (%#lx)",
		       rd_err);
		report(wr == PF_VECTOR && wr_err == (PFERR_PRESENT_MASK | PFERR_WRITE_MASK),
		       "write to a user page: #PF, error code P|W (%#lx)", wr_err);
	} else {
		report(rd == 0, "read of a user page: allowed (vector %d)", rd);
		report(wr == 0, "write to a user page: allowed (vector %d)", wr);
	}
	if (smep) {
		ok = ret == 0 && pf_count == 1 && pf_cr2 == (ulong)user_page &&
		     pf_error == (PFERR_PRESENT_MASK | PFERR_FETCH_MASK);
		report(ok, "fetch from a user page: #PF, error code P|I/D (%#lx), CR2 the page", pf_error);
	} else {
		report(ret == 42 && pf_count == 0, "fetch from a user page: allowed (returned %u)", ret);
	}
	report(rd_s == 0 && ret_s == 42, "the supervisor alias: read and fetch allowed");
	report_prefix_pop();
}

static u64 user_stac(void)
{
	stac();
	return 1;
}

static u64 user_clac(void)
{
	clac();
	return 1;
}

static void check_stac_clac(void)
{
	bool raised;

	stac();
	report(read_rflags() & X86_EFLAGS_AC, "STAC sets RFLAGS.AC");
	clac();
	report(!(read_rflags() & X86_EFLAGS_AC), "CLAC clears RFLAGS.AC");
	/* The kernel is still user-accessible here, so run_in_user can run it. */
	run_in_user(user_stac, UD_VECTOR, 0, 0, 0, 0, &raised);
	report(raised, "STAC at CPL 3: #UD");
	run_in_user(user_clac, UD_VECTOR, 0, 0, 0, 0, &raised);
	report(raised, "CLAC at CPL 3: #UD");
}

/*
 * Instruction forms whose data accesses SMAP checks: each touches the byte
 * at p (and the few after it). The faulting instruction must be the one
 * right after ASM_TRY, so operands are set up through constraints: p in
 * %0 (and RSI or RDI for the string forms), a kernel buffer in the other.
 */
#define FORM(name, insn, p_is_source)							\
static int name(volatile u8 *p)							\
{											\
	u64 buf[2] = { 0, 0 }, rax = 0, rcx = 8;					\
	volatile u8 *src = p_is_source ? p : (volatile u8 *)buf;			\
	volatile u8 *dst = p_is_source ? (volatile u8 *)buf : p;			\
											\
	asm volatile(ASM_TRY("1f") insn "\n1:"						\
		     : "+a"(rax), "+c"(rcx), "+S"(src), "+D"(dst) : "r"(p) : "memory", "cc");	\
	return exception_vector();							\
}

FORM(form_movb_load, "movb (%4), %%al", false)
FORM(form_movq_load, "movq (%4), %%rax", false)
FORM(form_movb_store, "movb $1, (%4)", false)
FORM(form_add_rmw, "addl $1, (%4)", false)
FORM(form_xchg, "xchgl %%eax, (%4)", false)
FORM(form_lock_cmpxchg, "lock cmpxchgl %%ecx, (%4)", false)
FORM(form_cmp, "cmpb $0, (%4)", false)
FORM(form_bt, "btl $3, (%4)", false)
FORM(form_rep_movsb_from, "rep movsb", true)
FORM(form_rep_movsb_to, "rep movsb", false)
FORM(form_rep_stosb, "rep stosb", false)
FORM(form_movnti, "movnti %%eax, (%4)", false)
FORM(form_setcc, "sete (%4)", false)

/* PUSH from memory: the push happens only without a fault, so the pop after the fixup label balances it. */
static int form_push(volatile u8 *p)
{
	u64 pushed = 0;

	asm volatile(ASM_TRY("1f") "pushq (%1)\n\tpopq %0\n1:" : "+r"(pushed) : "r"(p) : "memory");
	return exception_vector();
}

static const struct {
	const char *name;
	int (*fn)(volatile u8 *p);
	bool write;
	bool rmw;	/* a read-modify-write: QEMU 7.2's TCG faults on its read */
} forms[] = {
	{ "MOV byte load", form_movb_load, false }, { "MOV qword load", form_movq_load, false },
	{ "MOV store", form_movb_store, true }, { "ADD to memory", form_add_rmw, true, true },
	{ "XCHG", form_xchg, true, true }, { "LOCK CMPXCHG", form_lock_cmpxchg, true, true },
	{ "CMP with memory", form_cmp, false }, { "BT of memory", form_bt, false },
	{ "PUSH from memory", form_push, false }, { "REP MOVSB from it", form_rep_movsb_from, false },
	{ "REP MOVSB to it", form_rep_movsb_to, true }, { "REP STOSB", form_rep_stosb, true },
	{ "MOVNTI", form_movnti, true }, { "SETE to memory", form_setcc, true },
};

static void check_forms(void)
{
	ulong cr4 = read_cr4();
	unsigned int i;
	ulong err;
	int vec;

	write_cr4(cr4 | X86_CR4_SMAP);
	for (i = 0; i < ARRAY_SIZE(forms); i++) {
		ulong want = PFERR_PRESENT_MASK | (forms[i].write ? PFERR_WRITE_MASK : 0);

		clac();
		vec = forms[i].fn(user_page + 512);
		err = exception_error_code();
		report_kfail(forms[i].rmw && under_tcg(), vec == PF_VECTOR && err == want &&
			     read_cr2() >= (ulong)user_page + 512 && read_cr2() < (ulong)user_page + 520,
			     "SMAP, AC=0: %s faults, error code %#lx (%#lx)", forms[i].name, err, want);
		stac();
		vec = forms[i].fn(user_page + 512);
		clac();
		report(vec == 0, "SMAP, AC=1: %s is allowed (vector %d)", forms[i].name, vec);
	}
	write_cr4(cr4);
}

int main(void)
{
	pgd_t *cr3;
	u8 *page;
	int i;

	if (!this_cpu_has(X86_FEATURE_SMAP)) {
		asm volatile(ASM_TRY("1f") "stac\n1:" : : : "memory");
		report(exception_vector() == UD_VECTOR, "STAC without CPUID.(07H,0):EBX[20]: #UD");
		report_skip("SMAP: the CPU lacks it (CPUID.(07H,0):EBX[20])");
		return report_summary();
	}
	if (!this_cpu_has(X86_FEATURE_SMEP)) {
		report_skip("SMEP: the CPU lacks it (CPUID.(07H,0):EBX[7])");
		return report_summary();
	}
	setup_vm();
	check_stac_clac();
	cr3 = current_page_table();
	page = alloc_page();
	memset(page, 0, PAGE_SIZE);
	memcpy(page, stub, sizeof(stub));
	user_page = alloc_vpage();
	install_page(cr3, virt_to_phys(page), user_page);
	super_alias = alloc_vpage();
	install_page(cr3, virt_to_phys(page), super_alias);
	*get_pte(cr3, super_alias) &= ~PT_USER_MASK;
	kernel_supervisor_only();
	handle_exception(PF_VECTOR, fetch_fault);
	for (i = 0; i < 8; i++)
		check_combination(i & 4, i & 2, i & 1);
	report_prefix_push("forms");
	check_forms();
	report_prefix_pop();
	handle_exception(PF_VECTOR, NULL);
	return report_summary();
}
