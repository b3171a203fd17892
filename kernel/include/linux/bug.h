/* Tangled from chapters/01-reports.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>

/* [[panic]]: the last report */
/**
 * panic - stop the kernel with a message
 * @fmt: what went wrong
 *
 * Prints the message and leaves the machine with EXIT_PANIC.
 * Context: any context. Does not return.
 */
void __noreturn panic(const char *fmt, ...) __printf(1, 2);

/* [[__bug]] and [[__warn]]: the reports behind the macros */
/* The report of BUG(): "kernel BUG at FILE:LINE!", the trace, then panic. Any context. */
void __noreturn __bug(const char *file, int line, const char *func);
/* The report of WARN(): the message, the trace; taints and returns. Any context. */
void __warn(const char *file, int line, const char *func, const char *fmt, ...)
	__printf(4, 5);
extern unsigned int warn_count;		/* WARNs so far, for the tests */

/* taints: the marks of a kernel that has seen something go wrong */
enum { TAINT_BAD_PAGE = 5, TAINT_WARN = 9, TAINT_FLAGS_COUNT = 18 };
/* Mark the kernel tainted by @flag (a TAINT_*). Any context; no lock (one CPU). */
void add_taint(unsigned int flag);

/* [[BUG]] and [[BUG_ON]]: report and stop */
#define BUG()		__bug(__FILE__, __LINE__, __func__)
#define BUG_ON(cond)	do { if (unlikely(cond)) BUG(); } while (0)

/* [[WARN]] and [[WARN_ON]]: report and carry on */
#define WARN(cond, fmt, ...) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn))					\
		__warn(__FILE__, __LINE__, __func__, fmt, ##__VA_ARGS__);	\
	unlikely(__ret_warn);						\
})
#define WARN_ON(cond)	WARN(cond, NULL)
#define WARN_ON_ONCE(cond) ({						\
	static bool __warned;						\
	int __ret_once = !!(cond);					\
	if (unlikely(__ret_once) && !__warned) {			\
		__warned = true;					\
		WARN_ON(1);						\
	}								\
	unlikely(__ret_once);						\
})

#endif
