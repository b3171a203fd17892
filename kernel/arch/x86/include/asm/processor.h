/* Tangled from chapters/01-reports.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

#include <asm/pgtable.h>
#include <asm/segment.h>
#include <asm/desc.h>

/* [[read_cr0]] to [[read_cr4]]: a control register in one instruction */
/* Return the value of CRn. Any context; ring 0. */
#define DEFINE_READ_CR(n)						\
	static inline unsigned long read_cr##n(void)			\
	{								\
		unsigned long v;					\
		__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));	\
		return v;						\
	}
DEFINE_READ_CR(0)
DEFINE_READ_CR(2)
DEFINE_READ_CR(3)
DEFINE_READ_CR(4)

/* [[write_cr3]] and [[native_halt]]: a new page directory, and the end */
/* Load the page directory at physical @v. Any context; flushes the TLB but its global entries. */
static inline void write_cr3(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr3" : : "r"(v) : "memory");
}

/* Set CR4 to @v. Any context; changing PGE flushes the whole TLB. */
static inline void write_cr4(unsigned long v)
{
	__asm__ __volatile__("mov %0, %%cr4" : : "r"(v) : "memory");
}

/* Disable interrupts and halt the CPU. Any context. */
static inline void native_halt(void)
{
	__asm__ __volatile__("cli; hlt");
}

#endif
