/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dt_test.c - host tests of the device tree reader (lib/devicetree.c) on
 * real blobs, which run.sh makes at test time:
 *   dt_test basic BLOB                       dtc's build of basic.dts
 *   dt_test virt BLOB NCPUS MEM_MIB BOOTARGS INITRD_BYTES
 *                                            QEMU's own tree (-machine virt,dumpdtb=BLOB)
 *   dt_test corrupt BLOB [ROUNDS]            truncations and random damage of BLOB
 */
#include "libcflat.h"
#include "string.h"
#include "devicetree.h"
#include "host.h"
#include "exercise.h"
#include "rand.h"

extern void *dtt_read_file(const char *path, size_t *size);
extern void *dtt_alloc(size_t size);
extern void dtt_free(void *p);

static const void *blob;
static size_t blob_size;

static bool str_eq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static u64 cpu_regs[8];
static int cpu_n;

static void record_cpu(int node, u64 reg, void *data)
{
	if (cpu_n < (int)ARRAY_SIZE(cpu_regs))
		cpu_regs[cpu_n] = reg;
	cpu_n++;
}

static void check_basic(void)
{
	struct dt_reg regs[8], r;
	const char *s;
	u64 start, end;
	int node, n, c, len;
	u32 v;

	report_prefix_push("basic");
	report(dt_init(blob, blob_size) == 0, "dt_init");
	n = dt_get_memory_params(regs, ARRAY_SIZE(regs));
	report(n == 3 && regs[0].addr == 0x40000000 && regs[0].size == 0x10000000 && regs[1].addr == 0x60000000 &&
	       regs[1].size == 0x1000000 && regs[2].addr == 0x90000000,
	       "memory: 3 ranges, the disabled node left out (%d)", n);
	report(!dt_get_memreserve(0, &r) && r.addr == 0x48000000 && r.size == 0x100000 &&
	       dt_get_memreserve(1, &r) == DT_ERR_NOTFOUND, "memreserve");
	cpu_n = 0;
	n = dt_for_each_cpu_node(record_cpu, NULL);
	report(n == 2 && cpu_n == 2 && cpu_regs[0] == 0 && cpu_regs[1] == 0x100,
	       "cpus: 2-cell ids, disabled and non-cpu nodes left out");
	report(!dt_get_bootargs(&s) && str_eq(s, "x=1 y"), "bootargs");
	report(!dt_get_initrd(&start, &end) && start == 0x44000000 && end == 0x44000100, "32-bit initrd cells");
	node = dt_get_stdout_node();
	report(node >= 0 && str_eq(dt_node_name(node), "uart@1000"), "stdout-path through an alias, options dropped");
	report(!dt_get_reg(node, 0, &r) && r.addr == 0x1000 && r.size == 0x100, "reg with 1-cell address and size");
	report(dt_get_reg(node, 1, &r) == DT_ERR_NOTFOUND, "reg index past the end");
	report(dt_node_is_compatible(node, "arm,pl011") && dt_node_is_compatible(node, "vendor,uart") &&
	       !dt_node_is_compatible(node, "arm"), "compatible string list");
	report(dt_find_compatible(-1, "arm,pl011") == node, "dt_find_compatible");
	report(!dt_get_psci_method(&s) && str_eq(s, "smc"), "PSCI found by compatible");
	report(!dt_getprop_u32(node, "interrupt-parent", &v) && dt_node_by_phandle(v) == dt_path_offset("/soc/intc"),
	       "phandle");
	report(dt_path_offset("/soc/uart") == node && dt_path_offset("//soc//uart@1000/") == node,
	       "path without unit address, extra slashes");
	report(dt_path_offset("/soc/uart@2000") == DT_ERR_NOTFOUND && dt_path_offset("soc") == DT_ERR_NOTFOUND &&
	       dt_path_offset("/nope/x") == DT_ERR_NOTFOUND, "paths that do not exist");
	node = dt_path_offset("/soc/deep/a/b/c");
	report(node >= 0 && dt_parent(node) == dt_path_offset("/soc/deep/a/b") &&
	       dt_first_subnode(node) == DT_ERR_NOTFOUND, "nesting, dt_parent, no children");
	report(dt_getprop(node, "leaf", &len) && len == 0, "empty property");
	report(!dt_getprop_string(dt_path_offset("/soc/uart"), "not-a-string") &&
	       dt_getprop(dt_path_offset("/soc/uart"), "nope", &len) == NULL && len == DT_ERR_NOTFOUND,
	       "not a string, missing property");
	n = 0;
	dt_for_each_subnode(c, dt_path_offset("/cpus"))
		n++;
	report(n == 4, "dt_for_each_subnode over /cpus: %d", n);
	report(dt_address_cells(dt_path_offset("/cpus")) == 2 && dt_size_cells(dt_path_offset("/cpus")) == 0 &&
	       dt_address_cells(dt_path_offset("/chosen")) == 2 && dt_size_cells(dt_path_offset("/chosen")) == 1,
	       "#address-cells/#size-cells and their defaults");
	report_prefix_pop();
}

/* What setup.c does at boot: a compact copy of the tree, which must say the same. */
static void check_compact(void)
{
	u8 *copy = dtt_alloc(blob_size);
	u32 size = dt_copy_compact(copy);
	const char *s;
	int n;

	n = dt_init(copy, size);
	report(n == 0 && size < blob_size && size >= FDT_HEADER_SIZE, "compact copy: %u of %zu bytes", size, blob_size);
	n = dt_get_bootargs(&s);
	report(n == 0 && dt_for_each_cpu_node(NULL, NULL) == cpu_n && s, "the copy gives the same answers");
	dt_init(blob, blob_size);
	dtt_free(copy);
}

static void check_virt(int ncpus, long mem_mib, const char *bootargs, long initrd_bytes)
{
	struct dt_reg regs[4], r;
	const char *s;
	u64 start, end;
	int node, n, i;
	bool ids = true;

	report_prefix_push("virt");
	n = dt_init(blob, blob_size);
	report(n == 0, "dt_init (%u bytes)", dt_total_size());
	n = dt_get_memory_params(regs, ARRAY_SIZE(regs));
	report(n == 1 && regs[0].addr == 0x40000000 && regs[0].size == (u64)mem_mib << 20, "memory: %ld MiB at 1 GiB",
	       mem_mib);
	cpu_n = 0;
	n = dt_for_each_cpu_node(record_cpu, NULL);
	for (i = 0; i < ncpus && i < (int)ARRAY_SIZE(cpu_regs); i++)
		ids &= cpu_regs[i] == (u64)i;
	report(n == ncpus && ids, "%d CPUs with MPIDRs 0..%d", n, ncpus - 1);
	n = dt_get_bootargs(&s);
	report(!n && str_eq(s, bootargs), "bootargs '%s'", s ? s : "(none)");
	report(!dt_get_initrd(&start, &end) && end - start == (u64)initrd_bytes, "initrd of %ld bytes", initrd_bytes);
	node = dt_get_stdout_node();
	report(node >= 0 && dt_node_is_compatible(node, "arm,pl011") && !dt_get_reg(node, 0, &r) &&
	       r.addr == 0x09000000 && r.size == 0x1000, "stdout is the PL011 at 0x09000000");
	report(!dt_get_psci_method(&s) && str_eq(s, "hvc"), "PSCI method hvc");
	report(dt_get_memreserve(0, &r) == DT_ERR_NOTFOUND, "no memreserve entries");
	report(dt_parent(dt_path_offset("/cpus/cpu@0")) == dt_path_offset("/cpus"), "dt_parent of a CPU");
	check_compact();
	report_prefix_pop();
}

static u64 rng_state;

static u64 rnd(void)
{
	return xorshift64(&rng_state);
}

static void put_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* A copy of exactly size bytes, so a read past it is caught by the sanitizer. */
static int run_on(const u8 *data, size_t size)
{
	u8 *copy = dtt_alloc(size);
	int ret;

	memcpy(copy, data, size);
	ret = dt_init(copy, size);
	if (!ret)
		dt_exercise();
	dt_init(NULL, 0);
	dtt_free(copy);
	return ret;
}

static void check_corrupt(long rounds)
{
	u8 *buf = dtt_alloc(blob_size);
	u64 seed = host_seed();
	long i, parsed = 0;
	size_t len;
	bool all_refused = true;

	report_prefix_push("corrupt");
	report(run_on(blob, blob_size) == 0, "the intact blob parses");
	for (len = 0; len < blob_size && len < 4096; len++)
		all_refused &= run_on(blob, len) != 0;
	report(all_refused, "every truncation of the first %zu bytes is refused", MIN(blob_size, (size_t)4096));

	/* Header fields pointing anywhere: refused, or read safely. */
	for (i = 1; i < 10; i++) {
		static const u32 values[] = { 0, 1, 3, 4, 39, 40, 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff };
		unsigned int k;

		for (k = 0; k < ARRAY_SIZE(values); k++) {
			memcpy(buf, blob, blob_size);
			put_be32(buf + 4 * i, values[k]);
			run_on(buf, blob_size);
		}
	}
	report(true, "header fields set to edge values: no bad read");

	rng_state = seed | 1;
	for (i = 0; i < rounds; i++) {
		int flips = 1 + rnd() % 8, f;

		memcpy(buf, blob, blob_size);
		for (f = 0; f < flips; f++) {
			size_t at = rnd() % blob_size;

			/* Half the damage goes to the structure's tokens and lengths, where it hurts. */
			if (rnd() & 1)
				buf[at & ~3UL] ^= 1 << (rnd() % 8);
			else
				buf[at] = rnd();
		}
		parsed += run_on(buf, blob_size) == 0;
	}
	report(true, "%ld randomly damaged blobs (seed %#lx, %ld parsed): no bad read", rounds, seed, parsed);
	dtt_free(buf);
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		printf("usage: dt_test basic|virt|corrupt BLOB [ARGS...]\n");
		return 2;
	}
	blob = dtt_read_file(argv[2], &blob_size);
	if (!blob) {
		report_fail("cannot read %s", argv[2]);
		return report_summary();
	}
	if (!strcmp(argv[1], "basic"))
		check_basic();
	else if (!strcmp(argv[1], "virt") && argc == 7)
		check_virt(atol(argv[3]), atol(argv[4]), argv[5], atol(argv[6]));
	else if (!strcmp(argv[1], "corrupt"))
		check_corrupt(argc > 3 ? atol(argv[3]) : 20000);
	else
		report_abort("bad arguments for mode '%s'", argv[1]);
	return report_summary();
}
