/* Tangled from chapters/07-threads.nw by tangle/tangle.c; edit the chapter, not this file. */
	.text

/* [[__switch_to_asm]]: the switch, for x86-32 */
/* void __switch_to_asm(unsigned long *prev_sp, unsigned long next_sp)
 * Save the current stack pointer in *prev_sp, run on next_sp. Interrupts off. */
	.globl __switch_to_asm
__switch_to_asm:
	movl	4(%esp), %eax
	movl	8(%esp), %edx
	/* save the callee-saved registers, swap stacks, restore the other's */
	pushl	%ebp
	pushl	%ebx
	pushl	%esi
	pushl	%edi
	movl	%esp, (%eax)
	movl	%edx, %esp
	popl	%edi
	popl	%esi
	popl	%ebx
	popl	%ebp
	ret
