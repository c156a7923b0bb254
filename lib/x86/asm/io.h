/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/io.h - x86 port I/O and the identity-mapped address conversions.
 */
#ifndef _ASM_X86_IO_H_
#define _ASM_X86_IO_H_

#include "libcflat.h"
#include "asm/page.h"

static inline u8 inb(u16 port)
{
	u8 v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u16 inw(u16 port)
{
	u16 v;

	asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u32 inl(u16 port)
{
	u32 v;

	asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outb(u8 v, u16 port)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(u16 v, u16 port)
{
	asm volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(u32 v, u16 port)
{
	asm volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

/*
 * A virtual address for size bytes of device memory at phys: below 4 GiB,
 * which the boot page tables and setup_vm() both map 1:1, phys itself;
 * above, fresh pages from vmap().
 */
extern void *ioremap(phys_addr_t phys, size_t size);

static inline u8 readb(const volatile void *addr)
{
	return *(const volatile u8 *)addr;
}

static inline u32 readl(const volatile void *addr)
{
	return *(const volatile u32 *)addr;
}

static inline void writeb(u8 v, volatile void *addr)
{
	*(volatile u8 *)addr = v;
}

static inline void writel(u32 v, volatile void *addr)
{
	*(volatile u32 *)addr = v;
}

static inline u64 readq(const volatile void *addr)
{
	return *(const volatile u64 *)addr;
}

static inline void writeq(u64 v, volatile void *addr)
{
	*(volatile u64 *)addr = v;
}

/* kvm-unit-tests' spellings: on x86 every MMIO access is already ordered, so raw and plain are the same. */
#define __raw_readl(a)		readl(a)
#define __raw_readq(a)		readq(a)
#define __raw_writel(v, a)	writel(v, a)
#define __raw_writeq(v, a)	writeq(v, a)

#endif /* _ASM_X86_IO_H_ */
