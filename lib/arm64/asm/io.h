/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/io.h - MMIO accessors, and where the console's UART is. Each is one load or store instruction of
 * the access size, written in assembly so the compiler can neither merge,
 * split nor tear it (a device register sees exactly the access asked for;
 * under KVM an MMIO exit must decode a single plain load/store).
 */
#ifndef _ASM_ARM64_IO_H_
#define _ASM_ARM64_IO_H_

#include "libcflat.h"
#include "asm/page.h"
#include "asm/barrier.h"

/* Map size bytes of device registers at phys (Device-nGnRnE, identity mapped); their address. */
extern void *ioremap(phys_addr_t phys, size_t size);

static inline u8 readb(const volatile void *addr)
{
	u8 v;

	asm volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline u16 readw(const volatile void *addr)
{
	u16 v;

	asm volatile("ldrh %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline u32 readl(const volatile void *addr)
{
	u32 v;

	asm volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline u64 readq(const volatile void *addr)
{
	u64 v;

	asm volatile("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline void writeb(u8 v, volatile void *addr)
{
	asm volatile("strb %w0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

static inline void writew(u16 v, volatile void *addr)
{
	asm volatile("strh %w0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

static inline void writel(u32 v, volatile void *addr)
{
	asm volatile("str %w0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

static inline void writeq(u64 v, volatile void *addr)
{
	asm volatile("str %x0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

/* The console's PL011: the virt machine's until setup.c moves it to the device tree's stdout-path. */
extern void io_set_uart(phys_addr_t base);
extern phys_addr_t io_uart_base(void);

#endif /* _ASM_ARM64_IO_H_ */
