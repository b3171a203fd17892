/* Tangled from chapters/02-memory-map.nw, chapters/03-pages.nw, chapters/04-zones.nw, chapters/11-page-tables.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/multiboot.h>
#include <linux/pgtable.h>
#include <asm/host.h>

unsigned long long host_mem_bytes = 2ULL << 30;
const void *host_custom_mmap;
unsigned int host_custom_mmap_len;

/* [[host_multiboot_mmap]]: QEMU's memory map */
/* [[put_entry]]: one entry of the map, if it fits */
/* Write an entry at @off of @buf (@size bytes) if it fits; return the offset after it. */
static unsigned int put_entry(void *buf, unsigned int off, unsigned int size,
			      u64 addr, u64 len, u32 type)
{
	struct multiboot_mmap_entry e = { sizeof(e) - 4, addr, len, type };

	if (off + sizeof(e) <= size)
		memcpy((char *)buf + off, &e, sizeof(e));
	return off + sizeof(e);
}

/* [[host_multiboot_mmap]]: the ranges of QEMU's PC */
/* asm/host.h: the map's length, which is more than @size when it was cut. Any context. */
unsigned int host_multiboot_mmap(void *buf, unsigned int size, unsigned long long bytes)
{
	const u64 below_4g_max = 3ULL << 30;
	u64 low = bytes < below_4g_max ? bytes : below_4g_max;
	unsigned int off = 0;

	off = put_entry(buf, off, size, 0, 0x9fc00, 1);
	off = put_entry(buf, off, size, 0x9fc00, 0x400, 2);
	off = put_entry(buf, off, size, 0xf0000, 0x10000, 2);
	off = put_entry(buf, off, size, 0x100000, low - 0x20000 - 0x100000, 1);
	off = put_entry(buf, off, size, low - 0x20000, 0x20000, 2);
	off = put_entry(buf, off, size, 0xfffc0000, 0x40000, 2);
	if (bytes > low)
		off = put_entry(buf, off, size, 1ULL << 32, bytes - low, 1);
	return off;
}

/* [[setup_arch]] on the host */
/* [[host_boot]]: the memory manager without the console */
/* asm/host.h: boot with @bytes of RAM. Once a test program; panics as x86 would. */
void host_boot(unsigned long long bytes)
{
	char *cmdline;

	host_mem_bytes = bytes;
	setup_arch(&cmdline);
	mm_core_init();
	start_contexts();
}

/* [[setup_arch]] on the host: the host loader's map, then the steps of x86 */
/* linux/init.h, on the host: a test's map, or QEMU's for host_mem_bytes. Boot only. */
void setup_arch(char **cmdline_p)
{
	static char mmap[512];
	static char cmdline[] = "console=host";
	struct multiboot_info mbi = { .flags = MULTIBOOT_INFO_MEM_MAP };

	const void *map = host_custom_mmap ? host_custom_mmap : mmap;

	mbi.mmap_length = host_custom_mmap ? host_custom_mmap_len
					   : host_multiboot_mmap(mmap, sizeof(mmap), host_mem_bytes);
	pr_info("Command line: %s\n", cmdline);
	if (e820__from_multiboot(&e820_table, &mbi, map, mbi.mmap_length) < 0)
		panic("no usable memory map from the host loader");
	pr_info("BIOS-provided physical RAM map:\n");
	e820__print_table(&e820_table, "BIOS-e820");
	/* give the host's memory map to the early allocator */
	e820__memblock_setup();
	find_low_pfn_range();
	/* let memblock give out what the boot mapping reaches */
	memblock_set_current_limit(min(PFN_PHYS(max_low_pfn), (phys_addr_t)16 << 20));
	paging_init();
	/* size the zones and lay out [[mem_map]] */
	memblock_set_current_limit(PFN_PHYS(max_low_pfn));
	page_address_init();
	zone_sizes_init();
	*cmdline_p = cmdline;
}
