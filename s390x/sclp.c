/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sclp.c - SERVICE CALL and the SCLP's checks of a request (the response
 * codes are those of Linux's SCLP driver, drivers/s390/char/sclp.h; the
 * exceptions those of the instruction):
 *   - read SCP info with a full SCCB: normal read completion (0x0010), the CPU list fits in it;
 *   - an SCCB too short for the data: insufficient SCCB length (0x0300);
 *   - an SCCB that crosses a page boundary: SCCB boundary violation (0x0100);
 *   - an unknown command: invalid command (0x01f0);
 *   - an SCCB off a doubleword boundary or above 2 GiB (in storage, -m 3G): specification exception; outside storage:
 *     addressing exception; in the problem state: privileged-operation exception.
 * A hypervisor bug each would catch: an SCCB read or written past its length or its page (guest memory
 * corrupted), unknown commands accepted, missing checks of the SCCB address.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "asm/arch_def.h"
#include "asm/memory_areas.h"
#include "asm/page.h"
#include "memregions.h"
#include "processor.h"
#include "sclp.h"
#include "string.h"

#define SCLP_RC_SCCB_BOUNDARY_VIOLATION		0x0100
#define SCLP_RC_INVALID_SCLP_COMMAND		0x01f0
#define SCLP_RC_INSUFFICIENT_SCCB_LENGTH	0x0300

static u8 *pages;

/* Read SCP info into an SCCB of len bytes at offset off in the pages; the response code. */
static u16 read_info(unsigned int off, u16 len, u32 command, int *cc)
{
	struct sccb_header *h = (void *)(pages + off);

	memset(pages, 0, 2 * PAGE_SIZE);
	/* Beyond the SCCB: must stay untouched. */
	memset(pages + off + len, 0x5a, 2 * PAGE_SIZE - off - len);
	h->length = len;
	*cc = sclp_service_call_cc(command, h);
	return h->response_code;
}

static bool untouched_after(unsigned int off, u16 len)
{
	unsigned int i;

	for (i = off + len; i < 2 * PAGE_SIZE; i++) {
		if (pages[i] != 0x5a)
			return false;
	}
	return true;
}

static void test_response_codes(void)
{
	struct read_info *ri = (void *)pages;
	u16 rc;
	int cc;

	rc = read_info(0, PAGE_SIZE, SCLP_CMDW_READ_SCP_INFO, &cc);
	report(cc == 0 && rc == SCLP_RC_NORMAL_READ_COMPLETION, "read SCP info: cc %d, response %#x", cc, rc);
	report(ri->entries_cpu >= 1 && ri->offset_cpu + ri->entries_cpu * sizeof(struct sclp_cpu_entry) <= PAGE_SIZE,
	       "%u CPU entries at offset %u, inside the SCCB", ri->entries_cpu, ri->offset_cpu);

	rc = read_info(0, 16, SCLP_CMDW_READ_SCP_INFO, &cc);
	report(cc == 0 && rc == SCLP_RC_INSUFFICIENT_SCCB_LENGTH, "16-byte SCCB: cc %d, response %#x (0x0300)", cc, rc);
	report(untouched_after(0, 16), "nothing written past the 16 bytes");

	rc = read_info(PAGE_SIZE - 256, 512, SCLP_CMDW_READ_SCP_INFO, &cc);
	report(cc == 0 && rc == SCLP_RC_SCCB_BOUNDARY_VIOLATION,
	       "SCCB across a page boundary: cc %d, response %#x (0x0100)", cc, rc);
	report(untouched_after(PAGE_SIZE - 256, 512), "nothing written past it");

	rc = read_info(0, PAGE_SIZE, 0x00ff0001, &cc);
	report(cc == 0 && rc == SCLP_RC_INVALID_SCLP_COMMAND, "command 0x00ff0001: cc %d, response %#x (0x01f0)",
	       cc, rc);
}

static void check_exception(const char *what, void *sccb, u16 code)
{
	int cc;

	report_prefix_push(what);
	expect_pgm_int();
	cc = sclp_service_call_cc(SCLP_CMDW_READ_SCP_INFO, sccb);
	report(cc == -1, "SERVICE CALL did not complete (cc %d)", cc);
	check_pgm_int_code(code);
	report_prefix_pop();
}

static void test_exceptions(void)
{
	struct sccb_header *h = (void *)pages;
	u64 end = mem_ram_end();

	h->length = PAGE_SIZE;
	check_exception("SCCB off a doubleword", pages + 4, PGM_INT_CODE_SPECIFICATION);
	/* Above 2 GiB but in storage (the -m 3G run): the SCCB address has 31 bits. */
	if (end > SZ_2G)
		check_exception("SCCB above 2 GiB", (void *)SZ_2G, PGM_INT_CODE_SPECIFICATION);
	else
		report_skip("SCCB above 2 GiB in storage: RAM ends below 2 GiB (run with -m 3G)");
	if (end < SZ_2G - PAGE_SIZE)
		check_exception("SCCB past storage", (void *)(uintptr_t)ALIGN(end, PAGE_SIZE), PGM_INT_CODE_ADDRESSING);
	else
		report_skip("SCCB past storage: RAM reaches 2 GiB");

	report_prefix_push("problem state");
	expect_pgm_int();
	enter_pstate();
	/* SERVICE CALL alone: the library's call also changes CR0, itself privileged. */
	asm volatile(".insn rre,0xb2200000,%0,%1" : : "d"(SCLP_CMDW_READ_SCP_INFO), "a"(h) : "cc", "memory");
	leave_pstate();
	check_pgm_int_code(PGM_INT_CODE_PRIVILEGED_OPERATION);
	report_prefix_pop();
}

int main(void)
{
	report_prefix_push("sclp");
	pages = alloc_pages_area(AREA_DMA31, 1);
	assert(pages);
	test_response_codes();
	test_exceptions();
	free_pages(pages);
	return report_summary();
}
