/* Tangled from chapters/02-memory-map.nw, chapters/03-pages.nw, chapters/04-zones.nw, chapters/11-page-tables.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <linux/arch.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/multiboot.h>
#include <asm/pgtable.h>
#include <asm/sections.h>
#include <asm/desc.h>

const char arch_name[] = "x86-32";
static u32 boot_magic, boot_info;
static char boot_command_line[COMMAND_LINE_SIZE];

void serial_init(void);
void paging_init(void);

/* [[i386_start_kernel]]: the C entry point */
/* Called by head_32.S with the loader's @magic and information @info. Boot; no return. */
void i386_start_kernel(u32 magic, u32 info)
{
	boot_magic = magic;
	boot_info = info;
	serial_init();
	trap_init();
	start_kernel();
}

/* [[setup_arch]]: the map, the command line and the direct map */
/* [[skip_image_name]]: the command line without the kernel's file name */
/* The part of @cmdline after its first word and the blanks after it. */
static const char *skip_image_name(const char *cmdline)
{
	while (*cmdline && *cmdline != ' ')
		cmdline++;
	while (*cmdline == ' ')
		cmdline++;
	return cmdline;
}

/* [[setup_arch]]: check the loader, then read its information */
/* linux/init.h; panics when the loader's information is unusable. Boot only, once. */
void setup_arch(char **cmdline_p)
{
	const struct multiboot_info *mbi = __va(boot_info);

	/* refuse a loader that is not multiboot, or information the boot map cannot reach */
	if (boot_magic != MULTIBOOT_BOOTLOADER_MAGIC)
		panic("not started by a multiboot loader (magic %#x)", boot_magic);
	if (boot_info >= (16u << 20) - sizeof(*mbi))
		panic("multiboot information at %#x, beyond the boot mapping", boot_info);
	/* copy the command line, if the boot map reaches it */
	if ((mbi->flags & MULTIBOOT_INFO_CMDLINE) && mbi->cmdline < (16u << 20))
		strlcpy(boot_command_line, skip_image_name(__va(mbi->cmdline)),
			sizeof(boot_command_line));
	pr_info("Command line: %s\n", boot_command_line);
	if (e820__from_multiboot(&e820_table, mbi, __va(mbi->mmap_addr), mbi->mmap_length) < 0)
		panic("no usable memory map from the loader");
	pr_info("BIOS-provided physical RAM map:\n");
	e820__print_table(&e820_table, "BIOS-e820");
	/* give the memory map to the early allocator */
	e820__memblock_setup();
	memblock_reserve(__pa(_text), (unsigned long)(_end - _text));
	memblock_reserve(boot_info, sizeof(*mbi));
	if (mbi->flags & MULTIBOOT_INFO_MEM_MAP)
		memblock_reserve(mbi->mmap_addr, mbi->mmap_length);
	if (mbi->flags & MULTIBOOT_INFO_CMDLINE)
		memblock_reserve(mbi->cmdline, strlen(__va(mbi->cmdline)) + 1);
	find_low_pfn_range();
	/* let memblock give out what the boot mapping reaches */
	memblock_set_current_limit(min(PFN_PHYS(max_low_pfn), (phys_addr_t)16 << 20));
	paging_init();
	/* size the zones and lay out [[mem_map]] */
	memblock_set_current_limit(PFN_PHYS(max_low_pfn));
	page_address_init();
	zone_sizes_init();
	*cmdline_p = boot_command_line;
}
