/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pku.c - protection keys (Intel SDM vol. 3 4.6.2, vol. 2 RDPKRU/WRPKRU):
 * CPUID.(07H,0):ECX.OSPKE follows CR4.PKE; RDPKRU and WRPKRU are #UD
 * without CR4.PKE and #GP with ECX (or, for WRPKRU, EDX) not 0; PKRU
 * keeps what is written. For each key 1-15 on a user page, PKRU's
 * access-disable bit makes reads and writes fault (#PF with the PK bit)
 * at CPL 0 and CPL 3, while pages of other keys stay usable; the
 * write-disable bit lets reads through and stops user writes always and
 * supervisor writes only with CR0.WP; keys do not apply to supervisor
 * pages or to instruction fetches, nor with CR4.PKE clear; each CPU has
 * a PKRU of its own. Protection
 * keys for supervisor pages (CR4.PKS, IA32_PKRS) where the CPU has them:
 * the same rules for supervisor pages (WD ignored with CR0.WP clear),
 * user pages unaffected, and
 * IA32_PKRS bits 63:32 reserved.
 *
 * A hypervisor bug it would catch: PKRU not switched or not consulted by
 * the emulator or shadow MMU, the PK bit missing from the error code,
 * WD applied to supervisor writes with CR0.WP clear, PKRS not honoured.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "desc.h"
#include "processor.h"
#include "smp.h"
#include "usermode.h"
#include "vm.h"

#define PTE_PKEY_SHIFT		59
#define PTE_PKEY_MASK		(0xfULL << PTE_PKEY_SHIFT)
#define PKEY_AD(k)		(1u << (2 * (k)))
#define PKEY_WD(k)		(2u << (2 * (k)))

/* mov $42, %eax; ret */
static const u8 stub[] = { 0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3 };

static u8 *key_page[16];	/* key_page[k]: a user alias of the data page with key k */
static u8 *super_page[16];	/* the same, supervisor-only */
static ulong fault_error;

static void note_error(struct ex_regs *regs)
{
	fault_error = regs->error_code;
}

static int try_read(volatile u8 *p)
{
	u8 v;

	asm volatile(ASM_TRY("1f") "movb (%1), %0\n1:" : "=q"(v) : "r"(p) : "memory");
	return exception_vector();
}

static int try_write(volatile u8 *p)
{
	asm volatile(ASM_TRY("1f") "movb $0xc3, 64(%0)\n1:" : : "r"(p) : "memory");
	return exception_vector();
}

static u64 user_read(u64 addr)
{
	return *(volatile u8 *)addr + 1;
}

static u64 user_write(u64 addr)
{
	*(volatile u8 *)(addr + 64) = 0xc3;
	return 1;
}

static int rdpkru_safe(u32 ecx, u32 *pkru)
{
	u32 a = 0, d = 0;

	asm volatile(ASM_TRY("1f") "rdpkru\n1:" : "+a"(a), "+d"(d) : "c"(ecx));
	*pkru = a;
	return exception_vector();
}

static int wrpkru_safe(u32 pkru, u32 ecx, u32 edx)
{
	asm volatile(ASM_TRY("1f") "wrpkru\n1:" : : "a"(pkru), "c"(ecx), "d"(edx) : "memory");
	return exception_vector();
}

static void map_keys(void)
{
	pgd_t *cr3 = current_page_table();
	u8 *page = alloc_page();
	int k;

	memset(page, 0, PAGE_SIZE);
	memcpy(page, stub, sizeof(stub));
	for (k = 0; k < 16; k++) {
		key_page[k] = alloc_vpage();
		install_page(cr3, virt_to_phys(page), key_page[k]);
		*get_pte(cr3, key_page[k]) |= (u64)k << PTE_PKEY_SHIFT;
		super_page[k] = alloc_vpage();
		install_page(cr3, virt_to_phys(page), super_page[k]);
		*get_pte(cr3, super_page[k]) = (*get_pte(cr3, super_page[k]) & ~PT_USER_MASK) |
					      ((u64)k << PTE_PKEY_SHIFT);
	}
	flush_tlb();
}

static void check_instructions(void)
{
	u32 v;
	int vec;

	write_cr4(read_cr4() & ~X86_CR4_PKE);
	report(!this_cpu_has(X86_FEATURE_OSPKE), "CR4.PKE clear: CPUID.(07H,0):ECX.OSPKE clear");
	report(rdpkru_safe(0, &v) == UD_VECTOR, "CR4.PKE clear: RDPKRU is #UD");
	report(wrpkru_safe(0, 0, 0) == UD_VECTOR, "CR4.PKE clear: WRPKRU is #UD");
	write_cr4(read_cr4() | X86_CR4_PKE);
	report(this_cpu_has(X86_FEATURE_OSPKE), "CR4.PKE set: CPUID.(07H,0):ECX.OSPKE set");
	vec = wrpkru_safe(0x12345678, 0, 0);
	vec |= rdpkru_safe(0, &v);
	report(vec == 0 && v == 0x12345678, "PKRU keeps what WRPKRU writes (%#x)", v);
	report(rdpkru_safe(1, &v) == GP_VECTOR, "RDPKRU with ECX = 1: #GP");
	report(wrpkru_safe(0, 1, 0) == GP_VECTOR, "WRPKRU with ECX = 1: #GP");
	report(wrpkru_safe(0, 0, 1) == GP_VECTOR, "WRPKRU with EDX = 1: #GP");
	report(read_pkru() == 0x12345678, "a faulting WRPKRU leaves PKRU alone");
	write_pkru(0);
}

static void check_key(int k)
{
	int other = k == 15 ? 1 : k + 1;
	bool raised;
	int rd, wr, wr_nowp;
	ulong rd_err, wr_err;

	write_pkru(PKEY_AD(k));
	rd = try_read(key_page[k]);
	rd_err = (unsigned long)exception_error_code();
	wr = try_write(key_page[k]);
	wr_err = (unsigned long)exception_error_code();
	report(rd == PF_VECTOR && rd_err == (PFERR_PRESENT_MASK | PFERR_PK_MASK) && wr == PF_VECTOR &&
	       wr_err == (PFERR_PRESENT_MASK | PFERR_WRITE_MASK | PFERR_PK_MASK),
	       "key %d AD: CPL 0 read and write #PF, error codes P|PK %#lx, P|W|PK %#lx", k, rd_err, wr_err);
	report(try_read(key_page[other]) == 0 && try_write(key_page[other]) == 0 && try_read(key_page[0]) == 0,
	       "key %d AD: pages of keys %d and 0 usable", k, other);
	fault_error = 0;
	run_in_user_ex((usermode_func)user_read, PF_VECTOR, (uintptr_t)key_page[k], 0, 0, 0, &raised, note_error);
	report(raised && fault_error == (PFERR_PRESENT_MASK | PFERR_USER_MASK | PFERR_PK_MASK),
	       "key %d AD: CPL 3 read #PF, error code P|U|PK (%#lx)", k, fault_error);

	write_pkru(PKEY_WD(k));
	rd = try_read(key_page[k]);
	wr = try_write(key_page[k]);
	wr_err = (unsigned long)exception_error_code();
	write_cr0(read_cr0() & ~X86_CR0_WP);
	wr_nowp = try_write(key_page[k]);
	write_cr0(read_cr0() | X86_CR0_WP);
	report(rd == 0 && wr == PF_VECTOR && wr_err == (PFERR_PRESENT_MASK | PFERR_WRITE_MASK | PFERR_PK_MASK) &&
	       wr_nowp == 0, "key %d WD: CPL 0 reads; writes #PF with CR0.WP (%#lx), not without", k, wr_err);
	fault_error = 0;
	run_in_user_ex((usermode_func)user_write, PF_VECTOR, (uintptr_t)key_page[k], 0, 0, 0, &raised,
		       note_error);
	report(raised && fault_error == (PFERR_PRESENT_MASK | PFERR_WRITE_MASK | PFERR_USER_MASK | PFERR_PK_MASK),
	       "key %d WD: CPL 3 write #PF, error code P|W|U|PK (%#lx)", k, fault_error);
	write_pkru(0);
}

static void check_exempt(void)
{
	u32 ret;

	write_pkru(0xfffffffc);		/* every key but 0 access-disabled */
	report(try_read(super_page[5]) == 0 && try_write(super_page[5]) == 0,
	       "PKRU does not apply to supervisor pages");
	ret = ((u32 (*)(void))key_page[5])();
	report(ret == 42, "PKRU does not apply to instruction fetches");
	write_cr4(read_cr4() & ~X86_CR4_PKE);
	report(try_read(key_page[5]) == 0 && try_write(key_page[5]) == 0, "CR4.PKE clear: keys are ignored");
	write_cr4(read_cr4() | X86_CR4_PKE);
	write_pkru(0);
}

struct remote_pkru {
	u32 pkru;
	int read_vec;
};

static void pkru_on_other(void *data)
{
	struct remote_pkru *r = data;

	write_cr4(read_cr4() | X86_CR4_PKE);
	write_pkru(PKEY_AD(3));
	r->read_vec = try_read(key_page[3]);
	r->pkru = read_pkru();
	write_pkru(0);
	write_cr4(read_cr4() & ~X86_CR4_PKE);
}

/* PKRU is per logical processor: another CPU's value neither leaks here nor is lost there. */
static void check_per_cpu(void)
{
	struct remote_pkru r = { 0, 0 };

	if (cpu_count() < 2) {
		report_skip("PKRU per CPU: one CPU only (-smp)");
		return;
	}
	write_pkru(PKEY_WD(7));
	on_cpu(1, pkru_on_other, &r);
	report(r.pkru == PKEY_AD(3) && r.read_vec == PF_VECTOR, "CPU 1 uses its own PKRU (%#x): key 3 faults there",
	       r.pkru);
	report(read_pkru() == PKEY_WD(7) && try_read(key_page[3]) == 0,
	       "CPU 0 keeps its PKRU (%#x): key 3 readable here", read_pkru());
	write_pkru(0);
}

static void check_pks(void)
{
	int k, vec;

	if (!this_cpu_has(X86_FEATURE_PKS)) {
		report_skip("PKS: the CPU lacks it (CPUID.(07H,0):ECX[31])");
		return;
	}
	wrmsr(MSR_IA32_PKRS, 0x87654321);
	report(rdmsr(MSR_IA32_PKRS) == 0x87654321, "IA32_PKRS keeps what is written");
	vec = wrmsr_safe(MSR_IA32_PKRS, 1ULL << 32);
	report(vec == GP_VECTOR, "IA32_PKRS bit 32 (reserved): #GP (vector %d)", vec);
	wrmsr(MSR_IA32_PKRS, 0);
	write_cr4(read_cr4() | X86_CR4_PKS);
	for (k = 1; k < 16; k += 7) {
		int rd, wr;
		ulong rd_err;

		wrmsr(MSR_IA32_PKRS, PKEY_AD(k));
		rd = try_read(super_page[k]);
		rd_err = (unsigned long)exception_error_code();
		report(rd == PF_VECTOR && rd_err == (PFERR_PRESENT_MASK | PFERR_PK_MASK),
		       "key %d AD: supervisor page read #PF, error code P|PK (%#lx)", k, rd_err);
		report(try_read(key_page[k]) == 0 && try_read(super_page[0]) == 0,
		       "key %d AD: the user page of key %d and supervisor key 0 usable", k, k);
		wrmsr(MSR_IA32_PKRS, PKEY_WD(k));
		rd = try_read(super_page[k]);
		wr = try_write(super_page[k]);
		report(rd == 0 && wr == PF_VECTOR, "key %d WD: supervisor page reads, write #PF (%#lx)", k,
		       (unsigned long)exception_error_code());
		write_cr0(read_cr0() & ~X86_CR0_WP);
		wr = try_write(super_page[k]);
		write_cr0(read_cr0() | X86_CR0_WP);
		report(wr == 0, "key %d WD, CR0.WP clear: the supervisor write goes through (vector %d)", k, wr);
	}
	wrmsr(MSR_IA32_PKRS, 0);
	write_cr4(read_cr4() & ~X86_CR4_PKS);
}

int main(void)
{
	int k;

	if (!this_cpu_has(X86_FEATURE_PKU)) {
		report_skip("PKU: the CPU lacks it (CPUID.(07H,0):ECX[3])");
		return report_summary();
	}
	setup_vm();
	map_keys();
	report_prefix_push("pku");
	check_instructions();
	for (k = 1; k < 16; k++)
		check_key(k);
	check_exempt();
	check_per_cpu();
	report_prefix_pop();
	report_prefix_push("pks");
	check_pks();
	report_prefix_pop();
	write_cr4(read_cr4() & ~X86_CR4_PKE);
	return report_summary();
}
