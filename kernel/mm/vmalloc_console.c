/* Tangled from chapters/12-vmalloc.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/shell.h>
#include <linux/string.h>
#include <linux/vmalloc.h>

/* the [[vmallocinfo]], [[vmalloc]] and [[vfree]] commands */
static int cmd_vmallocinfo(struct seq_file *m, int argc, char **argv)
{
	if (argc != 1) {
		seq_printf(m, "usage: vmallocinfo\n");
		return -1;
	}
	vmallocinfo_show(m);
	return 0;
}
DEFINE_CONSOLE_COMMAND(vmallocinfo, "", "the busy vmalloc areas (/proc/vmallocinfo)",
		       cmd_vmallocinfo);

/* vmalloc SIZE: allocate, and show the frames behind the pages. */
static int cmd_vmalloc(struct seq_file *m, int argc, char **argv)
{
	unsigned long size;
	char *p;

	if (argc != 2) {
		seq_printf(m, "usage: vmalloc SIZE\n");
		return -1;
	}
	if (console_number(m, "vmalloc", "SIZE", argv[1], 1, VMALLOC_END - VMALLOC_START, true,
			   &size) < 0)
		return -1;
	p = vmalloc(size);
	if (!p)
		return -1;
	seq_printf(m, "vmalloc: %#lx, %lu pages at pfns", (unsigned long)p - PGTABLE_VA_BASE,
		   PAGE_ALIGN(size) >> PAGE_SHIFT);
	for (unsigned long off = 0; off < size; off += PAGE_SIZE)
		seq_printf(m, " %#lx", vmalloc_to_pfn(p + off));
	seq_printf(m, "\n");
	return 0;
}
DEFINE_CONSOLE_COMMAND(vmalloc, "SIZE", "vmalloc SIZE bytes (K, M suffixes) and show its pages",
		       cmd_vmalloc);

/* vfree ADDR: free the area at ADDR; misuse is reported by vfree itself. */
static int cmd_vfree(struct seq_file *m, int argc, char **argv)
{
	unsigned long addr;

	if (argc != 2) {
		seq_printf(m, "usage: vfree ADDR\n");
		return -1;
	}
	if (console_number(m, "vfree", "ADDR", argv[1], 0, 0xffffffffUL, false, &addr) < 0)
		return -1;
	vfree((void *)(PGTABLE_VA_BASE + addr));
	return 0;
}
DEFINE_CONSOLE_COMMAND(vfree, "ADDR", "vfree the area at ADDR (misuse is reported)", cmd_vfree);

/* vmapcheck: every rule of the vmalloc area's trees. */
static int cmd_vmapcheck(struct seq_file *m, int argc, char **argv)
{
	int bad = vmap_check(m);

	if (!bad)
		seq_printf(m, "vmapcheck: ok\n");
	return bad ? -1 : 0;
}
DEFINE_CONSOLE_COMMAND(vmapcheck, "", "check the vmalloc area's trees", cmd_vmapcheck);

/* vmaptree [purge]: the free tree, after purging the lazily freed areas if asked. */
static int cmd_vmaptree(struct seq_file *m, int argc, char **argv)
{
	if (argc > 2 || (argc == 2 && strcmp(argv[1], "purge"))) {
		seq_printf(m, "usage: vmaptree [purge]\n");
		return -1;
	}
	if (argc == 2)
		vm_unmap_aliases();
	vmap_tree_show(m);
	return 0;
}
DEFINE_CONSOLE_COMMAND(vmaptree, "[purge]", "the vmalloc area's free tree, sideways", cmd_vmaptree);
