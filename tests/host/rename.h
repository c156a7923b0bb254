/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rename.h - forced into every lib/ source compiled for the host (-include),
 * so that our libc-lite can be linked into a host test program beside the
 * host's own C library: each libc name we define becomes kut_<name>.
 *
 * Host test programs are written like guest tests (libcflat.h, report());
 * they include this header first too, and talk to the host only through
 * tests/host/host.h, whose functions are built against the host's headers.
 */
#ifndef _HOST_RENAME_H_
#define _HOST_RENAME_H_

#define puts		kut_puts
#define putchar		kut_putchar
#define getchar		kut_getchar
#define printf		kut_printf
#define vprintf		kut_vprintf
#define snprintf	kut_snprintf
#define vsnprintf	kut_vsnprintf
#define exit		kut_exit
#define abort		kut_abort
#define atol		kut_atol
#define getenv		kut_getenv

#define strlen		kut_strlen
#define strnlen		kut_strnlen
#define strcpy		kut_strcpy
#define strncpy		kut_strncpy
#define strcat		kut_strcat
#define strncat		kut_strncat
#define strcmp		kut_strcmp
#define strncmp		kut_strncmp
#define strcasecmp	kut_strcasecmp
#define strncasecmp	kut_strncasecmp
#define strchr		kut_strchr
#define strrchr		kut_strrchr
#define strstr		kut_strstr
#define strdup		kut_strdup
#define memset		kut_memset
#define memcpy		kut_memcpy
#define memmove		kut_memmove
#define memcmp		kut_memcmp
#define memchr		kut_memchr
#define strtol		kut_strtol
#define strtoul		kut_strtoul
#define strtoll		kut_strtoll
#define strtoull	kut_strtoull

#define malloc		kut_malloc
#define calloc		kut_calloc
#define realloc		kut_realloc
#define free		kut_free
#define memalign	kut_memalign

#define setjmp		kut_setjmp
#define longjmp		kut_longjmp

#define __argc		kut___argc
#define __args		kut___args
#define __argv		kut___argv
#define __environ	kut___environ

#endif /* _HOST_RENAME_H_ */
