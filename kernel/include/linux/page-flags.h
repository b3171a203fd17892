/* Tangled from chapters/03-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_PAGE_FLAGS_H
#define _LINUX_PAGE_FLAGS_H

#include <linux/mm_types.h>
#include <linux/bitops.h>

/* [[enum pageflags]]: the bit numbers of Linux 2.6.24 */
enum pageflags {			/* the bit numbers of Linux 2.6.24 */
	PG_locked = 0,		/* under I/O; no one else may touch it */
	PG_referenced = 2,	/* recently used */
	PG_dirty = 4,		/* differs from its copy on disk */
	PG_lru = 5,		/* on an LRU list of the page cache */
	PG_slab = 7,		/* owned by the slab allocator */
	PG_reserved = 10,	/* never to be allocated or freed */
	PG_private = 11,	/* private holds data of the owner */
	PG_tail = 13,		/* a later page of a compound page (2.6.24: none) */
	PG_head = 14,		/* first page of a compound page (2.6.24: PG_compound) */
	PG_buddy = 19,		/* heads a free block in the buddy allocator; zone->lock */
	__NR_PAGEFLAGS		/* one more than the highest bit in use */
};

/* the functions that read and change one flag */
/* [[PAGEFLAG]]: the reader, the atomic set and clear, and their unlocked twins */
/*
 * PAGEFLAG(Uname, lname) - PageUname(), SetPageUname(), ClearPageUname() and the
 * non-atomic __SetPageUname(), __ClearPageUname() for PG_lname. The atomic three
 * are for any context; the __ two need the page private or the flags' lock held.
 */
#define PAGEFLAG(uname, lname)							\
static inline bool Page##uname(const struct page *page)			\
	{ return test_bit(PG_##lname, &page->flags); }				\
static inline void SetPage##uname(struct page *page)				\
	{ set_bit(PG_##lname, &page->flags); }					\
static inline void ClearPage##uname(struct page *page)			\
	{ clear_bit(PG_##lname, &page->flags); }				\
static inline void __SetPage##uname(struct page *page)			\
	{ __set_bit(PG_##lname, &page->flags); }				\
static inline void __ClearPage##uname(struct page *page)			\
	{ __clear_bit(PG_##lname, &page->flags); }

/* the flags this kernel reads and writes by name */
PAGEFLAG(Locked, locked)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(Slab, slab)
PAGEFLAG(Reserved, reserved)
PAGEFLAG(Private, private)
PAGEFLAG(Head, head)
PAGEFLAG(Tail, tail)
PAGEFLAG(Buddy, buddy)

/* the zone, in the top bits of [[flags]] */
#define ZONES_SHIFT		2
#define ZONES_PGSHIFT		(BITS_PER_LONG - ZONES_SHIFT)
#define ZONES_MASK		((1UL << ZONES_SHIFT) - 1)

/* The zone number of @page (ZONE_DMA...). Any context: the bits never change after boot. */
static inline unsigned int page_zonenum(const struct page *page)
{
	return (page->flags >> ZONES_PGSHIFT) & ZONES_MASK;
}

/* Put @page in @zone; boot only, before anyone else can see the page. */
static inline void set_page_zone(struct page *page, unsigned int zone)
{
	page->flags &= ~(ZONES_MASK << ZONES_PGSHIFT);
	page->flags |= (unsigned long)(zone & ZONES_MASK) << ZONES_PGSHIFT;
}

#endif
