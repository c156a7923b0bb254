/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * interrupt.h - s390x interruptions: the registers an entry saves, the
 * program-interruption API of kvm-unit-tests (expect_pgm_int,
 * check_pgm_int_code, ...), a handler table by interruption code, and the
 * enabled wait for an external interruption.
 */
#ifndef _S390X_INTERRUPT_H_
#define _S390X_INTERRUPT_H_

#include "libcflat.h"
#include "asm/arch_def.h"

/* What an interruption entry saves (cstart64.S); changes are loaded back on return. */
struct interrupt_regs {
	u64 grs[16];
	struct psw psw;		/* the old PSW: where and how the interrupted code resumes */
};

typedef void (*pgm_handler_fn)(struct interrupt_regs *regs, u16 code);

/*
 * The next program interruption is expected: it is recorded (code, old
 * PSW) and the program goes on after the interrupted instruction, even
 * for the codes that nullify it (a translation exception, for instance).
 */
extern void expect_pgm_int(void);
/* The code of the interruption recorded since expect_pgm_int(), 0 if none; clears it. */
extern u16 clear_pgm_int(void);
/* report() that the recorded interruption has code; clears it. */
extern void check_pgm_int_code(u16 code);
/* Is a program interruption expected and not yet taken (expect_pgm_int, and none since)? */
extern bool pgm_int_expected(void);
/* The old PSW address of the last expected interruption. */
extern u64 pgm_int_old_addr(void);

/*
 * Handle program-interruption code (PGM_INT_CODE_*, PER bit excluded) with
 * fn, for every CPU; NULL makes it unexpected again. An expected
 * interruption (expect_pgm_int) is recorded without calling fn.
 */
extern void install_pgm_handler(u16 code, pgm_handler_fn fn);

/* Wait, with external interruptions enabled, until one has been handled. */
extern void wait_for_ext_int(void);

/* The I/O interruption handler (one at a time); -1 if another is registered, or f is not the one. */
extern int register_io_int_func(void (*f)(void));
extern int unregister_io_int_func(void (*f)(void));

/* The last external interruption each CPU took (by CPU number): code, sender's CPU address, parameter. */
struct ext_int_info {
	u16 code;
	u16 cpu_addr;
	u32 param;
	unsigned int count;	/* external interruptions taken so far */
};
extern struct ext_int_info ext_int_seen[];

/* Add or remove the DAT bit in the new PSWs of the running CPU's lowcore. */
extern void irq_set_dat_mode(bool dat);

/* The interruption-code name, "unknown" for codes without one here. */
extern const char *pgm_int_name(u16 code);
extern void show_regs(const struct interrupt_regs *regs);

#endif /* _S390X_INTERRUPT_H_ */
