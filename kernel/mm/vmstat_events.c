/* Tangled from chapters/11-page-tables.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/seq_file.h>
#include <linux/shell.h>
#include <linux/vm_event_item.h>

unsigned long vm_events[NR_VM_EVENT_ITEMS];

static const char *const vm_event_names[] = {
	[NR_TLB_LOCAL_FLUSH_ALL] = "nr_tlb_local_flush_all",
	[NR_TLB_LOCAL_FLUSH_ONE] = "nr_tlb_local_flush_one",
};
_Static_assert(ARRAY_SIZE(vm_event_names) == NR_VM_EVENT_ITEMS, "a VM event without a name");

/* the console's [[vmstat]] */
static int cmd_vmstat(struct seq_file *m, int argc, char **argv)
{
	if (argc != 1) {
		seq_printf(m, "usage: vmstat\n");
		return -1;
	}
	seq_printf(m, "nr_free_pages %lu\n", nr_free_pages());
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		seq_printf(m, "%s %lu\n", vm_event_names[i], vm_events[i]);
	return 0;
}
DEFINE_CONSOLE_COMMAND(vmstat, "", "counters and events (/proc/vmstat)", cmd_vmstat);

/* the [[tlbflush]] command */
/* tlbflush START END: flush_tlb_kernel_range on [START, END) of the kernel's addresses. */
static int cmd_tlbflush(struct seq_file *m, int argc, char **argv)
{
	const unsigned long lo = PAGE_OFFSET - PGTABLE_VA_BASE;
	unsigned long start, end;

	if (argc != 3) {
		seq_printf(m, "usage: tlbflush START END\n");
		return -1;
	}
	if (console_number(m, "tlbflush", "START", argv[1], lo, 0xffffffffUL, false, &start) < 0 ||
	    console_number(m, "tlbflush", "END", argv[2], start, 0xffffffffUL, false, &end) < 0)
		return -1;
	flush_tlb_kernel_range(PGTABLE_VA_BASE + start, PGTABLE_VA_BASE + end);
	return 0;
}
DEFINE_CONSOLE_COMMAND(tlbflush, "START END", "flush the TLB for kernel addresses [START, END)",
		       cmd_tlbflush);
