/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kut_api_helpers.c - the second file of the kut_api fixture: helpers in
 * the way kvm-unit-tests' multi-file tests split them (no main here), with
 * idioms its warning set accepts (case fall-through, a handler cast).
 */
#include "libcflat.h"
#include "x86/apic.h"
#include "x86/isr.h"
#include "kut_api.h"

volatile int ipi_count;
volatile int ipi_cpu = -1;

static void ipi_handler(isr_regs_t *regs)
{
	ipi_count++;
	ipi_cpu = smp_id();
	eoi();
}

void install_ipi_handler(void)
{
	handle_irq(KUT_IPI_VECTOR, ipi_handler);
}

/* 0 counts 3, 1 counts 2, 2 counts 1: a switch that falls through, as older tests write them. */
int steps_left(int stage)
{
	int n = 0;

	switch (stage) {
	case 0:
		n++;
	case 1:
		n++;
	case 2:
		n++;
	default:
		break;
	}
	return n;
}
