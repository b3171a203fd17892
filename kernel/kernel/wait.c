/* Tangled from chapters/07-threads.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/timer.h>

/* [[init_waitqueue_head]] and [[prepare_to_wait]]: join a queue */
/* Make @wq empty. Any context; @wq is not in use. */
void init_waitqueue_head(wait_queue_head_t *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

/**
 * prepare_to_wait - put @wait on @wq, if it is not there, and set current's @state.
 * The caller checks its condition next, then calls schedule().
 * Context: process context. Takes @wq's lock, irqs off.
 */
void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait, long state)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&wait->entry))
		list_add_tail(&wait->entry, &wq->head);
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}
/* [[finish_wait]]: leave the queue, running */
/* Set current running and take @wait off @wq. Context: process context.
 * Takes @wq's lock, irqs off. */
void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	spin_lock_irqsave(&wq->lock, flags);
	if (!list_empty(&wait->entry))
		list_del_init(&wait->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}
/* [[wake_up]]: make every waiter runnable */
/**
 * wake_up - make every task waiting on @wq runnable.
 * The waiters stay on the queue until they leave it in finish_wait().
 * Context: any, interrupt handlers included. Takes @wq's lock, irqs off.
 */
void wake_up(wait_queue_head_t *wq)
{
	struct wait_queue_entry *wait;
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_for_each_entry(wait, &wq->head, entry)
		wake_up_process(wait->task);
	spin_unlock_irqrestore(&wq->lock, flags);
}
/* [[init_completion]] and [[complete]]: one event happened */
/* No event yet. Any context; @x is not in use. */
void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

/**
 * complete - count one event on @x and wake its waiters (one of them takes it).
 * Context: any, interrupt handlers included.
 */
void complete(struct completion *x)
{
	unsigned long flags;

	local_irq_save(flags);
	if (x->done != COMPLETION_ALL)
		x->done++;
	local_irq_restore(flags);
	wake_up(&x->wait);
}
/* [[complete_all]]: the event happened for good */
/* Every waiter of @x, now and later, goes on. Context: any. */
void complete_all(struct completion *x)
{
	x->done = COMPLETION_ALL;
	wake_up(&x->wait);
}
/* [[wait_for_completion]]: wait for an event and take it */
/**
 * wait_for_completion - sleep until @x has an event, and take it.
 * Context: process context, may sleep.
 */
void wait_for_completion(struct completion *x)
{
	unsigned long flags;

	wait_event(x->wait, x->done);
	local_irq_save(flags);
	if (x->done != COMPLETION_ALL)
		x->done--;
	local_irq_restore(flags);
}
/* a sleeper's timer wakes the sleeper */
struct sleeper {
	struct timer_list timer;
	struct task_struct *task;
};

/* The sleeper's timer: wake it. Context: the tick's interrupt. */
static void process_timeout(struct timer_list *t)
{
	wake_up_process(container_of(t, struct sleeper, timer)->task);
}
/* [[schedule_timeout]]: sleep with a timer to wake the sleeper */
/**
 * schedule_timeout - sleep, in the state the caller set, for up to @timeout
 * jiffies; MAX_SCHEDULE_TIMEOUT sleeps until woken.
 * Context: process context, may sleep.
 * Return: the jiffies left if woken early, else 0.
 */
long schedule_timeout(long timeout)
{
	struct sleeper s = { .task = current };
	unsigned long expire;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	expire = jiffies + (unsigned long)timeout;
	timer_setup(&s.timer, process_timeout, 0);
	mod_timer(&s.timer, expire);
	schedule();
	del_timer(&s.timer);
	timeout = (long)(expire - jiffies);
	return timeout < 0 ? 0 : timeout;
}
/* [[msleep]]: sleep for at least a time */
/* Sleep at least @msecs milliseconds. Context: process context, may sleep. */
void msleep(unsigned int msecs)
{
	long timeout = (long)msecs_to_jiffies(msecs) + 1;

	might_sleep();
	while (timeout) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		timeout = schedule_timeout(timeout);
	}
}
