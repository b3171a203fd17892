/* Tangled from chapters/06-interrupts.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <asm/host.h>

/* helpers for the interrupt tests */
static struct {
	bool in_interrupt, in_irq, in_atomic, irqs_disabled;
	int count;
} seen;

static irqreturn_t record_context(int irq, void *dev)
{
	seen.in_interrupt = in_interrupt();
	seen.in_irq = in_irq();
	seen.in_atomic = in_atomic();
	seen.irqs_disabled = irqs_disabled();
	seen.count++;
	return IRQ_HANDLED;
}

/* host tests of the contexts */
Test(contexts, a_handler_runs_in_interrupt_context)
{
	unsigned long flags;

	host_boot(64ULL << 20);
	cr_assert_eq(request_irq(5, record_context, 0, "test", NULL), 0);
	cr_expect_eq(request_irq(5, record_context, 0, "again", NULL), -EBUSY);
	cr_expect(!in_interrupt() && !in_atomic() && !irqs_disabled());
	host_raise_irq(5);
	cr_expect_eq(seen.count, 1);
	cr_expect(seen.in_interrupt && seen.in_irq && seen.in_atomic && seen.irqs_disabled);
	cr_expect(!in_interrupt(), "the count goes back down");

	local_irq_save(flags);
	host_raise_irq(5);
	cr_expect_eq(seen.count, 1, "held while interrupts are off");
	local_irq_restore(flags);
	cr_expect_eq(seen.count, 2, "delivered when they are on again");
}

Test(contexts, a_spinlock_makes_the_context_atomic_but_not_an_interrupt)
{
	DEFINE_SPINLOCK(lock);
	unsigned long flags;

	host_boot(64ULL << 20);
	spin_lock(&lock);
	cr_expect(in_atomic() && !in_interrupt() && !irqs_disabled());
	spin_unlock(&lock);
	cr_expect(!in_atomic());
	spin_lock_irqsave(&lock, flags);
	cr_expect(in_atomic() && irqs_disabled());
	spin_unlock_irqrestore(&lock, flags);
	cr_expect(!in_atomic() && !irqs_disabled());
}
