/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H

#include <linux/types.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>

/* what a handler is */
#define NR_IRQS		16

enum irqreturn { IRQ_NONE = 0, IRQ_HANDLED = 1 };
typedef enum irqreturn irqreturn_t;
typedef irqreturn_t (*irq_handler_t)(int irq, void *dev);

/* the driver's side: [[request_irq]] */
/* Call @handler for each interrupt on line @irq; 0, -EINVAL or -EBUSY. */
int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
		const char *name, void *dev);
struct seq_file;
void show_interrupts(struct seq_file *m);

/* the machine's side: its entry, its controller */
/* The machine's interrupt entry: run line @irq's handler, interrupts off. */
void handle_irq(unsigned int irq, bool interrupted_irqs_on);

/* The machine's part: set up the controller; unmask a line; its name. */
void init_IRQ(void);
void arch_enable_irq(unsigned int irq);
extern const char arch_irq_chip_name[];

#endif
