/* Tangled from chapters/07-threads.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/sched.h>

/* [[arch_switch_to]]: save one stack pointer, load another */
void __switch_to_asm(unsigned long *prev_sp, unsigned long next_sp);

_Static_assert(THREAD_SIZE == 4096 << THREAD_SIZE_ORDER,
	       "THREAD_SIZE and THREAD_SIZE_ORDER must agree");

/* Switch from @prev (current) to @next. Interrupts off, preemption off. */
void arch_switch_to(struct task_struct *prev, struct task_struct *next)
{
	__switch_to_asm(&prev->thread.sp, next->thread.sp);
}

/* [[arch_thread_init]]: a first frame for a new thread */
/* Lay out @p's stack as if it had switched away at the start of @entry.
 * Context: any; @p is not running. */
void arch_thread_init(struct task_struct *p, void (*entry)(void))
{
	unsigned long *sp = (unsigned long *)((char *)p->stack + THREAD_SIZE);

	*--sp = 0;				/* entry's return address: none */
	*--sp = (unsigned long)entry;		/* where __switch_to_asm returns */
	*--sp = 0;				/* ebp */
	*--sp = 0;				/* ebx */
	*--sp = 0;				/* esi */
	*--sp = 0;				/* edi */
	p->thread.sp = (unsigned long)sp;
}

/* [[arch_cpu_idle]]: halt until an interrupt */
/* Halt until an interrupt has been handled. Interrupts off on entry and return. */
void arch_cpu_idle(void)
{
	arch_safe_halt();
	arch_local_irq_disable();
}
