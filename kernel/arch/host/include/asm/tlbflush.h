/* Tangled from chapters/11-page-tables.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_HOST_TLBFLUSH_H
#define _ASM_HOST_TLBFLUSH_H

/* The host's TLB is its mappings: these map addresses back to no access. */
void __flush_tlb_one_kernel(unsigned long addr);
void __flush_tlb_all(void);

#endif /* _ASM_HOST_TLBFLUSH_H */
