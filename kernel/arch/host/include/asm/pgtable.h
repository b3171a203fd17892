/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_HOST_PGTABLE_H
#define _ASM_HOST_PGTABLE_H

#include <asm/page.h>

#define PMD_SIZE		(_AC(1, UL) << 22)	/* x86-32's, without PAE */
#define PMD_MASK		(~(PMD_SIZE - 1))

#include <asm-generic/pgtable_32_areas.h>

#endif /* _ASM_HOST_PGTABLE_H */
