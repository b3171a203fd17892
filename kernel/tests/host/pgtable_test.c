/* Tangled from chapters/11-page-tables.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/pgtable.h>
#include <linux/shell.h>
#include <linux/vm_event_item.h>
#include <asm/host.h>

/* helpers of the page-table tests */
static char out[1 << 16];

/* The output of console @line, on the machine already booted. */
static const char *run(const char *line)
{
	struct seq_file m = { .buf = out, .size = sizeof(out) };
	char copy[128];

	snprintf(copy, sizeof(copy), "%s", line);
	console_exec(&m, copy);
	return out;
}

/* Map a new zeroed page at the top page of the vmalloc area with @prot; its pte in *@ptep. */
static struct page *map_top_page(pgprot_t prot, pte_t **ptep)
{
	unsigned long addr = VMALLOC_END - PAGE_SIZE;
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

	cr_assert_not_null(page);
	*ptep = pte_alloc_kernel(pmd_offset(pgd_offset_k(addr), addr), addr);
	cr_assert_not_null(*ptep);
	set_pte_at(&init_mm, addr, *ptep, pfn_pte(page_to_pfn(page), prot));
	return page;
}

static volatile int sink;

static void read_top_page(void) { sink = *(volatile int *)(VMALLOC_END - PAGE_SIZE); }
static void write_top_page(void) { *(volatile int *)(VMALLOC_END - PAGE_SIZE) = 1; }
static void read_gap(void) { sink = *(volatile char *)high_memory; }

/* host tests of the host's MMU */
Test(host_mmu, a_mapped_page_is_the_same_memory_at_both_addresses)
{
	pte_t *pte;
	struct page *page;
	int *p;

	host_boot(64ULL << 20);
	p = (int *)(VMALLOC_END - PAGE_SIZE);
	page = map_top_page(PAGE_KERNEL, &pte);
	p[7] = 1234;
	cr_expect_eq(((int *)page_address(page))[7], 1234, "the write did not reach the page");
	((int *)page_address(page))[8] = 4321;
	cr_expect_eq(p[8], 4321);
	cr_expect(vmalloc_to_page(p) == page);
}

Test(host_mmu, a_cleared_pte_translates_until_it_is_flushed)
{
	pte_t *pte;
	char want[96];
	int *p, status;

	host_boot(64ULL << 20);
	p = (int *)(VMALLOC_END - PAGE_SIZE);
	map_top_page(PAGE_KERNEL, &pte);
	p[0] = 99;				/* the host's TLB now holds the page */
	pte_clear(&init_mm, (unsigned long)p, pte);
	cr_expect_eq(p[0], 99, "a stale translation should still be usable before the flush");
	flush_tlb_kernel_range((unsigned long)p, (unsigned long)p + PAGE_SIZE);
	host_console_reset();
	status = host_run(read_top_page);
	cr_expect_eq(status, 2, "expected a panic, got status %d", status);
	snprintf(want, sizeof(want), "BUG: unable to handle page fault for address: %08lx\n",
		 (unsigned long)p - PGTABLE_VA_BASE);
	cr_expect(strstr(host_console_output(), want), "expected %s in:\n%s", want, host_console_output());
	cr_expect(strstr(host_console_output(), "#PF: supervisor read access in kernel mode\n"));
	cr_expect(strstr(host_console_output(), "not-present page\n"));
	cr_expect(strstr(host_console_output(), "*pte = 00000000 \n"), "%s", host_console_output());
}

Test(host_mmu, a_write_to_a_read_only_page_is_refused)
{
	pte_t *pte;
	struct page *page;
	int status;

	host_boot(64ULL << 20);
	page = map_top_page(PAGE_KERNEL_RO, &pte);
	((int *)page_address(page))[0] = 5;
	read_top_page();
	cr_expect_eq(sink, 5);
	host_console_reset();
	status = host_run(write_top_page);
	cr_expect_eq(status, 2);
	cr_expect(strstr(host_console_output(), "#PF: supervisor write access in kernel mode\n"),
		  "%s", host_console_output());
	cr_expect(strstr(host_console_output(), "permissions violation\n"));
	cr_expect_eq(((int *)page_address(page))[0], 5, "the refused write changed the page");
}

Test(host_mmu, the_end_of_lowmem_is_mapped_and_the_gap_after_it_faults)
{
	int status;

	host_boot(64ULL << 20);
	cr_expect_eq(*(volatile char *)((unsigned long)high_memory - 1), 0);
	host_console_reset();
	status = host_run(read_gap);
	cr_expect_eq(status, 2);
	cr_expect(strstr(host_console_output(), "not-present page\n"), "%s", host_console_output());
}
Test(host_mmu, mm_never_touches_the_tlb_by_itself)
{
	DIR *dir = opendir("kernel/mm");
	struct dirent *e;
	static char text[1 << 20];
	int files = 0;

	cr_assert_not_null(dir, "run the tests from the top of the tree");
	while ((e = readdir(dir))) {
		char path[300];
		FILE *f;
		size_t n;

		if (!strstr(e->d_name, ".c") && !strstr(e->d_name, ".h"))
			continue;
		snprintf(path, sizeof(path), "kernel/mm/%s", e->d_name);
		f = fopen(path, "r");
		cr_assert_not_null(f, "%s", path);
		n = fread(text, 1, sizeof(text) - 1, f);
		text[n] = '\0';
		fclose(f);
		files++;
		for (char *p = text; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		cr_expect(!strstr(text, "invlpg") && !strstr(text, "cr3") && !strstr(text, "cr4"),
			  "%s flushes the TLB or loads a control register itself", path);
	}
	closedir(dir);
	cr_expect_gt(files, 10);
}

/* host tests of the page-table commands */
Test(pgtable_console, pagewalk_follows_a_lowmem_address_to_its_4m_page)
{
	unsigned int seed = (unsigned int)time(NULL);
	unsigned long off, va;
	char line[64], want[64];

	host_boot(64ULL << 20);
	srand(seed);
	off = ((unsigned long)rand() << 4) % (60UL << 20);
	va = 0xc0000000UL + off;
	snprintf(line, sizeof(line), "pagewalk %#lx", va);
	run(line);
	cr_expect(strstr(out, "-> 4M page, pfn "), "seed %u: %s\n%s", seed, line, out);
	snprintf(want, sizeof(want), "phys %08lx, pfn %05lx\n", off, off >> PAGE_SHIFT);
	cr_expect(strstr(out, want), "seed %u: expected %s after %s:\n%s", seed, want, line, out);
}

Test(pgtable_console, pagewalk_shows_a_pte_and_a_missing_one)
{
	char line[64];
	unsigned long last;

	host_boot(64ULL << 20);
	last = (unsigned long)high_memory - PAGE_SIZE - PGTABLE_VA_BASE;
	snprintf(line, sizeof(line), "pagewalk %#lx", last);
	run(line);
	cr_expect(strstr(out, "-> page table, pfn "), "%s", out);
	cr_expect(strstr(out, "RW                 GLB x  -> 4K page"), "%s", out);
	snprintf(line, sizeof(line), "pagewalk %#lx", last + PAGE_SIZE);
	run(line);
	cr_expect(strstr(out, "00000000                                -> not present\n"), "%s", out);
}

Test(pgtable_console, bad_arguments_get_usage_and_change_nothing)
{
	unsigned long one, all;

	host_boot(64ULL << 20);
	one = vm_events[NR_TLB_LOCAL_FLUSH_ONE];
	all = vm_events[NR_TLB_LOCAL_FLUSH_ALL];
	cr_expect(strstr(run("pagewalk"), "usage: pagewalk ADDR\n"), "%s", out);
	cr_expect(strstr(run("pagewalk 0x100000000"), "pagewalk:"), "%s", out);
	cr_expect(strstr(run("ptdump now"), "usage: ptdump\n"), "%s", out);
	cr_expect(strstr(run("tlbflush 0xd0000000"), "usage: tlbflush START END\n"), "%s", out);
	cr_expect(strstr(run("tlbflush 0x1000 0x2000"), "tlbflush:"), "%s", out);
	cr_expect(strstr(run("tlbflush 0xd0002000 0xd0001000"), "tlbflush:"), "%s", out);
	cr_expect_eq(vm_events[NR_TLB_LOCAL_FLUSH_ONE], one);
	cr_expect_eq(vm_events[NR_TLB_LOCAL_FLUSH_ALL], all);
}

Test(pgtable_console, tlbflush_counts_pages_up_to_the_ceiling)
{
	unsigned int seed = (unsigned int)time(NULL);
	unsigned long n, one, all;
	char line[64], want[64];

	host_boot(64ULL << 20);
	srand(seed);
	n = 1 + (unsigned long)rand() % 40;
	one = vm_events[NR_TLB_LOCAL_FLUSH_ONE];
	all = vm_events[NR_TLB_LOCAL_FLUSH_ALL];
	snprintf(line, sizeof(line), "tlbflush 0xd0000000 %#lx", 0xd0000000UL + n * PAGE_SIZE);
	run(line);
	run("vmstat");
	snprintf(want, sizeof(want), "nr_tlb_local_flush_one %lu\n", one + (n <= 33 ? n : 0));
	cr_expect(strstr(out, want), "seed %u, %lu pages: expected %s in:\n%s", seed, n, want, out);
	snprintf(want, sizeof(want), "nr_tlb_local_flush_all %lu\n", all + (n > 33));
	cr_expect(strstr(out, want), "seed %u, %lu pages: expected %s in:\n%s", seed, n, want, out);
}

Test(pgtable_console, ptdump_shows_the_direct_map_and_the_areas)
{
	host_boot(64ULL << 20);
	run("ptdump");
	cr_expect(strstr(out, "---[ User Space ]---\n"
			      "0x00000000-0xc0000000           3G                               pmd\n"
			      "---[ Kernel Mapping ]---\n"
			      "0xc0000000-0xc3c00000          60M     RW         PSE     GLB x  pmd\n"
			      "0xc3c00000-0xc3fe0000        3968K     RW                 GLB x  pte\n"
			      "0xc3fe0000-0xc4000000         128K                               pte\n"),
		  "%s", out);
	cr_expect(strstr(out, "---[ vmalloc() Area ]---\n"), "%s", out);
	cr_expect(strstr(out, "---[ Persistent kmap() Area ]---\n"), "%s", out);
	cr_expect(strstr(out, "-0x00000000 "), "the last run should end at 4 GiB:\n%s", out);
}
