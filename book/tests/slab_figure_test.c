/*
 * Tests of the slab figure (book/figures.lua, type=slab): drawn from the
 * kernel's `slabdump`, with every slot of the CPU slab, the used ones
 * hatched, the free ones numbered by their place on the free list; a cache
 * with no CPU slab or no such cache fails the build with a clear message.
 * Each test weaves a small Markdown document through pandoc with a filter
 * that applies runs.lua, from the repository root, after `make kernel`.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char dir[64];

static void setup(void)
{
	char path[128];
	FILE *f;

	strcpy(dir, "/tmp/slab-figure-test-XXXXXX");
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

/* Weave @markdown to @to (html or latex); returns the output, sets *status. */
static char *weave(const char *markdown, const char *to, int *status)
{
	char cmd[1024], path[128], *out = calloc(1, 1 << 20);
	FILE *f, *p;

	snprintf(path, sizeof(path), "%s/doc.md", dir);
	f = fopen(path, "w");
	fputs(markdown, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "BOOK_RUN_CACHE=%s/cache pandoc -f markdown -t %s "
		 "--lua-filter %s/filter.lua %s 2>&1", dir, to, dir, path);
	p = popen(cmd, "r");
	fread(out, 1, (1 << 20) - 1, p);
	*status = pclose(p);
	return out;
}

static int count(const char *s, const char *what)
{
	int n = 0;

	for (; (s = strstr(s, what)); s++)
		n++;
	return n;
}

TestSuite(slab_figure, .init = setup, .fini = teardown, .timeout = 120);

Test(slab_figure, the_cpu_slab_of_kmem_cache_at_boot_is_drawn_slot_by_slot)
{
	int status;
	char *html = weave("```{.figure type=slab mem=64M cache=kmem_cache}\n```\n", "html", &status);
	char *tex;

	cr_assert_eq(status, 0, "%s", html);
	cr_expect(strstr(html, "kmem_cache_cpu of kmem_cache"), "%s", html);
	/* 32 slots of 128 bytes: the 26 kmalloc caches' descriptors in use, 6 free */
	cr_expect_eq(count(html, "fill=\"url(#slab-hatch-"), 26, "used slots, hatched:\n%s", html);
	cr_expect_eq(count(html, "fill=\"#d1e7dd\""), 6, "free slots:\n%s", html);
	cr_expect(strstr(html, ">#1</text>") && strstr(html, ">#6</text>") && !strstr(html, ">#7</text>"),
		  "the free list numbered 1 to 6:\n%s", html);
	cr_expect(strstr(html, "freelist = slot 26"), "the head of the free list:\n%s", html);
	free(html);
	tex = weave("```{.figure type=slab mem=64M cache=kmem_cache}\n```\n", "latex", &status);
	cr_expect_eq(status, 0, "%s", tex);
	cr_expect_eq(count(tex, "pattern=north east lines"), 26, "used slots, hatched in TikZ:\n%s", tex);
	free(tex);
}

Test(slab_figure, a_cache_without_a_cpu_slab_or_no_cache_fails_the_build)
{
	int status;
	char *out = weave("```{.figure type=slab mem=64M cache=kmalloc-96}\n```\n", "html", &status);

	cr_expect_neq(status, 0, "kmalloc-96 has no CPU slab at boot:\n%s", out);
	cr_expect(strstr(out, "cannot read the head of slabdump kmalloc-96 (no CPU slab?)"), "%s", out);
	free(out);
	out = weave("```{.figure type=slab mem=64M cache=nosuch}\n```\n", "html", &status);
	cr_expect_neq(status, 0, "%s", out);
	cr_expect(strstr(out, "asked for cache nosuch, which the kernel does not have"), "%s", out);
	free(out);
}

Test(slab_figure, allocations_before_the_dump_show_in_the_figure)
{
	int status;
	char *html = weave("```{.figure type=slab mem=64M cache=kmalloc-512 "
			   "before=\"kmalloc 512;kmalloc 512\"}\n```\n", "html", &status);

	cr_assert_eq(status, 0, "%s", html);
	cr_expect_eq(count(html, "fill=\"url(#slab-hatch-"), 2, "%s", html);
	cr_expect_eq(count(html, "fill=\"#d1e7dd\""), 6, "%s", html);
	free(html);
}
