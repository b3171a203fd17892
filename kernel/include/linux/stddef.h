/* Tangled from chapters/16-alignment.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_STDDEF_H
#define _LINUX_STDDEF_H

/* [[offsetof]] and [[sizeof_field]]: where a member is, and how big */
#ifndef offsetof
#define offsetof(type, member)	__builtin_offsetof(type, member)
#endif
/* The size of a member, without an object to take it from. */
#define sizeof_field(type, member)	sizeof(((type *)0)->member)

#endif
