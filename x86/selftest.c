/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * selftest.c - checks what every x86 test relies on: argv and environ,
 * memory size and CPU count against what QEMU was given, printf, the
 * exception API, setjmp/longjmp, the heap, and the ACPI tables the firmware
 * installs (RSDP, RSDT, MADT).
 *
 * Arguments: mem=MiB and smp=N say what -m and -smp were (checked when
 * given). One of these words instead makes the image misbehave on
 * purpose, so that the framework's own tests can check how a failure is
 * reported: "ud2" (an exception nobody handles), "hang" (spin forever),
 * "assert" (a failed assert), "exit=N" (exit with N), "triple-fault",
 * "printf-fault" (a page fault inside printf, with its lock held),
 * "stack-overflow" (endless recursion into the boot stack's guard page),
 * "panic" (report a guest panic through QEMU's pvpanic device, which then
 * stops the VM: the run needs -device pvpanic).
 */
#include "libcflat.h"
#include "alloc.h"
#include "argv.h"
#include "asm/io.h"
#include "asm/page.h"
#include "desc.h"
#include "fwcfg.h"
#include "memregions.h"
#include "processor.h"
#include "setjmp.h"
#include "smp.h"
#include "stdlib.h"
#include "string.h"
#include "config.h"

#define ALT_STACK_VECTOR	0x90

static bool has_arg(int argc, char **argv, const char *word)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], word))
			return true;
	}
	return false;
}

static void check_args(int argc, char **argv)
{
	const char *slash;
	int i;

	report_prefix_push("argv");
	slash = strrchr(argv[0], '/');
	report(!strcmp(slash ? slash + 1 : argv[0], "selftest.flat"), "argv[0] is the image: %s", argv[0]);
	report(argv[argc] == NULL, "argv[argc] is NULL");
	for (i = 1; i < argc; i++) {
		if (!strchr(argv[i], ' ') && argv[i][0])
			continue;
		report_fail("argv[%d] \"%s\" was not split at white space", i, argv[i]);
	}
	if (argc > 1)
		report(strstr(__args, argv[argc - 1]) != NULL, "__args holds the whole command line: \"%s\"", __args);
	else
		report(!__args[0], "no -append: __args is empty");
	report_prefix_pop();
}

static void check_environ(void)
{
	int n = 0, bad = 0;
	char **e;

	report_prefix_push("environ");
	for (e = __environ; e && *e; e++, n++) {
		char key[64];
		const char *eq = strchr(*e, '=');
		size_t klen = eq ? (size_t)(eq - *e) : 0;

		if (!eq || klen >= sizeof(key)) {
			bad++;
			continue;
		}
		memcpy(key, *e, klen);
		key[klen] = '\0';
		if (getenv(key) != eq + 1 && strcmp(getenv(key), eq + 1))
			bad++;
	}
	report(bad == 0, "getenv agrees with all %d environ entries", n);
	report(getenv("NO_SUCH_VARIABLE_HERE") == NULL, "getenv of an unset name is NULL");
	if (CONFIG_DEFAULT_ENVIRON && getenv("QEMU_ACCEL")) {
		const char *accel = getenv("QEMU_ACCEL");

		report(!strncmp(accel, "tcg", 3) || !strncmp(accel, "kvm", 3), "QEMU_ACCEL is tcg or kvm: %s", accel);
	} else {
		report_skip("no default environ (configured off, or not run through x86/run or run_tests.sh)");
	}
	report_prefix_pop();
}

static void check_memory(const char *mem)
{
	u64 want, ram = mem_ram_size(), fw = fwcfg_get_u64(FW_CFG_RAM_SIZE);

	report_prefix_push("memory");
	if (!mem) {
		report_skip("no mem= argument");
		report_prefix_pop();
		return;
	}
	want = strtoull(mem, NULL, 0) << 20;
	if (!fwcfg_present())
		report_skip("no fw_cfg device (QEMU's; absent on Bochs): its RAM size not compared");
	else
		report(fw == want, "fw_cfg RAM size %" PRIu64 " MiB is -m %s", fw >> 20, mem);
	/* The firmware keeps the first MiB's holes and a little at the top; nothing more goes missing. */
	report(ram <= want && ram >= want - SZ_1M - SZ_256 * 1024,
	       "multiboot map: %" PRIu64 " KiB of RAM for -m %s", ram >> 10, mem);
	report_prefix_pop();
}

/*
 * The boot code does not clear BSS: the multiboot loader zero-fills the ELF
 * segment that holds it. A page of BSS nothing writes must read as zero.
 */
static u8 untouched_bss[PAGE_SIZE];

static void check_bss(void)
{
	size_t i;

	for (i = 0; i < sizeof(untouched_bss) && !untouched_bss[i]; i++)
		;
	report(i == sizeof(untouched_bss), "BSS is zero at entry (first nonzero byte at %zu of %zu)",
	       i, sizeof(untouched_bss));
}

/* A table of the firmware whose bytes, summed, must give 0. */
static bool checksum_ok(const u8 *p, size_t len)
{
	u8 sum = 0;

	while (len--)
		sum += *p++;
	return sum == 0;
}

/*
 * The ACPI tables QEMU builds reach the guest through the firmware (qboot
 * and SeaBIOS both install them): the RSDP in the BIOS area, the RSDT it
 * points to, and the MADT listing the CPUs, which SMP and APIC tests read.
 */
static void check_acpi(void)
{
	const u8 *rsdp = NULL, *rsdt, *madt = NULL;
	u32 i, n;

	report_prefix_push("acpi");
	for (i = 0xe0000; i < 0x100000; i += 16) {
		if (!memcmp(phys_to_virt(i), "RSD PTR ", 8) && checksum_ok(phys_to_virt(i), 20)) {
			rsdp = phys_to_virt(i);
			break;
		}
	}
	if (!report(rsdp != NULL, "RSDP with a valid checksum in the BIOS area")) {
		report_prefix_pop();
		return;
	}
	rsdt = phys_to_virt(*(const u32 *)(rsdp + 16));
	report(!memcmp(rsdt, "RSDT", 4) && checksum_ok(rsdt, *(const u32 *)(rsdt + 4)), "RSDT at %p is valid", rsdt);
	n = (*(const u32 *)(rsdt + 4) - 36) / 4;
	for (i = 0; i < n && !madt; i++) {
		const u8 *t = phys_to_virt(((const u32 *)(rsdt + 36))[i]);

		if (!memcmp(t, "APIC", 4))
			madt = t;
	}
	report(madt && checksum_ok(madt, *(const u32 *)(madt + 4)), "the RSDT lists a valid MADT");
	report_prefix_pop();
}

static void check_smp(const char *smp)
{
	report_prefix_push("smp");
	if (smp && !fwcfg_present())
		report_skip("no fw_cfg device (QEMU's; absent on Bochs): one CPU is started");
	else if (smp)
		report(cpu_count() == atol(smp), "fw_cfg CPU count %d is -smp %s", cpu_count(), smp);
	else
		report_skip("no smp= argument");
	report_prefix_pop();
}

static void check_printf(void)
{
	char buf[64];
	int n;

	report_prefix_push("printf");
	n = snprintf(buf, sizeof(buf), "%d %5s|%-4x|%#o %p", -42, "ab", 0xbe, 8, (void *)0x1000);
	report(n == 25 && !strcmp(buf, "-42    ab|be  |010 0x1000"), "snprintf: \"%s\" (%d)", buf, n);
	n = snprintf(buf, 4, "%s", "truncated");
	report(n == 9 && !strcmp(buf, "tru"), "snprintf truncates and returns the full length");
	n = printf("INFO: printf returns its length\n");
	report(n == 32, "printf returned %d", n);
	report_prefix_pop();
}

static volatile int handled_vector = -1;

static void skip_handler(struct ex_regs *regs)
{
	handled_vector = regs->vector;
	regs->rip += regs->vector == UD_VECTOR ? 2 : 0;
}

static jmp_buf fault_jmp;

static void longjmp_handler(struct ex_regs *regs)
{
	handled_vector = regs->vector;
	longjmp(fault_jmp, 1 + regs->vector);
}

static ulong handler_stack, interrupted_stack;

static void note_stack(struct ex_regs *regs)
{
	int here;

	handler_stack = (ulong)&here;
	interrupted_stack = regs->rsp;
}

/* IST 2 (setup_alt_stack): the handler runs on another stack than the code it interrupted. */
static void check_alt_stack(void)
{
	ulong distance;

	handle_exception(ALT_STACK_VECTOR, note_stack);
	setup_alt_stack();
	set_idt_ist(ALT_STACK_VECTOR, 2);
	asm volatile("int $" __stringify(ALT_STACK_VECTOR) : : : "memory");
	set_idt_ist(ALT_STACK_VECTOR, 0);
	handle_exception(ALT_STACK_VECTOR, NULL);
	distance = handler_stack > interrupted_stack ? handler_stack - interrupted_stack
						     : interrupted_stack - handler_stack;
	report(distance > PAGE_SIZE, "setup_alt_stack: a handler on IST 2 runs on its own stack (%#lx, was %#lx)",
	       handler_stack, interrupted_stack);
}

static void check_exceptions(void)
{
	volatile u64 *unmapped = (u64 *)(512ULL << 30);	/* PML4 entry 1: never mapped */
	exception_handler_t old;
	int r;

	report_prefix_push("exceptions");
	handled_vector = -1;
	old = handle_exception(UD_VECTOR, skip_handler);
	asm volatile("ud2");
	report(handled_vector == UD_VECTOR, "#UD caught and skipped");
	report(handle_exception(UD_VECTOR, old) == skip_handler, "handle_exception returns the old handler");

	handled_vector = -1;
	handle_exception(BP_VECTOR, skip_handler);
	asm volatile("int3");
	handle_exception(BP_VECTOR, NULL);
	report(handled_vector == BP_VECTOR, "#BP caught, execution goes on after int3");

	handle_exception(PF_VECTOR, longjmp_handler);
	r = setjmp(fault_jmp);
	if (!r)
		(void)*unmapped;
	handle_exception(PF_VECTOR, NULL);
	report(r == 1 + PF_VECTOR && read_cr2() == (ulong)unmapped, "#PF at %p caught, cr2=%#lx", unmapped, read_cr2());

	handle_exception(GP_VECTOR, longjmp_handler);
	r = setjmp(fault_jmp);
	if (!r)
		(void)*(volatile u64 *)0x8000000000000000ULL;	/* non-canonical */
	handle_exception(GP_VECTOR, NULL);
	report(r == 1 + GP_VECTOR, "#GP from a non-canonical address caught");
	asm volatile(ASM_TRY("1f") "ud2\n1:" : : : "memory");
	report(exception_vector() == UD_VECTOR, "ASM_TRY continues after a #UD at its site");
	asm volatile(ASM_TRY("1f") "nop\n1:" : : : "memory");
	report(exception_vector() == 0, "no fault, no vector");
	asm volatile(ASM_TRY("1f") "mov (%0), %%al\n1:" : : "r"(0x8000000000000000ULL) : "rax", "memory");
	report(exception_vector() == GP_VECTOR && exception_error_code() == 0,
	       "ASM_TRY: #GP from a non-canonical address, error code 0");
	check_alt_stack();
	report(!strcmp(exception_mnemonic(UD_VECTOR), "#UD") && !strcmp(exception_mnemonic(PF_VECTOR), "#PF"),
	       "exception names");
	report_prefix_pop();
}

static int jump_depth;
static void jump_deep(jmp_buf env, int depth);
/* Called through a pointer: the compiler cannot see that the recursion ends in longjmp. */
static void (*volatile jump_next)(jmp_buf env, int depth) = jump_deep;

static void jump_deep(jmp_buf env, int depth)
{
	jump_depth = depth;
	if (depth < 10)
		jump_next(env, depth + 1);
	longjmp(env, 0);
}

static void check_setjmp(void)
{
	volatile int count = 0;
	jmp_buf env;
	int r;

	report_prefix_push("setjmp");
	r = setjmp(env);
	if (r < 3) {
		count++;
		longjmp(env, r + 1);
	}
	report(r == 3 && count == 3, "longjmp returns its value to setjmp (r=%d, count=%d)", r, count);
	r = setjmp(env);
	if (!r)
		jump_deep(env, 0);
	report(r == 1 && jump_depth == 10, "longjmp(env, 0) from 10 frames down makes setjmp return 1");
	report_prefix_pop();
}

static void check_heap(void)
{
	u8 *p = malloc(1000), *q = malloc(3 * SZ_4K);
	void *a = memalign(SZ_64K, 100);
	bool ok = p && q;

	report_prefix_push("heap");
	if (ok) {
		memset(p, 0x5a, 1000);
		memset(q, 0xa5, 3 * SZ_4K);
		ok = p[999] == 0x5a && q[0] == 0xa5 && (p + 1000 <= q || q + 3 * SZ_4K <= p);
	}
	report(ok, "malloc gives separate writable blocks");
	report(a && IS_ALIGNED((uintptr_t)a, SZ_64K), "memalign(64 KiB) is aligned: %p", a);
	free(p);
	free(q);
	free(a);
	report_prefix_pop();
}

static unsigned long overflow(unsigned long depth);
/* Through a pointer, so that the compiler keeps every frame. */
static unsigned long (*volatile overflow_next)(unsigned long depth) = overflow;

static unsigned long overflow(unsigned long depth)
{
	volatile char frame[256];

	frame[0] = depth;
	return overflow_next(depth + 1) + frame[0];
}

/* QEMU's ISA pvpanic device: writing bit 0 to its port reports a guest panic. */
#define PVPANIC_PORT		0x505
#define PVPANIC_PANICKED	1

/* Ways to fail on purpose, for the framework's own tests (see the header comment). */
static void misbehave(int argc, char **argv)
{
	const char *code = argv_find_value(argc, argv, "exit");

	if (code)
		exit(atol(code));
	if (has_arg(argc, argv, "ud2"))
		asm volatile("ud2");
	if (has_arg(argc, argv, "assert"))
		assert_msg(argc < 0, "on purpose, with %d arguments", argc);
	if (has_arg(argc, argv, "hang")) {
		for (;;)
			cpu_relax();
	}
	if (has_arg(argc, argv, "stack-overflow"))
		overflow(0);
	if (has_arg(argc, argv, "printf-fault"))
		printf("%s\n", (const char *)(512ULL << 30));	/* never mapped */
	if (has_arg(argc, argv, "panic")) {
		outb(PVPANIC_PANICKED, PVPANIC_PORT);
		for (;;)
			cpu_relax();	/* QEMU has stopped the VM; it must end the run */
	}
	if (has_arg(argc, argv, "triple-fault")) {
		struct descriptor_table_ptr none = { 0, 0 };

		/* ud2, not int3: some KVMs cannot deliver int3 at all. */
		lidt(&none);
		asm volatile("ud2");
	}
}

int main(int argc, char **argv)
{
	misbehave(argc, argv);
	check_args(argc, argv);
	check_environ();
	check_memory(argv_find_value(argc, argv, "mem"));
	check_smp(argv_find_value(argc, argv, "smp"));
	check_bss();
	check_acpi();
	check_printf();
	check_exceptions();
	check_setjmp();
	check_heap();
	return report_summary();
}
