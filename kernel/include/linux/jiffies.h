/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>

#define HZ		100
#define MAX_JIFFY_OFFSET ((long)(~0UL >> 1) - 1)

extern volatile unsigned long jiffies;

/* Is jiffies value @a after @b? Right across the counter's wrap. */
#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)

static inline unsigned long msecs_to_jiffies(unsigned int m)
{
	return ((unsigned long)m * HZ + 999) / 1000;
}

static inline unsigned int jiffies_to_msecs(unsigned long j)
{
	return (unsigned int)(j * (1000 / HZ));
}

/* Start the tick: the timer's interrupt, then the machine's timer. */
void time_init(void);
void arch_timer_init(unsigned int hz);

#endif
