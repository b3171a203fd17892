/* Tangled from chapters/07-threads.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/interrupt.h>
#include <linux/timer.h>
#include <linux/string.h>
#include <linux/gfp.h>
#include <linux/err.h>
#include <linux/seq_file.h>
#include <linux/shell.h>
#include <linux/sched/debug.h>

/* the scheduler's state: the counts, task 0 and the queue */
unsigned long __preempt_count;
bool __need_resched;
enum system_states system_state = SYSTEM_BOOTING;

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.pid = 0,
	.comm = "swapper",
	.time_slice = RR_TIMESLICE,
	.usage = 1,
};
struct task_struct *current_task = &init_task;

static LIST_HEAD(runqueue);			/* runnable tasks; irqs off */
LIST_HEAD(all_tasks);				/* every task, by tasks; irqs off */
static struct task_struct *switched_from;	/* prev, for the task that runs next */

/* [[sched_init]]: the boot thread becomes task 0 */
/* Make the boot thread task 0, running. Context: boot only. */
void sched_init(void)
{
	INIT_LIST_HEAD(&init_task.run_list);
	list_add_tail(&init_task.run_list, &runqueue);
	init_task.on_rq = true;
	list_add_tail(&init_task.tasks, &all_tasks);
	init_completion(&init_task.exited);
	pr_info("sched: thread stacks of %lu bytes (order %d), a task_struct of %u bytes at the "
		"bottom of each\n", (unsigned long)THREAD_SIZE, THREAD_SIZE_ORDER,
		(unsigned int)sizeof(struct task_struct));
}

/* [[start_contexts]]: interrupts and the tick, for good */
/**
 * start_contexts - start the scheduler, the interrupt controller and the tick,
 * then turn interrupts on for good; from then on every GFP flag is allowed.
 * Context: boot only (start_kernel, host_boot), interrupts off; a second call
 * does nothing.
 */
void start_contexts(void)
{
	if (system_state == SYSTEM_RUNNING)	/* a host test booting twice */
		return;
	sched_init();
	init_IRQ();
	time_init();
	system_state = SYSTEM_RUNNING;
	gfp_allowed_mask = __GFP_BITS_MASK;
	local_irq_enable();
}

/* [[finish_task_switch]]: free a task that has died */
/* Drop the reference of the task switched from, if it died. Interrupts off. */
static void finish_task_switch(void)
{
	struct task_struct *prev = switched_from;

	if (prev && prev->state == TASK_DEAD) {
		list_del(&prev->tasks);
		put_task_struct(prev);
	}
}

/* [[__schedule]]: switch to the task at the front of the queue */
/* Take a sleeping @prev off the queue (unless @preempt), pick the next task and
 * switch to it. Context: preemption disabled once, by the caller. */
static void __schedule(bool preempt)
{
	struct task_struct *prev = current, *next;

	local_irq_disable();
	/* a [[prev]] that sleeps leaves the queue, unless it is preempted */
	if (!preempt && prev->state != TASK_RUNNING && prev->on_rq) {
		list_del(&prev->run_list);
		prev->on_rq = false;
	}
	__need_resched = false;
	while (list_empty(&runqueue))
		arch_cpu_idle();		/* an interrupt will wake someone */
	if (prev->on_rq)
		list_move_tail(&prev->run_list, &runqueue);
	next = list_first_entry(&runqueue, struct task_struct, run_list);
	if (next != prev) {
		/* count the switch, make it, and finish it when [[prev]] runs again */
		if (preempt)
			prev->nivcsw++;
		else
			prev->nvcsw++;
		switched_from = prev;
		current_task = next;
		arch_switch_to(prev, next);
		finish_task_switch();		/* we are prev again, switched back to */
	}
	local_irq_enable();
}

/* [[schedule_bug]]: report a call of [[schedule]] in atomic context */
/* Report a call of schedule() in atomic context. Context: schedule() only. */
static noinline void schedule_bug(void)
{
	printk(KERN_ERR "BUG: scheduling while atomic: %s/%d/0x%08lx\n", current->comm,
	       current->pid, preempt_count());
	print_context();
	dump_stack();
	add_taint(TAINT_WARN);
}

/* [[schedule]]: the voluntary door */
/**
 * schedule - give the CPU to the next runnable task.
 * If current is not TASK_RUNNING it sleeps: it leaves the queue until
 * wake_up_process() puts it back, and schedule() returns after that.
 * Context: process context, may sleep; a call in atomic context is reported
 * ("scheduling while atomic") and then goes ahead.
 */
void schedule(void)
{
	if (unlikely(in_atomic()))
		schedule_bug();
	preempt_disable();
	__schedule(false);
	preempt_enable_no_resched();
}

/* [[preempt_schedule]]: preemption when a count returns to zero */
/* Preempt current if nothing forbids it. Context: any; from preempt_enable(). */
void preempt_schedule(void)
{
	if (preempt_count() || irqs_disabled())
		return;
	do {
		preempt_disable();
		__schedule(true);
		preempt_enable_no_resched();
	} while (need_resched());
}

/* [[preempt_schedule_irq]]: preemption on the way out of an interrupt */
/* Preempt the interrupted task. Context: handle_irq, interrupts off; they
 * are off again on return. */
void preempt_schedule_irq(void)
{
	do {
		preempt_disable();
		__schedule(true);
		local_irq_disable();
		preempt_enable_no_resched();
	} while (need_resched());
}

/* Report a preempt_enable() without its preempt_disable(). Any context. */
void preempt_count_underflow(void)
{
	WARN(1, "preempt_enable() without preempt_disable()\n");
}

/* [[wake_up_process]]: a task back on the queue */
/**
 * wake_up_process - make @p runnable, at the back of the queue.
 * Context: any, interrupt handlers included; does not sleep.
 * Return: 1 if @p was asleep, 0 if it was runnable or dead.
 */
int wake_up_process(struct task_struct *p)
{
	unsigned long flags;
	int woken = 0;

	local_irq_save(flags);
	if (p->state != TASK_RUNNING && p->state != TASK_DEAD) {
		p->state = TASK_RUNNING;
		if (!p->on_rq) {
			list_add_tail(&p->run_list, &runqueue);
			p->on_rq = true;
		}
		woken = 1;
	}
	local_irq_restore(flags);
	return woken;
}

/* [[scheduler_tick]]: count down the time slice */
/* Count down current's time slice; ask for a switch when it runs out and
 * another task is waiting. Context: the tick's interrupt. */
void scheduler_tick(void)
{
	struct task_struct *p = current;

	if (!p->on_rq || --p->time_slice > 0)
		return;
	p->time_slice = RR_TIMESLICE;
	if (!list_is_singular(&runqueue))
		__need_resched = true;
}

/* [[get_task_struct]]: a reference that keeps a task */
/* Take a reference to @p, so that it is not freed. Any context. */
void get_task_struct(struct task_struct *p)
{
	unsigned long flags;

	local_irq_save(flags);
	p->usage++;
	local_irq_restore(flags);
}

/* [[put_task_struct]]: the last reference frees the stack block */
/* Drop a reference to @p; the last one frees its stack. Context: any but
 * @p's own stack (a dead task's last reference is dropped by the next task). */
void put_task_struct(struct task_struct *p)
{
	unsigned long flags;
	bool last;

	local_irq_save(flags);
	last = --p->usage == 0;
	local_irq_restore(flags);
	if (last && p != &init_task) {
		arch_thread_free(p);
		free_pages((unsigned long)p->stack, THREAD_SIZE_ORDER);
	}
}

/* the first and the last switch of a kernel thread */
/* A new thread's first act: finish the switch that brought it. Irqs off. */
void finish_task_switch_from_new(void)
{
	finish_task_switch();
}

/* A dead thread's last act: switch away for good. Preemption disabled. */
void schedule_dead(void)
{
	__schedule(false);
	BUG();			/* a dead task is never switched back to */
	for (;;)
		;
}

/* [[__might_sleep]]: report a sleep in atomic context */
/**
 * __might_sleep - report, at most once a second, that code at @file:@line
 * that may sleep was reached in atomic context or with interrupts off.
 * Context: any (it is the check); silent while the kernel boots.
 */
void __might_sleep(const char *file, int line)
{
	static unsigned long prev_jiffy;
	static bool reported;

	if (likely(!in_atomic() && !irqs_disabled()) || system_state != SYSTEM_RUNNING)
		return;
	if (reported && time_before(jiffies, prev_jiffy + HZ))
		return;
	reported = true;
	prev_jiffy = jiffies;
	/* report the place, the counts, the task and the call trace */
	printk(KERN_ERR "BUG: sleeping function called from invalid context at %s:%d\n",
	       file, line);
	printk(KERN_ERR "in_atomic(): %d, irqs_disabled(): %d, pid: %d, name: %s\n",
	       in_atomic(), irqs_disabled(), current->pid, current->comm);
	printk(KERN_ERR "preempt_count: %lx, expected: 0\n", preempt_count());
	print_context();
	dump_stack();
	add_taint(TAINT_WARN);
}

/* [[ps]], [[uptime]] and [[sleep]] on the console */
static unsigned long idle_ticks;	/* written by the tick */

/* The letter ps prints for @p's state: R, S, D or X. Any context. */
static char task_state_char(const struct task_struct *p)
{
	if (p->state == TASK_RUNNING)
		return 'R';
	if (p->state == TASK_DEAD)
		return 'X';
	return p->state & TASK_UNINTERRUPTIBLE ? 'D' : 'S';
}

/* ps: every task, its state and its switches. Context: the console;
 * interrupts off around the walk. Returns 0. */
static int cmd_ps(struct seq_file *m, int argc, char **argv)
{
	struct task_struct *p;
	unsigned long flags;

	seq_printf(m, "  PID S    VCSW   IVCSW COMMAND\n");
	local_irq_save(flags);
	list_for_each_entry(p, &all_tasks, tasks)
		seq_printf(m, "%5d %c %7lu %7lu %s\n", p->pid, task_state_char(p), p->nvcsw,
			   p->nivcsw, p->comm);
	local_irq_restore(flags);
	return 0;
}
DEFINE_CONSOLE_COMMAND(ps, "", "the tasks, their states and switches", cmd_ps);

/* uptime: seconds since the tick began and seconds idle. Context: the
 * console; the two counts are read once each, unlocked. Returns 0. */
static int cmd_uptime(struct seq_file *m, int argc, char **argv)
{
	unsigned long j = jiffies, idle = idle_ticks;

	seq_printf(m, "%lu.%02lu %lu.%02lu\n", j / HZ, (j % HZ) * 100 / HZ, idle / HZ,
		   (idle % HZ) * 100 / HZ);
	return 0;
}
DEFINE_CONSOLE_COMMAND(uptime, "", "seconds since the tick began, and idle (/proc/uptime)",
		       cmd_uptime);

/* sleep MS: msleep() the console, 10 ms at a time so that Ctrl-C ends it.
 * Context: the console, may sleep. Returns 0, or -1 with the usage line. */
static int cmd_sleep(struct seq_file *m, int argc, char **argv)
{
	unsigned long ms;

	if (argc != 2) {
		seq_printf(m, "usage: sleep MS\n");
		return -1;
	}
	if (console_number(m, "sleep", "MS", argv[1], 0, 60000, false, &ms) < 0)
		return -1;
	while (ms > 0 && !console_interrupted()) {
		unsigned int step = ms < 10 ? (unsigned int)ms : 10;

		msleep(step);
		ms -= step;
	}
	return 0;
}
DEFINE_CONSOLE_COMMAND(sleep, "MS", "sleep for MS milliseconds", cmd_sleep);

/* [[account_idle_tick]]: the idle time of [[uptime]] */
/* Count an idle tick if the CPU was halted. Context: the tick's interrupt. */
void account_idle_tick(void)
{
	if (!current->on_rq)
		idle_ticks++;
}

/* a spinner: a thread that counts until its time is up */
struct spinner {
	struct task_struct *task;
	unsigned long end, loops;	/* loops: written by the thread alone */
};

/* A spinner's thread: count until jiffy s->end, never yielding. Returns 0. */
static int spin_thread(void *data)
{
	struct spinner *s = data;

	while (time_before(jiffies, READ_ONCE(s->end)))
		s->loops++;
	return 0;
}

/* [[spin]]: threads that share the CPU */
/* spin [THREADS] [MS]: run THREADS spinners for MS ms, then print their shares.
 * Context: the console, may sleep. Returns 0, or -1 with the usage line; with
 * no memory for a thread it runs the ones it has. */
static int cmd_spin(struct seq_file *m, int argc, char **argv)
{
	static struct spinner spinners[8];
	unsigned long n = 3, ms = 1000, total = 0;

	if (argc > 3) {
		seq_printf(m, "usage: spin [THREADS (1-8)] [MS]\n");
		return -1;
	}
	if ((argc > 1 && console_number(m, "spin", "THREADS", argv[1], 1, ARRAY_SIZE(spinners),
					false, &n) < 0) ||
	    (argc > 2 && console_number(m, "spin", "MS", argv[2], 1, 60000, false, &ms) < 0))
		return -1;
	/* start [[n]] spinners, each held by a reference */
	for (unsigned int i = 0; i < n; i++) {
		spinners[i] = (struct spinner){ .end = jiffies + msecs_to_jiffies((unsigned int)ms) };
		spinners[i].task = kthread_create(spin_thread, &spinners[i], "spin/%u", i);
		if (IS_ERR(spinners[i].task)) {
			seq_printf(m, "spin: no memory for a thread\n");
			n = i;
			break;
		}
		get_task_struct(spinners[i].task);	/* it may exit before we stop it */
		wake_up_process(spinners[i].task);
	}
	/* stop the spinners and print each one's share */
	while (n && time_before(jiffies, spinners[0].end) && !console_interrupted())
		msleep(10);
	for (unsigned int i = 0; i < n; i++)
		WRITE_ONCE(spinners[i].end, jiffies);
	for (unsigned int i = 0; i < n; i++) {
		kthread_stop(spinners[i].task);
		total += spinners[i].loops;
	}
	for (unsigned int i = 0; i < n; i++) {
		struct task_struct *p = spinners[i].task;

		seq_printf(m, "%-8s pid %3d: %10lu loops (%3u%%), preempted %lu times\n", p->comm,
			   p->pid, spinners[i].loops,
			   total ? (unsigned int)((u64)spinners[i].loops * 100 / total) : 0, p->nivcsw);
		put_task_struct(p);
	}
	return 0;
}
DEFINE_CONSOLE_COMMAND(spin, "[THREADS] [MS]", "threads that share the CPU by preemption",
		       cmd_spin);
