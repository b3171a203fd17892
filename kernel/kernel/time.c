/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/timer.h>
#include <linux/sched.h>

/* [[jiffies]] and the list of pending timers */
volatile unsigned long jiffies;
static LIST_HEAD(timers);		/* pending timers; changed with interrupts off */

/* [[timer_setup]] and [[mod_timer]]: start a timer */
/* Make @timer call @function; not started. Any context. */
void timer_setup(struct timer_list *timer, void (*function)(struct timer_list *),
		 unsigned int flags)
{
	INIT_LIST_HEAD(&timer->entry);
	timer->function = function;
	timer->pending = false;
}

/* (Re)start @timer for jiffy @expires. Any context. */
void mod_timer(struct timer_list *timer, unsigned long expires)
{
	unsigned long flags;

	local_irq_save(flags);
	timer->expires = expires;
	if (!timer->pending)
		list_add_tail(&timer->entry, &timers);
	timer->pending = true;
	local_irq_restore(flags);
}

/* [[del_timer]]: stop a timer */
/* Stop @timer; 1 if it was pending. Any context. */
int del_timer(struct timer_list *timer)
{
	unsigned long flags;
	int was = 0;

	local_irq_save(flags);
	if (timer->pending) {
		list_del_init(&timer->entry);
		timer->pending = false;
		was = 1;
	}
	local_irq_restore(flags);
	return was;
}

/* [[run_timers]]: call the timers that have expired */
/* Call every expired timer's function. Context: the tick, interrupts off. */
static void run_timers(void)
{
	struct timer_list *timer, *next;

	list_for_each_entry_safe(timer, next, &timers, entry) {
		if (time_after_eq(jiffies, timer->expires)) {
			list_del_init(&timer->entry);
			timer->pending = false;
			timer->function(timer);
		}
	}
}

/* [[timer_interrupt]]: the tick's handler */
/* IRQ 0: the clock, the timers, the scheduler. Context: interrupt. */
static irqreturn_t timer_interrupt(int irq, void *dev)
{
	jiffies++;
	run_timers();
	account_idle_tick();
	scheduler_tick();
	return IRQ_HANDLED;
}

/* [[time_init]]: start the tick */
/* Ask for IRQ 0 and start the timer; panics without it. Context: boot only. */
void time_init(void)
{
	if (request_irq(0, timer_interrupt, 0, "timer", NULL))
		panic("time_init: no IRQ 0 for the timer");
	arch_timer_init(HZ);
	pr_info("clocksource: tick at %d Hz\n", HZ);
}
