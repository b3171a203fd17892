/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/multiboot.h>
