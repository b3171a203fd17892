/* Tangled from chapters/03-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/align.h>
#include <linux/memblock.h>
#include <linux/string.h>
#include <linux/seq_file.h>
#include <linux/shell.h>
#include <asm/page.h>

/* [[memblock]]: both lists empty, and no limit yet */
struct memblock memblock = {
	.current_limit = 0,		/* nothing can be allocated until the arch sets it */
	.memory.name = "memory",
	.reserved.name = "reserved",
};

/* [[memblock_add_range]]: insert, sort and merge */
/* Add [@base, @base + @size) to @type; 0, or -1 (reported) when the list is full. Boot only. */
static int memblock_add_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	unsigned long i, j;

	/* refuse a range that cannot be added, and cut one that wraps */
	if (size == 0)
		return 0;
	if (base + size < base)
		size = -base;
	if (type->cnt == INIT_MEMBLOCK_REGIONS) {
		pr_err("memblock: %s list is full; dropping [%#018llx-%#018llx]\n",
		       type->name, base, base + size - 1);
		return -1;
	}
	type->regions[type->cnt++] = (struct memblock_region){ base, size };
	/* sort the list by base */
	for (i = 1; i < type->cnt; i++)
		for (j = i; j > 0 && type->regions[j].base < type->regions[j - 1].base; j--) {
			struct memblock_region t = type->regions[j];

			type->regions[j] = type->regions[j - 1];
			type->regions[j - 1] = t;
		}
	/* merge the regions that overlap or touch */
	for (i = 0, j = 1; j < type->cnt; j++) {
		struct memblock_region *r = &type->regions[i], *n = &type->regions[j];

		if (n->base <= r->base + r->size) {
			if (n->base + n->size > r->base + r->size)
				r->size = n->base + n->size - r->base;
		} else {
			type->regions[++i] = *n;
		}
	}
	type->cnt = i + 1;
	return 0;
}

/* [[memblock_add]] and [[memblock_reserve]]: one list each */
/**
 * memblock_add - add [@base, @base + @size) to the memory memblock may use
 * @base: its first physical address
 * @size: its size in bytes; a range that would wrap is cut at the top
 *
 * Context: boot only, one CPU, no lock.
 * Return: 0, or -1 (reported) when the list of 128 ranges is full.
 */
int memblock_add(phys_addr_t base, phys_addr_t size)
{
	return memblock_add_range(&memblock.memory, base, size);
}

/**
 * memblock_reserve - mark [@base, @base + @size) as in use
 *
 * Context and return: as memblock_add(). The range need not lie in memory.
 */
int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	return memblock_add_range(&memblock.reserved, base, size);
}

/* finding the free ranges */
/* [[memblock_for_each_free_range]]: memory less the reservations */
/**
 * memblock_for_each_free_range - call @fn(start, end, @data) for each free range
 * @fn: called in address order with [start, end); it must not change memblock
 * @data: passed to @fn
 *
 * Context: boot only, no lock.
 */
void memblock_for_each_free_range(void (*fn)(phys_addr_t, phys_addr_t, void *), void *data)
{
	const struct memblock_type *rsv = &memblock.reserved;

	for (unsigned long m = 0; m < memblock.memory.cnt; m++) {
		phys_addr_t start = memblock.memory.regions[m].base;
		phys_addr_t end = start + memblock.memory.regions[m].size;

		/* pass [[fn]] each gap before a reservation in [[start]] to [[end]] */
		for (unsigned long r = 0; r < rsv->cnt && start < end; r++) {
			phys_addr_t rs = rsv->regions[r].base, re = rs + rsv->regions[r].size;

			if (re <= start || rs >= end)
				continue;
			if (rs > start)
				fn(start, rs, data);
			start = re;
		}
		if (start < end)
			fn(start, end, data);
	}
}

/* [[memblock_overlaps]]: does a range touch a list? */
/* Is any byte of [@base, @base + @size) in the list @type? Boot only, no lock. */
bool memblock_overlaps(const struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	for (unsigned long i = 0; i < type->cnt; i++)
		if (type->regions[i].base < base + size &&
		    base < type->regions[i].base + type->regions[i].size)
			return true;
	return false;
}

/* The bytes in all the regions of @type. Any context; reads without a lock. */
phys_addr_t memblock_total(const struct memblock_type *type)
{
	phys_addr_t sum = 0;

	for (unsigned long i = 0; i < type->cnt; i++)
		sum += type->regions[i].size;
	return sum;
}

/* [[memblock_alloc]]: the highest free range that fits */
/* [[consider_range]]: the highest aligned place in one free range */
struct fit {
	phys_addr_t size, align, best;	/* best: (phys_addr_t)-1 while none fits */
};

/* Make [@start, @end) the best fit in *@data if its highest aligned place beats the best. */
static void consider_range(phys_addr_t start, phys_addr_t end, void *data)
{
	struct fit *f = data;
	phys_addr_t cand;

	if (end > memblock.current_limit)
		end = memblock.current_limit;
	if (end < start + f->size || start + f->size < start)
		return;
	cand = (end - f->size) & ~(f->align - 1);
	if (cand >= start && (f->best == (phys_addr_t)-1 || cand > f->best))
		f->best = cand;
}

/* [[memblock_alloc_raw]]: reserve the best place found */
/**
 * memblock_alloc_raw - allocate @size bytes aligned to @align, not zeroed
 * @size: rounded up to whole pages
 * @align: a power of two; less than a page means a page
 *
 * Takes the highest free memory below memblock.current_limit, for a caller
 * that writes every byte itself.
 * Context: boot only, no lock.
 * Return: the direct-map address, or NULL (reported) if nothing fits.
 */
void *memblock_alloc_raw(phys_addr_t size, phys_addr_t align)
{
	struct fit f = { ALIGN(size, PAGE_SIZE), align < PAGE_SIZE ? PAGE_SIZE : align,
			 (phys_addr_t)-1 };

	memblock_for_each_free_range(consider_range, &f);
	if (f.best == (phys_addr_t)-1 || memblock_reserve(f.best, f.size) < 0) {
		pr_err("memblock: cannot allocate %llu bytes below %#llx\n", size,
		       memblock.current_limit);
		return NULL;
	}
	return __va(f.best);
}

/* [[memblock_alloc]]: the same, zeroed */
/**
 * memblock_alloc - memblock_alloc_raw(), with the pages zeroed
 *
 * Context: boot only, no lock.
 * Return: the direct-map address, or NULL (reported) if nothing fits.
 */
void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	void *p = memblock_alloc_raw(size, align);

	if (p)
		memset(p, 0, ALIGN(size, PAGE_SIZE));
	return p;
}

/* the [[memblock]] command */
/* [[show_type]]: one line for each region of a list */
/* Print each region of @type to @m, in the format of Linux's debugfs. */
static void show_type(struct seq_file *m, const struct memblock_type *type)
{
	for (unsigned long i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		seq_printf(m, " %s[%#lx]\t[%#018llx-%#018llx], %#llx bytes\n", type->name, i,
			   r->base, r->base + r->size - 1, r->size);
	}
}

/* [[cmd_memblock]]: the totals, then both lists */
/* memblock: print the two lists as Linux's debugfs does. Console only. */
static int cmd_memblock(struct seq_file *m, int argc, char **argv)
{
	seq_printf(m, "MEMBLOCK configuration:\n memory size = %#llx reserved size = %#llx\n",
		   memblock_total(&memblock.memory), memblock_total(&memblock.reserved));
	show_type(m, &memblock.memory);
	show_type(m, &memblock.reserved);
	return 0;
}
DEFINE_CONSOLE_COMMAND(memblock, "", "the early allocator's memory and reserved lists",
		       cmd_memblock);
