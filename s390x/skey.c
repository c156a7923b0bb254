/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * skey.c - storage keys (z/Architecture Principles of Operation, "Storage
 * Keys", "Key-Controlled Protection", and SSKE, ISKE, IVSK, RRBE):
 *   - SSKE sets a 4 KiB block's access-control bits, fetch-protection bit and reference and change bits;
 *     ISKE gives them back; the low 12 bits of the address do not matter;
 *   - RRBE clears the reference bit, leaves the change bit, and its condition code is the old R and C;
 *   - a store sets the change bit, a fetch the reference bit;
 *   - IVSK gives the access-control and fetch-protection bits of the block, without R and C;
 *   - key-controlled protection: a store with a PSW key that is neither 0 nor the block's access key is a
 *     protection exception, and a fetch too when the block is fetch-protected; the store is not done;
 *   - SSKE is privileged.
 * A hypervisor bug each would catch: keys kept per host page or lost when the hypervisor enables
 * storage-key handling lazily, reference and change bits not recorded, key protection not enforced.
 */
#include "libcflat.h"
#include "accel.h"
#include "alloc_page.h"
#include "asm/arch_def.h"
#include "asm/mem.h"
#include "asm/page.h"
#include "processor.h"

static u8 *page;

static unsigned long ivsk(void *addr)
{
	unsigned long key = 0;

	asm volatile(".insn rre,0xb2230000,%0,%1" : "+d"(key) : "a"(addr));
	return key;
}

/* SET PSW KEY FROM ADDRESS: the key is bits 56-59 of the second-operand address. */
static void spka(unsigned int key)
{
	asm volatile("spka 0(%0)" : : "a"((unsigned long)key << 4));
}

static void test_set_insert(void)
{
	static const u8 keys[] = { 0x10, 0x38, 0xf0 | SKEY_R, 0x60 | SKEY_C, 0xa8 | SKEY_R | SKEY_C };
	unsigned int i;
	u8 got;

	report_prefix_push("SSKE/ISKE");
	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		set_storage_key(page, keys[i], 0);
		got = get_storage_key(page + 0x7ff) & ~1;
		report(got == keys[i], "key %#x read back (through an address inside the block): %#x", keys[i], got);
	}
	set_storage_key(page + 0xabc, 0x50, 0);
	report((get_storage_key(page) & SKEY_ACC) == 0x50, "SSKE ignores the low 12 bits of its address");
	report((get_storage_key(page + PAGE_SIZE) & SKEY_ACC) == 0, "the next block's key is untouched");
	report_prefix_pop();
}

static void test_rrbe_rc(void)
{
	int cc;

	report_prefix_push("RRBE");
	set_storage_key(page, 0x30 | SKEY_R | SKEY_C, 0);
	cc = reset_reference_bit(page);
	report(cc == 3, "R and C set: cc %d", cc);
	report((get_storage_key(page) & (SKEY_R | SKEY_C)) == SKEY_C, "R cleared, C kept: key %#x",
	       get_storage_key(page));
	cc = reset_reference_bit(page);
	report(cc == 1, "only C set: cc %d", cc);
	set_storage_key(page, 0x30, 0);
	cc = reset_reference_bit(page);
	report(cc == 0, "neither: cc %d", cc);
	report_prefix_pop();

	report_prefix_push("recording");
	set_storage_key(page, 0x00, 0);
	(void)*(volatile u8 *)page;
	report(get_storage_key(page) & SKEY_R, "a fetch sets R: key %#x", get_storage_key(page));
	report(!(get_storage_key(page) & SKEY_C), "a fetch does not set C");
	set_storage_key(page, 0x00, 0);
	*(volatile u8 *)page = 1;
	report(get_storage_key(page) & SKEY_C, "a store sets C: key %#x", get_storage_key(page));
	report_prefix_pop();
}

static void test_ivsk(void)
{
	unsigned long key;
	u16 code;

	report_prefix_push("IVSK");
	set_storage_key(page, 0x98 | SKEY_R | SKEY_C, 0);
	expect_pgm_int();
	key = ivsk(page);
	code = clear_pgm_int();
	report_kfail(under_tcg() && code == PGM_INT_CODE_OPERATION, !code && key == 0x98,
		     "access-control and fetch-protection bits, no R or C: %#lx (code %#x); %s", key, code,
		     "QEMU 7.2 TCG lacks IVSK: operation exception");
	report_prefix_pop();
}

static void test_protection(void)
{
	volatile u8 *p = page;
	u16 code;
	u8 v;

	report_prefix_push("protection");
	*p = 0x11;
	set_storage_key(page, 0x30, 0);

	spka(3);
	*p = 0x22;
	spka(0);
	report(*p == 0x22, "PSW key 3 stores into a block with key 3");

	spka(2);
	expect_pgm_int();
	*p = 0x33;
	spka(0);
	code = clear_pgm_int();
	report_kfail(under_tcg() && !code, code == PGM_INT_CODE_PROTECTION && *p == 0x22,
		     "PSW key 2 storing into key 3: protection exception (code %#x), nothing stored (%#x); %s",
		     code, *p,
		     "QEMU 7.2 TCG does not check storage keys: the store is done");
	*p = 0x22;

	spka(2);
	v = *p;
	spka(0);
	report(v == 0x22, "PSW key 2 fetches from key 3 without fetch protection");

	set_storage_key(page, 0x38, 0);
	spka(2);
	expect_pgm_int();
	v = *p;
	spka(0);
	code = clear_pgm_int();
	report_kfail(under_tcg() && !code, code == PGM_INT_CODE_PROTECTION,
		     "PSW key 2 fetching from fetch-protected key 3: protection exception (code %#x); %s", code,
		     "QEMU 7.2 TCG does not check storage keys");

	spka(0);
	*p = 0x44;
	report(*p == 0x44, "PSW key 0 stores and fetches whatever the block's key");
	set_storage_key(page, 0x00, 0);
	report_prefix_pop();

	report_prefix_push("privileged");
	expect_pgm_int();
	enter_pstate();
	set_storage_key(page, 0x10, 0);
	leave_pstate();
	check_pgm_int_code(PGM_INT_CODE_PRIVILEGED_OPERATION);
	report((get_storage_key(page) & SKEY_ACC) == 0, "SSKE in the problem state changes no key");
	report_prefix_pop();
}

int main(void)
{
	report_prefix_push("skey");
	page = alloc_pages(1);
	assert(page);
	test_set_insert();
	test_rrbe_rc();
	test_ivsk();
	test_protection();
	set_storage_key(page, 0, 0);
	set_storage_key(page + PAGE_SIZE, 0, 0);
	free_pages(page);
	return report_summary();
}
