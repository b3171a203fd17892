/* Tangled from chapters/12-vmalloc.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/selftest.h>
#include <linux/vmalloc.h>

SELFTEST(ioremap_reads_the_local_apics_version)
{
	volatile u32 *apic = ioremap(0xfee00000, PAGE_SIZE);

	EXPECT_TRUE(t, apic != NULL);
	if (!apic)
		return;
	EXPECT_EQ(t, apic[0x30 / 4] & 0xff, 0x14);
	EXPECT_TRUE(t, (pte_flags(*lookup_address((unsigned long)apic, &(unsigned int){0})) &
			_PAGE_PCD) != 0);
	iounmap(apic);
}
