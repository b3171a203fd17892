/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/jiffies.h>
#include <asm/io.h>

/* the PIT's input clock and its ports */
#define PIT_TICK_RATE	1193182
#define PIT_MODE	0x43
#define PIT_CH0		0x40

/* [[arch_timer_init]]: program the PIT's channel 0 */
/* Make the PIT raise IRQ 0 @hz times a second. Context: boot only. */
void arch_timer_init(unsigned int hz)
{
	unsigned int latch = (PIT_TICK_RATE + hz / 2) / hz;

	outb(0x34, PIT_MODE);		/* channel 0, low then high byte, mode 2 */
	outb(latch & 0xff, PIT_CH0);
	outb(latch >> 8, PIT_CH0);
}
