/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_X86_IO_H
#define _ASM_X86_IO_H

#include <linux/types.h>

/* [[outb]] and [[inb]]: a byte to and from an I/O port */
/* Write @value to I/O port @port. Any context; the caller owns the device. */
static inline void outb(u8 value, u16 port)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(value), "Nd"(port));
}

/* Read a byte from I/O port @port. Any context; the caller owns the device. */
static inline u8 inb(u16 port)
{
	u8 value;
	__asm__ __volatile__("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

#endif
