/* Tangled from chapters/11-page-tables.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/pgtable.h>
#include <linux/vm_event_item.h>

unsigned long tlb_single_page_flush_ceiling = 33;

/* Flush the TLB's translation of kernel address @addr. Any context. */
void flush_tlb_one_kernel(unsigned long addr)
{
	count_vm_tlb_event(NR_TLB_LOCAL_FLUSH_ONE);
	__flush_tlb_one_kernel(addr);
}

/* Flush every translation. Any context. */
void flush_tlb_all(void)
{
	count_vm_tlb_event(NR_TLB_LOCAL_FLUSH_ALL);
	__flush_tlb_all();
}

/* [[flush_tlb_kernel_range]]: page by page up to the ceiling, then all */
/**
 * flush_tlb_kernel_range - flush the translations of kernel addresses [@start, @end)
 *
 * Up to tlb_single_page_flush_ceiling pages one at a time, more with one full
 * flush. Context: any; after the entries were changed.
 */
void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	if (end - start > tlb_single_page_flush_ceiling << PAGE_SHIFT) {
		flush_tlb_all();
		return;
	}
	for (unsigned long addr = start & PAGE_MASK; addr < end; addr += PAGE_SIZE)
		flush_tlb_one_kernel(addr);
}
