/* Tangled from chapters/01-reports.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H

#include <linux/types.h>

/* [[kallsyms_lookup]]: the function around an address */
#define KSYM_NAME_LEN		64
#define KSYM_SYMBOL_LEN		(KSYM_NAME_LEN + 32)	/* "name+0xoff/0xsize" */

/**
 * kallsyms_lookup - find the function that contains an address
 * @addr: a code address
 * @size: set to the function's size
 * @offset: set to @addr's offset in the function
 *
 * Context: any context; never sleeps, takes no lock (the table is read-only).
 * Return: the function's name, or NULL when @addr is in no known function.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset);

/* the symbol as text, and the address of a name */
/* Write "name+0xoff/0xsize" ("name" without the offset), or the bare address
 * outside any function, into @buf of KSYM_SYMBOL_LEN bytes; return its length. */
int sprint_symbol(char *buf, unsigned long addr);
int sprint_symbol_no_offset(char *buf, unsigned long addr);
/* The address of the function called @name, or 0 when there is none. Any context. */
unsigned long kallsyms_lookup_name(const char *name);

#endif
