/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
	.text
	.balign 16
	.globl irq_entries_start
irq_entries_start:
	vector = 0x20
	.rept 16
	pushl	$0
	pushl	$vector
	jmp	common_exception
	.balign 16
	vector = vector + 1
	.endr
