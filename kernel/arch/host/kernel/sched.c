/* Tangled from chapters/07-threads.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/common_interface_defs.h>
#endif

#ifndef __x86_64__
#error "the host's thread switch is written for x86-64"
#endif

/* the host's interrupt flag and its interrupt lines */
bool host_irqs_off = true;
unsigned long host_irqs_pending;
const char arch_irq_chip_name[] = "host";

/* Raise line @irq now, or when interrupts are next enabled. Any context. */
void host_raise_irq(unsigned int irq)
{
	if (host_irqs_off) {
		host_irqs_pending |= 1UL << irq;
		return;
	}
	host_irqs_off = true;
	handle_irq(irq, true);
	host_irqs_off = false;
}

/* [[host_irq_enable]], and the host's tick */
/* Interrupts on, delivering the pending ones. For arch_local_irq_enable. */
void host_irq_enable(void)
{
	host_irqs_off = false;
	while (host_irqs_pending) {
		unsigned int irq = (unsigned int)__builtin_ctzl(host_irqs_pending);

		host_irqs_pending &= ~(1UL << irq);
		host_raise_irq(irq);
	}
}

/* One tick: IRQ 0. Context: a test, in process context. */
void host_tick(void) { host_raise_irq(0); }
void init_IRQ(void) { }
void arch_enable_irq(unsigned int irq) { }
void arch_timer_init(unsigned int hz) { }

/* [[arch_cpu_idle]] on the host: a tick passes */
/* An idle host CPU has nothing to wait for but time: a tick passes. */
void arch_cpu_idle(void)
{
	host_irqs_off = false;
	host_raise_irq(0);
	host_irqs_off = true;
}

/* [[host_switch_stack]]: the switch, for x86-64 */
/* void host_switch_stack(unsigned long *prev_sp, unsigned long next_sp) */
__asm__(".text\n"
	".globl host_switch_stack\n"
	"host_switch_stack:\n"
	"	pushq %rbp\n	pushq %rbx\n	pushq %r12\n"
	"	pushq %r13\n	pushq %r14\n	pushq %r15\n"
	"	movq %rsp, (%rdi)\n"
	"	movq %rsi, %rsp\n"
	"	popq %r15\n	popq %r14\n	popq %r13\n"
	"	popq %r12\n	popq %rbx\n	popq %rbp\n"
	"	ret\n");
void host_switch_stack(unsigned long *prev_sp, unsigned long next_sp);

/* [[arch_switch_to]] on the host, told to AddressSanitizer */
/* Switch from @prev to @next. Interrupts off, preemption off. */
void arch_switch_to(struct task_struct *prev, struct task_struct *next)
{
#ifdef __SANITIZE_ADDRESS__
	void *fake = NULL;
	const void *from_bottom;
	size_t from_size;

	__sanitizer_start_switch_fiber(prev->state == TASK_DEAD ? NULL : &fake,
				       next->thread.stack_bottom, next->thread.stack_size);
	host_switch_stack(&prev->thread.sp, next->thread.sp);
	__sanitizer_finish_switch_fiber(fake, &from_bottom, &from_size);
#else
	host_switch_stack(&prev->thread.sp, next->thread.sp);
#endif
}

/* [[thread_start]]: a new host thread's first frame */
static void (*first_entry)(void);	/* every thread's entry is kthread_entry */

/* A new thread's first code: finish AddressSanitizer's switch, then run the
 * entry. Interrupts off, as after any switch. */
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

/* [[arch_thread_init]] on the host */
/* Lay out @p's stack so that its first switch enters thread_start. */
void arch_thread_init(struct task_struct *p, void (*entry)(void))
{
	unsigned long top = (unsigned long)p->stack + THREAD_SIZE;
	unsigned long *sp = (unsigned long *)top;

	*--sp = 0;				/* thread_start's return address: none */
	*--sp = (unsigned long)thread_start;	/* where host_switch_stack returns */
	for (int i = 0; i < 6; i++)
		*--sp = 0;			/* rbp, rbx, r12-r15 */
	first_entry = entry;
	p->thread = (struct thread_struct){
		(unsigned long)sp, (char *)p->stack + sizeof(*p),
		THREAD_SIZE - sizeof(*p),
	};
}
