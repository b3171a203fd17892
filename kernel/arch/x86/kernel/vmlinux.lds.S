/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <asm/page.h>

/* a 32-bit x86 ELF file, entered at a physical address */
OUTPUT_FORMAT("elf32-i386")
OUTPUT_ARCH(i386)
ENTRY(startup_32_phys)
startup_32_phys = startup_32 - PAGE_OFFSET;

SECTIONS
{
	. = PAGE_OFFSET + LOAD_PHYSICAL_ADDR;
	/* the text section, with the multiboot header first */
	_text = .;
	.text : AT(ADDR(.text) - PAGE_OFFSET) {
		KEEP(*(.multiboot.header))
		*(.head.text)
		*(.text .text.*)
	}
	_etext = .;
	/* the read-only data, with the tables that chapters add to */
	. = ALIGN(PAGE_SIZE);
	.rodata : AT(ADDR(.rodata) - PAGE_OFFSET) {
		*(.rodata .rodata.*)
		. = ALIGN(8);
		__start_console_cmds = .;
		KEEP(*(console_cmds))
		__stop_console_cmds = .;
		. = ALIGN(8);
		__start_selftests = .;
		KEEP(*(selftests))
		__stop_selftests = .;
		*(.kallsyms)
	}
	/* the data and the zero-filled data */
	. = ALIGN(PAGE_SIZE);
	_sdata = .;
	.data : AT(ADDR(.data) - PAGE_OFFSET) {
		*(.data .data.*)
	}
	_edata = .;
	. = ALIGN(PAGE_SIZE);
	__bss_start = .;
	.bss : AT(ADDR(.bss) - PAGE_OFFSET) {
		*(.bss .bss.*)
		*(COMMON)
	}
	__bss_stop = .;
	. = ALIGN(PAGE_SIZE);
	_end = .;
	/* the sections nothing loads, thrown away */
	/DISCARD/ : { *(.note.gnu.property) *(.comment) *(.eh_frame) *(.note.GNU-stack) }
}
