/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * alloc_phys.c - the early bump allocator (see alloc_phys.h). Boot code runs
 * it before the page allocator has any memory, so it must need nothing but
 * a range of RAM: no metadata, no freeing.
 */
#include "libcflat.h"
#include "bitops.h"
#include "spinlock.h"
#include "alloc_phys.h"
#include "alloc_page.h"
#include <asm/page.h>

static struct spinlock lock;
/* [base, top) is the range, [base, next) what was handed out. */
static phys_addr_t base, next, top;
static phys_addr_t align_min = MALLOC_ALIGN;
static unsigned long nr_allocs;

void phys_alloc_init(phys_addr_t base_addr, phys_addr_t size)
{
	spin_lock(&lock);
	base = next = base_addr;
	top = base_addr + size;
	if (top < base_addr) {
		printf("phys_alloc_init: range %#" PRIx64 " + %#" PRIx64 " wraps around\n", base_addr, size);
		abort();
	}
	nr_allocs = 0;
	spin_unlock(&lock);
}

void phys_alloc_set_minimum_alignment(phys_addr_t align)
{
	if (!is_power_of_2(align)) {
		printf("phys_alloc_set_minimum_alignment: alignment %#" PRIx64 " is not a power of 2\n", align);
		abort();
	}
	spin_lock(&lock);
	align_min = align;
	spin_unlock(&lock);
}

static void *early_memalign(size_t alignment, size_t size)
{
	phys_addr_t addr, end;
	void *ret = NULL;

	if (!is_power_of_2(alignment)) {
		printf("memalign: alignment %#zx is not a power of 2\n", alignment);
		abort();
	}
	alignment = MAX(alignment, align_min);
	spin_lock(&lock);
	addr = ALIGN(next, (phys_addr_t)alignment);
	end = addr + size;
	/* The comparisons catch a wrap of either sum as well as plain exhaustion. */
	if (addr >= next && end >= addr && end <= top) {
		next = end;
		nr_allocs++;
		ret = phys_to_virt(addr);
	}
	spin_unlock(&lock);
	return ret;
}

static void early_free(void *ptr)
{
	/* A bump allocator cannot take memory back; callers may still free. */
}

struct alloc_ops early_alloc_ops = {
	.memalign = early_memalign,
	.free = early_free,
};

void phys_alloc_get_unused(phys_addr_t *p_base, phys_addr_t *p_top)
{
	spin_lock(&lock);
	*p_base = ALIGN(next, (phys_addr_t)PAGE_SIZE);
	*p_top = ALIGN_DOWN(top, (phys_addr_t)PAGE_SIZE);
	if (*p_base >= *p_top || *p_base < next)
		*p_base = *p_top = 0;
	/* The rest belongs to the page allocator now. */
	top = next;
	spin_unlock(&lock);
}

bool phys_alloc_owns(const void *ptr)
{
	phys_addr_t addr = virt_to_phys(ptr);

	return addr >= base && addr < next;
}

void phys_alloc_show(void)
{
	printf("phys_alloc: [%#" PRIx64 ", %#" PRIx64 "), %#" PRIx64 " bytes used by %lu allocations\n",
	       base, top, next - base, nr_allocs);
}

void phys_alloc_hand_over(void)
{
	phys_addr_t base, top;

	phys_alloc_get_unused(&base, &top);
	if (top > base)
		page_alloc_init_area(AREA_ANY_NUMBER, base >> PAGE_SHIFT, top >> PAGE_SHIFT);
	page_alloc_ops_enable();
}
