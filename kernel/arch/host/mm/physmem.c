/* Tangled from chapters/03-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/host.h>

/* the arena: where the host's stand-in for RAM is, and how big */
char *host_phys_base;		/* physical address 0; __va and __pa add and subtract it */
int host_phys_fd = -1;		/* the arena, for mapping its pages a second time */
unsigned long host_va_base;	/* 4 GiB-aligned; PAGE_OFFSET is 3 GiB above it */

/* [[host_reserve_kernel_region]]: a GiB whose addresses end as x86's */
/* Set host_va_base and reserve [PAGE_OFFSET, PAGE_OFFSET + 1 GiB), inaccessible. Once. */
static void host_reserve_kernel_region(void)
{
	const unsigned long gib = 1UL << 30, span = 5 * gib;
	char *p = mmap(NULL, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	char *k;

	if (p == MAP_FAILED)
		panic("host: cannot reserve address space for the kernel");
	host_va_base = (((unsigned long)p + gib + 4 * gib - 1) & ~(4 * gib - 1)) - 4 * gib;
	k = (char *)PAGE_OFFSET;
	if (k > p)
		munmap(p, k - p);
	if (k + gib < p + span)
		munmap(k + gib, p + span - (k + gib));
}

/* [[host_map_physical_memory]]: an arena as large as RAM reaches */
/* Make an arena of max_pfn pages and map its lowmem at PAGE_OFFSET; panics if the host
 * refuses. Boot only. */
void host_map_physical_memory(void)
{
	size_t bytes = (size_t)max_pfn << PAGE_SHIFT, low = (size_t)max_low_pfn << PAGE_SHIFT;
	void *p;

	if (!host_va_base)
		host_reserve_kernel_region();
	if (host_phys_fd >= 0)
		close(host_phys_fd);
	mmap((void *)PAGE_OFFSET, 1UL << 30, PROT_NONE,
	     MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	host_phys_fd = memfd_create("physical memory", MFD_CLOEXEC);
	if (host_phys_fd < 0 || ftruncate(host_phys_fd, (off_t)bytes) < 0)
		panic("host: cannot make %zu bytes to stand for physical memory", bytes);
	p = mmap((void *)PAGE_OFFSET, low, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_SHARED,
		 host_phys_fd, 0);
	if (p == MAP_FAILED)
		panic("host: cannot map %zu bytes of lowmem", low);
	host_phys_base = p;
	high_memory = __va(PFN_PHYS(max_low_pfn));	/* now that __va means something */
}
