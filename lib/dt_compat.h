/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dt_compat.h - the device tree names kvm-unit-tests' tests use (libfdt's
 * fdt_node_offset_by_compatible, fdt_get_property, fdt_getprop,
 * fdt32_to_cpu, and the "pbus" register lookup), on top of devicetree.h's
 * reader. The fdt argument must be the current tree (dt_fdt()); nodes are
 * the same structure-block offsets, so the two APIs mix.
 */
#ifndef _DT_COMPAT_H_
#define _DT_COMPAT_H_

#include "libcflat.h"

typedef u32 fdt32_t;
typedef u64 fdt64_t;

/* A property as the structure block holds it: FDT_PROP, then these, then the value. */
struct fdt_property {
	fdt32_t tag;
	fdt32_t len;
	fdt32_t nameoff;
	char data[];
};

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define fdt32_to_cpu(x)		__builtin_bswap32(x)
#define fdt64_to_cpu(x)		__builtin_bswap64(x)
#else
#define fdt32_to_cpu(x)		((u32)(x))
#define fdt64_to_cpu(x)		((u64)(x))
#endif
#define cpu_to_fdt32(x)		fdt32_to_cpu(x)
#define cpu_to_fdt64(x)		fdt64_to_cpu(x)

extern int fdt_node_offset_by_compatible(const void *fdt, int startoffset, const char *compatible);
extern const struct fdt_property *fdt_get_property(const void *fdt, int nodeoffset, const char *name, int *lenp);
extern const void *fdt_getprop(const void *fdt, int nodeoffset, const char *name, int *lenp);

/* A "reg" entry translated through the parents' "ranges" to a CPU physical address. */
struct dt_pbus_reg {
	u64 addr;
	u64 size;
};

/* Entry regidx of the node's "reg", translated; 0 or a DT_ERR_ code. */
extern int dt_pbus_translate_node(int fdtnode, int regidx, struct dt_pbus_reg *reg);
/* The same for the first node compatible with compat. */
extern int dt_pbus_get_base_compatible(const char *compat, struct dt_pbus_reg *base);

#endif /* _DT_COMPAT_H_ */
