/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * migrate.h - ask the runner to live-migrate this VM (kvm-unit-tests' names
 * and meanings). A test in the cfg group `migration` runs under a source
 * QEMU; each request below starts a destination QEMU, moves the VM there
 * and lets the guest go on. docs/migration.md describes both sides.
 */
#ifndef _MIGRATE_H_
#define _MIGRATE_H_

/* Migrate now: returns on the destination, after an INFO line saying so. */
void migrate(void);
/* The same without the INFO line. */
void migrate_quiet(void);
/* migrate() the first time it is called; later calls return at once. */
void migrate_once(void);
/* Tell the runner that no migration will be asked for, e.g. when the test skips. */
void migrate_skip(void);
/*
 * Between these two calls the runner migrates the VM again and again while
 * the guest runs on; migrate_end_continuous() returns once the last
 * migration is done.
 */
void migrate_begin_continuous(void);
void migrate_end_continuous(void);

#endif /* _MIGRATE_H_ */
