/* Tangled from chapters/07-threads.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <asm/host.h>

/* helpers for the scheduler tests */
/* Which thread ran at each step: a letter a step. */
static char trace[256];
static unsigned int trace_len;

static void step(char who)
{
	if (trace_len < sizeof(trace) - 1)
		trace[trace_len++] = who;
	host_tick();
}

/* host tests of threads and the scheduler */
static int ticker(void *data)
{
	for (int i = 0; i < 30; i++)
		step(*(char *)data);
	return *(char *)data;
}

Test(sched, two_threads_take_turns_of_one_time_slice)
{
	static char a = 'a', b = 'b';
	unsigned long free_before;
	struct task_struct *ta, *tb;

	host_boot(64ULL << 20);
	free_before = nr_free_pages();
	ta = kthread_create(ticker, &a, "a");
	tb = kthread_create(ticker, &b, "b");
	cr_assert(!IS_ERR(ta) && !IS_ERR(tb));
	get_task_struct(ta);
	get_task_struct(tb);
	wake_up_process(ta);
	wake_up_process(tb);
	cr_expect_eq(kthread_stop(ta), 'a', "the exit code is the function's value");
	cr_expect_eq(kthread_stop(tb), 'b');
	trace[trace_len] = '\0';
	cr_expect_str_eq(trace, "aaaaaaaaaabbbbbbbbbbaaaaaaaaaabbbbbbbbbbaaaaaaaaaabbbbbbbbbb");
	cr_expect_eq(ta->nivcsw, 3, "a is preempted at the end of each of its three slices, "
		     "not %lu times", ta->nivcsw);
	put_task_struct(ta);
	put_task_struct(tb);
	cr_expect_eq(nr_free_pages(), free_before, "the stacks went back");
}

static DEFINE_SPINLOCK(held_lock);

static int locker(void *data)
{
	spin_lock(&held_lock);
	for (int i = 0; i < 15; i++)
		step('L');
	spin_unlock(&held_lock);			/* preempted here, at the latest */
	for (int i = 0; i < 5; i++)
		step('l');
	return 0;
}

static int other(void *data)
{
	for (int i = 0; i < 3; i++)
		step('o');
	return 0;
}

Test(sched, a_thread_holding_a_spinlock_is_not_preempted)
{
	struct task_struct *tl, *to;

	host_boot(64ULL << 20);
	tl = kthread_create(locker, NULL, "locker");
	to = kthread_create(other, NULL, "other");
	get_task_struct(tl);
	get_task_struct(to);
	wake_up_process(tl);
	wake_up_process(to);
	kthread_stop(tl);
	kthread_stop(to);
	put_task_struct(tl);
	put_task_struct(to);
	trace[trace_len] = '\0';
	cr_expect_str_eq(trace, "LLLLLLLLLLLLLLLooolllll",
			 "15 steps under the lock, then the other thread at the unlock: %s", trace);
}

static int warner(void *data)
{
	WARN_ON(data != NULL);
	return 0;
}

Test(sched, a_warning_in_a_thread_names_the_thread)
{
	struct task_struct *t;
	char want[64];
	const char *out;

	host_boot(64ULL << 20);
	t = kthread_create(warner, &t, "warner");
	cr_assert(!IS_ERR(t));
	get_task_struct(t);
	host_console_reset();
	wake_up_process(t);
	kthread_stop(t);
	out = host_console_output();
	snprintf(want, sizeof(want), "WARNING: CPU: 0 PID: %d at chapters/07-threads.nw:", t->pid);
	cr_expect(t->pid > 0 && strstr(out, want), "expected '%s' in:\n%s", want, out);
	snprintf(want, sizeof(want), "CPU: 0 PID: %d Comm: warner ", t->pid);
	cr_expect(strstr(out, want), "expected '%s' in:\n%s", want, out);
	put_task_struct(t);
}

/* host tests of sleeping */
static DECLARE_WAIT_QUEUE_HEAD(test_wq);
static bool flag_set;

static int waiter(void *data)
{
	wait_event(test_wq, flag_set);
	return 7;
}

Test(sleep, a_waiter_sleeps_until_woken_with_its_condition_true)
{
	struct task_struct *t;

	host_boot(64ULL << 20);
	t = kthread_run(waiter, NULL, "waiter");
	cr_assert(!IS_ERR(t));
	get_task_struct(t);
	msleep(30);					/* let it run and sleep */
	cr_expect_eq(t->state, TASK_UNINTERRUPTIBLE, "asleep on the queue");
	wake_up(&test_wq);				/* a wake-up without the condition */
	msleep(30);
	cr_expect_eq(t->state, TASK_UNINTERRUPTIBLE, "back to sleep: the condition is false");
	flag_set = true;
	wake_up(&test_wq);
	cr_expect_eq(kthread_stop(t), 7);
	put_task_struct(t);
}

Test(sleep, msleep_sleeps_for_the_ticks_asked)
{
	unsigned long start;

	host_boot(64ULL << 20);
	start = jiffies;
	msleep(50);
	cr_expect_geq(jiffies - start, 5);
	cr_expect_leq(jiffies - start, 7);
}

Test(sleep, sleeping_in_atomic_context_is_reported_with_the_caller)
{
	DEFINE_SPINLOCK(lock);
	const char *out;

	host_boot(64ULL << 20);
	host_console_reset();
	spin_lock(&lock);
	might_sleep();
	spin_unlock(&lock);
	out = host_console_output();
	cr_expect(strstr(out, "BUG: sleeping function called from invalid context at "), "%s", out);
	cr_expect(strstr(out, "in_atomic(): 1, irqs_disabled(): 0, pid: 0, name: swapper\n"), "%s", out);
	cr_expect(strstr(out, "preempt_count: 1, expected: 0\n"), "%s", out);
	cr_expect(strstr(out, "sleeping_in_atomic_context_is_reported"), "the caller:\n%s", out);
}

Test(sleep, scheduling_while_atomic_is_reported)
{
	const char *out;

	host_boot(64ULL << 20);
	host_console_reset();
	preempt_disable();
	schedule();
	preempt_enable();
	out = host_console_output();
	cr_expect(strstr(out, "BUG: scheduling while atomic: swapper/0/0x00000001\n"), "%s", out);
}
