/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_X86_PTRACE_H
#define _ASM_X86_PTRACE_H

/* [[pt_regs]]: the state the entry path saved, lowest address first */
struct pt_regs {
	unsigned long di, si, bp, sp_at_pusha, bx, dx, cx, ax;	/* pushal */
	unsigned long gs, fs, es, ds;
	unsigned long vector, error_code;
	unsigned long ip, cs, flags;				/* pushed by the CPU */
};

/* [[kernel_stack_pointer]]: where the stack was when the exception came */
/* The stack pointer before the exception: the CPU pushed no SS:ESP in ring 0. */
#define kernel_stack_pointer(regs)	((unsigned long)&(regs)->flags + sizeof(long))

#endif
