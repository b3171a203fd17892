/* Tangled from chapters/01-reports.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_PRINTK_H
#define _LINUX_PRINTK_H

#include <linux/compiler.h>

/* log levels */
#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"	/* the system is unusable */
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_DEFAULT	""
#define KERN_CONT	KERN_SOH "c"	/* continues the previous line */

#define LOGLEVEL_DEFAULT		4	/* for messages without a level */
#define CONSOLE_LOGLEVEL_DEFAULT	7	/* debug messages stay in the buffer */

/* the [[pr_]] shorthands */
#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif
#define pr_emerg(fmt, ...)	printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...)	printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)

/* [[printk]] and [[vprintk]]: the kernel's [[printf]] */
extern int console_loglevel;	/* levels below it reach the console */

/**
 * printk - format a message, keep it in the log, print it if it matters
 * @fmt: the format, optionally after a KERN_* level
 *
 * Messages longer than 511 bytes are cut. Takes no lock, so messages
 * from two contexts at once may interleave in the log.
 *
 * Context: any context; never sleeps.
 * Return: the number of bytes kept.
 */
int __printf(1, 2) printk(const char *fmt, ...);
/* printk() with a va_list. Context: any; never sleeps. */
int vprintk(const char *fmt, __builtin_va_list args);
/* Print the log buffer to the console, oldest first. Context: any; never sleeps. */
void log_buf_dump(void);
/* Print the caller's call trace at KERN_EMERG. Context: any; never sleeps. */
void dump_stack(void);

#endif
