/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * emulator.c - instructions a hypervisor may have to emulate or must not
 * get wrong (Power ISA Book I and Book III-S), in the image's byte order:
 *   string    lswi, lswx, stswi, stswx: the bytes, the registers filled (four a register, left-justified, the
 *             high word zeroed), the byte count from XER, lswi's NB of 0 meaning 32
 *   multiple  lmw, stmw
 *   In little-endian mode the ISA makes all six an Alignment interrupt instead (SRR0 the instruction, DAR its
 *   effective address, no register or byte changed): that is what an LE image checks.
 *   align     lwarx, ldarx and stwcx. of a misaligned operand: Alignment interrupt with DAR = the address
 *   reserve   lwarx/stwcx., ldarx/stdcx., lharx/sthcx., lbarx/stbcx.: the store is done while the
 *             reservation holds, not after stwcx. used it up; stbcx. leaves the neighbouring bytes alone
 *   reserve-smp (two CPUs) another CPU's store to the reserved word makes stwcx. fail, even a store of the
 *             same value
 * A hypervisor (or emulator) that emulates these in the wrong byte order, ignores MSR[LE], loses XER's
 * count, leaves DAR stale on an Alignment interrupt, or implements reservations as compare-and-swap,
 * fails here.
 */
#include "libcflat.h"
#include "accel.h"
#include "processor.h"
#include "smp.h"
#include "asm/barrier.h"

#define LE	(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)

/* Encodings, written as words: binutils refuses lmw and stmw in little-endian code. r9 is the base. */
#define BASE		9
#define X_FORM(xo, rt, ra, rb)	\
	".long (31 << 26) | (" #rt " << 21) | (" #ra " << 16) | (" #rb " << 11) | (" #xo " << 1)\n\t"
#define LSWI(rt, nb)	X_FORM(597, rt, 9, nb)
#define LSWX(rt, rb)	X_FORM(533, rt, 9, rb)
#define STSWI(rs, nb)	X_FORM(725, rs, 9, nb)
#define STSWX(rs, rb)	X_FORM(661, rs, 9, rb)
#define LMW(rt)		".long (46 << 26) | (" #rt " << 21) | (9 << 16)\n\t"
#define STMW(rs)	".long (47 << 26) | (" #rs " << 21) | (9 << 16)\n\t"

#define DAR_SENTINEL	0xdeadbeefdead0000UL

static volatile int align_count;
static volatile u64 align_nip, align_dar;

static void align_handler(struct pt_regs *regs, void *data)
{
	align_count++;
	align_nip = regs->nip;
	align_dar = regs->dar;
	regs->nip += 4;
}

static u8 src[32] __aligned(64), dst[32] __aligned(64);

static void fill_src(void)
{
	int i;

	for (i = 0; i < 32; i++)
		src[i] = 0x11 + i;
	memset(dst, 0xee, sizeof(dst));
}

/*
 * Each instruction under test has a label, insn_at_NAME, for SRR0. Loads
 * start with -1 in the registers they fill, so an interrupted one shows;
 * stores start with dst all 0xee.
 */
extern char insn_at_lswi32[], insn_at_lswi[], insn_at_lswx[], insn_at_stswi[], insn_at_stswx[];
extern char insn_at_lmw[], insn_at_stmw[];

static void prepare(void)
{
	fill_src();
	align_count = 0;
	mtspr(SPR_DAR, DAR_SENTINEL);
}

/* Checks the interrupt of an LE image, or returns false for a BE one (which must have none). */
static bool le_alignment(const char *name, void *insn, void *ea, u8 *mem_unchanged, size_t len)
{
	if (!LE) {
		report(align_count == 0, "%s: no Alignment interrupt in big-endian mode", name);
		return false;
	}
	report(align_count == 1 && align_nip == (u64)insn, "%s in little-endian mode: Alignment interrupt at %#lx",
	       name, align_nip);
	report_kfail(under_tcg(), align_dar == (u64)ea,
		     "%s: DAR %#lx is the effective address %p%s", name, align_dar, ea,
		     align_dar != (u64)ea ? " (QEMU 7.2 TCG leaves DAR unchanged for this interrupt)" : "");
	if (mem_unchanged) {
		size_t i;
		bool same = true;

		for (i = 0; i < len; i++)
			same &= mem_unchanged[i] == 0xee;
		report(same, "%s: no byte stored", name);
	}
	return true;
}

/*
 * lmw, stmw and a 32-byte lswi reach r31, which the compiler may keep as its frame
 * pointer: they live in leaf functions of their own that save r28..r31 in
 * the protected zone below r1 (interrupt entry steps past it).
 * do_lmw(base, out): r28..r31 = -1, lmw r28 from base, out[] = r28..r31.
 * do_stmw(base): r30, r31 = 0x31323334, 0x35363738, stmw r30 to base.
 */
extern void do_lmw(void *base, u64 *out);
extern void do_stmw(void *base);
/* do_lswi32(base, out): r24..r31 = -1, lswi r24 from base with NB 0 (32 bytes), out[] = r24..r31. */
extern void do_lswi32(void *base, u64 *out);
asm(".pushsection .text\n"
    ".globl do_lmw\n"
    "do_lmw:\n\t"
    "std 28, -32(1); std 29, -24(1); std 30, -16(1); std 31, -8(1)\n\t"
    "li 28, -1; li 29, -1; li 30, -1; li 31, -1; mr 9, 3\n"
    ".globl insn_at_lmw\n"
    "insn_at_lmw:\n\t" LMW(28)
    "std 28, 0(4); std 29, 8(4); std 30, 16(4); std 31, 24(4)\n\t"
    "ld 28, -32(1); ld 29, -24(1); ld 30, -16(1); ld 31, -8(1)\n\t"
    "blr\n"
    ".globl do_stmw\n"
    "do_stmw:\n\t"
    "std 30, -16(1); std 31, -8(1)\n\t"
    "lis 30, 0x3132; ori 30, 30, 0x3334; lis 31, 0x3536; ori 31, 31, 0x3738; mr 9, 3\n"
    ".globl insn_at_stmw\n"
    "insn_at_stmw:\n\t" STMW(30)
    "ld 30, -16(1); ld 31, -8(1)\n\t"
    "blr\n"
    ".globl do_lswi32\n"
    "do_lswi32:\n\t"
    "std 24, -64(1); std 25, -56(1); std 26, -48(1); std 27, -40(1)\n\t"
    "std 28, -32(1); std 29, -24(1); std 30, -16(1); std 31, -8(1)\n\t"
    "li 24, -1; li 25, -1; li 26, -1; li 27, -1; li 28, -1; li 29, -1; li 30, -1; li 31, -1\n"
    ".globl insn_at_lswi32\n"
    "insn_at_lswi32:\n\t" X_FORM(597, 24, 3, 0)
    "std 24, 0(4); std 25, 8(4); std 26, 16(4); std 27, 24(4)\n\t"
    "std 28, 32(4); std 29, 40(4); std 30, 48(4); std 31, 56(4)\n\t"
    "ld 24, -64(1); ld 25, -56(1); ld 26, -48(1); ld 27, -40(1)\n\t"
    "ld 28, -32(1); ld 29, -24(1); ld 30, -16(1); ld 31, -8(1)\n\t"
    "blr\n"
    ".popsection");

static void check_string(void)
{
	u64 out[4], out32[8];
	register u8 *base asm("r9");
	u32 w0, w1, w2;

	prepare();
	base = src;
	asm volatile("li 5, -1; li 6, -1; li 7, -1; li 8, -1\n\t"
		     ".globl insn_at_lswi\ninsn_at_lswi:\n\t" LSWI(5, 10)
		     "std 5, 0(%1); std 6, 8(%1); std 7, 16(%1); std 8, 24(%1)"
		     : "+r"(base) : "b"(out) : "r5", "r6", "r7", "r8", "memory");
	if (!le_alignment("lswi", insn_at_lswi, src, NULL, 0)) {
		/* Bytes go into each register's low word from its most significant byte: big-endian regardless. */
		w0 = 0x11121314;
		w1 = 0x15161718;
		w2 = 0x191a0000;
		report(out[0] == w0 && out[1] == w1 && out[2] == w2 && out[3] == ~0UL,
		       "lswi 10 bytes: r5..r8 %#lx %#lx %#lx %#lx", out[0], out[1], out[2], out[3]);
	} else {
		report(out[0] == ~0UL && out[1] == ~0UL && out[2] == ~0UL, "lswi: no register loaded");
	}

	prepare();
	do_lswi32(src, out32);
	if (!le_alignment("lswi NB=0", insn_at_lswi32, src, NULL, 0)) {
		bool same = true;
		int i;

		for (i = 0; i < 8; i++)
			same &= out32[i] == ((0x11 + 4UL * i) << 24 | (0x12 + 4UL * i) << 16 | (0x13 + 4UL * i) << 8 |
					     (0x14 + 4UL * i));
		report(same, "lswi with NB 0 loads 32 bytes: r24 %#lx .. r31 %#lx", out32[0], out32[7]);
	} else {
		report(out32[0] == ~0UL && out32[7] == ~0UL, "lswi NB=0: no register loaded");
	}

	prepare();
	base = src + 3;
	asm volatile("li 5, -1; li 6, -1; li 7, -1; li 8, -1\n\t"
		     "li 0, 6; mtxer 0; li 0, 0\n\t"
		     ".globl insn_at_lswx\ninsn_at_lswx:\n\t" LSWX(5, 0)
		     "std 5, 0(%1); std 6, 8(%1); std 7, 16(%1); std 8, 24(%1)"
		     : "+r"(base) : "b"(out) : "r0", "r5", "r6", "r7", "r8", "xer", "memory");
	if (!le_alignment("lswx", insn_at_lswx, src + 3, NULL, 0))
		report(out[0] == 0x14151617 && out[1] == 0x18190000 && out[2] == ~0UL,
		       "lswx, XER count 6: r5..r7 %#lx %#lx %#lx", out[0], out[1], out[2]);

	prepare();
	base = dst + 1;
	asm volatile("lis 5, 0x0102; ori 5, 5, 0x0304; lis 6, 0x0506; ori 6, 6, 0x0708\n\t"
		     ".globl insn_at_stswi\ninsn_at_stswi:\n\t" STSWI(5, 7)
		     : "+r"(base) : : "r5", "r6", "memory");
	if (!le_alignment("stswi", insn_at_stswi, dst + 1, dst, sizeof(dst))) {
		static const u8 want[] = { 0xee, 1, 2, 3, 4, 5, 6, 7, 0xee };

		report(!memcmp(dst, want, sizeof(want)), "stswi 7 bytes: stored big-endian from r5 on, nothing more");
	}

	prepare();
	base = dst;
	asm volatile("lis 5, 0x2122; ori 5, 5, 0x2324; lis 6, 0x2526; ori 6, 6, 0x2728\n\t"
		     "li 0, 5; mtxer 0; li 0, 0\n\t"
		     ".globl insn_at_stswx\ninsn_at_stswx:\n\t" STSWX(5, 0)
		     : "+r"(base) : : "r0", "r5", "r6", "xer", "memory");
	if (!le_alignment("stswx", insn_at_stswx, dst, dst, sizeof(dst))) {
		static const u8 want[] = { 0x21, 0x22, 0x23, 0x24, 0x25, 0xee };

		report(!memcmp(dst, want, sizeof(want)), "stswx, XER count 5: 5 bytes stored");
	}
}

static void check_multiple(void)
{
	u64 out[4];

	prepare();
	do_lmw(src + 4, out);
	if (!le_alignment("lmw", insn_at_lmw, src + 4, NULL, 0))
		report(out[0] == 0x15161718 && out[1] == 0x191a1b1c && out[2] == 0x1d1e1f20 && out[3] == 0x21222324,
		       "lmw r28: r28..r31 %#lx %#lx %#lx %#lx", out[0], out[1], out[2], out[3]);
	else
		report(out[0] == ~0UL && out[3] == ~0UL, "lmw: no register loaded");

	prepare();
	do_stmw(dst);
	if (!le_alignment("stmw", insn_at_stmw, dst, dst, sizeof(dst))) {
		static const u8 want[] = { 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0xee };

		report(!memcmp(dst, want, sizeof(want)), "stmw r30: two words stored big-endian");
	}
}

static u64 rsv[4] __aligned(128);

extern char insn_at_lwarx[], insn_at_ldarx[], insn_at_stwcx[];

static void check_align(void)
{
	u8 *p = (u8 *)rsv;
	u64 v;

	prepare();
	asm volatile(".globl insn_at_lwarx\ninsn_at_lwarx: lwarx %0, 0, %1" : "=r"(v) : "r"(p + 2) : "memory");
	report(align_count == 1 && align_nip == (u64)insn_at_lwarx && align_dar == (u64)(p + 2),
	       "lwarx of a misaligned word: Alignment interrupt, DAR %#lx", align_dar);
	prepare();
	asm volatile(".globl insn_at_ldarx\ninsn_at_ldarx: ldarx %0, 0, %1" : "=r"(v) : "r"(p + 4) : "memory");
	report(align_count == 1 && align_nip == (u64)insn_at_ldarx && align_dar == (u64)(p + 4),
	       "ldarx of a misaligned doubleword: Alignment interrupt, DAR %#lx", align_dar);
	prepare();
	rsv[0] = 0;
	asm volatile("lwarx %0, 0, %1\n\t"
		     ".globl insn_at_stwcx\ninsn_at_stwcx: stwcx. %0, 0, %2"
		     : "=&r"(v) : "r"(p), "r"(p + 1) : "cr0", "memory");
	/* QEMU checks the reservation's address before the alignment, and fails the store quietly. */
	report_kfail(under_tcg(), align_count == 1 && align_nip == (u64)insn_at_stwcx && align_dar == (u64)(p + 1) &&
		     rsv[0] == 0, "stwcx. of a misaligned word: Alignment interrupt, DAR %#lx, nothing stored%s",
		     align_dar, align_count ? "" : " (QEMU 7.2 TCG: none, the store just fails)");
}

#define CR0_EQ	0x20000000U

/* lwarx; stwcx. of val: whether the store happened (CR0[EQ]). */
static bool lwarx_stwcx(u32 *p, u32 val)
{
	u32 cr, old;

	asm volatile("lwarx %0, 0, %2\n\tstwcx. %3, 0, %2\n\tmfcr %1"
		     : "=&r"(old), "=r"(cr) : "r"(p), "r"(val) : "cr0", "memory");
	return cr & CR0_EQ;
}

static bool stwcx_only(u32 *p, u32 val)
{
	u32 cr;

	asm volatile("stwcx. %1, 0, %2\n\tmfcr %0" : "=r"(cr) : "r"(val), "r"(p) : "cr0", "memory");
	return cr & CR0_EQ;
}

static void check_reserve(void)
{
	u32 *w = (u32 *)rsv;
	u64 old, cr;
	u8 *b = (u8 *)rsv;
	u16 *h = (u16 *)rsv;

	rsv[0] = 0;
	report(lwarx_stwcx(w, 0x1234) && *w == 0x1234, "lwarx; stwcx.: stored, CR0[EQ] set");
	report(!stwcx_only(w, 0x5678) && *w == 0x1234, "stwcx. again without lwarx: not stored, CR0[EQ] clear");

	rsv[0] = 0;
	asm volatile("ldarx %0, 0, %2\n\tstdcx. %3, 0, %2\n\tmfcr %1"
		     : "=&r"(old), "=r"(cr) : "r"(rsv), "r"(0x0102030405060708UL) : "cr0", "memory");
	report((cr & CR0_EQ) && rsv[0] == 0x0102030405060708UL, "ldarx; stdcx.: doubleword stored");

	rsv[0] = 0x1111111111111111UL;
	asm volatile("lharx %0, 0, %2\n\tsthcx. %3, 0, %2\n\tmfcr %1"
		     : "=&r"(old), "=r"(cr) : "r"(h + 1), "r"(0xabcd) : "cr0", "memory");
	report((cr & CR0_EQ) && old == 0x1111 && h[1] == 0xabcd && h[0] == 0x1111 && h[2] == 0x1111,
	       "lharx; sthcx.: halfword stored, its neighbours kept");
	asm volatile("lbarx %0, 0, %2\n\tstbcx. %3, 0, %2\n\tmfcr %1"
		     : "=&r"(old), "=r"(cr) : "r"(b + 5), "r"(0x7e) : "cr0", "memory");
	report((cr & CR0_EQ) && old == 0x11 && b[5] == 0x7e && b[4] == 0x11 && b[6] == 0x11,
	       "lbarx; stbcx.: byte stored, its neighbours kept");
}

/* reserve-smp: CPU 0 holds a reservation while CPU 1 stores to the word. */
static u32 shared[32] __aligned(128);
static volatile int step __aligned(128);

static void store_on_cpu1(void *data)
{
	while (step != 1)
		cpu_relax();
	shared[0] = (u32)(unsigned long)data;
	mb();
	step = 2;
}

static bool reservation_survives(u32 other_value)
{
	u32 old, cr;

	shared[0] = 7;
	step = 0;
	mb();
	on_cpu_async(1, store_on_cpu1, (void *)(unsigned long)other_value);
	asm volatile("lwarx %0, 0, %1" : "=r"(old) : "r"(shared) : "memory");
	/* step is in another reservation granule: these accesses leave the reservation alone. */
	step = 1;
	while (step != 2)
		cpu_relax();
	asm volatile("stwcx. %1, 0, %2\n\tmfcr %0" : "=r"(cr) : "r"(old + 100), "r"(shared) : "cr0", "memory");
	cpu_idle_wait(1);
	return cr & CR0_EQ;
}

static void check_reserve_smp(void)
{
	bool ok;

	if (nr_cpus < 2) {
		report_skip("reservations against another CPU: one CPU only (-smp 2)");
		return;
	}
	ok = !reservation_survives(9);
	report(ok && shared[0] == 9, "another CPU stores 9: stwcx. fails, the word is %u", shared[0]);
	ok = !reservation_survives(7);
	report_kfail(under_tcg(), ok && shared[0] == 7,
		     "another CPU stores the same value: stwcx. fails, the word is %u%s", shared[0],
		     ok ? "" : " (QEMU 7.2 TCG's stwcx. is a compare-and-swap with the value lwarx read)");
}

int main(int argc, char **argv)
{
	int i;

	if (argc < 2)
		report_abort("usage: emulator.elf string|multiple|align|reserve|reserve-smp ...");
	report_info("%s-endian image", LE ? "little" : "big");
	handle_exception(VEC_ALIGNMENT, align_handler, NULL);
	for (i = 1; i < argc; i++) {
		report_prefix_push(argv[i]);
		if (!strcmp(argv[i], "string"))
			check_string();
		else if (!strcmp(argv[i], "multiple"))
			check_multiple();
		else if (!strcmp(argv[i], "align"))
			check_align();
		else if (!strcmp(argv[i], "reserve"))
			check_reserve();
		else if (!strcmp(argv[i], "reserve-smp"))
			check_reserve_smp();
		else
			report_abort("unknown sub-test '%s'", argv[i]);
		report_prefix_pop();
	}
	handle_exception(VEC_ALIGNMENT, NULL, NULL);
	return report_summary();
}
