/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm-generic/io.h - MMIO accessors with kvm-unit-tests' names for an arch
 * whose asm/io.h has no instructions of its own to use (s390x, ppc64): one
 * volatile access of the size asked for, no merging or tearing of an
 * aligned access. readX/writeX are little-endian, as PCI devices' registers
 * are (byte-swapped on a big-endian CPU), __raw_ ones native; ioremap is
 * the identity (real addresses, or an identity map).
 */
#ifndef _ASM_GENERIC_IO_H_
#define _ASM_GENERIC_IO_H_

#include "libcflat.h"
#include "asm/page.h"
#include "asm/barrier.h"

#define __iomem

#define __IO_RAW(sz, type)							\
static inline type __raw_read##sz(const volatile void *addr)			\
{										\
	return *(const volatile type *)addr;					\
}										\
static inline void __raw_write##sz(type v, volatile void *addr)		\
{										\
	*(volatile type *)addr = v;						\
}
__IO_RAW(b, u8)
__IO_RAW(w, u16)
__IO_RAW(l, u32)
__IO_RAW(q, u64)
#undef __IO_RAW

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define le16_to_cpu(x)		__builtin_bswap16(x)
#define le32_to_cpu(x)		__builtin_bswap32(x)
#define le64_to_cpu(x)		__builtin_bswap64(x)
#define be16_to_cpu(x)		((u16)(x))
#define be32_to_cpu(x)		((u32)(x))
#define be64_to_cpu(x)		((u64)(x))
#else
#define le16_to_cpu(x)		((u16)(x))
#define le32_to_cpu(x)		((u32)(x))
#define le64_to_cpu(x)		((u64)(x))
#define be16_to_cpu(x)		__builtin_bswap16(x)
#define be32_to_cpu(x)		__builtin_bswap32(x)
#define be64_to_cpu(x)		__builtin_bswap64(x)
#endif
#define cpu_to_le16(x)		le16_to_cpu(x)
#define cpu_to_le32(x)		le32_to_cpu(x)
#define cpu_to_le64(x)		le64_to_cpu(x)
#define cpu_to_be16(x)		be16_to_cpu(x)
#define cpu_to_be32(x)		be32_to_cpu(x)
#define cpu_to_be64(x)		be64_to_cpu(x)

/* Device order: the access is complete before anything after it, as on every arch. */
#define readb(addr)		({ u8 __v = __raw_readb(addr); rmb(); __v; })
#define readw(addr)		({ u16 __v = le16_to_cpu(__raw_readw(addr)); rmb(); __v; })
#define readl(addr)		({ u32 __v = le32_to_cpu(__raw_readl(addr)); rmb(); __v; })
#define readq(addr)		({ u64 __v = le64_to_cpu(__raw_readq(addr)); rmb(); __v; })
#define writeb(v, addr)		({ wmb(); __raw_writeb((v), addr); })
#define writew(v, addr)		({ wmb(); __raw_writew(cpu_to_le16(v), addr); })
#define writel(v, addr)		({ wmb(); __raw_writel(cpu_to_le32(v), addr); })
#define writeq(v, addr)		({ wmb(); __raw_writeq(cpu_to_le64(v), addr); })

static inline void __iomem *ioremap(phys_addr_t phys, size_t size)
{
	return phys_to_virt(phys);
}

#endif /* _ASM_GENERIC_IO_H_ */
