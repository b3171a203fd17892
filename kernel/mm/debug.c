/* Tangled from chapters/03-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/shell.h>
#include <linux/string.h>

/* [[pageflag_names]]: Linux's name for each flag */
static const char *const pageflag_names[__NR_PAGEFLAGS] = {	/* NULL: no such flag */
	[PG_locked] = "locked", [PG_referenced] = "referenced", [PG_dirty] = "dirty",
	[PG_lru] = "lru", [PG_slab] = "slab", [PG_reserved] = "reserved",
	[PG_private] = "private", [PG_tail] = "tail", [PG_head] = "head",
	[PG_buddy] = "buddy",
};

/* [[format_page_flags]]: names for the set bits */
/* Write "name|name|zone=Normal" for @flags into @buf of @size bytes. */
static void format_page_flags(char *buf, size_t size, unsigned long flags)
{
	size_t len = 0;

	for (int i = 0; i < __NR_PAGEFLAGS; i++)
		if ((flags & BIT(i)) && pageflag_names[i])
			len += scnprintf(buf + len, size - len, "%s|", pageflag_names[i]);
	scnprintf(buf + len, size - len, "zone=%s",
		  zone_names[(flags >> ZONES_PGSHIFT) & ZONES_MASK]);
}

/* [[dump_page]] and the [[page]] command */
/* [[dump_page]]: a descriptor in Linux's format */
/**
 * dump_page - print the descriptor of @page, and why
 * @page: any page with a descriptor
 * @reason: printed as "page dumped because: @reason", unless NULL
 *
 * Context: any; takes no lock, so the fields are a snapshot.
 */
void dump_page(const struct page *page, const char *reason)
{
	char flags[128];

	format_page_flags(flags, sizeof(flags), page->flags);
	pr_emerg("page:%p refcount:%d mapcount:%d mapping:%p index:%#lx pfn:%#lx\n",
		 (void *)page, page_count(page), atomic_read(&page->_mapcount),
		 (void *)page->mapping, page->index, page_to_pfn(page));
	pr_emerg("flags: %#lx(%s)\n", page->flags, flags);
	if (reason)
		pr_emerg("page dumped because: %s\n", reason);
}

/* the [[page]] command */
/* page PFN: dump_page() of any page frame, and its kernel address. Console only. */
static int cmd_page(struct seq_file *m, int argc, char **argv)
{
	unsigned long pfn;

	if (argc != 2) {
		seq_printf(m, "usage: page PFN\n");
		return -1;
	}
	if (console_number(m, "page", "PFN", argv[1], 0, max_mapnr - 1, false, &pfn) < 0)
		return -1;
	if (!pfn_valid(pfn)) {
		seq_printf(m, "page: pfn %#lx is beyond mem_map (%#lx pages)\n", pfn, max_mapnr);
		return -1;
	}
	dump_page(pfn_to_page(pfn), NULL);
	seq_printf(m, "address: %p\n", page_address(pfn_to_page(pfn)));
	return 0;
}
DEFINE_CONSOLE_COMMAND(page, "PFN", "show the descriptor of a page frame", cmd_page);
