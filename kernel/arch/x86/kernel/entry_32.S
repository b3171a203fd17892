/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <asm/segment.h>

	.text

/* a stub for each exception vector, 16 bytes apart */
#define ERROR_CODE_VECTORS	0x60227D00

	.balign 16
	.globl exception_entries_start
exception_entries_start:
	vector = 0
	.rept 32
	.if ((ERROR_CODE_VECTORS >> vector) & 1) == 0
	pushl	$0			/* no error code: push one */
	.endif
	pushl	$vector
	jmp	common_exception
	.balign 16
	vector = vector + 1
	.endr

	/* save the registers, call [[do_exception]] and return */
	.globl common_exception		/* so do the interrupts' stubs (chapters/06-interrupts.nw) */
common_exception:
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
	call	do_exception
	addl	$4, %esp
	popal
	popl	%gs
	popl	%fs
	popl	%es
	popl	%ds
	addl	$8, %esp		/* the vector and the error code */
	iret
