/* Tangled from chapters/16-alignment.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/shell.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/cache.h>
#include <linux/sched.h>

/* [[layout types]]: the size and the two alignments of the basic types */
#define TYPE_ROW(t)	{ #t, sizeof(t), _Alignof(t), __alignof__(t) }

static const struct type_row {
	const char *name;
	unsigned int size, abi_align, gcc_align;
} type_rows[] = {
	TYPE_ROW(char), TYPE_ROW(short), TYPE_ROW(int), TYPE_ROW(long),
	TYPE_ROW(long long), TYPE_ROW(void *), TYPE_ROW(phys_addr_t),
	TYPE_ROW(size_t), TYPE_ROW(struct list_head), TYPE_ROW(spinlock_t),
};

/* [[layout types]]: print the table */
/* Print the size and the two alignments of each basic type to @m. Any context. */
static void layout_types(struct seq_file *m)
{
	seq_printf(m, "%-18s %6s %9s %13s\n", "type", "sizeof", "_Alignof", "__alignof__");
	for (size_t i = 0; i < ARRAY_SIZE(type_rows); i++)
		seq_printf(m, "%-18s %6u %9u %13u\n", type_rows[i].name, type_rows[i].size,
			   type_rows[i].abi_align, type_rows[i].gcc_align);
}

/* [[layout]] of a structure: its members, holes and cache lines */
/* [[MEMBER]]: a row of the table, from the compiler */
struct member_row {
	const char *name, *type;
	size_t offset, size;
};

#define MEMBER(s, type, m)	{ #m, type, offsetof(s, m), sizeof_field(s, m) }

/* [[LAYOUT]]: a structure, its size, its alignment and its rows */
struct struct_layout {
	const char *name;
	size_t size, align;
	const struct member_row *rows;
	size_t nrows;
};

#define LAYOUT(s, table)	{ #s, sizeof(s), _Alignof(s), table, ARRAY_SIZE(table) }

/* print one structure, pahole's way */
/* Print @l to @m as pahole would: members, holes, cache lines. Any context. */
static void print_layout(struct seq_file *m, const struct struct_layout *l)
{
	size_t end = 0, line = 0;

	seq_printf(m, "%s {\n", l->name);
	for (size_t i = 0; i < l->nrows; i++) {
		const struct member_row *r = &l->rows[i];

		/* a hole before the member, and the start of a cache line */
		if (r->offset > end)
			seq_printf(m, "\t/* XXX %zu bytes hole */\n", r->offset - end);
		if (r->offset / L1_CACHE_BYTES != line) {
			line = r->offset / L1_CACHE_BYTES;
			seq_printf(m, "\t/* --- cacheline %zu boundary (%zu bytes) --- */\n",
				   line, line * L1_CACHE_BYTES);
		}
		seq_printf(m, "\t%-24s %-16s /* %5zu %5zu */%s\n", r->type, r->name, r->offset,
			   r->size, i > 0 && r->offset == l->rows[i - 1].offset ? " (union)" : "");
		end = max(end, r->offset + r->size);
	}
	if (l->size > end)
		seq_printf(m, "\t/* XXX %zu bytes of padding at the end */\n", l->size - end);
	seq_printf(m, "\t/* size: %zu, alignment: %zu, cachelines: %zu */\n};\n", l->size, l->align,
		   (l->size + L1_CACHE_BYTES - 1) / L1_CACHE_BYTES);
}

/* the structures [[layout]] knows */
/* the example in the order a programmer writes it */
struct written_order {
	char tag;
	unsigned long value;
	char flag;
};

static const struct member_row written_rows[] = {
	MEMBER(struct written_order, "char", tag),
	MEMBER(struct written_order, "unsigned long", value),
	MEMBER(struct written_order, "char", flag),
};

/* the example ordered by alignment */
struct aligned_order {
	unsigned long value;
	char tag;
	char flag;
};

static const struct member_row aligned_rows[] = {
	MEMBER(struct aligned_order, "unsigned long", value),
	MEMBER(struct aligned_order, "char", tag),
	MEMBER(struct aligned_order, "char", flag),
};

/* the members of [[struct page]] */
static const struct member_row page_rows[] = {
	MEMBER(struct page, "unsigned long", flags),
	MEMBER(struct page, "atomic_t", _count),
	MEMBER(struct page, "atomic_t", _mapcount),
	MEMBER(struct page, "u16", inuse),
	MEMBER(struct page, "u16", objects),
	MEMBER(struct page, "unsigned long", private),
	MEMBER(struct page, "struct address_space *", mapping),
	MEMBER(struct page, "struct kmem_cache *", slab_cache),
	MEMBER(struct page, "pgoff_t", index),
	MEMBER(struct page, "void *", freelist),
	MEMBER(struct page, "struct list_head", lru),
};

/* the members of [[struct zone]] */
static const struct member_row zone_rows[] = {
	MEMBER(struct zone, "unsigned long[]", _watermark),
	MEMBER(struct zone, "long[]", lowmem_reserve),
	MEMBER(struct zone, "struct pglist_data *", zone_pgdat),
	MEMBER(struct zone, "unsigned long", zone_start_pfn),
	MEMBER(struct zone, "unsigned long", spanned_pages),
	MEMBER(struct zone, "unsigned long", present_pages),
	MEMBER(struct zone, "unsigned long", managed_pages),
	MEMBER(struct zone, "const char *", name),
	MEMBER(struct zone, "spinlock_t", lock),
	MEMBER(struct zone, "struct free_area[]", free_area),
	MEMBER(struct zone, "unsigned long[]", vm_stat),
};

/* the members of [[struct task_struct]] */
static const struct member_row task_rows[] = {
	MEMBER(struct task_struct, "volatile long", state),
	MEMBER(struct task_struct, "unsigned int", flags),
	MEMBER(struct task_struct, "int", pid),
	MEMBER(struct task_struct, "char[]", comm),
	MEMBER(struct task_struct, "struct list_head", run_list),
	MEMBER(struct task_struct, "bool", on_rq),
	MEMBER(struct task_struct, "unsigned int", time_slice),
	MEMBER(struct task_struct, "struct list_head", tasks),
	MEMBER(struct task_struct, "int", usage),
	MEMBER(struct task_struct, "void *", stack),
	MEMBER(struct task_struct, "int (*)(void *)", threadfn),
	MEMBER(struct task_struct, "void *", data),
	MEMBER(struct task_struct, "int", exit_code),
	MEMBER(struct task_struct, "bool", should_stop),
	MEMBER(struct task_struct, "struct completion", exited),
	MEMBER(struct task_struct, "unsigned long", nvcsw),
	MEMBER(struct task_struct, "unsigned long", nivcsw),
	MEMBER(struct task_struct, "struct reclaim_state *", reclaim_state),
	MEMBER(struct task_struct, "struct thread_struct", thread),
};

/* the table of structures, the examples first */
static const struct struct_layout layouts[] = {
	LAYOUT(struct written_order, written_rows),
	LAYOUT(struct aligned_order, aligned_rows),
	LAYOUT(struct page, page_rows),
	LAYOUT(struct zone, zone_rows),
	LAYOUT(struct task_struct, task_rows),
};

/* [[cmd_layout]]: choose what to print */
/* layout types|example|page|zone|task_struct: print that table. Context: the console.
 * Returns 0, or -1 with the usage line for anything else. */
static int cmd_layout(struct seq_file *m, int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "types") == 0) {
		layout_types(m);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "example") == 0) {
		print_layout(m, &layouts[0]);
		print_layout(m, &layouts[1]);
		return 0;
	}
	/* a structure named without its [[struct]] */
	for (size_t i = 2; argc == 2 && i < ARRAY_SIZE(layouts); i++)
		if (strcmp(argv[1], layouts[i].name + strlen("struct ")) == 0) {
			print_layout(m, &layouts[i]);
			return 0;
		}
	seq_printf(m, "usage: layout types|example|page|zone|task_struct\n");
	return -1;
}
DEFINE_CONSOLE_COMMAND(layout, "types|example|page|zone|task_struct",
		       "sizes, alignments and holes, as the compiler laid them out", cmd_layout);
