/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * devicetree.h - a small reader for flattened device trees (the DTB a
 * loader passes to the kernel): enough to find memory, CPUs, /chosen, the
 * console and PSCI at boot. Generic: no arch code, no allocation, and every
 * offset and length in the blob is checked, so a corrupt blob gives an
 * error, never a wild read (tests/devicetree/ fuzzes it on the host).
 *
 * One tree is current at a time (dt_init). A node is named by its offset in
 * the structure block, as returned by the lookup functions; a negative
 * value is one of the DT_ERR_ codes.
 */
#ifndef _DEVICETREE_H_
#define _DEVICETREE_H_

#include "libcflat.h"

#define FDT_MAGIC		0xd00dfeed
#define FDT_HEADER_SIZE		40

#define DT_ERR_NOTFOUND		(-1)	/* no such node or property */
#define DT_ERR_BADMAGIC		(-2)	/* not a device tree blob */
#define DT_ERR_BADVERSION	(-3)	/* a format version this reader does not know */
#define DT_ERR_BADHEADER	(-4)	/* blocks outside the blob, misaligned, or overlapping */
#define DT_ERR_BADSTRUCTURE	(-5)	/* bad token, name or property inside the structure block */
#define DT_ERR_BADVALUE		(-6)	/* a property has the wrong size or form */
#define DT_ERR_NOINIT		(-7)	/* dt_init() was not called, or failed */

struct dt_reg {
	u64 addr;
	u64 size;
};

/* Check the header of the blob at fdt, of which avail bytes may be read: 0 or a DT_ERR_ code. */
extern int dt_check(const void *fdt, size_t avail);
/* Make fdt the current tree (avail as for dt_check); 0 or a DT_ERR_ code. */
extern int dt_init(const void *fdt, size_t avail);
/* The current tree and its size in bytes (NULL and 0 before dt_init). */
extern const void *dt_fdt(void);
extern u32 dt_total_size(void);
extern const char *dt_strerror(int err);
/*
 * Copy the current tree to dst (which may overlap it) without the free space
 * loaders leave in it, and set the copy's totalsize; returns the copy's size.
 * The copy is not made current: dt_init() it.
 */
extern u32 dt_copy_compact(void *dst);

/* Node lookup. Paths are absolute; a component without '@' also matches "name@unit". */
extern int dt_path_offset(const char *path);
extern int dt_first_subnode(int node);
extern int dt_next_subnode(int node);
extern int dt_parent(int node);
/* The node's name with its unit address ("cpu@1"); "" for the root. */
extern const char *dt_node_name(int node);
/* The next node after start (-1: from the top) compatible with compat. */
extern int dt_find_compatible(int start, const char *compat);
extern bool dt_node_is_compatible(int node, const char *compat);
extern int dt_node_by_phandle(u32 phandle);

#define dt_for_each_subnode(child, node) \
	for ((child) = dt_first_subnode(node); (child) >= 0; (child) = dt_next_subnode(child))

/* A property's value and length, or NULL (*len then holds the DT_ERR_ code). */
extern const void *dt_getprop(int node, const char *name, int *len);
/* A property that must be a NUL-terminated string; NULL if absent or not a string. */
extern const char *dt_getprop_string(int node, const char *name);
/* A property of 1 or 2 cells; 0 or a DT_ERR_ code. */
extern int dt_getprop_u64(int node, const char *name, u64 *val);
extern int dt_getprop_u32(int node, const char *name, u32 *val);
/* Big-endian cells of a property, as the blob stores them. */
extern u32 dt_be32(const void *p);

/* #address-cells and #size-cells that node gives its children (2 and 1 when absent). */
extern int dt_address_cells(int node);
extern int dt_size_cells(int node);
/* Entry idx of node's "reg", with the parent's cell sizes; 0 or a DT_ERR_ code. */
extern int dt_get_reg(int node, int idx, struct dt_reg *reg);

/* Entry idx of the memory reservation block; 0, or DT_ERR_NOTFOUND after the last. */
extern int dt_get_memreserve(int idx, struct dt_reg *reg);

/* Every "reg" range of the memory nodes, up to nr; the number found or a DT_ERR_ code. */
extern int dt_get_memory_params(struct dt_reg *regs, int nr);
/* /chosen/bootargs (NULL when absent); 0 or a DT_ERR_ code. */
extern int dt_get_bootargs(const char **bootargs);
/* /chosen linux,initrd-start and -end; 0, DT_ERR_NOTFOUND, or another DT_ERR_ code. */
extern int dt_get_initrd(u64 *start, u64 *end);
/* The node /chosen/stdout-path names (alias resolved, ":options" dropped). */
extern int dt_get_stdout_node(void);
/* The PSCI node's "method" ("hvc" or "smc"); 0 or a DT_ERR_ code. */
extern int dt_get_psci_method(const char **method);
/*
 * Call fn for each node of /cpus whose device_type is "cpu", with its reg
 * (the MPIDR affinity on arm64); the number of CPUs or a DT_ERR_ code.
 */
extern int dt_for_each_cpu_node(void (*fn)(int node, u64 reg, void *data), void *data);

/* kvm-unit-tests' names (libfdt's and its "pbus" lookup) for the same tree */
#include "dt_compat.h"

#endif /* _DEVICETREE_H_ */
