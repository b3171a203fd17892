/* Tangled from chapters/03-pages.nw, chapters/04-zones.nw, chapters/05-getting-pages.nw, chapters/08-slabs.nw, chapters/10-reclaim.nw by tangle/tangle.c; edit the chapters, not this file. */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/kernel.h>
#include <linux/mm_types.h>
#include <linux/page-flags.h>
#include <linux/mmzone.h>
#include <linux/gfp.h>
#include <linux/align.h>
#include <asm/page.h>

/* [[mem_map]], and where memory ends */
extern struct page *mem_map;
extern unsigned long max_mapnr;		/* pages in mem_map */
extern unsigned long max_low_pfn, max_pfn;
extern void *high_memory;

/* page frame numbers and physical addresses */
#define PFN_PHYS(pfn)	((phys_addr_t)(pfn) << PAGE_SHIFT)
#define PHYS_PFN(addr)	((unsigned long)((addr) >> PAGE_SHIFT))
#define PFN_UP(addr)	((unsigned long)(((addr) + PAGE_SIZE - 1) >> PAGE_SHIFT))
#define PFN_DOWN(addr)	((unsigned long)((addr) >> PAGE_SHIFT))

/* [[pfn_to_page]], [[virt_to_page]] and [[page_address]] */
/* [[pfn_to_page]] and its inverses: arithmetic on [[mem_map]] */
/* Any context; @pfn must be pfn_valid(), and virt_to_page()'s @kaddr in the direct map. */
#define pfn_valid(pfn)		((unsigned long)(pfn) < max_mapnr)
#define pfn_to_page(pfn)	(mem_map + (pfn))
#define page_to_pfn(page)	((unsigned long)((page) - mem_map))
#define virt_to_page(kaddr)	pfn_to_page(PFN_DOWN(__pa(kaddr)))
#define page_to_phys(page)	PFN_PHYS(page_to_pfn(page))

/* [[PageHighMem]] and [[page_address]]: a kernel address, if the page has one */
/* Is @page in high memory, outside the direct map? Any context. */
static inline bool PageHighMem(const struct page *page)
{
	return page_zonenum(page) == ZONE_HIGHMEM;
}

/* The direct-map address of @page, which must not be high. Any context. */
static inline void *lowmem_page_address(const struct page *page)
{
	return __va(page_to_phys(page));
}

/* The kernel address of @page, or NULL for a high page that is not mapped. */
void *page_address(const struct page *page);

/* reference counts: [[page_count]], [[get_page]], [[put_page]] */
/* [[page_count]] and [[set_page_count]]: the count as a number */
/* The references to @page now. Any context. */
static inline int page_count(const struct page *page)
{
	return atomic_read(&page->_count);
}

/* Set @page's count to @v; only for a page no one else can reach. */
static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_count, v);
}

/* [[get_page]] and [[put_page]]: a user more, a user less */
/* Take another reference to @page, which the caller already holds one of. Any context. */
static inline void get_page(struct page *page)
{
	WARN_ON(page_count(page) <= 0);		/* a reference from nowhere */
	atomic_inc(&page->_count);
}

/* Drop a reference to @page; free it when it was the last. */
void put_page(struct page *page);

/* the rest of the page API */
/* Print the descriptor of @page, and @reason if not NULL. */
void dump_page(const struct page *page, const char *reason);
/* Report @page in a state it must not be in, with @reason; taints the kernel. */
void bad_page(const struct page *page, const char *reason);
void alloc_node_mem_map(unsigned long nr_pages);
void __init_single_page(struct page *page, unsigned long pfn, unsigned int zone);
/* Record that high page @page is mapped at @virtual, or no longer mapped (NULL). */
void set_page_address(struct page *page, void *virtual);
void page_address_init(void);
static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(0)->node_zones[page_zonenum(page)];
}
/* Lay out the zones below the limits in @max_zone_pfns, allocate mem_map. */
void free_area_init(unsigned long *max_zone_pfns);
/* The machine's part: the end of lowmem and of RAM, then the zones' limits. */
void find_low_pfn_range(void);
void zone_sizes_init(void);
void build_all_zonelists(void);
void init_per_zone_wmark_min(void);
unsigned long nr_free_buffer_pages(void);
unsigned long int_sqrt(unsigned long x);
extern int min_free_kbytes;
extern unsigned long totalreserve_pages;
struct seq_file;
/* Print /proc/zoneinfo's (/proc/meminfo's) lines to @m; a lock-free snapshot. Any context. */
void zoneinfo_show(struct seq_file *m);
void meminfo_show(struct seq_file *m);
/* Give memblock's free memory to the buddy allocator. Boot only. */
void memblock_free_all(void);

/* The first page of the compound page @page is part of; @page itself if it is no tail. */
static inline struct page *compound_head(struct page *page)
{
	if (unlikely(PageTail(page)))
		return (struct page *)page->lru.next;
	return page;
}

/* The order of the compound page whose head is @page; 0 if @page is no head. */
static inline unsigned int compound_order(struct page *page)
{
	if (!PageHead(page))
		return 0;
	return (unsigned int)(unsigned long)page[1].lru.prev;
}

/* Is @kaddr an address in the direct map, of a page in mem_map? */
#define virt_addr_valid(kaddr)							\
	((const char *)(kaddr) >= (const char *)__va(0) &&			\
	 (const char *)(kaddr) < (const char *)high_memory)
#define pageblock_order		(MAX_ORDER - 1)
#define pageblock_nr_pages	(1UL << pageblock_order)
#define NR_PAGEBLOCKS		((1UL << (32 - PAGE_SHIFT)) / pageblock_nr_pages)

extern unsigned char pageblock_migratetypes[NR_PAGEBLOCKS];

/* The migrate type of @page's pageblock. Any context; no lock (a byte read once). */
static inline int get_pageblock_migratetype(const struct page *page)
{
	return pageblock_migratetypes[page_to_pfn(page) >> pageblock_order];
}

#endif
