/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmx.c - nested VMX (Intel SDM vol. 3C ch. 23-29): the VMX instructions'
 * preconditions and failures (faults, VMfailInvalid, VMfailValid with its
 * error number), the capability MSRs' allowed-0/allowed-1 rules, the checks
 * of VM entry on controls (error 7), host state (error 8) and guest state
 * (exit 33 with its qualification), the exits a guest's instructions and
 * events cause with their qualifications, EPT violations and
 * misconfigurations, and INVEPT/INVVPID. A hypervisor that emulates VMX for
 * its guests (KVM's nested VMX, Bochs) fails here when it skips an entry
 * check, reports a wrong error number, exit reason or qualification, ignores
 * a control or a bitmap, or keeps a stale EPT translation.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "linux/compiler.h"
#include "vmx_lib.h"

#define NONCANON	0x8000000000000000ull

/* got is want; a VMfailValid also carries error number err. */
static void check(int got, int want, u32 err, const char *what)
{
	u64 e = got == VMX_FAIL_VALID ? vmcs_read(VMX_INST_ERROR) : 0;

	if (want == VMX_FAIL_VALID)
		report(got == want && e == err, "%s: %s, error %" PRIu64 " (expected VMfailValid, error %u)",
		       what, vmx_result_name(got), e, err);
	else
		report(got == want, "%s: %s (expected %s)", what, vmx_result_name(got), vmx_result_name(want));
}

/* --- before VMXON: faults and VMfailInvalid ------------------------------ */

static void test_preconditions(void)
{
	u64 fc = rdmsr(MSR_IA32_FEATURE_CONTROL), v, cr0, cr4;
	u32 *region = alloc_vmcs();
	int r;

	report_prefix_push("preconditions");
	write_cr4(read_cr4() & ~X86_CR4_VMXE);
	check(vmxon_safe((u64)region), VMX_FAULT(UD_VECTOR), 0, "VMXON with CR4.VMXE=0");
	check(vmcs_read_safe(GUEST_RIP, &v), VMX_FAULT(UD_VECTOR), 0, "VMREAD outside VMX operation");
	check(vmcs_write_safe(GUEST_RIP, 0), VMX_FAULT(UD_VECTOR), 0, "VMWRITE outside VMX operation");
	check(vmptrld_safe((u64)region), VMX_FAULT(UD_VECTOR), 0, "VMPTRLD outside VMX operation");
	check(vmclear_safe((u64)region), VMX_FAULT(UD_VECTOR), 0, "VMCLEAR outside VMX operation");
	check(vmlaunch_safe(), VMX_FAULT(UD_VECTOR), 0, "VMLAUNCH outside VMX operation");
	check(vmxoff_safe(), VMX_FAULT(UD_VECTOR), 0, "VMXOFF outside VMX operation");
	check(vmcall_safe(), VMX_FAULT(UD_VECTOR), 0, "VMCALL outside VMX operation");
	check(invept_safe(INVEPT_GLOBAL, 0), VMX_FAULT(UD_VECTOR), 0, "INVEPT outside VMX operation");

	vmx_cr_fixed();
	if (!(fc & FEATURE_CONTROL_LOCKED)) {
		check(vmxon_safe((u64)region), VMX_FAULT(GP_VECTOR), 0, "VMXON with IA32_FEATURE_CONTROL unlocked");
		vmx_feature_control_lock();
	} else if (!(fc & FEATURE_CONTROL_VMXON_ENABLED_OUTSIDE_SMX)) {
		check(vmxon_safe((u64)region), VMX_FAULT(GP_VECTOR), 0, "VMXON disabled by IA32_FEATURE_CONTROL");
		report_skip("IA32_FEATURE_CONTROL locked with VMXON disabled: nothing more to run");
		report_prefix_pop();
		return;
	} else {
		report_skip("IA32_FEATURE_CONTROL locked by the firmware: VMXON's #GP when unlocked not checked");
	}
	cr0 = read_cr0();
	if (vmx_caps.cr0_fixed0 & X86_CR0_NE) {
		write_cr0(cr0 & ~X86_CR0_NE);
		check(vmxon_safe((u64)region), VMX_FAULT(GP_VECTOR), 0, "VMXON with CR0.NE=0 (fixed to 1)");
		write_cr0(cr0);
	}
	cr4 = read_cr4();
	check(vmxon_safe((u64)region + 8), VMX_FAIL_INVALID, 0, "VMXON of an unaligned region");
	check(vmxon_safe(1ull << cpuid_maxphyaddr()), VMX_FAIL_INVALID, 0, "VMXON beyond MAXPHYADDR");
	region[0] ^= 1;
	check(vmxon_safe((u64)region), VMX_FAIL_INVALID, 0, "VMXON with a wrong revision identifier");
	region[0] ^= 1;
	region[0] |= 1u << 31;
	check(vmxon_safe((u64)region), VMX_FAIL_INVALID, 0, "VMXON with bit 31 of the revision set");
	region[0] &= ~(1u << 31);
	check(vmxon_safe((u64)region), VMX_OK, 0, "VMXON");
	v = vmptrst_safe(&r);
	report(r == VMX_OK && v == ~0ull, "VMPTRST without a current VMCS: %#" PRIx64, v);
	check(vmcs_read_safe(GUEST_RIP, &v), VMX_FAIL_INVALID, 0, "VMREAD without a current VMCS");
	check(vmxon_safe((u64)region), VMX_FAIL_INVALID, 0, "VMXON in VMX root operation, no current VMCS");
	r = write_cr4_safe(cr4 & ~X86_CR4_VMXE);
	report(r == GP_VECTOR, "clearing CR4.VMXE in VMX operation: #GP (vector %d)", r);
	check(vmxoff_safe(), VMX_OK, 0, "VMXOFF");
	check(vmcs_read_safe(GUEST_RIP, &v), VMX_FAULT(UD_VECTOR), 0, "VMREAD after VMXOFF");
	report_prefix_pop();
}

/* --- the capability MSRs ------------------------------------------------- */

static void check_ctl(const char *name, u64 cap, u32 default1, u32 msr)
{
	u64 def = rdmsr(msr);

	report((u32)cap & ~(u32)(cap >> 32) ? false : true, "%s: allowed-0 bits %#x are allowed-1 (%#x)", name,
	       (u32)cap, (u32)(cap >> 32));
	report(((u32)def & default1) == default1 && ((u32)cap & ~(u32)def) == 0,
	       "%s: default1 bits %#x are 1 in the MSR's allowed-0 %#x, the TRUE MSR only clears some (%#x)", name,
	       default1, (u32)def, (u32)cap);
}

static void test_caps(void)
{
	u64 b = vmx_caps.basic;

	report_info("BASIC %#" PRIx64 " pin %#" PRIx64 " proc %#" PRIx64 " proc2 %#" PRIx64 " exit %#" PRIx64
		    " entry %#" PRIx64 " MISC %#" PRIx64 " EPT_VPID_CAP %#" PRIx64, b, vmx_caps.pin, vmx_caps.proc,
		    vmx_caps.proc2, vmx_caps.exit, vmx_caps.entry, vmx_caps.misc, vmx_caps.ept_vpid);

	report(VMX_BASIC_REVISION(b) && !(b & (1ull << 31)), "BASIC: revision %#x, bit 31 clear",
	       VMX_BASIC_REVISION(b));
	report(VMX_BASIC_SIZE(b) && VMX_BASIC_SIZE(b) <= 4096, "BASIC: VMCS region of %" PRIu64 " bytes, at most 4 KiB",
	       VMX_BASIC_SIZE(b));
	report(VMX_BASIC_MEMTYPE(b) == 6, "BASIC: VMCS memory type write-back (%" PRIu64 ")", VMX_BASIC_MEMTYPE(b));
	report(!(b & VMX_BASIC_32BIT_PA), "BASIC: physical addresses not limited to 32 bits on a 64-bit CPU");
	if (b & VMX_BASIC_TRUE_CTLS) {
		check_ctl("pin-based", vmx_caps.pin, 0x16, MSR_IA32_VMX_PINBASED_CTLS);
		check_ctl("primary processor-based", vmx_caps.proc, 0x0401e172, MSR_IA32_VMX_PROCBASED_CTLS);
		check_ctl("VM-exit", vmx_caps.exit, 0x00036dff, MSR_IA32_VMX_EXIT_CTLS);
		check_ctl("VM-entry", vmx_caps.entry, 0x000011ff, MSR_IA32_VMX_ENTRY_CTLS);
	} else {
		report_skip("BASIC[55] clear: no TRUE control MSRs");
	}
	if (vmx_ctrl_allowed1(CPU_EXEC_CTRL0, CPU_SECONDARY))
		report(!(u32)vmx_caps.proc2, "secondary processor-based: no bit must be 1 (allowed-0 %#x)",
		       (u32)vmx_caps.proc2);
	report(!(vmx_caps.cr0_fixed0 & ~vmx_caps.cr0_fixed1), "CR0: FIXED0 %#" PRIx64 " within FIXED1 %#" PRIx64,
	       vmx_caps.cr0_fixed0, vmx_caps.cr0_fixed1);
	report((vmx_caps.cr0_fixed0 & (X86_CR0_PE | X86_CR0_NE | X86_CR0_PG)) == (X86_CR0_PE | X86_CR0_NE | X86_CR0_PG),
	       "CR0: PE, NE and PG fixed to 1");
	report(!(vmx_caps.cr4_fixed0 & ~vmx_caps.cr4_fixed1), "CR4: FIXED0 %#" PRIx64 " within FIXED1 %#" PRIx64,
	       vmx_caps.cr4_fixed0, vmx_caps.cr4_fixed1);
	report(vmx_caps.cr4_fixed0 & X86_CR4_VMXE, "CR4: VMXE fixed to 1");
	report((read_cr0() & vmx_caps.cr0_fixed0) == vmx_caps.cr0_fixed0 && (read_cr4() & ~vmx_caps.cr4_fixed1) == 0,
	       "CR0 and CR4 in VMX operation obey the fixed bits");
	report(VMCS_FIELD_INDEX(vmx_caps.vmcs_enum) >= VMCS_FIELD_INDEX(GUEST_SYSENTER_CS),
	       "VMCS_ENUM: highest index %" PRIu64 " covers the basic fields", VMCS_FIELD_INDEX(vmx_caps.vmcs_enum));
}

/* --- VMX instructions with a current VMCS -------------------------------- */

static void test_insn(void)
{
	u32 *other = alloc_vmcs();
	u64 v, root = (u64)vmcs_root;
	int r;

	v = vmptrst_safe(&r);
	report(r == VMX_OK && v == root, "VMPTRST gives the current VMCS %#" PRIx64, v);
	check(vmxon_safe((u64)vmxon_region), VMX_FAIL_VALID, VMXERR_VMXON_IN_VMX_ROOT_OPERATION, "VMXON in root");
	/* VMCALL in root (VMfailValid 1, SDM 31.3) is left out: Bochs 2.7 panics ("VMCALL: not implemented yet"). */
	check(vmclear_safe((u64)other + 4), VMX_FAIL_VALID, VMXERR_VMCLEAR_INVALID_ADDRESS, "VMCLEAR unaligned");
	check(vmclear_safe(1ull << cpuid_maxphyaddr()), VMX_FAIL_VALID, VMXERR_VMCLEAR_INVALID_ADDRESS,
	      "VMCLEAR beyond MAXPHYADDR");
	check(vmclear_safe((u64)vmxon_region), VMX_FAIL_VALID, VMXERR_VMCLEAR_VMXON_POINTER,
	      "VMCLEAR of the VMXON region");
	check(vmptrld_safe((u64)other + 0x800), VMX_FAIL_VALID, VMXERR_VMPTRLD_INVALID_ADDRESS, "VMPTRLD unaligned");
	check(vmptrld_safe((u64)vmxon_region), VMX_FAIL_VALID, VMXERR_VMPTRLD_VMXON_POINTER,
	      "VMPTRLD of the VMXON region");
	other[0] ^= 2;
	check(vmptrld_safe((u64)other), VMX_FAIL_VALID, VMXERR_VMPTRLD_INCORRECT_VMCS_REVISION_ID,
	      "VMPTRLD with a wrong revision identifier");
	other[0] ^= 2;
	v = vmptrst_safe(&r);
	report(v == root, "a failed VMPTRLD keeps the current VMCS");
	check(vmcs_read_safe(0x1000, &v), VMX_FAIL_VALID, VMXERR_UNSUPPORTED_VMCS_COMPONENT,
	      "VMREAD of encoding 0x1000");
	check(vmcs_write_safe(0x1000, 0), VMX_FAIL_VALID, VMXERR_UNSUPPORTED_VMCS_COMPONENT,
	      "VMWRITE of encoding 0x1000");
	check(vmcs_read_safe(0xffffffff00000000ull | GUEST_RIP, &v), VMX_FAIL_VALID, VMXERR_UNSUPPORTED_VMCS_COMPONENT,
	      "VMREAD with bits 63:32 of the encoding set");
	if (vmx_caps.misc & VMX_MISC_VMWRITE_ALL)
		check(vmcs_write_safe(EXI_QUALIFICATION, 5), VMX_OK, 0,
		      "VMWRITE of an exit-information field (MISC[29])");
	else
		check(vmcs_write_safe(EXI_QUALIFICATION, 5), VMX_FAIL_VALID, VMXERR_VMWRITE_READ_ONLY_VMCS_COMPONENT,
		      "VMWRITE of a read-only field");
	vmcs_write(TSC_OFFSET, 0x1122334455667788ull);
	report(vmcs_read(TSC_OFFSET_HI) == 0x11223344, "a 64-bit field's high half (access type 1): %#" PRIx64,
	       vmcs_read(TSC_OFFSET_HI));
	vmcs_write(TSC_OFFSET_HI, 0xaabbccdd);
	report(vmcs_read(TSC_OFFSET) == 0xaabbccdd55667788ull, "VMWRITE of the high half keeps the low one");
	vmcs_write(GUEST_SEL_FS, 0xfffff123);
	report(vmcs_read(GUEST_SEL_FS) == 0xf123, "a 16-bit field keeps 16 bits: %#" PRIx64, vmcs_read(GUEST_SEL_FS));
	vmcs_write(GUEST_LIMIT_FS, 0xffffffffaaaa5555ull);
	report(vmcs_read(GUEST_LIMIT_FS) == 0xaaaa5555, "a 32-bit field keeps 32 bits");
	vmx_set_guest(NULL);
	check(vmresume_safe(), VMX_FAIL_VALID, VMXERR_VMRESUME_NONLAUNCHED_VMCS, "VMRESUME of a clear VMCS");
	check(vmclear_safe(root), VMX_OK, 0, "VMCLEAR of the current VMCS");
	v = vmptrst_safe(&r);
	report(v == ~0ull, "after VMCLEAR of it, no current VMCS");
	check(vmlaunch_safe(), VMX_FAIL_INVALID, 0, "VMLAUNCH without a current VMCS");
}

/* --- the guest the other tests enter -------------------------------------- */

static volatile u64 guest_val;

static void guest_nothing(void)
{
}

static void guest_cpuid(void)
{
	u32 a = 0, b, c = 0, d;

	asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	guest_val = b;
}

static void test_vmcall(void)
{
	vmx_set_guest(guest_nothing);
	if (vmx_run_expect(VMX_VMCALL))
		report(vmcs_read(EXI_INST_LEN) == 3, "VMCALL exits, instruction length 3");
	report(vmx_enter_guest() == VMX_OK && vmx_exit_reason() == VMX_VMCALL,
	       "VMRESUME without a skip runs VMCALL again");
}

static void test_cpuid(void)
{
	vmx_set_guest(guest_cpuid);
	if (!vmx_run_expect(VMX_CPUID))
		return;
	report(vmcs_read(EXI_INST_LEN) == 2 && vmx_regs.rax == 0, "CPUID leaf 0 exits, length %" PRIu64,
	       vmcs_read(EXI_INST_LEN));
	vmx_regs.rbx = 0x564d5846;
	vmx_skip_insn();
	if (vmx_run_expect(VMX_VMCALL))
		report(guest_val == 0x564d5846, "the guest sees the host's EBX: %#" PRIx64, guest_val);
}

/* The exit-handler loop: a guest asking CPUID of three leaves, each answered by the host. */
static u32 loop_seen[3];
static int loop_cpuids;

static void guest_cpuid_loop(void)
{
	u32 i, a, b, c, d;

	for (i = 0; i < 3; i++) {
		a = 0x40000000 + i;
		c = 0;
		asm volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
		loop_seen[i] = a;
	}
}

static bool cpuid_handler(u32 reason)
{
	if (reason != VMX_CPUID)
		return false;
	loop_cpuids++;
	vmx_regs.rax = ~vmx_regs.rax & 0xffffffff;
	vmx_skip_insn();
	return true;
}

static void test_exit_loop(void)
{
	int exits;

	loop_cpuids = 0;
	vmx_set_guest(guest_cpuid_loop);
	exits = vmx_run_loop(cpuid_handler);
	report(exits == 4 && loop_cpuids == 3 && vmx_exit_reason() == VMX_VMCALL,
	       "exit-handler loop: 3 CPUID exits handled, then VMCALL (%d exits)", exits);
	report(loop_seen[0] == ~0x40000000u && loop_seen[1] == ~0x40000001u && loop_seen[2] == ~0x40000002u,
	       "the guest sees each answer the handler gave");
}

/* A guest made of one instruction at a global label, then VMCALL. */
#define GUEST_INSN(name, insn)								\
	extern char name##_insn[];								\
	static void name(void)								\
	{										\
		asm volatile(".globl " #name "_insn\n" #name "_insn: " insn "\n" : : : "memory"); \
	}

GUEST_INSN(guest_hlt, "hlt")
GUEST_INSN(guest_invlpg, "invlpg 0x123456")
GUEST_INSN(guest_rdtsc, "rdtsc; shl $32, %%rdx; or %%rdx, %%rax; mov %%rax, guest_val(%%rip)")
GUEST_INSN(guest_pause, "pause")
GUEST_INSN(guest_wbinvd, "wbinvd")
GUEST_INSN(guest_sgdt_str, "sub $16, %%rsp; sgdt (%%rsp); str %%ax; add $16, %%rsp")
GUEST_INSN(guest_vmread, "mov $0x681e, %%rax; vmread %%rax, %%rbx")
GUEST_INSN(guest_ud2, "ud2")
GUEST_INSN(guest_int3, "int3")
GUEST_INSN(guest_gp, "movabs %%rax, 0x8000000000000000")
GUEST_INSN(guest_pf, "movabs %%al, 0x9000000000")
GUEST_INSN(guest_nops, "nop; nop; nop")

/* One instruction that exits with reason, at the guest's label insn, with length len (0: not checked). */
static void one_exit(void (*guest)(void), const char *insn_at, u32 reason, u64 len, const char *what)
{
	vmx_set_guest(guest);
	if (!vmx_run_expect(reason))
		return;
	report(vmcs_read(GUEST_RIP) == (u64)insn_at && (!len || vmcs_read(EXI_INST_LEN) == len),
	       "%s exits (%s) at its address, length %" PRIu64, what, exit_reason_description(reason),
	       vmcs_read(EXI_INST_LEN));
	vmx_skip_insn();
	vmx_run_expect(VMX_VMCALL);
}

static void test_hlt(void)
{
	vmx_enable_ctrl(CPU_EXEC_CTRL0, CPU_HLT);
	one_exit(guest_hlt, guest_hlt_insn, VMX_HLT, 1, "HLT");
}

static void test_invlpg(void)
{
	vmx_enable_ctrl(CPU_EXEC_CTRL0, CPU_INVLPG);
	vmx_set_guest(guest_invlpg);
	if (vmx_run_expect(VMX_INVLPG))
		report(vmx_exit_qual() == 0x123456, "INVLPG exits, qualification the address %#" PRIx64,
		       vmx_exit_qual());
}

static void test_rdtsc(void)
{
	u64 off = 1ull << 52;

	vmx_enable_ctrl(CPU_EXEC_CTRL0, CPU_RDTSC);
	one_exit(guest_rdtsc, guest_rdtsc_insn, VMX_RDTSC, 2, "RDTSC");
	vmx_vmcs_init();
	vmx_enable_ctrl(CPU_EXEC_CTRL0, CPU_USE_TSC_OFFSET);
	vmcs_write(TSC_OFFSET, off);
	vmx_set_guest(guest_rdtsc);
	if (vmx_run_expect(VMX_VMCALL))
		report(guest_val >= off && rdtsc() < off, "RDTSC without exiting adds TSC_OFFSET: %#" PRIx64,
		       guest_val);
}

static void test_misc_exits(void)
{
	if (vmx_ctrl_allowed1(CPU_EXEC_CTRL0, CPU_PAUSE)) {
		vmx_enable_ctrl(CPU_EXEC_CTRL0, CPU_PAUSE);
		one_exit(guest_pause, guest_pause_insn, VMX_PAUSE, 2, "PAUSE");
	}
	vmx_vmcs_init();
	one_exit(guest_vmread, guest_vmread_insn + 7, VMX_VMREAD, 3, "VMREAD in the guest");
	if (vmx_ctrl_allowed1(CPU_EXEC_CTRL1, CPU_WBINVD)) {
		vmx_vmcs_init();
		vmx_enable_ctrl(CPU_EXEC_CTRL1, CPU_WBINVD);
		one_exit(guest_wbinvd, guest_wbinvd_insn, VMX_WBINVD, 2, "WBINVD");
	}
	if (vmx_ctrl_allowed1(CPU_EXEC_CTRL1, CPU_DESC_TABLE)) {
		vmx_vmcs_init();
		vmx_enable_ctrl(CPU_EXEC_CTRL1, CPU_DESC_TABLE);
		vmx_set_guest(guest_sgdt_str);
		if (vmx_run_expect(VMX_GDTR_IDTR))
			report(vmcs_read(GUEST_RIP) == (u64)guest_sgdt_str_insn + 4,
			       "SGDT exits (descriptor-table exiting)");
		vmx_skip_insn();
		if (vmx_run_expect(VMX_LDTR_TR))
			report(vmcs_read(EXI_INST_LEN) == 4, "STR exits, length 4");
	}
}

/* --- control-register and debug-register accesses ----------------------- */

extern char guest_cr_insn[];
static void guest_cr(void)
{
	u64 cr4 = read_cr4();

	guest_val = cr4;
	/* Each access in a register the qualification names: RBX=3, RCX=1, RDX=2. */
	asm volatile(".globl guest_cr_insn\nguest_cr_insn: mov %0, %%cr4\n" : : "b"(cr4 & ~X86_CR4_TSD) : "memory");
	asm volatile("mov %%cr3, %%rcx\n\tmov %%rcx, %%cr3\n\tmov %%cr8, %%rdx\n\tmov %%rdx, %%cr8\n\tclts"
		     : : : "rcx", "rdx", "memory");
}

static void test_cr(void)
{
	u64 cr4 = read_cr4();

	vmcs_write(CR4_MASK, X86_CR4_TSD);
	vmcs_write(CR4_READ_SHADOW, (cr4 & ~X86_CR4_TSD) | X86_CR4_TSD);
	vmcs_write(GUEST_CR4, cr4 & ~X86_CR4_TSD);
	vmcs_write(CR0_MASK, X86_CR0_TS);
	vmcs_write(CR0_READ_SHADOW, X86_CR0_TS);
	vmx_enable_ctrl(CPU_EXEC_CTRL0, CPU_CR3_STORE | CPU_CR3_LOAD | CPU_CR8_LOAD | CPU_CR8_STORE);
	vmx_set_guest(guest_cr);
	if (!vmx_run_expect(VMX_CR))
		return;
	report(guest_val & X86_CR4_TSD, "MOV from CR4 reads the shadow's TSD for the masked bit");
	report(vmcs_read(GUEST_RIP) == (u64)guest_cr_insn && vmx_exit_qual() == 0x304,
	       "MOV RBX to CR4 changing a masked bit: qualification %#" PRIx64 " (CR4, MOV to, RBX)", vmx_exit_qual());
	vmx_skip_insn();
	if (vmx_run_expect(VMX_CR))
		report(vmx_exit_qual() == 0x113, "MOV from CR3 (CR3-store exiting): %#" PRIx64, vmx_exit_qual());
	vmx_skip_insn();
	if (vmx_run_expect(VMX_CR))
		report(vmx_exit_qual() == 0x103, "MOV to CR3 from RCX (CR3-load exiting): %#" PRIx64, vmx_exit_qual());
	vmx_skip_insn();
	if (vmx_run_expect(VMX_CR))
		report(vmx_exit_qual() == 0x218, "MOV from CR8 to RDX: %#" PRIx64, vmx_exit_qual());
	vmx_skip_insn();
	if (vmx_run_expect(VMX_CR))
		report(vmx_exit_qual() == 0x208, "MOV RDX to CR8: %#" PRIx64, vmx_exit_qual());
	vmx_skip_insn();
	if (vmx_run_expect(VMX_CR))
		report(vmx_exit_qual() == 0x20, "CLTS with CR0.TS owned by the host: %#" PRIx64, vmx_exit_qual());
	vmx_skip_insn();
	vmx_run_expect(VMX_VMCALL);
}

static void guest_cr3_target(void)
{
	write_cr3(read_cr3());
}

static void test_cr3_target(void)
{
	if (VMX_MISC_CR3_TARGETS(vmx_caps.misc) < 1) {
		report_skip("no CR3-target values (MISC[24:16] = 0)");
		return;
	}
	vmx_enable_ctrl(CPU_EXEC_CTRL0, CPU_CR3_LOAD);
	vmcs_write(CR3_TARGET_COUNT, 1);
	vmcs_write(CR3_TARGET_0, read_cr3());
	vmx_set_guest(guest_cr3_target);
	if (vmx_run_expect(VMX_VMCALL))
		report_pass("MOV to CR3 of a CR3-target value does not exit");
}

extern char guest_dr_insn[];
static void guest_dr(void)
{
	asm volatile(".globl guest_dr_insn\nguest_dr_insn: mov %%rbx, %%dr0\n\tmov %%dr7, %%rcx" : : "b"(0) : "rcx");
}

static void test_dr(void)
{
	vmx_enable_ctrl(CPU_EXEC_CTRL0, CPU_MOV_DR);
	vmx_set_guest(guest_dr);
	if (!vmx_run_expect(VMX_DR))
		return;
	report(vmx_exit_qual() == 0x300 && vmcs_read(GUEST_RIP) == (u64)guest_dr_insn,
	       "MOV RBX to DR0: qualification %#" PRIx64, vmx_exit_qual());
	vmx_skip_insn();
	if (vmx_run_expect(VMX_DR))
		report(vmx_exit_qual() == 0x117, "MOV from DR7 to RCX: qualification %#" PRIx64, vmx_exit_qual());
}

/* --- I/O and MSR bitmaps -------------------------------------------------- */

static void guest_io(void)
{
	asm volatile("outb %%al, $0x80\n\tinw %%dx, %%ax\n\toutb %%al, $0x81\n\tinb %%dx, %%al"
		     : : "a"(0), "d"(0x9000) : "memory");
}

static void test_io(void)
{
	vmx_enable_ctrl(CPU_EXEC_CTRL0, CPU_IO);
	vmx_set_guest(guest_io);
	if (vmx_run_expect(VMX_IO))
		report(vmx_exit_qual() == 0x800040, "OUT imm8 0x80, 1 byte (unconditional I/O exiting): %#" PRIx64,
		       vmx_exit_qual());
	vmx_skip_insn();
	if (vmx_run_expect(VMX_IO))
		report(vmx_exit_qual() == 0x90000009, "IN DX=0x9000, 2 bytes: %#" PRIx64, vmx_exit_qual());

	vmx_vmcs_init();
	vmx_enable_ctrl(CPU_EXEC_CTRL0, CPU_IO | CPU_IO_BITMAP);
	vmx_io_intercept(0x80, true);
	vmx_io_intercept(0x9000, true);
	vmx_set_guest(guest_io);
	if (vmx_run_expect(VMX_IO))
		report(vmx_exit_qual() >> 16 == 0x80, "bitmap A: port 0x80 exits");
	vmx_skip_insn();
	if (vmx_run_expect(VMX_IO))
		report(vmx_exit_qual() >> 16 == 0x9000, "bitmap B: port 0x9000 exits");
	vmx_skip_insn();
	/* Port 0x81 is clear: the bitmaps override unconditional I/O exiting; the IN from 0x9000 exits again. */
	if (vmx_run_expect(VMX_IO))
		report(vmx_exit_qual() == 0x90000008, "port 0x81 clear in bitmap A does not exit (next: IN 0x9000)");
}

static void guest_msr(void)
{
	u64 v;

	v = rdmsr(MSR_IA32_SYSENTER_CS);
	wrmsr(MSR_IA32_SYSENTER_CS, v);
	wrmsr(MSR_KERNEL_GS_BASE, 0x1234);
	v = rdmsr(0x40000000);
	guest_val = v;
}

static void test_msr(void)
{
	vmx_enable_ctrl(CPU_EXEC_CTRL0, CPU_MSR_BITMAP);
	vmx_msr_intercept(MSR_IA32_SYSENTER_CS, true, false);
	vmx_msr_intercept(MSR_KERNEL_GS_BASE, false, true);
	vmx_set_guest(guest_msr);
	if (vmx_run_expect(VMX_RDMSR))
		report(vmx_regs.rcx == MSR_IA32_SYSENTER_CS && vmcs_read(EXI_INST_LEN) == 2,
		       "RDMSR of a low MSR set in the read bitmap exits (ECX %#" PRIx64 ")", vmx_regs.rcx);
	vmx_regs.rax = 0x10;
	vmx_regs.rdx = 0;
	vmx_skip_insn();
	if (vmx_run_expect(VMX_WRMSR))
		report(vmx_regs.rcx == MSR_KERNEL_GS_BASE && vmx_regs.rax == 0x1234,
		       "WRMSR clear in the low write bitmap does not exit; a high MSR set there does (ECX %#"
		       PRIx64 ")",
		       vmx_regs.rcx);
	vmx_skip_insn();
	if (vmx_run_expect(VMX_RDMSR))
		report(vmx_regs.rcx == 0x40000000, "RDMSR outside the bitmap's ranges exits");
	vmx_vmcs_init();
	vmx_set_guest(guest_msr);
	if (vmx_run_expect(VMX_RDMSR))
		report(vmx_regs.rcx == MSR_IA32_SYSENTER_CS, "without MSR bitmaps every RDMSR exits");
}

/* --- exceptions ----------------------------------------------------------- */

static void test_exceptions(void)
{
	u32 info;

	vmx_set_guest(guest_ud2);
	if (vmx_run_expect(VMX_EXC_NMI))
		report(vmcs_read(EXI_INTR_INFO) == 0x80000306 && vmcs_read(GUEST_RIP) == (u64)guest_ud2_insn,
		       "#UD: interruption info %#" PRIx64 " (valid, hardware exception, 6)", vmcs_read(EXI_INTR_INFO));
	vmx_vmcs_init();
	vmx_set_guest(guest_int3);
	if (vmx_run_expect(VMX_EXC_NMI))
		report(vmcs_read(EXI_INTR_INFO) == 0x80000603 && vmcs_read(EXI_INST_LEN) == 1,
		       "INT3: interruption info %#" PRIx64 " (software exception, 3), length 1",
		       vmcs_read(EXI_INTR_INFO));
	vmx_vmcs_init();
	vmx_set_guest(guest_gp);
	if (vmx_run_expect(VMX_EXC_NMI)) {
		info = vmcs_read(EXI_INTR_INFO);
		report(info == 0x80000b0d && vmcs_read(EXI_INTR_ERROR) == 0,
		       "#GP on a non-canonical address: info %#x (error code delivered), error code 0", info);
	}
	vmx_vmcs_init();
	vmx_set_guest(guest_pf);
	if (vmx_run_expect(VMX_EXC_NMI))
		report(vmcs_read(EXI_INTR_INFO) == 0x80000b0e && vmx_exit_qual() == 0x9000000000,
		       "#PF: info %#" PRIx64 ", qualification the address %#" PRIx64, vmcs_read(EXI_INTR_INFO),
		       vmx_exit_qual());
	/* Bit 14 clear: a #PF exits when its error code and'ed with the mask differs from the match. */
	vmx_vmcs_init();
	vmcs_write(EXC_BITMAP, ~(1u << PF_VECTOR));
	vmcs_write(PF_ERROR_MASK, 0);
	vmcs_write(PF_ERROR_MATCH, 1);
	vmx_set_guest(guest_pf);
	if (vmx_run_expect(VMX_EXC_NMI))
		report((vmcs_read(EXI_INTR_INFO) & 0xff) == PF_VECTOR,
		       "#PF with bitmap bit 14 clear exits when PFEC & MASK != MATCH");
}

/* --- event windows, preemption timer, monitor trap flag ----------------- */

static void test_intr_window(void)
{
	u64 rip;

	vmx_enable_ctrl(CPU_EXEC_CTRL0, CPU_INTR_WINDOW);
	vmx_set_guest(guest_nothing);
	if (vmx_run_expect(VMX_VMCALL))
		report_pass("interrupt-window exiting with RFLAGS.IF=0: no exit before VMCALL");
	vmcs_write(GUEST_RFLAGS, X86_EFLAGS_FIXED | X86_EFLAGS_IF);
	vmx_skip_insn();
	rip = vmcs_read(GUEST_RIP);
	if (vmx_run_expect(VMX_INTR_WINDOW))
		report(vmcs_read(GUEST_RIP) == rip,
		       "IF=1 and no blocking: an interrupt-window exit before the next instruction");
	vmcs_write(GUEST_RFLAGS, X86_EFLAGS_FIXED);
}

static bool nmi_window_supported(void)
{
	return vmx_require(PIN_CONTROLS, PIN_NMI | PIN_VIRT_NMI, "virtual NMIs not supported") &&
	       vmx_require(CPU_EXEC_CTRL0, CPU_NMI_WINDOW, "NMI-window exiting not supported");
}

static void test_nmi_window(void)
{
	vmx_enable_ctrl(PIN_CONTROLS, PIN_NMI | PIN_VIRT_NMI);
	vmx_enable_ctrl(CPU_EXEC_CTRL0, CPU_NMI_WINDOW);
	vmx_set_guest(guest_nothing);
	if (vmx_run_expect(VMX_NMI_WINDOW))
		report_pass("no virtual-NMI blocking: an NMI-window exit at entry");
	vmx_vmcs_init();
	vmx_enable_ctrl(PIN_CONTROLS, PIN_NMI | PIN_VIRT_NMI);
	vmx_enable_ctrl(CPU_EXEC_CTRL0, CPU_NMI_WINDOW);
	vmcs_write(GUEST_INTR_STATE, GUEST_INTR_STATE_NMI);
	vmx_set_guest(guest_nothing);
	if (vmx_run_expect(VMX_VMCALL))
		report_pass("NMI-window exiting with virtual-NMI blocking: no exit before VMCALL");
}

static bool preempt_supported(void)
{
	return vmx_require(PIN_CONTROLS, PIN_PREEMPT, "VMX-preemption timer not supported") &&
	       vmx_require(EXI_CONTROLS, EXI_SAVE_PREEMPT, "saving the preemption timer not supported");
}

static void test_preempt(void)
{
	u64 rip;

	vmx_enable_ctrl(PIN_CONTROLS, PIN_PREEMPT);
	vmcs_write(PREEMPT_TIMER_VALUE, 0);
	vmx_set_guest(guest_nothing);
	rip = vmcs_read(GUEST_RIP);
	if (vmx_run_expect(VMX_PREEMPT))
		report(vmcs_read(GUEST_RIP) == rip,
		       "timer value 0: a preemption-timer exit before any instruction");
	vmx_vmcs_init();
	vmx_enable_ctrl(PIN_CONTROLS, PIN_PREEMPT);
	vmx_enable_ctrl(EXI_CONTROLS, EXI_SAVE_PREEMPT);
	vmcs_write(PREEMPT_TIMER_VALUE, 10000000);
	vmx_set_guest(guest_nothing);
	if (vmx_run_expect(VMX_VMCALL))
		report(vmcs_read(PREEMPT_TIMER_VALUE) < 10000000, "saved timer value counted down: %" PRIu64,
		       vmcs_read(PREEMPT_TIMER_VALUE));
	vmcs_write(PREEMPT_TIMER_VALUE, 0);
	vmx_skip_insn();
	if (vmx_run_expect(VMX_PREEMPT))
		report_pass("VMRESUME with the value 0: a preemption-timer exit");
}

static bool mtf_supported(void)
{
	return vmx_require(CPU_EXEC_CTRL0, CPU_MTF, "monitor trap flag not supported");
}

static void test_mtf(void)
{
	vmx_set_guest(guest_nops);
	vmcs_write(GUEST_RIP, (u64)guest_nops_insn);
	vmx_enable_ctrl(CPU_EXEC_CTRL0, CPU_MTF);
	if (vmx_run_expect(VMX_MTF))
		report(vmcs_read(GUEST_RIP) == (u64)guest_nops_insn + 1, "MTF: an exit after one NOP");
	if (vmx_run_expect(VMX_MTF))
		report(vmcs_read(GUEST_RIP) == (u64)guest_nops_insn + 2, "MTF: then after the next");
	vmcs_clear_bits(CPU_EXEC_CTRL0, CPU_MTF);
	if (vmx_run_expect(VMX_VMCALL))
		report_pass("MTF cleared: the guest runs to VMCALL");
}

/* --- VM-entry checks: controls (error 7), host state (8), guest state (exit 33) --- */

/* Enter with one field changed; the VMCS is made afresh first. */
static void entry_case(u32 field, u64 val, u32 err, const char *what)
{
	vmx_vmcs_init();
	vmx_set_guest(guest_nothing);
	vmcs_write(field, val);
	check(vmx_enter_guest(), VMX_FAIL_VALID, err, what);
}

/* Run by Bochs (its runner's environ says TARGET=bochs): for the checks Bochs 2.7 is known to get wrong. */
static bool on_bochs(void)
{
	const char *t = getenv("TARGET");

	return t && !strcmp(t, "bochs");
}

/* Enter with one field changed (and the entry controls ent, 0: the default); expect exit 33 with qual. */
static void entry_fails_state_ctl(u32 field, u64 val, u64 qual, u32 ent, bool bochs_kfail, const char *what)
{
	bool ok;
	u32 reason;
	int r;

	vmx_vmcs_init();
	vmx_set_guest(guest_nothing);
	if (ent)
		vmx_enable_ctrl(ENT_CONTROLS, ent);
	vmcs_write(field, val);
	r = vmx_enter_guest();
	reason = r == VMX_OK ? vmx_exit_reason() : 0;
	ok = r == VMX_OK && reason == (VMX_FAIL_STATE | VMX_EXIT_REASON_FAILED_ENTRY) && vmx_exit_qual() == qual;
	report_kfail(bochs_kfail && on_bochs(), ok, "%s: %s, exit reason %#x, qualification %" PRIu64, what,
		     vmx_result_name(r), reason, r == VMX_OK ? vmx_exit_qual() : 0);
}

static void entry_fails_state(u32 field, u64 val, u64 qual, const char *what)
{
	entry_fails_state_ctl(field, val, qual, 0, false, what);
}

static int first_zero_bit(u32 v)
{
	int i;

	for (i = 0; i < 32; i++)
		if (!(v & (1u << i)))
			return i;
	return -1;
}

static void test_entry_controls(void)
{
	u32 must = vmx_ctrl_must1(PIN_CONTROLS), bad;
	const u32 e = VMXERR_ENTRY_INVALID_CONTROL_FIELD;

	if (must)
		entry_case(PIN_CONTROLS, must & (must - 1), e, "pin-based control missing an allowed-0 bit");
	bad = first_zero_bit(vmx_caps.proc >> 32);
	if (bad >= 0)
		entry_case(CPU_EXEC_CTRL0, vmx_ctrl_must1(CPU_EXEC_CTRL0) | 1u << bad, e,
			   "processor-based control with a bit not allowed-1");
	bad = first_zero_bit(vmx_caps.proc2 >> 32);
	if (vmx_ctrl_allowed1(CPU_EXEC_CTRL0, CPU_SECONDARY) && bad >= 0) {
		vmx_vmcs_init();
		vmx_set_guest(guest_nothing);
		vmx_enable_ctrl(CPU_EXEC_CTRL1, 1u << bad);
		check(vmx_enter_guest(), VMX_FAIL_VALID, e, "secondary control with a bit not allowed-1");
	}
	entry_case(CR3_TARGET_COUNT, VMX_MISC_CR3_TARGETS(vmx_caps.misc) + 1, e, "CR3-target count above MISC's");
	vmx_vmcs_init();
	vmx_set_guest(guest_nothing);
	vmx_enable_ctrl(CPU_EXEC_CTRL0, CPU_IO_BITMAP);
	vmcs_write(IO_BITMAP_A, (u64)io_bitmap_a + 0x800);
	check(vmx_enter_guest(), VMX_FAIL_VALID, e, "I/O bitmap A not 4 KiB aligned");
	vmx_vmcs_init();
	vmx_set_guest(guest_nothing);
	vmx_enable_ctrl(CPU_EXEC_CTRL0, CPU_MSR_BITMAP);
	vmcs_write(MSR_BITMAP, (u64)vmx_msr_bitmap + 8);
	check(vmx_enter_guest(), VMX_FAIL_VALID, e, "MSR bitmap not 4 KiB aligned");
	if (vmx_ctrl_allowed1(EXI_CONTROLS, EXI_SAVE_PREEMPT))
		entry_case(EXI_CONTROLS, vmx_ctrl_must1(EXI_CONTROLS) | EXI_HOST_64 | EXI_SAVE_PREEMPT, e,
			   "save preemption timer without activating it");
	if (vmx_ctrl_allowed1(PIN_CONTROLS, PIN_VIRT_NMI))
		entry_case(PIN_CONTROLS, vmx_ctrl_must1(PIN_CONTROLS) | PIN_VIRT_NMI, e,
			   "virtual NMIs without NMI exiting");
	entry_case(ENT_INTR_INFO, INTR_INFO_VALID_MASK | 3 << 8 | 32, e, "injecting hardware exception vector 32");
	entry_case(ENT_INTR_INFO, INTR_INFO_VALID_MASK | 1 << 8 | 32, e, "injecting reserved interruption type 1");
	entry_case(ENT_INTR_INFO, INTR_INFO_VALID_MASK | INTR_INFO_DELIVER_CODE_MASK | 3 << 8 | UD_VECTOR, e,
		   "injecting #UD with an error code");
	entry_case(ENT_INTR_INFO, INTR_INFO_VALID_MASK | 1u << 12 | 3 << 8 | UD_VECTOR, e,
		   "injection with reserved bits 30:12 set");
}

static void test_entry_host(void)
{
	const u32 e = VMXERR_ENTRY_INVALID_HOST_STATE_FIELD;

	entry_case(HOST_CR0, read_cr0() & ~X86_CR0_NE, e, "host CR0.NE=0 (fixed to 1)");
	entry_case(HOST_CR4, read_cr4() & ~X86_CR4_VMXE, e, "host CR4.VMXE=0");
	entry_case(HOST_CR4, read_cr4() & ~X86_CR4_PAE, e, "host CR4.PAE=0 with a 64-bit host");
	entry_case(HOST_CR3, read_cr3() | 1ull << cpuid_maxphyaddr(), e, "host CR3 beyond MAXPHYADDR");
	entry_case(HOST_SEL_CS, 0, e, "host CS selector 0");
	entry_case(HOST_SEL_TR, 0, e, "host TR selector 0");
	entry_case(HOST_SEL_DS, read_ds() | 3, e, "host DS selector with RPL 3");
	entry_case(HOST_SEL_TR, str() | 4, e, "host TR selector with TI=1");
	entry_case(HOST_BASE_GDTR, NONCANON, e, "host GDTR base not canonical");
	entry_case(HOST_BASE_FS, NONCANON, e, "host FS base not canonical");
	entry_case(HOST_RIP, NONCANON, e, "host RIP not canonical");
	entry_case(EXI_CONTROLS, vmx_ctrl_must1(EXI_CONTROLS), e, "host address-space size 0 on a 64-bit host");
}

static void test_entry_guest(void)
{
	entry_fails_state(GUEST_RFLAGS, 0, ENTRY_FAIL_DEFAULT, "guest RFLAGS bit 1 clear");
	entry_fails_state(GUEST_RFLAGS, X86_EFLAGS_FIXED | 1u << 15, ENTRY_FAIL_DEFAULT, "guest RFLAGS bit 15 set");
	entry_fails_state(GUEST_CR0, read_cr0() & ~X86_CR0_PE, ENTRY_FAIL_DEFAULT, "guest CR0.PE=0 with PG=1");
	entry_fails_state(GUEST_CR4, read_cr4() & ~X86_CR4_VMXE, ENTRY_FAIL_DEFAULT, "guest CR4.VMXE=0 (fixed to 1)");
	entry_fails_state(GUEST_CR4, read_cr4() & ~X86_CR4_PAE, ENTRY_FAIL_DEFAULT, "guest CR4.PAE=0, IA-32e guest");
	entry_fails_state(GUEST_ACTV_STATE, 4, ENTRY_FAIL_DEFAULT, "guest activity state 4 (reserved)");
	entry_fails_state(VMCS_LINK_PTR, (u64)vmcs_root, ENTRY_FAIL_VMCS_LINK_PTR,
			  "VMCS link pointer not all ones, to the current VMCS");
	entry_fails_state(GUEST_AR_TR, (vmcs_read(GUEST_AR_TR) & ~0xf) | 9, ENTRY_FAIL_DEFAULT,
			  "guest TR type 9 (an available TSS)");
	entry_fails_state(GUEST_SEL_TR, str() | 4, ENTRY_FAIL_DEFAULT, "guest TR selector with TI=1");
	entry_fails_state(GUEST_AR_CS, 1u << 16, ENTRY_FAIL_DEFAULT, "guest CS unusable");
	/* Bochs 2.7 enters and faults on the fetch instead (SDM 26.3.1.4 checks bits 63:N of RIP). */
	entry_fails_state_ctl(GUEST_RIP, NONCANON, ENTRY_FAIL_DEFAULT, 0, true,
			      "guest RIP not canonical with CS.L=1 (Bochs 2.7 does not check it)");
	entry_fails_state(GUEST_INTR_STATE, GUEST_INTR_STATE_STI, ENTRY_FAIL_DEFAULT,
			  "blocking by STI with RFLAGS.IF=0");
	entry_fails_state(GUEST_INTR_STATE, GUEST_INTR_STATE_STI | GUEST_INTR_STATE_MOVSS, ENTRY_FAIL_DEFAULT,
			  "blocking by STI and by MOV SS together");
	entry_fails_state(GUEST_BASE_GDTR, NONCANON, ENTRY_FAIL_DEFAULT, "guest GDTR base not canonical");
	entry_fails_state_ctl(GUEST_DR7, 1ull << 32, ENTRY_FAIL_DEFAULT, ENT_LOAD_DBGCTLS, false,
			      "guest DR7 bits 63:32 set, loading debug controls");
	vmx_vmcs_init();
	vmx_set_guest(guest_nothing);
	check(vmx_enter_guest(), VMX_OK, 0, "the unchanged VMCS enters (every case above differs in one field)");
}

/* --- EPT -------------------------------------------------------------------- */

static u8 ept_page[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

static void guest_ept_read(void)
{
	guest_val = READ_ONCE(ept_page[0x10]);
}

static void guest_ept_write(void)
{
	WRITE_ONCE(ept_page[0x20], 0x5a);
}

static void guest_ept_exec(void)
{
	((void (*)(void))ept_page)();
}

static void ept_set(u64 bits)
{
	u64 *pte = ept_pte((u64)ept_page);

	*pte = (*pte & EPT_ADDR_MASK) | bits;
	invept_safe(INVEPT_GLOBAL, 0);
}

static void test_ept(void)
{
	const u64 wb = EPT_MEM_TYPE_WB << EPT_MEM_TYPE_SHIFT;
	u64 q, addr = (u64)ept_page;

	setup_ept();
	ept_page[0x10] = 0x77;
	vmx_set_guest(guest_ept_read);
	if (vmx_run_expect(VMX_VMCALL))
		report(guest_val == 0x77, "a guest on the identity EPT reads memory");

	ept_set(wb);
	vmx_vmcs_init();
	setup_ept();
	vmx_set_guest(guest_ept_read);
	guest_val = 0;
	if (vmx_run_expect(VMX_EPT_VIOLATION)) {
		q = vmx_exit_qual();
		report((q & 0x3f) == EPT_VLT_RD, "read of a not-present page: violation, qualification %#" PRIx64, q);
		report((q & (EPT_VLT_LADDR_VLD | EPT_VLT_PADDR)) == (EPT_VLT_LADDR_VLD | EPT_VLT_PADDR),
		       "qualification: linear address valid, access to the final translation");
		report(vmcs_read(INFO_PHYS_ADDR) == addr + 0x10 && vmcs_read(GUEST_LINEAR_ADDRESS) == addr + 0x10,
		       "guest-physical and linear address %#" PRIx64, vmcs_read(INFO_PHYS_ADDR));
		ept_set(EPT_RA | wb);
		if (vmx_run_expect(VMX_VMCALL))
			report(guest_val == 0x77, "permission given, INVEPT: the guest resumes and reads");
	}

	vmx_vmcs_init();
	setup_ept();
	vmx_set_guest(guest_ept_write);
	if (vmx_run_expect(VMX_EPT_VIOLATION)) {
		q = vmx_exit_qual();
		report((q & 0x3f) == (EPT_VLT_WR | EPT_VLT_PERM_RD),
		       "write to a read-only page: qualification %#" PRIx64 " (write; readable)", q);
	}

	ept_set(EPT_RA | EPT_WA | wb);
	ept_page[0] = 0xc3;	/* ret */
	vmx_vmcs_init();
	setup_ept();
	vmx_set_guest(guest_ept_exec);
	if (vmx_run_expect(VMX_EPT_VIOLATION)) {
		q = vmx_exit_qual();
		report((q & 0x3f) == (EPT_VLT_FETCH | EPT_VLT_PERM_RD | EPT_VLT_PERM_WR),
		       "fetch from a non-executable page: qualification %#" PRIx64 " (fetch; readable, writable)", q);
		ept_set(EPT_PRESENT | wb);
		if (vmx_run_expect(VMX_VMCALL))
			report_pass("execute given: the guest runs the page's RET");
	}

	ept_set(EPT_WA | wb);
	vmx_vmcs_init();
	setup_ept();
	vmx_set_guest(guest_ept_read);
	if (vmx_run_expect(VMX_EPT_MISCONFIG))
		report(vmcs_read(INFO_PHYS_ADDR) == addr + 0x10,
		       "write without read: EPT misconfiguration at %#" PRIx64, vmcs_read(INFO_PHYS_ADDR));
	ept_set(EPT_PRESENT | 2ull << EPT_MEM_TYPE_SHIFT);
	vmx_vmcs_init();
	setup_ept();
	vmx_set_guest(guest_ept_read);
	if (vmx_run_expect(VMX_EPT_MISCONFIG))
		report_pass("memory type 2 (reserved) in a leaf: EPT misconfiguration");
	ept_set(EPT_PRESENT | wb);
}

static void test_eptp(void)
{
	const u32 e = VMXERR_ENTRY_INVALID_CONTROL_FIELD;

	setup_ept();
	vmcs_write(EPTP, (eptp & ~7ull) | 2);
	check(vmx_enter_guest(), VMX_FAIL_VALID, e, "EPTP memory type 2");
	vmcs_write(EPTP, (eptp & ~0x38ull) | 4 << EPTP_PG_WALK_LEN_SHIFT);
	check(vmx_enter_guest(), VMX_FAIL_VALID, e, "EPTP page-walk length 5");
	vmcs_write(EPTP, eptp | 1ull << 11);
	check(vmx_enter_guest(), VMX_FAIL_VALID, e, "EPTP reserved bit 11 set");
}

static bool invept_supported(void)
{
	if (!ept_supported())
		return false;
	if (!(vmx_caps.ept_vpid & EPT_CAP_INVEPT)) {
		vmx_unsupported_reason = "INVEPT not supported (EPT_VPID_CAP[20])";
		return false;
	}
	return true;
}

static void test_invept(void)
{
	setup_ept();
	check(invept_safe(INVEPT_SINGLE, eptp), vmx_caps.ept_vpid & EPT_CAP_INVEPT_SINGLE ? VMX_OK : VMX_FAIL_VALID,
	      VMXERR_INVALID_OPERAND_TO_INVEPT_INVVPID, "INVEPT single-context");
	check(invept_safe(INVEPT_GLOBAL, 0), vmx_caps.ept_vpid & EPT_CAP_INVEPT_ALL ? VMX_OK : VMX_FAIL_VALID,
	      VMXERR_INVALID_OPERAND_TO_INVEPT_INVVPID, "INVEPT all-context");
	check(invept_safe(0, eptp), VMX_FAIL_VALID, VMXERR_INVALID_OPERAND_TO_INVEPT_INVVPID, "INVEPT type 0");
	check(invept_safe(3, eptp), VMX_FAIL_VALID, VMXERR_INVALID_OPERAND_TO_INVEPT_INVVPID, "INVEPT type 3");
}

/* --- VPID ------------------------------------------------------------------- */

static bool vpid_supported(void)
{
	if (!vmx_require(CPU_EXEC_CTRL1, CPU_VPID, "VPID (secondary control 5) not supported"))
		return false;
	if (!(vmx_caps.ept_vpid & VPID_CAP_INVVPID)) {
		vmx_unsupported_reason = "INVVPID not supported (EPT_VPID_CAP[32])";
		return false;
	}
	return true;
}

static void test_vpid(void)
{
	static const struct { int type; u64 cap; const char *name; } types[] = {
		{ INVVPID_ADDR, VPID_CAP_INVVPID_ADDR, "individual-address" },
		{ INVVPID_CONTEXT_GLOBAL, VPID_CAP_INVVPID_CXT, "single-context" },
		{ INVVPID_ALL, VPID_CAP_INVVPID_ALL, "all-context" },
		{ INVVPID_CONTEXT_LOCAL, VPID_CAP_INVVPID_CXTGLB, "single-context-retaining-globals" },
	};
	const u32 e = VMXERR_INVALID_OPERAND_TO_INVEPT_INVVPID;
	char what[80];
	unsigned int i;

	vmx_enable_ctrl(CPU_EXEC_CTRL1, CPU_VPID);
	vmcs_write(VPID, 0);
	vmx_set_guest(guest_nothing);
	check(vmx_enter_guest(), VMX_FAIL_VALID, VMXERR_ENTRY_INVALID_CONTROL_FIELD, "VM entry with VPID 0");
	vmcs_write(VPID, 1);
	if (vmx_run_expect(VMX_VMCALL))
		report_pass("VM entry with VPID 1 runs the guest");
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		snprintf(what, sizeof(what), "INVVPID %s, VPID 1", types[i].name);
		check(invvpid_safe(types[i].type, 1, (u64)ept_page), vmx_caps.ept_vpid & types[i].cap ? VMX_OK :
		      VMX_FAIL_VALID, e, what);
	}
	if (vmx_caps.ept_vpid & VPID_CAP_INVVPID_CXT)
		check(invvpid_safe(INVVPID_CONTEXT_GLOBAL, 0, 0), VMX_FAIL_VALID, e,
		      "INVVPID single-context of VPID 0");
	if (vmx_caps.ept_vpid & VPID_CAP_INVVPID_ADDR) {
		check(invvpid_safe(INVVPID_ADDR, 1, NONCANON), VMX_FAIL_VALID, e,
		      "INVVPID individual-address, address not canonical");
		check(invvpid_safe(INVVPID_ADDR, 0, (u64)ept_page), VMX_FAIL_VALID, e,
		      "INVVPID individual-address, VPID 0");
	}
	check(invvpid_safe(4, 1, 0), VMX_FAIL_VALID, e, "INVVPID type 4 (reserved)");
	{
		struct vmx_inv_desc d = { 1ull << 16 | 1, 0 };
		u64 flags = 0;

		asm volatile("invvpid %1, %2\n\tpushf\n\tpop %0" : "+r"(flags) : "m"(d), "r"((u64)INVVPID_ALL) : "cc");
		report(vmx_flags_result(flags) == VMX_FAIL_VALID && vmcs_read(VMX_INST_ERROR) == e,
		       "INVVPID with descriptor bits 63:16 set");
	}
}

static struct vmx_test vmx_tests[] = {
	{ "caps", NULL, test_caps },
	{ "insn", NULL, test_insn },
	{ "vmcall", NULL, test_vmcall },
	{ "cpuid", NULL, test_cpuid },
	{ "exit_loop", NULL, test_exit_loop },
	{ "hlt", NULL, test_hlt },
	{ "invlpg", NULL, test_invlpg },
	{ "rdtsc", NULL, test_rdtsc },
	{ "misc_exits", NULL, test_misc_exits },
	{ "cr", NULL, test_cr },
	{ "cr3_target", NULL, test_cr3_target },
	{ "dr", NULL, test_dr },
	{ "io", NULL, test_io },
	{ "msr", NULL, test_msr },
	{ "exceptions", NULL, test_exceptions },
	{ "intr_window", NULL, test_intr_window },
	{ "nmi_window", nmi_window_supported, test_nmi_window },
	{ "preempt", preempt_supported, test_preempt },
	{ "mtf", mtf_supported, test_mtf },
	{ "entry_controls", NULL, test_entry_controls },
	{ "entry_host", NULL, test_entry_host },
	{ "entry_guest", NULL, test_entry_guest },
	{ "ept", ept_supported, test_ept },
	{ "eptp", ept_supported, test_eptp },
	{ "invept", invept_supported, test_invept },
	{ "vpid", vpid_supported, test_vpid },
	{ NULL, NULL, NULL },
};

int main(int ac, char **av)
{
	if (!vmx_supported()) {
		report_prefix_push("vmx");
		report_skip("VMX (CPUID.1:ECX[5]) not supported by this CPU");
		report_prefix_pop();
		return report_summary();
	}
	report_prefix_push("vmx");
	test_preconditions();
	report_prefix_pop();
	return run_vmx_tests(ac, av, vmx_tests);
}
