/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
/* On x86 the kernel is the only C library: nothing to rename. */
