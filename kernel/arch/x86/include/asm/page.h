/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H

/* [[_AC]]: constants usable from C, assembly and the linker script */
#ifdef __ASSEMBLY__
#define _AC(X, Y)	X
#else
#define __AC(X, Y)	(X##Y)
#define _AC(X, Y)	__AC(X, Y)
#endif

/* page size and the kernel's base address */
#define PAGE_SHIFT		12
#define PAGE_SIZE		(_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))

#define PAGE_OFFSET		_AC(0xC0000000, UL)
#define LOAD_PHYSICAL_ADDR	_AC(0x00100000, UL)

#ifndef __ASSEMBLY__

/* [[__pa]] and [[__va]]: the direct map in one addition */
#define __pa(x)		((unsigned long)(x) - PAGE_OFFSET)
#define __va(x)		((void *)((unsigned long)(x) + PAGE_OFFSET))
#endif

#endif /* _ASM_X86_PAGE_H */
