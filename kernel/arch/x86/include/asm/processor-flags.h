/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_X86_PROCESSOR_FLAGS_H
#define _ASM_X86_PROCESSOR_FLAGS_H

/* the bits of the control registers and of [[EFLAGS]] */
#define X86_CR0_PE	0x00000001	/* protection enable */
#define X86_CR0_WP	0x00010000	/* write protect, also for the kernel */
#define X86_CR0_PG	0x80000000	/* paging */
#define X86_CR4_PSE	0x00000010	/* 4 MiB pages */
#define X86_CR4_PGE	0x00000080	/* global pages survive a CR3 load */
#define X86_EFLAGS_IF	0x00000200	/* interrupts enabled */

/* [[THREAD_SIZE]]: the size of every kernel stack */
#define THREAD_SIZE	8192		/* the boot stack, and every kernel stack */

#endif
