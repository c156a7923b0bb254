/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dt_compat.c - kvm-unit-tests' device tree names (dt_compat.h) on top of
 * the reader in devicetree.c.
 */
#include "libcflat.h"
#include "devicetree.h"

/* The current tree is the only one: another blob is a caller's mistake. */
static void check_fdt(const void *fdt)
{
	assert_msg(fdt == dt_fdt(), "fdt_*: only the current device tree (dt_fdt()) can be read");
}

int fdt_node_offset_by_compatible(const void *fdt, int startoffset, const char *compatible)
{
	check_fdt(fdt);
	return dt_find_compatible(startoffset, compatible);
}

const void *fdt_getprop(const void *fdt, int nodeoffset, const char *name, int *lenp)
{
	check_fdt(fdt);
	return dt_getprop(nodeoffset, name, lenp);
}

const struct fdt_property *fdt_get_property(const void *fdt, int nodeoffset, const char *name, int *lenp)
{
	const char *value = fdt_getprop(fdt, nodeoffset, name, lenp);

	/* The value follows its three header cells in the structure block. */
	return value ? (const struct fdt_property *)(value - sizeof(struct fdt_property)) : NULL;
}

static u64 cells_at(const u8 *p, int n)
{
	u64 v = 0;

	while (n-- > 0) {
		v = v << 32 | dt_be32(p);
		p += 4;
	}
	return v;
}

/*
 * Moves addr from bus's children's address space into its parent's, with
 * bus's "ranges" (child address, parent address, size). An absent or empty
 * "ranges" is the identity.
 */
static int translate_up(int bus, u64 *addr)
{
	int parent = dt_parent(bus), ac, pac, sc, len, entry, i;
	const u8 *r;

	if (parent < 0)
		return 0;
	r = dt_getprop(bus, "ranges", &len);
	if (!r || !len)
		return 0;
	ac = dt_address_cells(bus);
	sc = dt_size_cells(bus);
	pac = dt_address_cells(parent);
	if (ac < 0 || sc < 0 || pac < 0 || ac > 3 || pac > 3 || sc > 2)
		return DT_ERR_BADVALUE;
	entry = 4 * (ac + pac + sc);
	if (len % entry)
		return DT_ERR_BADVALUE;
	for (i = 0; i < len / entry; i++, r += entry) {
		/* PCI-style 3-cell addresses: the low 2 cells are the address. */
		u64 child = cells_at(r + 4 * (ac - MIN(ac, 2)), MIN(ac, 2));
		u64 paddr = cells_at(r + 4 * ac + 4 * (pac - MIN(pac, 2)), MIN(pac, 2));
		u64 size = cells_at(r + 4 * (ac + pac), sc);

		if (*addr >= child && *addr - child < size) {
			*addr = *addr - child + paddr;
			return 0;
		}
	}
	return DT_ERR_NOTFOUND;
}

int dt_pbus_translate_node(int fdtnode, int regidx, struct dt_pbus_reg *reg)
{
	struct dt_reg r;
	int bus, ret = dt_get_reg(fdtnode, regidx, &r);

	for (bus = dt_parent(fdtnode); !ret && bus >= 0; bus = dt_parent(bus))
		ret = translate_up(bus, &r.addr);
	if (ret)
		return ret;
	reg->addr = r.addr;
	reg->size = r.size;
	return 0;
}

int dt_pbus_get_base_compatible(const char *compat, struct dt_pbus_reg *base)
{
	int node = dt_find_compatible(-1, compat);

	return node < 0 ? node : dt_pbus_translate_node(node, 0, base);
}
