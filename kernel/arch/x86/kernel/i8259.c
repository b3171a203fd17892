/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <asm/io.h>
#include <asm/desc.h>
#include <asm/ptrace.h>
#include <asm/processor-flags.h>

#define PIC_MASTER_CMD		0x20
#define PIC_MASTER_IMR		0x21
#define PIC_SLAVE_CMD		0xa0
#define PIC_SLAVE_IMR		0xa1
#define FIRST_EXTERNAL_VECTOR	0x20
#define PIC_CASCADE_IR		2
#define PIC_EOI			0x20
#define PIC_READ_ISR		0x0b

const char arch_irq_chip_name[] = "XT-PIC";
static u16 cached_irq_mask = 0xffff & ~(1u << PIC_CASCADE_IR);

static void write_masks(void)
{
	outb((u8)cached_irq_mask, PIC_MASTER_IMR);
	outb((u8)(cached_irq_mask >> 8), PIC_SLAVE_IMR);
}

void arch_enable_irq(unsigned int irq)
{
	cached_irq_mask &= (u16)~(1u << irq);
	write_masks();
}

extern const char irq_entries_start[];

void init_IRQ(void)
{
	outb(0x11, PIC_MASTER_CMD);			/* ICW1 */
	outb(FIRST_EXTERNAL_VECTOR, PIC_MASTER_IMR);	/* ICW2: lines 0-7 at 0x20 */
	outb(1u << PIC_CASCADE_IR, PIC_MASTER_IMR);	/* ICW3: the slave on line 2 */
	outb(0x01, PIC_MASTER_IMR);			/* ICW4: 8086 mode */
	outb(0x11, PIC_SLAVE_CMD);
	outb(FIRST_EXTERNAL_VECTOR + 8, PIC_SLAVE_IMR);	/* lines 8-15 at 0x28 */
	outb(PIC_CASCADE_IR, PIC_SLAVE_IMR);
	outb(0x01, PIC_SLAVE_IMR);
	write_masks();
	for (unsigned int irq = 0; irq < NR_IRQS; irq++)
		set_intr_gate(FIRST_EXTERNAL_VECTOR + irq,
			      irq_entries_start + irq * EXCEPTION_STUB_SIZE);
}

void do_IRQ(struct pt_regs *regs)
{
	unsigned int irq = regs->vector - FIRST_EXTERNAL_VECTOR;

	if (irq == 7) {
		outb(PIC_READ_ISR, PIC_MASTER_CMD);
		if (!(inb(PIC_MASTER_CMD) & 0x80))
			return;				/* spurious */
	}
	if (irq >= 8)
		outb(PIC_EOI, PIC_SLAVE_CMD);
	outb(PIC_EOI, PIC_MASTER_CMD);
	handle_irq(irq, regs->flags & X86_EFLAGS_IF);
}
