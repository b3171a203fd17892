/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>

/* [[HZ]] and [[jiffies]]: the tick's rate and count */
#define HZ		100
#define MAX_JIFFY_OFFSET ((long)(~0UL >> 1) - 1)

extern volatile unsigned long jiffies;	/* ticks since the tick began */

/* comparing jiffies across the counter's wrap */
/* Is jiffies value @a after @b? Right across the counter's wrap. */
#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)

/* converting between milliseconds and jiffies */
/* Milliseconds to jiffies, rounded up: a sleep is never shorter than asked. */
static inline unsigned long msecs_to_jiffies(unsigned int m)
{
	return ((unsigned long)m * HZ + 999) / 1000;
}

/* Jiffies to milliseconds. */
static inline unsigned int jiffies_to_msecs(unsigned long j)
{
	return (unsigned int)(j * (1000 / HZ));
}

/* starting the tick */
/* Start the tick: the timer's interrupt, then the machine's timer. Boot only. */
void time_init(void);
/* The machine's part: interrupt @hz times a second. Boot only. */
void arch_timer_init(unsigned int hz);

#endif
