/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <asm/segment.h>
#include <asm/desc.h>

/* the GDT: flat segments in Linux's slots */
/* [[GDT_ENTRY]]: gather a base, a limit and flags into a descriptor */
#define GDT_ENTRY(flags, base, limit)					\
	((((base) & 0xff000000ULL) << (56 - 24)) |			\
	 (((flags) & 0x0000f0ffULL) << 40) |				\
	 (((limit) & 0x000f0000ULL) << (48 - 16)) |			\
	 (((base) & 0x00ffffffULL) << 16) |				\
	 (((limit) & 0x0000ffffULL)))

static u64 gdt_table[GDT_ENTRIES] __aligned(8) = {
	[GDT_ENTRY_KERNEL_CS]		= GDT_ENTRY(0xc09a, 0, 0xfffff),
	[GDT_ENTRY_KERNEL_DS]		= GDT_ENTRY(0xc092, 0, 0xfffff),
	[GDT_ENTRY_DEFAULT_USER_CS]	= GDT_ENTRY(0xc0fa, 0, 0xfffff),
	[GDT_ENTRY_DEFAULT_USER_DS]	= GDT_ENTRY(0xc0f2, 0, 0xfffff),
};

/* the IDT: a gate for each exception */
/* [[gate_desc]]: an entry of the IDT */
struct gate_desc {
	u16 offset_low;
	u16 segment;
	u8 zero;
	u8 type_attr;		/* present, privilege 0, 32-bit interrupt gate: 0x8E */
	u16 offset_high;
} __packed;

static struct gate_desc idt_table[256] __aligned(8);

/**
 * set_intr_gate - point vector @n at @handler, through an interrupt gate
 *
 * Takes effect at the next interrupt on @n (the table is already loaded
 * after trap_init()). Context: boot, before interrupts are on; no lock.
 */
void set_intr_gate(unsigned int n, const void *handler)
{
	unsigned long addr = (unsigned long)handler;

	idt_table[n] = (struct gate_desc){
		.offset_low = addr & 0xffff, .segment = __KERNEL_CS,
		.type_attr = 0x8E, .offset_high = addr >> 16,
	};
}

/* [[trap_init]]: load both tables */
struct desc_ptr {		/* the operand of lgdt and lidt */
	u16 size;
	unsigned long address;
} __packed;

/**
 * trap_init - load the GDT, reload every segment register, fill and load the IDT
 *
 * From then on an exception reaches do_exception(). Cannot fail.
 * Context: boot only, once, with interrupts off; no lock.
 */
void trap_init(void)
{
	struct desc_ptr gdt = { sizeof(gdt_table) - 1, (unsigned long)gdt_table };
	struct desc_ptr idt = { sizeof(idt_table) - 1, (unsigned long)idt_table };

	__asm__ __volatile__("lgdt %0" : : "m"(gdt));
	__asm__ __volatile__("ljmp %0, $1f\n1:\n"
			     "movl %1, %%ds\n movl %1, %%es\n movl %1, %%ss\n"
			     "movl %2, %%fs\n movl %2, %%gs"
			     : : "i"(__KERNEL_CS), "r"(__KERNEL_DS), "r"(0) : "memory");
	for (unsigned int n = 0; n < NR_EXCEPTION_VECTORS; n++)
		set_intr_gate(n, exception_entries[n]);
	__asm__ __volatile__("lidt %0" : : "m"(idt));
}
