/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

/* the command line's size, and the banner */
#define COMMAND_LINE_SIZE	2048

extern const char kernel_banner[];

/* the three steps of booting */
/* The portable kernel's entry point, called by the machine's boot code. Boot only; does not return. */
void start_kernel(void);
/*
 * The machine's part of booting: the memory map, memblock, the split into
 * lowmem and highmem, the page tables; points @cmdline_p at the command line.
 * Panics when the loader's information is unusable. Boot only, once.
 */
void setup_arch(char **cmdline_p);
/* The memory manager's part of booting, after setup_arch(). Boot only. */
void mm_core_init(void);

#endif
