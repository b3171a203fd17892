/* Tangled from chapters/07-threads.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_HOST_SWITCH_TO_H
#define _ASM_HOST_SWITCH_TO_H

#include <linux/types.h>

/* the host's stack, its thread operations and its interrupts */
#define THREAD_SIZE_ORDER	4		/* 64 KiB: AddressSanitizer's frames are large */
#define THREAD_SIZE		(4096 << THREAD_SIZE_ORDER)

struct thread_struct {
	unsigned long sp;
	const void *stack_bottom;	/* for AddressSanitizer */
	size_t stack_size;
};

struct task_struct;
void arch_switch_to(struct task_struct *prev, struct task_struct *next);
void arch_thread_init(struct task_struct *p, void (*entry)(void));
static inline void arch_thread_free(struct task_struct *p) { }
void arch_cpu_idle(void);

/* Raise interrupt line @irq now (or when interrupts are next enabled). */
void host_raise_irq(unsigned int irq);
/* One tick of the timer: host_raise_irq(0). */
void host_tick(void);

#endif
