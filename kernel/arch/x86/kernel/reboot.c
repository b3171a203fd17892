/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/arch.h>
#include <asm/io.h>
#include <asm/processor.h>

/* [[machine_exit]] on x86: a byte to QEMU's exit device, then halt */
#define QEMU_DEBUG_EXIT_PORT	0xf4
#define QEMU_EXIT_BASE		0x10

/* linux/arch.h: leave with @status. Any context; never returns. */
void machine_exit(enum machine_exit_status status)
{
	outb(QEMU_EXIT_BASE | status, QEMU_DEBUG_EXIT_PORT);
	for (;;)
		native_halt();
}

/* [[arch_kallsyms_lookup]] on x86: no table but the kernel's */
/* linux/arch.h: always NULL on x86. Any context. */
const char *arch_kallsyms_lookup(unsigned long addr, unsigned long *size,
				 unsigned long *offset)
{
	(void)addr, (void)size, (void)offset;
	return NULL;		/* the kernel's own table is all there is */
}
