/* Tangled from chapters/04-kmalloc.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <asm/segment.h>

	.text
	.balign 16
	.globl irq_entries_start
irq_entries_start:
	vector = 0x20
	.rept 16
	pushl	$0
	pushl	$vector
	jmp	common_interrupt
	.balign 16
	vector = vector + 1
	.endr

common_interrupt:
	cld
	pushl	%ds
	pushl	%es
	pushl	%fs
	pushl	%gs
	pushal
	movl	$__KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	pushl	%esp			/* struct pt_regs * */
	call	do_IRQ
	addl	$4, %esp
	popal
	popl	%gs
	popl	%fs
	popl	%es
	popl	%ds
	addl	$8, %esp
	iret
