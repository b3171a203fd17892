/* Tangled from chapters/01-reports.nw, chapters/11-page-tables.nw, chapters/12-vmalloc.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/vmalloc.h>

/* [[dump_pagetable]]: the entries that translate an address */
/* Print the pmd, and the pte if there is a page table, that translate @address. Any context. */
void dump_pagetable(unsigned long address)
{
	pmd_t *pmd = pmd_offset(pgd_offset_k(address), address);

	printk(KERN_EMERG "*pde = %08x ", pmd_val(*pmd));
	if (pmd_present(*pmd) && !pmd_large(*pmd))
		printk(KERN_CONT "*pte = %08x ", pte_val(*pte_offset_kernel(pmd, address)));
	printk(KERN_CONT "\n");
}

/* [[show_fault_oops]]: the address, the access, the entries */
/* linux/pgtable.h: print the first lines of a page-fault oops for @address and
 * x86's error code @ec. Any context; the caller goes on to the registers. */
void show_fault_oops(unsigned long address, unsigned long ec)
{
	unsigned long shown = address - PGTABLE_VA_BASE;	/* the machine's address */

	if (address < PAGE_SIZE)
		printk(KERN_EMERG "BUG: kernel NULL pointer dereference, address: %08lx\n", address);
	else
		printk(KERN_EMERG "BUG: unable to handle page fault for address: %08lx\n", shown);
	printk(KERN_EMERG "#PF: %s %s access in %s mode\n",
	       ec & 4 ? "user" : "supervisor", ec & 2 ? "write" : "read",
	       ec & 4 ? "user" : "kernel");
	printk(KERN_EMERG "#PF: error_code(0x%04lx) - %s\n", ec,
	       ec & 1 ? "permissions violation" : "not-present page");
	/* more lines of a page-fault oops */
	vmalloc_fault_info(address);
	dump_pagetable(address);
}
