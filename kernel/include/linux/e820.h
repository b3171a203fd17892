/* Tangled from chapters/02-memory-map.nw, chapters/03-pages.nw by tangle/tangle.c; edit the chapters, not this file. */
#ifndef _LINUX_E820_H
#define _LINUX_E820_H

#include <linux/types.h>

/* the types of memory range */
enum e820_type {
	E820_TYPE_RAM		= 1,
	E820_TYPE_RESERVED	= 2,
	E820_TYPE_ACPI		= 3,	/* ACPI tables, reclaimable after reading */
	E820_TYPE_NVS		= 4,	/* ACPI non-volatile storage */
	E820_TYPE_UNUSABLE	= 5,	/* RAM with errors */
};
#define PAGE_SHIFT_E820		12

/* the table of ranges */
#define E820_MAX_ENTRIES	128

struct e820_entry {
	u64 addr;		/* first byte */
	u64 size;		/* bytes; the range is [addr, addr + size) */
	enum e820_type type;
};

struct e820_table {
	u32 nr_entries;
	struct e820_entry entries[E820_MAX_ENTRIES];
};

/* The machine's map, sorted and without overlaps, filled at boot. */
extern struct e820_table e820_table;

/* the e820 functions */
/* changing a table: [[e820__range_add]] and [[e820__update_table]] */
/* Append a range; returns -1 (and keeps the table) when it is full. Boot; no lock. */
int e820__range_add(struct e820_table *table, u64 start, u64 size, enum e820_type type);
/*
 * Sort, resolve overlaps (the larger type wins), merge neighbours of one
 * type, drop empty ranges. Cannot fail. Boot only (it uses static scratch).
 */
void e820__update_table(struct e820_table *table);

/* reading a table: printing it, its end of RAM, its totals */
/* Print the table, one "who: [mem ...] type" line a range, at KERN_INFO. Any context. */
void e820__print_table(const struct e820_table *table, const char *who);
/* The end of the highest usable RAM below @limit_pfn, as a page frame number (0: none). */
unsigned long e820__end_of_ram_pfn(const struct e820_table *table, unsigned long limit_pfn);
/* Total bytes of @type (0 when there is none). Any context. */
u64 e820__total(const struct e820_table *table, enum e820_type type);
/* Linux's name for @type ("usable", ...), or "type unknown". Any context. */
const char *e820_type_name(enum e820_type type);
struct seq_file;
void e820__print_table_seq(struct seq_file *m, const struct e820_table *table, const char *who);
void e820__memblock_setup(void);

#endif
