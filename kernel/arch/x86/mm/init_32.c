/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/sections.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <linux/e820.h>

extern unsigned long initial_page_table[PTRS_PER_PGD];

/* [[kernel_physical_mapping_init]]: map lowmem with 4 MiB pages */
/* Map lowmem at PAGE_OFFSET, unmap the identity map, load CR3. Boot only, once. */
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
	print_memory_layout();
}
