/*
 * Tests of executable chapters (book/runs.lua): a run block becomes what the
 * kernel printed, from a cache keyed by the kernel and the commands, and a
 * block whose kernel does not halt fails the build. Each test weaves a small
 * Markdown document through pandoc with a filter that applies runs.lua, from
 * the repository root, after `make kernel`.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64];

static void setup(void)
{
	FILE *f;
	char path[128];

	strcpy(dir, "/tmp/runs-test-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/filter.lua", dir);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs("local runs = dofile('book/runs.lua')\n"
	      "return {{ Pandoc = function(d) d.blocks = runs.expand_blocks(d.blocks); return d end }}\n", f);
	fclose(f);
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	system(cmd);
}

/* Weave @markdown to plain text; returns the output, sets *status. @env prefixes the command. */
static char *weave(const char *markdown, const char *env, int *status)
{
	char cmd[1024], path[128], *out = calloc(1, 1 << 20);
	FILE *f, *p;

	snprintf(path, sizeof(path), "%s/doc.md", dir);
	f = fopen(path, "w");
	fputs(markdown, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s BOOK_RUN_CACHE=%s/cache pandoc -f markdown -t plain "
		 "--lua-filter %s/filter.lua %s 2>&1", env, dir, dir, path);
	p = popen(cmd, "r");
	fread(out, 1, (1 << 20) - 1, p);
	*status = pclose(p);
	return out;
}

/* Weave the last document again, to @to (plain text drops SVG figures). */
static char *weave_last(const char *to)
{
	char cmd[512], *text = calloc(1, 1 << 20);
	FILE *p;

	snprintf(cmd, sizeof(cmd), "BOOK_RUN_CACHE=%s/cache pandoc -f markdown -t %s "
		 "--lua-filter %s/filter.lua %s/doc.md 2>&1", dir, to, dir, dir);
	p = popen(cmd, "r");
	fread(text, 1, (1 << 20) - 1, p);
	pclose(p);
	return text;
}

static char *weave_html(void)
{
	return weave_last("html");
}

static int cache_entries(void)
{
	char cmd[128];
	int n = -1;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "ls %s/cache/*.txt 2>/dev/null | wc -l", dir);
	p = popen(cmd, "r");
	fscanf(p, "%d", &n);
	pclose(p);
	return n;
}

TestSuite(runs, .init = setup, .fini = teardown, .timeout = 120);

Test(runs, a_run_block_becomes_the_kernels_output)
{
	int status;
	char *out = weave("```{.run mem=64M}\nmeminfo\n```\n", "", &status);

	cr_expect_eq(status, 0, "%s", out);
	cr_expect(strstr(out, "Printed by this book"), "no caption:\n%s", out);
	cr_expect(strstr(out, "mm> meminfo\n") && strstr(out, "MemTotal:"), "no meminfo:\n%s", out);
	cr_expect(!strstr(out, "mm> halt"), "the closing halt should not be shown:\n%s", out);
	free(out);
}

Test(runs, blocks_choose_lines_of_the_boot_log)
{
	int status;
	char *out = weave("```{.run show=boot grep=\"^BIOS\"}\n```\n", "", &status);

	cr_expect_eq(status, 0, "%s", out);
	cr_expect(strstr(out, "BIOS-e820: [mem 0x0000000000100000-0x000000007ffdffff] usable"), "%s", out);
	cr_expect(!strstr(out, "Zone ranges"), "only BIOS lines were asked for:\n%s", out);
	free(out);
	out = weave("```{.run show=boot grep=\"^BIOS%-provided || ^Zone ranges\"}\n```\n", "", &status);
	cr_expect_eq(status, 0, "%s", out);
	cr_expect(strstr(out, "BIOS-provided physical RAM map") && strstr(out, "Zone ranges"),
		  "either pattern keeps a line:\n%s", out);
	cr_expect(!strstr(out, "BIOS-e820"), "no other line:\n%s", out);
	free(out);
}

Test(runs, an_unchanged_block_comes_from_the_cache)
{
	char env[512];
	int status;
	char *out = weave("```{.run mem=64M}\ncmdline\n```\n", "", &status);

	cr_assert_eq(status, 0, "%s", out);
	cr_expect_eq(cache_entries(), 1);
	free(out);
	snprintf(env, sizeof(env), "mkdir -p %s/bin && printf '#!/bin/sh\\nexit 1\\n' > %s/bin/qemu-system-i386 "
		 "&& chmod +x %s/bin/qemu-system-i386 && PATH=%s/bin:$PATH", dir, dir, dir, dir);
	out = weave("```{.run mem=64M}\ncmdline\n```\n", env, &status);
	cr_expect_eq(status, 0, "the second weave must not boot (QEMU is broken now):\n%s", out);
	free(out);
	out = weave("```{.run mem=64M}\nhelp\n```\n", "", &status);
	cr_expect_eq(cache_entries(), 2, "other commands are another entry");
	free(out);
}

/* In a student's tree the same block does not stop the book: it says why it is missing. */
Test(runs, in_a_students_tree_a_failing_block_becomes_a_note)
{
	int status;
	char *out = weave("```{.run mem=64M}\nlkdtm BUG\n```\n\n```{.figure #fig-x type=freearea mem=64M zone=HighMem}\n```\n",
			  "BOOK_STUDENT=1", &status);

	cr_expect_eq(status, 0, "the weave should go on:\n%s", out);
	cr_expect(strstr(out, "This output is not shown in your tree"), "%s", out);
	cr_expect(strstr(out, "This figure is not shown in your tree"), "%s", out);
	cr_expect(strstr(out, "did not end with halt"), "what went wrong is shown:\n%s", out);
	free(out);
}

Test(runs, a_kernel_that_does_not_halt_fails_the_build)
{
	int status;
	char *out = weave("```{.run mem=64M}\nlkdtm BUG\n```\n", "", &status);

	cr_expect_neq(status, 0, "the weave should fail:\n%s", out);
	cr_expect(strstr(out, "did not end with halt"), "%s", out);
	cr_expect(strstr(out, "kernel BUG at"), "the console's last lines should be shown:\n%s", out);
	free(out);
}

Test(runs, the_zone_figure_is_drawn_from_the_kernels_zoneinfo)
{
	int status;
	char *out;

	out = weave("```{.figure type=zones mem=64M}\n```\n", "", &status);
	cr_expect_eq(status, 0, "%s", out);
	free(out);
	/* plain text drops the SVG; weave to HTML to see the numbers */
	char *html = weave_html();
	cr_expect(strstr(html, "<svg"), "%s", html);
	cr_expect(strstr(html, "pfn 1-4095"), "the DMA zone as zoneinfo gives it:\n%s", html);
	cr_expect(strstr(html, "pfn 4096-16351"), "Normal ends at max_pfn 0x3fe0 at 64M:\n%s", html);
	cr_expect(!strstr(html, "HighMem"), "64 MiB has no high memory:\n%s", html);
	free(html);
}

static int count(const char *s, const char *what)
{
	int n = 0;

	for (; (s = strstr(s, what)); s++)
		n++;
	return n;
}

Test(runs, the_buddy_figure_is_drawn_from_the_kernels_buddydemo)
{
	int status;
	char *out = weave("```{.figure type=buddy mem=64M}\n```\n", "", &status), *html;

	cr_expect_eq(status, 0, "%s", out);
	free(out);
	html = weave_html();
	/* one row for each of buddydemo's steps, named as the kernel named them */
	cr_expect(strstr(html, ">start</text>") && strstr(html, ">alloc_pages(GFP_KERNEL, 0) = +0</text>") &&
		  strstr(html, ">alloc_pages(GFP_KERNEL, 1) = +2</text>") &&
		  strstr(html, ">__free_pages(+0, 0)</text>") && strstr(html, ">__free_pages(+2, 1)</text>"),
		  "%s", html);
	/* handed out, hatched (readable without colour): page 0; pages 0 and 2-3; pages 2-3 */
	cr_expect_eq(count(html, "fill=\"url(#hatch-"), 4, "%s", html);
	cr_expect(strstr(html, "<pattern id=\"hatch-") != NULL, "expected the hatch pattern:\n%s", html);
	/* free: 1 block; 4 after the split; 3; 3; 1 after the merge */
	cr_expect_eq(count(html, "fill=\"#d1e7dd\""), 1 + 4 + 3 + 3 + 1, "%s", html);
	free(html);
}

Test(runs, the_free_area_figure_is_drawn_from_the_kernels_buddyinfo)
{
	int status;
	char *out = weave("```{.figure type=freearea mem=64M zone=Normal}\n```\n", "", &status), *html;

	cr_expect_eq(status, 0, "%s", out);
	free(out);
	html = weave_html();
	/* eleven orders, each with its count from buddyinfo; 64M leaves most memory in order 10 */
	cr_expect(strstr(html, "struct zone Normal: free_area[order]"), "%s", html);
	cr_expect(strstr(html, "[ 0] nr_free ") && strstr(html, "[10] nr_free "), "%s", html);
	cr_expect(strstr(html, "more</text>") || strstr(html, "(empty list)"), "%s", html);
	free(html);
	out = weave("```{.figure type=freearea mem=64M zone=HighMem}\n```\n", "", &status);
	cr_expect_neq(status, 0, "a zone buddyinfo does not list must fail the build");
	cr_expect(strstr(out, "found no zone HighMem"), "%s", out);
	free(out);
}

Test(runs, the_e820_figure_is_drawn_from_the_kernels_memory_map)
{
	int status;
	char *out = weave("```{.figure type=e820 mem=64M}\n```\n", "", &status), *html;

	cr_expect_eq(status, 0, "%s", out);
	free(out);
	html = weave_html();
	/* QEMU's 64 MiB map: the first page reserved, low RAM, the BIOS hole, RAM to 0x3fe0000 */
	cr_expect(strstr(html, ">0x100000</text>") && strstr(html, ">0x3fe0000</text>"), "%s", html);
	cr_expect_eq(count(html, ">usable</text>"), 2, "two usable ranges:\n%s", html);
	/* each reserved range hatched as well as grey, and the gap below 4 GiB drawn empty */
	cr_expect_eq(count(html, "class=\"hatched\""), count(html, ">reserved</text>"), "%s", html);
	cr_expect(count(html, ">reserved</text>") >= 3, "%s", html);
	cr_expect(strstr(html, ">(no entry)</text>"), "%s", html);
	free(html);
}

Test(runs, the_memblock_figure_is_drawn_from_the_kernels_memblock)
{
	int status;
	char *out = weave("```{.figure type=memblock mem=64M}\n```\n", "", &status), *html;

	cr_expect_eq(status, 0, "%s", out);
	free(out);
	html = weave_html();
	cr_expect(strstr(html, "<code>memblock.memory</code>") && strstr(html, "<code>memblock.reserved</code>"),
		  "%s", html);
	cr_expect(strstr(html, ">memory[0]</text>") && strstr(html, ">memory[1]</text>"), "%s", html);
	/* the kernel's image is reserved from 1 MiB */
	cr_expect(strstr(html, ">reserved[0]</text>") && strstr(html, ">0x100000</text>"), "%s", html);
	cr_expect_eq(count(html, "class=\"hatched\""), count(html, ">reserved["), "reserved regions hatched:\n%s",
		     html);
	free(html);
}

Test(runs, the_kmalloc_figure_is_drawn_from_the_kernels_slabinfo)
{
	int status;
	char *out = weave("```{.figure type=kmalloc mem=64M}\n```\n", "", &status), *html;

	cr_expect_eq(status, 0, "%s", out);
	free(out);
	html = weave_html();
	/* the thirteen classes, smallest first, each with slabinfo's objects a slab */
	cr_expect(strstr(html, ">kmalloc-8</text>") && strstr(html, ">kmalloc-8192</text>"), "%s", html);
	cr_expect(strstr(html, ">kmalloc-8</text>") < strstr(html, ">kmalloc-16</text>"), "%s", html);
	cr_expect(strstr(html, ">512 objects</text>") && strstr(html, ">4 objects</text>"), "%s", html);
	/* 96 and 192 leave 4096 - 42 * 96 = 4096 - 21 * 192 = 64 bytes, hatched */
	cr_expect(strstr(html, ">42 objects, 64 bytes left</text>"), "%s", html);
	cr_expect_eq(count(html, "class=\"hatched\""), 2, "%s", html);
	free(html);
}

Test(runs, the_stack_figure_is_drawn_from_the_boot_log_and_layout)
{
	int status;
	char *out = weave("```{.figure type=stack mem=64M}\n```\n", "", &status), *html;

	cr_expect_eq(status, 0, "%s", out);
	free(out);
	html = weave_html();
	/* the block, its task_struct at the bottom, and the members in order from offset 0 */
	cr_expect(strstr(html, ">task_struct</text>") && strstr(html, "the stack, growing down from the top"), "%s", html);
	cr_expect(strstr(html, ">+0</text>") && strstr(html, ">state</text>") && strstr(html, ">thread</text>"),
		  "%s", html);
	cr_expect(strstr(html, ">state</text>") < strstr(html, ">thread</text>"), "%s", html);
	cr_expect(strstr(html, "<code>struct task_struct</code>, bytes 0 to 63"), "%s", html);
	/* the holes after the two bools, hatched */
	cr_expect_eq(count(html, ">hole</text>"), count(html, "class=\"hatched\""), "%s", html);
	cr_expect_geq(count(html, ">hole</text>"), 1, "%s", html);
	free(html);
}

/* The slab figure, from slabdump: every slot of the CPU slab, the used ones hatched, the
 * free ones numbered by their place on the free list. */
Test(runs, the_slab_figure_the_cpu_slab_of_kmem_cache_at_boot_is_drawn_slot_by_slot)
{
	int status;
	char *html = weave("```{.figure type=slab mem=64M cache=kmem_cache}\n```\n", "", &status);
	char *tex;

	cr_assert_eq(status, 0, "%s", html);
	free(html);
	html = weave_html();
	cr_expect(strstr(html, "kmem_cache_cpu of kmem_cache"), "%s", html);
	/* 32 slots of 128 bytes: the 26 kmalloc caches' descriptors in use, 6 free */
	cr_expect_eq(count(html, "fill=\"url(#slab-hatch-"), 26, "used slots, hatched:\n%s", html);
	cr_expect_eq(count(html, "fill=\"#d1e7dd\""), 6, "free slots:\n%s", html);
	cr_expect(strstr(html, ">#1</text>") && strstr(html, ">#6</text>") && !strstr(html, ">#7</text>"),
		  "the free list numbered 1 to 6:\n%s", html);
	cr_expect(strstr(html, "freelist = slot 26"), "the head of the free list:\n%s", html);
	free(html);
	tex = weave_last("latex");
	cr_expect_eq(count(tex, "pattern=north east lines"), 26, "used slots, hatched in TikZ:\n%s", tex);
	free(tex);
}

Test(runs, the_slab_figure_a_cache_without_a_cpu_slab_or_no_cache_fails_the_build)
{
	int status;
	char *out = weave("```{.figure type=slab mem=64M cache=kmalloc-96}\n```\n", "", &status);

	cr_expect_neq(status, 0, "kmalloc-96 has no CPU slab at boot:\n%s", out);
	cr_expect(strstr(out, "cannot read the head of slabdump kmalloc-96 (no CPU slab?)"), "%s", out);
	free(out);
	out = weave("```{.figure type=slab mem=64M cache=nosuch}\n```\n", "", &status);
	cr_expect_neq(status, 0, "%s", out);
	cr_expect(strstr(out, "asked for cache nosuch, which the kernel does not have"), "%s", out);
	free(out);
}

Test(runs, the_slab_figure_allocations_before_the_dump_show_in_the_figure)
{
	int status;
	char *html = weave("```{.figure type=slab mem=64M cache=kmalloc-512 "
			   "before=\"kmalloc 512;kmalloc 512\"}\n```\n", "", &status);

	cr_assert_eq(status, 0, "%s", html);
	free(html);
	html = weave_html();
	cr_expect_eq(count(html, "fill=\"url(#slab-hatch-"), 2, "%s", html);
	cr_expect_eq(count(html, "fill=\"#d1e7dd\""), 6, "%s", html);
	free(html);
}

Test(runs, a_figure_of_unknown_type_fails_the_build)
{
	int status;
	char *out = weave("```{.figure type=pie}\n```\n", "", &status);

	cr_expect_neq(status, 0, "%s", out);
	cr_expect(strstr(out, "no known type"), "%s", out);
	free(out);
}

Test(runs, the_glossary_gives_chinese_names_in_both_outputs)
{
	FILE *f = fopen("build/book/html/95-glossary.html", "r");
	char *html = calloc(1, 1 << 20), *pdf = calloc(1, 1 << 22);
	FILE *p;

	cr_assert_not_null(f, "build/book/html/95-glossary.html is missing (make book)");
	fread(html, 1, (1 << 20) - 1, f);
	fclose(f);
	cr_expect(strstr(html, "伙伴系统") && strstr(html, "高端内存") && strstr(html, "页框号"), "%s", html);
	cr_expect(strstr(html, "href=\"05-getting-pages.html#the-buddy-system\""), "entries link to their sections");
	p = popen("pdftotext build/book/book.pdf - 2>/dev/null", "r");
	fread(pdf, 1, (1 << 22) - 1, p);
	pclose(p);
	cr_expect(strstr(pdf, "术语表") && strstr(pdf, "伙伴系统"), "the PDF lacks the glossary");
	free(html);
	free(pdf);
}
