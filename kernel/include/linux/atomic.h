/* Tangled from chapters/03-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>

/* [[atomic_t]]: an [[int]] that only atomic operations touch */
typedef struct {
	int counter;
} atomic_t;

#define ATOMIC_INIT(i)	{ (i) }

#include <asm/atomic.h>

/* the [[atomic_]] operations, on the architecture's three */
/* Read, set, add to and count down @v. Any context; no lock. */
static inline int atomic_read(const atomic_t *v) { return *(const volatile int *)&v->counter; }
static inline void atomic_set(atomic_t *v, int i) { *(volatile int *)&v->counter = i; }
static inline void atomic_inc(atomic_t *v) { arch_atomic_add(1, v); }
/* Add @i to @v; returns the new value. */
static inline int atomic_add_return(int i, atomic_t *v) { return arch_atomic_add_return(i, v); }
static inline int atomic_dec_return(atomic_t *v) { return arch_atomic_add_return(-1, v); }
/* Decrement @v; true if it reached zero (the last reference is gone). */
static inline bool atomic_dec_and_test(atomic_t *v) { return arch_atomic_dec_and_test(v); }

#endif
