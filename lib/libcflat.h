/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libcflat.h - the one header a test needs: types, helper macros, printf,
 * the report API, exit/abort/assert and the environment.
 *
 * Everything here is freestanding: it builds for every architecture with
 * no host C library, and on the host (for unit tests) with its symbols
 * renamed (see tests/host/rename.h).
 */
#ifndef _LIBCFLAT_H_
#define _LIBCFLAT_H_

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "string.h"
#include "linux/compiler.h"

typedef uint8_t		u8;
typedef int8_t		s8;
typedef uint16_t	u16;
typedef int16_t		s16;
typedef uint32_t	u32;
typedef int32_t		s32;
typedef uint64_t	u64;
typedef int64_t		s64;
typedef unsigned long	ulong;
typedef u64		phys_addr_t;
typedef long		ssize_t;

#define BITS_PER_LONG	(__SIZEOF_LONG__ * 8)

#define INT_MAX		__INT_MAX__
#define INT_MIN		(-INT_MAX - 1)
#define UINT_MAX	(INT_MAX * 2U + 1)
#define LONG_MAX	__LONG_MAX__
#define LONG_MIN	(-LONG_MAX - 1)
#define ULONG_MAX	(LONG_MAX * 2UL + 1)
#define LLONG_MAX	__LONG_LONG_MAX__
#define LLONG_MIN	(-LLONG_MAX - 1)
#define ULLONG_MAX	(LLONG_MAX * 2ULL + 1)

#define __unused	__attribute__((__unused__))
#define __noreturn	__attribute__((__noreturn__))
#define __printf(a, b)	__attribute__((__format__(__printf__, a, b)))
#define __aligned(x)	__attribute__((__aligned__(x)))
#define __packed	__attribute__((__packed__))
#define __always_inline	inline __attribute__((__always_inline__))
#define __weak		__attribute__((__weak__))
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define __ALIGN_MASK(x, mask)	(((x) + (mask)) & ~(mask))
#define ALIGN(x, a)		__ALIGN_MASK(x, (__typeof__(x))(a) - 1)
#define ALIGN_DOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))

#define MIN(a, b)		((a) < (b) ? (a) : (b))
#define MAX(a, b)		((a) > (b) ? (a) : (b))
#define ARRAY_SIZE(arr)		(sizeof(arr) / sizeof((arr)[0]))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define SZ_256			(1UL << 8)
#define SZ_4K			(1UL << 12)
#define SZ_8K			(1UL << 13)
#define SZ_16K			(1UL << 14)
#define SZ_64K			(1UL << 16)
#define SZ_1M			(1UL << 20)
#define SZ_2M			(1UL << 21)
#define SZ_1G			(1UL << 30)
#define SZ_2G			(1UL << 31)

#define __stringify_1(x)	#x
#define __stringify(x)		__stringify_1(x)
/* kvm-unit-tests' spelling: the macro-expanded arguments as a string, commas included. */
#define xxstr(s...)		#s
#define xstr(s...)		xxstr(s)

/* An unsigned long constant, and the halves of a 64-bit value (the Linux names). */
#define UL(x)			((unsigned long)(x))
#define upper_32_bits(n)	((u32)((u64)(n) >> 32))
#define lower_32_bits(n)	((u32)((u64)(n) & 0xffffffffU))

#define PRId32	"d"
#define PRIu32	"u"
#define PRIx32	"x"
#if __SIZEOF_LONG__ == 8
#define PRId64	"ld"
#define PRIu64	"lu"
#define PRIx64	"lx"
#else
#define PRId64	"lld"
#define PRIu64	"llu"
#define PRIx64	"llx"
#endif
#define PRIxPTR	"lx"

/*
 * Exit statuses a test image reports; ARCH/run passes them through unchanged
 * (docs/architecture.md has the whole table, with the runner's own codes).
 */
#define EXIT_PASS	0
#define EXIT_FAIL	1
#define EXIT_ABORT	64
#define EXIT_SKIP	77

/* Console (the arch provides puts/putchar/getchar on its serial port). */
extern int puts(const char *s);
extern int putchar(int c);
extern int getchar(void);
/* For the unexpected-exception path only: printing must work even if the fault hit inside printf. */
extern void console_break_lock(void);

extern int printf(const char *fmt, ...) __printf(1, 2);
extern int vprintf(const char *fmt, va_list va) __printf(1, 0);
extern int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
extern int vsnprintf(char *buf, size_t size, const char *fmt, va_list va) __printf(3, 0);

extern void exit(int code) __noreturn;
extern void abort(void) __noreturn;
extern long atol(const char *s);
extern char *getenv(const char *name);

/* The test's arguments and environment, set up before main(). */
extern int __argc;
extern const char *__args;
extern char *__argv[];
extern char **__environ;

/* The report API (lib/report.c): names and meanings of kvm-unit-tests. */
extern void report_prefix_push(const char *prefix);
extern void report_prefix_pushf(const char *fmt, ...) __printf(1, 2);
extern void report_prefix_pop(void);
extern void report_prefix_popn(int n);
extern bool report(bool pass, const char *fmt, ...) __printf(2, 3);
extern void report_pass(const char *fmt, ...) __printf(1, 2);
extern void report_fail(const char *fmt, ...) __printf(1, 2);
extern bool report_xfail(bool xfail, bool pass, const char *fmt, ...) __printf(3, 4);
extern bool report_kfail(bool kfail, bool pass, const char *fmt, ...) __printf(3, 4);
extern void report_skip(const char *fmt, ...) __printf(1, 2);
extern void report_info(const char *fmt, ...) __printf(1, 2);
extern void report_abort(const char *fmt, ...) __printf(1, 2) __noreturn;
extern int report_summary(void);

extern void __assert_fail(const char *file, int line, const char *cond,
			  const char *fmt, ...) __printf(4, 5) __noreturn;

#define assert(cond)							\
	do {								\
		if (unlikely(!(cond)))					\
			__assert_fail(__FILE__, __LINE__, #cond, NULL);	\
	} while (0)

#define assert_msg(cond, fmt, ...)					\
	do {								\
		if (unlikely(!(cond)))					\
			__assert_fail(__FILE__, __LINE__, #cond,	\
				      fmt, ##__VA_ARGS__);		\
	} while (0)

extern void dump_stack(void);

/*
 * static_assert(cond) or static_assert(cond, msg): with one argument the
 * message is the condition's text; the extra argument slot picks it.
 */
#define __static_assert_msg(cond, msg, ...)	_Static_assert(cond, msg)
#define static_assert(cond, ...)		__static_assert_msg(cond, ##__VA_ARGS__, #cond)

#endif /* _LIBCFLAT_H_ */
