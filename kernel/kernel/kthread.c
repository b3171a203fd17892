/* Tangled from chapters/07-threads.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/err.h>
#include <linux/string.h>
#include <stdarg.h>

/* [[kthread_entry]]: where every kernel thread begins */
static int next_pid = 1;		/* changed with irqs off */

/* The first code a new thread runs: as if returning from schedule(), with
 * interrupts off and preemption disabled once. */
static void __noreturn kthread_entry(void)
{
	struct task_struct *self = current;

	finish_task_switch_from_new();
	local_irq_enable();
	preempt_enable();
	do_exit(self->threadfn(self->data));
}
/* [[kthread_create]]: a stack block, a task at its bottom */
/**
 * kthread_create - a new kernel thread that will run @threadfn(@data), asleep
 * until wake_up_process(); named by printf-style @namefmt.
 * Context: process context, may sleep (GFP_KERNEL).
 * Return: the task, with one reference (the thread's own), or ERR_PTR(-ENOMEM).
 */
struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *namefmt, ...)
{
	struct page *page = alloc_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
	struct task_struct *p;
	unsigned long flags;
	va_list ap;

	if (!page)
		return ERR_PTR(-ENOMEM);
	p = lowmem_page_address(page);		/* GFP_KERNEL: never a high page */
	/* fill in the new task */
	memset(p, 0, sizeof(*p));
	p->stack = p;
	p->state = TASK_UNINTERRUPTIBLE;	/* until woken */
	p->flags = PF_KTHREAD;
	p->usage = 1;
	p->time_slice = RR_TIMESLICE;
	p->threadfn = threadfn;
	p->data = data;
	INIT_LIST_HEAD(&p->run_list);
	init_completion(&p->exited);
	va_start(ap, namefmt);
	vsnprintf(p->comm, sizeof(p->comm), namefmt, ap);
	va_end(ap);
	arch_thread_init(p, kthread_entry);
	/* give the task a pid and a place on the list of all tasks */
	local_irq_save(flags);
	p->pid = next_pid++;
	list_add_tail(&p->tasks, &all_tasks);
	local_irq_restore(flags);
	return p;
}
/* [[do_exit]]: a thread's last switch */
/* End current with exit code @code. Context: process context; never returns. */
void do_exit(int code)
{
	struct task_struct *self = current;

	self->exit_code = code;
	complete_all(&self->exited);
	preempt_disable();
	self->state = TASK_DEAD;
	schedule_dead();
}
/* [[kthread_should_stop]] and [[kthread_stop]] */
/* Has kthread_stop() been called for current? Context: the thread itself. */
bool kthread_should_stop(void)
{
	return *(volatile bool *)&current->should_stop;
}

/**
 * kthread_stop - ask @k to stop, wake it, and wait until it has exited.
 * Context: process context, may sleep. The caller must hold a reference to
 * @k if @k may exit on its own first.
 * Return: @k's exit code, the value its function returned.
 */
int kthread_stop(struct task_struct *k)
{
	int code;

	get_task_struct(k);
	k->should_stop = true;
	barrier();
	wake_up_process(k);
	wait_for_completion(&k->exited);
	code = k->exit_code;
	put_task_struct(k);
	return code;
}
