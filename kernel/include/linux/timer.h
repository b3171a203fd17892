/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include <linux/list.h>
#include <linux/jiffies.h>

/* [[struct timer_list]]: a function to call at a jiffy */
struct timer_list {
	struct list_head entry;		/* on the list of pending timers */
	unsigned long expires;		/* the jiffy to run at */
	void (*function)(struct timer_list *);	/* runs in the tick's interrupt */
	bool pending;			/* on the list */
};

/* starting and stopping a timer */
/* Make @timer call @function when it expires; not started. Any context. */
void timer_setup(struct timer_list *timer, void (*function)(struct timer_list *),
		 unsigned int flags);
/* (Re)start @timer to run at jiffy @expires. */
void mod_timer(struct timer_list *timer, unsigned long expires);
/* Stop @timer; 1 if it was pending. */
int del_timer(struct timer_list *timer);

#endif
