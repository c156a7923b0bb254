/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * spapr_vpa.c - the Virtual Processor Area (PAPR's H_REGISTER_VPA): the
 * page a partition shares with the hypervisor per virtual processor, and
 * the dispatch trace log and SLB shadow buffer that hang off it.
 *   - registering a VPA: 640 bytes at least, cache-line aligned, not across a 4 KiB boundary, for a
 *     processor that exists; anything else is H_PARAMETER and registers nothing;
 *   - a DTL or SLB shadow needs a VPA first (H_RESOURCE), and the VPA cannot go while they are there;
 *   - the dispatch counter at 0x100 is even while the processor runs (reading its own VPA) and has moved
 *     on once the processor ceded and was dispatched again;
 *   - unknown subfunctions are H_PARAMETER; with two CPUs, one CPU registers the other's VPA.
 * A hypervisor that accepts a VPA it will later write past, frees a VPA a DTL still uses, or does not keep
 * the dispatch counter, fails here.
 */
#include "libcflat.h"
#include "alloc_page.h"
#include "hcall.h"
#include "processor.h"
#include "smp.h"
#include "asm/byteorder.h"
#include "asm/page.h"
#include "asm/time.h"

#define VPA_MIN_SIZE		640
#define VPA_SIZE_OFFSET		4
#define VPA_DISPATCH_COUNT	0x100
#define DTL_SIZE		4096

static long vpa_call(unsigned long func, u32 server, void *addr)
{
	return hcall(H_REGISTER_VPA, func << H_VPA_FUNC_SHIFT, server, addr ? virt_to_phys(addr) : 0, 0, NULL);
}

/* A VPA at page + offset: its size is the big-endian halfword at offset 4. */
static void *area(u8 *page, size_t offset, u16 size)
{
	u8 *p = page + offset;

	memset(p, 0, MIN((size_t)size, (size_t)(2 * PAGE_SIZE - offset)));
	*(u16 *)(p + VPA_SIZE_OFFSET) = cpu_to_be16(size);
	return p;
}

/* A DTL or SLB shadow buffer at the start of page: its size is the big-endian word at offset 4. */
static void *buffer(u8 *page, u32 size)
{
	memset(page, 0, size);
	*(u32 *)(page + VPA_SIZE_OFFSET) = cpu_to_be32(size);
	return page;
}

static u32 dispatch_count(u8 *vpa)
{
	return be32_to_cpu(*(volatile u32 *)(vpa + VPA_DISPATCH_COUNT));
}

int main(int argc, char **argv)
{
	u8 *pages = alloc_pages(1), *dtl = alloc_page(), *vpa;
	u32 me = cpus[smp_processor_id()], c0, c1;
	int i, odd;
	long rc;

	assert(PAGE_SIZE >= 4096);
	/* Refused: each one must leave no VPA behind, which the DTL registration after it checks. */
	rc = vpa_call(H_VPA_REG_VPA, me, area(pages, 8, VPA_MIN_SIZE));
	report(rc == H_PARAMETER, "VPA not cache-line aligned: status %ld (H_PARAMETER)", rc);
	rc = vpa_call(H_VPA_REG_VPA, me, area(pages, 0, VPA_MIN_SIZE - 1));
	report(rc == H_PARAMETER, "VPA of %d bytes: status %ld (H_PARAMETER)", VPA_MIN_SIZE - 1, rc);
	rc = vpa_call(H_VPA_REG_VPA, me, area(pages, 4096 - 512, VPA_MIN_SIZE));
	report(rc == H_PARAMETER, "VPA across a 4 KiB boundary: status %ld (H_PARAMETER)", rc);
	rc = vpa_call(H_VPA_REG_VPA, 0xfffff, area(pages, 0, VPA_MIN_SIZE));
	report(rc == H_PARAMETER, "VPA of server 0xfffff: status %ld (H_PARAMETER)", rc);
	rc = vpa_call(H_VPA_REG_DTL, me, buffer(dtl, 256));
	report(rc == H_RESOURCE, "DTL without a VPA: status %ld (H_RESOURCE)", rc);
	rc = vpa_call(H_VPA_REG_SLB, me, buffer(dtl, 256));
	report(rc == H_RESOURCE, "SLB shadow without a VPA: status %ld (H_RESOURCE)", rc);
	rc = vpa_call(4, me, area(pages, 0, VPA_MIN_SIZE));
	report(rc == H_PARAMETER, "subfunction 4 (none): status %ld (H_PARAMETER)", rc);

	vpa = area(pages, 0, VPA_MIN_SIZE);
	rc = vpa_call(H_VPA_REG_VPA, me, vpa);
	report(rc == H_SUCCESS, "VPA of %d bytes at %p: status %ld", VPA_MIN_SIZE, vpa, rc);
	c0 = dispatch_count(vpa);
	report(c0 % 2 == 0, "dispatch counter even while running: %u", c0);
	/*
	 * A cede whose decrementer already fired returns at once, and the
	 * processor may stay dispatched: cede until one really gave the
	 * processor up (the counter moved), at most 20 times.
	 */
	for (i = 0, odd = 0, c1 = c0; i < 20 && c1 == c0; i++) {
		msleep(2);
		c1 = dispatch_count(vpa);
		odd += c1 % 2;
	}
	report(!odd && c1 > c0, "after %d cedes of 2 ms: dispatch counter %u, was %u, never odd when read", i, c1, c0);

	rc = vpa_call(H_VPA_REG_DTL, me, buffer(dtl, 256));
	report(rc == H_SUCCESS, "DTL with a VPA: status %ld", rc);
	rc = vpa_call(H_VPA_DEREG_VPA, me, NULL);
	report(rc == H_RESOURCE, "VPA deregistered while the DTL is there: status %ld (H_RESOURCE)", rc);
	rc = vpa_call(H_VPA_DEREG_DTL, me, NULL);
	report(rc == H_SUCCESS, "DTL deregistered: status %ld", rc);
	rc = vpa_call(H_VPA_DEREG_VPA, me, NULL);
	report(rc == H_SUCCESS, "VPA deregistered: status %ld", rc);
	rc = vpa_call(H_VPA_REG_DTL, me, buffer(dtl, 256));
	report(rc == H_RESOURCE, "DTL after the VPA went: status %ld (H_RESOURCE)", rc);

	if (nr_cpus > 1) {
		u8 *other = area(pages, 2048, VPA_MIN_SIZE);

		rc = vpa_call(H_VPA_REG_VPA, cpus[1], other);
		report(rc == H_SUCCESS, "CPU 0 registers CPU 1's VPA: status %ld", rc);
		rc = vpa_call(H_VPA_REG_DTL, cpus[1], buffer(dtl, 256));
		report(rc == H_SUCCESS, "and its DTL: status %ld", rc);
		vpa_call(H_VPA_DEREG_DTL, cpus[1], NULL);
		rc = vpa_call(H_VPA_DEREG_VPA, cpus[1], NULL);
		report(rc == H_SUCCESS, "and deregisters both: status %ld", rc);
	} else {
		report_skip("another CPU's VPA: one CPU only (-smp 2)");
	}
	free_pages(pages);
	free_page(dtl);
	return report_summary();
}
