/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libc.c - the generic library inside a guest, the same source on every
 * arch: string and number functions, printf formats, ctype, bit
 * operations, lists, setjmp/longjmp, argv and report prefixes. The host
 * tests (tests/lib) cover the same code exhaustively; this proves it
 * behaves the same when built for the target and run there.
 *
 * Expected arguments: first second third.
 */
#include "libcflat.h"
#include "bitops.h"
#include "ctype.h"
#include "list.h"
#include "setjmp.h"
#include "stdlib.h"
#include "string.h"

static void check_argv(int argc, char **argv)
{
	report_prefix_push("argv");
	report(argc == 4, "argc is 4: %d", argc);
	if (argc == 4)
		report(!strcmp(argv[1], "first") && !strcmp(argv[2], "second") && !strcmp(argv[3], "third"),
		       "words in order");
	report_prefix_pop();
}

static void check_string(void)
{
	char buf[32];
	u8 block[64];
	int i;

	report_prefix_push("string");
	report(strlen("hello") == 5 && strnlen("hello", 3) == 3, "strlen, strnlen");
	strcpy(buf, "ab");
	strcat(buf, "cd");
	strncat(buf, "efgh", 2);
	report(!strcmp(buf, "abcdef"), "strcpy, strcat, strncat: %s", buf);
	report(strcmp("a", "b") < 0 && strcmp("b", "a") > 0 && !strncmp("abc", "abd", 2), "strcmp, strncmp");
	report(!strcasecmp("HeLLo", "hello") && strncasecmp("ABx", "aby", 3) < 0, "strcasecmp, strncasecmp");
	report(strchr("hello", 'l') == strrchr("hello", 'l') - 1 && !strchr("hello", 'z'), "strchr, strrchr");
	report(!strcmp(strstr("haystack", "st"), "stack") && !strstr("hay", "needle"), "strstr");
	/* Every alignment of memset/memcpy/memmove, checked byte by byte. */
	for (i = 0; i < 8; i++) {
		memset(block, 0, sizeof(block));
		memset(block + i, 0xab, 17);
		if (block[i - (i > 0)] != (i ? 0 : 0xab) || block[i + 16] != 0xab || block[i + 17] != 0)
			break;
	}
	report(i == 8, "memset at every alignment");
	for (i = 0; i < 64; i++)
		block[i] = i;
	memmove(block + 3, block, 40);
	report(block[3] == 0 && block[42] == 39 && block[43] == 43, "memmove forward overlap");
	memmove(block, block + 3, 40);
	report(block[0] == 0 && block[39] == 39, "memmove backward overlap");
	memcpy(buf, "xyz", 4);
	report(!memcmp(buf, "xyz", 4) && memcmp("a", "b", 1) < 0 && memchr(buf, 'z', 3) == buf + 2,
	       "memcpy, memcmp, memchr");
	report_prefix_pop();
}

static void check_numbers(void)
{
	char *end;

	report_prefix_push("numbers");
	report(strtol("  -123abc", &end, 10) == -123 && !strcmp(end, "abc"), "strtol stops at the first non-digit");
	report(strtoul("0x1F", NULL, 0) == 31 && strtoul("017", NULL, 0) == 15, "base 0 prefixes");
	report(strtol("99999999999999999999", NULL, 10) == LONG_MAX, "strtol saturates");
	report(strtoull("18446744073709551615", NULL, 10) == ULLONG_MAX, "strtoull of the largest value");
	report(atol("42") == 42, "atol");
	report(isdigit('7') && !isdigit('a') && isspace('\t') && toupper('q') == 'Q' && isxdigit('F'), "ctype");
	report_prefix_pop();
}

static void check_printf(void)
{
	char buf[80];
	int n;

	report_prefix_push("printf");
	n = snprintf(buf, sizeof(buf), "[%5d|%-5d|%05d|%+d|% d]", 42, 42, 42, 42, 42);
	report(!strcmp(buf, "[   42|42   |00042|+42| 42]") && n == 27, "widths and flags: %s", buf);
	snprintf(buf, sizeof(buf), "%x %X %#x %#o %o", 0xbeef, 0xbeef, 255, 8, 0);
	report(!strcmp(buf, "beef BEEF 0xff 010 0"), "hex and octal: %s", buf);
	snprintf(buf, sizeof(buf), "%.3s|%10.2s|%c|%%", "abcdef", "xyz", 'Q');
	report(!strcmp(buf, "abc|        xy|Q|%"), "strings and chars: %s", buf);
	snprintf(buf, sizeof(buf), "%lld %llu %hhd %hd %zu", -9000000000LL, 18446744073709551615ULL,
		 (signed char)-1, (short)-2, (size_t)7);
	report(!strcmp(buf, "-9000000000 18446744073709551615 -1 -2 7"), "length modifiers: %s", buf);
	snprintf(buf, sizeof(buf), "%*d|%-*d|%.*d", 4, 1, 4, 2, 3, 3);
	report(!strcmp(buf, "   1|2   |003"), "star width and precision: %s", buf);
	report(snprintf(NULL, 0, "%s", "twelve chars") == 12, "snprintf(NULL, 0) returns the length");
	report_prefix_pop();
}

static void check_bitops(void)
{
	report_prefix_push("bitops");
	report(BIT(3) == 8 && GENMASK(7, 4) == 0xf0 && GENMASK(BITS_PER_LONG - 1, 0) == ~0UL, "BIT and GENMASK");
	report(ffs(0x18) == 3 && fls(0x18) == 4 && fls(1) == 0, "ffs and fls (0-based)");
	report(is_power_of_2(64) && !is_power_of_2(0) && !is_power_of_2(96), "is_power_of_2");
	report(get_order(1) == 0 && get_order(2) == 1 && get_order(3) == 2 && get_order(4096) == 12, "get_order");
	report(ALIGN(5, 4) == 8 && ALIGN_DOWN(5, 4) == 4 && IS_ALIGNED(16, 8) && MIN(3, 4) == 3, "ALIGN, MIN");
	report_prefix_pop();
}

struct item {
	int v;
	struct list_head node;
};

static void check_list(void)
{
	struct item items[4], *it;
	LIST_HEAD(head);
	int i, sum = 0, order = 0;

	report_prefix_push("list");
	for (i = 0; i < 4; i++) {
		items[i].v = i + 1;
		list_add_tail(&items[i].node, &head);
	}
	list_del(&items[1].node);
	list_for_each_entry(it, &head, node) {
		sum += it->v;
		order = order * 10 + it->v;
	}
	report(sum == 8 && order == 134, "add_tail, del and walk in order: %d", order);
	report(list_empty(&items[1].node) && !list_empty(&head), "a deleted node is empty");
	report_prefix_pop();
}

static int depth_reached;
static void dive(jmp_buf env, int depth);
/* Through a pointer, so the compiler does not call the recursion endless. */
static void (*volatile dive_next)(jmp_buf env, int depth) = dive;

static void dive(jmp_buf env, int depth)
{
	depth_reached = depth;
	if (depth == 20)
		longjmp(env, 20);
	dive_next(env, depth + 1);
	depth_reached = -1;	/* never: longjmp left the whole chain */
}

static void check_setjmp(void)
{
	jmp_buf env;
	volatile int calls = 0;
	int r;

	report_prefix_push("setjmp");
	r = setjmp(env);
	calls++;
	if (r == 0)
		dive(env, 0);
	report(r == 20 && depth_reached == 20 && calls == 2, "longjmp out of 20 frames (r=%d)", r);
	report_prefix_pop();
}

static void check_prefixes(void)
{
	report_prefix_pushf("level %d", 1);
	report_prefix_push("level 2");
	report_prefix_popn(2);
	report_prefix_push("prefixes");
	report_pass("push, pushf and popn leave only this prefix");
	report_prefix_pop();
}

int main(int argc, char **argv)
{
	check_argv(argc, argv);
	check_string();
	check_numbers();
	check_printf();
	check_bitops();
	check_list();
	check_setjmp();
	check_prefixes();
	return report_summary();
}
