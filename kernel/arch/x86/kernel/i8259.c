/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <asm/io.h>
#include <asm/desc.h>
#include <asm/ptrace.h>
#include <asm/processor-flags.h>
#include <asm/i8259.h>

/* the 8259s' ports and commands */
#define PIC_MASTER_CMD		0x20
#define PIC_MASTER_IMR		0x21
#define PIC_SLAVE_CMD		0xa0
#define PIC_SLAVE_IMR		0xa1
#define FIRST_EXTERNAL_VECTOR	0x20
#define PIC_CASCADE_IR		2
#define PIC_EOI			0x20
#define PIC_READ_IRR		0x0a
#define PIC_READ_ISR		0x0b

const char arch_irq_chip_name[] = "XT-PIC";

/* [[cached_irq_mask]]: the lines that are masked */
/* A set bit masks its line; changed only with interrupts off or at boot. */
static u16 cached_irq_mask = 0xffff & ~(1u << PIC_CASCADE_IR);

/* Write cached_irq_mask to both controllers. */
static void write_masks(void)
{
	outb((u8)cached_irq_mask, PIC_MASTER_IMR);
	outb((u8)(cached_irq_mask >> 8), PIC_SLAVE_IMR);
}

/* Unmask line @irq. Context: process context, at boot (request_irq). */
void arch_enable_irq(unsigned int irq)
{
	cached_irq_mask &= (u16)~(1u << irq);
	write_masks();
}

/* [[init_IRQ]]: move the lines to vectors 32-47 and fill their gates */
extern const char irq_entries_start[];

/* Program both controllers, all lines masked, and point vectors 32-47 at the
 * entry stubs. Context: boot only, interrupts off. */
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

/* [[pic_eois]]: the acknowledgements of a line */
/**
 * pic_eois - the end-of-interrupt commands line @irq needs.
 * @in_service: whether the line's in-service bit is set (read for 7 and 15).
 *
 * Context: any.
 * Return: PIC_EOI_MASTER, PIC_EOI_SLAVE, both, or 0 (a spurious 7).
 */
unsigned int pic_eois(unsigned int irq, bool in_service)
{
	if (irq < 8)
		return irq == 7 && !in_service ? 0 : PIC_EOI_MASTER;
	if (irq == 15 && !in_service)
		return PIC_EOI_MASTER;		/* for the cascade line only */
	return PIC_EOI_SLAVE | PIC_EOI_MASTER;
}

/* [[pic_in_service]]: read a line's in-service bit */
/* Is line @irq in service on its controller? Context: interrupts off. */
static bool pic_in_service(unsigned int irq)
{
	u16 cmd = irq < 8 ? PIC_MASTER_CMD : PIC_SLAVE_CMD;
	bool set;

	outb(PIC_READ_ISR, cmd);
	set = inb(cmd) & (1u << (irq & 7));
	outb(PIC_READ_IRR, cmd);		/* back to what the port reads */
	return set;
}

/* [[do_IRQ]]: acknowledge a line and run its handler */
/* The entry of every external interrupt: acknowledge it, then run its
 * handler unless it was spurious. Context: interrupt gate, interrupts off. */
void do_IRQ(struct pt_regs *regs)
{
	unsigned int irq = regs->vector - FIRST_EXTERNAL_VECTOR;
	bool real = (irq & 7) != 7 || pic_in_service(irq);
	unsigned int eois = pic_eois(irq, real);

	if (eois & PIC_EOI_SLAVE)
		outb(PIC_EOI, PIC_SLAVE_CMD);
	if (eois & PIC_EOI_MASTER)
		outb(PIC_EOI, PIC_MASTER_CMD);
	if (real)
		handle_irq(irq, regs->flags & X86_EFLAGS_IF);
}
