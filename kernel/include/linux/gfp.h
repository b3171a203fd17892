/* Tangled from chapters/05-getting-pages.nw, chapters/10-reclaim.nw by tangle/tangle.c; edit the chapters, not this file. */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>
#include <linux/mmzone.h>

typedef unsigned int gfp_t;

/* the zone modifiers */
#define __GFP_DMA		0x01u	/* from ZONE_DMA */
#define __GFP_HIGHMEM		0x02u	/* may come from ZONE_HIGHMEM */
#define __GFP_DMA32		0x04u	/* below 4 GiB: ZONE_NORMAL on x86-32 */
#define __GFP_MOVABLE		0x08u	/* movable: may come from ZONE_MOVABLE */
#define GFP_ZONEMASK		(__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE)

/* the action modifiers */
#define __GFP_WAIT		0x10u	/* may sleep */
#define __GFP_HIGH		0x20u	/* may use emergency pools */
#define __GFP_IO		0x40u	/* may start disk I/O */
#define __GFP_FS		0x80u	/* may call into file systems */
#define __GFP_COLD		0x100u	/* cache-cold page wanted */
#define __GFP_NOWARN		0x200u	/* no failure report */
#define __GFP_REPEAT		0x400u	/* retry, but may fail */
#define __GFP_NOFAIL		0x800u	/* retry until it succeeds */
#define __GFP_NORETRY		0x1000u	/* do not retry */
#define __GFP_COMP		0x4000u	/* a compound page, with head and tails */
#define __GFP_ZERO		0x8000u	/* zeroed */
#define __GFP_NOMEMALLOC	0x10000u	/* never the emergency reserves */
#define __GFP_HARDWALL		0x20000u	/* only the cpuset's memory nodes */
#define __GFP_RECLAIMABLE	0x80000u	/* reclaimable: group apart */

/* the type flags: the combinations callers use */
#define GFP_NOWAIT		0u
#define GFP_ATOMIC		(__GFP_HIGH)
#define GFP_NOIO		(__GFP_WAIT)
#define GFP_NOFS		(__GFP_WAIT | __GFP_IO)
#define GFP_KERNEL		(__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_USER		(__GFP_WAIT | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_HIGHUSER		(GFP_USER | __GFP_HIGHMEM)
#define GFP_DMA			(__GFP_DMA)

/* [[gfp_zone]]: the highest zone a request may use */
/* The highest zone a request with @flags may use. Any context; DMA with HIGHMEM is a BUG. */
static inline enum zone_type gfp_zone(gfp_t flags)
{
	BUG_ON((flags & __GFP_DMA) && (flags & __GFP_HIGHMEM));
	if (flags & __GFP_DMA)
		return ZONE_DMA;
	if (flags & __GFP_HIGHMEM)
		return (flags & __GFP_MOVABLE) ? ZONE_MOVABLE : ZONE_HIGHMEM;
	return ZONE_NORMAL;
}

/* the page allocator's interface */
struct page;
/* 2^@order contiguous pages, or NULL (with a report unless __GFP_NOWARN). */
struct page *alloc_pages(gfp_t gfp_mask, unsigned int order);
#define alloc_page(gfp_mask)		alloc_pages(gfp_mask, 0)
/* The same, as a kernel address; 0 on failure. Not for __GFP_HIGHMEM. */
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order);
#define __get_free_page(gfp_mask)	__get_free_pages(gfp_mask, 0)
unsigned long get_zeroed_page(gfp_t gfp_mask);
/* Drop the caller's reference to the block; free it if that was the last. */
void __free_pages(struct page *page, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr)			free_pages(addr, 0)
bool zone_watermark_ok(const struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags);
/* Write the names of the flags in @gfp ("GFP_KERNEL|__GFP_ZERO") into @buf. */
int format_gfp(char *buf, size_t size, gfp_t gfp);
struct seq_file;
struct zone;
/* Check @zone's free lists; returns the number of problems (first few printed). */
int check_free_lists(struct zone *zone);
void buddyinfo_show(struct seq_file *m);
/* A seeded random workload of @ops allocations and frees; 0 if every check held. */
int page_alloc_stress(struct seq_file *m, unsigned long ops, unsigned long seed);
#define __GFP_BITS_SHIFT	20
#define __GFP_BITS_MASK		((gfp_t)((1u << __GFP_BITS_SHIFT) - 1))
#define GFP_BOOT_MASK		(__GFP_BITS_MASK & ~(__GFP_WAIT | __GFP_IO | __GFP_FS))
/* GFP_BOOT_MASK until interrupts are on for good, then every flag. */
extern gfp_t gfp_allowed_mask;
/* The demonstration caches (mm/demo_cache.c). */
unsigned long demo_cache_fill(unsigned long n);
unsigned long demo_cache_pages(unsigned int i);
void demo_cache_drop(void);
void demo_cache_init(void);
/* The migrate type a request with @gfp_mask takes its pages from. Any context. */
static inline int gfp_migratetype(gfp_t gfp_mask)
{
	if (gfp_mask & __GFP_RECLAIMABLE)
		return MIGRATE_RECLAIMABLE;
	return (gfp_mask & __GFP_MOVABLE) ? MIGRATE_MOVABLE : MIGRATE_UNMOVABLE;
}

#endif
