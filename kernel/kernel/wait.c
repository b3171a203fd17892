/* Tangled from chapters/07-threads.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/timer.h>

void init_waitqueue_head(wait_queue_head_t *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

void prepare_to_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait, long state)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&wait->entry))
		list_add_tail(&wait->entry, &wq->head);
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void finish_wait(wait_queue_head_t *wq, struct wait_queue_entry *wait)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	spin_lock_irqsave(&wq->lock, flags);
	if (!list_empty(&wait->entry))
		list_del_init(&wait->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void wake_up(wait_queue_head_t *wq)
{
	struct wait_queue_entry *wait;
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_for_each_entry(wait, &wq->head, entry)
		wake_up_process(wait->task);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

void complete(struct completion *x)
{
	unsigned long flags;

	local_irq_save(flags);
	if (x->done != COMPLETION_ALL)
		x->done++;
	local_irq_restore(flags);
	wake_up(&x->wait);
}

void complete_all(struct completion *x)
{
	x->done = COMPLETION_ALL;
	wake_up(&x->wait);
}

void wait_for_completion(struct completion *x)
{
	unsigned long flags;

	wait_event(x->wait, x->done);
	local_irq_save(flags);
	if (x->done != COMPLETION_ALL)
		x->done--;
	local_irq_restore(flags);
}

struct sleeper {
	struct timer_list timer;
	struct task_struct *task;
};

static void process_timeout(struct timer_list *t)
{
	wake_up_process(container_of(t, struct sleeper, timer)->task);
}

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

void msleep(unsigned int msecs)
{
	long timeout = (long)msecs_to_jiffies(msecs) + 1;

	might_sleep();
	while (timeout) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		timeout = schedule_timeout(timeout);
	}
}
