/* Tangled from chapters/01-reports.nw, chapters/06-interrupts.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <linux/arch.h>
#include <linux/sched/debug.h>
#include <linux/pgtable.h>
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <asm/sections.h>

unsigned int int3_count;

/* the names of the exceptions */
static const char *const exception_names[NR_EXCEPTION_VECTORS] = {
	"divide error", "debug", "NMI", "int3", "overflow", "bounds",
	"invalid opcode", "device not available", "double fault",
	"coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack segment", "general protection fault", "page fault", "spurious",
	"coprocessor error", "alignment check", "machine check",
	"SIMD coprocessor error", "virtualization exception",
	"control protection fault",
};

/* [[show_regs]]: the registers, as an oops prints them */
/* Print the saved registers of @regs and the control registers now. */
static void show_regs(const struct pt_regs *regs)
{
	printk(KERN_EMERG "EIP: %pS\n", (void *)regs->ip);
	printk(KERN_EMERG "EAX: %08lx EBX: %08lx ECX: %08lx EDX: %08lx\n",
	       regs->ax, regs->bx, regs->cx, regs->dx);
	printk(KERN_EMERG "ESI: %08lx EDI: %08lx EBP: %08lx ESP: %08lx\n",
	       regs->si, regs->di, regs->bp, kernel_stack_pointer(regs));
	printk(KERN_EMERG "DS: %04lx ES: %04lx FS: %04lx GS: %04lx SS: %04x EFLAGS: %08lx\n",
	       regs->ds & 0xffff, regs->es & 0xffff, regs->fs & 0xffff, regs->gs & 0xffff,
	       __KERNEL_DS, regs->flags);
	printk(KERN_EMERG "CR0: %08lx CR2: %08lx CR3: %08lx CR4: %08lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

/* [[page_fault_oops]]: say what the faulting access was */
/* Print the lines of a page fault: the address in CR2, the access, the entries. */
static void page_fault_oops(const struct pt_regs *regs)
{
	show_fault_oops(read_cr2(), regs->error_code);
}

/* [[frameless_caller]]: the return address a frameless function left */
/* The return address on top of the stack of @regs if it is in the code, else 0. */
static unsigned long frameless_caller(const struct pt_regs *regs)
{
	unsigned long top = *(unsigned long *)kernel_stack_pointer(regs);
	unsigned long frame_ret = regs->bp ? ((unsigned long *)regs->bp)[1] : 0;

	if (top >= (unsigned long)_text && top < (unsigned long)_etext && top != frame_ret)
		return top;
	return 0;
}

/* [[do_exception]]: count breakpoints, report everything else */
/* From entry_32.S: return after a breakpoint or an interrupt, else oops and panic.
 * Context: an exception, interrupts off; takes no lock. */
void do_exception(struct pt_regs *regs)
{
	const char *name = regs->vector < NR_EXCEPTION_VECTORS && exception_names[regs->vector]
			   ? exception_names[regs->vector] : "reserved exception";

	/* vectors beyond the exceptions */
	if (regs->vector >= NR_EXCEPTION_VECTORS) {	/* 0x20 on: the PICs' lines */
		do_IRQ(regs);
		return;
	}
	if (regs->vector == 3) {
		int3_count++;
		return;
	}
	if (regs->vector == 14)
		page_fault_oops(regs);
	printk(KERN_EMERG "%s: %04lx [#1]\n", regs->vector == 14 ? "Oops" : name,
	       regs->error_code & 0xffff);
	printk(KERN_EMERG "Trap: vector %lu (%s), error code %#lx\n", regs->vector, name,
	       regs->error_code);
	print_context();
	show_regs(regs);
	show_stack(regs->bp, frameless_caller(regs));
	printk(KERN_EMERG "---[ end trace 0000000000000000 ]---\n");
	panic("Fatal exception");
}

/* [[arch_invalid_opcode]]: the instruction of the invalid-opcode trap */
/* linux/arch.h: raise the invalid-opcode trap. Does not return. */
noinline void arch_invalid_opcode(void)
{
	__asm__ __volatile__("ud2");
	__builtin_unreachable();
}
