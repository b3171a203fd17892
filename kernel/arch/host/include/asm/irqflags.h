/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_HOST_IRQFLAGS_H
#define _ASM_HOST_IRQFLAGS_H

#include <linux/types.h>

/* the host's interrupt flag and its pending interrupts */
extern bool host_irqs_off;		/* the flag: true while interrupts are off */
extern unsigned long host_irqs_pending;	/* a bit a line, raised while they were off */
/* Set the flag to on, delivering the interrupts raised while it was off. */
void host_irq_enable(void);

/* clear and set the host's flag */
/* Interrupts off, or on (delivering the pending ones), on the host. Any context. */
static inline void arch_local_irq_disable(void)
{
	host_irqs_off = true;
	__asm__ __volatile__("" : : : "memory");
}

static inline void arch_local_irq_enable(void)
{
	__asm__ __volatile__("" : : : "memory");
	if (__builtin_expect(host_irqs_pending != 0, 0))
		host_irq_enable();
	else
		host_irqs_off = false;
}

/* save and restore the host's flag */
/* Interrupts off; the flags word from before, 1 when they were off. Any context. */
static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags = host_irqs_off;

	arch_local_irq_disable();
	return flags;
}

/* The flag as it was when @flags was saved. Any context. */
static inline void arch_local_irq_restore(unsigned long flags)
{
	if (!flags)
		arch_local_irq_enable();
}

/* read the host's flag */
/* Do @flags, or the flag now, say interrupts are off? Any context. */
static inline bool arch_irqs_disabled_flags(unsigned long flags)
{
	return flags != 0;
}

static inline bool arch_irqs_disabled(void)
{
	return host_irqs_off;
}

#endif
