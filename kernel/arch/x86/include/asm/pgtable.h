/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_X86_PGTABLE_H
#define _ASM_X86_PGTABLE_H

#include <asm/page.h>
#include <asm-generic/pgtable-2level.h>

#define FIXADDR_TOP		(_AC(0xFFFFF000, UL))
#ifndef __ASSEMBLY__
#include <asm-generic/pgtable_32_areas.h>
#endif

#endif /* _ASM_X86_PGTABLE_H */
