/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * malloc.c - malloc on top of the page allocator: page_alloc_ops_enable()
 * points alloc_ops here.
 *
 * Small objects (up to 1 KiB) come from one-page slabs of a single
 * power-of-2 size, so that a 16-byte malloc does not cost a page. The slab
 * header sits at the start of its page, so a small object is never page
 * aligned and anything page aligned came from the page allocator: free()
 * tells the two apart from the pointer alone. A bitmap of the objects in
 * use catches double frees and pointers that are not an object's start.
 */
#include "libcflat.h"
#include "bitops.h"
#include "list.h"
#include "spinlock.h"
#include "alloc.h"
#include "string.h"
#include "alloc_page.h"

#define SLAB_MAGIC	0x51ab51abU
#define MIN_SHIFT	4
#define MAX_SHIFT	10
#define NCLASSES	(MAX_SHIFT - MIN_SHIFT + 1)
#define MAX_OBJECTS	(PAGE_SIZE >> MIN_SHIFT)

struct slab {
	u32 magic;
	u16 shift;		/* objects are 1 << shift bytes */
	u16 nfree;
	struct list_head list;	/* in its class's list while it has free objects */
	void *freelist;		/* through the free objects' first word */
	unsigned long inuse[MAX_OBJECTS / BITS_PER_LONG];
};

struct size_class {
	struct spinlock lock;
	struct list_head partial;	/* slabs with a free object */
};

static struct size_class classes[NCLASSES];

static void __noreturn __printf(2, 3) bad_free(void *ptr, const char *fmt, ...)
{
	va_list va;

	printf("free: %#lx: ", (unsigned long)ptr);
	va_start(va, fmt);
	vprintf(fmt, va);
	va_end(va);
	printf("\n");
	abort();
}

/* The objects that the header leaves room for start at this index. */
static inline unsigned int first_object(unsigned int shift)
{
	return DIV_ROUND_UP(sizeof(struct slab), 1U << shift);
}

static struct slab *new_slab(unsigned int shift)
{
	struct slab *s = alloc_pages_flags(0, FLAG_DONTZERO);
	unsigned int i, n = PAGE_SIZE >> shift;
	void **link;

	if (!s)
		return NULL;
	memset(s, 0, sizeof(*s));
	s->magic = SLAB_MAGIC;
	s->shift = shift;
	s->nfree = n - first_object(shift);
	link = &s->freelist;
	for (i = first_object(shift); i < n; i++) {
		*link = (char *)s + (i << shift);
		link = *link;
	}
	*link = NULL;
	return s;
}

static void *small_alloc(unsigned int shift)
{
	struct size_class *c = &classes[shift - MIN_SHIFT];
	struct slab *s;
	void *obj = NULL;

	spin_lock(&c->lock);
	if (!c->partial.next)
		INIT_LIST_HEAD(&c->partial);
	if (list_empty(&c->partial)) {
		s = new_slab(shift);
		if (!s)
			goto out;
		list_add(&s->list, &c->partial);
	}
	s = list_first_entry(&c->partial, struct slab, list);
	obj = s->freelist;
	s->freelist = *(void **)obj;
	memset(obj, 0, sizeof(void *));
	s->inuse[BIT_WORD(((char *)obj - (char *)s) >> shift)] |= BIT_MASK(((char *)obj - (char *)s) >> shift);
	if (!--s->nfree)
		list_del(&s->list);
out:
	spin_unlock(&c->lock);
	return obj;
}

static void small_free(struct slab *s, void *ptr)
{
	struct size_class *c = &classes[s->shift - MIN_SHIFT];
	unsigned long off = (char *)ptr - (char *)s;
	unsigned int idx = off >> s->shift, total = (PAGE_SIZE >> s->shift) - first_object(s->shift);

	if (off & ((1UL << s->shift) - 1) || idx < first_object(s->shift))
		bad_free(ptr, "not the start of an object (the slab at %#lx holds %u-byte objects)",
			 (unsigned long)s, 1U << s->shift);
	spin_lock(&c->lock);
	if (!(s->inuse[BIT_WORD(idx)] & BIT_MASK(idx)))
		bad_free(ptr, "double free of a %u-byte object", 1U << s->shift);
	s->inuse[BIT_WORD(idx)] &= ~BIT_MASK(idx);
	*(void **)ptr = s->freelist;
	s->freelist = ptr;
	if (++s->nfree == 1)
		list_add(&s->list, &c->partial);
	/* Give an empty slab back unless it is the only one: no churn at the edge. */
	if (s->nfree == total && (c->partial.next != &s->list || c->partial.prev != &s->list)) {
		list_del(&s->list);
		s->magic = 0;
		free_pages(s);
	}
	spin_unlock(&c->lock);
}

static void *page_memalign(size_t alignment, size_t size)
{
	size_t need = MAX(MAX(size, alignment), (size_t)1);

	if (need <= (1UL << MAX_SHIFT))
		return small_alloc(MAX(get_order(need), (unsigned int)MIN_SHIFT));
	/* malloc need not zero, and calloc zeroes by itself. */
	return memalign_pages_flags(MAX(alignment, PAGE_SIZE), size, FLAG_DONTZERO);
}

static void page_free(void *ptr)
{
	struct slab *s;

	if (!((uintptr_t)ptr & ~PAGE_MASK)) {
		free_pages(ptr);
		return;
	}
	s = (struct slab *)((uintptr_t)ptr & PAGE_MASK);
	if (s->magic != SLAB_MAGIC)
		bad_free(ptr, "not returned by malloc (no object of a small-object slab there)");
	small_free(s, ptr);
}

static struct alloc_ops page_alloc_ops = {
	.memalign = page_memalign,
	.free = page_free,
};

void page_alloc_ops_enable(void)
{
	alloc_ops = &page_alloc_ops;
}
