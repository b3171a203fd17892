/* Tangled from chapters/03-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/types.h>

#define BITS_PER_LONG		(8 * (int)sizeof(long))
#define BIT(n)			(1UL << (n))

static inline bool test_bit(int nr, const unsigned long *addr)
{
	return (__atomic_load_n(addr, __ATOMIC_RELAXED) >> nr) & 1;
}
static inline void set_bit(int nr, unsigned long *addr)
{
	__atomic_fetch_or(addr, BIT(nr), __ATOMIC_SEQ_CST);
}
static inline void clear_bit(int nr, unsigned long *addr)
{
	__atomic_fetch_and(addr, ~BIT(nr), __ATOMIC_SEQ_CST);
}
static inline void __set_bit(int nr, unsigned long *addr) { *addr |= BIT(nr); }
static inline void __clear_bit(int nr, unsigned long *addr) { *addr &= ~BIT(nr); }

#endif
