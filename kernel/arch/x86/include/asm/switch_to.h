/* Tangled from chapters/07-threads.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_X86_SWITCH_TO_H
#define _ASM_X86_SWITCH_TO_H

#include <asm/processor-flags.h>

/* the stack's size, the saved stack pointer and the thread operations */
#define THREAD_SIZE_ORDER	1		/* THREAD_SIZE, in pages: 2^1, as Linux on x86-32 */

struct thread_struct {
	unsigned long sp;		/* saved by __switch_to_asm */
};

struct task_struct;
/* Switch from @prev (current) to @next. Interrupts off, preemption off. */
void arch_switch_to(struct task_struct *prev, struct task_struct *next);
/* Make @p start at @entry the first time it is switched to; @p not running. */
void arch_thread_init(struct task_struct *p, void (*entry)(void));
/* Undo arch_thread_init; nothing on either machine. */
static inline void arch_thread_free(struct task_struct *p) { }
/* Halt until an interrupt; called with interrupts off, returns with them off. */
void arch_cpu_idle(void);

#endif
