/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_X86_IRQFLAGS_H
#define _ASM_X86_IRQFLAGS_H

#include <linux/types.h>
#include <asm/processor-flags.h>

/* read [[EFLAGS]], and clear and set its interrupt flag */
/* The flags word as it is now. Any context. */
static inline unsigned long arch_local_save_flags(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfl; popl %0" : "=rm"(flags) : : "memory");
	return flags;
}

/* Interrupts off, or on, on this CPU. Any context. */
static inline void arch_local_irq_disable(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

static inline void arch_local_irq_enable(void)
{
	__asm__ __volatile__("sti" : : : "memory");
}

/* save the interrupt flag and restore it */
/* Interrupts off; the flags word from before, for arch_local_irq_restore.
 * Any context. */
static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags = arch_local_save_flags();

	arch_local_irq_disable();
	return flags;
}

/* The flag as it was when @flags was saved. Any context. */
static inline void arch_local_irq_restore(unsigned long flags)
{
	__asm__ __volatile__("pushl %0; popfl" : : "g"(flags) : "memory", "cc");
}

/* ask whether interrupts are off */
/* Do @flags, or EFLAGS now, say interrupts are off? Any context. */
static inline bool arch_irqs_disabled_flags(unsigned long flags)
{
	return !(flags & X86_EFLAGS_IF);
}

static inline bool arch_irqs_disabled(void)
{
	return arch_irqs_disabled_flags(arch_local_save_flags());
}

/* [[arch_safe_halt]]: enable interrupts and wait for one */
/* Enable interrupts and wait for one, with no gap between the two.
 * Returns with interrupts on, after the interrupt's handler has run. */
static inline void arch_safe_halt(void)
{
	__asm__ __volatile__("sti; hlt" : : : "memory");
}

#endif
