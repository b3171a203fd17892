/* Tangled from chapters/00-machine.nw, chapters/01-reports.nw by tangle/tangle.c; edit the chapters, not this file. */
#ifndef _LINUX_ARCH_H
#define _LINUX_ARCH_H

#include <linux/types.h>
#include <linux/compiler.h>

/* how the machine is left: exit statuses and [[machine_exit]] */
enum machine_exit_status {
	EXIT_OK = 0,		/* halt, or every self-test passed */
	EXIT_TESTS_FAILED = 1,	/* a self-test failed */
	EXIT_PANIC = 2,		/* the kernel panicked */
};
/* Leave the machine with @status. Never returns. */
void __noreturn machine_exit(enum machine_exit_status status);

/* the console: a byte stream out and in */
/* Write @len bytes to the console. Any context; never sleeps; takes no lock. */
void arch_console_write(const char *s, size_t len);
/*
 * Wait for and return the next byte typed on the console, or -1 at its end.
 * Process context (it busy-waits); one reader, the shell, so no lock.
 */
int arch_console_getc(void);
/* The next byte typed if one is waiting, else -1; never waits. Process context. */
int arch_console_poll(void);

/* [[arch_stack_walk]]: the return addresses on the stack */
/*
 * Call @fn for each return address on the current stack, innermost first,
 * starting above the caller of arch_stack_walk() or, if @frame is not 0, at
 * the frame @frame; stop when @fn returns false. Any context; takes no lock.
 */
void arch_stack_walk(bool (*fn)(void *cookie, unsigned long addr), void *cookie,
		     unsigned long frame);
/* The name of the machine, for the boot banner. */
extern const char arch_name[];

/* what the reports need from the machine */
/* Look up @addr in the machine's own symbol tables (the host's); NULL if none. */
const char *arch_kallsyms_lookup(unsigned long addr, unsigned long *size,
				 unsigned long *offset);
/* Execute an undefined instruction: the CPU's invalid-opcode trap. Any context; does not return. */
void arch_invalid_opcode(void);

#endif
