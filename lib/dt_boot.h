/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dt_boot.h - the boot steps every device-tree arch (arm64, ppc64) takes
 * the same way: memory regions, argv and the environ from /chosen, and the
 * free RAM after the image once the tree has been moved out of its way.
 * Each aborts the test, naming the problem, when the tree is unusable.
 */
#ifndef _DT_BOOT_H_
#define _DT_BOOT_H_

#include "libcflat.h"

#define DT_BOOT_MAX_MEM		16	/* /memory ranges supported */
/* How far a device tree may reach before it is considered corrupt. */
#define DT_BOOT_MAX_SIZE	(64UL << 20)

/* Abort the test: "setup: device tree: what: error". */
extern void dt_abort(const char *what, int err) __noreturn;
/* Add every /memory range to mem_regions as RAM; returns the lowest RAM address. */
extern phys_addr_t dt_boot_mem_regions(void);
/* argv: progname, then the words of /chosen/bootargs; environ: the initrd, copied. */
extern void dt_boot_args_env(const char *progname);
/*
 * After dt_boot_args_env(): copy the tree, without the free space loaders
 * leave in it, to image_end and make the copy current; mark the image and
 * the copy as MR_F_IMAGE and return in [*base, *top) the free RAM that
 * follows, page-aligned, up to the end of the image's region or the first
 * /memreserve/ range above (the initrd's is ignored: it was copied).
 */
extern void dt_boot_free_ram(phys_addr_t image_start, phys_addr_t image_end, phys_addr_t *base,
			     phys_addr_t *top);

#endif /* _DT_BOOT_H_ */
