/* Tangled from chapters/00-machine.nw, chapters/01-reports.nw by tangle/tangle.c; edit the chapters, not this file. */
#include <linux/kernel.h>
#include <linux/selftest.h>
#include <linux/kallsyms.h>
#include <linux/string.h>
#include <linux/init.h>
#include <asm/processor.h>

extern unsigned int int3_count;
extern unsigned long max_low_pfn;

/* self-tests of the machine */
SELFTEST(int3_returns_through_the_idt)
{
	unsigned int before = int3_count;

	__asm__ __volatile__("int3");
	EXPECT_EQ(t, int3_count, before + 1);
}

SELFTEST(segments_are_linux_selectors)
{
	unsigned short cs, ds;

	__asm__ __volatile__("mov %%cs, %0; mov %%ds, %1" : "=r"(cs), "=r"(ds));
	EXPECT_EQ(t, cs, __KERNEL_CS);
	EXPECT_EQ(t, ds, __KERNEL_DS);
}
SELFTEST(direct_map_covers_lowmem)
{
	static volatile unsigned long probe = 0x12345678;
	volatile unsigned long *alias = __va(__pa(&probe));
	volatile unsigned long *last = __va((max_low_pfn - 1) << PAGE_SHIFT);
	unsigned long saved = *last;

	EXPECT_TRUE(t, alias == &probe);
	EXPECT_EQ(t, *alias, 0x12345678);
	*last = 0xdeadbeef;
	EXPECT_EQ(t, *last, 0xdeadbeef);
	*last = saved;
	EXPECT_EQ(t, ((unsigned long *)__va(read_cr3()))[0], 0);	/* no identity map */
}
SELFTEST(kallsyms_names_functions)
{
	char buf[KSYM_SYMBOL_LEN];
	unsigned long addr = kallsyms_lookup_name("start_kernel");

	EXPECT_EQ(t, addr, (unsigned long)start_kernel);
	sprint_symbol(buf, addr + 1);
	EXPECT_TRUE(t, strncmp(buf, "start_kernel+0x1/0x", 19) == 0);
}
