/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_HOST_PAGE_H
#define _ASM_HOST_PAGE_H

/* x86's page size, and [[PAGE_OFFSET]] in the host's kernel region */
#define __AC(X, Y)		(X##Y)
#define _AC(X, Y)		__AC(X, Y)
#define PAGE_SHIFT		12
#define PAGE_SIZE		(_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))
/* Where address 0 of the machine the host plays is in the host; 4 GiB-aligned. */
extern unsigned long host_va_base;
#define PAGE_OFFSET		(host_va_base + _AC(0xC0000000, UL))

/* [[__va]] and [[__pa]] on the host: offsets into the arena */
/* Physical address 0 of the machine the host plays, in the host's memory. */
extern char *host_phys_base;
#define __va(x)			((void *)(host_phys_base + (unsigned long)(x)))
#define __pa(x)			((unsigned long)((const char *)(x) - host_phys_base))

#endif
