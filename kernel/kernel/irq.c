/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/interrupt.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/shell.h>

/* [[irq_desc]]: a handler, a name and a count for each line */
static struct irq_desc {
	irq_handler_t handler;		/* NULL: nobody asked for the line */
	void *dev;			/* the handler's argument */
	const char *name;		/* for show_interrupts */
	unsigned long count;		/* interrupts so far; written by handle_irq */
} irq_desc[NR_IRQS];

/* [[request_irq]]: give a line its handler */
/**
 * request_irq - call @handler(@irq, @dev) for each interrupt on line @irq.
 * @irq: the line, 0 to NR_IRQS - 1.
 * @handler: runs in interrupt context, with interrupts off; must not sleep.
 * @flags: Linux's IRQF_ flags; none is used here.
 * @name: the line's name in /proc/interrupts.
 * @dev: passed to @handler.
 *
 * Unmasks the line.
 * Context: process context, at boot; two callers racing for one line are not
 * detected.
 * Return: 0, -EINVAL for a bad line or no handler, -EBUSY if the line has one.
 */
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

/* [[handle_irq]]: run a line's handler in interrupt context */
/**
 * handle_irq - run line @irq's handler, counting it, then preempt if asked.
 * @interrupted_irqs_on: whether the interrupted code had interrupts on.
 *
 * Context: the machine's interrupt entry only, with interrupts off.
 */
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

/* [[show_interrupts]]: the counts, as [[/proc/interrupts]] shows them */
/* Print /proc/interrupts to @m: the lines that have a handler. Any context. */
void show_interrupts(struct seq_file *m)
{
	seq_printf(m, "           CPU0\n");
	for (unsigned int irq = 0; irq < NR_IRQS; irq++)
		if (irq_desc[irq].handler)
			seq_printf(m, "%3u: %10lu %8s  %s\n", irq, irq_desc[irq].count,
				   arch_irq_chip_name, irq_desc[irq].name);
}

/* The console's interrupts: show_interrupts(). */
static int cmd_interrupts(struct seq_file *m, int argc, char **argv)
{
	show_interrupts(m);
	return 0;
}
DEFINE_CONSOLE_COMMAND(interrupts, "", "interrupts on each line (/proc/interrupts)",
		       cmd_interrupts);
