/* Tangled from chapters/11-page-tables.nw by tangle/tangle.c; edit the chapter, not this file. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <asm/host.h>

extern int host_phys_fd;

/* [[host_tlb_covers]]: the addresses the host maps on demand */
#define HOST_REGION_END		(PAGE_OFFSET + (1UL << 30))

/* Is @addr in the kernel region, above lowmem? */
static bool host_tlb_covers(unsigned long addr)
{
	return addr >= (unsigned long)high_memory && addr < HOST_REGION_END;
}

/* Make [@addr, @addr + @size) inaccessible again, still reserved. */
static void host_tlb_drop(unsigned long addr, unsigned long size)
{
	mmap((void *)addr, size, PROT_NONE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
	     -1, 0);
}

/* [[host_tlb_fill]]: a TLB miss, served from the page tables */
/* Map the arena page the tables give @addr, if they allow the access; false if not. */
static bool host_tlb_fill(unsigned long addr, bool write)
{
	unsigned int level;
	pte_t *pte = lookup_address(addr, &level);
	unsigned long size = level == PG_LEVEL_2M ? PMD_SIZE : PAGE_SIZE;

	if (!pte || !pte_present(*pte) || (write && !pte_write(*pte)))
		return false;
	return mmap((void *)(addr & ~(size - 1)), size,
		    pte_write(*pte) ? PROT_READ | PROT_WRITE : PROT_READ, MAP_FIXED | MAP_SHARED,
		    host_phys_fd, (off_t)PFN_PHYS(pte_pfn(*pte))) != MAP_FAILED;
}

/* [[host_page_fault]]: fill the TLB, or oops */
static struct sigaction host_old_segv;

/* SIGSEGV: a miss in the kernel region is filled; a fault the tables refuse is an oops. */
static void host_page_fault(int sig, siginfo_t *si, void *context)
{
	unsigned long addr = (unsigned long)si->si_addr;
	bool write = ((ucontext_t *)context)->uc_mcontext.gregs[REG_ERR] & 2;
	unsigned int level;
	pte_t *pte;

	if (!host_tlb_covers(addr)) {
		sigaction(SIGSEGV, &host_old_segv, NULL);
		return;
	}
	if (host_tlb_fill(addr, write))
		return;
	pte = lookup_address(addr, &level);
	show_fault_oops(addr, (pte && pte_present(*pte) ? 1 : 0) | (write ? 2 : 0));
	printk(KERN_EMERG "Oops: %04x [#1]\n", (pte && pte_present(*pte) ? 1 : 0) | (write ? 2 : 0));
	dump_stack();
	printk(KERN_EMERG "---[ end trace 0000000000000000 ]---\n");
	panic("Fatal exception");
}

/* the host's [[__flush_tlb_one_kernel]] and [[__flush_tlb_all]] */
/* asm/tlbflush.h: forget the mapping of the page at @addr, unless it is lowmem's. */
void __flush_tlb_one_kernel(unsigned long addr)
{
	if (host_tlb_covers(addr))
		host_tlb_drop(addr & PAGE_MASK, PAGE_SIZE);
}

/* asm/tlbflush.h: forget every mapping above lowmem. */
void __flush_tlb_all(void)
{
	unsigned long start = PAGE_ALIGN((unsigned long)high_memory);

	host_tlb_drop(start, HOST_REGION_END - start);
}

/* [[paging_init]] on the host: the arena, the tables, the handler */
/* linux/pgtable.h, on the host: the arena, the direct map in swapper_pg_dir, the handler. Boot only. */
void paging_init(void)
{
	static bool installed;
	struct sigaction sa = { .sa_sigaction = host_page_fault, .sa_flags = SA_SIGINFO | SA_NODEFER };

	host_map_physical_memory();
	kernel_physical_mapping_init();
	if (installed)
		return;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, &host_old_segv) < 0)
		panic("host: cannot handle page faults");
	installed = true;
}
