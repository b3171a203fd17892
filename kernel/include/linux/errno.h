/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

/* the error numbers this kernel returns */
#define EINTR		4
#define ENOMEM		12
#define EBUSY		16
#define EINVAL		22
#define ERANGE		34
#define ETIMEDOUT	110

#endif
