/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xsave.c - the XSAVE feature set as the Intel SDM (vol. 1 ch. 13, vol. 2
 * XSETBV/XGETBV/XSAVE/XRSTOR) defines it: XSETBV and XGETBV raise #UD
 * without CR4.OSXSAVE, and CPUID.1:ECX.OSXSAVE follows CR4; XCR0 takes
 * every legal combination of supported components and refuses with #GP
 * a clear x87 bit, AVX without SSE, half of MPX, unsupported bits, and
 * XCR1 or an unknown XCR; CPUID leaf 0xD sizes and offsets agree with
 * each other and with XCR0; XSAVE stores and XRSTOR loads the x87, SSE,
 * AVX and PKRU components one by one (RFBM honoured, XSTATE_BV clear
 * meaning the initial state), XSAVEOPT stores what XSAVE does, XRSTOR
 * refuses a bad header or MXCSR; XGETBV(1) reports components in use;
 * XSAVE leaves components outside RFBM alone, XRSTOR loads MXCSR for
 * RFBM[1] or RFBM[2] even when XSTATE_BV[1] is clear; CR0.TS makes XSAVE
 * and XRSTOR #NM but not XGETBV/XSETBV; XSETBV is #GP at CPL 3 while
 * XGETBV works there; both ignore RCX[63:32]; LOCK XSAVE and LOCK
 * XRSTOR are #UD; XSAVEC and IA32_XSS where the CPU has them.
 *
 * A hypervisor bug it would catch: XCR0 accepting values the hardware
 * refuses (a later VM entry or XRSTOR then fails on the host), CPUID 0xD
 * not following the guest's XCR0 (the guest allocates a too small save
 * area), guest vector state lost or leaked across a context switch, an
 * IA32_XSS MSR exposed without XSAVES.
 *
 * QEMU 7.2's TCG lets a non-existent MSR be read without #GP, lets XRSTOR
 * load an MXCSR with reserved bits set, loads MXCSR only for RFBM[1], and
 * ignores CR0.TS in XSAVE and XRSTOR: those checks are known failures
 * under TCG.
 */
#include "libcflat.h"
#include "accel.h"
#include "desc.h"
#include "processor.h"
#include "usermode.h"

#define XFEATURE_MASK_BNDREGS	BIT_ULL(3)
#define XFEATURE_MASK_BNDCSR	BIT_ULL(4)
#define XFEATURE_MASK_AVX512	(BIT_ULL(5) | BIT_ULL(6) | BIT_ULL(7))
#define XFEATURE_MASK_PKRU	BIT_ULL(9)
#define XSTATE_BV_OFFSET	512
#define XCOMP_BV_OFFSET		520
#define MXCSR_OFFSET		24
#define XMM_OFFSET		160
#define ST0_OFFSET		32
#define AREA_SIZE		8192

static u8 area_a[AREA_SIZE] __attribute__((aligned(64)));
static u8 area_b[AREA_SIZE] __attribute__((aligned(64)));
static u64 supported;		/* CPUID.(0DH,0):EDX:EAX, the XCR0 bits the CPU has */

static int xsave_safe(void *area, u64 rfbm)
{
	asm volatile(ASM_TRY("1f") "xsave (%0)\n1:"
		     : : "r"(area), "a"((u32)rfbm), "d"((u32)(rfbm >> 32)) : "memory");
	return exception_vector();
}

static int xsaveopt_safe(void *area, u64 rfbm)
{
	asm volatile(ASM_TRY("1f") "xsaveopt (%0)\n1:"
		     : : "r"(area), "a"((u32)rfbm), "d"((u32)(rfbm >> 32)) : "memory");
	return exception_vector();
}

static int xsavec_safe(void *area, u64 rfbm)
{
	asm volatile(ASM_TRY("1f") "xsavec (%0)\n1:"
		     : : "r"(area), "a"((u32)rfbm), "d"((u32)(rfbm >> 32)) : "memory");
	return exception_vector();
}

static int xrstor_safe(void *area, u64 rfbm)
{
	asm volatile(ASM_TRY("1f") "xrstor (%0)\n1:"
		     : : "r"(area), "a"((u32)rfbm), "d"((u32)(rfbm >> 32)) : "memory");
	return exception_vector();
}

static u64 *xstate_bv(u8 *area)
{
	return (u64 *)(area + XSTATE_BV_OFFSET);
}

/* The 16 XMM registers from and to 256 bytes. */
#define XMM_ALL(op) op(0) op(1) op(2) op(3) op(4) op(5) op(6) op(7) \
		    op(8) op(9) op(10) op(11) op(12) op(13) op(14) op(15)
#define XMM_LOAD(n)	"movdqu " #n "*16(%0), %%xmm" #n "\n"
#define XMM_STORE(n)	"movdqu %%xmm" #n ", " #n "*16(%0)\n"
#define YMM_LOAD(n)	"vmovdqu " #n "*32(%0), %%ymm" #n "\n"
#define YMM_STORE(n)	"vmovdqu %%ymm" #n ", " #n "*32(%0)\n"

static void load_xmm(const u8 *buf)
{
	asm volatile(XMM_ALL(XMM_LOAD) : : "r"(buf) : "memory");
}

static void store_xmm(u8 *buf)
{
	asm volatile(XMM_ALL(XMM_STORE) : : "r"(buf) : "memory");
}

static void load_ymm(const u8 *buf)
{
	asm volatile(XMM_ALL(YMM_LOAD) : : "r"(buf) : "memory");
}

static void store_ymm(u8 *buf)
{
	asm volatile(XMM_ALL(YMM_STORE) : : "r"(buf) : "memory");
}

static void fill(u8 *buf, size_t len, u8 seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (u8)(seed + i * 7);
}

static bool all_zero(const u8 *buf, size_t len)
{
	while (len--)
		if (*buf++)
			return false;
	return true;
}

/* The x87 stack top, stored as an 80-bit value; loaded with fninit and two pushes. */
static void load_x87(u16 fcw, bool pi)
{
	asm volatile("fninit; fldcw %0; fld1" : : "m"(fcw));
	if (pi)
		asm volatile("fldpi");
	else
		asm volatile("fldl2t");
}

static u16 read_fcw(void)
{
	u16 v;

	asm volatile("fnstcw %0" : "=m"(v));
	return v;
}

static void read_st0(u8 *ten)
{
	asm volatile("fld %%st(0); fstpt (%0)" : : "r"(ten) : "memory");
}

static u32 read_mxcsr(void)
{
	u32 v;

	asm volatile("stmxcsr %0" : "=m"(v));
	return v;
}

static void write_mxcsr(u32 v)
{
	asm volatile("ldmxcsr %0" : : "m"(v));
}

static void check_no_osxsave(void)
{
	u64 v;
	int vec;

	write_cr4(read_cr4() & ~X86_CR4_OSXSAVE);
	report(!this_cpu_has(X86_FEATURE_OSXSAVE), "CR4.OSXSAVE clear: CPUID.1:ECX.OSXSAVE clear");
	report(xgetbv_safe(XCR_XFEATURE_ENABLED_MASK, &v) == UD_VECTOR, "XGETBV without CR4.OSXSAVE: #UD");
	report(xsetbv_safe(XCR_XFEATURE_ENABLED_MASK, XFEATURE_MASK_FP_SSE) == UD_VECTOR,
	       "XSETBV without CR4.OSXSAVE: #UD");
	report(xsave_safe(area_a, XFEATURE_MASK_FP) == UD_VECTOR, "XSAVE without CR4.OSXSAVE: #UD");
	report(xrstor_safe(area_a, XFEATURE_MASK_FP) == UD_VECTOR, "XRSTOR without CR4.OSXSAVE: #UD");
	write_cr4(read_cr4() | X86_CR4_OSXSAVE);
	report(this_cpu_has(X86_FEATURE_OSXSAVE), "CR4.OSXSAVE set: CPUID.1:ECX.OSXSAVE set");
	vec = xgetbv_safe(XCR_XFEATURE_ENABLED_MASK, &v);
	report(vec == 0 && v == XFEATURE_MASK_FP, "XCR0 after reset is the x87 bit alone (%#" PRIx64 ")", v);
}

struct xcr0_case {
	const char *what;
	u64 value;
	u64 needs;	/* the bits the CPU must support for the case to apply */
	bool legal;
};

static void check_xcr0_rules(void)
{
	static const struct xcr0_case cases[] = {
		{ "x87", XFEATURE_MASK_FP, 0, true },
		{ "x87|SSE", XFEATURE_MASK_FP_SSE, 0, true },
		{ "x87|SSE|AVX", XFEATURE_MASK_FP_SSE | XFEATURE_MASK_YMM, XFEATURE_MASK_YMM, true },
		{ "x87|PKRU", XFEATURE_MASK_FP | XFEATURE_MASK_PKRU, XFEATURE_MASK_PKRU, true },
		{ "x87|BNDREGS|BNDCSR", XFEATURE_MASK_FP | XFEATURE_MASK_BNDREGS | XFEATURE_MASK_BNDCSR,
		  XFEATURE_MASK_BNDREGS | XFEATURE_MASK_BNDCSR, true },
		{ "0 (x87 clear)", 0, 0, false },
		{ "SSE without x87", XFEATURE_MASK_SSE, 0, false },
		{ "AVX without SSE", XFEATURE_MASK_FP | XFEATURE_MASK_YMM, XFEATURE_MASK_YMM, false },
		{ "BNDREGS without BNDCSR", XFEATURE_MASK_FP | XFEATURE_MASK_BNDREGS, XFEATURE_MASK_BNDREGS, false },
		{ "BNDCSR without BNDREGS", XFEATURE_MASK_FP | XFEATURE_MASK_BNDCSR, XFEATURE_MASK_BNDCSR, false },
		{ "AVX-512 without AVX", XFEATURE_MASK_FP_SSE | XFEATURE_MASK_AVX512, XFEATURE_MASK_AVX512, false },
		{ "bit 63", XFEATURE_MASK_FP | BIT_ULL(63), 0, false },
	};
	const struct xcr0_case *c;
	u64 v;
	int bit, vec;

	for (c = cases; c < cases + ARRAY_SIZE(cases); c++) {
		if ((supported & c->needs) != c->needs) {
			report_skip("XCR0 %s: the CPU lacks components %#" PRIx64 " (CPUID.(0DH,0):EAX)", c->what,
				    c->needs & ~supported);
			continue;
		}
		vec = xsetbv_safe(XCR_XFEATURE_ENABLED_MASK, c->value);
		if (c->legal)
			report(vec == 0 && xgetbv(XCR_XFEATURE_ENABLED_MASK) == c->value,
			       "XCR0 = %s (%#" PRIx64 ") is accepted and reads back", c->what, c->value);
		else
			report(vec == GP_VECTOR, "XCR0 = %s (%#" PRIx64 "): #GP (vector %d)", c->what, c->value, vec);
	}
	/* Each unsupported bit below 32 on its own (with x87): #GP. */
	for (bit = 1; bit < 32; bit++) {
		if (supported & BIT_ULL(bit))
			continue;
		vec = xsetbv_safe(XCR_XFEATURE_ENABLED_MASK, XFEATURE_MASK_FP | BIT_ULL(bit));
		report(vec == GP_VECTOR, "XCR0 bit %d, not in CPUID.(0DH,0):EAX: #GP", bit);
	}
	xsetbv(XCR_XFEATURE_ENABLED_MASK, XFEATURE_MASK_FP_SSE);
	report(xsetbv_safe(XCR_XFEATURE_IN_USE_MASK, XFEATURE_MASK_FP_SSE) == GP_VECTOR,
	       "XSETBV of XCR1 (XINUSE, read-only): #GP");
	report(xsetbv_safe(2, XFEATURE_MASK_FP) == GP_VECTOR, "XSETBV of XCR2 (none): #GP");
	report(xgetbv_safe(2, &v) == GP_VECTOR, "XGETBV of XCR2 (none): #GP");
	report(xgetbv(XCR_XFEATURE_ENABLED_MASK) == XFEATURE_MASK_FP_SSE, "a refused XSETBV leaves XCR0 alone");
}

static void check_cpuid_sizes(void)
{
	struct cpuid d0 = cpuid_indexed(0xd, 0);
	u32 max_end = 576, end_enabled = 576;
	u64 xcr0;
	int i;

	report(supported & XFEATURE_MASK_FP && supported & XFEATURE_MASK_SSE,
	       "CPUID.(0DH,0): x87 and SSE are supported (%#" PRIx64 ")", supported);
	for (i = 2; i < 63; i++) {
		struct cpuid di;

		if (!(supported & BIT_ULL(i)))
			continue;
		di = cpuid_indexed(0xd, i);
		report(di.a != 0 && di.b >= 576, "CPUID.(0DH,%d): component of %u bytes at offset %u, past the "
		       "legacy area and header", i, di.a, di.b);
		report(!(di.c & 1), "CPUID.(0DH,%d):ECX[0] clear: an XCR0 (user) component", i);
		if (di.b + di.a > max_end)
			max_end = di.b + di.a;
	}
	report(d0.c == max_end, "CPUID.(0DH,0):ECX %u is where the last supported component ends (%u)", d0.c, max_end);
	xcr0 = supported & (XFEATURE_MASK_FP_SSE | XFEATURE_MASK_YMM | XFEATURE_MASK_PKRU);
	xsetbv(XCR_XFEATURE_ENABLED_MASK, xcr0);
	for (i = 2; i < 63; i++) {
		struct cpuid di = cpuid_indexed(0xd, i);

		if ((xcr0 & BIT_ULL(i)) && di.b + di.a > end_enabled)
			end_enabled = di.b + di.a;
	}
	d0 = cpuid_indexed(0xd, 0);
	report(d0.b == end_enabled, "CPUID.(0DH,0):EBX follows XCR0 %#" PRIx64 ": %u bytes (%u expected)", xcr0,
	       d0.b, end_enabled);
	xsetbv(XCR_XFEATURE_ENABLED_MASK, XFEATURE_MASK_FP_SSE);
	d0 = cpuid_indexed(0xd, 0);
	report(d0.b == 576, "CPUID.(0DH,0):EBX with XCR0 = x87|SSE: 576 bytes (%u)", d0.b);
	xsetbv(XCR_XFEATURE_ENABLED_MASK, xcr0);
	if (supported & XFEATURE_MASK_YMM) {
		struct cpuid d2 = cpuid_indexed(0xd, 2);

		report(d2.a == 256 && d2.b == 576, "CPUID.(0DH,2): AVX state, 256 bytes at 576 (%u at %u)", d2.a,
		       d2.b);
	}
}

/* The x87 component: FCW and the stack top. */
static void check_x87(u64 xcr0)
{
	u8 st0[10], want[10];

	load_x87(0xf7f, true);
	read_st0(want);
	memset(area_a, 0, AREA_SIZE);
	report(xsave_safe(area_a, xcr0) == 0 && *(u16 *)area_a == 0xf7f && !memcmp(area_a + ST0_OFFSET, want, 10) &&
	       (*xstate_bv(area_a) & XFEATURE_MASK_FP), "x87: XSAVE stores FCW, ST0 and XSTATE_BV[0]");
	load_x87(0x27f, false);
	xrstor_safe(area_a, XFEATURE_MASK_FP);
	read_st0(st0);
	report(read_fcw() == 0xf7f && !memcmp(st0, want, 10), "x87: XRSTOR loads FCW %#x and ST0", read_fcw());
	memcpy(area_b, area_a, AREA_SIZE);
	*xstate_bv(area_b) &= ~XFEATURE_MASK_FP;
	xrstor_safe(area_b, XFEATURE_MASK_FP);
	report(read_fcw() == 0x37f, "x87: XSTATE_BV[0] clear: XRSTOR initializes it (FCW %#x, 0x37f)", read_fcw());
	load_x87(0x27f, true);
	xrstor_safe(area_a, 0);
	report(read_fcw() == 0x27f, "x87: RFBM[0] clear: XRSTOR leaves it alone");
}

static void check_sse(u64 xcr0)
{
	u8 want[256], got[256], other[256];
	int vec;

	fill(want, sizeof(want), 0x11);
	load_xmm(want);
	write_mxcsr(0x7f80);	/* every exception masked, round toward zero */
	memset(area_a, 0, AREA_SIZE);
	xsave_safe(area_a, xcr0);
	report(!memcmp(area_a + XMM_OFFSET, want, 256), "SSE: XSAVE stores XMM0-15");
	report(*(u32 *)(area_a + MXCSR_OFFSET) == (0x7f80) && (*xstate_bv(area_a) & XFEATURE_MASK_SSE),
	       "SSE: XSAVE stores MXCSR (%#x) and XSTATE_BV[1]", *(u32 *)(area_a + MXCSR_OFFSET));
	fill(other, sizeof(other), 0x99);
	load_xmm(other);
	write_mxcsr(0x1f80);
	xrstor_safe(area_a, XFEATURE_MASK_SSE);
	store_xmm(got);
	report(!memcmp(got, want, 256) && read_mxcsr() == (0x7f80), "SSE: XRSTOR loads XMM0-15 and MXCSR");
	load_xmm(other);
	xrstor_safe(area_a, XFEATURE_MASK_FP);
	store_xmm(got);
	report(!memcmp(got, other, 256), "SSE: RFBM[1] clear: XRSTOR leaves XMM alone");
	memcpy(area_b, area_a, AREA_SIZE);
	*xstate_bv(area_b) &= ~XFEATURE_MASK_SSE;
	xrstor_safe(area_b, XFEATURE_MASK_SSE);
	store_xmm(got);
	report(all_zero(got, 256), "SSE: XSTATE_BV[1] clear: XRSTOR zeroes XMM0-15");

	memcpy(area_b, area_a, AREA_SIZE);
	*(u32 *)(area_b + MXCSR_OFFSET) |= BIT(20);
	vec = xrstor_safe(area_b, XFEATURE_MASK_SSE);
	report_kfail(under_tcg(), vec == GP_VECTOR,
		     "SSE: XRSTOR of an MXCSR with a reserved bit: #GP (vector %d; QEMU 7.2 TCG loads it)", vec);
	write_mxcsr(0x1f80);
}

static void check_ymm(u64 xcr0)
{
	u8 want[512], got[512], other[512];
	u32 off = cpuid_indexed(0xd, 2).b;
	bool ok = true;
	int i;

	if (!(xcr0 & XFEATURE_MASK_YMM)) {
		report_skip("AVX: the CPU lacks it (CPUID.(0DH,0):EAX[2])");
		return;
	}
	fill(want, sizeof(want), 0x35);
	load_ymm(want);
	memset(area_a, 0, AREA_SIZE);
	xsave_safe(area_a, xcr0);
	for (i = 0; i < 16; i++)
		ok = ok && !memcmp(area_a + XMM_OFFSET + 16 * i, want + 32 * i, 16) &&
		     !memcmp(area_a + off + 16 * i, want + 32 * i + 16, 16);
	report(ok && (*xstate_bv(area_a) & XFEATURE_MASK_YMM),
	       "AVX: XSAVE stores the low halves in the legacy area and the high halves at %u", off);
	fill(other, sizeof(other), 0xc3);
	load_ymm(other);
	xrstor_safe(area_a, XFEATURE_MASK_YMM);
	store_ymm(got);
	ok = true;
	for (i = 0; i < 16; i++)
		ok = ok && !memcmp(got + 32 * i, other + 32 * i, 16) &&
		     !memcmp(got + 32 * i + 16, want + 32 * i + 16, 16);
	report(ok, "AVX: XRSTOR with RFBM = AVX loads only the high halves");
	xrstor_safe(area_a, XFEATURE_MASK_SSE | XFEATURE_MASK_YMM);
	store_ymm(got);
	report(!memcmp(got, want, 512), "AVX: XRSTOR with RFBM = SSE|AVX loads YMM0-15 whole");
	report((xgetbv(XCR_XFEATURE_IN_USE_MASK) & XFEATURE_MASK_YMM), "AVX: XGETBV(1) says AVX is in use (%#" PRIx64
	       ")", xgetbv(XCR_XFEATURE_IN_USE_MASK));
	memcpy(area_b, area_a, AREA_SIZE);
	*xstate_bv(area_b) &= ~XFEATURE_MASK_YMM;
	xrstor_safe(area_b, XFEATURE_MASK_YMM);
	store_ymm(got);
	ok = true;
	for (i = 0; i < 16; i++)
		ok = ok && all_zero(got + 32 * i + 16, 16) && !memcmp(got + 32 * i, want + 32 * i, 16);
	report(ok, "AVX: XSTATE_BV[2] clear: XRSTOR zeroes the high halves only");
	if (cpuid_indexed(0xd, 1).a & BIT(2))
		report(!(xgetbv(XCR_XFEATURE_IN_USE_MASK) & ~xcr0), "XGETBV(1) reports no component outside XCR0");
}

static void check_pkru(u64 xcr0)
{
	u32 off = cpuid_indexed(0xd, 9).b;

	if (!(xcr0 & XFEATURE_MASK_PKRU) || !this_cpu_has(X86_FEATURE_PKU)) {
		report_skip("PKRU: the CPU lacks it (CPUID.(07H,0):ECX[3], CPUID.(0DH,0):EAX[9])");
		return;
	}
	write_cr4(read_cr4() | X86_CR4_PKE);
	write_pkru(0x55555554);
	memset(area_a, 0, AREA_SIZE);
	xsave_safe(area_a, xcr0);
	report(*(u32 *)(area_a + off) == 0x55555554 && (*xstate_bv(area_a) & XFEATURE_MASK_PKRU),
	       "PKRU: XSAVE stores it at %u (%#x)", off, *(u32 *)(area_a + off));
	write_pkru(0);
	xrstor_safe(area_a, XFEATURE_MASK_PKRU);
	report(read_pkru() == 0x55555554, "PKRU: XRSTOR loads it (%#x)", read_pkru());
	*xstate_bv(area_a) &= ~XFEATURE_MASK_PKRU;
	xrstor_safe(area_a, XFEATURE_MASK_PKRU);
	report(read_pkru() == 0, "PKRU: XSTATE_BV[9] clear: XRSTOR sets it to 0 (%#x)", read_pkru());
	write_cr4(read_cr4() & ~X86_CR4_PKE);
}

static void check_xsaveopt(u64 xcr0)
{
	u8 want[256];
	int vec;

	if (!(cpuid_indexed(0xd, 1).a & BIT(0))) {
		report_skip("XSAVEOPT: the CPU lacks it (CPUID.(0DH,1):EAX[0])");
		return;
	}
	fill(want, sizeof(want), 0x5a);
	load_xmm(want);
	memset(area_a, 0, AREA_SIZE);
	memset(area_b, 0, AREA_SIZE);
	xsave_safe(area_a, xcr0);
	vec = xsaveopt_safe(area_b, xcr0);
	report(vec == 0 && !memcmp(area_b + XMM_OFFSET, want, 256) && !memcmp(area_b, area_a, 32) &&
	       (*xstate_bv(area_b) & XFEATURE_MASK_SSE), "XSAVEOPT to a fresh area stores what XSAVE stores");
	xrstor_safe(area_b, xcr0);
	fill(want, sizeof(want), 0x21);
	load_xmm(want);
	xsaveopt_safe(area_b, xcr0);
	report(!memcmp(area_b + XMM_OFFSET, want, 256), "XSAVEOPT after XRSTOR stores a modified component");
	report(xsaveopt_safe(area_b + 8, xcr0) == GP_VECTOR, "XSAVEOPT to an area not 64-byte aligned: #GP");
}

static void check_xrstor_faults(u64 xcr0)
{
	xsave_safe(area_a, xcr0);
	memcpy(area_b, area_a, AREA_SIZE);
	*xstate_bv(area_b) |= BIT_ULL(62);
	report(xrstor_safe(area_b, xcr0) == GP_VECTOR, "XRSTOR with XSTATE_BV beyond XCR0: #GP");
	memcpy(area_b, area_a, AREA_SIZE);
	*(u64 *)(area_b + XCOMP_BV_OFFSET + 8) = 1;
	report(xrstor_safe(area_b, xcr0) == GP_VECTOR, "XRSTOR with a reserved header byte set: #GP");
	if (!(cpuid_indexed(0xd, 1).a & BIT(1))) {
		memcpy(area_b, area_a, AREA_SIZE);
		*(u64 *)(area_b + XCOMP_BV_OFFSET) = BIT_ULL(63) | xcr0;
		report(xrstor_safe(area_b, xcr0) == GP_VECTOR,
		       "XRSTOR of a compacted area without XSAVEC support: #GP");
	}
	report(xrstor_safe(area_a + 16, xcr0) == GP_VECTOR, "XRSTOR from an area not 64-byte aligned: #GP");
	report(xsave_safe(area_a + 32, xcr0) == GP_VECTOR, "XSAVE to an area not 64-byte aligned: #GP");
	report(xrstor_safe(area_a, xcr0) == 0, "XRSTOR of what XSAVE stored: no fault");
}

static void check_xsavec(u64 xcr0)
{
	u8 want[256];

	if (!(cpuid_indexed(0xd, 1).a & BIT(1))) {
		report_skip("XSAVEC: the CPU lacks it (CPUID.(0DH,1):EAX[1])");
		return;
	}
	fill(want, sizeof(want), 0x77);
	load_xmm(want);
	memset(area_a, 0, AREA_SIZE);
	report(xsavec_safe(area_a, xcr0) == 0 && !memcmp(area_a + XMM_OFFSET, want, 256),
	       "XSAVEC stores XMM0-15 in the legacy area");
	report(*(u64 *)(area_a + XCOMP_BV_OFFSET) >> 63, "XSAVEC sets XCOMP_BV[63] (compacted form)");
	load_xmm(area_b);
	report(xrstor_safe(area_a, xcr0) == 0, "XRSTOR takes the compacted form");
	store_xmm(area_b);
	report(!memcmp(area_b, want, 256), "and loads XMM0-15 from it");
}

static void check_xss(void)
{
	struct cpuid d1 = cpuid_indexed(0xd, 1);
	u64 xss_supported = d1.c | ((u64)d1.d << 32), v;
	int vec, bit;

	if (!(d1.a & BIT(3))) {
		vec = rdmsr_safe(MSR_IA32_XSS, &v);
		report_kfail(under_tcg(), vec == GP_VECTOR,
			     "no XSAVES (CPUID.(0DH,1):EAX[3]): IA32_XSS does not exist, rdmsr #GP (vector %d)", vec);
		return;
	}
	report(wrmsr_safe(MSR_IA32_XSS, 0) == 0 && rdmsr(MSR_IA32_XSS) == 0, "IA32_XSS takes 0");
	for (bit = 0; bit < 64; bit++) {
		vec = wrmsr_safe(MSR_IA32_XSS, BIT_ULL(bit));
		if (xss_supported & BIT_ULL(bit))
			report(vec == 0 && rdmsr(MSR_IA32_XSS) == BIT_ULL(bit), "IA32_XSS bit %d round trip", bit);
		else if (bit < 20)
			report(vec == GP_VECTOR, "IA32_XSS bit %d, not in CPUID.(0DH,1):EDX:ECX: #GP", bit);
	}
	wrmsr(MSR_IA32_XSS, 0);
}

/* XSAVE touches only the components RFBM names, XSTATE_BV bits included. */
static void check_rfbm_partial(u64 xcr0)
{
	u32 off = cpuid_indexed(0xd, 2).b;
	u8 want[256];

	if (!(xcr0 & XFEATURE_MASK_YMM)) {
		report_skip("partial RFBM: the CPU lacks AVX (CPUID.(0DH,0):EAX[2])");
		return;
	}
	memset(area_a, 0xee, AREA_SIZE);
	*xstate_bv(area_a) = XFEATURE_MASK_YMM;
	memset(area_a + XSTATE_BV_OFFSET + 8, 0, 56);
	fill(want, sizeof(want), 0x42);
	load_xmm(want);
	xsave_safe(area_a, XFEATURE_MASK_FP_SSE);
	report((*xstate_bv(area_a) & XFEATURE_MASK_YMM) && (*xstate_bv(area_a) & XFEATURE_MASK_SSE),
	       "XSAVE with RFBM = x87|SSE leaves XSTATE_BV[2] as it was (%#" PRIx64 ")", *xstate_bv(area_a));
	report(area_a[off] == 0xee && area_a[off + 255] == 0xee && !memcmp(area_a + XMM_OFFSET, want, 256),
	       "and writes SSE state but not the AVX area");
}

/* MXCSR is loaded when RFBM[1] or RFBM[2] is set, whatever XSTATE_BV[1] says. */
static void check_mxcsr_load(u64 xcr0)
{
	u8 got[256];

	write_mxcsr(0x7f80);
	xsave_safe(area_a, xcr0);
	write_mxcsr(0x1f80);
	*xstate_bv(area_a) &= ~XFEATURE_MASK_SSE;
	xrstor_safe(area_a, XFEATURE_MASK_SSE);
	store_xmm(got);
	report(all_zero(got, 256) && read_mxcsr() == 0x7f80,
	       "XSTATE_BV[1] clear, RFBM[1] set: XMM initialized, MXCSR still loaded (%#x)", read_mxcsr());
	write_mxcsr(0x1f80);
	if (xcr0 & XFEATURE_MASK_YMM) {
		xrstor_safe(area_a, XFEATURE_MASK_YMM);
		report_kfail(under_tcg(), read_mxcsr() == 0x7f80,
			     "RFBM = AVX alone: MXCSR loaded too (%#x; QEMU 7.2 TCG loads it only with SSE)",
			     read_mxcsr());
	}
	write_mxcsr(0x1f80);
}

/* CR0.TS makes XSAVE and XRSTOR #NM; XGETBV and XSETBV do not look at it. */
static void check_ts(u64 xcr0)
{
	u64 v;
	int vec;

	write_cr0(read_cr0() | X86_CR0_TS);
	vec = xsave_safe(area_a, xcr0);
	report_kfail(under_tcg(), vec == NM_VECTOR, "CR0.TS: XSAVE raises #NM (vector %d; QEMU 7.2 TCG ignores TS)",
		     vec);
	vec = xrstor_safe(area_a, xcr0);
	report_kfail(under_tcg(), vec == NM_VECTOR, "CR0.TS: XRSTOR raises #NM (vector %d)", vec);
	vec = xgetbv_safe(XCR_XFEATURE_ENABLED_MASK, &v);
	report(vec == 0 && v == xcr0, "CR0.TS: XGETBV works");
	vec = xsetbv_safe(XCR_XFEATURE_ENABLED_MASK, xcr0);
	report(vec == 0, "CR0.TS: XSETBV works");
	write_cr0(read_cr0() & ~X86_CR0_TS);
}

static u64 user_xsetbv(void)
{
	xsetbv(XCR_XFEATURE_ENABLED_MASK, XFEATURE_MASK_FP_SSE);
	return 1;
}

static u64 user_xgetbv(void)
{
	return xgetbv(XCR_XFEATURE_ENABLED_MASK) | BIT_ULL(60);
}

static void check_cpl3(u64 xcr0)
{
	bool raised;
	u64 v;

	run_in_user(user_xsetbv, GP_VECTOR, 0, 0, 0, 0, &raised);
	report(raised && xgetbv(XCR_XFEATURE_ENABLED_MASK) == xcr0, "XSETBV at CPL 3: #GP, XCR0 unchanged");
	v = run_in_user(user_xgetbv, GP_VECTOR, 0, 0, 0, 0, &raised);
	report(!raised && v == (xcr0 | BIT_ULL(60)), "XGETBV at CPL 3 works (%#" PRIx64 ")", (u64)(v & ~BIT_ULL(60)));
}

/* XGETBV and XSETBV take ECX, ignoring RCX[63:32]; LOCK makes XSAVE and XRSTOR #UD. */
static void check_encoding(u64 xcr0)
{
	u32 a, d;

	asm volatile("xgetbv" : "=a"(a), "=d"(d) : "c"(1ULL << 32));
	report((a | ((u64)d << 32)) == xcr0, "XGETBV ignores RCX[63:32]");
	asm volatile(ASM_TRY("1f") "xsetbv\n1:" : : "a"((u32)XFEATURE_MASK_FP_SSE), "d"(0), "c"(1ULL << 32) : "memory");
	report(exception_vector() == 0 && xgetbv(XCR_XFEATURE_ENABLED_MASK) == XFEATURE_MASK_FP_SSE,
	       "XSETBV ignores RCX[63:32]");
	xsetbv(XCR_XFEATURE_ENABLED_MASK, xcr0);
	asm volatile(ASM_TRY("1f") ".byte 0xf0; xsave (%0)\n1:" : : "r"(area_a), "a"(1), "d"(0) : "memory");
	report(exception_vector() == UD_VECTOR, "LOCK XSAVE: #UD");
	asm volatile(ASM_TRY("1f") ".byte 0xf0; xrstor (%0)\n1:" : : "r"(area_a), "a"(1), "d"(0) : "memory");
	report(exception_vector() == UD_VECTOR, "LOCK XRSTOR: #UD");
}

int main(void)
{
	struct cpuid d0;
	u64 xcr0;

	if (!this_cpu_has(X86_FEATURE_XSAVE)) {
		report_skip("the CPU lacks XSAVE (CPUID.1:ECX[26])");
		return report_summary();
	}
	d0 = cpuid_indexed(0xd, 0);
	supported = d0.a | ((u64)d0.d << 32);
	write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	write_cr0(read_cr0() & ~(X86_CR0_EM | X86_CR0_TS));

	report_prefix_push("osxsave");
	check_no_osxsave();
	report_prefix_pop();
	report_prefix_push("xcr0");
	check_xcr0_rules();
	report_prefix_pop();
	report_prefix_push("cpuid");
	check_cpuid_sizes();
	report_prefix_pop();

	xcr0 = supported & (XFEATURE_MASK_FP_SSE | XFEATURE_MASK_YMM | XFEATURE_MASK_PKRU);
	xsetbv(XCR_XFEATURE_ENABLED_MASK, xcr0);
	report_prefix_push("xsave");
	check_x87(xcr0);
	check_sse(xcr0);
	check_ymm(xcr0);
	check_pkru(xcr0);
	check_xsaveopt(xcr0);
	check_xrstor_faults(xcr0);
	check_xsavec(xcr0);
	check_rfbm_partial(xcr0);
	check_mxcsr_load(xcr0);
	check_ts(xcr0);
	check_cpl3(xcr0);
	check_encoding(xcr0);
	report_prefix_pop();
	report_prefix_push("xss");
	check_xss();
	report_prefix_pop();
	xsetbv(XCR_XFEATURE_ENABLED_MASK, XFEATURE_MASK_FP_SSE);
	return report_summary();
}
