/* Tangled from chapters/02-memory-map.nw, chapters/03-pages.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <linux/e820.h>

#include <linux/memblock.h>

#define BIOS_BEGIN	0x000a0000
#define BIOS_END	0x00100000

static void e820__range_update_reserved(u64 start, u64 size, const char *how)
{
	pr_info("e820: %s [mem %#010llx-%#010llx] usable\n", how, start, start + size - 1);
	e820__range_add(&e820_table, start, size, E820_TYPE_RESERVED);
	e820__update_table(&e820_table);
}

/* Correct the map as Linux does, then give its usable RAM to memblock. */
void e820__memblock_setup(void)
{
	e820__range_update_reserved(0, 0x1000, "update");
	e820__range_update_reserved(BIOS_BEGIN, BIOS_END - BIOS_BEGIN, "remove");
	for (u32 i = 0; i < e820_table.nr_entries; i++)
		if (e820_table.entries[i].type == E820_TYPE_RAM)
			memblock_add(e820_table.entries[i].addr, e820_table.entries[i].size);
}
