/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <asm/pgtable.h>
#include <asm/processor-flags.h>

/* the multiboot header */
#define MULTIBOOT_HEADER_MAGIC	0x1BADB002
#define MULTIBOOT_PAGE_ALIGN	(1 << 0)
#define MULTIBOOT_MEMORY_INFO	(1 << 1)
#define MULTIBOOT_HEADER_FLAGS	(MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO)

	.section .multiboot.header, "a"
	.align 4
	.long MULTIBOOT_HEADER_MAGIC
	.long MULTIBOOT_HEADER_FLAGS
	.long -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)

	.section .head.text, "ax"
	.globl startup_32
startup_32:
	cli
	cld

/* build the boot page directory */
#define pa(X)		((X) - PAGE_OFFSET)
#define BOOT_PDES	4	/* 16 MiB mapped at 0 and at PAGE_OFFSET */

	movl	$pa(initial_page_table), %edi
	movl	$_KERNPG_LARGE, %edx	/* physical 0, a 4 MiB page */
	xorl	%ecx, %ecx
1:	movl	%edx, (%edi,%ecx,4)
	movl	%edx, (KERNEL_PGD_BOUNDARY * 4)(%edi,%ecx,4)
	addl	$PGDIR_SIZE, %edx
	incl	%ecx
	cmpl	$BOOT_PDES, %ecx
	jb	1b
	/* turn on paging and jump to the higher half */
	movl	%cr4, %ecx
	orl	$X86_CR4_PSE, %ecx
	movl	%ecx, %cr4
	movl	$pa(initial_page_table), %ecx
	movl	%ecx, %cr3
	movl	%cr0, %ecx
	orl	$(X86_CR0_PG | X86_CR0_WP), %ecx
	movl	%ecx, %cr0
	movl	$1f, %ecx
	jmp	*%ecx
1:
	/* set up the boot stack and call the C entry point */
	movl	$init_stack_end, %esp
	xorl	%ebp, %ebp
	pushl	%ebx			/* multiboot information, physical */
	pushl	%eax			/* multiboot magic */
	call	i386_start_kernel
2:	hlt
	jmp	2b

	/* the boot page directory and stack */
	.section .bss, "aw", @nobits
	.balign PAGE_SIZE
	.globl initial_page_table
initial_page_table:
	.fill PTRS_PER_PGD, 4, 0

	.balign THREAD_SIZE		/* aligned to its size, as every kernel stack */
	.globl init_stack
init_stack:
	.fill THREAD_SIZE, 1, 0
	.globl init_stack_end
init_stack_end:
