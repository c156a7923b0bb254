/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pcid.c - process-context identifiers and INVPCID (Intel SDM vol. 3
 * 4.10.1, vol. 2 MOV CR, INVPCID): CR4.PCIDE is #GP without CPUID.1:
 * ECX[17], and with it is #GP while CR3[11:0] is not 0; with PCIDE set,
 * CR3[11:0] is the PCID, bit 63 of a MOV to CR3 is not stored, and
 * clearing CR0.PG is #GP; with PCIDE clear, CR3 bit 63 is reserved (#GP);
 * INVPCID is #UD without CPUID.(07H,0):EBX[10], #GP at CPL 3, for a type
 * above 3, a descriptor with bits 63:12 set, a non-canonical address
 * (type 0), or a non-zero PCID (types 0 and 1) while PCIDE is clear; each
 * type drops a translation the test made stale. And, PCID or not, MOV to
 * CR3 drops non-global translations, and toggling CR4.PGE or INVLPG
 * global ones.
 *
 * A hypervisor bug it would catch: CR3 loads that keep the no-flush bit
 * or flush too little (stale guest translations with shadow paging),
 * INVPCID checks missing, or the instruction exposed without its CPUID
 * bit.
 *
 * QEMU 7.2's TCG sets CR4.PCIDE on a CPU without PCID (a known failure
 * under TCG) and takes a CR3 with bit 63 set, after which the guest
 * hangs: that check is not run under TCG.
 */
#include "libcflat.h"
#include "linux/compiler.h"
#include "accel.h"
#include "alloc_page.h"
#include "desc.h"
#include "processor.h"
#include "usermode.h"
#include "vm.h"

#define CR3_NOFLUSH	BIT_ULL(63)


static int mov_cr3_safe(u64 v)
{
	return write_cr3_safe(v);
}

static u64 user_invpcid(void)
{
	struct invpcid_desc d = { .pcid = 0, .addr = 0 };

	asm volatile("invpcid (%0), %1" : : "r"(&d), "r"((ulong)INVPCID_ALL_GLOBAL) : "memory");
	return 1;
}

static void check_no_pcid(void)
{
	ulong cr4 = read_cr4();
	int vec = write_cr4_safe(cr4 | X86_CR4_PCIDE);

	report_kfail(under_tcg(), vec == GP_VECTOR,
		     "CR4.PCIDE without CPUID.1:ECX[17]: #GP (vector %d; QEMU 7.2 TCG sets it)", vec);
	write_cr4(cr4);
	report_skip("PCID: the CPU lacks it (CPUID.1:ECX[17])");
}

static void check_pcide(void)
{
	ulong cr3 = read_cr3(), cr4 = read_cr4();
	int vec;

	write_cr3(cr3 | 1);
	vec = write_cr4_safe(cr4 | X86_CR4_PCIDE);
	report(vec == GP_VECTOR && !(read_cr4() & X86_CR4_PCIDE), "CR4.PCIDE with CR3[11:0] = 1: #GP (vector %d)",
	       vec);
	write_cr3(cr3);
	vec = write_cr4_safe(cr4 | X86_CR4_PCIDE);
	report(vec == 0 && (read_cr4() & X86_CR4_PCIDE), "CR4.PCIDE with CR3[11:0] = 0 is set");
	vec = mov_cr3_safe(cr3 | 0x123);
	report(vec == 0 && read_cr3() == (cr3 | 0x123), "PCIDE set: CR3 takes PCID 0x123 (%#lx)", read_cr3());
	vec = mov_cr3_safe(cr3 | 0x456 | CR3_NOFLUSH);
	report(vec == 0 && read_cr3() == (cr3 | 0x456), "PCIDE set: bit 63 of MOV to CR3 is not stored (%#lx)",
	       read_cr3());
	vec = write_cr0_safe(read_cr0() & ~X86_CR0_PG);
	report(vec == GP_VECTOR, "PCIDE set: clearing CR0.PG is #GP (vector %d)", vec);
	vec = write_cr4_safe(read_cr4() & ~X86_CR4_PCIDE);
	report(vec == 0 && read_cr3() == (cr3 | 0x456), "clearing CR4.PCIDE is allowed with any PCID");
	write_cr3(cr3);
}

static int invpcid_type(ulong type, u64 pcid, u64 addr)
{
	struct invpcid_desc d = { .pcid = pcid, .addr = addr };

	return invpcid_safe(type, &d);
}

static void check_invpcid(void)
{
	pgd_t *cr3 = current_page_table();
	u32 *p1 = alloc_page(), *p2 = alloc_page();
	u32 *v = alloc_vpage();
	pteval_t *pte;
	bool raised;
	ulong type;
	int vec;

	if (!this_cpu_has(X86_FEATURE_INVPCID)) {
		vec = invpcid_type(INVPCID_ALL_GLOBAL, 0, 0);
		report(vec == UD_VECTOR, "INVPCID without CPUID.(07H,0):EBX[10]: #UD (vector %d)", vec);
		report_skip("INVPCID: the CPU lacks it (CPUID.(07H,0):EBX[10])");
		return;
	}
	report(invpcid_type(4, 0, 0) == GP_VECTOR, "INVPCID type 4: #GP");
	report(invpcid_type(INVPCID_ALL_GLOBAL, 1ULL << 12, 0) == GP_VECTOR,
	       "INVPCID with descriptor bits 63:12 set: #GP");
	report(invpcid_type(INVPCID_ADDR, 0, NONCANONICAL) == GP_VECTOR,
	       "INVPCID type 0 of a non-canonical address: #GP");
	report(invpcid_type(INVPCID_ADDR, 1, 0) == GP_VECTOR, "PCIDE clear: INVPCID type 0 of PCID 1: #GP");
	report(invpcid_type(INVPCID_CONTEXT, 1, 0) == GP_VECTOR, "PCIDE clear: INVPCID type 1 of PCID 1: #GP");
	report(invpcid_type(INVPCID_CONTEXT, 0, 0) == 0, "PCIDE clear: INVPCID type 1 of PCID 0 is allowed");
	run_in_user(user_invpcid, GP_VECTOR, 0, 0, 0, 0, &raised);
	report(raised, "INVPCID at CPL 3: #GP");

	*p1 = 1;
	*p2 = 2;
	pte = install_page(cr3, virt_to_phys(p1), v);
	for (type = INVPCID_ADDR; type <= INVPCID_ALL_NONGLOBAL; type++) {
		u32 seen;

		*pte = virt_to_phys(p1) | PT_PRESENT_MASK | PT_WRITABLE_MASK;
		invlpg(v);
		seen = READ_ONCE(*v);
		/* Stale on purpose: only the INVPCID below may drop the translation to p1. */
		*pte = virt_to_phys(p2) | PT_PRESENT_MASK | PT_WRITABLE_MASK;
		vec = invpcid_type(type, 0, (uintptr_t)v);
		report(vec == 0 && seen == 1 && READ_ONCE(*v) == 2, "INVPCID type %lu drops the stale translation",
		       type);
	}
}

/*
 * The flushes every CPU has, PCID or not (SDM vol. 3 4.10.4.1): a MOV to
 * CR3 drops non-global translations, toggling CR4.PGE drops global ones
 * too, and INVLPG drops a global one. A translation may vanish earlier
 * on its own, so only "gone after the flush" is checked.
 */
static void check_tlb_flushes(void)
{
	pgd_t *cr3 = current_page_table();
	u32 *p1 = alloc_page(), *p2 = alloc_page();
	u32 *v = alloc_vpage();
	pteval_t *pte, base = PT_PRESENT_MASK | PT_WRITABLE_MASK;
	ulong cr4 = read_cr4();
	u32 before;

	*p1 = 1;
	*p2 = 2;
	write_cr4(cr4 | X86_CR4_PGE);
	pte = install_page(cr3, virt_to_phys(p1), v);

	*pte = virt_to_phys(p1) | base;
	invlpg(v);
	before = READ_ONCE(*v);
	*pte = virt_to_phys(p2) | base;
	write_cr3(read_cr3());
	report(before == 1 && READ_ONCE(*v) == 2, "MOV to CR3 drops a non-global translation");

	*pte = virt_to_phys(p1) | base | PT_GLOBAL_MASK;
	invlpg(v);
	before = READ_ONCE(*v);
	*pte = virt_to_phys(p2) | base | PT_GLOBAL_MASK;
	write_cr4(cr4 & ~X86_CR4_PGE);
	write_cr4(cr4 | X86_CR4_PGE);
	report(before == 1 && READ_ONCE(*v) == 2, "toggling CR4.PGE drops a global translation");

	*pte = virt_to_phys(p1) | base | PT_GLOBAL_MASK;
	invlpg(v);
	before = READ_ONCE(*v);
	*pte = virt_to_phys(p2) | base | PT_GLOBAL_MASK;
	invlpg(v);
	report(before == 1 && READ_ONCE(*v) == 2, "INVLPG drops a global translation");

	*pte = virt_to_phys(p1) | base;
	invlpg(v);
	before = READ_ONCE(*v);
	*pte = 0;
	write_cr3(read_cr3());
	report(before == 1 && !get_pte(cr3, v), "after MOV to CR3 a cleared entry is seen as missing");
	asm volatile(ASM_TRY("1f") "movl (%0), %%eax\n1:" : : "r"(v) : "eax", "memory");
	report(exception_vector() == PF_VECTOR, "and the access faults (#PF, vector %d)", exception_vector());
	write_cr4(cr4);
}

int main(void)
{
	int vec;

	setup_vm();
	if (under_tcg()) {
		report_skip("PCIDE clear, CR3 bit 63: not run under TCG "
			    "(QEMU 7.2 takes the write and the guest hangs)");
	} else {
		vec = mov_cr3_safe(read_cr3() | CR3_NOFLUSH);
		report(vec == GP_VECTOR, "PCIDE clear: CR3 bit 63 is reserved, #GP (vector %d)", vec);
	}
	if (!this_cpu_has(X86_FEATURE_PCID))
		check_no_pcid();
	else
		check_pcide();
	check_invpcid();
	check_tlb_flushes();
	return report_summary();
}
