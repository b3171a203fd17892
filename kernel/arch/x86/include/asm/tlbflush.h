/* Tangled from chapters/11-page-tables.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_X86_TLBFLUSH_H
#define _ASM_X86_TLBFLUSH_H

#include <linux/irqflags.h>
#include <asm/processor.h>
#include <asm/processor-flags.h>

/* Drop the TLB's translation of the page at @addr, global or not. Any context. */
static inline void __flush_tlb_one_kernel(unsigned long addr)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(addr) : "memory");
}

/* Drop every translation, global ones too: CR4.PGE off and on. Any context. */
static inline void __flush_tlb_all(void)
{
	unsigned long flags, cr4;

	local_irq_save(flags);
	cr4 = read_cr4();
	write_cr4(cr4 ^ X86_CR4_PGE);
	write_cr4(cr4);
	local_irq_restore(flags);
}

#endif /* _ASM_X86_TLBFLUSH_H */
