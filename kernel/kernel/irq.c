/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/shell.h>

static struct irq_desc {
	irq_handler_t handler;
	void *dev;
	const char *name;
	unsigned long count;
} irq_desc[NR_IRQS];

int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev)
{
	if (irq >= NR_IRQS || !handler)
		return -EINVAL;
	if (irq_desc[irq].handler)
		return -EBUSY;
	irq_desc[irq] = (struct irq_desc){ handler, dev, name, 0 };
	arch_enable_irq(irq);
	return 0;
}

void handle_irq(unsigned int irq, bool interrupted_irqs_on)
{
	struct irq_desc *desc = &irq_desc[irq];

	irq_enter();
	desc->count++;
	if (desc->handler)
		desc->handler((int)irq, desc->dev);
	else
		printk(KERN_WARNING "irq %u: nobody cared\n", irq);
	irq_exit();
	if (interrupted_irqs_on && preempt_count() == 0 && need_resched())
		preempt_schedule_irq();
}
void show_interrupts(struct seq_file *m)
{
	seq_printf(m, "           CPU0\n");
	for (unsigned int irq = 0; irq < NR_IRQS; irq++)
		if (irq_desc[irq].handler)
			seq_printf(m, "%3u: %10lu %8s  %s\n", irq, irq_desc[irq].count,
				   arch_irq_chip_name, irq_desc[irq].name);
}

static int cmd_interrupts(struct seq_file *m, int argc, char **argv)
{
	show_interrupts(m);
	return 0;
}
DEFINE_CONSOLE_COMMAND(interrupts, "", "interrupts on each line (/proc/interrupts)",
		       cmd_interrupts);
