/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sclp.c - SERVICE CALL and the two SCLP services the framework needs:
 * read SCP info (memory size, CPUs) and the ASCII console.
 *
 * Completion: QEMU (TCG or KVM) fills the SCCB before SERVICE CALL returns,
 * but the architecture only promises it at the service-signal interruption,
 * so the caller waits for that with external interruptions enabled and
 * only the service-signal subclass open in CR0 (plus whatever the CPU had).
 */
#include "libcflat.h"
#include "string.h"
#include "asm/arch_def.h"
#include "asm/spinlock.h"
#include "interrupt.h"
#include "processor.h"
#include "sclp.h"

/* The console's SCCB: io.c's console lock serialises its writers. */
static u8 sccb_buf[SCCB_SIZE] __aligned(SCCB_SIZE);
static u8 read_info_buf[SCCB_SIZE] __aligned(SCCB_SIZE);
static struct spinlock sclp_lock;
static volatile bool sclp_busy;
/* The SCCB of the call in progress: its service signal carries this address. */
static volatile u32 sclp_sccb;

static int servc(u32 command, void *sccb)
{
	int cc;

	asm volatile("	.insn	rre,0xb2200000,%1,%2\n"	/* SERVICE CALL */
		     "	ipm	%0\n"
		     "	srl	%0,28\n"
		     : "=&d"(cc) : "d"(command), "a"(sccb) : "cc", "memory");
	return cc;
}

void sclp_handle_ext(u32 param)
{
	/* The low 3 bits are flags (an event is pending); a signal with another SCCB is not ours. */
	if ((param & ~7U) == sclp_sccb)
		sclp_busy = false;
}

void sclp_break_lock(void)
{
	sclp_busy = false;
	spin_unlock(&sclp_lock);
}

int sclp_service_call_cc(u32 command, void *sccb)
{
	bool armed = pgm_int_expected();
	u64 cr0;
	int cc;

	spin_lock(&sclp_lock);
	cr0 = stctg(0);
	lctlg(0, cr0 | CR0_EXTM_SCLP);
	sclp_sccb = (uintptr_t)sccb;
	sclp_busy = true;
	cc = servc(command, sccb);
	/* The expected program interruption was taken: SERVICE CALL did nothing, no signal will come. */
	if (armed && !pgm_int_expected())
		cc = -1;
	while (cc == 0 && sclp_busy)
		wait_for_ext_int();
	sclp_busy = false;
	lctlg(0, cr0);
	spin_unlock(&sclp_lock);
	return cc;
}

u16 sclp_service_call(u32 command, void *sccb)
{
	struct sccb_header *h = sccb;

	assert_msg((uintptr_t)sccb < SZ_2G && IS_ALIGNED((uintptr_t)sccb, SCCB_SIZE),
		   "sclp: SCCB at %p is not a page below 2 GiB", sccb);
	/* Refused (busy or no SCLP): the console is an SCLP service too, so nothing can be said. */
	if (sclp_service_call_cc(command, sccb))
		halt();
	return h->response_code;
}

void sclp_read_info(void)
{
	struct read_info *ri = (void *)read_info_buf;
	u16 rc;

	memset(ri, 0, SCCB_SIZE);
	ri->h.length = SCCB_SIZE;
	rc = sclp_service_call(SCLP_CMDW_READ_SCP_INFO_FORCED, ri);
	if (rc != SCLP_RC_NORMAL_READ_COMPLETION) {
		memset(ri, 0, SCCB_SIZE);
		ri->h.length = SCCB_SIZE;
		rc = sclp_service_call(SCLP_CMDW_READ_SCP_INFO, ri);
	}
	if (rc != SCLP_RC_NORMAL_READ_COMPLETION)
		report_abort("sclp: read SCP info failed: response code %#x", rc);
	if (ri->offset_cpu + ri->entries_cpu * sizeof(struct sclp_cpu_entry) > SCCB_SIZE)
		report_abort("sclp: read SCP info: %u CPU entries at offset %u overflow the SCCB",
			     ri->entries_cpu, ri->offset_cpu);
}

u64 sclp_memory_size(void)
{
	const struct read_info *ri = (const void *)read_info_buf;
	u64 increments = ri->rnmax ? ri->rnmax : ri->rnmax2;
	u64 mib = ri->rnsize ? ri->rnsize : ri->rnsize2;

	return increments * mib << 20;
}

int sclp_cpu_count(void)
{
	return ((const struct read_info *)read_info_buf)->entries_cpu;
}

u16 sclp_cpu_address(int n)
{
	const struct read_info *ri = (const void *)read_info_buf;
	const struct sclp_cpu_entry *e = (const void *)(read_info_buf + ri->offset_cpu);

	assert(n >= 0 && n < ri->entries_cpu);
	return e[n].address;
}

struct write_event_mask {
	struct sccb_header h;
	u16 reserved;
	u16 mask_length;
	u32 cp_receive_mask;
	u32 cp_send_mask;
	u32 send_mask;
	u32 receive_mask;
} __packed;

struct write_event_data {
	struct sccb_header h;
	u16 length;		/* of the event buffer: this header and the text */
	u8 type;
	u8 flags;
	u16 reserved;
	char text[];
} __packed;

/* Event type t is bit t - 1 (from the left) of an event mask. */
#define EVENT_MASK(t)	(0x80000000U >> ((t) - 1))

void sclp_console_setup(void)
{
	struct write_event_mask *m = (void *)sccb_buf;
	u16 rc;

	memset(m, 0, sizeof(*m));
	m->h.length = sizeof(*m);
	m->mask_length = sizeof(u32);
	/* Send only: with no receive mask the SCLP never signals console input, which nothing reads. */
	m->cp_send_mask = EVENT_MASK(SCLP_EVENT_ASCII_CONSOLE_DATA);
	rc = sclp_service_call(SCLP_CMD_WRITE_EVENT_MASK, m);
	/* Without a console nothing can be said; the run script sees no status. */
	if (rc != SCLP_RC_NORMAL_COMPLETION)
		halt();
}

void sclp_console_write(const char *buf, size_t n)
{
	struct write_event_data *d = (void *)sccb_buf;
	size_t max = SCCB_SIZE - sizeof(*d), len;

	while (n) {
		len = MIN(n, max);
		d->h = (struct sccb_header){ .length = sizeof(*d) + len };
		d->length = sizeof(*d) - sizeof(d->h) + len;
		d->type = SCLP_EVENT_ASCII_CONSOLE_DATA;
		d->flags = 0;
		d->reserved = 0;
		memcpy(d->text, buf, len);
		sclp_service_call(SCLP_CMD_WRITE_EVENT_DATA, d);
		buf += len;
		n -= len;
	}
}
