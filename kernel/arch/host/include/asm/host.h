/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_HOST_HOST_H
#define _ASM_HOST_HOST_H

#include <setjmp.h>
#include <linux/arch.h>

/* the host's console: what it printed, and what it will read */
/* Everything the console printed since the last host_console_reset(). */
const char *host_console_output(void);
void host_console_reset(void);
/* Give the console @text to read; its end is the end of the console. */
void host_console_set_input(const char *text);
/* Also copy console output to stdout (for a person watching). */
extern bool host_console_echo;

/* [[host_run]]: run the kernel until it leaves the machine */
/*
 * Run @fn as the machine would: if the kernel leaves the machine (halt,
 * panic, a BUG), machine_exit() comes back here. Returns the exit status,
 * or -1 if @fn returned without leaving the machine.
 */
int host_run(void (*fn)(void));

/* the host's loader, its memory and its boot */
/* The memory size the host loader reports, in bytes (default 2 GiB). */
extern unsigned long long host_mem_bytes;
/* Map the arena that stands for physical memory, up to max_pfn. */
void host_map_physical_memory(void);
/* Write the multiboot memory map QEMU writes for @bytes of RAM; returns its length. */
unsigned int host_multiboot_mmap(void *buf, unsigned int size, unsigned long long bytes);
/* A test's own memory map, used instead of QEMU's when not NULL: @len bytes of entries. */
extern const void *host_custom_mmap;
extern unsigned int host_custom_mmap_len;
/* Boot the memory manager on the host: setup_arch() and mm_core_init(), quietly. */
void host_boot(unsigned long long bytes);

#endif
