/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _ASM_X86_SECTIONS_H
#define _ASM_X86_SECTIONS_H

extern char _text[], _etext[], _sdata[], _edata[], __bss_start[], __bss_stop[], _end[];

#endif
