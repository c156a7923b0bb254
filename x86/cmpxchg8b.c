/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cmpxchg8b.c - CMPXCHG8B in 32-bit protected mode (Intel SDM vol. 2,
 * CMPXCHG8B/CMPXCHG16B): EDX:EAX is compared with the 64-bit operand; if
 * equal, ZF is set and ECX:EBX is stored, else ZF is cleared and the
 * operand is loaded into EDX:EAX. A register operand is #UD.
 *
 * Catches a hypervisor or emulator that compares only 32 bits, swaps the
 * halves, stores on a mismatch something other than the old value, leaves
 * ZF alone, or accepts the register form (an instruction emulator decoding
 * ModRM.mod == 3 as memory).
 */
#include "libcflat.h"
#include "desc.h"
#include "processor.h"

struct result {
	u64 mem, edx_eax;
	bool zf;
};

/* CMPXCHG8B m64 with EDX:EAX = expect, ECX:EBX = new; lock: with the LOCK prefix. */
static struct result cmpxchg8b(u64 mem, u64 expect, u64 new, bool lock)
{
	struct result r = { .mem = mem };
	u32 lo = expect, hi = expect >> 32;
	u8 zf;

	if (lock)
		asm volatile("lock cmpxchg8b %[m]; setz %[zf]"
			     : [m] "+m"(r.mem), "+a"(lo), "+d"(hi), [zf] "=q"(zf)
			     : "b"((u32)new), "c"((u32)(new >> 32)) : "memory", "cc");
	else
		asm volatile("cmpxchg8b %[m]; setz %[zf]"
			     : [m] "+m"(r.mem), "+a"(lo), "+d"(hi), [zf] "=q"(zf)
			     : "b"((u32)new), "c"((u32)(new >> 32)) : "memory", "cc");
	r.edx_eax = (u64)hi << 32 | lo;
	r.zf = zf;
	return r;
}

static void check(const char *what, bool lock)
{
	const u64 old = 0x1122334455667788ULL, new = 0x99aabbccddeeff00ULL;
	struct result r;

	r = cmpxchg8b(old, old, new, lock);
	report(r.zf && r.mem == new && r.edx_eax == old,
	       "%s: equal: ZF %d, m64 %#" PRIx64 " (ECX:EBX), EDX:EAX %#" PRIx64 " kept",
	       what, r.zf, r.mem, r.edx_eax);
	/* The low halves match: a 32-bit compare would call them equal. */
	r = cmpxchg8b(old, old ^ (1ULL << 63), new, lock);
	report(!r.zf && r.mem == old && r.edx_eax == old,
	       "%s: high halves differ: ZF %d, m64 %#" PRIx64 " kept, EDX:EAX %#" PRIx64 " loaded from it",
	       what, r.zf, r.mem, r.edx_eax);
	r = cmpxchg8b(old, old ^ 1, new, lock);
	report(!r.zf && r.mem == old && r.edx_eax == old,
	       "%s: low halves differ: ZF %d, m64 %#" PRIx64 " kept, EDX:EAX %#" PRIx64 " loaded from it",
	       what, r.zf, r.mem, r.edx_eax);
}

int main(void)
{
	unsigned int v;

	/* CPUID.01H:EDX.CX8[bit 8]. */
	if (!(cpuid(1).d & BIT(8))) {
		report_skip("the CPU lacks CMPXCHG8B (CPUID.01H:EDX.CX8)");
		return report_summary();
	}
	check("cmpxchg8b", false);
	check("lock cmpxchg8b", true);
	/* 0f c7 /1 with ModRM 0xc9: mod 3, a register operand. */
	v = asm_safe(".byte 0x0f, 0xc7, 0xc9");
	report(v == UD_VECTOR, "cmpxchg8b with a register operand: #UD expected, %s raised",
	       v ? exception_mnemonic(v) : "nothing");
	return report_summary();
}
