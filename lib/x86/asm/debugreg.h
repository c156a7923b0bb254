/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * asm/debugreg.h - the bits of the debug status (DR6) and debug control
 * (DR7) registers, for tests of breakpoints and single-stepping.
 */
#ifndef _ASM_X86_DEBUGREG_H_
#define _ASM_X86_DEBUGREG_H_

#include "bitops.h"

/* DR6: which condition fired. B0..B3 are the four breakpoints. */
#define DR6_TRAP0	BIT(0)		/* B0..B3: breakpoint condition n was met */
#define DR6_TRAP1	BIT(1)
#define DR6_TRAP2	BIT(2)
#define DR6_TRAP3	BIT(3)
#define DR6_TRAP_BITS	GENMASK(3, 0)
#define DR6_BUS_LOCK	BIT(11)
#define DR6_BD		BIT(13)		/* debug register access detected */
#define DR6_BS		BIT(14)		/* single step */
#define DR6_BT		BIT(15)		/* task switch */
#define DR6_RTM		BIT(16)
#define DR6_ACTIVE_LOW	0xffff0ff0	/* bits that read 1 when their condition is absent */
#define DR6_VOLATILE	0x0001e80f
#define DR6_FIXED_1	0xfffe0ff0
#define DR6_RESERVED	0xffff0ff0

/* DR7: local/global enables, then per breakpoint a type and a length. */
#define DR7_FIXED_1	0x00000400
#define DR7_VOLATILE	0xffff2bff
#define DR7_GD		BIT(13)		/* general detect: #DB on a debug register access */
#define DR7_BP_EN_MASK	GENMASK(7, 0)	/* L0, G0 .. L3, G3 */
#define DR7_LE		BIT(8)
#define DR7_GE		BIT(9)
#define DR7_RTM		BIT(11)
#define DR7_LOCAL_ENABLE_DR0	BIT(0)
#define DR7_GLOBAL_ENABLE_DR0	BIT(1)
#define DR7_LOCAL_ENABLE_DR1	BIT(2)
#define DR7_GLOBAL_ENABLE_DR1	BIT(3)
#define DR7_LOCAL_ENABLE_DR2	BIT(4)
#define DR7_GLOBAL_ENABLE_DR2	BIT(5)
#define DR7_LOCAL_ENABLE_DR3	BIT(6)
#define DR7_GLOBAL_ENABLE_DR3	BIT(7)
#define DR7_LOCAL_ENABLE_DRx(x)		BIT(2 * (x))
#define DR7_GLOBAL_ENABLE_DRx(x)	BIT(2 * (x) + 1)
#define DR7_ENABLE_DRx(x)	(DR7_LOCAL_ENABLE_DRx(x) | DR7_GLOBAL_ENABLE_DRx(x))
#define DR7_RW_SHIFT(x)		(16 + 4 * (x))
#define DR7_LEN_SHIFT(x)	(18 + 4 * (x))
/* The R/Wn field of breakpoint x set to rw (0 execute, 1 write, 2 I/O, 3 read or write), LENn to enc. */
#define DR7_RW_TYPE_DRx(x, rw)	((unsigned long)(rw) << DR7_RW_SHIFT(x))
#define DR7_LEN_DRx(x, enc)	((unsigned long)(enc) << DR7_LEN_SHIFT(x))
#define DR7_EXECUTE_DRx(x)	(0UL << DR7_RW_SHIFT(x))
#define DR7_WRITE_DRx(x)	(1UL << DR7_RW_SHIFT(x))
#define DR7_PORT_IO_DRx(x)	(2UL << DR7_RW_SHIFT(x))
#define DR7_DATA_IO_DRx(x)	(3UL << DR7_RW_SHIFT(x))
#define DR7_LEN_1_DRx(x)	(0UL << DR7_LEN_SHIFT(x))
#define DR7_LEN_2_DRx(x)	(1UL << DR7_LEN_SHIFT(x))
#define DR7_LEN_4_DRx(x)	(3UL << DR7_LEN_SHIFT(x))
#define DR7_LEN_8_DRx(x)	(2UL << DR7_LEN_SHIFT(x))

#endif /* _ASM_X86_DEBUGREG_H_ */
