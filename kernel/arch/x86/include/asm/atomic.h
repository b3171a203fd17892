/* Tangled from chapters/03-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_X86_ATOMIC_H
#define _ASM_X86_ATOMIC_H

/* [[LOCK_PREFIX]]: [[lock]] only on SMP */
#ifdef CONFIG_SMP
#define LOCK_PREFIX	"lock; "
#else
#define LOCK_PREFIX	""
#endif

/* [[arch_atomic_add]] and [[arch_atomic_add_return]]: [[addl]] and [[xaddl]] */
/* Add @i to @v. Any context. */
static inline void arch_atomic_add(int i, atomic_t *v)
{
	__asm__ __volatile__(LOCK_PREFIX "addl %1, %0" : "+m"(v->counter) : "ir"(i) : "memory");
}

/* Add @i to @v and return the new value. Any context. */
static inline int arch_atomic_add_return(int i, atomic_t *v)
{
	int old = i;

	__asm__ __volatile__(LOCK_PREFIX "xaddl %0, %1" : "+r"(old), "+m"(v->counter) : : "memory");
	return old + i;
}

/* a decrement that says if it reached zero: [[decl]] and its zero flag */
/* Decrement @v; true if it is now zero. Any context. */
static inline bool arch_atomic_dec_and_test(atomic_t *v)
{
	bool zero;

	__asm__ __volatile__(LOCK_PREFIX "decl %0" : "+m"(v->counter), "=@ccz"(zero) : : "memory");
	return zero;
}

#endif
