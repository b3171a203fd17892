/* Tangled from chapters/03-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/list.h>

/* the types [[struct page]] points to */
struct address_space;
struct kmem_cache;
typedef unsigned long pgoff_t;		/* an offset in a file, in pages */

/* [[struct page]]: what the kernel knows about one page frame */
struct page {
	unsigned long flags;		/* PG_* bits; the zone in the top bits (page-flags.h) */
	atomic_t _count;		/* references; 0 when free. Read with page_count() */
	union {
		atomic_t _mapcount;	/* mappings in user page tables, less one: -1 is none */
		struct {		/* a slab's (chapters/08-slabs.nw): */
			u16 inuse;	/*   objects handed out */
			u16 objects;	/*   objects it holds */
		};
	};
	unsigned long private;		/* the owner's: a free block's order in the buddy
					 * allocator, its allocated order while in use */
	union {
		struct address_space *mapping;	/* the file or anonymous memory it caches */
		struct kmem_cache *slab_cache;	/* a slab's cache */
	};
	union {
		pgoff_t index;			/* its offset within mapping */
		void *freelist;			/* a slab's first free object */
	};
	struct list_head lru;		/* the list it is on: a free list, a slab list */
#ifdef WANT_PAGE_VIRTUAL
	void *virtual;			/* its kernel address; NULL while unmapped */
#endif
};

/* [[struct page]] is 32 bytes on x86-32 */
#if defined(__i386__) && !defined(WANT_PAGE_VIRTUAL)
_Static_assert(sizeof(struct page) == 32, "struct page must stay 32 bytes on x86-32");
#endif

#endif
