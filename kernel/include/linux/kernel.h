/* Tangled from chapters/00-machine.nw, chapters/01-reports.nw, chapters/02-memory-map.nw by tangle/tangle.c; edit the chapters, not this file. */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <stdarg.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/printk.h>
#include <linux/bug.h>

/* [[ARRAY_SIZE]]: the count of an array, and never of a pointer */
#define __must_be_array(a) \
	(0 * sizeof(char[1 - 2 * __builtin_types_compatible_p(__typeof__(a), __typeof__(&(a)[0]))]))
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]) + __must_be_array(a))

/* [[min]], [[max]], [[clamp]] and the sizes */
#define min(a, b)	({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a < _b ? _a : _b; })
#define max(a, b)	({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })
#define clamp(v, lo, hi)	min(max(v, lo), hi)
#define SZ_1K		0x00000400
#define SZ_1M		0x00100000

/* [[container_of]]: the structure around a member */
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/* formatting into a buffer: [[vsnprintf]] and its family */
/**
 * vsnprintf - format into @buf of @size bytes, always terminated; cut what does not fit
 * Context: any; no lock. Return: the length the whole text would have had
 * (vscnprintf, scnprintf: the length written). snprintf, scnprintf take "...".
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int __printf(3, 4) snprintf(char *buf, size_t size, const char *fmt, ...);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
int __printf(3, 4) scnprintf(char *buf, size_t size, const char *fmt, ...);

/* parsing a number: [[simple_strtoul]] */
/**
 * simple_strtoul - parse the number at @cp in @base (0: from its prefix); set
 * *@endp, if not NULL, after it. Any context. Return: the number, or 0 if none.
 */
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);

/* The value of the hex digit @ch (either case), or -1 if it is none. Any context. */
static inline int hex_to_bin(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}
/**
 * kstrtoul - all of @s (a '+' and a trailing newline aside) as a number in @base
 * (0: from its prefix) into *@res, set only on success. Context: any.
 * Return: 0; -EINVAL if @s is not a number; -ERANGE if it does not fit.
 */
int kstrtoul(const char *s, unsigned int base, unsigned long *res);

#endif
