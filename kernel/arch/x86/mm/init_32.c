/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <asm/sections.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <linux/e820.h>

/* [[print_memory_layout]]: the picture, with numbers */
/* [[print_area]]: one area, in MB when it is large */
/* Print one line of the layout: @name, [@start, @end) and its size. */
static void print_area(const char *name, unsigned long start, unsigned long end)
{
	unsigned long kb = (end - start) >> 10;

	if (kb >= 10240)
		pr_info("    %-8s: 0x%08lx - 0x%08lx   (%4lu MB)\n", name, start, end, kb >> 10);
	else
		pr_info("    %-8s: 0x%08lx - 0x%08lx   (%4lu kB)\n", name, start, end, kb);
}

/* [[print_memory_layout]]: the areas, top to bottom, then the image */
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

/* [[paging_init]]: the direct map, then its picture */
/* Map lowmem and print the layout, once find_low_pfn_range() has set max_low_pfn. Boot only. */
void paging_init(void)
{
	kernel_physical_mapping_init();
	write_cr3(__pa(swapper_pg_dir));
	write_cr4(read_cr4() | X86_CR4_PGE);
	print_memory_layout();
}
