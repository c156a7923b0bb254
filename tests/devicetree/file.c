/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * file.c - the host side of the device tree tests, built against the host
 * libc (the test program itself is built like lib/, without it): read a
 * blob from a file, and allocate buffers of an exact size so that the
 * sanitizers catch any read past a blob's end.
 */
#include <stdio.h>
#include <stdlib.h>

void *dtt_read_file(const char *path, size_t *size);
void *dtt_alloc(size_t size);
void dtt_free(void *p);

void *dtt_read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	long len;
	void *buf = NULL;

	if (!f) {
		perror(path);
		return NULL;
	}
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc(len);
		if (buf && fread(buf, 1, len, f) != (size_t)len) {
			free(buf);
			buf = NULL;
		}
		*size = len;
	}
	fclose(f);
	if (!buf)
		fprintf(stderr, "%s: cannot read\n", path);
	return buf;
}

void *dtt_alloc(size_t size)
{
	return malloc(size ? size : 1);
}

void dtt_free(void *p)
{
	free(p);
}
