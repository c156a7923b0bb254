/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * access.c - the page-permission matrix, model-checked. A private 4-level
 * walk (PML4 slot 255) maps one data page with its leaf at level 1
 * (4 KiB), 2 (2 MiB, PS) or 3 (1 GiB, PS); every combination of the leaf's
 * P/RW/US/NX, a restricting RW/US/NX in one entry above it, the leaf's
 * initial A/D, its protection key with a PKRU pattern, CR0.WP, CR4.SMEP,
 * CR4.SMAP, CR4.PKE, EFER.NXE, RFLAGS.AC, the CPL and the access (read,
 * write, instruction fetch, or an implicit supervisor read: the CPU reading
 * a segment descriptor from an LDT on the page, at CPL 0 or 3) is run on the CPU and compared with the
 * outcome the Intel SDM's rules give (vol. 3, 4.6 "Access rights", 4.7
 * "Page-fault exceptions", 4.8 "Accessed and dirty flags"): a fault or
 * not, the #PF error code (P, W/R, U/S, RSVD, I/D, PK) and CR2, the A bits
 * along the walk and the D bit of the leaf. NX set while EFER.NXE is clear
 * is a reserved bit. One report line per group (a control-register
 * configuration and a leaf level), with the number of combinations it
 * checked.
 *
 * A hypervisor bug it would catch: a shadow-paging or emulated walk that
 * combines the levels' permissions wrongly, ignores CR0.WP, SMEP, SMAP,
 * RFLAGS.AC, protection keys or NXE, reports a wrong error code, sets the
 * dirty bit on a faulting write or misses an accessed bit.
 */
#include "libcflat.h"
#include "accel.h"
#include "alloc_page.h"
#include "desc.h"
#include "processor.h"
#include "smp.h"
#include "vm.h"

#define ACC_DONE_VECTOR	0x81
#define TEST_SLOT	255UL
#define TEST_BASE	(TEST_SLOT << 39)
#define PT_NX		BIT_ULL(63)
#define PT_A		BIT_ULL(5)
#define PT_D		BIT_ULL(6)
#define PKEY		5
#define PT_PKEY(k)	((u64)(k) << 59)

/* ACC_IMPLICIT: the CPU reads a segment descriptor from an LDT on the page: a supervisor access at any CPL. */
enum acc_type { ACC_READ, ACC_WRITE, ACC_FETCH, ACC_IMPLICIT };
/* The LDT's descriptor 1 (at offset 8 of the page): flat data, DPL 3, already accessed (no implicit write). */
#define LDT_DATA_DESC	0x00cff3000000ffffULL
#define LDT_SEL(rpl)	(8 | 4 | (rpl))

/* The access stubs: RDI is the address; each ends with int ACC_DONE_VECTOR, which returns to CPL 0. */
asm(".pushsection .text\n"
    ".balign 4096\n"
    "acc_stubs:\n"
    "acc_read:\n"
    "	movb (%rdi), %al\n"
    "	int $" __stringify(ACC_DONE_VECTOR) "\n"
    "acc_write:\n"
    "	movb $0xc3, (%rdi)\n"
    "	int $" __stringify(ACC_DONE_VECTOR) "\n"
    "acc_fetch:\n"
    "	call *%rdi\n"
    "	int $" __stringify(ACC_DONE_VECTOR) "\n"
    /* RSI: an LDT selector; FS is left null again. */
    "acc_implicit:\n"
    "	movw %si, %fs\n"
    "	xorl %eax, %eax\n"
    "	movw %ax, %fs\n"
    "	int $" __stringify(ACC_DONE_VECTOR) "\n"
    ".balign 4096\n"
    ".popsection\n");
extern char acc_stubs[], acc_read[], acc_write[], acc_fetch[], acc_implicit[];

ulong acc_rsp, acc_recover;
static ulong acc_rflags;
static ulong got_vector, got_error, got_cr2;

/* Back to CPL 0 after the access or its fault, whatever the CPL it ran at. */
static void acc_return(struct ex_regs *regs)
{
	got_vector = regs->vector;
	got_error = regs->error_code;
	if (regs->vector == PF_VECTOR)
		got_cr2 = read_cr2();
	regs->rip = acc_recover;
	regs->cs = KERNEL_CS;
	regs->ss = KERNEL_DS;
	regs->rsp = acc_rsp;
	regs->rflags = acc_rflags;
}

static u8 *user_stubs, *user_stack_top;

/* Run access type at cpl (with RFLAGS.AC = ac) on va; the vector it ended with comes back (ACC_DONE: no fault). */
static ulong do_access(enum acc_type type, int cpl, bool ac, void *va)
{
	char *const stubs[] = { acc_read, acc_write, acc_fetch, acc_implicit };
	ulong ip = (ulong)stubs[type], sp, cs = KERNEL_CS, ss = KERNEL_DS;
	ulong fl = read_rflags() & ~(X86_EFLAGS_AC | X86_EFLAGS_IF);

	acc_rflags = read_rflags();
	if (ac)
		fl |= X86_EFLAGS_AC;
	if (cpl == 3) {
		ip = (ulong)user_stubs + (ip - (ulong)acc_stubs);
		sp = (ulong)user_stack_top;
		cs = USER_CS64;
		ss = USER_DS;
	} else {
		sp = 0;	/* below: the current RSP less a margin */
	}
	got_vector = got_error = got_cr2 = 0;
	asm volatile("mov %%rsp, acc_rsp(%%rip)\n\t"
		     "lea 1f(%%rip), %%rax\n\t"
		     "mov %%rax, acc_recover(%%rip)\n\t"
		     "test %[sp], %[sp]\n\t"
		     "jnz 2f\n\t"
		     "lea -256(%%rsp), %[sp]\n"
		     "2:\tpush %[ss]\n\t"
		     "push %[sp]\n\t"
		     "push %[fl]\n\t"
		     "push %[cs]\n\t"
		     "push %[ip]\n\t"
		     "iretq\n"
		     "1:"
		     : "+D"(va), [sp] "+r"(sp)
		     : [ss] "r"(ss), [fl] "r"(fl), [cs] "r"(cs), [ip] "r"(ip), "S"((ulong)LDT_SEL(cpl))
		     : "rax", "memory", "cc");
	return got_vector;
}

/* The control-register state of a group. */
struct config {
	bool wp, smep, smap, nxe, pke;
};

/* One combination: the walk's bits and the access. */
struct combo {
	int leaf_level;		/* 1, 2 or 3 */
	u64 leaf_bits;		/* P, RW, US, NX, A, D, the key */
	int upper_level;	/* where the restricting bits go: above the leaf */
	u64 upper_clear;	/* RW and/or US cleared there */
	bool upper_nx;
	u32 pkru;
	enum acc_type type;
	int cpl;
	bool ac;
};

struct outcome {
	bool fault;
	ulong error;
	bool leaf_a, leaf_d;	/* after a successful access */
};

/*
 * The SDM's rules. Levels 4..leaf: P and RW/US from the leaf and the
 * restricting entry (all others are P|RW|US); NX from both. Order: a
 * non-present entry or a reserved bit (NX without NXE) ends the walk,
 * top-down; then the access rights of the combined translation.
 * implicit_honours_ac: what QEMU 7.2's TCG does instead of the SDM (an
 * implicit supervisor access at CPL 0 with AC=1 passes SMAP), to tell that
 * known difference from others.
 */
static struct outcome model(const struct config *c, const struct combo *k, bool implicit_honours_ac)
{
	struct outcome o = { 0 };
	bool leaf_p = k->leaf_bits & PT_PRESENT_MASK;
	bool rw = (k->leaf_bits & PT_WRITABLE_MASK) && !(k->upper_clear & PT_WRITABLE_MASK);
	bool us = (k->leaf_bits & PT_USER_MASK) && !(k->upper_clear & PT_USER_MASK);
	bool nx = (k->leaf_bits & PT_NX) || k->upper_nx;
	bool user = k->cpl == 3 && k->type != ACC_IMPLICIT, write = k->type == ACC_WRITE, fetch = k->type == ACC_FETCH;
	bool implicit = k->type == ACC_IMPLICIT;
	bool ad = (k->pkru >> (2 * PKEY)) & 1, wd = (k->pkru >> (2 * PKEY + 1)) & 1;
	bool pk = false, deny = false;
	ulong err = (write ? PFERR_WRITE_MASK : 0) | (user ? PFERR_USER_MASK : 0) |
		    (fetch && (c->smep || c->nxe) ? PFERR_FETCH_MASK : 0);

	/* The restricting entry is above the leaf: it is checked first. */
	if (k->upper_nx && !c->nxe) {
		o.fault = true;
		o.error = err | PFERR_PRESENT_MASK | PFERR_RESERVED_MASK;
		return o;
	}
	if (!leaf_p) {
		o.fault = true;
		o.error = err;
		return o;
	}
	if ((k->leaf_bits & PT_NX) && !c->nxe) {
		o.fault = true;
		o.error = err | PFERR_PRESENT_MASK | PFERR_RESERVED_MASK;
		return o;
	}
	if (c->pke && us && !fetch && (ad || (wd && write && (user || c->wp))))
		pk = true;
	if (fetch) {
		deny = (c->nxe && nx) || (user && !us) || (!user && c->smep && us);
	} else if (user) {
		deny = !us || (write && !rw);
	} else {
		/* SMAP: AC allows explicit supervisor accesses to user pages only. */
		deny = (us && c->smap && (!k->ac || (implicit && !implicit_honours_ac))) || (write && !rw && c->wp);
	}
	if (deny || pk) {
		o.fault = true;
		o.error = err | PFERR_PRESENT_MASK | (pk ? PFERR_PK_MASK : 0);
		return o;
	}
	o.leaf_a = true;
	o.leaf_d = write || (k->leaf_bits & PT_D);
	return o;
}

static pteval_t *pml4e, *pdpt, *pd, *pt;
static int ldt_sel;
static u8 *data;
static phys_addr_t data_phys;

/* Build the walk of k; return the address to access. */
static u8 *build(const struct combo *k)
{
	const u64 table = PT_PRESENT_MASK | PT_WRITABLE_MASK | PT_USER_MASK;
	pteval_t *upper;
	u8 *va;

	*pml4e = virt_to_phys(pdpt) | table;
	pdpt[0] = virt_to_phys(pd) | table;
	pd[0] = virt_to_phys(pt) | table;
	switch (k->leaf_level) {
	case 1:
		pt[0] = data_phys | k->leaf_bits;
		va = (u8 *)TEST_BASE;
		break;
	case 2:
		pd[0] = (data_phys & ~(LARGE_PAGE_SIZE - 1)) | PT_PAGE_SIZE_MASK | k->leaf_bits;
		va = (u8 *)TEST_BASE + (data_phys & (LARGE_PAGE_SIZE - 1));
		break;
	default:
		pdpt[0] = PT_PAGE_SIZE_MASK | k->leaf_bits;
		va = (u8 *)TEST_BASE + data_phys;
		break;
	}
	upper = k->upper_level == 4 ? pml4e : k->upper_level == 3 ? &pdpt[0] : &pd[0];
	*upper &= ~k->upper_clear;
	if (k->upper_nx)
		*upper |= PT_NX;
	/* The LDT is on the page under test: its descriptor (in the GDT) gets this mapping's address. */
	set_gdt_entry(ldt_sel, (u32)(ulong)va, 0xf, 0x82, 0);
	((u64 *)gdt)[(ldt_sel >> 3) + 1] = (ulong)va >> 32;
	lldt(ldt_sel);
	invlpg(va);
	return va;
}

static pteval_t *leaf_entry(int level)
{
	return level == 1 ? &pt[0] : level == 2 ? &pd[0] : &pdpt[0];
}

static void apply_config(const struct config *c, ulong cr0, ulong cr4, u64 efer)
{
	cr0 = c->wp ? cr0 | X86_CR0_WP : cr0 & ~X86_CR0_WP;
	cr4 &= ~(X86_CR4_SMEP | X86_CR4_SMAP | X86_CR4_PKE);
	cr4 |= (c->smep ? X86_CR4_SMEP : 0) | (c->smap ? X86_CR4_SMAP : 0) | (c->pke ? X86_CR4_PKE : 0);
	efer = c->nxe ? efer | EFER_NX : efer & ~EFER_NX;
	write_cr0(cr0);
	write_cr4(cr4);
	wrmsr(MSR_EFER, efer);
}

struct group_result {
	unsigned long combos, bad_fault, bad_error, bad_cr2, bad_ad;
	/* Reserved-bit faults; of them, those with the P bit clear but nothing else wrong. */
	unsigned long rsvd, bad_rsvd_p;
	/* Implicit accesses at CPL 0 with AC=1 to a user page under SMAP; of them, let through. */
	unsigned long implicit_ac, bad_implicit_ac;
};

/* Run one combination; count what differs from the model. */
static void check_combo(const struct config *c, const struct combo *k, struct group_result *g)
{
	struct outcome want = model(c, k, false), qemu = model(c, k, true);
	pteval_t *leaf;
	ulong vec, want_cr2;
	u8 *va;

	va = build(k);
	if (c->pke)
		write_pkru(k->pkru);
	vec = do_access(k->type, k->cpl, k->ac, va);
	if (c->pke)
		write_pkru(0);
	leaf = leaf_entry(k->leaf_level);
	g->combos++;
	if (want.fault != qemu.fault) {
		g->implicit_ac++;
		if (vec != PF_VECTOR) {
			g->bad_implicit_ac++;
			want = qemu;
		}
	}
	if ((vec == PF_VECTOR) != want.fault) {
		if (g->bad_fault++ < 3)
			printf("\tlevel %d leaf %#lx upper L%d clear %#lx nx %d pkru %#x type %d cpl %d ac %d: %s, "
			       "expected %s (error %#lx)\n", k->leaf_level, (ulong)k->leaf_bits, k->upper_level,
			       (ulong)k->upper_clear, k->upper_nx, k->pkru, k->type, k->cpl, k->ac,
			       vec == PF_VECTOR ? "#PF" : "no fault", want.fault ? "#PF" : "no fault", got_error);
		return;
	}
	if (want.fault) {
		if (want.error & PFERR_RESERVED_MASK) {
			g->rsvd++;
			if (got_error == (want.error & ~PFERR_PRESENT_MASK)) {
				g->bad_rsvd_p++;
				got_error = want.error;
			}
		}
		if (got_error != want.error && g->bad_error++ < 3)
			printf("\tlevel %d leaf %#lx upper L%d clear %#lx nx %d pkru %#x type %d cpl %d ac %d: "
			       "error %#lx, expected %#lx\n", k->leaf_level, (ulong)k->leaf_bits, k->upper_level,
			       (ulong)k->upper_clear, k->upper_nx, k->pkru, k->type, k->cpl, k->ac,
			       got_error, want.error);
		/* An implicit access reads descriptor 1 of the LDT: 8 bytes into the page. */
		want_cr2 = (ulong)va + (k->type == ACC_IMPLICIT ? 8 : 0);
		if (got_cr2 != want_cr2)
			g->bad_cr2++;
		/* A write that faulted wrote nothing: the dirty bit stays as it was. */
		if (!(k->leaf_bits & PT_D) && (*leaf & PT_D))
			g->bad_ad++;
		return;
	}
	if (!(*leaf & PT_A) || !!(*leaf & PT_D) != want.leaf_d || !(*pml4e & PT_A) ||
	    (k->leaf_level < 3 && !(pdpt[0] & PT_A)) || (k->leaf_level < 2 && !(pd[0] & PT_A))) {
		if (g->bad_ad++ < 3)
			printf("\tlevel %d leaf %#lx type %d: A/D after the access: leaf %#lx\n",
			       k->leaf_level, (ulong)k->leaf_bits, k->type, (ulong)*leaf);
	}
}

static void report_group(const struct config *c, int level, const struct group_result *g)
{
	static const char *const leaf_names[] = { "", "4K", "2M", "1G" };
	bool ok = !g->bad_fault && !g->bad_error && !g->bad_cr2 && !g->bad_ad;

	/* The differences the KFAILs below name are left out of this line's count. */

	report(ok, "WP=%d SMEP=%d SMAP=%d PKE=%d NXE=%d, %s leaf: %lu combinations (fault %lu, error code %lu, "
	       "CR2 %lu, A/D %lu differ)", c->wp, c->smep, c->smap, c->pke, c->nxe, leaf_names[level], g->combos,
	       g->bad_fault, g->bad_error, g->bad_cr2, g->bad_ad);
	/* SDM 4.6.1: with SMAP, AC allows explicit supervisor accesses to user pages, never implicit ones. */
	if (g->implicit_ac)
		report_kfail(under_tcg(), !g->bad_implicit_ac, "WP=%d SMEP=%d SMAP=%d PKE=%d NXE=%d, %s leaf: %lu "
			     "implicit supervisor reads of a user page at CPL 0 with AC=1 fault%s", c->wp, c->smep,
			     c->smap, c->pke, c->nxe, leaf_names[level], g->implicit_ac,
			     g->bad_implicit_ac ? " (QEMU 7.2 TCG lets AC allow them)" : "");
	/* The entry with the reserved bit is present: the SDM's P flag is 1 for every fault but a not-present one. */
	if (g->rsvd)
		report_kfail(under_tcg(), !g->bad_rsvd_p, "WP=%d SMEP=%d SMAP=%d PKE=%d NXE=%d, %s leaf: %lu "
			     "reserved-bit faults (NX without NXE) with P=1 in the error code%s", c->wp, c->smep,
			     c->smap, c->pke, c->nxe, leaf_names[level], g->rsvd,
			     g->bad_rsvd_p ? " (QEMU 7.2 TCG clears P)" : "");
}

/* A group: one configuration and one leaf level, every combination of the rest. */
static void run_group(const struct config *c, int max_level, bool pku)
{
	static const u32 pkru_patterns[] = { 0, 1, 2, 3 };
	struct group_result g;
	struct combo k;
	unsigned int leaf, upper, acc, n = 0;

	for (k.leaf_level = 1; k.leaf_level <= max_level; k.leaf_level++) {
		memset(&g, 0, sizeof(g));
		for (leaf = 0; leaf < 16; leaf++) {
			for (upper = 0; upper < 8; upper++) {
				for (acc = 0; acc < 12; acc++, n++) {
					k.leaf_bits = (leaf & 1 ? PT_PRESENT_MASK : 0) |
						      (leaf & 2 ? PT_WRITABLE_MASK : 0) |
						      (leaf & 4 ? PT_USER_MASK : 0) | (leaf & 8 ? PT_NX : 0) |
						      (n & 16 ? PT_A : 0) | (n & 32 ? PT_D : 0) |
						      (pku ? PT_PKEY(PKEY) : 0);
					k.upper_level = k.leaf_level + 1 + (n / 12) % (4 - k.leaf_level);
					k.upper_clear = (upper & 1 ? PT_WRITABLE_MASK : 0) |
							(upper & 2 ? PT_USER_MASK : 0);
					k.upper_nx = upper & 4;
					k.pkru = pkru_patterns[(n / 3) % 4] << (2 * PKEY);
					/* acc 0..7: CPL 0, AC 0 then 1; 8..11: CPL 3; read, write, fetch, implicit. */
					k.type = acc % 4;
					k.cpl = acc < 8 ? 0 : 3;
					k.ac = acc >= 4 && acc < 8;
					check_combo(c, &k, &g);
				}
			}
		}
		report_group(c, k.leaf_level, &g);
	}
}

int main(void)
{
	bool smep = this_cpu_has(X86_FEATURE_SMEP), smap = this_cpu_has(X86_FEATURE_SMAP);
	bool pku = this_cpu_has(X86_FEATURE_PKU), nx = this_cpu_has(X86_FEATURE_NX);
	int max_level = this_cpu_has(X86_FEATURE_GBPAGES) ? 3 : 2;
	ulong cr0, cr4;
	u64 efer;
	pteval_t *root;
	unsigned int i;
	struct config c;
	struct descriptor_table_ptr gdtr;

	setup_vm();
	root = current_page_table();
	pml4e = &root[TEST_SLOT];
	pdpt = alloc_page();
	pd = alloc_page();
	pt = alloc_page();
	data = alloc_page();
	assert(pdpt && pd && pt && data);
	memset(pdpt, 0, PAGE_SIZE);
	memset(pd, 0, PAGE_SIZE);
	memset(pt, 0, PAGE_SIZE);
	data[0] = 0xc3;	/* ret: what a fetch executes */
	((u64 *)data)[1] = LDT_DATA_DESC;
	/* The GDT's last 16 bytes: the TSS descriptor of CPU MAX_CPUS - 1, unused while fewer CPUs run. */
	assert(cpu_count() < MAX_CPUS);
	sgdt(&gdtr);
	ldt_sel = gdtr.limit + 1 - 16;
	data_phys = virt_to_phys(data);
	assert(data_phys < (1ULL << 30));

	/* The user side: the stubs and a stack, at addresses of their own with U set. */
	user_stubs = alloc_vpage();
	install_page(root, virt_to_phys(acc_stubs), user_stubs);
	user_stack_top = alloc_vpage();
	install_page(root, virt_to_phys(alloc_page()), user_stack_top);
	user_stack_top += PAGE_SIZE;
	handle_exception(PF_VECTOR, acc_return);
	handle_exception(ACC_DONE_VECTOR, acc_return);
	set_idt_dpl(ACC_DONE_VECTOR, 3);
	/* Everything 1:1 (the kernel) becomes supervisor-only, so SMEP and SMAP leave it alone. */
	root[0] &= ~PT_USER_MASK;
	flush_tlb();

	if (!smep)
		report_skip("SMEP: not in CPUID.7:EBX, its groups are left out");
	if (!smap)
		report_skip("SMAP: not in CPUID.7:EBX, its groups are left out");
	if (!pku)
		report_skip("PKU: not in CPUID.7:ECX, its groups are left out");
	if (max_level < 3)
		report_skip("1 GiB pages: no PDPE1GB in CPUID.80000001:EDX, leaves at levels 1 and 2 only");

	cr0 = read_cr0();
	cr4 = read_cr4();
	efer = rdmsr(MSR_EFER);
	for (i = 0; i < 32; i++) {
		c.wp = i & 1;
		c.smep = i & 2;
		c.smap = i & 4;
		c.pke = i & 8;
		c.nxe = i & 16;
		if ((c.smep && !smep) || (c.smap && !smap) || (c.pke && !pku) || (c.nxe && !nx))
			continue;
		apply_config(&c, cr0, cr4, efer);
		run_group(&c, max_level, pku);
		write_cr0(cr0);
		write_cr4(cr4);
		wrmsr(MSR_EFER, efer);
	}
	*pml4e = 0;
	lldt(0);
	set_gdt_entry(ldt_sel, 0, 0, 0, 0);
	((u64 *)gdt)[(ldt_sel >> 3) + 1] = 0;
	root[0] |= PT_USER_MASK;
	flush_tlb();
	return report_summary();
}
