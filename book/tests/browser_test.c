/*
 * The HTML book in a real browser: Debian's Chromium, headless, loads every
 * page with nothing on its console (no script error, no failed load), and the
 * search box finds identifiers and glossary terms. Run after `make book`.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HTML "build/book/html"

/* Load @url in headless Chromium; return its DOM, and its console lines in *console. */
static char *chromium(const char *url, char **console)
{
	char dir[] = "/tmp/chromium-test-XXXXXX", cmd[2048], log[128];
	char *dom = calloc(1, 1 << 22);
	FILE *p, *f;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(log, sizeof(log), "%s/stderr", dir);
	snprintf(cmd, sizeof(cmd),
		 "timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
		 "--disable-background-networking --disable-component-update --disable-sync "
		 "--user-data-dir=%s --enable-logging=stderr --v=0 --virtual-time-budget=2000 "
		 "--dump-dom '%s' 2>%s", dir, url, log);
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	fread(dom, 1, (1 << 22) - 1, p);
	pclose(p);
	*console = calloc(1, 1 << 20);
	snprintf(cmd, sizeof(cmd), "grep ':CONSOLE' %s", log);
	f = popen(cmd, "r");
	fread(*console, 1, (1 << 20) - 1, f);
	pclose(f);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	system(cmd);
	return dom;
}

static char *page_url(const char *page, const char *query)
{
	static char url[1024];
	char cwd[512];

	cr_assert_not_null(getcwd(cwd, sizeof(cwd)));
	snprintf(url, sizeof(url), "file://%s/" HTML "/%s%s", cwd, page, query);
	return url;
}

Test(browser, chromium_is_installed)
{
	cr_assert_eq(system("command -v chromium >/dev/null"), 0,
		     "Debian's chromium is needed to check the HTML book (make setup installs it)");
}

Test(browser, every_page_loads_with_a_silent_console, .timeout = 300)
{
	DIR *d = opendir(HTML);
	struct dirent *e;
	int pages = 0;

	cr_assert_not_null(d, HTML " is missing: make book");
	while ((e = readdir(d))) {
		char *console, *dom;

		if (!strstr(e->d_name, ".html"))
			continue;
		dom = chromium(page_url(e->d_name, ""), &console);
		cr_expect(strstr(dom, "</main>"), "%s did not render:\n%.500s", e->d_name, dom);
		cr_expect_str_eq(console, "", "%s logged on the console:\n%s", e->d_name, console);
		free(dom);
		free(console);
		pages++;
	}
	closedir(d);
	cr_expect_gt(pages, 5, "only %d pages", pages);
}

Test(browser, search_finds_identifiers_and_chinese_terms, .timeout = 120)
{
	char *console, *dom;

	dom = chromium(page_url("04-zones.html", "?q=alloc_pages"), &console);
	cr_expect(strstr(dom, "05-getting-pages.html#") && strstr(dom, ">alloc_pages</a>"),
		  "searching alloc_pages should link to its definition:\n%.2000s", strstr(dom, "search-results") ? strstr(dom, "search-results") : dom);
	free(dom);
	free(console);
	dom = chromium(page_url("index.html", "?q=%E4%BC%99%E4%BC%B4%E7%B3%BB%E7%BB%9F"), &console);
	cr_expect(strstr(dom, "buddy system (伙伴系统)"), "searching 伙伴系统 should find the glossary term:\n%.2000s",
		  strstr(dom, "search-results") ? strstr(dom, "search-results") : dom);
	free(dom);
	free(console);
}
