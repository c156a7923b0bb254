/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * svm.c - nested SVM on this CPU: enabling it, the identity VMCB, running
 * a guest (svm_entry.S does the switch), the permission maps, the nested
 * page table. The names of exit codes and features are in svm_names.c.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "memregions.h"
#include "processor.h"
#include "desc.h"
#include "vm.h"
#include "svm.h"
#include "svm_lib.h"

struct vmcb *vmcb;
struct svm_gprs svm_regs;
u8 *io_bitmap;
u8 *msr_bitmap;
const char *svm_unsupported_reason;

static void *hsave_area;	/* VM_HSAVE_PA: where VMRUN keeps the host's state */
static void *host_vmsave_area;	/* the host's VMSAVE state while a guest runs */
static u64 *npt_root;

extern void svm_enter(u64 vmcb_pa, u64 host_area_pa, struct svm_gprs *gprs);

bool svm_supported(void)
{
	return this_cpu_has(X86_FEATURE_SVM) && !(rdmsr(MSR_VM_CR) & SVM_VM_CR_SVM_DIS_MASK);
}

bool svm_has(int feat)
{
	return (cpuid(SVM_CPUID_FUNC).d >> feat) & 1;
}

bool svm_require(int feat)
{
	static char reason[96];

	if (svm_has(feat))
		return true;
	snprintf(reason, sizeof(reason), "%s (CPUID 0x8000000A EDX[%d]) not supported", svm_feat_name(feat), feat);
	svm_unsupported_reason = reason;
	return false;
}

static void *alloc_zeroed(unsigned int order)
{
	void *p = alloc_pages(order);

	assert_msg(p, "svm: out of memory");
	memset(p, 0, PAGE_SIZE << order);
	return p;
}

static void setup_npt(void)
{
	phys_addr_t top = ALIGN(MAX(mem_ram_end(), 4ULL << 30), (u64)LARGE_PAGE_SIZE);
	phys_addr_t p;

	npt_root = alloc_zeroed(0);
	for (p = 0; p < top; p += LARGE_PAGE_SIZE)
		install_large_page((pgd_t *)npt_root, p, (void *)p);
}

void setup_svm(void)
{
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
	hsave_area = alloc_zeroed(0);
	wrmsr(MSR_VM_HSAVE_PA, virt_to_phys(hsave_area));
	host_vmsave_area = alloc_zeroed(0);
	vmcb = alloc_zeroed(0);
	io_bitmap = alloc_zeroed(SVM_IOPM_ORDER);
	msr_bitmap = alloc_zeroed(SVM_MSRPM_ORDER);
	if (svm_has(SVM_FEAT_NPT))
		setup_npt();
}

/* A segment register's descriptor in the GDT, in the VMCB's form. */
static void vmcb_seg_from_gdt(struct vmcb_seg *seg, u16 sel)
{
	struct descriptor_table_ptr gdt;
	u64 d;

	memset(seg, 0, sizeof(*seg));
	seg->selector = sel;
	if (!(sel & ~7))
		return;
	sgdt(&gdt);
	d = *(u64 *)(gdt.base + (sel & ~7));
	seg->attrib = ((d >> 40) & 0xff) | (((d >> 52) & 0xf) << 8);
	seg->limit = (d & 0xffff) | ((d >> 32) & 0xf0000);
	if (seg->attrib & SVM_SELECTOR_G_MASK)
		seg->limit = (seg->limit << 12) | 0xfff;
	seg->base = ((d >> 16) & 0xffffff) | ((d >> 56) << 24);
}

void vmcb_ident(struct vmcb *v)
{
	struct vmcb_control_area *ctl = &v->control;
	struct vmcb_save_area *save = &v->save;
	struct descriptor_table_ptr dt;
	u64 pa = virt_to_phys(v);

	memset(v, 0, PAGE_SIZE);
	/* FS, GS, TR, LDTR and the syscall MSRs: the host's, so the guest shares its per-CPU data. */
	asm volatile("vmsave %0" : : "a"(pa) : "memory");

	vmcb_seg_from_gdt(&save->cs, read_cs());
	vmcb_seg_from_gdt(&save->ss, read_ss());
	vmcb_seg_from_gdt(&save->ds, read_ds());
	vmcb_seg_from_gdt(&save->es, read_es());
	sgdt(&dt);
	save->gdtr.base = dt.base;
	save->gdtr.limit = dt.limit;
	sidt(&dt);
	save->idtr.base = dt.base;
	save->idtr.limit = dt.limit;
	save->cpl = 0;
	save->efer = rdmsr(MSR_EFER);
	save->cr0 = read_cr0();
	save->cr3 = read_cr3();
	save->cr4 = read_cr4();
	save->dr6 = 0xffff0ff0;
	save->dr7 = 0x400;
	save->rflags = X86_EFLAGS_FIXED;
	save->g_pat = rdmsr(MSR_IA32_CR_PAT);

	ctl->intercept[INTERCEPT_VMRUN / 32] = BIT(INTERCEPT_VMRUN % 32) | BIT(INTERCEPT_VMMCALL % 32);
	ctl->asid = 1;
	ctl->iopm_base_pa = virt_to_phys(io_bitmap);
	ctl->msrpm_base_pa = virt_to_phys(msr_bitmap);
	ctl->int_ctl = V_INTR_MASKING_MASK;
	if (npt_root) {
		ctl->nested_ctl = SVM_NESTED_ENABLE;
		ctl->nested_cr3 = virt_to_phys(npt_root);
	}
	memset(io_bitmap, 0, SVM_IOPM_SIZE);
	memset(msr_bitmap, 0, SVM_MSRPM_SIZE);
}

u64 svm_vmrun_vmcb(struct vmcb *v, struct svm_gprs *gprs)
{
	svm_enter(virt_to_phys(v), virt_to_phys(host_vmsave_area), gprs);
	return v->control.exit_code;
}

u64 svm_vmrun(void)
{
	return svm_vmrun_vmcb(vmcb, &svm_regs);
}

void svm_msrpm_set(u32 msr, bool read, bool write)
{
	s64 bit = svm_msrpm_bit(msr);

	assert_msg(bit >= 0, "svm_msrpm_set: MSR %#x is not in the map (it is always intercepted)", msr);
	msr_bitmap[bit / 8] &= ~(3 << (bit % 8));
	msr_bitmap[bit / 8] |= (read ? 1 : 0) << (bit % 8) | (write ? 2 : 0) << (bit % 8);
}

void svm_iopm_set(u32 port, bool intercept)
{
	assert(port <= 0x10000);
	if (intercept)
		io_bitmap[svm_iopm_byte(port)] |= 1 << svm_iopm_bit(port);
	else
		io_bitmap[svm_iopm_byte(port)] &= ~(1 << svm_iopm_bit(port));
}

u64 *npt_get_pml4e(void)
{
	return npt_root;
}

u64 *npt_get_pdpe(u64 address)
{
	assert_msg(npt_root, "npt_get_pdpe: no nested page table (the CPU has no NPT)");
	return get_pte_level((pgd_t *)npt_root, (void *)address, 3);
}

u64 *npt_get_pde(u64 address)
{
	assert_msg(npt_root, "npt_get_pde: no nested page table (the CPU has no NPT)");
	return get_pte_level((pgd_t *)npt_root, (void *)address, 2);
}

u64 *npt_get_pte(u64 address)
{
	u64 *pde = npt_get_pde(address);
	u64 *pt, base;
	int i;

	assert_msg(pde, "npt_get_pte: %#" PRIx64 " is not mapped", address);
	if (*pde & PT_PAGE_SIZE_MASK) {
		/* Split the 2 MiB page: the same mapping and rights, in 4 KiB pages. */
		pt = alloc_zeroed(0);
		base = *pde & PT_ADDR_MASK & ~(u64)(LARGE_PAGE_SIZE - 1);
		for (i = 0; i < PT_ENTRIES; i++)
			pt[i] = (base + ((u64)i << PAGE_SHIFT)) | (*pde & ~PT_ADDR_MASK & ~(u64)PT_PAGE_SIZE_MASK);
		*pde = virt_to_phys(pt) | PT_PRESENT_MASK | PT_WRITABLE_MASK | PT_USER_MASK;
	}
	return get_pte_level((pgd_t *)npt_root, (void *)address, 1);
}
