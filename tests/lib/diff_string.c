/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * diff_string.c - differential test of our string, memory and strtol
 * functions against the host C library's, on edge cases and on many
 * random inputs (the seed is printed; SEED=n repeats a run).
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

size_t kut_strlen(const char *s);
size_t kut_strnlen(const char *s, size_t max);
char *kut_strcpy(char *d, const char *s);
char *kut_strncpy(char *d, const char *s, size_t n);
char *kut_strcat(char *d, const char *s);
char *kut_strncat(char *d, const char *s, size_t n);
int kut_strcmp(const char *a, const char *b);
int kut_strncmp(const char *a, const char *b, size_t n);
int kut_strcasecmp(const char *a, const char *b);
int kut_strncasecmp(const char *a, const char *b, size_t n);
char *kut_strchr(const char *s, int c);
char *kut_strrchr(const char *s, int c);
char *kut_strstr(const char *h, const char *n);
void *kut_memset(void *s, int c, size_t n);
void *kut_memcpy(void *d, const void *s, size_t n);
void *kut_memmove(void *d, const void *s, size_t n);
int kut_memcmp(const void *a, const void *b, size_t n);
void *kut_memchr(const void *s, int c, size_t n);
long kut_strtol(const char *s, char **end, int base);
unsigned long kut_strtoul(const char *s, char **end, int base);
long long kut_strtoll(const char *s, char **end, int base);
unsigned long long kut_strtoull(const char *s, char **end, int base);
long kut_atol(const char *s);

static unsigned long tests, failures;
static unsigned long long rng;

static unsigned int rnd(void)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return rng >> 33;
}

#define CHECK(cond, ...)							\
	do {									\
		tests++;							\
		if (!(cond)) {							\
			failures++;						\
			if (failures <= 30) {					\
				printf("FAIL: string: " __VA_ARGS__);		\
				printf("\n");					\
			}							\
		}								\
	} while (0)

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

/* A short string over a small alphabet, so that equal prefixes and matches are common. */
static void random_string(char *buf, size_t max)
{
	size_t len = rnd() % max, i;

	for (i = 0; i < len; i++)
		buf[i] = "abcAB\x80\xff"[rnd() % 7];
	buf[len] = '\0';
}

static void compare_strings(const char *a, const char *b)
{
	size_t n = rnd() % 12;
	int c = "abcAB\x80\xff"[rnd() % 8];

	CHECK(kut_strlen(a) == strlen(a), "strlen(\"%s\")", a);
	CHECK(kut_strnlen(a, n) == strnlen(a, n), "strnlen(\"%s\", %zu)", a, n);
	CHECK(sign(kut_strcmp(a, b)) == sign(strcmp(a, b)), "strcmp(\"%s\", \"%s\")", a, b);
	CHECK(sign(kut_strncmp(a, b, n)) == sign(strncmp(a, b, n)), "strncmp(\"%s\", \"%s\", %zu)", a, b, n);
	CHECK(sign(kut_strcasecmp(a, b)) == sign(strcasecmp(a, b)), "strcasecmp(\"%s\", \"%s\")", a, b);
	CHECK(sign(kut_strncasecmp(a, b, n)) == sign(strncasecmp(a, b, n)),
	      "strncasecmp(\"%s\", \"%s\", %zu)", a, b, n);
	CHECK(kut_strchr(a, c) == strchr(a, c), "strchr(\"%s\", %#x)", a, c);
	CHECK(kut_strchr(a, 0) == strchr(a, 0), "strchr(\"%s\", 0)", a);
	CHECK(kut_strrchr(a, c) == strrchr(a, c), "strrchr(\"%s\", %#x)", a, c);
	CHECK(kut_strstr(a, b) == strstr(a, b), "strstr(\"%s\", \"%s\")", a, b);
	CHECK(sign(kut_memcmp(a, b, n < strlen(a) && n < strlen(b) ? n : 0)) ==
	      sign(memcmp(a, b, n < strlen(a) && n < strlen(b) ? n : 0)), "memcmp(\"%s\", \"%s\")", a, b);
	CHECK(kut_memchr(a, c, strlen(a)) == memchr(a, c, strlen(a)), "memchr(\"%s\", %#x)", a, c);
}

static void copies(void)
{
	char src[64], o[96], r[96];
	size_t n = rnd() % 20, off = rnd() % 8, len = rnd() % 40;
	int c = rnd() & 0xff;
	size_t i;

	random_string(src, 30);
	memset(o, '#', sizeof(o));
	memset(r, '#', sizeof(r));
	kut_strncpy(o, src, n);
	strncpy(r, src, n);
	CHECK(!memcmp(o, r, sizeof(o)), "strncpy(\"%s\", %zu)", src, n);
	strcpy(o, "pre");
	strcpy(r, "pre");
	CHECK(kut_strcat(o, src) == o && !strcmp(strcat(r, src), o), "strcat(\"pre\", \"%s\")", src);
	strcpy(o, "x");
	strcpy(r, "x");
	kut_strncat(o, src, n);
	strncat(r, src, n);
	CHECK(!strcmp(o, r), "strncat(\"x\", \"%s\", %zu)", src, n);
	CHECK(kut_strcpy(o, src) == o && !strcmp(o, src), "strcpy(\"%s\")", src);

	/* memset/memcpy at every alignment and length, with guards around. */
	memset(o, 0x11, sizeof(o));
	memset(r, 0x11, sizeof(r));
	kut_memset(o + off, c, len);
	memset(r + off, c, len);
	CHECK(!memcmp(o, r, sizeof(o)), "memset(+%zu, %#x, %zu)", off, c, len);
	for (i = 0; i < sizeof(src); i++)
		src[i] = rnd();
	kut_memcpy(o + off, src + (rnd() % 8), len);
	CHECK(kut_memcpy(o + off, src + 3, len) == o + off && !memcmp(o + off, src + 3, len),
	      "memcpy(+%zu, %zu)", off, len);
	/* memmove both ways over an overlap. */
	memcpy(o, src, 64);
	memcpy(r, src, 64);
	kut_memmove(o + off, o + 8, len);
	memmove(r + off, r + 8, len);
	CHECK(!memcmp(o, r, 96), "memmove(+%zu, +8, %zu)", off, len);
}

static void numbers(void)
{
	static const char *const inputs[] = {
		"0", "-0", "42", "  +42xyz", "\t-17", "0x1f", "0X1F", "0x", "0xg", "077", "089", "-", "+", "", "  ",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
		"18446744073709551615", "18446744073709551616", "-18446744073709551615", "-1", "zz", "Zz9",
		"1111", "-0x8000000000000000", "123456789012345678901234567890", "0b101", "  0x7fffffffffffffff",
	};
	static const int bases[] = { 0, 2, 8, 10, 16, 36 };
	size_t i, b;

	for (i = 0; i < sizeof(inputs) / sizeof(*inputs); i++) {
		for (b = 0; b < sizeof(bases) / sizeof(*bases); b++) {
			const char *s = inputs[i];
			int base = bases[b];
			char *oe, *re;

			CHECK(kut_strtol(s, &oe, base) == strtol(s, &re, base) && oe == re,
			      "strtol(\"%s\", %d)", s, base);
			CHECK(kut_strtoul(s, &oe, base) == strtoul(s, &re, base) && oe == re,
			      "strtoul(\"%s\", %d)", s, base);
			CHECK(kut_strtoll(s, &oe, base) == strtoll(s, &re, base) && oe == re,
			      "strtoll(\"%s\", %d)", s, base);
			CHECK(kut_strtoull(s, &oe, base) == strtoull(s, &re, base) && oe == re,
			      "strtoull(\"%s\", %d)", s, base);
		}
		CHECK(kut_atol(inputs[i]) == atol(inputs[i]), "atol(\"%s\")", inputs[i]);
	}
}

int main(void)
{
	const char *seed = getenv("SEED");
	char a[32], b[32];
	int i;

	rng = seed ? strtoull(seed, NULL, 0) : (unsigned long long)time(NULL);
	printf("INFO: string: seed %llu (SEED=%llu repeats this run)\n", rng, rng);
	for (i = 0; i < 20000; i++) {
		random_string(a, 12);
		random_string(b, 6);
		compare_strings(a, b);
		compare_strings(b, a);
		compare_strings(a, a);
		copies();
	}
	numbers();
	printf("SUMMARY: %lu tests", tests);
	if (failures)
		printf(", %lu unexpected failures", failures);
	printf("\n");
	return failures ? 1 : 0;
}
