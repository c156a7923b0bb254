/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sbi.c - the Supervisor Binary Interface as the RISC-V SBI specification
 * defines it, checked from S-mode; one sub-test per word of argv (all when
 * none is given):
 *   base   spec version, implementation id and version, probe_extension (present and absent), machine ids,
 *          an unknown function
 *   time   set_timer: STIP stays clear before the deadline, is set after it, is cleared by a far deadline,
 *          and the timer interrupt is delivered no earlier than asked
 *   ipi    send_ipi to another hart raises its supervisor software interrupt; an invalid hart mask is refused
 *   hsm    hart_get_status of each hart; hart_start's errors and the state a started hart enters with;
 *          hart_stop; retentive and non-retentive default suspend, woken by an IPI; a reserved suspend type
 *   srst   system_reset refuses a reserved reset type and a reserved reason (a wrong answer resets the VM)
 *   dbcn   console_write_byte, console_write and an empty console_read
 * An extension the firmware lacks is a SKIP naming it. Catches a hypervisor's or firmware's SBI that
 * returns wrong errors, starts a hart in the wrong state, loses a wake-up or delivers the timer early.
 */
#include "libcflat.h"
#include "alloc.h"
#include "string.h"
#include "asm/barrier.h"
#include "asm/csr.h"
#include "asm/page.h"
#include "asm/processor.h"
#include "asm/sbi.h"
#include "asm/setup.h"
#include "asm/smp.h"

/* A hart id no platform QEMU or KVM models has. */
#define BAD_HARTID		0xbadc0deUL

static long impl_id, impl_version;

static const char *impl_name(long id)
{
	static const char *const names[] = {
		"Berkeley Boot Loader", "OpenSBI", "Xvisor", "KVM", "RustSBI", "Diosix", "Coffer", "Xen Project",
		"PolarFire Hart Software Services",
	};

	return id >= 0 && id < (long)ARRAY_SIZE(names) ? names[id] : "unknown";
}

/* Ticks of the time CSR in ms milliseconds. */
static u64 ms_ticks(unsigned long ms)
{
	return timebase_frequency * ms / 1000;
}

/* Wait until *p == val, at most ms milliseconds; whether it happened. */
static bool wait_for(volatile int *p, int val, unsigned long ms)
{
	u64 end = rdtime() + ms_ticks(ms);

	while (*p != val && rdtime() < end)
		cpu_relax();
	return *p == val;
}

/* Wait until hart's HSM state is state, at most ms milliseconds; the last state seen (or error). */
static long wait_for_state(unsigned long hartid, long state, unsigned long ms)
{
	u64 end = rdtime() + ms_ticks(ms);
	struct sbiret ret;

	do {
		ret = sbi_hart_get_status(hartid);
		if (ret.error)
			return ret.error;
		if (ret.value == state)
			return state;
		cpu_relax();
	} while (rdtime() < end);
	return ret.value;
}

static bool need_ext(unsigned long ext, const char *name)
{
	if (sbi_probe(ext))
		return true;
	report_skip("%s extension: not provided by the firmware (%s %ld.%ld)", name, impl_name(impl_id),
		    impl_version >> 16, impl_version & 0xffff);
	return false;
}

static void check_base(void)
{
	struct sbiret ret;
	long major, minor;

	report_prefix_push("base");
	ret = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_SPEC_VERSION, 0, 0, 0, 0, 0, 0);
	major = SBI_SPEC_MAJOR(ret.value);
	minor = SBI_SPEC_MINOR(ret.value);
	/* The base extension itself is v0.2 or later; bit 31 is reserved, 0. */
	report(!ret.error && !(ret.value & (1UL << 31)) && (major > 0 || minor >= 2), "spec version %ld.%ld (%s)",
	       major, minor, sbi_strerror(ret.error));
	ret = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_IMP_ID, 0, 0, 0, 0, 0, 0);
	impl_id = ret.value;
	report(!ret.error, "implementation id %ld: %s", impl_id, impl_name(impl_id));
	ret = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_IMP_VERSION, 0, 0, 0, 0, 0, 0);
	impl_version = ret.value;
	report(!ret.error, "implementation version %#lx", impl_version);

	ret = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_PROBE_EXT, SBI_EXT_BASE, 0, 0, 0, 0, 0);
	report(!ret.error && ret.value, "probe_extension(base): %ld (the base extension is always there)", ret.value);
	/* "NOPE": an id in no range the spec allocates to an extension. */
	ret = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_PROBE_EXT, 0x4e4f5045, 0, 0, 0, 0, 0);
	report(!ret.error && !ret.value, "probe_extension(absent): %ld, %s", ret.value, sbi_strerror(ret.error));
	ret = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_MVENDORID, 0, 0, 0, 0, 0, 0);
	report(!ret.error, "mvendorid %#lx", ret.value);
	ret = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_MARCHID, 0, 0, 0, 0, 0, 0);
	report(!ret.error, "marchid %#lx", ret.value);
	ret = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_MIMPID, 0, 0, 0, 0, 0, 0);
	report(!ret.error, "mimpid %#lx", ret.value);
	ret = sbi_ecall(SBI_EXT_BASE, 0x1000, 0, 0, 0, 0, 0, 0);
	report(ret.error == SBI_ERR_NOT_SUPPORTED, "unknown base function: %s", sbi_strerror(ret.error));
	report_info("extensions: TIME %d, IPI %d, HSM %d, SRST %d, DBCN %d", sbi_probe(SBI_EXT_TIME),
		    sbi_probe(SBI_EXT_IPI), sbi_probe(SBI_EXT_HSM), sbi_probe(SBI_EXT_SRST), sbi_probe(SBI_EXT_DBCN));
	report_prefix_pop();
}

static volatile int timer_fired;
static volatile u64 timer_fired_at;

static void timer_handler(struct pt_regs *regs)
{
	timer_fired_at = rdtime();
	timer_fired++;
	/* A deadline infinitely far away: the spec's way to clear the interrupt. */
	sbi_set_timer(~0ULL);
}

static void check_time(void)
{
	u64 deadline, end;

	report_prefix_push("time");
	if (!need_ext(SBI_EXT_TIME, "TIME")) {
		report_prefix_pop();
		return;
	}
	csr_clear(CSR_SIE, SIE_STIE);
	deadline = rdtime() + ms_ticks(1000);
	sbi_ecall(SBI_EXT_TIME, SBI_EXT_TIME_SET_TIMER, deadline, 0, 0, 0, 0, 0);
	report(!(csr_read(CSR_SIP) & SIE_STIP) || rdtime() >= deadline, "STIP clear before a deadline 1 s away");

	deadline = rdtime() + ms_ticks(10);
	sbi_ecall(SBI_EXT_TIME, SBI_EXT_TIME_SET_TIMER, deadline, 0, 0, 0, 0, 0);
	end = deadline + ms_ticks(1000);
	while (!(csr_read(CSR_SIP) & SIE_STIP) && rdtime() < end)
		cpu_relax();
	report((csr_read(CSR_SIP) & SIE_STIP) && rdtime() >= deadline, "STIP set once the deadline passed (sip %#lx)",
	       csr_read(CSR_SIP));
	sbi_ecall(SBI_EXT_TIME, SBI_EXT_TIME_SET_TIMER, ~0UL, 0, 0, 0, 0, 0);
	report(!(csr_read(CSR_SIP) & SIE_STIP), "a deadline of (u64)-1 clears STIP (sip %#lx)", csr_read(CSR_SIP));

	install_irq_handler(IRQ_S_TIMER, timer_handler);
	timer_fired = 0;
	deadline = rdtime() + ms_ticks(10);
	csr_set(CSR_SIE, SIE_STIE);
	local_irq_enable();
	sbi_ecall(SBI_EXT_TIME, SBI_EXT_TIME_SET_TIMER, deadline, 0, 0, 0, 0, 0);
	end = deadline + ms_ticks(1000);
	while (!timer_fired && rdtime() < end)
		wfi();
	local_irq_disable();
	csr_clear(CSR_SIE, SIE_STIE);
	install_irq_handler(IRQ_S_TIMER, NULL);
	report(timer_fired == 1, "timer interrupt delivered once (%d)", timer_fired);
	report(timer_fired && timer_fired_at >= deadline, "not before its deadline (%ld ticks after)",
	       (long)(timer_fired_at - deadline));
	report_prefix_pop();
}

/* What a hart started by the hsm and ipi sub-tests does, and where it is. */
static volatile int stage;
static volatile long hart_ret;
static volatile int ipis;

static void ipi_handler(struct pt_regs *regs)
{
	csr_clear(CSR_SIP, SIE_SSIE);
	ipis++;
}

/* Take a supervisor software interrupt, then return (and be stopped). */
static void wait_ipi(void *data)
{
	install_irq_handler(IRQ_S_SOFT, ipi_handler);
	csr_set(CSR_SIE, SIE_SSIE);
	local_irq_enable();
	stage = 1;
	while (!ipis)
		wfi();
	local_irq_disable();
	stage = 2;
}

static struct secondary_boot *start_cpu(int cpu, void (*fn)(void *data), long *err)
{
	struct secondary_boot *b = malloc(sizeof(*b));

	assert(b);
	secondary_boot_init(b, cpu, fn, NULL);
	*err = sbi_hart_start(cpus[cpu], virt_to_phys(secondary_entry), virt_to_phys(b)).error;
	return b;
}

/* Another CPU than this one, or -1 (with a SKIP) when there is none. */
static int other_cpu(const char *what)
{
	if (nr_cpus >= 2)
		return smp_processor_id() == 0 ? 1 : 0;
	report_skip("%s: needs a second hart (smp >= 2)", what);
	return -1;
}

static void check_ipi(void)
{
	int cpu;
	long err;
	struct sbiret ret;

	report_prefix_push("ipi");
	if (!need_ext(SBI_EXT_IPI, "IPI") || !need_ext(SBI_EXT_HSM, "HSM") || (cpu = other_cpu("IPI")) < 0) {
		report_prefix_pop();
		return;
	}
	stage = 0;
	ipis = 0;
	start_cpu(cpu, wait_ipi, &err);
	assert_msg(!err && wait_for(&stage, 1, 5000), "ipi: hart %lu did not start (%s)", cpus[cpu], sbi_strerror(err));
	ret = sbi_send_ipi(1, cpus[cpu]);
	report(!ret.error, "send_ipi to hart %lu: %s", cpus[cpu], sbi_strerror(ret.error));
	report(wait_for(&stage, 2, 5000) && ipis == 1, "hart %lu took one supervisor software interrupt (%d)",
	       cpus[cpu], ipis);
	wait_for_state(cpus[cpu], SBI_HSM_STATE_STOPPED, 5000);

	/* The spec (v1.0 on): a hart id built from hart_mask_base and hart_mask that is not valid is an error. */
	ret = sbi_send_ipi(1, BAD_HARTID);
	report(ret.error == SBI_ERR_INVALID_PARAM, "send_ipi to hart %#lx (none): %s", BAD_HARTID,
	       sbi_strerror(ret.error));
	report_prefix_pop();
}

static struct secondary_boot *resume_boot;

/* Hold until the boot hart says go (stage 2). */
static void started(void *data)
{
	stage = 1;
	while (stage != 2)
		cpu_relax();
}

static void suspend_retentive(void *data)
{
	struct sbiret ret;

	ret = sbi_ecall(SBI_EXT_HSM, SBI_EXT_HSM_HART_SUSPEND, 1, 0, 0, 0, 0, 0);
	hart_ret = ret.error;
	stage = 1;
	while (stage != 2)
		cpu_relax();
	/* Woken by an interrupt that is enabled in sie, taken or not (sstatus.SIE stays clear). */
	csr_set(CSR_SIE, SIE_SSIE);
	stage = 3;
	ret = sbi_ecall(SBI_EXT_HSM, SBI_EXT_HSM_HART_SUSPEND, SBI_HSM_SUSPEND_RET_DEFAULT, 0, 0, 0, 0, 0);
	hart_ret = ret.error;
	csr_clear(CSR_SIP, SIE_SSIE);
	csr_clear(CSR_SIE, SIE_SSIE);
	stage = 4;
}

static void resumed(void *data)
{
	stage = 6;
}

static void suspend_non_retentive(void *data)
{
	struct sbiret ret;

	stage = 5;
	ret = sbi_ecall(SBI_EXT_HSM, SBI_EXT_HSM_HART_SUSPEND, SBI_HSM_SUSPEND_NON_RET_DEFAULT,
			virt_to_phys(secondary_entry), virt_to_phys(resume_boot), 0, 0, 0);
	/* Back here: the suspend failed. */
	hart_ret = ret.error;
	stage = 7;
}

static const char *state_name(long s)
{
	static const char *const names[] = {
		"STARTED", "STOPPED", "START_PENDING", "STOP_PENDING", "SUSPENDED", "SUSPEND_PENDING", "RESUME_PENDING",
	};

	return s >= 0 && s < (long)ARRAY_SIZE(names) ? names[s] : sbi_strerror(s);
}

static void check_hsm(void)
{
	struct secondary_boot *b;
	struct sbiret ret;
	int cpu, i, me = smp_processor_id();
	long err, st;

	report_prefix_push("hsm");
	if (!need_ext(SBI_EXT_HSM, "HSM")) {
		report_prefix_pop();
		return;
	}
	for (i = 0; i < nr_cpus; i++) {
		ret = sbi_hart_get_status(cpus[i]);
		st = ret.error ? ret.error : ret.value;
		report(st == (i == me ? SBI_HSM_STATE_STARTED : SBI_HSM_STATE_STOPPED), "hart %lu (%s): %s", cpus[i],
		       i == me ? "running this test" : "not running", state_name(st));
	}
	ret = sbi_hart_get_status(BAD_HARTID);
	report(ret.error == SBI_ERR_INVALID_PARAM, "hart_get_status(no such hart): %s", sbi_strerror(ret.error));
	ret = sbi_hart_start(cpus[me], virt_to_phys(secondary_entry), 0);
	report(ret.error == SBI_ERR_ALREADY_AVAILABLE, "hart_start(this hart): %s", sbi_strerror(ret.error));
	ret = sbi_hart_start(BAD_HARTID, virt_to_phys(secondary_entry), 0);
	report(ret.error == SBI_ERR_INVALID_PARAM, "hart_start(no such hart): %s", sbi_strerror(ret.error));
	cpu = other_cpu("hart_start, hart_stop, hart_suspend");
	if (cpu < 0) {
		report_prefix_pop();
		return;
	}

	stage = 0;
	b = start_cpu(cpu, started, &err);
	report(!err && wait_for(&stage, 1, 5000), "hart_start(hart %lu): %s, it runs", cpus[cpu], sbi_strerror(err));
	report(b->entry_a0 == cpus[cpu], "entered with a0 = its hart id (%lu)", b->entry_a0);
	report(b->entry_satp == 0 && !(b->entry_sstatus & SSTATUS_SIE),
	       "entered with satp 0 (%#lx), sstatus.SIE 0 (%#lx)", b->entry_satp, b->entry_sstatus);
	st = wait_for_state(cpus[cpu], SBI_HSM_STATE_STARTED, 5000);
	report(st == SBI_HSM_STATE_STARTED, "hart_get_status: %s", state_name(st));
	ret = sbi_hart_start(cpus[cpu], virt_to_phys(secondary_entry), 0);
	report(ret.error == SBI_ERR_ALREADY_AVAILABLE, "hart_start(a started hart): %s", sbi_strerror(ret.error));
	stage = 2;
	st = wait_for_state(cpus[cpu], SBI_HSM_STATE_STOPPED, 5000);
	report(st == SBI_HSM_STATE_STOPPED, "hart_stop: %s", state_name(st));

	stage = 0;
	start_cpu(cpu, suspend_retentive, &err);
	assert_msg(!err && wait_for(&stage, 1, 5000), "hsm: hart %lu did not start again (%s)", cpus[cpu],
		   sbi_strerror(err));
	report(hart_ret == SBI_ERR_INVALID_PARAM, "hart_suspend(reserved type 1): %s", sbi_strerror(hart_ret));
	stage = 2;
	st = wait_for_state(cpus[cpu], SBI_HSM_STATE_SUSPENDED, 5000);
	report(stage == 3 && st == SBI_HSM_STATE_SUSPENDED, "retentive suspend: %s", state_name(st));
	sbi_send_ipi(1, cpus[cpu]);
	report(wait_for(&stage, 4, 5000) && hart_ret == SBI_SUCCESS, "woken by an IPI, suspend returned %s",
	       sbi_strerror(hart_ret));
	wait_for_state(cpus[cpu], SBI_HSM_STATE_STOPPED, 5000);

	resume_boot = malloc(sizeof(*resume_boot));
	assert(resume_boot);
	secondary_boot_init(resume_boot, cpu, resumed, NULL);
	stage = 0;
	start_cpu(cpu, suspend_non_retentive, &err);
	assert_msg(!err && wait_for(&stage, 5, 5000), "hsm: hart %lu did not start again (%s)", cpus[cpu],
		   sbi_strerror(err));
	st = wait_for_state(cpus[cpu], SBI_HSM_STATE_SUSPENDED, 5000);
	report(st == SBI_HSM_STATE_SUSPENDED, "non-retentive suspend: %s", state_name(st));
	sbi_send_ipi(1, cpus[cpu]);
	report(wait_for(&stage, 6, 5000), "woken by an IPI at the resume address (stage %d, %s)", stage,
	       stage == 7 ? sbi_strerror(hart_ret) : "no error");
	report(resume_boot->entry_a0 == cpus[cpu] && resume_boot->entry_satp == 0,
	       "resumed with a0 = its hart id (%lu), satp 0 (%#lx)", resume_boot->entry_a0, resume_boot->entry_satp);
	wait_for_state(cpus[cpu], SBI_HSM_STATE_STOPPED, 5000);
	report_prefix_pop();
}

static void check_srst(void)
{
	struct sbiret ret;

	report_prefix_push("srst");
	if (!need_ext(SBI_EXT_SRST, "SRST")) {
		report_prefix_pop();
		return;
	}
	/* Each would reset the machine if accepted: the run then ends without a status, a failure too. */
	ret = sbi_ecall(SBI_EXT_SRST, SBI_EXT_SRST_RESET, 3, SBI_SRST_REASON_NONE, 0, 0, 0, 0);
	report(ret.error == SBI_ERR_INVALID_PARAM, "reset type 3 (reserved): %s", sbi_strerror(ret.error));
	ret = sbi_ecall(SBI_EXT_SRST, SBI_EXT_SRST_RESET, SBI_SRST_TYPE_SHUTDOWN, 2, 0, 0, 0, 0);
	report(ret.error == SBI_ERR_INVALID_PARAM, "reset reason 2 (reserved): %s", sbi_strerror(ret.error));
	ret = sbi_ecall(SBI_EXT_SRST, 1, 0, 0, 0, 0, 0, 0);
	report(ret.error == SBI_ERR_NOT_SUPPORTED, "unknown SRST function: %s", sbi_strerror(ret.error));
	report_prefix_pop();
}

static void check_dbcn(void)
{
	static const char msg[] = "DBCN: console_write\n";
	struct sbiret ret;

	report_prefix_push("dbcn");
	if (!need_ext(SBI_EXT_DBCN, "DBCN (debug console)")) {
		report_prefix_pop();
		return;
	}
	ret = sbi_ecall(SBI_EXT_DBCN, SBI_EXT_DBCN_CONSOLE_WRITE_BYTE, '\n', 0, 0, 0, 0, 0);
	report(!ret.error, "console_write_byte: %s", sbi_strerror(ret.error));
	ret = sbi_ecall(SBI_EXT_DBCN, SBI_EXT_DBCN_CONSOLE_WRITE, sizeof(msg) - 1, virt_to_phys(msg), 0, 0, 0, 0);
	report(!ret.error && ret.value > 0 && ret.value <= (long)sizeof(msg) - 1, "console_write: %ld of %zu bytes, %s",
	       ret.value, sizeof(msg) - 1, sbi_strerror(ret.error));
	ret = sbi_ecall(SBI_EXT_DBCN, SBI_EXT_DBCN_CONSOLE_READ, 0, virt_to_phys(msg), 0, 0, 0, 0);
	report(!ret.error && ret.value == 0, "console_read of 0 bytes: %ld, %s", ret.value, sbi_strerror(ret.error));
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} subtests[] = {
		{ "base", check_base }, { "time", check_time }, { "ipi", check_ipi }, { "hsm", check_hsm },
		{ "srst", check_srst }, { "dbcn", check_dbcn },
	};
	unsigned int i, j;

	/* The implementation is named in SKIPs and decides KFAILs: base first, quietly if not asked for. */
	impl_id = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_IMP_ID, 0, 0, 0, 0, 0, 0).value;
	impl_version = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_IMP_VERSION, 0, 0, 0, 0, 0, 0).value;
	report_prefix_push("sbi");
	for (i = 0; i < ARRAY_SIZE(subtests); i++) {
		bool run = argc < 2;

		for (j = 1; j < (unsigned int)argc; j++)
			run |= !strcmp(argv[j], subtests[i].name);
		if (run)
			subtests[i].fn();
	}
	for (j = 1; j < (unsigned int)argc; j++) {
		for (i = 0; i < ARRAY_SIZE(subtests) && strcmp(argv[j], subtests[i].name); i++)
			;
		if (i == ARRAY_SIZE(subtests))
			report_abort("unknown sub-test '%s' (base, time, ipi, hsm, srst, dbcn)", argv[j]);
	}
	return report_summary();
}
