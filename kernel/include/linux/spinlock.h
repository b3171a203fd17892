/* Tangled from chapters/02-zones.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/compiler.h>
#include <linux/bug.h>

typedef struct {
	int locked;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED	{ 0 }

static inline void spin_lock_init(spinlock_t *lock) { lock->locked = 0; }

/* [[spin_lock]] and [[spin_unlock]] */
#ifdef CONFIG_SMP
static inline void spin_lock(spinlock_t *lock)
{
	while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&lock->locked, __ATOMIC_RELAXED))
			;
}

static inline void spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}
#else
static inline void spin_lock(spinlock_t *lock)
{
	BUG_ON(lock->locked);		/* held already: a deadlock with more CPUs */
	lock->locked = 1;
	barrier();
}

static inline void spin_unlock(spinlock_t *lock)
{
	barrier();
	BUG_ON(!lock->locked);		/* not held */
	lock->locked = 0;
}
#endif

#endif
