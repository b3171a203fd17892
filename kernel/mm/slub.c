/* Tangled from chapters/08-slabs.nw, chapters/09-kmalloc.nw, chapters/10-reclaim.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/sched/debug.h>
#include <linux/seq_file.h>
#include <linux/shell.h>
#include <linux/string.h>
#include <linux/align.h>
#include <linux/poison.h>
#include <linux/shrinker.h>
#include <linux/vmalloc.h>
#include "slab.h"

/* make caches and their slabs */
/* [[calculate_order]]: the order of a cache's slabs */
/* how many objects, and how large a slab at most */
#define SLUB_NR_CPUS		1	/* the CPUs with a CPU slab (Linux: nr_cpu_ids) */
#define SLUB_MIN_OBJECTS	(4 * ((32 - __builtin_clz(SLUB_NR_CPUS)) + 1))	/* 4 * (fls + 1) */
#define SLUB_MAX_ORDER		3	/* Linux: slub_max_order = PAGE_ALLOC_COSTLY_ORDER */

/* [[calc_slab_order]]: the first order whose waste is small enough */
/*
 * The smallest order from the one that holds @min_objects objects of @size bytes up to
 * @max_order whose leftover is at most 1/@fract_leftover of the slab; above @max_order
 * if there is none.
 */
static unsigned int calc_slab_order(unsigned int size, unsigned int min_objects,
				    unsigned int max_order, unsigned int fract_leftover)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < (unsigned long)min_objects * size)
		order++;				/* get_order(min_objects * size) */
	for (; order <= max_order; order++) {
		unsigned int slab_size = (unsigned int)PAGE_SIZE << order;

		if (slab_size % size <= slab_size / fract_leftover)
			break;
	}
	return order;
}

/* fewer objects, more waste, until an order fits */
/* The order of a slab of @size-byte objects: enough of them, little waste. Boot or may sleep. */
static unsigned int calculate_order(unsigned int size)
{
	unsigned int max_objects = (unsigned int)((PAGE_SIZE << SLUB_MAX_ORDER) / size);
	unsigned int min_objects = min((unsigned int)SLUB_MIN_OBJECTS, max_objects);

	for (; min_objects > 1; min_objects--)
		for (unsigned int fraction = 16; fraction >= 4; fraction /= 2) {
			unsigned int order = calc_slab_order(size, min_objects, SLUB_MAX_ORDER,
							     fraction);

			if (order <= SLUB_MAX_ORDER)
				return order;
		}
	return calc_slab_order(size, 1, SLUB_MAX_ORDER, 1);	/* one object, any waste */
}

/* where an object keeps its free pointer and its records: [[calculate_sizes]] */
/* [[struct track]]: who allocated or freed an object, and when */
struct track {
	unsigned long addr;		/* the caller */
	int pid;
	unsigned long when;		/* jiffies */
};
enum track_item { TRACK_ALLOC, TRACK_FREE };

/* [[calculate_sizes]]: the red zone, the free pointer and the tracks after the object */
/* Lay out an object of @s (inuse, offset, size) and size its slab (order, objects). */
static void calculate_sizes(struct kmem_cache *s)
{
	unsigned int size = ALIGN(s->object_size, sizeof(void *));

	if ((s->flags & SLAB_RED_ZONE) && size == s->object_size)
		size += sizeof(void *);		/* at least one word of red zone */
	s->inuse = size;
	s->offset = 0;
	if ((s->flags & SLAB_POISON) || s->ctor) {
		s->offset = size;
		size += sizeof(void *);
	}
	if (s->flags & SLAB_STORE_USER)
		size += 2 * sizeof(struct track);
	s->size = ALIGN(size, s->align);
	s->order = calculate_order(s->size);
	s->objects = (unsigned int)((PAGE_SIZE << s->order) / s->size);
}

/* [[kmem_cache_create]]: fill in a cache's descriptor */
/* [[init_cache]]: a cache's sizes, flags and lists */
LIST_HEAD(slab_caches);
static unsigned long slub_debug;		/* SLAB_DEBUG_FLAGS for every cache */
static struct kmem_cache kmem_cache_boot;
static struct kmem_cache *kmem_cache;

/* Fill in @s and put it on slab_caches. Boot, or process context with slab_caches to itself. */
static void init_cache(struct kmem_cache *s, const char *name, unsigned int size,
		       unsigned int align, unsigned long flags, void (*ctor)(void *))
{
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->object_size = size;
	s->flags = flags | slub_debug;
	s->ctor = ctor;
	/* the alignment, and the page allocator's flags, from the cache's flags */
	s->align = max(align, (unsigned int)sizeof(void *));
	if (flags & SLAB_HWCACHE_ALIGN)
		s->align = max(s->align, (unsigned int)L1_CACHE_BYTES);
	s->allocflags = (flags & SLAB_CACHE_DMA) ? __GFP_DMA : 0;
	if (flags & SLAB_RECLAIM_ACCOUNT)
		s->allocflags |= __GFP_RECLAIMABLE;
	calculate_sizes(s);
	s->min_partial = clamp((31u - (unsigned int)__builtin_clz(s->size)) / 2, 1u, 5u);
	spin_lock_init(&s->list_lock);
	INIT_LIST_HEAD(&s->partial);
	list_add(&s->list, &slab_caches);	/* newest first, as Linux lists them */
}

/* check the request, then fill in a descriptor */
/**
 * kmem_cache_create - make a cache of objects of one size
 * @name: for slabinfo and reports; kept, not copied
 * @size: the object's size, at most half of an order-3 slab (16 KiB)
 * @align: a power of two, or 0; SLAB_HWCACHE_ALIGN asks for the cache line
 * @flags: SLAB_ flags; slub_debug adds its own
 * @ctor: run on each object once, when its slab is made; or NULL
 *
 * Context: process context, may sleep. Takes no lock: slab_caches has none here (Linux's
 * is slab_mutex), so two threads must not create or destroy caches at once.
 * Return: the cache, or NULL with a warning for a bad size or alignment, or if
 * there is no memory for the descriptor.
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     unsigned long flags, void (*ctor)(void *))
{
	struct kmem_cache *s;

	/* refuse a size or an alignment no slab can hold */
	if (!size || size > (PAGE_SIZE << SLUB_MAX_ORDER) / 2 || (align & (align - 1))) {
		WARN(1, "kmem_cache_create(%s): bad size %u or alignment %u\n", name, size, align);
		return NULL;
	}
	might_sleep();
	s = kmem_cache_alloc(kmem_cache, GFP_KERNEL);
	if (s)
		init_cache(s, name, size, align, flags, ctor);
	return s;
}

/* an object's free pointer */
/* The free pointer of @object, free in @s: the next free object, or NULL. Interrupts off. */
static inline void *get_freepointer(const struct kmem_cache *s, void *object)
{
	return *(void **)((char *)object + s->offset);
}

/* Make @fp the next free object after @object. Interrupts off. */
static inline void set_freepointer(const struct kmem_cache *s, void *object, void *fp)
{
	*(void **)((char *)object + s->offset) = fp;
}

/* count a slab's pages for [[meminfo]] */
unsigned long slab_stat[NR_SLAB_STAT_ITEMS];

/* Add @pages (subtract, if negative) to the count of @s's kind of slab. Interrupts off. */
static void account_slab_pages(const struct kmem_cache *s, long pages)
{
	slab_stat[(s->flags & SLAB_RECLAIM_ACCOUNT) ? NR_SLAB_RECLAIMABLE :
		  NR_SLAB_UNRECLAIMABLE] += (unsigned long)pages;
}

/* [[new_slab]]: a block from the page allocator, cut into objects */
/* a block, with interrupts on if the caller may sleep */
static void init_object(const struct kmem_cache *s, void *object, u8 red);

/*
 * A new slab for @s, its objects on its free list; NULL if the page allocator has no block.
 * Called with interrupts off; turns them on around the allocation if @flags may sleep.
 */
static struct page *new_slab(struct kmem_cache *s, gfp_t flags)
{
	struct page *page;
	char *start, *p;

	bool may_sleep = flags & gfp_allowed_mask & __GFP_WAIT;

	if (may_sleep)
		local_irq_enable();
	page = alloc_pages((flags & ~__GFP_ZERO) | s->allocflags | __GFP_COMP, s->order);
	if (may_sleep)
		local_irq_disable();
	if (!page)
		return NULL;
	/* mark the block a slab of [[s]] */
	__SetPageSlab(page);
	page->slab_cache = s;
	page->objects = (u16)s->objects;
	page->inuse = 0;
	/* chain the slab's objects into its free list, each constructed */
	start = lowmem_page_address(page);	/* never a high page */
	for (p = start; p < start + (s->objects - 1) * s->size; p += s->size) {
		init_object(s, p, SLUB_RED_INACTIVE);
		if (s->ctor)
			s->ctor(p);
		set_freepointer(s, p, p + s->size);
	}
	init_object(s, p, SLUB_RED_INACTIVE);
	if (s->ctor)
		s->ctor(p);
	set_freepointer(s, p, NULL);
	page->freelist = start;
	s->nr_slabs++;
	s->total_objects += s->objects;
	account_slab_pages(s, 1L << s->order);
	return page;
}

/* [[discard_slab]]: a slab's pages back to the page allocator */
/* Give the pages of an empty slab back to the page allocator. Interrupts off. */
static void discard_slab(struct kmem_cache *s, struct page *page)
{
	s->nr_slabs--;
	s->total_objects -= s->objects;
	account_slab_pages(s, -(1L << s->order));
	__ClearPageSlab(page);
	page->slab_cache = NULL;
	page->freelist = NULL;
	atomic_set(&page->_mapcount, -1);	/* the words the slab borrowed */
	__free_pages(page, s->order);
}

/* keep the partial list and the CPU slab */
/* add to and remove from the partial list */
/* [[add_partial]] and [[remove_partial]] */
/* Put @page on @s's partial list, or take it off. Interrupts off (they guard the list). */
static void add_partial(struct kmem_cache *s, struct page *page)
{
	list_add_tail(&page->lru, &s->partial);
	s->nr_partial++;
}

static void remove_partial(struct kmem_cache *s, struct page *page)
{
	list_del(&page->lru);
	s->nr_partial--;
}

/* [[slab_empty]]: keep an empty slab as a spare, or give it back */
/* @page's objects all came back: keep it as a spare or give it back. Interrupts off. */
static void slab_empty(struct kmem_cache *s, struct page *page, bool on_partial)
{
	if (s->nr_partial - on_partial < s->min_partial) {
		if (!on_partial)
			add_partial(s, page);
		return;
	}
	if (on_partial)
		remove_partial(s, page);
	discard_slab(s, page);
}

/* freeze and deactivate the CPU slab */
/* [[freeze_slab]]: a slab becomes the CPU's */
/* Make @page, on no list, the CPU slab of @s. Interrupts off. */
static void freeze_slab(struct kmem_cache *s, struct page *page)
{
	struct kmem_cache_cpu *c = &s->cpu_slab;

	c->page = page;
	c->freelist = page->freelist;
	page->freelist = NULL;
	page->inuse = page->objects;
}

/* [[deactivate_slab]]: the CPU's free objects back on the page */
/* Give up the CPU slab: its free objects go back on the page, the page on its list. Interrupts off. */
static void deactivate_slab(struct kmem_cache *s)
{
	struct kmem_cache_cpu *c = &s->cpu_slab;
	struct page *page = c->page;
	void **object = c->freelist;

	if (!page)
		return;
	/* push each object of the CPU's free list back on the page's */
	while (object) {
		void **next = get_freepointer(s, object);

		set_freepointer(s, object, page->freelist);
		page->freelist = object;
		page->inuse--;
		object = next;
	}
	c->page = NULL;
	c->freelist = NULL;
	if (!page->inuse)
		slab_empty(s, page, false);
	else if (page->freelist)
		add_partial(s, page);
}

/* allocate and free objects */
/* [[__slab_alloc]]: a new CPU slab, or one object for a debugging cache */
static bool alloc_debug_processing(struct kmem_cache *s, struct page *page, void *object,
				   unsigned long addr);

/* The slow path: an object when the CPU's free list is empty, or NULL. Interrupts off. */
static void *__slab_alloc(struct kmem_cache *s, gfp_t flags, unsigned long addr)
{
	struct kmem_cache_cpu *c = &s->cpu_slab;
	struct page *page;
	void *object;

	if (c->page)
		deactivate_slab(s);
	/* take the first partial slab, or make a new one */
	if (!list_empty(&s->partial)) {
		page = list_first_entry(&s->partial, struct page, lru);
		remove_partial(s, page);
	} else {
		page = new_slab(s, flags);
		if (!page)
			return NULL;
		if (c->page)			/* another thread's, made while we slept */
			deactivate_slab(s);
	}
	/* a debugging cache: one object, checked, and the slab stays on its list */
	if (unlikely(s->flags & SLAB_DEBUG_FLAGS)) {	/* one object; the slab stays on the lists */
		object = page->freelist;
		page->freelist = get_freepointer(s, object);
		page->inuse++;
		if (page->freelist)
			add_partial(s, page);
		if (!alloc_debug_processing(s, page, object, addr))
			return NULL;
		return object;
	}
	freeze_slab(s, page);
	object = c->freelist;
	c->freelist = get_freepointer(s, object);
	return object;
}

/* [[slab_alloc]]: pop the CPU's free list */
/* the fast path, with interrupts off */
/*
 * An object of @s for the caller at @addr, or NULL if a new slab was needed and none could be
 * had. Any context if @flags cannot sleep; may sleep with __GFP_WAIT. Takes no lock.
 */
static __always_inline void *slab_alloc(struct kmem_cache *s, gfp_t flags, unsigned long addr)
{
	struct kmem_cache_cpu *c = &s->cpu_slab;
	unsigned long irqflags;
	void **object;

	might_sleep_if(flags & __GFP_WAIT);
	local_irq_save(irqflags);
	object = c->freelist;
	if (likely(object))
		c->freelist = get_freepointer(s, object);
	else
		object = __slab_alloc(s, flags, addr);
	local_irq_restore(irqflags);
	if (unlikely(flags & __GFP_ZERO) && object)
		memset(object, 0, s->object_size);
	return object;
}

/* [[kmem_cache_alloc]]: the fast path, for a caller */
/**
 * kmem_cache_alloc - an object of @s
 * @s: the cache
 * @flags: GFP flags for a new slab; __GFP_ZERO zeroes the object
 *
 * Context: any context if @flags cannot sleep (GFP_ATOMIC); may sleep with __GFP_WAIT.
 * Takes no lock: interrupts are off around the cache's lists.
 * Return: the object, or NULL if a new slab was needed and none could be had.
 */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	return slab_alloc(s, flags, _RET_IP_);
}

/* [[slab_free]]: push an object back */
/* the reports and checks a free may need, declared */
static void slab_double_free(struct kmem_cache *s, struct page *page, void *object,
			     unsigned long addr);
static bool free_debug_processing(struct kmem_cache *s, struct page *page, void *object,
				  unsigned long addr);

/* [[__slab_free]]: an object back to its slab */
/* Push @object on @page's own free list and move the slab as its count says. Interrupts off. */
static void __slab_free(struct kmem_cache *s, struct page *page, void *object, unsigned long addr)
{
	void *prior = page->freelist;

	if (unlikely(s->flags & SLAB_DEBUG_FLAGS) && !free_debug_processing(s, page, object, addr))
		return;
	if (unlikely(object == prior)) {
		slab_double_free(s, page, object, addr);
		return;
	}
	set_freepointer(s, object, prior);
	page->freelist = object;
	page->inuse--;
	if (!page->inuse)
		slab_empty(s, page, prior != NULL);
	else if (!prior)
		add_partial(s, page);			/* it was full */
}

/* [[slab_free]]: the CPU slab's, or its own slab's list */
/* Free @object of @page, a slab of @s; the caller has checked the pointer. Any context. */
static __always_inline void slab_free(struct kmem_cache *s, struct page *page, void *object,
				      unsigned long addr)
{
	struct kmem_cache_cpu *c = &s->cpu_slab;
	unsigned long flags;

	local_irq_save(flags);
	if (likely(page == c->page)) {
		if (unlikely(object == (void *)c->freelist))
			slab_double_free(s, page, object, addr);
		else {
			set_freepointer(s, object, c->freelist);
			c->freelist = object;
		}
	} else
		__slab_free(s, page, object, addr);
	local_irq_restore(flags);
}

/* [[object_slab]]: the slab a pointer lies in, checked */
/* [[check_valid_pointer]]: a whole number of objects into the slab */
static void slab_err(struct kmem_cache *s, struct page *page, void *object,
		     unsigned long addr, const char *what);

/* Is @object a whole number of objects of @s from the start of slab @page? Any context. */
static inline bool check_valid_pointer(const struct kmem_cache *s, struct page *page,
				       const void *object)
{
	unsigned long off = (unsigned long)object - (unsigned long)lowmem_page_address(page);

	return off < (unsigned long)page->objects * s->size && off % s->size == 0;
}

/* [[object_slab]]: a slab page, or a report */
/* The slab of @object, or NULL after a report if it is not a slab object. */
static struct page *object_slab(const void *object, unsigned long addr)
{
	struct page *page;

	if (!virt_addr_valid(object)) {
		pr_err("BUG: kfree(%px) from %pS: not an address kmalloc can return "
		       "(not in the direct map%s)\n", object, (void *)addr,
		       is_vmalloc_addr(object) ? ": a vmalloc address, for vfree() or kvfree()" : "");
		goto bad;
	}
	page = compound_head(virt_to_page(object));
	if (!PageSlab(page)) {
		pr_err("BUG: kfree(%px) from %pS: the page is not a slab%s\n", object, (void *)addr,
		       PageReserved(page) ? " (a reserved page: static or stack memory)" : "");
		dump_page(page, "freeing an object of no slab");
		goto bad;
	}
	return page;
bad:
	add_taint(TAINT_BAD_PAGE);
	print_context();
	dump_stack();
	return NULL;
}

/* [[kmem_cache_free]]: check the pointer, then free */
/**
 * kmem_cache_free - give an object back to its cache
 * @s: the cache it came from
 * @object: what kmem_cache_alloc(@s) returned
 *
 * A pointer that is not an object of @s is reported with the caller, and nothing is
 * freed (there is no return value to fail with). Context: any context; takes no lock
 * (interrupts are off around the cache's lists).
 */
void kmem_cache_free(struct kmem_cache *s, void *object)
{
	struct page *page = object_slab(object, _RET_IP_);

	if (!page)
		return;
	if (unlikely(page->slab_cache != s)) {
		slab_err(s, page, object, _RET_IP_, "Wrong slab cache (the object is another cache's)");
		return;
	}
	if (unlikely(!check_valid_pointer(s, page, object))) {
		slab_err(s, page, object, _RET_IP_, "Invalid object pointer");
		return;
	}
	slab_free(s, page, object, _RET_IP_);
}

/* check objects, and report the bad ones */
/* poison, red-zone and track an object */
/* [[init_object]]: poison a free object, red-zone any */
/* Fill @object's poison (if it is free) and red zone for state @red. Interrupts off. */
static void init_object(const struct kmem_cache *s, void *object, u8 red)
{
	u8 *p = object;

	if ((s->flags & SLAB_POISON) && red == SLUB_RED_INACTIVE) {
		memset(p, POISON_FREE, s->object_size - 1);
		p[s->object_size - 1] = POISON_END;
	}
	if (s->flags & SLAB_RED_ZONE)
		memset(p + s->object_size, red, s->inuse - s->object_size);
}

/* [[get_track]] and [[set_track]]: the records after the free pointer */
/* The record @item of @object; only in a cache with SLAB_STORE_USER. */
static struct track *get_track(const struct kmem_cache *s, void *object, enum track_item item)
{
	return (struct track *)((char *)object + s->offset + sizeof(void *)) + item;
}

/* Record the caller @addr, the task and the time in @object's @item, if @s records them. */
static void set_track(const struct kmem_cache *s, void *object, enum track_item item,
		      unsigned long addr)
{
	if (s->flags & SLAB_STORE_USER)
		*get_track(s, object, item) = (struct track){ addr, current->pid, jiffies };
}

/* print a track and a row of bytes */
/* [[print_track]]: where and when, if recorded */
/* Print track @t as SLUB does ("INFO: Allocated in ..."), or nothing if it is empty. */
static void print_track(const char *s, const struct track *t)
{
	if (t->addr)
		pr_err("INFO: %s in %pS age=%lu pid=%d\n", s, (void *)t->addr, jiffies - t->when,
		       t->pid);
}

/* [[print_bytes]]: sixteen bytes a line, in hex */
/* Print @len bytes at @p in hex, sixteen a line, each line labelled @what and its address. */
static void print_bytes(const char *what, const u8 *p, unsigned int len)
{
	for (unsigned int i = 0; i < len; i += 16) {
		char line[64];
		unsigned int n = 0;

		for (unsigned int j = i; j < len && j < i + 16; j++)
			n += (unsigned int)scnprintf(line + n, sizeof(line) - n, " %02x", p[j]);
		pr_err("%-8s %p:%s\n", what, p + i, line);
	}
}

/* [[slab_err]]: SLUB's report of a bad object */
/*
 * Report @what is wrong with @object (or NULL) of slab @page of @s, freed or allocated from
 * @addr, in SLUB's format, and taint the kernel. Changes nothing. Any context.
 */
static void slab_err(struct kmem_cache *s, struct page *page, void *object,
		     unsigned long addr, const char *what)
{
	pr_err("=============================================================================\n");
	pr_err("BUG %s: %s\n", s->name, what);
	pr_err("-----------------------------------------------------------------------------\n\n");
	/* print who allocated and freed the object, if the cache records it */
	if (object && check_valid_pointer(s, page, object) && (s->flags & SLAB_STORE_USER)) {
		print_track("Allocated", get_track(s, object, TRACK_ALLOC));
		print_track("Freed", get_track(s, object, TRACK_FREE));
	}
	pr_err("INFO: Slab %p objects=%u used=%u fp=%p flags=%#lx\n", page, page->objects,
	       page->inuse, page->freelist, page->flags);
	if (object)
	/* print the object: its offset, its bytes and its red zone */
	{
		pr_err("INFO: Object %p @offset=%lu, freed by %pS\n", object,
		       (unsigned long)((char *)object - (char *)lowmem_page_address(page)), (void *)addr);
		if (check_valid_pointer(s, page, object)) {
			print_bytes("Object", object, min(s->object_size, 64u));
			if (s->flags & SLAB_RED_ZONE)
				print_bytes("Redzone", (u8 *)object + s->object_size,
					    s->inuse - s->object_size);
		}
	}
	add_taint(TAINT_BAD_PAGE);
	print_context();
	dump_stack();
	pr_err("FIX %s: the object was left alone\n", s->name);
}

/* A double free, reported; nothing else is done. Interrupts off. */
static void slab_double_free(struct kmem_cache *s, struct page *page, void *object,
			     unsigned long addr)
{
	slab_err(s, page, object, addr, "Object already free");
}

/* check an object's poison, red zone and freedom */
/* [[check_bytes]]: the first byte that breaks a pattern */
/* The first byte in [@start, @start + @len) that is not @value, or NULL. */
static const u8 *check_bytes(const u8 *start, u8 value, unsigned int len)
{
	for (unsigned int i = 0; i < len; i++)
		if (start[i] != value)
			return start + i;
	return NULL;
}

/* [[check_object]]: the red zone, then the poison */
/*
 * Is @object's red zone all @red and, if it is free (@red is SLUB_RED_INACTIVE), its poison
 * intact? False after a report. Interrupts off.
 */
static bool check_object(struct kmem_cache *s, struct page *page, u8 *object, u8 red,
			 unsigned long addr)
{
	if ((s->flags & SLAB_RED_ZONE) &&
	    check_bytes(object + s->object_size, red, s->inuse - s->object_size)) {
		slab_err(s, page, object, addr, red == SLUB_RED_ACTIVE ?
			 "Redzone overwritten (written past the end of the object)" :
			 "Redzone overwritten (of a free object)");
		return false;
	}
	if ((s->flags & SLAB_POISON) && red == SLUB_RED_INACTIVE &&
	    (check_bytes(object, POISON_FREE, s->object_size - 1) ||
	     object[s->object_size - 1] != POISON_END)) {
		slab_err(s, page, object, addr, "Poison overwritten (written after it was freed)");
		return false;
	}
	return true;
}

/* [[on_freelist]]: is the object free already? */
/* Is @search on @page's free list, or on the CPU's if @page is the CPU slab? Interrupts off. */
static bool on_freelist(struct kmem_cache *s, struct page *page, void *search)
{
	void *fp = page->freelist;
	unsigned int n = 0;

	while (fp && n++ <= page->objects) {
		if (fp == search)
			return true;
		fp = get_freepointer(s, fp);
	}
	if (page == s->cpu_slab.page)
		for (fp = s->cpu_slab.freelist; fp; fp = get_freepointer(s, fp))
			if (fp == search)
				return true;
	return false;
}

/* the checks at allocation and at free */
/* [[alloc_debug_processing]]: the object must be untouched since its free */
/* Check @object before it is handed out; false (after a report) if it was damaged. */
static bool alloc_debug_processing(struct kmem_cache *s, struct page *page, void *object,
				   unsigned long addr)
{
	if (!check_object(s, page, object, SLUB_RED_INACTIVE, addr))
		return false;
	init_object(s, object, SLUB_RED_ACTIVE);
	set_track(s, object, TRACK_ALLOC, addr);
	return true;
}

/* [[free_debug_processing]]: not free already, and not overrun */
/* Check @object before it is freed; false (after a report) if it must not be. */
static bool free_debug_processing(struct kmem_cache *s, struct page *page, void *object,
				  unsigned long addr)
{
	if ((s->flags & SLAB_CONSISTENCY_CHECKS) && on_freelist(s, page, object)) {
		slab_err(s, page, object, addr, "Object already free");
		return false;
	}
	if (!check_object(s, page, object, SLUB_RED_ACTIVE, addr))
		return false;
	init_object(s, object, SLUB_RED_INACTIVE);
	set_track(s, object, TRACK_FREE, addr);
	return true;
}

/* [[slub_debug_setup]]: the letters of [[slub_debug=]] */
/* The slub_debug[=FZPU] boot parameter; boot only, before kmem_cache_init. */
void slub_debug_setup(const char *arg)
{
	if (!arg || !*arg) {
		slub_debug = SLAB_DEBUG_FLAGS;
		return;
	}
	for (; *arg; arg++)
		switch (*arg) {
		case 'F': slub_debug |= SLAB_CONSISTENCY_CHECKS; break;
		case 'Z': slub_debug |= SLAB_RED_ZONE; break;
		case 'P': slub_debug |= SLAB_POISON; break;
		case 'U': slub_debug |= SLAB_STORE_USER; break;
		}
}

/* [[kmalloc]] and [[kfree]] on the caches */
/* [[kmalloc_large]]: whole pages for a large request */
/**
 * kmalloc_large - whole pages for a request above KMALLOC_MAX_CACHE_SIZE
 * @size: bytes, up to KMALLOC_MAX_SIZE
 * @flags: GFP flags, as for alloc_pages
 *
 * Context: as alloc_pages: any context without __GFP_WAIT, may sleep with it.
 * Return: the address of a compound page, or NULL (with a warning above KMALLOC_MAX_SIZE).
 */
void *kmalloc_large(size_t size, gfp_t flags)
{
	unsigned int order = 0;
	struct page *page;

	if (unlikely(size > KMALLOC_MAX_SIZE)) {
		WARN(!(flags & __GFP_NOWARN), "kmalloc(%zu): larger than the largest block (%lu)\n",
		     size, (unsigned long)KMALLOC_MAX_SIZE);
		return NULL;
	}
	while ((PAGE_SIZE << order) < size)
		order++;
	page = alloc_pages(flags | __GFP_COMP, order);
	return page ? lowmem_page_address(page) : NULL;
}

/* [[__kmalloc]]: the cache for the size */
struct kmem_cache *kmalloc_caches[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1];

/* [[__kmalloc]]: refuse high memory, hand large sizes on, then the cache */
/**
 * __kmalloc - @size bytes from the smallest kmalloc cache that holds them
 * @size: bytes; 0 gives ZERO_SIZE_PTR, more than 8 KiB whole pages
 * @flags: GFP flags; __GFP_DMA picks the dma-kmalloc caches
 *
 * Context: any context without __GFP_WAIT; may sleep with it.
 * Return: the memory, or NULL if there is none, or with a warning for __GFP_HIGHMEM.
 */
void *__kmalloc(size_t size, gfp_t flags)
{
	struct kmem_cache *s;

	/* refuse [[__GFP_HIGHMEM]], whose pages have no kernel address */
	if (unlikely(flags & __GFP_HIGHMEM)) {
		WARN(1, "kmalloc(%zu, %#x): __GFP_HIGHMEM pages have no kernel address\n", size,
		     flags);
		return NULL;
	}
	if (unlikely(size > KMALLOC_MAX_CACHE_SIZE))
		return kmalloc_large(size, flags);
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	s = kmalloc_caches[(flags & __GFP_DMA) ? KMALLOC_DMA : KMALLOC_NORMAL][kmalloc_index(size)];
	return slab_alloc(s, flags, _RET_IP_);
}

/* [[kfree]]: the slab, or the compound page, of a pointer */
/**
 * kfree - free what kmalloc returned
 * @x: the pointer; NULL and ZERO_SIZE_PTR are ignored
 *
 * Anything kmalloc did not return is reported with the caller, and nothing is freed.
 * Context: any context; takes no lock.
 */
void kfree(const void *x)
{
	void *object = (void *)x;
	struct page *page;

	if (unlikely(ZERO_OR_NULL_PTR(x)))
		return;
	/* the head of a large [[kmalloc]]'s compound page: free it whole */
	if (virt_addr_valid(x)) {
		page = compound_head(virt_to_page(x));
		if (!PageSlab(page) && PageHead(page) && x == lowmem_page_address(page)) {
			__free_pages(page, compound_order(page));
			return;
		}
	}
	page = object_slab(x, _RET_IP_);
	if (!page)
		return;
	if (unlikely(!check_valid_pointer(page->slab_cache, page, object))) {
		slab_err(page->slab_cache, page, object, _RET_IP_, "Invalid object pointer");
		return;
	}
	slab_free(page->slab_cache, page, object, _RET_IP_);
}

/* [[ksize]] and [[krealloc]] */
/* [[ksize]]: what an object really holds */
/**
 * ksize - the bytes an allocation really has
 * @x: what kmalloc returned, or NULL
 *
 * Context: any context; takes no lock.
 * Return: the size of @x's cache, or of its compound page: at least what was asked for;
 * 0 for NULL and ZERO_SIZE_PTR.
 */
size_t ksize(const void *x)
{
	struct page *page;

	if (ZERO_OR_NULL_PTR(x))
		return 0;
	page = compound_head(virt_to_page(x));
	if (!PageSlab(page))
		return PAGE_SIZE << compound_order(page);
	return page->slab_cache->object_size;
}

/* [[krealloc]]: grow by moving, never shrink */
/**
 * krealloc - resize what kmalloc returned
 * @p: the memory, or NULL (then it is kmalloc)
 * @new_size: bytes; 0 frees @p and gives ZERO_SIZE_PTR
 * @flags: GFP flags, for a new allocation
 *
 * Moved, the contents copied, only if it must grow beyond ksize(@p).
 * Context: as kmalloc with @flags. Return: the new pointer, or NULL with @p untouched.
 */
void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	size_t have = ksize(p);
	void *ret;

	if (!new_size) {
		kfree(p);
		return ZERO_SIZE_PTR;
	}
	if (have >= new_size)
		return (void *)p;
	/* move to a new allocation, and free the old one only if there is a new one */
	ret = kmalloc(new_size, flags);
	if (ret && have)
		memcpy(ret, p, have);
	if (ret)
		kfree(p);
	return ret;
}

/* shrink, destroy, start and count the caches */
/* [[kmem_cache_shrink]] and [[kmem_cache_destroy]] */
/* [[kmem_cache_shrink]]: free the empty slabs */
/**
 * kmem_cache_shrink - give a cache's empty slabs back to the page allocator
 * @s: the cache
 *
 * Context: any context; takes no lock. Return: the pages given back.
 */
unsigned long kmem_cache_shrink(struct kmem_cache *s)
{
	struct page *page, *next;
	unsigned long flags, pages = 0;

	local_irq_save(flags);
	deactivate_slab(s);
	/* discard every empty slab on the partial list, counting its pages */
	list_for_each_entry_safe(page, next, &s->partial, lru) {
		if (!page->inuse) {
			remove_partial(s, page);
			discard_slab(s, page);
			pages += 1UL << s->order;
		}
	}
	local_irq_restore(flags);
	return pages;
}

/* [[kmem_cache_destroy]]: unless objects are still out */
/**
 * kmem_cache_destroy - free a cache whose objects have all come back
 * @s: the cache, or NULL
 *
 * A cache with objects still out is reported and kept, with nothing to return.
 * Context: process context. Takes no lock: as for kmem_cache_create, two threads must not
 * create or destroy caches at once.
 */
void kmem_cache_destroy(struct kmem_cache *s)
{
	if (!s)
		return;
	kmem_cache_shrink(s);
	if (s->nr_slabs) {
		pr_err("kmem_cache_destroy %s: Slab cache still has objects when called from %pS\n",
		       s->name, (void *)_RET_IP_);
		WARN_ON(1);
		return;
	}
	list_del(&s->list);
	kmem_cache_free(kmem_cache, s);
}

/* [[kmem_cache_init]]: the bootstrap and the [[kmalloc]] caches */
/* the size of each [[kmalloc]] index */
static const unsigned int kmalloc_sizes[KMALLOC_SHIFT_HIGH + 1] = {
	0, 96, 192, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192,
};

/* [[kmem_cache_init]]: [[kmem_cache]], then every [[kmalloc]] cache */
/* Make kmem_cache and the kmalloc caches; panics without memory. Boot only, after the page allocator. */
void kmem_cache_init(void)
{
	static char names[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1][20];

	INIT_LIST_HEAD(&slab_caches);
	init_cache(&kmem_cache_boot, "kmem_cache", sizeof(struct kmem_cache), 0,
		   SLAB_HWCACHE_ALIGN, NULL);
	kmem_cache = &kmem_cache_boot;
	for (int type = 0; type < NR_KMALLOC_TYPES; type++)
		for (int i = 1; i <= KMALLOC_SHIFT_HIGH; i++) {
			/* name and make the cache of [[type]] and index [[i]] */
			snprintf(names[type][i], sizeof(names[type][i]), "%skmalloc-%u",
				 type == KMALLOC_DMA ? "dma-" : "", kmalloc_sizes[i]);
			kmalloc_caches[type][i] = kmem_cache_create(names[type][i], kmalloc_sizes[i],
					0, type == KMALLOC_DMA ? SLAB_CACHE_DMA : 0, NULL);
			if (!kmalloc_caches[type][i])
				panic("kmem_cache_init: no cache for kmalloc-%u", kmalloc_sizes[i]);
		}
}

/* [[slabinfo_show]]: a line a cache */
/* [[count_free]]: the free objects of a cache */
/* Objects free in @s: on the partial slabs and the CPU's free list. Interrupts off. */
static unsigned long count_free(struct kmem_cache *s)
{
	unsigned long free = 0;
	struct page *page;

	list_for_each_entry(page, &s->partial, lru)
		free += page->objects - page->inuse;
	for (void *p = s->cpu_slab.freelist; p; p = get_freepointer(s, p))
		free++;
	return free;
}

/* print [[/proc/slabinfo]] */
/* Print /proc/slabinfo, version 2.1, newest cache first. Any context; interrupts off around the walk. */
void slabinfo_show(struct seq_file *m)
{
	struct kmem_cache *s;
	unsigned long flags;

	seq_printf(m, "slabinfo - version: 2.1\n");
	seq_printf(m, "# name            <active_objs> <num_objs> <objsize> <objperslab> "
		      "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata "
		      "<active_slabs> <num_slabs> <sharedavail>\n");
	local_irq_save(flags);
	list_for_each_entry(s, &slab_caches, list)
		seq_printf(m, "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata "
			      "%6lu %6lu %6u\n", s->name, s->total_objects - count_free(s),
			   s->total_objects, s->size, s->objects, 1 << s->order, 0, 0, 0,
			   s->nr_slabs, s->nr_slabs, 0);
	local_irq_restore(flags);
}

/* [[slab_objects_in_use]]: what is handed out, in all caches */
/* The objects handed out in all caches; see mm/slab.h. Any context. */
unsigned long slab_objects_in_use(void)
{
	unsigned long flags, n = 0;
	struct kmem_cache *s;

	local_irq_save(flags);
	list_for_each_entry(s, &slab_caches, list)
		n += s->total_objects - count_free(s);
	local_irq_restore(flags);
	return n;
}

/* the shrinker of empty slabs */
/* count and free the empty slabs of every cache */
/* count the empty slabs */
/* The empty slabs on every cache's partial list. Any context; interrupts off around the walk. */
static unsigned long slab_empty_count(struct shrinker *shrinker, struct shrink_control *sc)
{
	unsigned long flags, empty = 0;
	struct kmem_cache *s;
	struct page *page;

	local_irq_save(flags);
	list_for_each_entry(s, &slab_caches, list)
		list_for_each_entry(page, &s->partial, lru)
			empty += !page->inuse;
	local_irq_restore(flags);
	return empty;
}

/* free up to [[nr_to_scan]] empty slabs */
/* Free up to sc->nr_to_scan empty slabs; how many. Needs nothing of sc->gfp_mask. Any context. */
static unsigned long slab_empty_scan(struct shrinker *shrinker, struct shrink_control *sc)
{
	unsigned long flags, freed = 0;
	struct kmem_cache *s;
	struct page *page, *next;

	local_irq_save(flags);
	list_for_each_entry(s, &slab_caches, list)
		list_for_each_entry_safe(page, next, &s->partial, lru) {
			if (freed == sc->nr_to_scan)
				goto out;
			if (page->inuse)
				continue;
			remove_partial(s, page);
			discard_slab(s, page);
			freed++;
		}
out:
	local_irq_restore(flags);
	return freed;
}

/* register the shrinker of empty slabs */
static struct shrinker slab_empty_shrinker = {
	.count_objects = slab_empty_count,
	.scan_objects = slab_empty_scan,
	.batch = 16,
	.seeks = DEFAULT_SEEKS,
	.name = "slab-empty",
};

/* Register the shrinker of empty slabs. Boot only, after kmem_cache_init. */
void kmem_cache_init_late(void)
{
	register_shrinker(&slab_empty_shrinker);
}

/* show a cache's CPU slab: [[slab_dump]] */
/* [[freelist_place]]: where an object stands in the CPU's free list */
/* The place (1 for the head) of @object in the CPU free list of @s; 0 if it is not on it. */
static unsigned int freelist_place(const struct kmem_cache *s, const void *object)
{
	unsigned int n = 0;

	for (void *fp = s->cpu_slab.freelist; fp && n < s->objects; fp = get_freepointer(s, fp))
		if (++n && fp == object)
			return n;
	return 0;
}

/* [[slab_dump]]: the CPU slab, object by object */
/**
 * slab_dump - print the CPU slab of a cache, object by object
 * @m: where to print (the console for the slabdump command)
 * @s: the cache
 *
 * Changes nothing. Context: any context; takes no lock (interrupts are off around the walk,
 * as around every use of the CPU slab).
 */
void slab_dump(struct seq_file *m, struct kmem_cache *s)
{
	struct kmem_cache_cpu *c = &s->cpu_slab;
	unsigned long flags;

	local_irq_save(flags);
	seq_printf(m, "kmem_cache %s: object_size %u, size %u, objects %u, order %u\n", s->name,
		   s->object_size, s->size, s->objects, s->order);
	if (c->page)
	/* print the CPU slab's fields, its slots and its free list */
	{
		struct page *page = c->page;
		char *start = lowmem_page_address(page);
		unsigned int free = 0, n = 0;

		seq_printf(m, "kmem_cache_cpu: page pfn %#lx, freelist %p\n", page_to_pfn(page),
			   c->freelist);
		seq_printf(m, "slab: pfn %#lx, objects %u, inuse %u, freelist %p (frozen)\n",
			   page_to_pfn(page), page->objects, page->inuse, page->freelist);
		/* print one line a slot: used, or free and its place */
		seq_printf(m, "slot offset address  state\n");
		for (unsigned int i = 0; i < page->objects; i++) {
			char *p = start + i * s->size;
			unsigned int place = freelist_place(s, p);

			free += place != 0;
			if (place)
				seq_printf(m, "%4u 0x%04x %p free %u\n", i, i * s->size, p, place);
			else
				seq_printf(m, "%4u 0x%04x %p used\n", i, i * s->size, p);
		}
		seq_printf(m, "freelist:");
		for (void *fp = c->freelist; fp && n++ < s->objects; fp = get_freepointer(s, fp))
			seq_printf(m, " %u", (unsigned int)(((char *)fp - start) / s->size));
		seq_printf(m, "\nobjects %u: in use %u, free %u\n", page->objects, page->objects - free,
			   free);
	}
	else
		seq_printf(m, "kmem_cache_cpu: page (null), freelist (null): no CPU slab yet\n");
	seq_printf(m, "partial slabs %lu, slabs %lu\n", s->nr_partial, s->nr_slabs);
	local_irq_restore(flags);
}
