/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/vector.h - vector registers for tests of the vector facility: the
 * library is built without them (-mno-vx), so a test names them in these
 * inline-assembly blocks only, with CR0's AFP and vector controls on.
 * A function that names V8-V15 saves and restores f8-f15 (their left
 * halves, preserved by the ABI) in its prologue and epilogue: it must be
 * called with the AFP control already on, and what it puts in V8-V15 is
 * lost when it returns.
 */
#ifndef _ASM_S390X_VECTOR_H_
#define _ASM_S390X_VECTOR_H_

/* Assemble insns for z13, whatever -march the image is built for. */
#define VX(insns)	".machine push\n.machine z13\n" insns "\n.machine pop\n"

/* Vector register n = (hi, lo) and back. */
#define VR_SET(n, hi, lo)	asm volatile(VX("vlvgg %%v" #n ",%0,0\n vlvgg %%v" #n ",%1,1")	\
					     : : "d"(hi), "d"(lo) : "v" #n)
#define VR_GET(n, hi, lo)	asm volatile(VX("vlgvg %0,%%v" #n ",0\n vlgvg %1,%%v" #n ",1")	\
					     : "=d"(hi), "=d"(lo))

/* M(n) for each of the 32 vector registers. */
#define VR_ALL(M)	M(0); M(1); M(2); M(3); M(4); M(5); M(6); M(7); M(8); M(9); M(10); M(11);	\
			M(12); M(13); M(14); M(15); M(16); M(17); M(18); M(19); M(20); M(21); M(22);	\
			M(23); M(24); M(25); M(26); M(27); M(28); M(29); M(30); M(31)

#endif /* _ASM_S390X_VECTOR_H_ */
