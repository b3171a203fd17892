/* Tangled from chapters/07-threads.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_COMPLETION_H
#define _LINUX_COMPLETION_H

#include <linux/wait.h>

/* [[struct completion]]: a count of events and a queue */
struct completion {
	unsigned int done;		/* events not yet waited for; irqs off */
	wait_queue_head_t wait;
};

#define COMPLETION_ALL	(~0u >> 1)	/* done for good: complete_all() */

/* the completion's operations */
/* No event yet. Any context; @x is not in use. */
void init_completion(struct completion *x);
/* One event happened: wake the waiters. Any context. */
void complete(struct completion *x);
/* The event happened for good: every waiter, now and later, goes on. */
void complete_all(struct completion *x);
/* Sleep until @x has an event, and take it. Process context, may sleep. */
void wait_for_completion(struct completion *x);

#endif
