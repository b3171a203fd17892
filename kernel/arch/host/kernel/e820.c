/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#include "../../x86/kernel/e820.c"	/* until chapters/03-pages.nw uses lib/e820.c */
