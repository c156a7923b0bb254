/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * string.c - string and memory functions. Simple loops, easy to trust;
 * only memset and memcpy go a word at a time, because the allocator zeroes
 * whole blocks with memset and TCG makes every guest instruction count.
 *
 * Built with -fno-tree-loop-distribute-patterns (see Makefile) so that the
 * compiler cannot turn memset's own loop into a call to memset.
 */
#include "libcflat.h"
#include "string.h"
#include "ctype.h"

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

char *strcpy(char *dest, const char *src)
{
	char *d = dest;

	while ((*d++ = *src++))
		;
	return dest;
}

/* As in C: pads with NULs up to n, and does not terminate a long src. */
char *strncpy(char *dest, const char *src, size_t n)
{
	size_t i = 0;

	for (; i < n && src[i]; i++)
		dest[i] = src[i];
	for (; i < n; i++)
		dest[i] = '\0';
	return dest;
}

char *strcat(char *dest, const char *src)
{
	strcpy(dest + strlen(dest), src);
	return dest;
}

char *strncat(char *dest, const char *src, size_t n)
{
	char *d = dest + strlen(dest);
	size_t i;

	for (i = 0; i < n && src[i]; i++)
		d[i] = src[i];
	d[i] = '\0';
	return dest;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b || !*a)
			return (unsigned char)*a - (unsigned char)*b;
	}
	return 0;
}

int strcasecmp(const char *a, const char *b)
{
	return strncasecmp(a, b, (size_t)-1);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);

		if (ca != cb || !ca)
			return ca - cb;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++) {
		if (!strncmp(haystack, needle, n))
			return (char *)haystack;
	}
	return n ? NULL : (char *)haystack;
}

typedef unsigned long __attribute__((__may_alias__)) word_t;

void *memset(void *s, int c, size_t n)
{
	unsigned char *p = s;
	word_t pattern = (unsigned char)c * (~0UL / 0xff);

	for (; n && !IS_ALIGNED((uintptr_t)p, sizeof(word_t)); n--)
		*p++ = (unsigned char)c;
	for (; n >= sizeof(word_t); n -= sizeof(word_t), p += sizeof(word_t))
		*(word_t *)p = pattern;
	while (n--)
		*p++ = (unsigned char)c;
	return s;
}

void *memcpy(void *dest, const void *src, size_t n)
{
	unsigned char *d = dest;
	const unsigned char *s = src;

	/* Word copies only when both sides can be aligned together. */
	if (IS_ALIGNED((uintptr_t)d ^ (uintptr_t)s, sizeof(word_t))) {
		for (; n && !IS_ALIGNED((uintptr_t)d, sizeof(word_t)); n--)
			*d++ = *s++;
		for (; n >= sizeof(word_t); n -= sizeof(word_t), d += sizeof(word_t), s += sizeof(word_t))
			*(word_t *)d = *(const word_t *)s;
	}
	while (n--)
		*d++ = *s++;
	return dest;
}

void *memmove(void *dest, const void *src, size_t n)
{
	unsigned char *d = dest;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dest, src, n);
	while (n--)
		d[n] = s[n];
	return dest;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++) {
		if (*x != *y)
			return *x - *y;
	}
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++) {
		if (*p == (unsigned char)c)
			return (void *)p;
	}
	return NULL;
}
