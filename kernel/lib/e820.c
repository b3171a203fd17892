/* Tangled from chapters/02-memory-map.nw, chapters/03-pages.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/seq_file.h>
#include <linux/e820.h>
#include <linux/memblock.h>

struct e820_table e820_table;

/* [[e820__range_add]]: append a range */
/* linux/e820.h. Boot only; no lock. */
int e820__range_add(struct e820_table *table, u64 start, u64 size, enum e820_type type)
{
	if (table->nr_entries >= E820_MAX_ENTRIES) {
		pr_err("e820: too many entries; ignoring [mem %#018llx-%#018llx]\n",
		       start, start + size - 1);
		return -1;
	}
	table->entries[table->nr_entries++] = (struct e820_entry){ start, size, type };
	return 0;
}

/* the change points of a table, sorted */
struct change_point {
	u64 addr;
	const struct e820_entry *entry;
	bool start;
};

/* [[point_before]]: by address, and a start before an end */
static bool point_before(const struct change_point *a, const struct change_point *b)
{
	if (a->addr != b->addr)
		return a->addr < b->addr;
	return a->start && !b->start;
}

/* [[sort_points]]: an insertion sort */
static void sort_points(struct change_point *p, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct change_point key = p[i];
		size_t j = i;

		for (; j > 0 && point_before(&key, &p[j - 1]); j--)
			p[j] = p[j - 1];
		p[j] = key;
	}
}

/* [[e820__update_table]]: sweep the change points */
/* linux/e820.h. Boot only: the scratch arrays are static; no lock. */
void e820__update_table(struct e820_table *table)
{
	static struct change_point points[2 * E820_MAX_ENTRIES];
	static const struct e820_entry *covering[E820_MAX_ENTRIES];
	static struct e820_table out;
	size_t np = 0, nc = 0;
	enum e820_type current = 0;
	u64 begin = 0;

	/* two change points for each range that is not empty, sorted */
	for (u32 i = 0; i < table->nr_entries; i++) {
		const struct e820_entry *e = &table->entries[i];

		if (e->size == 0 || e->addr + e->size < e->addr)
			continue;
		points[np++] = (struct change_point){ e->addr, e, true };
		points[np++] = (struct change_point){ e->addr + e->size, e, false };
	}
	sort_points(points, np);
	out.nr_entries = 0;
	for (size_t i = 0; i < np; i++) {
		enum e820_type type = 0;

		/* add or remove the point's range from the covering set */
		if (points[i].start) {
			covering[nc++] = points[i].entry;
		} else {
			for (size_t k = 0; k < nc; k++)
				if (covering[k] == points[i].entry) {
					covering[k] = covering[--nc];
					break;
				}
		}
		for (size_t k = 0; k < nc; k++)
			if (covering[k]->type > type)
				type = covering[k]->type;
		if (type == current)
			continue;
		/* close the range of the old type and open one of the new */
		if (current != 0 && points[i].addr > begin)
			e820__range_add(&out, begin, points[i].addr - begin, current);
		begin = points[i].addr;
		current = type;
	}
	*table = out;
}

/* [[e820__print_table]] and the other readers of the table */
/* [[e820_type_name]]: the names Linux prints for the types */
/* linux/e820.h. Any context. */
const char *e820_type_name(enum e820_type type)
{
	switch (type) {
	case E820_TYPE_RAM:		return "usable";
	case E820_TYPE_RESERVED:	return "reserved";
	case E820_TYPE_ACPI:		return "ACPI data";
	case E820_TYPE_NVS:		return "ACPI NVS";
	case E820_TYPE_UNUSABLE:	return "unusable";
	}
	return "type unknown";
}

/* [[e820__print_table]]: a line a range, to the log or a file */
/* As e820__print_table(), into @m (NULL: printk at KERN_INFO). Any context. */
void e820__print_table_seq(struct seq_file *m, const struct e820_table *table, const char *who)
{
	for (u32 i = 0; i < table->nr_entries; i++) {
		const struct e820_entry *e = &table->entries[i];

		seq_printf(m, "%s: [mem %#018llx-%#018llx] %s\n", who, e->addr,
			   e->addr + e->size - 1, e820_type_name(e->type));
	}
}

/* linux/e820.h. Any context. */
void e820__print_table(const struct e820_table *table, const char *who)
{
	e820__print_table_seq(NULL, table, who);
}

/* [[e820__end_of_ram_pfn]]: the end of the highest usable RAM below a limit */
/* linux/e820.h. Any context; the table is not changed. */
unsigned long e820__end_of_ram_pfn(const struct e820_table *table, unsigned long limit_pfn)
{
	unsigned long last = 0;

	for (u32 i = 0; i < table->nr_entries; i++) {
		const struct e820_entry *e = &table->entries[i];
		u64 start = e->addr >> PAGE_SHIFT_E820;
		u64 end = (e->addr + e->size) >> PAGE_SHIFT_E820;

		if (e->type != E820_TYPE_RAM || start >= limit_pfn)
			continue;
		if (end > limit_pfn)
			end = limit_pfn;
		if (end > last)
			last = (unsigned long)end;
	}
	return last;
}

/* [[e820__total]]: the bytes of one type */
/* linux/e820.h. Any context. */
u64 e820__total(const struct e820_table *table, enum e820_type type)
{
	u64 total = 0;

	for (u32 i = 0; i < table->nr_entries; i++)
		if (table->entries[i].type == type)
			total += table->entries[i].size;
	return total;
}

/* the map's corrections, and its hand-over to memblock */

#define BIOS_BEGIN	0x000a0000
#define BIOS_END	0x00100000

/* Mark [@start, @start + @size) reserved in the map; @how, in Linux's words. Boot only. */
static void e820__range_update_reserved(u64 start, u64 size, const char *how)
{
	pr_info("e820: %s [mem %#010llx-%#010llx] usable\n", how, start, start + size - 1);
	e820__range_add(&e820_table, start, size, E820_TYPE_RESERVED);
	e820__update_table(&e820_table);
}

/* Correct the map as Linux does, then give its usable RAM to memblock. Boot only. */
void e820__memblock_setup(void)
{
	e820__range_update_reserved(0, 0x1000, "update");
	e820__range_update_reserved(BIOS_BEGIN, BIOS_END - BIOS_BEGIN, "remove");
	for (u32 i = 0; i < e820_table.nr_entries; i++)
		if (e820_table.entries[i].type == E820_TYPE_RAM)
			memblock_add(e820_table.entries[i].addr, e820_table.entries[i].size);
}
