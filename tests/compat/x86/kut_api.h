/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kut_api.h - what the two files of the kut_api fixture share.
 */
#ifndef KUT_API_H
#define KUT_API_H

#define KUT_IPI_VECTOR	0xe0

extern volatile int ipi_count;
extern volatile int ipi_cpu;
void install_ipi_handler(void);
int steps_left(int stage);

#endif
