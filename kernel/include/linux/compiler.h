/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

/* hints to the optimizer: [[likely]], [[unlikely]] and [[barrier]] */
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define barrier()	__asm__ __volatile__("" ::: "memory")
/* exactly one load or store of @x: not kept in a register, not repeated */
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	(*(volatile __typeof__(x) *)&(x) = (val))

/* where an object goes and how it is laid out */
#define __used		__attribute__((__used__))
#define __section(s)	__attribute__((__section__(s)))
#define __aligned(n)	__attribute__((__aligned__(n)))
#define __packed	__attribute__((__packed__))

/* what the compiler may assume of a function */
#define __noreturn	__attribute__((__noreturn__))
#define __printf(a, b)	__attribute__((__format__(printf, a, b)))
#define noinline	__attribute__((__noinline__))
#ifndef __always_inline			/* the host's C library has its own */
#define __always_inline	inline __attribute__((__always_inline__))
#endif
#define __weak		__attribute__((__weak__))

/* The address this function will return to: the caller's place. */
#define _RET_IP_	((unsigned long)__builtin_return_address(0))

#endif
