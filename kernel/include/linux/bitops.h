/* Tangled from chapters/03-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/types.h>

/* [[BITS_PER_LONG]] and [[BIT]] */
#define BITS_PER_LONG		(8 * (int)sizeof(long))
#define BIT(n)			(1UL << (n))

/* the atomic bit operations: read, set and clear one bit */
/* Is bit @nr of the bitmap at @addr set? */
static inline bool test_bit(int nr, const unsigned long *addr)
{
	return (__atomic_load_n(addr, __ATOMIC_RELAXED) >> nr) & 1;
}
/* Set bit @nr at @addr. */
static inline void set_bit(int nr, unsigned long *addr)
{
	__atomic_fetch_or(addr, BIT(nr), __ATOMIC_SEQ_CST);
}
/* Clear bit @nr at @addr. */
static inline void clear_bit(int nr, unsigned long *addr)
{
	__atomic_fetch_and(addr, ~BIT(nr), __ATOMIC_SEQ_CST);
}

/* [[__set_bit]] and [[__clear_bit]]: for a word no one else writes */
/* Set or clear bit @nr at @addr, not atomically: the word's lock held, or the word private. */
static inline void __set_bit(int nr, unsigned long *addr) { *addr |= BIT(nr); }
static inline void __clear_bit(int nr, unsigned long *addr) { *addr &= ~BIT(nr); }

#endif
