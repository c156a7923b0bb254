/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * host.c - the host side of host-side tests: it is the only file of a
 * host test program built against the host's C library. It provides the
 * console and exit that an arch provides in a guest (kut_putchar,
 * kut_exit, ...), and the services of host.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef uint64_t u64;

int kut_putchar(int c)
{
	return putchar(c);
}

int kut_getchar(void)
{
	return -1;
}

void kut_exit(int code)
{
	fflush(stdout);
	exit(code);
}

/* Host builds have no frame-pointer chain to trust up through libc. */
void dump_stack(void)
{
}

void *host_map(size_t size, size_t align)
{
	size_t len = size + align;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	uintptr_t start, end;

	if (p == MAP_FAILED)
		return NULL;
	start = ((uintptr_t)p + align - 1) & ~(uintptr_t)(align - 1);
	end = start + size;
	if (start > (uintptr_t)p)
		munmap(p, start - (uintptr_t)p);
	if ((uintptr_t)p + len > end)
		munmap((void *)end, (uintptr_t)p + len - end);
	return (void *)start;
}

void host_unmap(void *p, size_t size)
{
	munmap(p, size);
}

int host_run_child(void (*fn)(void *), void *arg, char *out, size_t outlen)
{
	int fds[2], status;
	size_t len = 0;
	pid_t pid;

	fflush(stdout);
	if (pipe(fds) < 0) {
		perror("host_run_child: pipe");
		exit(2);
	}
	pid = fork();
	if (pid < 0) {
		perror("host_run_child: fork");
		exit(2);
	}
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		fn(arg);
		fflush(stdout);
		_exit(0);
	}
	close(fds[1]);
	for (;;) {
		char sink[4096];
		char *dst = len + 1 < outlen ? out + len : sink;
		size_t room = len + 1 < outlen ? outlen - 1 - len : sizeof(sink);
		ssize_t n = read(fds[0], dst, room);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (dst != sink)
			len += n;
	}
	close(fds[0]);
	if (outlen)
		out[len] = '\0';
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

u64 host_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

u64 host_seed(void)
{
	const char *s = getenv("SEED");

	return s ? strtoull(s, NULL, 0) : host_now_ns();
}
