/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/byteorder.h - big-endian values (RTAS argument blocks, the VPA, the
 * XIVE's registers and event queues) in an image of either byte order
 * (Linux's names).
 */
#ifndef _ASM_PPC64_BYTEORDER_H_
#define _ASM_PPC64_BYTEORDER_H_

#include "libcflat.h"

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define cpu_to_be16(v)	__builtin_bswap16(v)
#define cpu_to_be32(v)	__builtin_bswap32(v)
#define cpu_to_be64(v)	__builtin_bswap64(v)
#else
#define cpu_to_be16(v)	((u16)(v))
#define cpu_to_be32(v)	((u32)(v))
#define cpu_to_be64(v)	((u64)(v))
#endif
#define be16_to_cpu(v)	cpu_to_be16(v)
#define be32_to_cpu(v)	cpu_to_be32(v)
#define be64_to_cpu(v)	cpu_to_be64(v)

#endif /* _ASM_PPC64_BYTEORDER_H_ */
