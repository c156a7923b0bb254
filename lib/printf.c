/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * printf.c - the printf family: one formatter (vsnprintf-like) that writes
 * into a sink, used both for strings and for the console.
 *
 * C99 semantics where tests can tell: the return value is the length the
 * output would have had, snprintf always terminates (size > 0), and the
 * flags/width/precision rules follow the standard for the supported
 * conversions (c s d i u o x X p %).
 */
#include "libcflat.h"
#include "string.h"
#include "spinlock.h"

/*
 * Where formatted text goes: a string (flush == NULL: keep what fits, leave
 * room for the terminator) or the console (flush empties buf when full).
 */
struct sink {
	char *buf;
	size_t size;
	size_t pos;		/* console only: bytes waiting in buf */
	size_t len;		/* bytes the whole output takes so far */
	void (*flush)(const char *p, size_t n);
};

static void sink_putc(struct sink *s, char c)
{
	if (s->flush) {
		if (s->pos == s->size) {
			s->flush(s->buf, s->pos);
			s->pos = 0;
		}
		s->buf[s->pos++] = c;
	} else if (s->len + 1 < s->size) {
		s->buf[s->len] = c;
	}
	s->len++;
}

static void sink_pad(struct sink *s, char c, int n)
{
	while (n-- > 0)
		sink_putc(s, c);
}

static void sink_write(struct sink *s, const char *p, size_t n)
{
	while (n--)
		sink_putc(s, *p++);
}

struct spec {
	bool left;		/* '-' */
	bool zero;		/* '0' */
	bool alt;		/* '#' */
	char sign;		/* '+', ' ' or 0 */
	int width;
	int prec;		/* -1: none */
};

/*
 * Emit one field: prefix (sign, 0x), then zeros up to the precision, then
 * the digits, all padded to the width on the side the flags ask for.
 */
static void put_field(struct sink *s, const struct spec *sp, const char *prefix,
		      const char *body, int len, int zeros)
{
	int plen = strlen(prefix);
	int pad = sp->width - plen - zeros - len;

	if (!sp->left && !sp->zero)
		sink_pad(s, ' ', pad);
	sink_write(s, prefix, plen);
	if (!sp->left && sp->zero)
		sink_pad(s, '0', pad);
	sink_pad(s, '0', zeros);
	sink_write(s, body, len);
	if (sp->left)
		sink_pad(s, ' ', pad);
}

static void put_number(struct sink *s, struct spec *sp, unsigned long long v,
		       bool negative, unsigned base, bool upper, bool is_ptr)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	char prefix[4] = "";
	int len = 0, zeros = 0, pi = 0;
	bool nonzero = v != 0;

	/* Precision 0 with the value 0 prints no digits at all (C99 7.19.6.1). */
	if (!(v == 0 && sp->prec == 0)) {
		do {
			tmp[sizeof(tmp) - 1 - len++] = digits[v % base];
			v /= base;
		} while (v);
	}
	if (negative)
		prefix[pi++] = '-';
	else if (sp->sign)
		prefix[pi++] = sp->sign;
	if (is_ptr || (sp->alt && base == 16 && nonzero)) {
		prefix[pi++] = '0';
		prefix[pi++] = upper ? 'X' : 'x';
	}
	prefix[pi] = '\0';
	if (sp->prec >= 0) {
		sp->zero = false;
		if (sp->prec > len)
			zeros = sp->prec - len;
	}
	/* '#' with octal: the first digit must be a zero. */
	if (sp->alt && base == 8 && (len == 0 || tmp[sizeof(tmp) - len] != '0') && zeros == 0)
		zeros = 1;
	put_field(s, sp, prefix, tmp + sizeof(tmp) - len, len, zeros);
}

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

static unsigned long long get_unsigned(va_list *va, enum length l)
{
	switch (l) {
	case LEN_HH:
		return (unsigned char)va_arg(*va, unsigned int);
	case LEN_H:
		return (unsigned short)va_arg(*va, unsigned int);
	case LEN_L:
		return va_arg(*va, unsigned long);
	case LEN_LL:
	case LEN_J:
		return va_arg(*va, unsigned long long);
	case LEN_Z:
		return va_arg(*va, size_t);
	case LEN_T:
		return (unsigned long long)va_arg(*va, ptrdiff_t);
	default:
		return va_arg(*va, unsigned int);
	}
}

static long long get_signed(va_list *va, enum length l)
{
	switch (l) {
	case LEN_HH:
		return (signed char)va_arg(*va, int);
	case LEN_H:
		return (short)va_arg(*va, int);
	case LEN_L:
		return va_arg(*va, long);
	case LEN_LL:
	case LEN_J:
		return va_arg(*va, long long);
	case LEN_Z:
		return va_arg(*va, ssize_t);
	case LEN_T:
		return va_arg(*va, ptrdiff_t);
	default:
		return va_arg(*va, int);
	}
}

static int parse_int(const char **fmt)
{
	int n = 0;

	while (**fmt >= '0' && **fmt <= '9')
		n = n * 10 + (*(*fmt)++ - '0');
	return n;
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
	va_list va;

	va_copy(va, ap);
	while (*fmt) {
		struct spec sp = { .prec = -1 };
		enum length l = LEN_NONE;
		unsigned long long u;
		long long d;
		const char *str;
		char ch;
		int n;

		if (*fmt != '%') {
			sink_putc(s, *fmt++);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				sp.left = true;
			else if (*fmt == '0')
				sp.zero = true;
			else if (*fmt == '#')
				sp.alt = true;
			else if (*fmt == '+')
				sp.sign = '+';
			else if (*fmt == ' ' && sp.sign != '+')
				sp.sign = ' ';
			else if (*fmt != ' ')
				break;
		}
		if (*fmt == '*') {
			fmt++;
			sp.width = va_arg(va, int);
			if (sp.width < 0) {
				sp.left = true;
				sp.width = -sp.width;
			}
		} else {
			sp.width = parse_int(&fmt);
		}
		if (*fmt == '.') {
			fmt++;
			if (*fmt == '*') {
				fmt++;
				sp.prec = va_arg(va, int);
				if (sp.prec < 0)
					sp.prec = -1;
			} else {
				sp.prec = parse_int(&fmt);
			}
		}
		if (sp.left)
			sp.zero = false;
		switch (*fmt) {
		case 'h':
			l = fmt[1] == 'h' ? LEN_HH : LEN_H;
			fmt += l == LEN_HH ? 2 : 1;
			break;
		case 'l':
			l = fmt[1] == 'l' ? LEN_LL : LEN_L;
			fmt += l == LEN_LL ? 2 : 1;
			break;
		case 'z':
			l = LEN_Z;
			fmt++;
			break;
		case 't':
			l = LEN_T;
			fmt++;
			break;
		case 'j':
			l = LEN_J;
			fmt++;
			break;
		}
		switch (*fmt) {
		case 'd':
		case 'i':
			d = get_signed(&va, l);
			u = d < 0 ? -(unsigned long long)d : (unsigned long long)d;
			put_number(s, &sp, u, d < 0, 10, false, false);
			break;
		case 'u':
			sp.sign = 0;	/* '+' and ' ' are for signed conversions only */
			put_number(s, &sp, get_unsigned(&va, l), false, 10, false, false);
			break;
		case 'o':
			sp.sign = 0;
			put_number(s, &sp, get_unsigned(&va, l), false, 8, false, false);
			break;
		case 'x':
		case 'X':
			sp.sign = 0;
			put_number(s, &sp, get_unsigned(&va, l), false, 16, *fmt == 'X', false);
			break;
		case 'p':
			sp.sign = 0;
			put_number(s, &sp, (uintptr_t)va_arg(va, void *), false, 16, false, true);
			break;
		case 'c':
			ch = (char)va_arg(va, int);
			sp.zero = false;
			put_field(s, &sp, "", &ch, 1, 0);
			break;
		case 's':
			str = va_arg(va, const char *);
			if (!str)
				str = "(null)";
			n = sp.prec >= 0 ? (int)strnlen(str, sp.prec) : (int)strlen(str);
			sp.zero = false;
			put_field(s, &sp, "", str, n, 0);
			break;
		case '%':
			sink_putc(s, '%');
			break;
		case '\0':
			/* A lone '%' at the end: print it rather than read past the string. */
			sink_putc(s, '%');
			continue;
		default:
			/* Unknown conversion: show it as written, so the bug is visible. */
			sink_putc(s, '%');
			sink_putc(s, *fmt);
			break;
		}
		fmt++;
	}
	va_end(va);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list va)
{
	struct sink s = { .buf = buf, .size = buf ? size : 0 };

	format(&s, fmt, va);
	if (s.size)
		s.buf[MIN(s.len, s.size - 1)] = '\0';
	return s.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list va;
	int r;

	va_start(va, fmt);
	r = vsnprintf(buf, size, fmt, va);
	va_end(va);
	return r;
}

/* Serialises whole printf calls, so lines from different CPUs never mix. */
static struct spinlock print_lock;

static void console_write(const char *p, size_t n)
{
	while (n--)
		putchar(*p++);
}

int vprintf(const char *fmt, va_list va)
{
	char chunk[128];
	struct sink s = { .buf = chunk, .size = sizeof(chunk), .flush = console_write };

	spin_lock(&print_lock);
	format(&s, fmt, va);
	console_write(chunk, s.pos);
	spin_unlock(&print_lock);
	return s.len;
}

int printf(const char *fmt, ...)
{
	va_list va;
	int r;

	va_start(va, fmt);
	r = vprintf(fmt, va);
	va_end(va);
	return r;
}

/*
 * The test is about to die of an unexpected exception, which may have hit
 * inside printf with print_lock held (a bad %s pointer, say): release it so
 * that the report can be printed. Another CPU's output may mix with the
 * report; that beats a hang until the timeout.
 */
void console_break_lock(void)
{
	spin_unlock(&print_lock);
}

/* Like kvm-unit-tests: puts() writes the string as it is, with no newline. */
int puts(const char *str)
{
	size_t n = strlen(str);

	spin_lock(&print_lock);
	console_write(str, n);
	spin_unlock(&print_lock);
	return n;
}
