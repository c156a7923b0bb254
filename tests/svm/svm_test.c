/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * svm_test.c - host test of the nested SVM library's parts that need no
 * CPU: every VMCB field the library names at its offset of the AMD APM
 * vol. 2 appendix B (tables B-1 and B-2), the MSR permission map's index
 * of an MSR (APM 15.11: three ranges of 8192 MSRs, two bits each, 2 KiB a
 * range), the I/O permission map's bit of a port (APM 15.10.1), and the
 * names of exit codes. A wrong offset would make every guest run with a
 * corrupt VMCB; a wrong map index would intercept the wrong MSR or port.
 */
#include "libcflat.h"
#include "svm.h"

struct field {
	const char *name;
	size_t off, want;
};

#define F(member, at)	{ #member, offsetof(struct vmcb, member), at }

static const struct field fields[] = {
	F(control.intercept[0], 0x000), F(control.intercept[1], 0x004), F(control.intercept[2], 0x008),
	F(control.intercept[3], 0x00c), F(control.intercept[4], 0x010), F(control.intercept[5], 0x014),
	F(control.pause_filter_thresh, 0x03c), F(control.pause_filter_count, 0x03e),
	F(control.iopm_base_pa, 0x040), F(control.msrpm_base_pa, 0x048), F(control.tsc_offset, 0x050),
	F(control.asid, 0x058), F(control.tlb_ctl, 0x05c), F(control.int_ctl, 0x060), F(control.int_vector, 0x064),
	F(control.int_state, 0x068), F(control.exit_code, 0x070), F(control.exit_info_1, 0x078),
	F(control.exit_info_2, 0x080), F(control.exit_int_info, 0x088), F(control.exit_int_info_err, 0x08c),
	F(control.nested_ctl, 0x090), F(control.avic_apic_bar, 0x098), F(control.ghcb_gpa, 0x0a0),
	F(control.event_inj, 0x0a8), F(control.event_inj_err, 0x0ac), F(control.nested_cr3, 0x0b0),
	F(control.virt_ext, 0x0b8), F(control.clean, 0x0c0), F(control.next_rip, 0x0c8), F(control.insn_len, 0x0d0),
	F(control.insn_bytes, 0x0d1),
	F(save.es, 0x400), F(save.cs, 0x410), F(save.ss, 0x420), F(save.ds, 0x430), F(save.fs, 0x440),
	F(save.gs, 0x450), F(save.gdtr, 0x460), F(save.ldtr, 0x470), F(save.idtr, 0x480), F(save.tr, 0x490),
	F(save.cpl, 0x4cb), F(save.efer, 0x4d0), F(save.cr4, 0x548), F(save.cr3, 0x550), F(save.cr0, 0x558),
	F(save.dr7, 0x560), F(save.dr6, 0x568), F(save.rflags, 0x570), F(save.rip, 0x578), F(save.rsp, 0x5d8),
	F(save.rax, 0x5f8), F(save.star, 0x600), F(save.lstar, 0x608), F(save.cstar, 0x610), F(save.sfmask, 0x618),
	F(save.kernel_gs_base, 0x620), F(save.sysenter_cs, 0x628), F(save.sysenter_esp, 0x630),
	F(save.sysenter_eip, 0x638), F(save.cr2, 0x640), F(save.g_pat, 0x668), F(save.dbgctl, 0x670),
	F(save.br_from, 0x678), F(save.br_to, 0x680), F(save.last_excp_from, 0x688), F(save.last_excp_to, 0x690),
};

static void test_layout(void)
{
	unsigned int i, bad = 0;

	report_prefix_push("vmcb");
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		if (fields[i].off != fields[i].want) {
			printf("  %s at %#zx, the APM says %#zx\n", fields[i].name, fields[i].off, fields[i].want);
			bad++;
		}
	}
	report(!bad, "%u fields at the APM's offsets (%u wrong)", (unsigned int)ARRAY_SIZE(fields), bad);
	report(offsetof(struct vmcb_seg, attrib) == 2 && offsetof(struct vmcb_seg, limit) == 4 &&
	       offsetof(struct vmcb_seg, base) == 8 && sizeof(struct vmcb_seg) == 16,
	       "a segment: selector, attrib, limit, base in 16 bytes");
	report(sizeof(struct vmcb_control_area) == 0x400 && sizeof(struct vmcb) <= 4096,
	       "the control area is 1 KiB, the VMCB fits its 4 KiB page (%zu bytes)", sizeof(struct vmcb));
	report(INTERCEPT_SHUTDOWN == 96 + 31 && INTERCEPT_RDPRU == 128 + 14 && INTERCEPT_CR8_WRITE == 24,
	       "intercept bit numbers: SHUTDOWN bit 31 of word 3, RDPRU bit 14 of word 4, CR8 write bit 24");
	report_prefix_pop();
}

static void test_msrpm(void)
{
	static const struct {
		u32 msr;
		s64 bit;
	} cases[] = {
		{ 0x00000000, 0 },
		{ 0x00000010, 0x20 },
		{ 0x00001fff, 0x3ffe },
		{ 0xc0000000, 0x4000 },
		{ 0xc0000080, 0x4100 },		/* EFER: byte 0x820, bits 1:0 */
		{ 0xc0001fff, 0x7ffe },
		{ 0xc0010000, 0x8000 },
		{ 0xc0010117, 0x822e },
		{ 0xc0011fff, 0xbffe },
		{ 0x00002000, -1 },
		{ 0x40000000, -1 },
		{ 0xbfffffff, -1 },
		{ 0xc0002000, -1 },
		{ 0xc000ffff, -1 },
		{ 0xc0012000, -1 },
		{ 0xffffffff, -1 },
	};
	unsigned int i;
	s64 bit;

	report_prefix_push("msrpm");
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		bit = svm_msrpm_bit(cases[i].msr);
		report(bit == cases[i].bit, "MSR %#x: read bit %" PRId64 " (byte %#" PRIx64 ")", cases[i].msr, bit,
		       bit < 0 ? 0 : bit / 8);
	}
	report(svm_msrpm_bit(0xc0011fff) / 8 < 6 * 1024 && SVM_MSRPM_SIZE == 8 * 1024,
	       "the last MSR's bits end in the third 2 KiB; the map is 8 KiB");
	report_prefix_pop();
}

static void test_iopm(void)
{
	report_prefix_push("iopm");
	report(svm_iopm_byte(0) == 0 && svm_iopm_bit(0) == 0, "port 0: byte 0, bit 0");
	report(svm_iopm_byte(0x80) == 0x10 && svm_iopm_bit(0x80) == 0, "port 0x80: byte 0x10, bit 0");
	report(svm_iopm_byte(0x3f9) == 0x7f && svm_iopm_bit(0x3f9) == 1, "port 0x3f9: byte 0x7f, bit 1");
	report(svm_iopm_byte(0xffff) == 0x1fff && svm_iopm_bit(0xffff) == 7, "port 0xffff: byte 0x1fff, bit 7");
	report(svm_iopm_byte(0x10000) == 0x2000 && svm_iopm_bit(0x10000) == 0 && SVM_IOPM_SIZE > 0x2000,
	       "bit 0x10000 (a wide access at 0xffff) is the first of the third page, inside the 12 KiB map");
	report((4096 << SVM_IOPM_ORDER) >= SVM_IOPM_SIZE && (4096 << SVM_MSRPM_ORDER) >= SVM_MSRPM_SIZE,
	       "the allocation orders cover the maps");
	report_prefix_pop();
}

static void test_names(void)
{
	report_prefix_push("names");
	report(!strcmp(svm_exit_name(SVM_EXIT_CPUID), "CPUID") && !strcmp(svm_exit_name(SVM_EXIT_NPF), "NPF") &&
	       !strcmp(svm_exit_name(SVM_EXIT_ERR), "INVALID"), "CPUID, NPF, INVALID");
	report(!strcmp(svm_exit_name(SVM_EXIT_EXCP_BASE + 14), "EXCP #14") &&
	       !strcmp(svm_exit_name(SVM_EXIT_WRITE_DR0 + 5), "WRITE_DR5") &&
	       !strcmp(svm_exit_name(SVM_EXIT_READ_DR7), "READ_DR7"), "exceptions and DR accesses by number");
	report(!svm_exit_name(0x999) && !svm_exit_name(0xffffffff), "no name for an unknown code");
	report(!strcmp(svm_feat_name(SVM_FEAT_NRIPS), "NRIP save") && !strcmp(svm_feat_name(31), "an SVM feature"),
	       "feature names");
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	test_layout();
	test_msrpm();
	test_iopm();
	test_names();
	return report_summary();
}
