/* Tangled from chapters/08-slabs.nw, chapters/09-kmalloc.nw, chapters/10-reclaim.nw by tangle/tangle.c; edit the chapters, not this file. */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/spinlock.h>

/* the flags of a cache */
#define SLAB_CONSISTENCY_CHECKS	0x00000100UL	/* check every object at alloc and free */
#define SLAB_RED_ZONE		0x00000400UL	/* a red zone after each object */
#define SLAB_POISON		0x00000800UL	/* fill free objects with a pattern */
#define SLAB_HWCACHE_ALIGN	0x00002000UL	/* align objects to the cache line */
#define SLAB_CACHE_DMA		0x00004000UL	/* slabs from ZONE_DMA */
#define SLAB_STORE_USER		0x00010000UL	/* remember who allocated and freed */
#define SLAB_RECLAIM_ACCOUNT	0x00020000UL	/* objects a shrinker can free */
#define SLAB_DEBUG_FLAGS	(SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | \
				 SLAB_STORE_USER)
#define L1_CACHE_BYTES		64

/* [[struct kmem_cache]] */
/* [[struct kmem_cache_cpu]]: the CPU slab and its free list */
/* The slab a CPU allocates from; both fields change only with interrupts off. */
struct kmem_cache_cpu {
	void **freelist;		/* the CPU slab's next free object */
	struct page *page;		/* the CPU slab, or NULL */
};

/* A cache. The fields up to list are set by kmem_cache_create and never change after. */
struct kmem_cache {
	struct kmem_cache_cpu cpu_slab;	/* one CPU: one of them */
	unsigned long flags;		/* SLAB_ */
	unsigned int size;		/* an object and its metadata: the stride */
	unsigned int object_size;	/* what the caller asked for */
	unsigned int offset;		/* of the free pointer in an object */
	unsigned int inuse;		/* where the metadata after the object begins */
	unsigned int align;
	unsigned int order;		/* a slab is 2^order pages */
	unsigned int objects;		/* objects in a slab */
	unsigned int min_partial;	/* empty slabs kept on the partial list */
	gfp_t allocflags;		/* added to every page allocation */
	void (*ctor)(void *object);
	const char *name;
	struct list_head list;		/* on slab_caches */
	/* the partial list and the counts, guarded by turning interrupts off */
	/*
	 * The partial list and the counts below are guarded by turning interrupts off: one CPU
	 * uses them, and an interrupt handler may allocate. list_lock is where Linux guards them
	 * on a machine of several CPUs; it is initialized and not yet taken.
	 */
	spinlock_t list_lock;
	unsigned long nr_partial;	/* slabs on the partial list */
	struct list_head partial;	/* slabs with free objects, not the CPU slab's */
	unsigned long nr_slabs;		/* all slabs, and the objects they hold */
	unsigned long total_objects;
};

/* the slab allocator's interface */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     unsigned long flags, void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags);
void kmem_cache_free(struct kmem_cache *s, void *object);
/* Give the cache's empty slabs back to the page allocator; how many pages. */
unsigned long kmem_cache_shrink(struct kmem_cache *s);
void kmem_cache_init(void);
struct seq_file;
void slabinfo_show(struct seq_file *m);
extern struct list_head slab_caches;
/* Pages in slabs, for meminfo: of SLAB_RECLAIM_ACCOUNT caches, and of the others. */
enum slab_stat_item { NR_SLAB_RECLAIMABLE, NR_SLAB_UNRECLAIMABLE, NR_SLAB_STAT_ITEMS };
extern unsigned long slab_stat[NR_SLAB_STAT_ITEMS];	/* changed with interrupts off */
/* The slub_debug= boot parameter: NULL or "" for every check, else letters FZPU. */
void slub_debug_setup(const char *arg);
/* Register the slab allocator's shrinker. */
void kmem_cache_init_late(void);

/* [[kmalloc]]: the size classes */
/* the sizes of the [[kmalloc]] caches, and the cache of a size */
#define KMALLOC_SHIFT_LOW	3
#define KMALLOC_SHIFT_HIGH	13
#define KMALLOC_MIN_SIZE	(1u << KMALLOC_SHIFT_LOW)
#define KMALLOC_MAX_CACHE_SIZE	(1u << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MAX_SIZE	(PAGE_SIZE << (MAX_ORDER - 1))

/* kmalloc(0): a pointer that faults on use and that kfree accepts. */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

enum kmalloc_cache_type { KMALLOC_NORMAL, KMALLOC_DMA, NR_KMALLOC_TYPES };
extern struct kmem_cache *kmalloc_caches[NR_KMALLOC_TYPES][KMALLOC_SHIFT_HIGH + 1];

/* [[kmalloc_index]]: the cache for a size */
/* The index in kmalloc_caches of the cache for @size: 0 for 0, ~0u above 8 KiB. Any context. */
static __always_inline unsigned int kmalloc_index(size_t size)
{
	if (!size)
		return 0;
	if (size <= KMALLOC_MIN_SIZE)
		return KMALLOC_SHIFT_LOW;
	if (size > 64 && size <= 96)
		return 1;
	if (size > 128 && size <= 192)
		return 2;
	if (size <= 16) return 4;
	if (size <= 32) return 5;
	if (size <= 64) return 6;
	if (size <= 128) return 7;
	if (size <= 256) return 8;
	if (size <= 512) return 9;
	if (size <= 1024) return 10;
	if (size <= 2048) return 11;
	if (size <= 4096) return 12;
	if (size <= 8192) return 13;
	return ~0u;
}

/* [[kmalloc]], [[kzalloc]], [[kfree]] and the rest */
/* the functions of [[kmalloc]] */
void *__kmalloc(size_t size, gfp_t flags);
void *kmalloc_large(size_t size, gfp_t flags);
void kfree(const void *object);
size_t ksize(const void *object);
void *krealloc(const void *p, size_t new_size, gfp_t flags);

/* [[kmalloc]] and [[kzalloc]] */
/**
 * kmalloc - allocate @size bytes of physically contiguous memory
 * @size: bytes; 0 gives ZERO_SIZE_PTR, more than 8 KiB a compound page
 * @flags: GFP flags: GFP_KERNEL may sleep, GFP_ATOMIC may not; __GFP_DMA for ZONE_DMA
 *
 * Context: any context with flags that cannot sleep; process context with GFP_KERNEL.
 * Takes no lock. Return: the memory, at least @size bytes (ksize says how many), or NULL.
 */
static inline void *kmalloc(size_t size, gfp_t flags)
{
	return __kmalloc(size, flags);
}

/* kmalloc, the memory zeroed. Context and return as kmalloc's. */
static inline void *kzalloc(size_t size, gfp_t flags)
{
	return __kmalloc(size, flags | __GFP_ZERO);
}

/* [[kmalloc_array]] and [[kcalloc]]: a size that may overflow */
/* @n elements of @size bytes; NULL if n * size overflows. Context as kmalloc's. */
static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(__builtin_mul_overflow(n, size, &bytes)))
		return NULL;
	return __kmalloc(bytes, flags);
}

/* kmalloc_array, the memory zeroed. */
static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

#endif
