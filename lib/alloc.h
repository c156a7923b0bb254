/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * alloc.h - malloc and friends. They go through alloc_ops so that the early
 * allocator (lib/alloc_phys.c) serves them during boot and the page
 * allocator with its small-object caches (lib/malloc.c) afterwards, without
 * callers knowing which one is in charge.
 */
#ifndef _ALLOC_H_
#define _ALLOC_H_

#include "libcflat.h"

struct alloc_ops {
	/* alignment is a power of 2; NULL when out of memory. */
	void *(*memalign)(size_t alignment, size_t size);
	/* Never called with NULL. */
	void (*free)(void *ptr);
};

/* The allocator in charge; starts as the early allocator. */
extern struct alloc_ops *alloc_ops;

/* Alignment of malloc() and calloc(): enough for any scalar type. */
#define MALLOC_ALIGN	16

extern void *malloc(size_t size);
/* Zeroed; NULL if nmemb * size overflows. */
extern void *calloc(size_t nmemb, size_t size);
/* alignment must be a power of 2, or the test aborts. */
extern void *memalign(size_t alignment, size_t size);
extern void free(void *ptr);

#endif /* _ALLOC_H_ */
