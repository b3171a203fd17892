/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/e820.h>
#include <linux/seq_file.h>
#include <linux/shell.h>
#include <asm/sections.h>

/* [[mem]]: the map, its totals, its split and the kernel image */
static int cmd_mem(struct seq_file *m, int argc, char **argv)
{
	(void)argc, (void)argv;
	e820__print_table_seq(m, &e820_table, "e820");
	seq_printf(m, "usable RAM: %llu kB (reserved: %llu kB)\n",
		   e820__total(&e820_table, E820_TYPE_RAM) >> 10,
		   e820__total(&e820_table, E820_TYPE_RESERVED) >> 10);
	seq_printf(m, "lowmem: pfn 0x0-0x%lx (%lu MB), highmem: pfn 0x%lx-0x%lx (%lu MB)\n",
		   max_low_pfn, max_low_pfn >> (20 - PAGE_SHIFT_E820), max_low_pfn, max_pfn,
		   (max_pfn - max_low_pfn) >> (20 - PAGE_SHIFT_E820));
	seq_printf(m, "kernel image: [mem %#010lx-%#010lx]\n",
		   __pa(_text), __pa(_end) - 1);
	return 0;
}
DEFINE_CONSOLE_COMMAND(mem, "", "the physical memory map and its split", cmd_mem);
