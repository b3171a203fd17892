/* Tangled from chapters/03-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_HOST_ATOMIC_H
#define _ASM_HOST_ATOMIC_H

/* the host's [[arch_atomic_add]] and [[arch_atomic_add_return]] */
/* The host's atomics are the compiler's: the same contract as arch/x86's. */
static inline void arch_atomic_add(int i, atomic_t *v)
{
	__atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST);
}

/* Add @i to @v and return the new value. Any context. */
static inline int arch_atomic_add_return(int i, atomic_t *v)
{
	return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

/* the host's decrement that says if it reached zero */
/* Decrement @v; true if it is now zero. Any context. */
static inline bool arch_atomic_dec_and_test(atomic_t *v)
{
	return __atomic_sub_fetch(&v->counter, 1, __ATOMIC_SEQ_CST) == 0;
}

#endif
