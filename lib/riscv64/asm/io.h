/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/io.h - MMIO accessors for riscv64. Each access is one load or store
 * of its width; the fences order it after earlier stores to memory (a
 * device reading a buffer) and before later loads (a status register).
 */
#ifndef _ASM_RISCV64_IO_H_
#define _ASM_RISCV64_IO_H_

#include "libcflat.h"
#include "asm/page.h"
#include "asm/barrier.h"

#define __RISCV_READ(name, type, insn)						\
static inline type name(const volatile void *addr)				\
{										\
	type v;									\
										\
	asm volatile(insn " %0, 0(%1)\n\tfence i, ir" : "=r"(v) : "r"(addr) : "memory");	\
	return v;								\
}

#define __RISCV_WRITE(name, type, insn)						\
static inline void name(type v, volatile void *addr)				\
{										\
	asm volatile("fence w, o\n\t" insn " %0, 0(%1)" : : "rJ"(v), "r"(addr) : "memory");	\
}

__RISCV_READ(readb, u8, "lbu")
__RISCV_READ(readw, u16, "lhu")
__RISCV_READ(readl, u32, "lwu")
__RISCV_READ(readq, u64, "ld")
__RISCV_WRITE(writeb, u8, "sb")
__RISCV_WRITE(writew, u16, "sh")
__RISCV_WRITE(writel, u32, "sw")
__RISCV_WRITE(writeq, u64, "sd")

#endif /* _ASM_RISCV64_IO_H_ */
