/* Tangled from chapters/04-kmalloc.nw by tangle/tangle.c; edit the chapter, not this file. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <ucontext.h>
#include <linux/kernel.h>
#include <linux/align.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/common_interface_defs.h>
#endif

bool host_irqs_off = true;
static unsigned long pending;
const char arch_irq_chip_name[] = "host";

void host_raise_irq(unsigned int irq)
{
	if (host_irqs_off) {
		pending |= 1UL << irq;
		return;
	}
	host_irqs_off = true;
	handle_irq(irq, true);
	host_irqs_off = false;
}

void host_irq_enable(void)
{
	host_irqs_off = false;
	while (pending) {
		unsigned int irq = (unsigned int)__builtin_ctzl(pending);

		pending &= ~(1UL << irq);
		host_raise_irq(irq);
	}
}

void host_tick(void) { host_raise_irq(0); }
void init_IRQ(void) { }
void arch_enable_irq(unsigned int irq) { }
void arch_timer_init(unsigned int hz) { }

/* An idle host CPU has nothing to wait for but time: a tick passes. */
void arch_cpu_idle(void)
{
	host_irqs_off = false;
	host_raise_irq(0);
	host_irqs_off = true;
}

static void switch_stack(struct task_struct *prev, struct task_struct *next)
{
#ifdef __SANITIZE_ADDRESS__
	void *fake = NULL;
	const void *from_bottom;
	size_t from_size;

	__sanitizer_start_switch_fiber(prev->state == TASK_DEAD ? NULL : &fake,
				       next->thread.stack_bottom, next->thread.stack_size);
	swapcontext(prev->thread.context, next->thread.context);
	__sanitizer_finish_switch_fiber(fake, &from_bottom, &from_size);
#else
	swapcontext(prev->thread.context, next->thread.context);
#endif
}

void arch_switch_to(struct task_struct *prev, struct task_struct *next)
{
	if (!prev->thread.context)		/* the test's own thread, first time */
		prev->thread.context = calloc(1, sizeof(ucontext_t));
	switch_stack(prev, next);
}

static void (*first_entry)(void);

static void thread_start(void)
{
#ifdef __SANITIZE_ADDRESS__
	const void *from_bottom;
	size_t from_size;

	__sanitizer_finish_switch_fiber(NULL, &from_bottom, &from_size);
	if (!init_task.thread.stack_bottom) {
		init_task.thread.stack_bottom = from_bottom;
		init_task.thread.stack_size = from_size;
	}
#endif
	first_entry();
}

void arch_thread_init(struct task_struct *p, void (*entry)(void))
{
	ucontext_t *uc = calloc(1, sizeof(*uc));
	size_t header = ALIGN(sizeof(*p), 64);

	if (!uc || getcontext(uc) != 0)
		panic("arch_thread_init: no context");
	uc->uc_stack.ss_sp = (char *)p->stack + header;
	uc->uc_stack.ss_size = THREAD_SIZE - header;
	uc->uc_link = NULL;
	makecontext(uc, thread_start, 0);
	first_entry = entry;
	p->thread = (struct thread_struct){ uc, uc->uc_stack.ss_sp, uc->uc_stack.ss_size };
}

void arch_thread_free(struct task_struct *p)
{
	free(p->thread.context);
}
