/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/multiboot.h>

/* [[multiboot_type]]: the loader's type of a range as e820's */
/* The e820 type of multiboot type @type; any type it does not know is reserved. */
static enum e820_type multiboot_type(u32 type)
{
	switch (type) {
	case 1: return E820_TYPE_RAM;
	case 3: return E820_TYPE_ACPI;
	case 4: return E820_TYPE_NVS;
	case 5: return E820_TYPE_UNUSABLE;
	}
	return E820_TYPE_RESERVED;
}

/* [[e820__from_multiboot]]: the map, or the two counters */
/* linux/multiboot.h. Boot only; no lock. */
int e820__from_multiboot(struct e820_table *table, const struct multiboot_info *mbi,
			 const void *mmap, u32 mmap_length)
{
	const u8 *p = mmap;
	u32 off = 0;

	table->nr_entries = 0;
	if (mbi->flags & MULTIBOOT_INFO_MEM_MAP) {
		/* walk the map's entries, each checked before it is read */
		while (off < mmap_length) {
			struct multiboot_mmap_entry e;

			if (mmap_length - off < sizeof(e)) {
				pr_err("multiboot: memory map entry at offset %u runs past the map's %u bytes\n",
				       off, mmap_length);
				return -1;
			}
			memcpy(&e, p + off, sizeof(e));
			/* refuse an entry whose size is too small, or runs past the map */
			if (e.size < sizeof(e) - sizeof(e.size) || e.size > mmap_length - off - 4) {
				pr_err("multiboot: memory map entry at offset %u has bad size %u\n",
				       off, e.size);
				return -1;
			}
			e820__range_add(table, e.addr, e.len, multiboot_type(e.type));
			off += e.size + 4;
		}
	} else if (mbi->flags & MULTIBOOT_INFO_MEMORY) {
		e820__range_add(table, 0, (u64)mbi->mem_lower << 10, E820_TYPE_RAM);
		e820__range_add(table, 1 << 20, (u64)mbi->mem_upper << 10, E820_TYPE_RAM);
	} else {
		pr_err("multiboot: the loader gave no memory information (flags %#x)\n", mbi->flags);
		return -1;
	}
	e820__update_table(table);
	return (int)table->nr_entries;
}
