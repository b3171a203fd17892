/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
	.text
	/* sixteen stubs from [[irq_entries_start]], one a line, 16 bytes apart */
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
