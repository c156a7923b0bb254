/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * la57.c - 5-level paging (Intel SDM vol. 3 4.5, 2.5) through the
 * library's path (lib/x86/la57.h): CR4.LA57 cannot change in long mode
 * (#GP) and can be set only where CPUID.(07H,0):ECX[16] says so; CPUID
 * 80000008H reports 57 linear-address bits; with LA57 the CPU walks five
 * levels: addresses that need bits 56:48 (positive and negative halves)
 * reach the pages mapped there, the accessed bit is set in the PML5 entry,
 * a missing entry gives #PF with the whole 57-bit address in CR2, a PS
 * bit in a PML5 or PML4 entry is a reserved-bit #PF, R/W clear at any of
 * the five levels makes a write #PF, the leaf's A and D bits follow reads
 * and writes, and an address that is not 57-bit canonical is #GP; back in 4-level paging, the same addresses
 * are non-canonical again.
 *
 * A hypervisor bug it would catch: a shadow or nested page walk that
 * stops at four levels, canonical checks done for 48 bits, CR2 truncated,
 * or CR4.LA57 let change in long mode.
 *
 * QEMU 7.2's TCG reports a reserved-bit fault without the P bit in the
 * error code: a known failure under TCG.
 */
#include "libcflat.h"
#include "accel.h"
#include "alloc_page.h"
#include "desc.h"
#include "la57.h"
#include "processor.h"
#include "vm.h"

#define HIGH_POS	0x0080123456789000ULL	/* bit 55: PML5 index 0x80 */
#define HIGH_NEG	0xff00abcdef012000ULL	/* bits 63:56: PML5 index 0x100 */
#define HIGH_ABSENT	0x00c0000000000000ULL	/* PML5 index 0xc0, never mapped */
#define NONCANON_57	0x0200000000000000ULL	/* bit 57 alone */

static int try_read(u64 addr, u64 *v)
{
	u64 val = 0;

	asm volatile(ASM_TRY("1f") "mov (%1), %0\n1:" : "+r"(val) : "r"(addr) : "memory");
	*v = val;
	return exception_vector();
}

static int try_write(u64 addr, u64 v)
{
	asm volatile(ASM_TRY("1f") "mov %1, (%0)\n1:" : : "r"(addr), "r"(v) : "memory");
	return exception_vector();
}

/* Permission and status bits at each level of a 57-bit walk. */
static void check_levels(pteval_t *pml5)
{
	pteval_t *leaf = la57_get_pte_level(pml5, HIGH_POS, 1);
	pteval_t *e4 = la57_get_pte_level(pml5, HIGH_POS, 4);
	u64 v;
	int vec, level;

	*leaf &= ~(PT_ACCESSED_MASK | PT_DIRTY_MASK);
	invlpg((void *)HIGH_POS);
	try_read(HIGH_POS, &v);
	report((*leaf & PT_ACCESSED_MASK) && !(*leaf & PT_DIRTY_MASK), "a read sets the leaf's A bit, not D");
	try_write(HIGH_POS + 16, 1);
	report(*leaf & PT_DIRTY_MASK, "a write sets the leaf's D bit");
	for (level = 5; level >= 1; level--) {
		pteval_t *e = la57_get_pte_level(pml5, HIGH_POS, level);

		*e &= ~PT_WRITABLE_MASK;
		invlpg((void *)HIGH_POS);
		vec = try_write(HIGH_POS + 16, 2);
		report(vec == PF_VECTOR &&
			(unsigned long)exception_error_code() == (PFERR_PRESENT_MASK | PFERR_WRITE_MASK) &&
		       read_cr2() == HIGH_POS + 16, "R/W clear at level %d: a write #PF, P|W (%#lx)", level,
		       (unsigned long)exception_error_code());
		*e |= PT_WRITABLE_MASK;
		invlpg((void *)HIGH_POS);
	}
	*e4 |= PT_PAGE_SIZE_MASK;
	invlpg((void *)HIGH_POS);
	vec = try_read(HIGH_POS, &v);
	report(vec == PF_VECTOR && ((unsigned long)exception_error_code() & PFERR_RESERVED_MASK),
	       "PS in a PML4 entry is reserved under LA57 too: #PF with RSVD (%#lx)",
	       	(unsigned long)exception_error_code());
	*e4 &= ~PT_PAGE_SIZE_MASK;
	invlpg((void *)HIGH_POS);
	*leaf &= ~PT_PRESENT_MASK;
	invlpg((void *)HIGH_POS);
	vec = try_read(HIGH_POS + 8, &v);
	report(vec == PF_VECTOR && (unsigned long)exception_error_code() == 0 && read_cr2() == HIGH_POS + 8,
	       "a leaf not present: #PF, error code 0, CR2 %#lx", read_cr2());
	*leaf |= PT_PRESENT_MASK;
	invlpg((void *)HIGH_POS);
}

int main(void)
{
	u64 *data, v;
	pteval_t *pml5, *e5;
	ulong cr4;
	int vec;

	setup_vm();
	cr4 = read_cr4();
	if (!this_cpu_has(X86_FEATURE_LA57)) {
		/* QEMU 7.2's TCG hangs the guest on a CR4 write of a bit its CPU model lacks. */
		if (!under_tcg()) {
			vec = write_cr4_safe(cr4 | X86_CR4_LA57);
			report(vec == GP_VECTOR, "setting CR4.LA57 without LA57: #GP (vector %d)", vec);
		}
		report_skip("LA57: the CPU lacks it (CPUID.(07H,0):ECX[16])");
		return report_summary();
	}
	vec = write_cr4_safe(cr4 | X86_CR4_LA57);
	report(vec == GP_VECTOR && !(read_cr4() & X86_CR4_LA57), "setting CR4.LA57 in long mode: #GP (vector %d)", vec);
	report(((cpuid(0x80000008).a >> 8) & 0xff) == 57, "CPUID.80000008H:EAX[15:8]: 57 linear-address bits (%u)",
	       (cpuid(0x80000008).a >> 8) & 0xff);
	vec = try_read(HIGH_POS, &v);
	report(vec == GP_VECTOR, "4-level: %#llx is not canonical, #GP", HIGH_POS);

	data = alloc_page();
	data[0] = 0x5757575757575757ULL;
	data[1] = 0;
	pml5 = la57_build_pml5();
	la57_install_page(pml5, virt_to_phys(data), HIGH_POS);
	la57_install_page(pml5, virt_to_phys(data), HIGH_NEG);
	e5 = la57_get_pte_level(pml5, HIGH_POS, 5);
	*e5 &= ~PT_ACCESSED_MASK;

	la57_enter(pml5);
	report(la57_active() && (read_cr3() & PT_ADDR_MASK) == virt_to_phys(pml5),
	       "the library switched to 5-level paging (CR4 %#lx)", read_cr4());
	report(data[0] == 0x5757575757575757ULL, "the 1:1 map works through PML5 entry 0");
	vec = try_read(HIGH_POS, &v);
	report(vec == 0 && v == 0x5757575757575757ULL, "a read at %#llx (bit 55) reaches the page", HIGH_POS);
	vec = try_write(HIGH_NEG + 8, 0x1111222233334444ULL);
	report(vec == 0 && data[1] == 0x1111222233334444ULL, "a write at %#llx (bits 63:56) reaches it too",
	       HIGH_NEG + 8);
	report(*e5 & PT_ACCESSED_MASK, "the CPU set the accessed bit of the PML5 entry");
	vec = try_read(HIGH_ABSENT, &v);
	report(vec == PF_VECTOR && read_cr2() == HIGH_ABSENT && (unsigned long)exception_error_code() == 0,
	       "a missing PML5 entry: #PF, CR2 %#lx, error code %#lx", read_cr2(),
	       	(unsigned long)exception_error_code());
	vec = try_read(NONCANON_57, &v);
	report(vec == GP_VECTOR, "%#llx (bit 57 alone) is not 57-bit canonical: #GP (vector %d)", NONCANON_57, vec);
	vec = write_cr4_safe(read_cr4() & ~X86_CR4_LA57);
	report(vec == GP_VECTOR && la57_active(), "clearing CR4.LA57 in long mode: #GP (vector %d)", vec);
	*e5 |= PT_PAGE_SIZE_MASK;
	invlpg((void *)HIGH_POS);
	vec = try_read(HIGH_POS, &v);
	report(vec == PF_VECTOR && ((unsigned long)exception_error_code() & PFERR_RESERVED_MASK),
	       "PS in a PML5 entry is reserved: #PF with RSVD (error code %#lx)",
	       	(unsigned long)exception_error_code());
	report_kfail(under_tcg(), vec == PF_VECTOR &&
		     (unsigned long)exception_error_code() == (PFERR_PRESENT_MASK | PFERR_RESERVED_MASK),
		     "and the error code is P|RSVD (%#lx)", (unsigned long)exception_error_code());
	*e5 &= ~PT_PAGE_SIZE_MASK;
	invlpg((void *)HIGH_POS);
	check_levels(pml5);
	la57_leave(pml5);
	report(!la57_active() && read_cr3() == (pml5[0] & PT_ADDR_MASK), "back to 4-level paging on the old PML4");
	report(data[0] == 0x5757575757575757ULL, "the 1:1 map still works");
	vec = try_read(HIGH_POS, &v);
	report(vec == GP_VECTOR, "%#llx is non-canonical again: #GP", HIGH_POS);
	return report_summary();
}
