/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sclp.c - SERVICE CALL and the two SCLP services the framework needs:
 * read SCP info (memory size, CPUs) and the ASCII console.
 *
 * Completion: QEMU (TCG or KVM) fills the SCCB before SERVICE CALL returns,
 * but the architecture only promises it at the service-signal interruption,
 * so the caller waits for that with external interruptions enabled and
 * only the service-signal subclass open in CR0 (plus whatever the CPU had).
 * The wait is bounded when the SCCB already holds a response code: see
 * wait_for_signal().
 */
#include "libcflat.h"
#include "string.h"
#include "asm/arch_def.h"
#include "asm/spinlock.h"
#include "asm/time.h"
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
static unsigned int signals_missed;

/* How long a call whose SCCB holds a response code waits on for its service signal. */
#define SIGNAL_GRACE_US		100000

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

/*
 * Spins, not an enabled wait, with external interruptions enabled until
 * the call's service signal has been taken. A migration can drop a signal
 * that is pending when the VM stops (QEMU's TCG interrupt controller did
 * not migrate its pending interruptions before QEMU 9.1): an enabled wait
 * would then never end. So a call whose SCCB holds a response code and
 * whose signal has not come SIGNAL_GRACE_US later is taken as done, and
 * counted (sclp_signals_missed()).
 */
static void wait_for_signal(struct sccb_header *h)
{
	u64 mask = extract_psw_mask(), end = get_clock_us() + SIGNAL_GRACE_US;

	load_psw_mask(mask | PSW_MASK_EXT);
	while (sclp_busy) {
		if (*(volatile u16 *)&h->response_code && get_clock_us() > end) {
			signals_missed++;
			break;
		}
	}
	load_psw_mask(mask);
}

unsigned int sclp_signals_missed(void)
{
	return signals_missed;
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
	if (cc == 0)
		wait_for_signal(sccb);
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

/* One event buffer of read event data: its header, then the event's data. */
struct event_buffer {
	u16 length;		/* of the whole buffer, this header included */
	u8 type;
	u8 flags;
	u16 reserved;
	u8 data[];
} __packed;

/* The first byte of ASCII console input data: the text follows. */
#define ASCII_DATA_STREAM	0

/* Event type t is bit t - 1 (from the left) of an event mask. */
#define EVENT_MASK(t)	(0x80000000U >> ((t) - 1))

static u16 set_event_masks(bool receive)
{
	struct write_event_mask *m = (void *)sccb_buf;

	memset(m, 0, sizeof(*m));
	m->h.length = sizeof(*m);
	m->mask_length = sizeof(u32);
	m->cp_send_mask = EVENT_MASK(SCLP_EVENT_ASCII_CONSOLE_DATA);
	if (receive)
		m->cp_receive_mask = EVENT_MASK(SCLP_EVENT_ASCII_CONSOLE_DATA);
	return sclp_service_call(SCLP_CMD_WRITE_EVENT_MASK, m);
}

void sclp_console_setup(void)
{
	/*
	 * Send only: sclp_console_read() asks for input when first called, so
	 * that a test that reads none never has console input signalled.
	 * Without a console nothing can be said; the run script sees no status.
	 */
	if (set_event_masks(false) != SCLP_RC_NORMAL_COMPLETION)
		halt();
}

/*
 * With the receive mask set, input that arrives makes the SCLP raise a
 * service signal of its own (a parameter without an SCCB). It stays
 * pending until the next call opens the service-signal subclass, whose
 * wait takes it and waits on for the signal with its own SCCB (or finds
 * the two merged into one), so input interrupts nothing outside a call.
 * The read itself never waits: with no input the SCLP completes it at
 * once, storing no event buffer.
 */
int sclp_console_read(char *buf)
{
	static u8 read_buf[SCCB_SIZE] __aligned(SCCB_SIZE);
	static bool receiving;
	struct sccb_header *h = (void *)read_buf;
	struct event_buffer *e;
	size_t off, len, n = 0;
	u16 rc;

	if (!receiving) {
		if (set_event_masks(true) != SCLP_RC_NORMAL_COMPLETION)
			return -1;
		receiving = true;
	}
	memset(read_buf, 0, SCCB_SIZE);
	h->length = SCCB_SIZE;
	h->function_code = SCLP_FC_UNCONDITIONAL_READ;
	h->control_mask[2] = SCLP_CM2_VARIABLE_LENGTH;
	rc = sclp_service_call(SCLP_CMD_READ_EVENT_DATA, h);
	if (rc == SCLP_RC_NO_EVENT_BUFFERS_STORED)
		return 0;
	if (rc != SCLP_RC_NORMAL_COMPLETION || h->length > SCCB_SIZE)
		return -1;
	/* The variable-length response set the SCCB's length to what it stored. */
	for (off = sizeof(*h); off + sizeof(*e) <= h->length; off += e->length) {
		e = (void *)(read_buf + off);
		if (e->length < sizeof(*e))
			break;
		if (off + e->length > h->length)
			return -1;
		len = e->length - sizeof(*e);
		if (e->type != SCLP_EVENT_ASCII_CONSOLE_DATA || !len || e->data[0] != ASCII_DATA_STREAM)
			continue;
		memcpy(buf + n, e->data + 1, len - 1);
		n += len - 1;
	}
	return n;
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
