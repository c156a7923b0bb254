/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * intercept.c - the control instructions a hypervisor intercepts and
 * emulates, against the z/Architecture Principles of Operation:
 *   - STORE PREFIX and SET PREFIX: the prefix is bits 1-18 of the operand (the rest ignored), the new
 *     prefix area is where real 0-8191 go from then on, the old one is plain storage again; a prefix
 *     past the end of storage is an addressing exception; a misaligned operand a specification
 *     exception;
 *   - STORE CPU ADDRESS: the address this CPU has in read SCP info and for SIGP; odd operand address a
 *     specification exception;
 *   - STORE CPU ID: the same value each time, doubleword operand;
 *   - each of them privileged: a privileged-operation exception in the problem state.
 * A hypervisor bug each would catch: SPX emulated without masking the operand or without moving the
 * lowcore (interruptions would then go through the old one), no checks of alignment, storage size or
 * problem state in the intercept handlers, a STAP that does not match the CPU's SIGP address.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "asm/arch_def.h"
#include "asm/memory_areas.h"
#include "asm/page.h"
#include "memregions.h"
#include "processor.h"
#include "smp.h"
#include "string.h"

static void spx(u32 *prefix)
{
	asm volatile("spx %0" : : "Q"(*prefix) : "memory");
}

/* An unaligned operand: a buffer's address plus off, for the misaligned cases. */
static u8 buf[32] __aligned(8);

static void test_spx(void)
{
	struct lowcore *area = alloc_pages_area(AREA_DMA31, 1);
	volatile u32 *real_marker = (volatile u32 *)0x1f00, *area_marker;
	u32 prefix, old = stpx(), beyond, seen;

	report_prefix_push("SPX");
	assert(area);
	memcpy(area, &lowcore, sizeof(*area));
	*real_marker = 0x12345678;
	area_marker = (volatile u32 *)((u8 *)area + 0x1f00);
	*area_marker = 0;
	/* The low 13 bits are ignored: the prefix is an 8 KiB block. */
	prefix = (uintptr_t)area | 0x1fff;
	spx(&prefix);
	report(stpx() == (uintptr_t)area, "STPX gives the new prefix %#x (set as %#x)", stpx(), prefix);
	*real_marker = 0xfeedf00d;
	/* Prefixing swaps: the new area's real address now reaches absolute 0. */
	seen = *area_marker;
	spx(&old);
	report(seen == 0x12345678, "with the new prefix, its real address reaches the old area: %#x", seen);
	report(stpx() == old, "prefix %#x again", old);
	report(*real_marker == 0x12345678 && *area_marker == 0xfeedf00d,
	       "what was stored at real 0x1f00 went to the new area: %#x, %#x", *real_marker, *area_marker);

	beyond = ALIGN(mem_ram_end(), 2 * PAGE_SIZE);
	if (beyond < SZ_2G) {
		expect_pgm_int();
		spx(&beyond);
		check_pgm_int_code(PGM_INT_CODE_ADDRESSING);
		report(stpx() == old, "the prefix is unchanged after the addressing exception");
	} else {
		report_skip("SPX past storage: RAM reaches 2 GiB, whose prefix cannot be set");
	}

	expect_pgm_int();
	spx((u32 *)(buf + 2));
	check_pgm_int_code(PGM_INT_CODE_SPECIFICATION);
	report_prefix_pop();
	free_pages(area);
}

static void test_stpx_stap_stidp(void)
{
	u64 id1, id2;
	u16 addr;

	report_prefix_push("STPX");
	expect_pgm_int();
	asm volatile("stpx %0" : "=Q"(*(u32 *)(buf + 1)));
	check_pgm_int_code(PGM_INT_CODE_SPECIFICATION);
	report_prefix_pop();

	report_prefix_push("STAP");
	addr = stap();
	report(addr == cpu_addrs[smp_processor_id()], "CPU address %u is read SCP info's for this CPU (%u)", addr,
	       cpu_addrs[smp_processor_id()]);
	expect_pgm_int();
	asm volatile("stap %0" : "=Q"(*(u16 *)(buf + 1)));
	check_pgm_int_code(PGM_INT_CODE_SPECIFICATION);
	report_prefix_pop();

	report_prefix_push("STIDP");
	asm volatile("stidp %0" : "=Q"(id1));
	asm volatile("stidp %0" : "=Q"(id2));
	report(id1 == id2 && id1, "the same nonzero CPU ID twice: %#lx", id1);
	expect_pgm_int();
	asm volatile("stidp %0" : "=Q"(*(u64 *)(buf + 4)));
	check_pgm_int_code(PGM_INT_CODE_SPECIFICATION);
	report_prefix_pop();
}

static void test_pstate(void)
{
	u32 prefix = stpx();
	u64 id;
	u16 addr;

	report_prefix_push("problem state");
	expect_pgm_int();
	enter_pstate();
	asm volatile("stpx %0" : "=Q"(prefix));
	leave_pstate();
	check_pgm_int_code(PGM_INT_CODE_PRIVILEGED_OPERATION);
	expect_pgm_int();
	enter_pstate();
	spx(&prefix);
	leave_pstate();
	check_pgm_int_code(PGM_INT_CODE_PRIVILEGED_OPERATION);
	expect_pgm_int();
	enter_pstate();
	asm volatile("stap %0" : "=Q"(addr));
	leave_pstate();
	check_pgm_int_code(PGM_INT_CODE_PRIVILEGED_OPERATION);
	expect_pgm_int();
	enter_pstate();
	asm volatile("stidp %0" : "=Q"(id));
	leave_pstate();
	check_pgm_int_code(PGM_INT_CODE_PRIVILEGED_OPERATION);
	report_prefix_pop();
}

/* On another CPU: its prefix is the lowcore smp.c gave it, and its STAP its own address. */
static void secondary_ids(void *data)
{
	u32 *out = data;

	out[0] = stpx();
	out[1] = stap();
}

int main(void)
{
	u32 ids[2];

	report_prefix_push("intercept");
	test_spx();
	test_stpx_stap_stidp();
	test_pstate();
	if (nr_cpus > 1) {
		on_cpu(1, secondary_ids, ids);
		report(ids[0] == (uintptr_t)cpu_lowcore(1) && ids[1] == cpu_addrs[1],
		       "CPU 1: prefix %#x (lowcore %p), address %u (%u)", ids[0], cpu_lowcore(1), ids[1], cpu_addrs[1]);
	} else {
		report_skip("CPU 1's prefix and address: one CPU");
	}
	return report_summary();
}
