/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_X86_DESC_H
#define _ASM_X86_DESC_H

/* [[exception_entries]]: the stubs as an array of 16-byte entries */
#define NR_EXCEPTION_VECTORS	32
#define EXCEPTION_STUB_SIZE	16

extern const char exception_entries_start[];
#define exception_entries						\
	((const char (*)[EXCEPTION_STUB_SIZE])exception_entries_start)

/* setting up the tables, and the C that the entry paths call */
/* Load the GDT and the IDT. Boot only, once, interrupts off. */
void trap_init(void);
/* Point vector @n at @handler, through an interrupt gate. Boot; no lock. */
void set_intr_gate(unsigned int n, const void *handler);
struct pt_regs;
/* A device's interrupt, from the common entry path (chapters/06-interrupts.nw). */
void do_IRQ(struct pt_regs *regs);

#endif
