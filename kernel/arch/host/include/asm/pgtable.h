/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#include "../../../x86/include/asm/pgtable.h"
