/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * argv.c - argv and the environment: the loader's strings are copied into
 * static buffers early in boot (before any allocator exists) and split in
 * place.
 */
#include "libcflat.h"
#include "string.h"
#include "ctype.h"
#include "argv.h"

#define ARGS_BUF_SIZE	4096
#define ENV_BUF_SIZE	65536

int __argc;
const char *__args;
char *__argv[ARGV_MAX + 1];
char **__environ;

static char args_buf[ARGS_BUF_SIZE];
static char env_buf[ENV_BUF_SIZE];
static char *env_vars[ENV_MAX_VARS + 1];

/* Split buf at white space, appending words to __argv. */
static void split_words(char *p)
{
	while (*p) {
		while (isspace((unsigned char)*p))
			*p++ = '\0';
		if (!*p)
			break;
		if (__argc == ARGV_MAX)
			report_abort("argv: more than %d arguments", ARGV_MAX);
		__argv[__argc++] = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
	}
	__argv[__argc] = NULL;
}

/*
 * Keep the arguments twice: args_buf is split into argv in place, args_line
 * stays whole for __args (the text after the program name).
 */
static char args_line[ARGS_BUF_SIZE];

/* src (NULL: "") into dst, of size bytes; what is the string, for the error. */
static void copy_string(char *dst, size_t size, const char *src, const char *what)
{
	size_t len = src ? strlen(src) : 0;

	if (len + 1 > size)
		report_abort("argv: %s of %zu bytes is over the limit of %zu", what, len, size - 1);
	memcpy(dst, src ? src : "", len + 1);
}

static void copy_line(char *dst, const char *src)
{
	copy_string(dst, ARGS_BUF_SIZE, src, "command line");
}

void setup_args_progname(const char *progname, const char *args)
{
	static char progname_buf[256];

	copy_line(args_line, args);
	copy_line(args_buf, args);
	/* Not snprintf: the boot path stays clear of printf's code (see exit_line.c). */
	copy_string(progname_buf, sizeof(progname_buf), progname, "program name");
	__args = args_line;
	__argc = 0;
	__argv[__argc++] = progname_buf;
	split_words(args_buf);
}

void setup_args_cmdline(const char *cmdline)
{
	const char *rest;

	copy_line(args_buf, cmdline);
	copy_line(args_line, cmdline);
	__argc = 0;
	split_words(args_buf);
	if (!__argc) {
		__argv[__argc++] = args_buf;
		__argv[__argc] = NULL;
	}
	rest = args_line;
	while (isspace((unsigned char)*rest))
		rest++;
	while (*rest && !isspace((unsigned char)*rest))
		rest++;
	while (isspace((unsigned char)*rest))
		rest++;
	__args = rest;
}

static bool valid_key(const char *k, size_t len)
{
	size_t i;

	if (!len || isdigit((unsigned char)k[0]))
		return false;
	for (i = 0; i < len; i++) {
		if (!isalnum((unsigned char)k[i]) && k[i] != '_')
			return false;
	}
	return true;
}

void setup_env(const char *env, size_t size)
{
	int nvars = 0, lineno = 0;
	char *line, *next, *eq;

	/* The blob may end without NUL or newline; it may also stop at a NUL. */
	size = strnlen(env, size);
	if (size + 1 > ENV_BUF_SIZE)
		report_abort("environ: %zu bytes is over the limit of %d", size, ENV_BUF_SIZE - 1);
	memcpy(env_buf, env, size);
	env_buf[size] = '\0';

	for (line = env_buf; *line; line = next) {
		char *end;

		lineno++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		end = line + strlen(line);
		if (end > line && end[-1] == '\r')
			*--end = '\0';
		while (isspace((unsigned char)*line))
			line++;
		if (!*line || *line == '#')
			continue;
		eq = strchr(line, '=');
		if (!eq || !valid_key(line, eq - line))
			report_abort("environ: line %d: expected KEY=VAL, got \"%s\"", lineno, line);
		if (nvars == ENV_MAX_VARS)
			report_abort("environ: line %d: more than %d variables", lineno, ENV_MAX_VARS);
		env_vars[nvars++] = line;
	}
	env_vars[nvars] = NULL;
	__environ = env_vars;
}

char *getenv(const char *name)
{
	size_t len = strlen(name);
	char **e;

	if (!__environ)
		return NULL;
	for (e = __environ; *e; e++) {
		if (!strncmp(*e, name, len) && (*e)[len] == '=')
			return *e + len + 1;
	}
	return NULL;
}

const char *argv_find_value(int argc, char **argv, const char *key)
{
	size_t len = strlen(key);
	int i;

	for (i = 1; i < argc; i++) {
		if (!strncmp(argv[i], key, len) && argv[i][len] == '=')
			return argv[i] + len + 1;
	}
	return NULL;
}
