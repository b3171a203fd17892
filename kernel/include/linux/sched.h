/* Tangled from chapters/07-threads.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/jiffies.h>
#include <linux/completion.h>
#include <linux/err.h>
#include <asm/switch_to.h>

/* task states, task flags and the scheduler's constants */
#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001
#define TASK_UNINTERRUPTIBLE	0x0002
#define TASK_DEAD		0x0080
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

#define PF_MEMALLOC		0x00000800	/* reclaiming: may use the reserves */
#define PF_KTHREAD		0x00200000	/* a kernel thread */

#define TASK_COMM_LEN		16
#define RR_TIMESLICE		(100 * HZ / 1000)	/* 100 ms, as SCHED_RR's */
#define MAX_SCHEDULE_TIMEOUT	((long)(~0UL >> 1))

/* [[struct task_struct]]: a thread */
struct task_struct {
	volatile long state;			/* TASK_; set by the task, or by a waker, irqs off */
	unsigned int flags;			/* PF_; the task's own */
	int pid;
	char comm[TASK_COMM_LEN];
	struct list_head run_list;		/* on the run queue, if on_rq; irqs off */
	bool on_rq;				/* irqs off */
	unsigned int time_slice;		/* ticks left; the tick's */
	struct list_head tasks;			/* on the list of all tasks; irqs off */
	int usage;				/* references; freed at 0; irqs off */
	void *stack;				/* THREAD_SIZE bytes; this struct at the bottom */
	int (*threadfn)(void *data);
	void *data;
	int exit_code;
	bool should_stop;			/* kthread_stop() was called */
	struct completion exited;
	unsigned long nvcsw, nivcsw;		/* voluntary and involuntary switches */
	struct reclaim_state *reclaim_state;	/* pages freed, while in direct reclaim */
	struct thread_struct thread;		/* the machine's: the saved stack */
};

/* [[current]] and its state */
extern struct task_struct init_task;
extern struct task_struct *current_task;
#define current		current_task

#define __set_current_state(s)	do { current->state = (s); } while (0)
#define set_current_state(s)	do { current->state = (s); barrier(); } while (0)

/* the scheduler's interface */
enum system_states { SYSTEM_BOOTING, SYSTEM_RUNNING };
extern enum system_states system_state;

/* Make the boot thread task 0. Boot only. */
void sched_init(void);
/* Start interrupts, the tick and the scheduler (start_kernel, host_boot). */
void start_contexts(void);
/* Run another task, or, if current is not TASK_RUNNING, sleep until woken. */
void schedule(void);
/* Make @p runnable; 1 if it was asleep. Any context. */
int wake_up_process(struct task_struct *p);
/* Called by the tick, in interrupt context. */
void scheduler_tick(void);
/* Preemption on return from an interrupt (interrupts off). */
void preempt_schedule_irq(void);

/* Sleep (in the state set before) for up to @timeout jiffies; what is left. */
long schedule_timeout(long timeout);
void msleep(unsigned int msecs);
void get_task_struct(struct task_struct *p);
void put_task_struct(struct task_struct *p);
void account_idle_tick(void);

/* the kernel threads' interface */
/* A sleeping thread to run @threadfn(@data); ERR_PTR(-ENOMEM). May sleep. */
struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *namefmt, ...) __printf(3, 4);
#define kthread_run(threadfn, data, ...) ({					\
	struct task_struct *__k = kthread_create(threadfn, data, __VA_ARGS__);	\
	if (!IS_ERR(__k))							\
		wake_up_process(__k);						\
	__k;									\
})

/* Has current been asked to stop? Context: the thread itself. */
bool kthread_should_stop(void);
/* Ask @k to stop, wait for it to exit, and return its exit code. */
int kthread_stop(struct task_struct *k);
/* End current with exit code @code. Process context; never returns. */
void __noreturn do_exit(int code);
extern struct list_head all_tasks;
/* For kthread.c: the first and the last switch of a thread. */
void finish_task_switch_from_new(void);
void __noreturn schedule_dead(void);

/* [[might_sleep]]: a check for code that may sleep */
void __might_sleep(const char *file, int line);
#define might_sleep() do {							\
	if (unlikely(in_atomic() || irqs_disabled()))				\
		__might_sleep(__FILE__, __LINE__);				\
} while (0)
#define might_sleep_if(cond)	do { if (cond) might_sleep(); } while (0)

#endif
