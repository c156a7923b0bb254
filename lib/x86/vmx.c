/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmx.c - VMX operation and the VMCS the tests run (vmx_lib.h): the
 * capability MSRs, VMXON, a VMCS filled from this CPU's state (SDM vol. 3C
 * ch. 25 and 26.2-26.3: what VM entry checks), the bitmaps and an
 * identity EPT (ch. 29). The names of outcomes and exit reasons are in
 * vmx_names.c, which the host test links too.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "vmx_lib.h"

struct vmx_caps vmx_caps;
struct vmx_gprs vmx_regs;
void *vmxon_region;
void *vmcs_root;
u8 *io_bitmap_a, *io_bitmap_b, *vmx_msr_bitmap;
const char *vmx_unsupported_reason;
u64 eptp;
bool vmx_launched;

static u64 *ept_pml4;

bool vmx_supported(void)
{
	u64 b;

	if (!this_cpu_has(X86_FEATURE_VMX))
		return false;
	b = rdmsr(MSR_IA32_VMX_BASIC);
	vmx_caps.basic = b;
	vmx_caps.misc = rdmsr(MSR_IA32_VMX_MISC);
	vmx_caps.cr0_fixed0 = rdmsr(MSR_IA32_VMX_CR0_FIXED0);
	vmx_caps.cr0_fixed1 = rdmsr(MSR_IA32_VMX_CR0_FIXED1);
	vmx_caps.cr4_fixed0 = rdmsr(MSR_IA32_VMX_CR4_FIXED0);
	vmx_caps.cr4_fixed1 = rdmsr(MSR_IA32_VMX_CR4_FIXED1);
	vmx_caps.vmcs_enum = rdmsr(MSR_IA32_VMX_VMCS_ENUM);
	vmx_caps.pin = rdmsr(b & VMX_BASIC_TRUE_CTLS ? MSR_IA32_VMX_TRUE_PIN : MSR_IA32_VMX_PINBASED_CTLS);
	vmx_caps.proc = rdmsr(b & VMX_BASIC_TRUE_CTLS ? MSR_IA32_VMX_TRUE_PROC : MSR_IA32_VMX_PROCBASED_CTLS);
	vmx_caps.exit = rdmsr(b & VMX_BASIC_TRUE_CTLS ? MSR_IA32_VMX_TRUE_EXIT : MSR_IA32_VMX_EXIT_CTLS);
	vmx_caps.entry = rdmsr(b & VMX_BASIC_TRUE_CTLS ? MSR_IA32_VMX_TRUE_ENTRY : MSR_IA32_VMX_ENTRY_CTLS);
	/* The secondary controls and EPT/VPID capabilities exist only where the primary control may be 1 (A.3.3). */
	if ((vmx_caps.proc >> 32) & CPU_SECONDARY) {
		vmx_caps.proc2 = rdmsr(MSR_IA32_VMX_PROCBASED_CTLS2);
		if ((vmx_caps.proc2 >> 32) & (CPU_EPT | CPU_VPID))
			vmx_caps.ept_vpid = rdmsr(MSR_IA32_VMX_EPT_VPID_CAP);
	}
	return true;
}

static u64 ctrl_cap(u32 field)
{
	switch (field) {
	case PIN_CONTROLS: return vmx_caps.pin;
	case CPU_EXEC_CTRL0: return vmx_caps.proc;
	case CPU_EXEC_CTRL1: return vmx_caps.proc2;
	case EXI_CONTROLS: return vmx_caps.exit;
	case ENT_CONTROLS: return vmx_caps.entry;
	}
	assert_msg(false, "vmx: field %#x is not a control", field);
	return 0;
}

bool vmx_ctrl_allowed1(u32 field, u32 bits)
{
	if (field == CPU_EXEC_CTRL1 && !vmx_ctrl_allowed1(CPU_EXEC_CTRL0, CPU_SECONDARY))
		return false;
	return ((ctrl_cap(field) >> 32) & bits) == bits;
}

u32 vmx_ctrl_must1(u32 field)
{
	return (u32)ctrl_cap(field);
}

bool vmx_require(u32 field, u32 bits, const char *what)
{
	if (vmx_ctrl_allowed1(field, bits))
		return true;
	vmx_unsupported_reason = what;
	return false;
}

void *alloc_vmcs(void)
{
	u32 *p = alloc_page();

	assert_msg(p, "vmx: no memory for a VMCS");
	memset(p, 0, PAGE_SIZE);
	p[0] = VMX_BASIC_REVISION(vmx_caps.basic);
	return p;
}

void vmx_feature_control_lock(void)
{
	u64 fc = rdmsr(MSR_IA32_FEATURE_CONTROL);

	if (!(fc & FEATURE_CONTROL_LOCKED))
		wrmsr(MSR_IA32_FEATURE_CONTROL,
		      fc | FEATURE_CONTROL_LOCKED | FEATURE_CONTROL_VMXON_ENABLED_OUTSIDE_SMX);
}

void vmx_cr_fixed(void)
{
	write_cr0((read_cr0() | vmx_caps.cr0_fixed0) & vmx_caps.cr0_fixed1);
	write_cr4((read_cr4() | vmx_caps.cr4_fixed0) & vmx_caps.cr4_fixed1);
}

int vmx_on(void)
{
	vmx_feature_control_lock();
	vmx_cr_fixed();
	if (!vmxon_region)
		vmxon_region = alloc_vmcs();
	return vmxon_safe((u64)vmxon_region);
}

int vmx_off(void)
{
	return vmxoff_safe();
}

u64 vmcs_read(u32 enc)
{
	u64 v;
	int r = vmcs_read_safe(enc, &v);

	if (r != VMX_OK)
		report_abort("vmx: VMREAD %#x: %s", enc, vmx_result_name(r));
	return v;
}

void vmcs_write(u32 enc, u64 val)
{
	int r = vmcs_write_safe(enc, val);

	if (r != VMX_OK)
		report_abort("vmx: VMWRITE %#x = %#" PRIx64 ": %s (error %" PRIu64 ")", enc, val, vmx_result_name(r),
			     r == VMX_FAIL_VALID ? vmcs_read(VMX_INST_ERROR) : 0);
}

/* The 8-byte GDT entry of selector sel (the low half of a system descriptor). */
static u64 gdt_entry(u16 sel, int half)
{
	struct descriptor_table_ptr gdt;

	sgdt(&gdt);
	return ((u64 *)gdt.base)[(sel >> 3) + half];
}

/* A segment's VMCS access rights (SDM 25.4.1): the descriptor's bits 47:40 and 55:52; 1 << 16 when unusable. */
static u32 seg_ar(u16 sel)
{
	u64 d;

	if (!(sel & ~7))
		return 1u << 16;
	d = gdt_entry(sel, 0);
	return ((d >> 40) & 0xff) | (((d >> 52) & 0xf) << 12);
}

static u32 seg_limit(u16 sel)
{
	u64 d = gdt_entry(sel, 0);
	u32 limit = (d & 0xffff) | (((d >> 48) & 0xf) << 16);

	return (d & (1ull << 55)) ? limit << 12 | 0xfff : limit;
}

static u64 tss_base(u16 sel)
{
	u64 d = gdt_entry(sel, 0);

	return ((d >> 16) & 0xffffff) | (((d >> 56) & 0xff) << 24) | (gdt_entry(sel, 1) & 0xffffffffull) << 32;
}

extern char vmx_exit_point[];

static void write_seg(u32 sel_field, u16 sel)
{
	u32 idx = (sel_field - GUEST_SEL_ES) / 2;

	vmcs_write(sel_field, sel);
	vmcs_write(GUEST_AR_ES + 2 * idx, seg_ar(sel));
	vmcs_write(GUEST_LIMIT_ES + 2 * idx, sel & ~7 ? seg_limit(sel) : 0);
	vmcs_write(GUEST_BASE_ES + 2 * idx, 0);
}

void vmx_vmcs_init(void)
{
	struct descriptor_table_ptr gdt, idt;
	u16 tr = str();
	int r;

	if (!vmcs_root)
		vmcs_root = alloc_vmcs();
	r = vmclear_safe((u64)vmcs_root);
	if (r == VMX_OK)
		r = vmptrld_safe((u64)vmcs_root);
	if (r != VMX_OK)
		report_abort("vmx: VMCLEAR/VMPTRLD of the harness VMCS: %s", vmx_result_name(r));
	vmx_launched = false;
	sgdt(&gdt);
	sidt(&idt);

	vmcs_write(PIN_CONTROLS, vmx_ctrl_must1(PIN_CONTROLS));
	vmcs_write(CPU_EXEC_CTRL0, vmx_ctrl_must1(CPU_EXEC_CTRL0));
	vmcs_write(EXI_CONTROLS, vmx_ctrl_must1(EXI_CONTROLS) | EXI_HOST_64);
	vmcs_write(ENT_CONTROLS, vmx_ctrl_must1(ENT_CONTROLS) | ENT_GUEST_64);
	/* Every exception exits, so that a guest fault shows as an exit, not as a host handler run in the guest. */
	/* The VMCS page is reused: every control a test may set is written, none left from the last test. */
	if (vmx_ctrl_allowed1(CPU_EXEC_CTRL0, CPU_SECONDARY))
		vmcs_write(CPU_EXEC_CTRL1, vmx_ctrl_must1(CPU_EXEC_CTRL1));
	if (vmx_caps.proc2 >> 32 & CPU_VPID)
		vmcs_write(VPID, 0);
	if (vmx_caps.proc2 >> 32 & CPU_EPT)
		vmcs_write(EPTP, 0);
	vmcs_write(TSC_OFFSET, 0);
	vmcs_write(EXI_MSR_ST_CNT, 0);
	vmcs_write(EXI_MSR_LD_CNT, 0);
	vmcs_write(ENT_MSR_LD_CNT, 0);
	vmcs_write(TPR_THRESHOLD, 0);
	if (vmx_caps.pin >> 32 & PIN_PREEMPT)
		vmcs_write(PREEMPT_TIMER_VALUE, 0);
	vmcs_write(EXC_BITMAP, ~0u);
	vmcs_write(PF_ERROR_MASK, 0);
	vmcs_write(PF_ERROR_MATCH, 0);
	vmcs_write(CR3_TARGET_COUNT, 0);
	vmcs_write(IO_BITMAP_A, (u64)io_bitmap_a);
	vmcs_write(IO_BITMAP_B, (u64)io_bitmap_b);
	vmcs_write(MSR_BITMAP, (u64)vmx_msr_bitmap);
	memset(io_bitmap_a, 0, PAGE_SIZE);
	memset(io_bitmap_b, 0, PAGE_SIZE);
	memset(vmx_msr_bitmap, 0, PAGE_SIZE);
	vmcs_write(CR0_MASK, 0);
	vmcs_write(CR4_MASK, 0);
	vmcs_write(ENT_INTR_INFO, 0);
	vmcs_write(VMCS_LINK_PTR, ~0ull);

	vmcs_write(HOST_CR0, read_cr0());
	vmcs_write(HOST_CR3, read_cr3());
	vmcs_write(HOST_CR4, read_cr4());
	vmcs_write(HOST_SEL_CS, read_cs());
	vmcs_write(HOST_SEL_SS, read_ss());
	vmcs_write(HOST_SEL_DS, read_ds());
	vmcs_write(HOST_SEL_ES, read_es());
	vmcs_write(HOST_SEL_FS, read_fs());
	vmcs_write(HOST_SEL_GS, read_gs());
	vmcs_write(HOST_SEL_TR, tr);
	vmcs_write(HOST_BASE_FS, rdmsr(MSR_FS_BASE));
	vmcs_write(HOST_BASE_GS, rdmsr(MSR_GS_BASE));
	vmcs_write(HOST_BASE_TR, tss_base(tr));
	vmcs_write(HOST_BASE_GDTR, gdt.base);
	vmcs_write(HOST_BASE_IDTR, idt.base);
	vmcs_write(HOST_SYSENTER_CS, 0);
	vmcs_write(HOST_SYSENTER_ESP, 0);
	vmcs_write(HOST_SYSENTER_EIP, 0);
	vmcs_write(HOST_RIP, (u64)vmx_exit_point);

	vmcs_write(GUEST_CR0, read_cr0());
	vmcs_write(GUEST_CR3, read_cr3());
	vmcs_write(GUEST_CR4, read_cr4());
	write_seg(GUEST_SEL_CS, read_cs());
	write_seg(GUEST_SEL_SS, read_ss());
	write_seg(GUEST_SEL_DS, read_ds());
	write_seg(GUEST_SEL_ES, read_es());
	write_seg(GUEST_SEL_FS, read_fs());
	write_seg(GUEST_SEL_GS, read_gs());
	vmcs_write(GUEST_BASE_FS, rdmsr(MSR_FS_BASE));
	vmcs_write(GUEST_BASE_GS, rdmsr(MSR_GS_BASE));
	vmcs_write(GUEST_SEL_LDTR, 0);
	vmcs_write(GUEST_AR_LDTR, 1u << 16);
	vmcs_write(GUEST_LIMIT_LDTR, 0);
	vmcs_write(GUEST_BASE_LDTR, 0);
	vmcs_write(GUEST_SEL_TR, tr);
	vmcs_write(GUEST_AR_TR, seg_ar(tr));
	vmcs_write(GUEST_LIMIT_TR, seg_limit(tr));
	vmcs_write(GUEST_BASE_TR, tss_base(tr));
	vmcs_write(GUEST_BASE_GDTR, gdt.base);
	vmcs_write(GUEST_LIMIT_GDTR, gdt.limit);
	vmcs_write(GUEST_BASE_IDTR, idt.base);
	vmcs_write(GUEST_LIMIT_IDTR, idt.limit);
	vmcs_write(GUEST_DR7, 0x400);
	vmcs_write(GUEST_RFLAGS, X86_EFLAGS_FIXED);
	vmcs_write(GUEST_DEBUGCTL, 0);
	vmcs_write(GUEST_SYSENTER_CS, 0);
	vmcs_write(GUEST_SYSENTER_ESP, 0);
	vmcs_write(GUEST_SYSENTER_EIP, 0);
	vmcs_write(GUEST_INTR_STATE, 0);
	vmcs_write(GUEST_ACTV_STATE, 0);
	vmcs_write(GUEST_PENDING_DEBUG, 0);
	memset(&vmx_regs, 0, sizeof(vmx_regs));
}

void vmx_enable_ctrl(u32 field, u32 bits)
{
	if (field == CPU_EXEC_CTRL1)
		vmcs_set_bits(CPU_EXEC_CTRL0, CPU_SECONDARY);
	vmcs_set_bits(field, bits);
}

void vmx_io_intercept(u16 port, bool on)
{
	u8 *map = port < 0x8000 ? io_bitmap_a : io_bitmap_b;
	u16 bit = port & 0x7fff;

	if (on)
		map[bit / 8] |= 1 << (bit % 8);
	else
		map[bit / 8] &= ~(1 << (bit % 8));
}

/* The MSR bitmap (SDM 25.6.9): read low, read high, write low, write high, 1 KiB each. */
void vmx_msr_intercept(u32 msr, bool read, bool write)
{
	u32 n = msr & 0x1fff;
	u8 *rd = vmx_msr_bitmap + (msr >= 0xc0000000 ? 1024 : 0) + n / 8, *wr = rd + 2048, bit = 1 << (n % 8);

	assert_msg(msr <= 0x1fff || (msr >= 0xc0000000 && msr <= 0xc0001fff), "vmx: MSR %#x is outside the bitmap",
		   msr);
	*rd = read ? *rd | bit : *rd & ~bit;
	*wr = write ? *wr | bit : *wr & ~bit;
}

bool ept_supported(void)
{
	if (!vmx_require(CPU_EXEC_CTRL1, CPU_EPT, "EPT (secondary control 1) not supported"))
		return false;
	if ((vmx_caps.ept_vpid & (EPT_CAP_WALK4 | EPT_CAP_WB | EPT_CAP_2M_PAGE)) !=
	    (EPT_CAP_WALK4 | EPT_CAP_WB | EPT_CAP_2M_PAGE)) {
		vmx_unsupported_reason = "EPT without 4-level walks, write-back or 2 MiB pages";
		return false;
	}
	return true;
}

static u64 *zeroed_page(void)
{
	u64 *p = alloc_page();

	assert_msg(p, "vmx: no memory for EPT");
	memset(p, 0, PAGE_SIZE);
	return p;
}

void setup_ept(void)
{
	u64 *pdpt, *pd;
	int i, j;

	/* Built once; a test that changes an entry puts it back (tests run one after the other). */
	if (!ept_pml4) {
		ept_pml4 = zeroed_page();
		pdpt = zeroed_page();
		ept_pml4[0] = (u64)pdpt | EPT_PRESENT;
		for (i = 0; i < 4; i++) {
			pd = zeroed_page();
			pdpt[i] = (u64)pd | EPT_PRESENT;
			for (j = 0; j < 512; j++)
				pd[j] = ((u64)i << 30 | (u64)j << 21) | EPT_PRESENT | EPT_LARGE_PAGE |
					EPT_MEM_TYPE_WB << EPT_MEM_TYPE_SHIFT;
		}
		eptp = (u64)ept_pml4 | EPT_MEM_TYPE_WB | 3 << EPTP_PG_WALK_LEN_SHIFT;
	}
	vmcs_write(EPTP, eptp);
	vmx_enable_ctrl(CPU_EXEC_CTRL1, CPU_EPT);
}

u64 *ept_pte(u64 gpa)
{
	u64 *pdpt = (u64 *)(ept_pml4[(gpa >> 39) & 511] & EPT_ADDR_MASK);
	u64 *pd = (u64 *)(pdpt[(gpa >> 30) & 511] & EPT_ADDR_MASK);
	u64 *pde = &pd[(gpa >> 21) & 511], *pt;
	int i;

	assert_msg(gpa < (1ull << 32), "vmx: EPT maps the first 4 GiB only");
	if (*pde & EPT_LARGE_PAGE) {
		pt = zeroed_page();
		for (i = 0; i < 512; i++)
			pt[i] = ((*pde & EPT_ADDR_MASK) + ((u64)i << 12)) | EPT_PRESENT |
				EPT_MEM_TYPE_WB << EPT_MEM_TYPE_SHIFT;
		*pde = (u64)pt | EPT_PRESENT;
	}
	pt = (u64 *)(*pde & EPT_ADDR_MASK);
	return &pt[(gpa >> 12) & 511];
}
