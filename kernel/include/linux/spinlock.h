/* Tangled from chapters/04-zones.nw, chapters/06-interrupts.nw by tangle/tangle.c; edit the chapters, not this file. */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/compiler.h>
#include <linux/bug.h>

/* what taking a spinlock means to the rest of the kernel */
#include <linux/preempt.h>
#include <linux/irqflags.h>

typedef struct {
	int locked;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED	{ 0 }

static inline void spin_lock_init(spinlock_t *lock) { lock->locked = 0; }

/* [[spin_lock]] and [[spin_unlock]] */
#ifdef CONFIG_SMP

/* the lock word with more CPUs: an atomic exchange */
static inline void arch_spin_lock(spinlock_t *lock)
{
	while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&lock->locked, __ATOMIC_RELAXED))
			;
}

static inline void arch_spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}
#else

/* the lock word on one CPU: plain stores, checked */
static inline void arch_spin_lock(spinlock_t *lock)
{
	BUG_ON(lock->locked);		/* held already: a deadlock with more CPUs */
	lock->locked = 1;
	barrier();
}

static inline void arch_spin_unlock(spinlock_t *lock)
{
	barrier();
	BUG_ON(!lock->locked);		/* not held */
	lock->locked = 0;
}
#endif
static inline void spin_lock(spinlock_t *lock)
{
	/* before taking a spinlock */
	preempt_disable();
	arch_spin_lock(lock);
}

static inline void spin_unlock(spinlock_t *lock)
{
	arch_spin_unlock(lock);
	/* after releasing a spinlock */
	preempt_enable();
}

/* the other ways to take a spinlock */
/* [[spin_lock_irqsave]]: take a lock with interrupts saved and off */
/**
 * spin_lock_irqsave - take @lock with interrupts off, saving the flag in @flags.
 * spin_unlock_irqrestore - release @lock and put the flag back as @flags says.
 *
 * Context: any; for a lock that an interrupt handler also takes.
 */
#define spin_lock_irqsave(lock, flags) do {					\
	local_irq_save(flags);							\
	spin_lock(lock);							\
} while (0)

static inline void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	arch_spin_unlock(lock);
	local_irq_restore(flags);
	preempt_enable();
}

/* [[spin_lock_irq]]: take a lock, turning interrupts off */
/* Take @lock with interrupts off; the caller knows they were on.
 * Context: process context, interrupts on. */
static inline void spin_lock_irq(spinlock_t *lock)
{
	local_irq_disable();
	spin_lock(lock);
}

/* Release @lock and turn interrupts on, then allow preemption again. */
static inline void spin_unlock_irq(spinlock_t *lock)
{
	arch_spin_unlock(lock);
	local_irq_enable();
	preempt_enable();
}

#define DEFINE_SPINLOCK(name)	spinlock_t name = __SPIN_LOCK_UNLOCKED

#endif
