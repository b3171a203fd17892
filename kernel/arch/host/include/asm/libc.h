/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_HOST_LIBC_H
#define _ASM_HOST_LIBC_H

/* the kernel's functions that the C library also has, renamed */
#define memcpy		kernel_memcpy
#define memmove		kernel_memmove
#define memset		kernel_memset
#define memcmp		kernel_memcmp
#define strlen		kernel_strlen
#define strcmp		kernel_strcmp
#define strncmp		kernel_strncmp
#define strchr		kernel_strchr
#define strlcpy		kernel_strlcpy
#define vsnprintf	kernel_vsnprintf
#define snprintf	kernel_snprintf

#endif
