/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#include "../../x86/mm/init.c"	/* until chapters/04-zones.nw uses mm/memory.c */
