/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * migrate.c - the guest's half of migration tests: lines starting
 * "MIGRATE: " tell the runner what to do (scripts/migrate.bash is the
 * other half), and a newline on the console tells the guest the VM now runs
 * on the destination. The guest waits for that newline by polling the
 * console, which every arch's getchar() reads without blocking.
 */
#include "libcflat.h"
#include "migrate.h"

/* Drops what the console holds, so that only the runner's answer to this request counts. */
static void drain_console(void)
{
	while (getchar() >= 0)
		;
}

/* Blocks until the runner's newline: the runner sends it once the destination runs the VM. */
static void wait_for_runner(void)
{
	int c;

	do
		c = getchar();
	while (c != '\n');
	/* The runner waits for this line to know the guest runs again (a bounded wait). */
	printf("MIGRATE: resumed\n");
}

void migrate_quiet(void)
{
	drain_console();
	printf("MIGRATE: now\n");
	wait_for_runner();
}

void migrate(void)
{
	migrate_quiet();
	report_info("migration complete");
}

void migrate_once(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	migrate();
}

void migrate_skip(void)
{
	printf("MIGRATE: skip\n");
}

void migrate_begin_continuous(void)
{
	drain_console();
	printf("MIGRATE: begin-continuous\n");
}

void migrate_end_continuous(void)
{
	printf("MIGRATE: end-continuous\n");
	wait_for_runner();
}
