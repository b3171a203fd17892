/* Tangled from chapters/07-threads.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/sched.h>

void __switch_to_asm(unsigned long *prev_sp, unsigned long next_sp);

void arch_switch_to(struct task_struct *prev, struct task_struct *next)
{
	__switch_to_asm(&prev->thread.sp, next->thread.sp);
}

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

void arch_cpu_idle(void)
{
	arch_safe_halt();
	arch_local_irq_disable();
}
