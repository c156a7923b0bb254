/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * devicetree.c - the flattened device tree reader of devicetree.h.
 *
 * The blob is read in place, a byte at a time for multi-byte values (it is
 * big-endian, and may be read with the MMU off, where unaligned accesses
 * fault). Offsets into the structure block only ever grow while walking, so
 * every walk ends, and each read is checked against the block it is in.
 */
#include "libcflat.h"
#include "string.h"
#include "devicetree.h"

#define FDT_BEGIN_NODE	0x1
#define FDT_END_NODE	0x2
#define FDT_PROP	0x3
#define FDT_NOP		0x4
#define FDT_END		0x9

/* Versions 16 and 17 share the layout this reader needs; 17 adds size_dt_struct. */
#define FDT_MIN_VERSION	16

struct dt_blob {
	const u8 *base;
	u32 total;
	const u8 *structs;
	u32 struct_size;
	const char *strings;
	u32 strings_size;
	u32 rsvmap_off;
	int chosen;	/* /chosen's offset once looked up (0: not yet; the root is never /chosen) */
};

static struct dt_blob dt;

u32 dt_be32(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

static u64 be64(const void *p)
{
	return (u64)dt_be32(p) << 32 | dt_be32((const u8 *)p + 4);
}

/* Header field i (the header is an array of big-endian u32). */
static u32 hdr(const void *fdt, int i)
{
	return dt_be32((const u8 *)fdt + 4 * i);
}

enum {
	H_MAGIC, H_TOTALSIZE, H_OFF_STRUCT, H_OFF_STRINGS, H_OFF_RSVMAP, H_VERSION,
	H_LAST_COMP, H_BOOT_CPU, H_SIZE_STRINGS, H_SIZE_STRUCT
};

/* Does [off, off + size) fit in total bytes? Written so that no sum can wrap. */
static bool fits(u32 off, u32 size, u32 total)
{
	return off <= total && size <= total - off;
}

static int parse_header(const void *fdt, size_t avail, struct dt_blob *b)
{
	u32 total, off_struct, off_strings, off_rsv, version, size_struct, size_strings;

	if (!fdt || avail < FDT_HEADER_SIZE)
		return DT_ERR_BADHEADER;
	if (hdr(fdt, H_MAGIC) != FDT_MAGIC)
		return DT_ERR_BADMAGIC;
	version = hdr(fdt, H_VERSION);
	if (version < FDT_MIN_VERSION || hdr(fdt, H_LAST_COMP) > 17)
		return DT_ERR_BADVERSION;
	total = hdr(fdt, H_TOTALSIZE);
	/* Offsets are ints: a blob of 2 GiB or more is not a device tree anyone passes. */
	if (total < FDT_HEADER_SIZE || total > avail || total > INT_MAX)
		return DT_ERR_BADHEADER;
	off_struct = hdr(fdt, H_OFF_STRUCT);
	off_strings = hdr(fdt, H_OFF_STRINGS);
	off_rsv = hdr(fdt, H_OFF_RSVMAP);
	size_strings = hdr(fdt, H_SIZE_STRINGS);
	/* Version 16 does not say how big the structure block is: at most the rest of the blob. */
	size_struct = version >= 17 ? hdr(fdt, H_SIZE_STRUCT) : (off_struct <= total ? total - off_struct : 0);
	if (off_struct < FDT_HEADER_SIZE || off_struct % 4 || !fits(off_struct, size_struct, total))
		return DT_ERR_BADHEADER;
	if (off_strings < FDT_HEADER_SIZE || !fits(off_strings, size_strings, total))
		return DT_ERR_BADHEADER;
	if (off_rsv < FDT_HEADER_SIZE || off_rsv % 8 || !fits(off_rsv, 16, total))
		return DT_ERR_BADHEADER;
	b->base = fdt;
	b->total = total;
	b->structs = (const u8 *)fdt + off_struct;
	b->struct_size = size_struct & ~3U;
	b->strings = (const char *)fdt + off_strings;
	b->strings_size = size_strings;
	b->rsvmap_off = off_rsv;
	return 0;
}

int dt_check(const void *fdt, size_t avail)
{
	struct dt_blob b;

	return parse_header(fdt, avail, &b);
}

int dt_init(const void *fdt, size_t avail)
{
	int ret;

	memset(&dt, 0, sizeof(dt));
	ret = parse_header(fdt, avail, &dt);
	if (ret)
		memset(&dt, 0, sizeof(dt));
	return ret;
}

const void *dt_fdt(void)
{
	return dt.base;
}

u32 dt_total_size(void)
{
	return dt.total;
}

const char *dt_strerror(int err)
{
	switch (err) {
	case 0: return "no error";
	case DT_ERR_NOTFOUND: return "not found";
	case DT_ERR_BADMAGIC: return "bad magic (not a device tree blob)";
	case DT_ERR_BADVERSION: return "unsupported version";
	case DT_ERR_BADHEADER: return "bad header (blocks outside the blob)";
	case DT_ERR_BADSTRUCTURE: return "bad structure block";
	case DT_ERR_BADVALUE: return "bad property value";
	case DT_ERR_NOINIT: return "no device tree";
	}
	return "unknown error";
}

u32 dt_copy_compact(void *dst)
{
	u32 used = dt.total, rsv_end = dt.rsvmap_off;
	u8 *d = dst;

	if (!dt.base)
		return 0;
	/* Version 16 does not say how big the structure block is: keep everything. */
	if (hdr(dt.base, H_VERSION) >= 17) {
		while (fits(rsv_end, 16, dt.total) && (be64(dt.base + rsv_end) || be64(dt.base + rsv_end + 8)))
			rsv_end += 16;
		used = MAX(FDT_HEADER_SIZE, rsv_end + 16);
		used = MAX(used, (u32)(dt.structs - dt.base) + hdr(dt.base, H_SIZE_STRUCT));
		used = MAX(used, (u32)((const u8 *)dt.strings - dt.base) + dt.strings_size);
		used = MIN(ALIGN(used, 8U), dt.total);
	}
	memmove(d, dt.base, used);
	d[4] = used >> 24;
	d[5] = used >> 16;
	d[6] = used >> 8;
	d[7] = used;
	return used;
}

/*
 * The token at off; *next is where the one after it starts. Returns the
 * token, or a DT_ERR_ code when it or its payload leaves the block.
 */
static int token(int off, int *next)
{
	u32 tag, len;
	const u8 *end;

	if (!dt.base)
		return DT_ERR_NOINIT;
	if (off < 0 || off % 4 || !fits(off, 4, dt.struct_size))
		return DT_ERR_BADSTRUCTURE;
	tag = dt_be32(dt.structs + off);
	switch (tag) {
	case FDT_BEGIN_NODE:
		end = memchr(dt.structs + off + 4, '\0', dt.struct_size - off - 4);
		if (!end)
			return DT_ERR_BADSTRUCTURE;
		*next = ALIGN(end + 1 - dt.structs, 4);
		break;
	case FDT_PROP:
		if (!fits(off, 12, dt.struct_size))
			return DT_ERR_BADSTRUCTURE;
		len = dt_be32(dt.structs + off + 4);
		if (!fits(off + 12, len, dt.struct_size))
			return DT_ERR_BADSTRUCTURE;
		*next = ALIGN(off + 12 + len, 4);
		break;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		*next = off + 4;
		break;
	default:
		return DT_ERR_BADSTRUCTURE;
	}
	return tag;
}

/* The offset of the first token that is not a NOP, from off on. */
static int skip_nops(int off)
{
	int next, tag;

	while ((tag = token(off, &next)) == FDT_NOP)
		off = next;
	return tag < 0 ? tag : off;
}

/*
 * The next node after node in document order (node < 0: the root), with
 * *depth changed by how many levels down (+1) or up (-1) the walk went:
 * node's children are at +1, its siblings at 0, since node's own end counts.
 * DT_ERR_NOTFOUND at the end of the tree, or when *depth falls below
 * min_depth (the walk left the part of the tree the caller looks at).
 */
static int next_node(int node, int *depth, int min_depth)
{
	int off = 0, next, tag;

	if (node >= 0) {
		tag = token(node, &next);
		if (tag < 0)
			return tag;
		if (tag != FDT_BEGIN_NODE)
			return DT_ERR_BADSTRUCTURE;
		off = next;
	}
	for (;;) {
		tag = token(off, &next);
		if (tag < 0)
			return tag;
		switch (tag) {
		case FDT_BEGIN_NODE:
			(*depth)++;
			return off;
		case FDT_END_NODE:
			if (--(*depth) < min_depth)
				return DT_ERR_NOTFOUND;
			break;
		case FDT_END:
			return DT_ERR_NOTFOUND;
		}
		off = next;
	}
}

static int root_node(void)
{
	int off, next;

	off = skip_nops(0);
	if (off < 0)
		return off;
	return token(off, &next) == FDT_BEGIN_NODE ? off : DT_ERR_BADSTRUCTURE;
}

int dt_first_subnode(int node)
{
	int depth = 0, off;

	/* The end of node itself (depth -1) means it has no children. */
	off = next_node(node, &depth, 0);
	if (off < 0)
		return off;
	return depth == 1 ? off : DT_ERR_NOTFOUND;
}

int dt_next_subnode(int node)
{
	int depth = 0, off = node;

	/* Skip node's own subtree (depth > 0); a sibling is at 0, the parent's end at -2. */
	do {
		off = next_node(off, &depth, -1);
		if (off < 0)
			return off;
	} while (depth > 0);
	return depth == 0 ? off : DT_ERR_NOTFOUND;
}

const char *dt_node_name(int node)
{
	int next;

	if (token(node, &next) != FDT_BEGIN_NODE)
		return NULL;
	return (const char *)dt.structs + node + 4;
}

int dt_parent(int node)
{
	/* Offsets of the nodes open at each depth of the walk. */
	int stack[64], depth = 0, off;

	off = root_node();
	if (off < 0)
		return off;
	if (off == node)
		return DT_ERR_NOTFOUND;
	stack[0] = off;
	for (;;) {
		off = next_node(off, &depth, INT_MIN);
		if (off < 0)
			return off;
		if (depth <= 0 || depth >= (int)ARRAY_SIZE(stack))
			return DT_ERR_BADSTRUCTURE;
		if (off == node)
			return stack[depth - 1];
		if (off > node)
			return DT_ERR_NOTFOUND;
		stack[depth] = off;
	}
}

/* Does the node name (e.g. "memory@40000000") match the path component c of length len? */
static bool name_matches(const char *name, const char *c, size_t len)
{
	if (strncmp(name, c, len))
		return false;
	return name[len] == '\0' || (name[len] == '@' && !memchr(c, '@', len));
}

int dt_path_offset(const char *path)
{
	int node, child;

	if (!path || path[0] != '/')
		return DT_ERR_NOTFOUND;
	node = root_node();
	while (node >= 0) {
		const char *end;
		size_t len;

		while (*path == '/')
			path++;
		if (!*path)
			return node;
		end = strchr(path, '/');
		len = end ? (size_t)(end - path) : strlen(path);
		dt_for_each_subnode(child, node) {
			if (name_matches(dt_node_name(child), path, len))
				break;
		}
		if (child < 0)
			return child;
		node = child;
		path += len;
	}
	return node;
}

const void *dt_getprop(int node, const char *name, int *lenp)
{
	int off, next, tag, dummy;

	if (!lenp)
		lenp = &dummy;
	tag = token(node, &off);
	if (tag != FDT_BEGIN_NODE) {
		*lenp = tag < 0 ? tag : DT_ERR_BADSTRUCTURE;
		return NULL;
	}
	/* A node's properties come before its subnodes. */
	for (;; off = next) {
		u32 nameoff, len;
		const char *pname;

		tag = token(off, &next);
		if (tag == FDT_NOP)
			continue;
		if (tag != FDT_PROP) {
			*lenp = tag < 0 ? tag : DT_ERR_NOTFOUND;
			return NULL;
		}
		len = dt_be32(dt.structs + off + 4);
		nameoff = dt_be32(dt.structs + off + 8);
		if (nameoff >= dt.strings_size) {
			*lenp = DT_ERR_BADSTRUCTURE;
			return NULL;
		}
		pname = dt.strings + nameoff;
		if (!memchr(pname, '\0', dt.strings_size - nameoff)) {
			*lenp = DT_ERR_BADSTRUCTURE;
			return NULL;
		}
		if (!strcmp(pname, name)) {
			/* token() checked that the value lies in the block; an int holds any sane length. */
			if (len > INT_MAX) {
				*lenp = DT_ERR_BADSTRUCTURE;
				return NULL;
			}
			*lenp = len;
			return dt.structs + off + 12;
		}
	}
}

const char *dt_getprop_string(int node, const char *name)
{
	int len;
	const char *s = dt_getprop(node, name, &len);

	if (!s || len < 1 || s[len - 1] != '\0')
		return NULL;
	return s;
}

int dt_getprop_u64(int node, const char *name, u64 *val)
{
	int len;
	const void *p = dt_getprop(node, name, &len);

	if (!p)
		return len;
	if (len == 4)
		*val = dt_be32(p);
	else if (len == 8)
		*val = be64(p);
	else
		return DT_ERR_BADVALUE;
	return 0;
}

int dt_getprop_u32(int node, const char *name, u32 *val)
{
	int len;
	const void *p = dt_getprop(node, name, &len);

	if (!p)
		return len;
	if (len != 4)
		return DT_ERR_BADVALUE;
	*val = dt_be32(p);
	return 0;
}

/* Is s one of the strings of the string list [list, list + len)? */
static bool stringlist_has(const char *list, int len, const char *s)
{
	size_t slen = strlen(s);

	while (len > 0) {
		const char *end = memchr(list, '\0', len);
		size_t n = end ? (size_t)(end - list) : (size_t)len;

		if (n == slen && !memcmp(list, s, n))
			return true;
		if (!end)
			break;
		len -= n + 1;
		list = end + 1;
	}
	return false;
}

bool dt_node_is_compatible(int node, const char *compat)
{
	int len;
	const char *list = dt_getprop(node, "compatible", &len);

	return list && stringlist_has(list, len, compat);
}

int dt_find_compatible(int start, const char *compat)
{
	int depth = 0, off = start;

	for (;;) {
		off = next_node(off, &depth, INT_MIN);
		if (off < 0)
			return off;
		if (dt_node_is_compatible(off, compat))
			return off;
	}
}

int dt_node_by_phandle(u32 phandle)
{
	int depth = 0, off = -1;
	u32 v = 0;

	if (!phandle || phandle == ~0U)
		return DT_ERR_NOTFOUND;
	for (;;) {
		off = next_node(off, &depth, INT_MIN);
		if (off < 0)
			return off;
		if ((!dt_getprop_u32(off, "phandle", &v) || !dt_getprop_u32(off, "linux,phandle", &v)) && v == phandle)
			return off;
	}
}

static int cells(int node, const char *name, int dflt)
{
	u32 v = 0;
	int ret = dt_getprop_u32(node, name, &v);

	if (ret == DT_ERR_NOTFOUND)
		return dflt;
	if (ret)
		return ret;
	/* Addresses and sizes wider than 64 bits are not something this reader can hand back. */
	return v <= 2 ? (int)v : DT_ERR_BADVALUE;
}

int dt_address_cells(int node)
{
	return cells(node, "#address-cells", 2);
}

int dt_size_cells(int node)
{
	return cells(node, "#size-cells", 1);
}

static u64 read_cells(const u8 *p, int n)
{
	u64 v = 0;

	while (n--) {
		v = v << 32 | dt_be32(p);
		p += 4;
	}
	return v;
}

/* dt_get_reg() when the caller knows the parent: finding it costs a walk of the tree. */
static int get_reg(int parent, int node, int idx, struct dt_reg *reg)
{
	int ac, sc, len, entry;
	const u8 *p;

	ac = dt_address_cells(parent);
	sc = dt_size_cells(parent);
	if (ac < 0 || sc < 0)
		return ac < 0 ? ac : sc;
	if (ac == 0)
		return DT_ERR_BADVALUE;
	p = dt_getprop(node, "reg", &len);
	if (!p)
		return len;
	entry = 4 * (ac + sc);
	if (len % entry)
		return DT_ERR_BADVALUE;
	if (idx < 0 || idx >= len / entry)
		return DT_ERR_NOTFOUND;
	p += idx * entry;
	reg->addr = read_cells(p, ac);
	reg->size = read_cells(p + 4 * ac, sc);
	return 0;
}

int dt_get_reg(int node, int idx, struct dt_reg *reg)
{
	int parent = dt_parent(node);

	if (parent < 0)
		return parent == DT_ERR_NOTFOUND ? DT_ERR_BADVALUE : parent;
	return get_reg(parent, node, idx, reg);
}

/* Looked up by most of the boot-time queries: found once per tree. */
static int chosen_node(void)
{
	if (!dt.base)
		return DT_ERR_NOINIT;
	if (!dt.chosen)
		dt.chosen = dt_path_offset("/chosen");
	return dt.chosen;
}

int dt_get_memreserve(int idx, struct dt_reg *reg)
{
	u32 off;
	int i;

	if (!dt.base)
		return DT_ERR_NOINIT;
	for (i = 0, off = dt.rsvmap_off; fits(off, 16, dt.total); i++, off += 16) {
		u64 addr = be64(dt.base + off), size = be64(dt.base + off + 8);

		if (!addr && !size)
			return DT_ERR_NOTFOUND;
		if (i == idx) {
			reg->addr = addr;
			reg->size = size;
			return 0;
		}
	}
	/* The list must end with an all-zero entry inside the blob. */
	return DT_ERR_BADHEADER;
}

static bool node_is_available(int node)
{
	const char *status = dt_getprop_string(node, "status");

	return !status || !strcmp(status, "okay") || !strcmp(status, "ok");
}

int dt_get_memory_params(struct dt_reg *regs, int nr)
{
	int root = root_node(), node, n = 0;

	if (root < 0)
		return root;
	dt_for_each_subnode(node, root) {
		const char *type = dt_getprop_string(node, "device_type");
		struct dt_reg r;
		int i, ret;

		if (!type || strcmp(type, "memory") || !node_is_available(node))
			continue;
		for (i = 0; (ret = get_reg(root, node, i, &r)) == 0; i++) {
			if (!r.size)
				continue;
			if (n < nr)
				regs[n] = r;
			n++;
		}
		if (ret != DT_ERR_NOTFOUND)
			return ret;
	}
	if (node != DT_ERR_NOTFOUND)
		return node;
	return n;
}

int dt_get_bootargs(const char **bootargs)
{
	int chosen = chosen_node(), len;
	const char *s;

	*bootargs = NULL;
	if (chosen == DT_ERR_NOTFOUND)
		return 0;
	if (chosen < 0)
		return chosen;
	s = dt_getprop(chosen, "bootargs", &len);
	if (!s)
		return len == DT_ERR_NOTFOUND ? 0 : len;
	if (len < 1 || s[len - 1] != '\0')
		return DT_ERR_BADVALUE;
	*bootargs = s;
	return 0;
}

int dt_get_initrd(u64 *start, u64 *end)
{
	int chosen = chosen_node(), ret;

	if (chosen < 0)
		return chosen;
	ret = dt_getprop_u64(chosen, "linux,initrd-start", start);
	if (!ret)
		ret = dt_getprop_u64(chosen, "linux,initrd-end", end);
	if (!ret && *end < *start)
		ret = DT_ERR_BADVALUE;
	return ret;
}

int dt_get_stdout_node(void)
{
	int chosen = chosen_node(), len, aliases;
	const char *path, *colon;
	char buf[256];

	if (chosen < 0)
		return chosen;
	path = dt_getprop_string(chosen, "stdout-path");
	if (!path)
		path = dt_getprop_string(chosen, "linux,stdout-path");
	if (!path)
		return DT_ERR_NOTFOUND;
	/* "serial0:115200n8": the options after ':' are for the console driver. */
	colon = strchr(path, ':');
	len = colon ? colon - path : (int)strlen(path);
	if (len >= (int)sizeof(buf))
		return DT_ERR_BADVALUE;
	memcpy(buf, path, len);
	buf[len] = '\0';
	if (buf[0] == '/')
		return dt_path_offset(buf);
	aliases = dt_path_offset("/aliases");
	if (aliases < 0)
		return aliases;
	path = dt_getprop_string(aliases, buf);
	return path ? dt_path_offset(path) : DT_ERR_NOTFOUND;
}

int dt_get_psci_method(const char **method)
{
	static const char *const compats[] = { "arm,psci-1.0", "arm,psci-0.2", "arm,psci" };
	int node = dt_path_offset("/psci");
	unsigned int i;

	for (i = 0; node < 0 && i < ARRAY_SIZE(compats); i++)
		node = dt_find_compatible(-1, compats[i]);
	if (node < 0)
		return node;
	*method = dt_getprop_string(node, "method");
	if (!*method)
		return DT_ERR_NOTFOUND;
	return strcmp(*method, "hvc") && strcmp(*method, "smc") ? DT_ERR_BADVALUE : 0;
}

int dt_for_each_cpu_node(void (*fn)(int node, u64 reg, void *data), void *data)
{
	int cpus = dt_path_offset("/cpus"), node, n = 0;

	if (cpus < 0)
		return cpus;
	dt_for_each_subnode(node, cpus) {
		const char *type = dt_getprop_string(node, "device_type");
		struct dt_reg r;
		int ret;

		if (!type || strcmp(type, "cpu") || !node_is_available(node))
			continue;
		ret = get_reg(cpus, node, 0, &r);
		if (ret)
			return ret;
		if (fn)
			fn(node, r.addr, data);
		n++;
	}
	return node == DT_ERR_NOTFOUND ? n : node;
}
