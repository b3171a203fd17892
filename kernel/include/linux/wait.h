/* Tangled from chapters/07-threads.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/spinlock.h>

/* a wait queue: a lock and a list of waiting tasks */
struct task_struct;

struct wait_queue_entry {
	struct task_struct *task;	/* the waiter */
	struct list_head entry;		/* on the queue's list; empty when not */
};

typedef struct wait_queue_head {
	spinlock_t lock;		/* protects head; taken with irqs off */
	struct list_head head;		/* of wait_queue_entry */
} wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { __SPIN_LOCK_UNLOCKED, LIST_HEAD_INIT((name).head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define DEFINE_WAIT(name) \
	struct wait_queue_entry name = { current, LIST_HEAD_INIT((name).entry) }

/* the wait queue's operations */
/* Make @wq empty. Any context; @wq is not in use. */
void init_waitqueue_head(wait_queue_head_t *wq);
/* Is anyone waiting on @wq? (A hint: the answer may change at once.) */
static inline bool waitqueue_active(wait_queue_head_t *wq)
{
	return !list_empty(&wq->head);
}
void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait, long state);
void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait);
/* Wake every task waiting on @wq. Any context. */
void wake_up(wait_queue_head_t *wq);

/* [[wait_event]]: sleep until a condition holds */
/**
 * wait_event - sleep until @condition is true; it is checked after every wake-up.
 * @wq: the queue that whoever makes @condition true wakes.
 * Context: process context, may sleep.
 */
#define wait_event(wq, condition) do {						\
	might_sleep();								\
	if (condition)								\
		break;								\
	DEFINE_WAIT(__wait);							\
	for (;;) {								\
		prepare_to_wait(&(wq), &__wait, TASK_UNINTERRUPTIBLE);		\
		if (condition)							\
			break;							\
		schedule();							\
	}									\
	finish_wait(&(wq), &__wait);						\
} while (0)

/* [[wait_event_timeout]]: the same, for at most a time */
/**
 * wait_event_timeout - as wait_event(), for at most @timeout jiffies.
 * Context: process context, may sleep.
 * Return: 0 if it timed out with @condition false, else the jiffies left (>= 1).
 */
#define wait_event_timeout(wq, condition, timeout) ({				\
	long __left = (timeout);						\
	might_sleep();								\
	if (!(condition)) {							\
		DEFINE_WAIT(__wait);						\
		for (;;) {							\
			prepare_to_wait(&(wq), &__wait, TASK_UNINTERRUPTIBLE);	\
			if (condition) {					\
				__left = __left ? __left : 1;			\
				break;						\
			}							\
			if (!__left)						\
				break;						\
			__left = schedule_timeout(__left);			\
		}							\
		finish_wait(&(wq), &__wait);					\
	}									\
	__left;									\
})

#endif
