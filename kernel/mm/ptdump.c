/* Tangled from chapters/11-page-tables.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pgtable.h>
#include <linux/seq_file.h>
#include <linux/shell.h>

/* [[print_prot]]: an entry's flags, as Linux's dump prints them */
#define LEVEL_PMD	3
#define LEVEL_PTE	4
static const char *const level_name[] = { "pgd", "p4d", "pud", "pmd", "pte" };

/* Print the flags @pr of an entry at @level in fixed columns, 30 characters. */
static void print_prot(struct seq_file *m, pgprotval_t pr, int level)
{
	if (!(pr & _PAGE_PRESENT)) {
		seq_printf(m, "%30s", "");
		return;
	}
	seq_printf(m, "%s%s%s%s%s%s%s%s", pr & _PAGE_USER ? "USR " : "    ",
		   pr & _PAGE_RW ? "RW " : "ro ", pr & _PAGE_PWT ? "PWT " : "    ",
		   pr & _PAGE_PCD ? "PCD " : "    ",
		   level <= LEVEL_PMD && (pr & _PAGE_PSE) ? "PSE " : "    ",
		   (level == LEVEL_PTE && (pr & _PAGE_PAT)) ||
		   (level == LEVEL_PMD && (pr & _PAGE_PAT_LARGE)) ? "PAT " : "    ",
		   pr & _PAGE_GLOBAL ? "GLB " : "    ", pr & _PAGE_NX ? "NX " : "x  ");
}

/* the [[pagewalk]] command */
/* [[walk_entry]]: one entry of the walk, and where it leads */
/* Print entry @val, index @i at @level, and what it points to; false if not present. */
static bool walk_entry(struct seq_file *m, const char *name, unsigned long i, unsigned long val,
		       int level)
{
	seq_printf(m, "%s %4lu  %08lx  ", name, i, val);
	print_prot(m, val & PTE_FLAGS_MASK, level);
	if (!(val & _PAGE_PRESENT)) {
		seq_printf(m, "-> not present\n");
		return false;
	}
	seq_printf(m, "-> %s, pfn %05lx\n", level == LEVEL_PTE ? "4K page" :
		   val & _PAGE_PSE ? "4M page" : "page table", val >> PAGE_SHIFT);
	return true;
}

/* pagewalk ADDR: the entries that translate ADDR, level by level. */
static int cmd_pagewalk(struct seq_file *m, int argc, char **argv)
{
	unsigned long va, addr, pfn;
	pmd_t *pmd;
	pte_t *pte;

	if (argc != 2) {
		seq_printf(m, "usage: pagewalk ADDR\n");
		return -1;
	}
	if (console_number(m, "pagewalk", "ADDR", argv[1], 0, 0xffffffffUL, false, &va) < 0)
		return -1;
	addr = PGTABLE_VA_BASE + va;
	seq_printf(m, "%08lx: pgd index %lu, pte index %lu, offset %#05lx\n",
		   va, pgd_index(addr), pte_index(addr), addr & ~PAGE_MASK);
	pmd = pmd_offset(pgd_offset_k(addr), addr);
	seq_printf(m, "pgd %4lu  %08x  the pmd, folded into it\n", pgd_index(addr),
		   pgd_val(*pgd_offset_k(addr)));
	if (!walk_entry(m, "pmd", 0, pmd_val(*pmd), LEVEL_PMD))
		return 0;
	if (pmd_large(*pmd)) {
		pfn = pmd_pfn(*pmd) + ((addr & ~PMD_MASK) >> PAGE_SHIFT);
	} else {
		pte = pte_offset_kernel(pmd, addr);
		if (!walk_entry(m, "pte", pte_index(addr), pte_val(*pte), LEVEL_PTE))
			return 0;
		pfn = pte_pfn(*pte);
	}
	seq_printf(m, "phys %08llx, pfn %05lx\n",
		   (unsigned long long)(PFN_PHYS(pfn) + (addr & ~PAGE_MASK)), pfn);
	return 0;
}
DEFINE_CONSOLE_COMMAND(pagewalk, "ADDR", "the page-table entries that translate ADDR",
		       cmd_pagewalk);

/* the [[ptdump]] command */
/* the areas the dump marks */
struct addr_marker {
	u32 start;
	const char *name;
};

enum { MARKERS = 7 };

/* Fill @mk with the areas of the layout, from 0 up, ending with a marker that never begins. */
static void fill_markers(struct addr_marker *mk)
{
	const unsigned long b = PGTABLE_VA_BASE;

	mk[0] = (struct addr_marker){ 0, "User Space" };
	mk[1] = (struct addr_marker){ PAGE_OFFSET - b, "Kernel Mapping" };
	mk[2] = (struct addr_marker){ VMALLOC_START - b, "vmalloc() Area" };
	mk[3] = (struct addr_marker){ VMALLOC_END - b, "vmalloc() End" };
	mk[4] = (struct addr_marker){ PKMAP_BASE - b, "Persistent kmap() Area" };
	mk[5] = (struct addr_marker){ FIXADDR_START - b, "Fixmap area" };
	mk[6] = (struct addr_marker){ 0xffffffffu, NULL };
}

struct pg_state {
	struct seq_file *m;
	int level;			/* of the run; -1 before the first entry */
	pgprotval_t prot;		/* its flags */
	u32 start;			/* where it began */
	const struct addr_marker *marker;	/* the area it is in */
};

/* [[note_page]]: extend the run, or print it and start the next */
/* Add the entry at offset @addr, at @level, with value @val, to the run in @st. */
static void note_page(struct pg_state *st, u32 addr, int level, unsigned long val)
{
	static const char units[] = "BKMGTPE";
	pgprotval_t prot = val & PTE_FLAGS_MASK;

	if (st->level == -1) {
		seq_printf(st->m, "---[ %s ]---\n", st->marker->name);
	} else if (prot != st->prot || level != st->level ||
		   (addr >= st->marker[1].start && addr != 0)) {
		const char *unit = units;
		unsigned long delta = (u32)(addr - st->start);

		seq_printf(st->m, "0x%08x-0x%08x   ", st->start, addr);
		while (!(delta & 1023) && unit[1]) {
			delta >>= 10;
			unit++;
		}
		seq_printf(st->m, "%9lu%c ", delta, *unit);
		print_prot(st->m, st->prot, st->level);
		seq_printf(st->m, "%s\n", level_name[st->level]);
		if (addr >= st->marker[1].start && addr != 0) {
			st->marker++;
			seq_printf(st->m, "---[ %s ]---\n", st->marker->name);
		}
	} else {
		return;
	}
	st->start = addr;
	st->prot = prot;
	st->level = level;
}

/* ptdump: the kernel's mappings, as runs of like entries. */
static int cmd_ptdump(struct seq_file *m, int argc, char **argv)
{
	struct addr_marker markers[MARKERS];
	struct pg_state st = { .m = m, .level = -1, .marker = markers };

	if (argc != 1) {
		seq_printf(m, "usage: ptdump\n");
		return -1;
	}
	fill_markers(markers);
	for (unsigned int i = 0; i < PTRS_PER_PGD; i++) {
		u32 off = (u32)i << PGDIR_SHIFT;
		pmd_t *pmd = pmd_offset(&init_mm.pgd[i], PGTABLE_VA_BASE + off);

		if (pmd_none(*pmd) || pmd_large(*pmd) || !pmd_present(*pmd)) {
			note_page(&st, off, LEVEL_PMD, pmd_val(*pmd));
			continue;
		}
		for (unsigned int j = 0; j < PTRS_PER_PTE; j++)
			note_page(&st, off + (j << PAGE_SHIFT), LEVEL_PTE,
				  pte_val(((pte_t *)pmd_page_vaddr(*pmd))[j]));
	}
	note_page(&st, 0, -1, 0);	/* the end of the last run: 4 GiB, which is 0 */
	return 0;
}
DEFINE_CONSOLE_COMMAND(ptdump, "", "the kernel's page tables, as runs of like entries",
		       cmd_ptdump);
