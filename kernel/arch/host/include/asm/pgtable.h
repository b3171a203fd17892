/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_HOST_PGTABLE_H
#define _ASM_HOST_PGTABLE_H

#include <asm/page.h>
#include <asm-generic/pgtable-2level.h>

#define FIXADDR_TOP		(host_va_base + _AC(0xFFFFF000, UL))
#include <asm-generic/pgtable_32_areas.h>

#endif /* _ASM_HOST_PGTABLE_H */
