/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exercise.c - call every query of lib/devicetree.c on the current tree,
 * checking nothing but that each ends: the corrupt-blob tests and the fuzz
 * target run it on damaged blobs under the sanitizers, which catch any read
 * outside the blob. Returns a checksum of what was found, so the compiler
 * cannot drop the calls.
 */
#include "libcflat.h"
#include "devicetree.h"
#include "exercise.h"

/* Deeper than any real tree; bounds the recursion on hostile input. */
#define MAX_WALK_DEPTH	32

static unsigned long sum;

static void count_cpu(int node, u64 reg, void *data)
{
	sum += node + reg;
}

static void walk(int node, int depth)
{
	static const char *const props[] = { "reg", "compatible", "device_type", "status", "phandle", "method" };
	struct dt_reg reg;
	unsigned int i;
	const char *name;
	int child, len;
	u64 v;

	name = dt_node_name(node);
	sum += name ? name[0] : 1;
	for (i = 0; i < ARRAY_SIZE(props); i++) {
		if (dt_getprop(node, props[i], &len))
			sum += len;
		sum += dt_getprop_string(node, props[i]) != NULL;
	}
	sum += dt_getprop_u64(node, "reg", &v) + dt_address_cells(node) + dt_size_cells(node);
	for (i = 0; i < 3; i++) {
		if (!dt_get_reg(node, i, &reg))
			sum += reg.addr + reg.size;
	}
	sum += dt_parent(node) + dt_node_is_compatible(node, "arm,pl011");
	if (depth >= MAX_WALK_DEPTH)
		return;
	dt_for_each_subnode(child, node)
		walk(child, depth + 1);
}

unsigned long dt_exercise(void)
{
	struct dt_reg regs[8];
	const char *s;
	u64 a, b;
	int i, root;

	sum = 0;
	root = dt_path_offset("/");
	if (root >= 0)
		walk(root, 0);
	for (i = 0; i < 16 && !dt_get_memreserve(i, &regs[0]); i++)
		sum += regs[0].addr;
	sum += dt_get_memory_params(regs, ARRAY_SIZE(regs));
	sum += dt_for_each_cpu_node(count_cpu, NULL);
	if (!dt_get_bootargs(&s) && s)
		sum += s[0];
	if (!dt_get_initrd(&a, &b))
		sum += b - a;
	sum += dt_get_stdout_node();
	if (!dt_get_psci_method(&s))
		sum += s[0];
	sum += dt_find_compatible(-1, "arm,pl011") + dt_node_by_phandle(1) + dt_path_offset("/soc/deep/a/b/c");
	return sum;
}
