/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/sections.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <linux/e820.h>

extern unsigned long initial_page_table[PTRS_PER_PGD];

/* [[kernel_physical_mapping_init]]: map lowmem with 4 MiB pages */
static void kernel_physical_mapping_init(void)
{
	unsigned long *pgd = initial_page_table;
	unsigned long pfn;

	for (pfn = 0; pfn < max_low_pfn; pfn += PTRS_PER_PGD)
		pgd[KERNEL_PGD_BOUNDARY + pfn / PTRS_PER_PGD] = (pfn << PAGE_SHIFT) | _KERNPG_LARGE;
	for (unsigned long i = 0; i < KERNEL_PGD_BOUNDARY; i++)
		pgd[i] = 0;
	write_cr3(__pa(pgd));
}
/* [[print_memory_layout]]: the picture, with numbers */
static void print_area(const char *name, unsigned long start, unsigned long end)
{
	unsigned long kb = (end - start) >> 10;

	if (kb >= 10240)
		pr_info("    %-8s: 0x%08lx - 0x%08lx   (%4lu MB)\n", name, start, end, kb >> 10);
	else
		pr_info("    %-8s: 0x%08lx - 0x%08lx   (%4lu kB)\n", name, start, end, kb);
}

static void print_memory_layout(void)
{
	pr_info("virtual kernel memory layout:\n");
	print_area("fixmap", FIXADDR_START, FIXADDR_TOP);
	print_area("pkmap", PKMAP_BASE, PKMAP_BASE + LAST_PKMAP * PAGE_SIZE);
	print_area("vmalloc", VMALLOC_START, VMALLOC_END);
	print_area("lowmem", PAGE_OFFSET, (unsigned long)high_memory);
	print_area("  .text", (unsigned long)_text, (unsigned long)_etext);
	print_area("  .data", (unsigned long)_sdata, (unsigned long)_edata);
	print_area("  .bss", (unsigned long)__bss_start, (unsigned long)__bss_stop);
}

/* Map lowmem and print the layout; find_low_pfn_range() has set max_low_pfn. */
void paging_init(void)
{
	kernel_physical_mapping_init();
	print_memory_layout();
}
#include <linux/seq_file.h>
#include <linux/shell.h>

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
