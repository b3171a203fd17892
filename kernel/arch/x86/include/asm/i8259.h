/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_X86_I8259_H
#define _ASM_X86_I8259_H

#include <linux/types.h>

/* the acknowledgements a line needs */
#define PIC_EOI_MASTER	1
#define PIC_EOI_SLAVE	2

unsigned int pic_eois(unsigned int irq, bool in_service);

#endif
