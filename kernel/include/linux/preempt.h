/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <linux/compiler.h>
#include <linux/types.h>

/* the fields of [[preempt_count]] */
#define PREEMPT_BITS	8
#define SOFTIRQ_BITS	8
#define HARDIRQ_BITS	4
#define PREEMPT_SHIFT	0
#define SOFTIRQ_SHIFT	(PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT	(SOFTIRQ_SHIFT + SOFTIRQ_BITS)
#define __IRQ_MASK(x)	((1UL << (x)) - 1)
#define PREEMPT_MASK	(__IRQ_MASK(PREEMPT_BITS) << PREEMPT_SHIFT)
#define SOFTIRQ_MASK	(__IRQ_MASK(SOFTIRQ_BITS) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK	(__IRQ_MASK(HARDIRQ_BITS) << HARDIRQ_SHIFT)
#define PREEMPT_OFFSET	(1UL << PREEMPT_SHIFT)
#define HARDIRQ_OFFSET	(1UL << HARDIRQ_SHIFT)

/* the count, the flag, and the questions they answer */
extern unsigned long __preempt_count;	/* the fields above */
extern bool __need_resched;		/* set by the tick or a wake-up */

#define preempt_count()		(*(volatile unsigned long *)&__preempt_count)
#define hardirq_count()		(preempt_count() & HARDIRQ_MASK)
#define in_irq()		(hardirq_count() != 0)
#define in_interrupt()		((preempt_count() & (HARDIRQ_MASK | SOFTIRQ_MASK)) != 0)
#define in_atomic()		(preempt_count() != 0)
#define need_resched()		(*(volatile bool *)&__need_resched)

/* [[preempt_disable]] and [[preempt_enable]] */
/* Give up the CPU if the scheduler asked for it and nothing forbids it. */
void preempt_schedule(void);
/* A preempt_enable() with no preempt_disable() before it. */
void preempt_count_underflow(void);

#define preempt_disable()	do { __preempt_count++; barrier(); } while (0)
#define preempt_enable_no_resched() do { barrier(); __preempt_count--; } while (0)
#define preempt_enable() do {							\
	barrier();								\
	if (unlikely(__preempt_count == 0))					\
		preempt_count_underflow();					\
	else if (--__preempt_count == 0 && unlikely(__need_resched))		\
		preempt_schedule();						\
} while (0)

/* [[irq_enter]] and [[irq_exit]]: the hardware-interrupt field */
/* Entering and leaving a hardware interrupt handler; interrupts off. */
#define irq_enter()	do { __preempt_count += HARDIRQ_OFFSET; barrier(); } while (0)
#define irq_exit()	do { barrier(); __preempt_count -= HARDIRQ_OFFSET; } while (0)

#endif
