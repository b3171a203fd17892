/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/selftest.h>
#include <asm/i8259.h>

/* self-tests of the interrupt controller */
SELFTEST(pic_acknowledges_each_line_and_a_spurious_one_as_its_cascade_needs)
{
	EXPECT_EQ(t, pic_eois(0, true), PIC_EOI_MASTER);
	EXPECT_EQ(t, pic_eois(7, true), PIC_EOI_MASTER);
	EXPECT_EQ(t, pic_eois(7, false), 0);
	EXPECT_EQ(t, pic_eois(8, true), PIC_EOI_SLAVE | PIC_EOI_MASTER);
	EXPECT_EQ(t, pic_eois(15, true), PIC_EOI_SLAVE | PIC_EOI_MASTER);
	EXPECT_EQ(t, pic_eois(15, false), PIC_EOI_MASTER);
}
