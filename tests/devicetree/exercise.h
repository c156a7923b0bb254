/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exercise.h - dt_exercise(): every devicetree.h query on the current tree.
 */
#ifndef _DT_EXERCISE_H_
#define _DT_EXERCISE_H_

extern unsigned long dt_exercise(void);

#endif /* _DT_EXERCISE_H_ */
