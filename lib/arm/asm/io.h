/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/io.h - MMIO accessors for arm, and where the console's UART is. Each
 * is one load or store instruction of the access size (LDRD/STRD for the
 * 64-bit ones, a single-copy atomic access to an 8-byte aligned address
 * with LPAE), written in assembly so the compiler can neither merge, split
 * nor tear it, and so that under KVM an MMIO exit decodes a plain access.
 */
#ifndef _ASM_ARM_IO_H_
#define _ASM_ARM_IO_H_

#include "libcflat.h"
#include "asm/page.h"
#include "asm/barrier.h"

static inline u8 readb(const volatile void *addr)
{
	u8 v;

	asm volatile("ldrb %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline u16 readw(const volatile void *addr)
{
	u16 v;

	asm volatile("ldrh %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline u32 readl(const volatile void *addr)
{
	u32 v;

	asm volatile("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline u64 readq(const volatile void *addr)
{
	u64 v;

	asm volatile("ldrd %Q0, %R0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void writeb(u8 v, volatile void *addr)
{
	asm volatile("strb %0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

static inline void writew(u16 v, volatile void *addr)
{
	asm volatile("strh %0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

static inline void writel(u32 v, volatile void *addr)
{
	asm volatile("str %0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

static inline void writeq(u64 v, volatile void *addr)
{
	asm volatile("strd %Q0, %R0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

/* Map a device's registers (Strongly-ordered) in the identity map; returns its address (mmu.c). */
extern void *ioremap(phys_addr_t phys, size_t size);

/* The console's PL011: the virt machine's until setup.c moves it to the device tree's stdout-path. */
extern void io_set_uart(phys_addr_t base);
extern phys_addr_t io_uart_base(void);

#endif /* _ASM_ARM_IO_H_ */
