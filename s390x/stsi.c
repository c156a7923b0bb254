/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * stsi.c - STORE SYSTEM INFORMATION (z/Architecture Principles of
 * Operation): function code 0 gives the current configuration level in
 * GR0; function codes 1-3 with selectors store a 4 KiB SYSIB:
 *   - 1.1.1 (basic machine): a manufacturer is named;
 *   - 2.2.2 (logical partition) and 3.2.2 (virtual machines): CPU counts, with as many configured CPUs in
 *     the innermost level as read SCP info lists, and total >= configured;
 *   - a function code above the current level, or selectors that name no SYSIB: cc 3;
 *   - nonzero reserved bits of GR0 or GR1, or an operand off a 4 KiB boundary: specification exception;
 *   - privileged: a privileged-operation exception in the problem state.
 * A hypervisor bug each would catch: a level 3 (VM) SYSIB that reports the host's CPUs instead of the
 * guest's, SYSIBs stored at an unchecked address, reserved bits or invalid selectors accepted.
 */
#include "libcflat.h"
#include "asm/arch_def.h"
#include "asm/page.h"
#include "processor.h"
#include "smp.h"

static u8 sysib[PAGE_SIZE] __aligned(PAGE_SIZE);

/* STSI with GR0 = fc << 28 | sel1 | r0_extra, GR1 = sel2 | r1_extra; the cc, and GR0 after it in *r0_out. */
static int stsi(void *addr, unsigned int fc, unsigned int sel1, unsigned int sel2, unsigned long r0_extra,
		unsigned long r1_extra, unsigned long *r0_out)
{
	unsigned long r0 = (unsigned long)fc << 28 | sel1 | r0_extra, r1 = sel2 | r1_extra;
	int cc = -1;

	asm volatile("	lgr	%%r0,%[r0]\n"
		     "	lgr	%%r1,%[r1]\n"
		     "	stsi	0(%[a])\n"
		     "	ipm	%[cc]\n"
		     "	srl	%[cc],28\n"
		     "	lgr	%[r0],%%r0\n"
		     : [cc] "+d"(cc), [r0] "+d"(r0) : [r1] "d"(r1), [a] "a"(addr) : "r0", "r1", "cc", "memory");
	if (r0_out)
		*r0_out = r0;
	return cc;
}

struct cpu_counts {
	u16 total, configured, standby, reserved;
} __packed;

static void check_counts(const char *what, const struct cpu_counts *c, bool innermost)
{
	report(c->total >= c->configured && c->configured >= 1, "%s: %u CPUs in total, %u configured", what, c->total,
	       c->configured);
	if (innermost)
		report(c->configured == nr_cpus, "%s: the configured CPUs are the guest's %d", what, nr_cpus);
}

int main(void)
{
	unsigned long r0;
	unsigned int level, i;
	bool named = false;
	int cc;

	report_prefix_push("stsi");
	cc = stsi(sysib, 0, 0, 0, 0, 0, &r0);
	level = (r0 >> 28) & 0xf;
	report(cc == 0 && level >= 1 && level <= 3, "current configuration level %u (cc %d)", level, cc);

	cc = stsi(sysib, 1, 1, 1, 0, 0, NULL);
	for (i = 32; i < 48; i++)
		named |= sysib[i] != 0x40 && sysib[i] != 0;
	report(cc == 0 && named, "1.1.1: cc %d, a manufacturer is named", cc);

	if (level >= 2) {
		cc = stsi(sysib, 2, 2, 2, 0, 0, NULL);
		report(cc == 0, "2.2.2: cc %d", cc);
		check_counts("2.2.2", (const void *)(sysib + 36), level == 2);
	}
	if (level >= 3) {
		cc = stsi(sysib, 3, 2, 2, 0, 0, NULL);
		report(cc == 0 && (sysib[31] & 0xf) >= 1, "3.2.2: cc %d, %u virtual-machine levels", cc,
		       sysib[31] & 0xf);
		check_counts("3.2.2", (const void *)(sysib + 36), true);
	}
	cc = stsi(sysib, level + 1, 1, 1, 0, 0, NULL);
	report(cc == 3, "function code %u, above the current level: cc %d", level + 1, cc);
	cc = stsi(sysib, 1, 0, 0, 0, 0, NULL);
	report(cc == 3, "1.0.0 (no such SYSIB): cc %d", cc);

	report_prefix_push("specification");
	expect_pgm_int();
	stsi(sysib, 1, 1, 1, 0x00100000, 0, NULL);
	check_pgm_int_code(PGM_INT_CODE_SPECIFICATION);
	expect_pgm_int();
	stsi(sysib, 1, 1, 1, 0, 0x00010000, NULL);
	check_pgm_int_code(PGM_INT_CODE_SPECIFICATION);
	expect_pgm_int();
	stsi(sysib + 8, 1, 1, 1, 0, 0, NULL);
	check_pgm_int_code(PGM_INT_CODE_SPECIFICATION);
	report_prefix_pop();

	expect_pgm_int();
	enter_pstate();
	stsi(sysib, 1, 1, 1, 0, 0, NULL);
	leave_pstate();
	check_pgm_int_code(PGM_INT_CODE_PRIVILEGED_OPERATION);
	return report_summary();
}
