/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memory.c - the cache-line and non-temporal instructions (Intel SDM vol.
 * 2 CLFLUSH, CLFLUSHOPT, CLWB, MOVNTI): a flush leaves the line's data as
 * it was; it is checked like a one-byte load (a read-only page takes it,
 * a missing page is a #PF with a read error code, a supervisor page is a
 * #PF at CPL 3), a non-canonical address is #GP, a LOCK prefix #UD, and
 * CLFLUSHOPT and CLWB are #UD without their CPUID bits; MOVNTI stores 32
 * and 64 bits that a load after SFENCE sees, faults as a write on a
 * read-only page, and a store crossing into a missing page faults
 * without changing the first page; the PREFETCH hints never fault, even
 * for a missing page or a non-canonical address; WBINVD is #GP at CPL 3.
 *
 * A hypervisor bug it would catch: an emulated flush that faults as a
 * write (breaking copy-on-write or read-only guest mappings), that skips
 * the permission check, or that loses data; a non-temporal store that
 * the emulator gets wrong or half-commits.
 *
 * QEMU 7.2's TCG translates the flushes to nothing, without the address
 * checks, and takes LOCK MOVNTI: those checks are known failures under
 * TCG.
 */
#include "libcflat.h"
#include "accel.h"
#include "alloc_page.h"
#include "desc.h"
#include "processor.h"
#include "usermode.h"
#include "vm.h"

enum flush_kind { FLUSH_CLFLUSH, FLUSH_CLFLUSHOPT, FLUSH_CLWB };

static const char *const flush_names[] = { "CLFLUSH", "CLFLUSHOPT", "CLWB" };

static int flush_safe(enum flush_kind k, volatile void *p)
{
	switch (k) {
	case FLUSH_CLFLUSH:
		asm volatile(ASM_TRY("1f") "clflush (%0)\n1:" : : "r"(p) : "memory");
		break;
	case FLUSH_CLFLUSHOPT:
		asm volatile(ASM_TRY("1f") "clflushopt (%0)\n1:" : : "r"(p) : "memory");
		break;
	case FLUSH_CLWB:
		asm volatile(ASM_TRY("1f") "clwb (%0)\n1:" : : "r"(p) : "memory");
		break;
	}
	return exception_vector();
}

static bool flush_supported(enum flush_kind k)
{
	switch (k) {
	case FLUSH_CLFLUSH:
		return this_cpu_has(X86_FEATURE_CLFLUSH);
	case FLUSH_CLFLUSHOPT:
		return this_cpu_has(X86_FEATURE_CLFLUSHOPT);
	default:
		return this_cpu_has(X86_FEATURE_CLWB);
	}
}

static const char *const cpuid_bits[] = { "CPUID.1:EDX[19]", "CPUID.(07H,0):EBX[23]", "CPUID.(07H,0):EBX[24]" };

static u8 *data_page, *ro_alias, *absent, *supervisor_alias;
static volatile u8 *user_target;

static u64 user_clflush(void)
{
	asm volatile("clflush (%0)" : : "r"(user_target) : "memory");
	return 1;
}

static ulong fault_error;

static void note_error(struct ex_regs *regs)
{
	fault_error = regs->error_code;
}

static void check_flush(enum flush_kind k)
{
	const char *n = flush_names[k];
	u64 *q = (u64 *)data_page;
	int vec;

	if (!flush_supported(k)) {
		report(flush_safe(k, data_page) == UD_VECTOR, "%s without %s: #UD", n, cpuid_bits[k]);
		report_skip("%s: the CPU lacks it (%s)", n, cpuid_bits[k]);
		return;
	}
	q[0] = 0x0123456789abcdefULL;
	q[8] = 0xfedcba9876543210ULL;
	vec = flush_safe(k, q);
	report(vec == 0 && q[0] == 0x0123456789abcdefULL && q[8] == 0xfedcba9876543210ULL,
	       "%s leaves the line's data as it was", n);
	report(flush_safe(k, data_page + 63) == 0 && q[0] == 0x0123456789abcdefULL,
	       "%s of the line's last byte", n);
	vec = flush_safe(k, ro_alias);
	report(vec == 0, "%s of a read-only page: no fault, checked as a load (vector %d)", n, vec);
	vec = flush_safe(k, absent);
	report_kfail(under_tcg(), vec == PF_VECTOR && read_cr2() == (ulong)absent &&
		     !((unsigned long)exception_error_code() & PFERR_WRITE_MASK),
		     "%s of a missing page: #PF as a read (vector %d, error code %#lx; QEMU 7.2 TCG checks no address)",
		     n, vec, (unsigned long)exception_error_code());
	vec = flush_safe(k, (void *)NONCANONICAL);
	report_kfail(under_tcg(), vec == GP_VECTOR, "%s of a non-canonical address: #GP (vector %d)", n, vec);
}

static void check_flush_user(void)
{
	bool raised;

	user_target = data_page;
	run_in_user(user_clflush, PF_VECTOR, 0, 0, 0, 0, &raised);
	report(!raised, "CLFLUSH of a user page at CPL 3: no fault");
	user_target = supervisor_alias;
	fault_error = 0;
	run_in_user_ex(user_clflush, PF_VECTOR, 0, 0, 0, 0, &raised, note_error);
	report_kfail(under_tcg(), raised && fault_error == (PFERR_PRESENT_MASK | PFERR_USER_MASK),
		     "CLFLUSH of a supervisor page at CPL 3: #PF, error code P|U (%#lx)", fault_error);
}

static void check_lock(void)
{
	asm volatile(ASM_TRY("1f") ".byte 0xf0; clflush (%0)\n1:" : : "r"(data_page) : "memory");
	report(exception_vector() == UD_VECTOR, "LOCK CLFLUSH: #UD");
	asm volatile(ASM_TRY("1f") ".byte 0xf0; movnti %%eax, (%0)\n1:" : : "r"(data_page), "a"(0) : "memory");
	report_kfail(under_tcg(), exception_vector() == UD_VECTOR, "LOCK MOVNTI: #UD (QEMU 7.2 TCG runs it)");
}

static int movnti64_safe(void *p, u64 v)
{
	asm volatile(ASM_TRY("1f") "movnti %1, (%0)\n1:" : : "r"(p), "r"(v) : "memory");
	return exception_vector();
}

static void check_movnti(void)
{
	u32 *d = (u32 *)data_page;
	u64 *q = (u64 *)data_page;
	u8 *last = absent - 4;	/* 4 bytes before the missing page: an 8-byte store crosses into it */
	int vec;

	d[0] = 0;
	asm volatile("movnti %1, (%0); sfence" : : "r"(d), "r"(0xcafef00du) : "memory");
	report(d[0] == 0xcafef00d, "MOVNTI (32 bits) stores, seen after SFENCE (%#x)", d[0]);
	q[1] = 0;
	vec = movnti64_safe(&q[1], 0x1122334455667788ULL);
	asm volatile("sfence" : : : "memory");
	report(vec == 0 && q[1] == 0x1122334455667788ULL, "MOVNTI (64 bits) stores");
	report(d[0] == 0xcafef00d, "MOVNTI stores only its operand's bytes");
	vec = movnti64_safe(ro_alias, 1);
	report(vec == PF_VECTOR && ((unsigned long)exception_error_code() & (PFERR_WRITE_MASK | PFERR_PRESENT_MASK)) ==
	       (PFERR_WRITE_MASK | PFERR_PRESENT_MASK), "MOVNTI to a read-only page: #PF, error code W|P (%#lx)",
	       (unsigned long)exception_error_code());
	memset(last, 0x5a, 4);
	vec = movnti64_safe(last, 0);
	report(vec == PF_VECTOR && ((unsigned long)exception_error_code() & PFERR_WRITE_MASK) &&
		!((unsigned long)exception_error_code() & 1),
	       "MOVNTI crossing into a missing page: #PF, error code W (%#lx)", (unsigned long)exception_error_code());
	report(last[0] == 0x5a && last[3] == 0x5a, "and the first page is left unchanged");
	vec = movnti64_safe((void *)NONCANONICAL, 0);
	report(vec == GP_VECTOR, "MOVNTI to a non-canonical address: #GP (vector %d)", vec);
}

/* The PREFETCH hints never fault (Intel SDM vol. 2 PREFETCHh: #UD for LOCK only). */
#define PREFETCH_FORM(name, insn)							\
static int name(u64 addr)								\
{											\
	asm volatile(ASM_TRY("1f") insn " (%0)\n1:" : : "r"(addr) : "memory");		\
	return exception_vector();							\
}

PREFETCH_FORM(do_prefetcht0, "prefetcht0")
PREFETCH_FORM(do_prefetcht1, "prefetcht1")
PREFETCH_FORM(do_prefetcht2, "prefetcht2")
PREFETCH_FORM(do_prefetchnta, "prefetchnta")

static void check_prefetch(void)
{
	static const struct { const char *name; int (*fn)(u64 addr); } hints[] = {
		{ "PREFETCHT0", do_prefetcht0 }, { "PREFETCHT1", do_prefetcht1 },
		{ "PREFETCHT2", do_prefetcht2 }, { "PREFETCHNTA", do_prefetchnta },
	};
	unsigned int i;
	int vec;

	for (i = 0; i < ARRAY_SIZE(hints); i++) {
		vec = hints[i].fn((uintptr_t)absent);
		report(vec == 0, "%s of a missing page: no fault (vector %d)", hints[i].name, vec);
		vec = hints[i].fn(NONCANONICAL);
		report(vec == 0, "%s of a non-canonical address: no fault (vector %d)", hints[i].name, vec);
	}
}

static u64 user_wbinvd(void)
{
	asm volatile("wbinvd" : : : "memory");
	return 1;
}

static u64 user_movnti(void)
{
	asm volatile("movnti %%eax, (%0)" : : "r"(user_target), "a"(0) : "memory");
	return 1;
}

static void check_privilege(void)
{
	bool raised;

	asm volatile(ASM_TRY("1f") "wbinvd\n1:" : : : "memory");
	report(exception_vector() == 0, "WBINVD at CPL 0 works");
	run_in_user(user_wbinvd, GP_VECTOR, 0, 0, 0, 0, &raised);
	report(raised, "WBINVD at CPL 3: #GP");
	user_target = supervisor_alias;
	fault_error = 0;
	run_in_user_ex(user_movnti, PF_VECTOR, 0, 0, 0, 0, &raised, note_error);
	report(raised && fault_error == (PFERR_PRESENT_MASK | PFERR_WRITE_MASK | PFERR_USER_MASK),
	       "MOVNTI to a supervisor page at CPL 3: #PF, error code P|W|U (%#lx)", fault_error);
}

int main(void)
{
	pgd_t *cr3;
	u8 *pages;
	int k;

	setup_vm();
	cr3 = current_page_table();
	data_page = alloc_page();
	memset(data_page, 0, PAGE_SIZE);
	/* Three virtual pages: a read-only alias, a writable page of its own, then nothing. */
	pages = alloc_vpages(3);
	ro_alias = pages;
	install_page(cr3, virt_to_phys(data_page), ro_alias);
	*get_pte(cr3, ro_alias) &= ~PT_WRITABLE_MASK;
	install_page(cr3, virt_to_phys(alloc_page()), pages + PAGE_SIZE);
	absent = pages + 2 * PAGE_SIZE;
	supervisor_alias = alloc_vpage();
	install_page(cr3, virt_to_phys(data_page), supervisor_alias);
	*get_pte(cr3, supervisor_alias) &= ~PT_USER_MASK;
	flush_tlb();

	for (k = FLUSH_CLFLUSH; k <= FLUSH_CLWB; k++) {
		report_prefix_push(flush_names[k]);
		check_flush(k);
		report_prefix_pop();
	}
	check_flush_user();
	check_lock();
	report_prefix_push("MOVNTI");
	check_movnti();
	report_prefix_pop();
	check_prefetch();
	check_privilege();
	return report_summary();
}
