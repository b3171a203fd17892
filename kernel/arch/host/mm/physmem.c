/* Tangled from chapters/03-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <sys/mman.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/host.h>

/* the arena: where the host's stand-in for RAM is, and how big */
char *host_phys_base;		/* physical address 0; __va and __pa add and subtract it */
static size_t host_phys_size;

/* [[host_map_physical_memory]]: an arena as large as RAM reaches */
/* Map max_pfn pages of host memory to stand for RAM; panics if the host refuses. Boot only. */
void host_map_physical_memory(void)
{
	size_t bytes = (size_t)max_pfn << PAGE_SHIFT;
	void *p;

	if (host_phys_base)
		munmap(host_phys_base, host_phys_size);
	p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		panic("host: cannot map %zu bytes to stand for physical memory", bytes);
	host_phys_base = p;
	host_phys_size = bytes;
	high_memory = __va(PFN_PHYS(max_low_pfn));	/* now that __va means something */
}
