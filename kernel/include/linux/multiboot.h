/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_MULTIBOOT_H
#define _LINUX_MULTIBOOT_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/e820.h>

/* the loader's information and the flags that say what it holds */
#define MULTIBOOT_BOOTLOADER_MAGIC	0x2BADB002
#define MULTIBOOT_INFO_MEMORY		(1 << 0)
#define MULTIBOOT_INFO_CMDLINE		(1 << 2)
#define MULTIBOOT_INFO_MEM_MAP		(1 << 6)

struct multiboot_info {
	u32 flags;
	u32 mem_lower, mem_upper;	/* KiB below 1 MiB, KiB above 1 MiB */
	u32 boot_device;
	u32 cmdline;			/* physical address of a C string */
	u32 mods_count, mods_addr;
	u32 syms[4];
	u32 mmap_length, mmap_addr;	/* the memory map: bytes, physical address */
} __packed;

/* an entry of the loader's memory map */
struct multiboot_mmap_entry {
	u32 size;			/* of the rest of the entry */
	u64 addr, len;
	u32 type;
} __packed;

/* [[e820__from_multiboot]]: the loader's information as an e820 table */
/*
 * Fill @table from the loader's information @mbi, whose memory map is the
 * @mmap_length bytes at @mmap (already mapped). Returns the number of
 * ranges, or -1 with a message when the information is unusable.
 * Context: boot only; no lock (it writes @table).
 */
int e820__from_multiboot(struct e820_table *table, const struct multiboot_info *mbi,
			 const void *mmap, u32 mmap_length);

#endif
