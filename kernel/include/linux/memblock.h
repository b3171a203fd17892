/* Tangled from chapters/03-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/types.h>

/* [[struct memblock_type]]: a sorted list of ranges */
#define INIT_MEMBLOCK_REGIONS	128

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
};

struct memblock_type {
	unsigned long cnt;		/* regions in use, sorted by base, never touching */
	struct memblock_region regions[INIT_MEMBLOCK_REGIONS];
	const char *name;
};

/* [[struct memblock]]: the memory, the reservations, and the limit */
struct memblock {
	phys_addr_t current_limit;	/* allocations end below this */
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;

/* the memblock functions */
int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
void *memblock_alloc(phys_addr_t size, phys_addr_t align);
void *memblock_alloc_raw(phys_addr_t size, phys_addr_t align);
void memblock_for_each_free_range(void (*fn)(phys_addr_t start, phys_addr_t end, void *data),
				  void *data);
bool memblock_overlaps(const struct memblock_type *type, phys_addr_t base, phys_addr_t size);
/* Bytes in all the regions of @type. */
phys_addr_t memblock_total(const struct memblock_type *type);
/* Let memblock allocate below @limit only (the end of lowmem). Boot only. */
static inline void memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

#endif
