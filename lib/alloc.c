/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * alloc.c - malloc, calloc, memalign and free on top of whichever allocator
 * alloc_ops names, so that the same calls work before and after the page
 * allocator is ready.
 */
#include "libcflat.h"
#include "bitops.h"
#include "string.h"
#include "alloc.h"
#include "alloc_phys.h"

struct alloc_ops *alloc_ops = &early_alloc_ops;

void *memalign(size_t alignment, size_t size)
{
	if (!is_power_of_2(alignment)) {
		printf("memalign: alignment %#zx is not a power of 2\n", alignment);
		abort();
	}
	return alloc_ops->memalign(alignment, size);
}

void *malloc(size_t size)
{
	return alloc_ops->memalign(MALLOC_ALIGN, size);
}

void *calloc(size_t nmemb, size_t size)
{
	size_t bytes;
	void *p;

	if (__builtin_mul_overflow(nmemb, size, &bytes))
		return NULL;
	p = malloc(bytes);
	if (p)
		memset(p, 0, bytes);
	return p;
}

void free(void *ptr)
{
	/*
	 * Memory malloc'ed during boot may be freed after the page allocator
	 * took over; it still belongs to the early allocator, which keeps it.
	 */
	if (!ptr || phys_alloc_owns(ptr))
		return;
	alloc_ops->free(ptr);
}
