/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#define _GNU_SOURCE
#include <execinfo.h>
#include <dlfcn.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/host.h>

const char arch_name[] = "host";
bool host_console_echo;

/* the host console: a buffer */
static char *out_buf;
static size_t out_len, out_cap;
static const char *in_text;

/* [[arch_console_write]] on the host: append to a growing buffer */
/* linux/arch.h: append @len bytes to the buffer (and stdout if echoing); aborts when out of memory. */
void arch_console_write(const char *s, size_t len)
{
	if (out_len + len + 1 > out_cap) {
		out_cap = (out_len + len + 1) * 2;
		out_buf = realloc(out_buf, out_cap);
		if (!out_buf)
			abort();
	}
	memcpy(out_buf + out_len, s, len);
	out_len += len;
	out_buf[out_len] = '\0';
	if (host_console_echo)
		fwrite(s, 1, len, stdout);
}

/* the host console's buffer read back, and its input */
const char *host_console_output(void) { return out_buf ? out_buf : ""; }
void host_console_reset(void) { out_len = 0; if (out_buf) out_buf[0] = '\0'; }
void host_console_set_input(const char *text) { in_text = text; }

int arch_console_getc(void)
{
	if (!in_text || !*in_text)
		return -1;
	return (unsigned char)*in_text++;
}

/* The host's input is all there from the start: polling is reading. */
int arch_console_poll(void) { return arch_console_getc(); }

/* leaving the host machine */
static jmp_buf *exit_jump;
static int exit_status;

/* [[machine_exit]] on the host: back to [[host_run]], or out of the program */
/* linux/arch.h: leave the machine with @status. Never returns. */
void machine_exit(enum machine_exit_status status)
{
	fflush(stdout);
	if (exit_jump) {
		exit_status = (int)status;
		longjmp(*exit_jump, 1);
	}
	exit((int)status);
}

/* [[host_run]]: catch the kernel's leaving */
/* asm/host.h: run @fn; the exit status it left with, or -1 if it returned. Not nested. */
int host_run(void (*fn)(void))
{
	jmp_buf here;

	exit_jump = &here;
	if (setjmp(here) == 0) {
		fn();
		exit_jump = NULL;
		return -1;
	}
	exit_jump = NULL;
	return exit_status;
}

/* call traces and symbols from the C library */
/* [[arch_stack_walk]] on the host: [[backtrace]] */
/* linux/arch.h: at most 62 frames; @frame is ignored (the host cannot start elsewhere). */
void arch_stack_walk(bool (*fn)(void *, unsigned long), void *cookie, unsigned long frame)
{
	void *addrs[64];
	int n = backtrace(addrs, 64);

	(void)frame;
	for (int i = 2; i < n; i++)
		if (!fn(cookie, (unsigned long)addrs[i]))
			break;
}

/* [[arch_kallsyms_lookup]] on the host: the dynamic linker's [[dladdr]] */
/* linux/arch.h: the exported function holding @addr, or NULL; *@size is always 0. Any context. */
const char *arch_kallsyms_lookup(unsigned long addr, unsigned long *size,
				 unsigned long *offset)
{
	Dl_info info;

	if (!dladdr((void *)addr, &info) || !info.dli_sname || !info.dli_saddr)
		return NULL;
	*offset = addr - (unsigned long)info.dli_saddr;
	*size = 0;			/* the dynamic symbol table keeps no sizes */
	return info.dli_sname;
}

/* an invalid instruction: the compiler's trap */
/* linux/arch.h: stop the test program with SIGILL. Does not return. */
void arch_invalid_opcode(void)
{
	__builtin_trap();
}
