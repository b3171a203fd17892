/*
 * book_test.c -- checks of the woven book (Criterion; no main).
 *
 * Run from the repository root after `make book`: the tests read the HTML
 * pages in build/book/html/ and build/book/book.pdf, and compare them with
 * the chapter files.  The last tests run the weaver's pieces (book/nwprep.awk,
 * noweave, book/noweb-reader.lua) on small broken chapters in a temporary
 * directory, to check that the weaver refuses them with a clear message.
 */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <glob.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define HTML_DIR "build/book/html"
#define PDF_PATH "build/book/book.pdf"

/* ---- small helpers ------------------------------------------------------ */

/* The whole file as a NUL-terminated string, or NULL if it cannot be read. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, len = 0, n;
	char *buf = malloc(cap + 1);
	while ((n = fread(buf + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap)
			buf = realloc(buf, (cap *= 2) + 1);
	}
	fclose(f);
	buf[len] = '\0';
	return buf;
}

static int file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Run `sh -c cmd` with stderr joined to stdout; return the exit status
 * (-1 if it did not exit normally) and the output in *out (malloc'd). */
static int run(const char *cmd, char **out)
{
	char *full;
	if (asprintf(&full, "(%s) 2>&1", cmd) < 0)
		return -1;
	FILE *p = popen(full, "r");
	free(full);
	if (!p) {
		*out = strdup("");
		return -1;
	}
	size_t cap = 1 << 16, len = 0, n;
	char *buf = malloc(cap + 1);
	while ((n = fread(buf + len, 1, cap - len, p)) > 0) {
		len += n;
		if (len == cap)
			buf = realloc(buf, (cap *= 2) + 1);
	}
	buf[len] = '\0';
	*out = buf;
	int status = pclose(p);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* A growing message buffer for reporting several failures at once. */
struct msg {
	char text[4096];
	int count;
};

static void msg_add(struct msg *m, const char *fmt, ...)
{
	m->count++;
	if (m->count > 12)
		return;
	size_t used = strlen(m->text);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m->text + used, sizeof m->text - used, fmt, ap);
	va_end(ap);
}

/* The chapter files, sorted; returns how many (0 if none). */
static size_t chapter_files(glob_t *g)
{
	if (glob("chapters/*.nw", 0, NULL, g) != 0) {
		g->gl_pathc = 0;
		return 0;
	}
	return g->gl_pathc;
}

/* "chapters/01-pages.nw" -> "01-pages" (into buf) */
static const char *stem(const char *path, char *buf, size_t size)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	snprintf(buf, size, "%s", base);
	char *dot = strstr(buf, ".nw");
	if (dot)
		*dot = '\0';
	return buf;
}

/* ---- ids and links in HTML ---------------------------------------------- */

struct page {
	char path[PATH_MAX];
	char **ids;
	size_t nids;
	int loaded, missing;
};

static struct page pages[256];
static size_t npages;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every value of an id="..." attribute in the file. */
static struct page *page_ids(const char *path)
{
	for (size_t i = 0; i < npages; i++)
		if (strcmp(pages[i].path, path) == 0)
			return &pages[i];
	cr_assert_lt(npages, sizeof pages / sizeof pages[0], "too many HTML pages for the test");
	struct page *pg = &pages[npages++];
	snprintf(pg->path, sizeof pg->path, "%s", path);
	char *html = slurp(path);
	if (!html) {
		pg->missing = 1;
		return pg;
	}
	size_t cap = 64;
	pg->ids = malloc(cap * sizeof *pg->ids);
	for (char *p = html; (p = strstr(p, " id=\"")) != NULL;) {
		p += 5;
		char *end = strchr(p, '"');
		if (!end)
			break;
		if (pg->nids == cap)
			pg->ids = realloc(pg->ids, (cap *= 2) * sizeof *pg->ids);
		pg->ids[pg->nids++] = strndup(p, (size_t)(end - p));
		p = end;
	}
	qsort(pg->ids, pg->nids, sizeof *pg->ids, cmp_str);
	free(html);
	pg->loaded = 1;
	return pg;
}

static int page_has_id(struct page *pg, const char *id)
{
	return bsearch(&id, pg->ids, pg->nids, sizeof *pg->ids, cmp_str) != NULL;
}

/* Undo the HTML and URL escaping of an attribute value, in place. */
static void unescape_href(char *s)
{
	char *w = s;
	for (char *r = s; *r;) {
		if (strncmp(r, "&amp;", 5) == 0) {
			*w++ = '&';
			r += 5;
		} else if (r[0] == '%' && r[1] && r[2]) {
			char hex[3] = { r[1], r[2], 0 };
			*w++ = (char)strtol(hex, NULL, 16);
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

static int has_scheme(const char *href)
{
	if (strncmp(href, "//", 2) == 0)
		return 1;
	const char *p = href;
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	while (*p && (strchr("+-.", *p) || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9')))
		p++;
	return *p == ':';
}

/* ---- the tests on the built book ---------------------------------------- */

Test(book_html, every_internal_link_resolves_to_a_file_and_an_id)
{
	glob_t g;
	int rc = glob(HTML_DIR "/*.html", 0, NULL, &g);
	cr_assert_eq(rc, 0, "expected HTML pages in " HTML_DIR "/ (run `make book` first); found none");
	struct msg m = { "", 0 };
	size_t checked = 0;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		const char *from = g.gl_pathv[i];
		char *html = slurp(from);
		cr_assert_not_null(html, "cannot read %s", from);
		for (char *p = html; (p = strstr(p, "href=\"")) != NULL;) {
			p += 6;
			char *end = strchr(p, '"');
			if (!end)
				break;
			char *href = strndup(p, (size_t)(end - p));
			p = end;
			unescape_href(href);
			if (has_scheme(href) || href[0] == '\0') {
				free(href);
				continue;
			}
			checked++;
			char *frag = strchr(href, '#');
			if (frag)
				*frag++ = '\0';
			char target[PATH_MAX];
			if (href[0] == '\0')
				snprintf(target, sizeof target, "%s", from);
			else
				snprintf(target, sizeof target, HTML_DIR "/%s", href);
			if (!file_exists(target)) {
				msg_add(&m, "\n  %s: href=\"%s%s%s\": expected the file %s, which does not exist",
					from, href, frag ? "#" : "", frag ? frag : "", target);
			} else if (frag && *frag && strstr(target, ".html")) {
				struct page *pg = page_ids(target);
				if (!page_has_id(pg, frag))
					msg_add(&m, "\n  %s: href=\"%s#%s\": expected an element with id=\"%s\" in %s; there is none",
						from, href, frag, frag, target);
			}
			free(href);
		}
		free(html);
	}
	globfree(&g);
	for (size_t i = 0; i < npages; i++) {
		for (size_t j = 0; j < pages[i].nids; j++)
			free(pages[i].ids[j]);
		free(pages[i].ids);
	}
	npages = 0;
	cr_expect_gt(checked, 0, "expected internal links in the HTML book; found none");
	cr_assert_eq(m.count, 0, "%d internal link(s) do not resolve:%s%s", m.count, m.text,
		     m.count > 12 ? "\n  ..." : "");
}

Test(book_html, contents_page_links_to_every_chapter_page)
{
	char *index = slurp(HTML_DIR "/index.html");
	cr_assert_not_null(index, "expected " HTML_DIR "/index.html (run `make book` first)");
	glob_t g;
	size_t n = chapter_files(&g);
	struct msg m = { "", 0 };
	for (size_t i = 0; i < n; i++) {
		char s[256], want[300], page[PATH_MAX];
		stem(g.gl_pathv[i], s, sizeof s);
		snprintf(page, sizeof page, HTML_DIR "/%s.html", s);
		snprintf(want, sizeof want, "href=\"%s.html\"", s);
		if (!file_exists(page))
			msg_add(&m, "\n  %s: expected the page %s; it does not exist", g.gl_pathv[i], page);
		if (!strstr(index, want))
			msg_add(&m, "\n  %s: expected index.html to contain %s; it does not", g.gl_pathv[i], want);
	}
	if (n)
		globfree(&g);
	free(index);
	cr_assert_eq(m.count, 0, "the contents page misses chapters:%s", m.text);
}

/* The pages in reading order: the chapters (files numbered below 90), the
 * tests part, the answers, the appendices (90 and up), the chunk list. */
static size_t reading_order(char pages[][300], size_t max)
{
	glob_t g;
	size_t n = chapter_files(&g), k = 0;
	char s[256];
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1 && k + 2 <= max) {
			snprintf(pages[k++], 300, "checking.html");
			snprintf(pages[k++], 300, "answers.html");
		}
		for (size_t i = 0; i < n && k < max; i++) {
			stem(g.gl_pathv[i], s, sizeof s);
			if ((atoi(s) >= 90) == (pass == 1))
				snprintf(pages[k++], 300, "%s.html", s);
		}
	}
	if (k < max)
		snprintf(pages[k++], 300, "chunks.html");
	if (n)
		globfree(&g);
	return k;
}

Test(book_html, each_page_links_to_previous_and_next_page_in_reading_order)
{
	char order[128][300];
	size_t n = reading_order(order, 128);
	if (n < 4)
		cr_skip_test("no chapters/*.nw yet");
	struct msg m = { "", 0 };
	for (size_t i = 0; i + 1 < n; i++) {
		char path[PATH_MAX], want[400];
		snprintf(path, sizeof path, HTML_DIR "/%.255s", order[i]);
		char *html = slurp(path);
		if (!html) {
			msg_add(&m, "\n  expected the page %s; it does not exist", path);
			continue;
		}
		snprintf(want, sizeof want, "<a rel=\"prev\" href=\"%s\">", i == 0 ? "index.html" : order[i - 1]);
		if (!strstr(html, want))
			msg_add(&m, "\n  %s: expected a previous-page link %s; not found", path, want);
		snprintf(want, sizeof want, "<a rel=\"next\" href=\"%s\">", order[i + 1]);
		if (!strstr(html, want))
			msg_add(&m, "\n  %s: expected a next-page link %s; not found", path, want);
		free(html);
	}
	cr_assert_eq(m.count, 0, "previous/next links are wrong:%s", m.text);
}

/* A root chunk of the chapters: its name, its chapter, and whether its
 * code uses another chunk.  Prefers a root that uses one. */
static int find_root(char *name, size_t nsize, char *chapter, size_t csize, int *has_use)
{
	glob_t g;
	size_t n = chapter_files(&g);
	int found = 0;
	for (size_t i = 0; i < n && found < 2; i++) {
		char *text = slurp(g.gl_pathv[i]);
		if (!text)
			continue;
		int in_root = 0, uses = 0;
		char cur[512] = "";
		for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
			size_t len = strlen(line);
			while (len && (line[len - 1] == ' ' || line[len - 1] == '\t' || line[len - 1] == '\r'))
				line[--len] = '\0';
			if (strncmp(line, "<<kernel/", 9) == 0 && len > 5 &&
			    strcmp(line + len - 3, ">>=") == 0) {
				snprintf(cur, sizeof cur, "%.*s", (int)(len - 5), line + 2);
				in_root = 1;
				uses = 0;
				continue;
			}
			if (in_root && (line[0] == '@' && (line[1] == '\0' || line[1] == ' ' || line[1] == '\t'))) {
				in_root = 0;
				if (!found || uses) {
					snprintf(name, nsize, "%s", cur);
					snprintf(chapter, csize, "%s", g.gl_pathv[i]);
					*has_use = uses;
					found = uses ? 2 : 1;
					if (found == 2)
						break;
				}
				continue;
			}
			if (in_root) {
				char *u = strstr(line, "<<");
				if (u && (u == line || u[-1] != '@') && strstr(u, ">>"))
					uses = 1;
			}
		}
		free(text);
	}
	if (n)
		globfree(&g);
	return found;
}

Test(book_html, a_root_chunk_is_shown_with_its_name_and_cross_references)
{
	char name[512], chapter[PATH_MAX], s[256], path[PATH_MAX], want[700];
	int has_use = 0;
	if (!find_root(name, sizeof name, chapter, sizeof chapter, &has_use))
		cr_skip_test("no root chunk <<kernel/...>>= in chapters/*.nw yet");
	stem(chapter, s, sizeof s);
	snprintf(path, sizeof path, HTML_DIR "/%s.html", s);
	char *html = slurp(path);
	cr_assert_not_null(html, "expected the page %s for %s", path, chapter);

	/* the chunk's header: <span class="chunk-name">⟨NAME&#8239;N⟩ */
	snprintf(want, sizeof want, "<span class=\"chunk-name\">\xE2\x9F\xA8%s&#8239;", name);
	char *head = strstr(html, want);
	cr_assert_not_null(head, "%s: expected the root chunk <<%s>> (from %s) as a chunk header %s...; not found",
			   path, name, chapter, want);

	/* its anchor: the enclosing <div id="ID" class="chunk"> */
	char *div = NULL;
	for (char *p = html; (p = strstr(p, "<div id=\"")) != NULL && p < head; p++)
		div = p;
	cr_assert_not_null(div, "%s: expected <div id=...> around the chunk <<%s>>", path, name);
	char id[256];
	char *q = strchr(div + 9, '"');
	snprintf(id, sizeof id, "%.*s", (int)(q - (div + 9)), div + 9);

	/* the chunk list links to its definition */
	char *chunks = slurp(HTML_DIR "/chunks.html");
	cr_assert_not_null(chunks, "expected " HTML_DIR "/chunks.html");
	snprintf(want, sizeof want, "href=\"%s.html#%s\"", s, id);
	cr_expect_not_null(strstr(chunks, want),
			   "chunks.html: expected a link %s to the definition of <<%s>>; not found", want, name);

	/* a chunk it uses says "Used in" with a link back to it */
	if (has_use) {
		int back = 0;
		char same[300], other[700];
		snprintf(same, sizeof same, "href=\"#%s\"", id);
		snprintf(other, sizeof other, "href=\"%s.html#%s\"", s, id);
		glob_t g;
		if (glob(HTML_DIR "/*.html", 0, NULL, &g) == 0) {
			for (size_t i = 0; i < g.gl_pathc && !back; i++) {
				char *page = slurp(g.gl_pathv[i]);
				for (char *p = page; p && (p = strstr(p, "<div class=\"used-in\">")) != NULL; p++) {
					char *end = strstr(p, "</div>");
					if (!end)
						break;
					*end = '\0';
					int hit = strcmp(g.gl_pathv[i], path) == 0 ? strstr(p, same) != NULL
										   : strstr(p, other) != NULL;
					*end = '<';
					if (hit) {
						back = 1;
						break;
					}
				}
				free(page);
			}
			globfree(&g);
		}
		cr_expect(back, "expected a chunk used by <<%s>> to say \"Used in\" with a link to #%s; none does",
			  name, id);
	}
	free(chunks);
	free(html);
}

/* The title of a chapter file: its first "# " line, Markdown stripped. */
static int chapter_title(const char *file, char *title, size_t size)
{
	char *text = slurp(file);
	if (!text)
		return 0;
	int ok = 0;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char *t = NULL;
		if (strncmp(line, "# ", 2) == 0)
			t = line + 2;
		else if (strncmp(line, "@ # ", 4) == 0)
			t = line + 4;
		if (!t)
			continue;
		char *brace = strstr(t, " {#");
		if (brace)
			*brace = '\0';
		size_t w = 0;
		for (char *r = t; *r && w + 1 < size; r++) {
			if (*r == '`' || *r == '*')
				continue;
			if ((r[0] == '[' && r[1] == '[') || (r[0] == ']' && r[1] == ']')) {
				r++;
				continue;
			}
			title[w++] = *r;
		}
		while (w && title[w - 1] == ' ')
			w--;
		title[w] = '\0';
		ok = 1;
		break;
	}
	free(text);
	return ok;
}

/* Collapse white space; typographic quotes to ASCII (LaTeX curls them). */
static void normalize(char *s)
{
	char *w = s;
	int space = 0;
	for (unsigned char *r = (unsigned char *)s; *r;) {
		if (r[0] == 0xE2 && r[1] == 0x80 && (r[2] == 0x98 || r[2] == 0x99)) {
			*w++ = '\'';
			r += 3;
			space = 0;
		} else if (r[0] == 0xE2 && r[1] == 0x80 && (r[2] == 0x9C || r[2] == 0x9D)) {
			*w++ = '"';
			r += 3;
			space = 0;
		} else if (*r == ' ' || *r == '\n' || *r == '\t' || *r == '\f' || *r == '\r') {
			if (!space && w != s)
				*w++ = ' ';
			space = 1;
			r++;
		} else {
			*w++ = (char)*r++;
			space = 0;
		}
	}
	*w = '\0';
}

Test(book_pdf, pdf_text_contains_every_chapter_title)
{
	cr_assert(file_exists(PDF_PATH), "expected " PDF_PATH " (run `make book` first)");
	char *text;
	int rc = run("pdftotext -enc UTF-8 " PDF_PATH " -", &text);
	cr_assert_eq(rc, 0, "pdftotext " PDF_PATH " failed (status %d): %s", rc, text);
	normalize(text);
	glob_t g;
	size_t n = chapter_files(&g);
	struct msg m = { "", 0 };
	for (size_t i = 0; i < n; i++) {
		char title[512];
		if (!chapter_title(g.gl_pathv[i], title, sizeof title)) {
			msg_add(&m, "\n  %s: no '# Title' line", g.gl_pathv[i]);
			continue;
		}
		normalize(title);
		if (!strstr(text, title))
			msg_add(&m, "\n  %s: expected the title \"%s\" in the PDF text; not found",
				g.gl_pathv[i], title);
	}
	if (n)
		globfree(&g);
	free(text);
	cr_assert_eq(m.count, 0, "chapter titles missing from " PDF_PATH ":%s", m.text);
}

Test(book_pdf, pdf_embeds_a_noto_cjk_font_for_chinese)
{
	cr_assert(file_exists(PDF_PATH), "expected " PDF_PATH " (run `make book` first)");
	char *fonts;
	int rc = run("pdffonts " PDF_PATH, &fonts);
	cr_assert_eq(rc, 0, "pdffonts " PDF_PATH " failed (status %d): %s", rc, fonts);
	cr_assert(strstr(fonts, "NotoSerifCJK") || strstr(fonts, "NotoSansCJK"),
		  "expected pdffonts to list a NotoSerifCJK or NotoSansCJK font; it lists:\n%s", fonts);
	free(fonts);
}

/* On paper a link cannot be followed: in the PDF a link to a section of
 * another chapter, such as the glossary's, carries the section's page. */
Test(book_pdf, links_to_other_chapters_give_the_page_number)
{
	char *text;
	int rc = run("pdftotext -enc UTF-8 " PDF_PATH " -", &text);
	cr_assert_eq(rc, 0, "pdftotext " PDF_PATH " failed (status %d): %s", rc, text);
	normalize(text);
	const char *entry = strstr(text, "buddy system (\xE4\xBC\x99\xE4\xBC\xB4\xE7\xB3\xBB\xE7\xBB\x9F)");
	cr_assert_not_null(entry, "expected the glossary entry 'buddy system (\xE4\xBC\x99\xE4\xBC\xB4\xE7\xB3\xBB\xE7\xBB\x9F)' in the PDF text");
	unsigned page = 0;
	const char *ref = strstr(entry, "(p. ");
	cr_assert(ref && ref - entry < 400 && sscanf(ref, "(p. %u)", &page) == 1 && page > 0,
		  "expected '(p. N)' after the glossary's link; the entry reads: %.300s", entry);
	free(text);
}

/* The page of label @name in the .aux text (its second brace group), or NULL. */
static const char *aux_page(const char *aux, const char *name, char *page, size_t size)
{
	char key[256];
	snprintf(key, sizeof key, "\\newlabel{%s}{{", name);
	const char *at = strstr(aux, key);
	if (!at)
		return NULL;
	at += strlen(key);
	int depth = 1;			/* skip the first group: {REF} */
	while (*at && depth) {
		depth += *at == '{';
		depth -= *at == '}';
		at++;
	}
	if (*at != '{')
		return NULL;
	size_t n = strcspn(++at, "}");
	snprintf(page, size, "%.*s", (int)(n < size ? n : size - 1), at);
	return page;
}

/* A chunk that fits on a page is set on one page: the labels the weaver
 * puts at each chunk's head and at its last line land on the same page.
 * Chunks of up to 40 lines of code are held to it (a page has room for
 * about 55 of code, and the head and cross-references take some). */
Test(book_pdf, a_short_chunk_is_not_split_across_pages)
{
	char *tex = slurp("build/book/tex/book.tex"), *aux = slurp("build/book/tex/book.aux");
	cr_assert(tex && aux, "expected build/book/tex/book.tex and book.aux (run `make book` first)");
	struct msg m = { "", 0 };
	int checked = 0;
	for (char *p = tex; (p = strstr(p, "\\nwchunkhead{")) != NULL; p++) {
		char label[128], num[32], b[32], e[32], name[160];
		if (sscanf(p, "\\nwchunkhead{%*d}{%127[^}]}{%31[^}]}", label, num) != 2)
			continue;
		char *end = strstr(p, "\\end{Highlighting}");
		int lines = 0;
		for (char *q = p; end && q < end; q++)
			lines += *q == '\n';
		snprintf(name, sizeof name, "nwb-%s", label);
		if (!aux_page(aux, name, b, sizeof b)) {
			msg_add(&m, "\n  chunk %s: no page recorded for its head", num);
			continue;
		}
		snprintf(name, sizeof name, "nwe-%s", label);
		if (!aux_page(aux, name, e, sizeof e) || lines > 20)	/* KEEP_LINES of the reader */
			continue;
		checked++;
		if (strcmp(b, e) != 0)
			msg_add(&m, "\n  chunk %s (%d lines): starts on page %s, ends on page %s", num, lines, b, e);
	}
	free(tex);
	free(aux);
	cr_expect_gt(checked, 100, "expected over 100 chunks to check; found %d", checked);
	cr_expect_eq(m.count, 0, "short chunks split across pages:%s", m.text);
}

/* xelatex reports every line it could not fit as "Overfull \hbox (Npt too
 * wide) in paragraph at lines A--B"; the book has none, in code or prose. */
Test(book_pdf, no_line_is_wider_than_the_page)
{
	const char *log = "build/book/tex/book.log";
	char *text = slurp(log);
	cr_assert_not_null(text, "expected %s (run `make book` first)", log);
	struct msg m = { "", 0 };
	for (char *p = text; (p = strstr(p, "Overfull \\hbox")) != NULL; p++) {
		char *eol = strchr(p, '\n');
		char *next = eol ? strchr(eol + 1, '\n') : NULL;
		msg_add(&m, "\n  %.*s", (int)((next ? next : p + strlen(p)) - p), p);
	}
	free(text);
	cr_expect_eq(m.count, 0, "expected no overfull lines in the PDF; %s reports %d:%s", log, m.count,
		     m.text);
}

/* ---- the weaver refuses chapters it cannot render faithfully ------------- */

/* Make a scratch repository with book/ linked and one chapter; return its
 * path (malloc'd). */
static char *scratch(const char *chapter_name, const char *text)
{
	char tmpl[] = "/tmp/book-test-XXXXXX";
	char *dir = mkdtemp(tmpl);
	cr_assert_not_null(dir, "mkdtemp failed");
	char cwd[PATH_MAX], path[PATH_MAX * 2];
	cr_assert_not_null(getcwd(cwd, sizeof cwd));
	snprintf(path, sizeof path, "%s/chapters", dir);
	cr_assert_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/book", dir);
	char target[PATH_MAX + 8];
	snprintf(target, sizeof target, "%s/book", cwd);
	cr_assert_eq(symlink(target, path), 0);
	snprintf(path, sizeof path, "%s/chapters/%s", dir, chapter_name);
	FILE *f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
	return strdup(dir);
}

static void remove_scratch(char *dir)
{
	char *cmd, *out;
	if (asprintf(&cmd, "rm -rf '%s'", dir) >= 0) {
		run(cmd, &out);
		free(out);
		free(cmd);
	}
	free(dir);
}

/* Weave one chapter of a scratch repository to HTML as book.mk does. */
static int weave(const char *dir, const char *part, char **out)
{
	char *cmd;
	cr_assert(asprintf(&cmd,
			   "cd '%s' && mkdir -p nw/chapters && "
			   "awk -v out=nw -f book/nwprep.awk chapters/*.nw && "
			   "(cd nw && noweave -n -t4 -index -backend cat chapters/*.nw) > markup && "
			   "BOOK_MODE=html BOOK_PART=%s pandoc -f book/noweb-reader.lua "
			   "--metadata title=t -t html5 -s markup -o page.html",
			   dir, part) >= 0);
	int rc = run(cmd, out);
	free(cmd);
	return rc;
}

/* Weave a scratch repository's whole book to LaTeX as book.mk does. */
static int weave_latex(const char *dir, char **out)
{
	char *cmd;
	cr_assert(asprintf(&cmd,
			   "cd '%s' && mkdir -p nw/chapters && "
			   "awk -v out=nw -f book/nwprep.awk chapters/*.nw && "
			   "(cd nw && noweave -n -t4 -index -backend cat chapters/*.nw) > markup && "
			   "BOOK_MODE=latex BOOK_PART=book pandoc -f book/noweb-reader.lua "
			   "--metadata title=t -t latex markup -o book.tex",
			   dir) >= 0);
	int rc = run(cmd, out);
	free(cmd);
	return rc;
}

/* Plain code in prose (kernel output, tables) is set in the largest font
 * that holds its widest line, and wrapped only when none does. */
Test(book_weaver, plain_code_in_the_pdf_is_sized_to_fit_the_page)
{
	char line[4][256];
	int width[4] = { 60, 106, 120, 200 };
	for (int i = 0; i < 4; i++) {
		memset(line[i], 'a' + i, (size_t)width[i]);
		line[i][width[i]] = '\0';
	}
	char *text;
	cr_assert(asprintf(&text,
			   "@ # A title\n\n"
			   "```\n%s\n```\n\n```\n%s\n```\n\n```\n%s\n```\n\n```\n%s\n```\n\n"
			   "<<kernel/x.c>>=\nint x;\n@\n",
			   line[0], line[1], line[2], line[3]) >= 0);
	char *dir = scratch("00-ok.nw", text);
	free(text);
	char *out;
	int rc = weave_latex(dir, &out);
	cr_assert_eq(rc, 0, "expected the weaver to succeed; it failed with:\n%s", out);
	free(out);
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/book.tex", dir);
	char *tex = slurp(path);
	cr_assert_not_null(tex, "expected %s", path);
	const char *want[4] = { "[fontsize=\\small]", "[fontsize=\\footnotesize]",
				"[fontsize=\\scriptsize]", "[fontsize=\\small,breaklines=true" };
	for (int i = 0; i < 4; i++) {
		char *at = strstr(tex, line[i]);
		cr_assert_not_null(at, "expected the %d-character line in book.tex", width[i]);
		char *open = at;
		while (open > tex && strncmp(open, "\\begin{Verbatim}", 16) != 0)
			open--;
		cr_expect(strncmp(open + 16, want[i], strlen(want[i])) == 0,
			  "expected the %d-character line in \\begin{Verbatim}%s; saw %.60s", width[i], want[i],
			  open);
	}
	free(tex);
	remove_scratch(dir);
}

/* fvextra's breaklines is slow, so only a chunk wider than the page has it. */
Test(book_weaver, only_a_chunk_wider_than_the_page_is_wrapped)
{
	char wide[160];
	memset(wide, 'w', 120);
	wide[120] = '\0';
	char *text;
	cr_assert(asprintf(&text,
			   "@ # A title\n\n"
			   "<<kernel/x.c>>=\n<<narrow>>\n<<wide>>\n@\n"
			   "<<narrow>>=\nint narrow_one;\n@\n"
			   "<<wide>>=\nint %s;\n@\n", wide) >= 0);
	char *dir = scratch("00-ok.nw", text);
	free(text);
	char *out;
	int rc = weave_latex(dir, &out);
	cr_assert_eq(rc, 0, "expected the weaver to succeed; it failed with:\n%s", out);
	free(out);
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/book.tex", dir);
	char *tex = slurp(path);
	cr_assert_not_null(tex, "expected %s", path);
	const char *n = strstr(tex, "narrow\\_one"), *w = strstr(tex, wide);
	cr_assert(n && w, "expected both chunks in book.tex");
	const char *nb = n, *wb = w;
	while (nb > tex && strncmp(nb, "\\begin{Highlighting}", 20) != 0)
		nb--;
	while (wb > tex && strncmp(wb, "\\begin{Highlighting}", 20) != 0)
		wb--;
	cr_expect(strncmp(nb, "\\begin{Highlighting}[]", 22) == 0, "the narrow chunk: %.40s", nb);
	cr_expect(strncmp(wb, "\\begin{Highlighting}[breaklines=true", 36) == 0, "the wide chunk: %.50s", wb);
	free(tex);
	remove_scratch(dir);
}




/* A name a test defines is not indexed, so the kernel's own word of the same
 * spelling is not linked to the test; the kernel's definitions are. */
Test(book_weaver, identifiers_defined_by_tests_stay_out_of_the_index)
{
	char *dir = scratch("00-ok.nw",
			    "@ # A title\n\n"
			    "<<kernel/x.c>>=\nint held_pages(int run) { return run; }\n@ %def held_pages\n"
			    "## Checking it {.checks}\n\n"
			    "<<kernel/tests/host/x_test.c>>=\n<<helpers for the x tests>>\n@\n"
			    "<<helpers for the x tests>>=\nstatic int run;\n@ %def run\n"
			    "<<host tests of [[x]]>>=\nstatic int held;\n@ %def held\n"
			    "<<kernel/tests/host/y_test.c>>=\n<<host tests of [[x]]>>\n@\n");
	char *cmd, *out;
	cr_assert(asprintf(&cmd, "cd '%s' && mkdir -p nw/chapters && awk -v out=nw -f book/nwprep.awk "
			   "chapters/*.nw && cd nw && noweave -n -index -backend cat chapters/*.nw", dir) >= 0);
	int rc = run(cmd, &out);
	cr_assert_eq(rc, 0, "%s", out);
	cr_expect(strstr(out, "@index defn held_pages\n"), "the kernel's function is indexed:\n%s", out);
	cr_expect(!strstr(out, "@index defn run\n"), "a test helper's name is not:\n%s", out);
	cr_expect(!strstr(out, "@index defn held\n"), "nor a host test's:\n%s", out);
	cr_expect(!strstr(out, "@index use run\n"), "so the kernel's 'run' is no use of it:\n%s", out);
	free(out);
	free(cmd);
	remove_scratch(dir);
}

/* A malformed chapter is refused with file:line and what is wrong. */
struct refusal {
	const char *what, *chapter, *message;
};

static const struct refusal refusals[] = {
	{ "a use of an undefined chunk",
	  "@ # A title\n\n<<kernel/x.c>>=\nint x;\n<<a part nobody wrote>>\n@\n",
	  "chapters/00-bad.nw:5: <<a part nobody wrote>> is used here but never defined" },
	{ "a chapter that does not open with its title",
	  "@ Some prose before any title.\n\n# The title, too late\n<<kernel/x.c>>=\nint x;\n@\n",
	  "chapters/00-bad.nw:1: the chapter must open with its title" },
	{ "a continuation before the definition",
	  "@ # A title\n<<kernel/x.c>>=\n<<the part>>\n@\n<<the part>>+=\nint x;\n@\n",
	  "chapters/00-bad.nw:5: <<the part>>+= continues a chunk that has no <<the part>>= before it" },
	{ "a chapter named by its number in plain text",
	  "@ # A title\n\nAs chapter 3 showed, pages come in zones.\n",
	  "chapters/00-bad.nw:1: \"chapter 3 showed" },
	{ "a link to a chapter that does not exist",
	  "@ # A title\n\nSee [](#07-nothing).\n",
	  "the link to #07-nothing has no target" },
	{ "a tests heading below ###",
	  "@ # A title\n\n#### Deep tests {.checks}\n",
	  "chapters/00-bad.nw:3: a tests heading {.checks} must be '## ' or '### '" },
	{ "a question with two answers",
	  "@ # A title\n\n1. Why?\n\n   ::: answer\n   One.\n   :::\n\n   ::: answer\n   Two.\n   :::\n",
	  "question 1 has two answers" },
};

Test(book_weaver, refuses_malformed_chapters_naming_file_and_line)
{
	struct msg m = { "", 0 };
	for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
		const struct refusal *r = &refusals[i];
		char *dir = scratch("00-bad.nw", r->chapter);
		char *out;
		int rc = weave(dir, "00-bad", &out);
		if (rc == 0)
			msg_add(&m, "\n  %s: expected the weaver to fail; it exited 0", r->what);
		else if (!strstr(out, r->message))
			msg_add(&m, "\n  %s: expected '%s'; saw:\n%.600s", r->what, r->message, out);
		free(out);
		remove_scratch(dir);
	}
	cr_assert_eq(m.count, 0, "malformed chapters:%s", m.text);
}

Test(book_weaver, renders_a_continuation_and_prose_with_shift_operators)
{
	char *dir = scratch("00-ok.nw",
			    "@ # A title\n"
			    "\n"
			    "The status is `(v << 1) | 1`.\n"
			    "<<kernel/x.c>>=\n"
			    "<<the part>>\n"
			    "@\n"
			    "<<the part>>=\n"
			    "int x;\n"
			    "@ %def x\n"
			    "<<the part>>+=\n"
			    "int y = x << 2;\n"
			    "@\n");
	char *out;
	int rc = weave(dir, "00-ok", &out);
	cr_assert_eq(rc, 0, "expected the weaver to succeed; it failed with:\n%s", out);
	free(out);
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/page.html", dir);
	char *html = slurp(path);
	cr_assert_not_null(html, "expected %s", path);
	cr_expect(strstr(html, "<code>(v &lt;&lt; 1) | 1</code>") != NULL,
		  "expected the prose code span <code>(v &lt;&lt; 1) | 1</code> in the page; not found");
	cr_expect(strstr(html, "<span class=\"chunk-op\">+\xE2\x89\xA1</span>") != NULL,
		  "expected the continuation marked +\xE2\x89\xA1; not found");
	cr_expect(strstr(html, "<span class=\"chunk-name\">\xE2\x9F\xA8the part&#8239;0.2\xE2\x9F\xA9</span>") != NULL,
		  "expected the first definition's header \xE2\x9F\xA8the part 0.2\xE2\x9F\xA9; not found");
	cr_expect(strstr(html, "<span class=\"dt\">int</span>") != NULL,
		  "expected C highlighting (<span class=\"dt\">int</span>); not found");
	free(html);
	remove_scratch(dir);
}

/* A small chapter with a tests group and a question with an answer. */
#define CHAPTER_WITH_TESTS							\
	"@ # A title\n"								\
	"\n"									\
	"The problem.\n"							\
	"\n"									\
	"## The code\n"								\
	"<<kernel/x.c>>=\n"							\
	"int x;\n"								\
	"@\n"									\
	"### Checking the code {.checks}\n"					\
	"<<kernel/tests/host/x_test.c>>=\n"					\
	"int x_is_zero;\n"							\
	"@\n"									\
	"## Questions\n"							\
	"\n"									\
	"1. What is x?\n"							\
	"\n"									\
	"   ::: answer\n"							\
	"   Zero, as the code of [](#the-code) says.\n"				\
	"   :::\n"

Test(book_weaver, tests_leave_the_reading_flow_for_their_part_linked_both_ways)
{
	char *dir = scratch("00-ok.nw", CHAPTER_WITH_TESTS);
	char *out, path[PATH_MAX];
	cr_assert_eq(weave(dir, "00-ok", &out), 0, "expected the chapter to weave; it failed with:\n%s", out);
	free(out);
	snprintf(path, sizeof path, "%s/page.html", dir);
	char *html = slurp(path);
	cr_assert_not_null(html);
	cr_expect(strstr(html, "x_is_zero") == NULL, "expected the test chunk out of the chapter's page; it is there");
	cr_expect(strstr(html, "href=\"checking.html#checking-the-code\"") != NULL,
		  "expected the chapter to link to its tests (checking.html#checking-the-code); not found");
	cr_expect(strstr(html, "T.0.1") != NULL, "expected the tests' section number T.0.1 in the chapter's link");
	free(html);
	cr_assert_eq(weave(dir, "checking", &out), 0, "expected the tests part to weave; it failed with:\n%s", out);
	free(out);
	html = slurp(path);
	cr_expect(strstr(html, "x_is_zero") != NULL, "expected the test chunk in checking.html; not found");
	cr_expect(strstr(html, ">T0.1</a>") != NULL, "expected the test chunk numbered T0.1; not found");
	cr_expect(strstr(html, "href=\"00-ok.html#the-code\"") != NULL,
		  "expected the tests to link back to the section they check (00-ok.html#the-code); not found");
	cr_expect(strstr(html, "<details class=\"tests\">") != NULL, "expected the group to fold (details)");
	free(html);
	remove_scratch(dir);
}

Test(book_weaver, answers_go_to_their_appendix_and_link_to_their_question)
{
	char *dir = scratch("00-ok.nw", CHAPTER_WITH_TESTS);
	char *out, path[PATH_MAX];
	cr_assert_eq(weave(dir, "00-ok", &out), 0, "the chapter failed to weave:\n%s", out);
	free(out);
	snprintf(path, sizeof path, "%s/page.html", dir);
	char *html = slurp(path);
	cr_expect(strstr(html, "Zero, as the code") == NULL, "expected the answer out of the chapter; it is there");
	cr_expect(strstr(html, "href=\"answers.html#answer-00-ok-1\"") != NULL,
		  "expected the question to link to answers.html#answer-00-ok-1; not found");
	free(html);
	cr_assert_eq(weave(dir, "answers", &out), 0, "the answers failed to weave:\n%s", out);
	free(out);
	html = slurp(path);
	cr_expect(strstr(html, "Zero, as the code") != NULL, "expected the answer in answers.html; not found");
	cr_expect(strstr(html, "href=\"00-ok.html#question-00-ok-1\"") != NULL,
		  "expected the answer to link back to its question; not found");
	cr_expect(strstr(html, "Question\xC2\xA0" "0.1") != NULL, "expected the answer headed 'Question 0.1'");
	free(html);
	remove_scratch(dir);
}


Test(book_weaver, an_empty_link_to_a_chapter_or_chunk_says_its_number)
{
	char *dir = scratch("00-ok.nw",
			    "@ # A title\n"
			    "\n"
			    "See [](#00-ok) and [](<#chunk:the part>) ([](<#chunk:the part>){.num}).\n"
			    "<<kernel/x.c>>=\n"
			    "<<the part>>\n"
			    "@\n"
			    "<<the part>>=\n"
			    "int x;\n"
			    "@\n");
	char *out, path[PATH_MAX];
	cr_assert_eq(weave(dir, "00-ok", &out), 0, "expected the weaver to succeed; it failed with:\n%s", out);
	free(out);
	snprintf(path, sizeof path, "%s/page.html", dir);
	char *html = slurp(path);
	cr_expect(strstr(html, ">chapter 0</a>") != NULL, "expected [](#00-ok) to read 'chapter 0'");
	cr_expect(strstr(html, "the part 0.2\xE2\x9F\xA9</a>") != NULL, "expected the chunk link to read \xE2\x9F\xA8the part 0.2\xE2\x9F\xA9");
	cr_expect(strstr(html, ">0.2</a>)") != NULL, "expected the {.num} link to read 0.2");
	free(html);
	remove_scratch(dir);
	dir = scratch("00-bad.nw", "@ # A title\n\nSee [](#07-nothing).\n");
	cr_expect_neq(weave(dir, "00-bad", &out), 0, "expected a link to a missing chapter to fail");
	cr_expect(strstr(out, "the link to #07-nothing has no target") != NULL, "saw:\n%s", out);
	free(out);
	remove_scratch(dir);
}

/* Call fn on the HTML of every chapter page; returns how many pages it read. */
static size_t each_chapter_page(void (*fn)(const char *path, char *html, struct msg *m, size_t *count),
				struct msg *m, size_t *count)
{
	glob_t g;
	size_t n = chapter_files(&g), read = 0;
	for (size_t i = 0; i < n; i++) {
		char s[256], path[PATH_MAX];
		stem(g.gl_pathv[i], s, sizeof s);
		snprintf(path, sizeof path, HTML_DIR "/%s.html", s);
		char *html = slurp(path);
		if (!html)
			continue;
		fn(path, html, m, count);
		free(html);
		read++;
	}
	if (n)
		globfree(&g);
	return read;
}

static void find_test_chunks(const char *path, char *html, struct msg *m, size_t *count)
{
	for (char *p = html; (p = strstr(p, "<span class=\"chunk-name\">")) != NULL; p++) {
		char *end = strstr(p, "</span>");
		if (!end)
			break;
		char name[400];
		snprintf(name, sizeof name, "%.*s", (int)(end - p), p);
		(*count)++;
		if (strstr(name, "kernel/tests/") || strcasestr(name, "test"))
			msg_add(m, "\n  %s: a test chunk in the reading flow: %s", path, name + 25);
	}
}

Test(book_html, no_chapter_page_shows_a_test_chunk)
{
	struct msg m = { "", 0 };
	size_t chunks = 0;
	cr_assert_gt(each_chapter_page(find_test_chunks, &m, &chunks), 0, "expected chapter pages (make book)");
	cr_expect_gt(chunks, 0, "expected chunks on the chapter pages");
	cr_assert_eq(m.count, 0, "test listings belong in 'Checking our work' (a {.checks} heading):%s", m.text);
}

Test(book_weaver, the_kernel_names_no_chapter_by_number_and_only_chapters_that_exist)
{
	char *out;
	int rc = run("grep -rnE '[Cc]hapters? [0-9]+' kernel | head -5", &out);
	cr_expect(rc == 0 && out[0] == '\0',
		  "kernel/ names chapters by number (numbers move; name the file, chapters/NN-slug.nw):\n%s", out);
	free(out);
	rc = run("for f in $(grep -rhoE 'chapters/[0-9]+-[a-z0-9-]+\\.nw' kernel | sort -u); do "
		 "[ -f \"$f\" ] || echo \"$f\"; done", &out);
	cr_expect(rc == 0 && out[0] == '\0', "kernel/ names chapter files that do not exist:\n%s", out);
	free(out);
}

static void check_figures(const char *path, char *html, struct msg *m, size_t *count)
{
	for (char *p = html; (p = strstr(p, "class=\"figure\">")) != NULL; p++) {
		(*count)++;
		char *cap = strstr(p, "<strong>Figure\xC2\xA0");
		char *next = strstr(p + 1, "class=\"figure\">");
		if (!cap || (next && cap > next))
			msg_add(m, "\n  %s: a figure without its 'Figure N.k.' caption", path);
	}
}

Test(book_html, every_figure_is_numbered_and_captioned)
{
	struct msg m = { "", 0 };
	size_t figures = 0;
	each_chapter_page(check_figures, &m, &figures);
	cr_expect_gt(figures, 0, "expected figures in the book");
	cr_assert_eq(m.count, 0, "figures must be numbered and captioned:%s", m.text);
}

Test(book_weaver, a_chapter_without_its_endings_fails_the_book)
{
	char *dir = scratch("03-bare.nw",
			    "@ # A title\n\nThe problem.\n\n## Summary\n\nAll of it.\n\n"
			    "## Questions\n\n1. Why?\n\n   ::: answer\n   Because.\n   :::\n");
	char *cmd, *out;
	cr_assert(asprintf(&cmd,
			   "cd '%s' && mkdir -p nw/chapters && awk -v out=nw -f book/nwprep.awk chapters/*.nw && "
			   "(cd nw && noweave -n -t4 -index -backend cat chapters/*.nw) > markup && "
			   "BOOK_REQUIRE_ENDINGS=1 BOOK_MODE=latex BOOK_PART=book pandoc -f book/noweb-reader.lua "
			   "--metadata title=t -t latex markup -o book.tex", dir) >= 0);
	int rc = run(cmd, &out);
	free(cmd);
	cr_expect_neq(rc, 0, "expected the book to fail; it exited 0 with:\n%s", out);
	cr_expect(strstr(out, "chapters/03-bare.nw: the chapter has no '## How Linux differs' section") != NULL,
		  "expected the missing section named with the file; saw:\n%s", out);
	cr_expect(strstr(out, "chapters/03-bare.nw: no question has an answer with a run block") != NULL,
		  "expected the missing predict-then-run answer named; saw:\n%s", out);
	cr_expect(strstr(out, "'## Summary'") == NULL, "the Summary is there; saw:\n%s", out);
	free(out);
	remove_scratch(dir);
}

/*
 * make book -j builds the book's benchmarks with one sub-make, so that the
 * objects they share are compiled once: in a dry run of all of them, with
 * every target out of date, the shared page allocator is compiled once.
 */
Test(book_build, the_benchmarks_share_one_build_of_their_objects, .timeout = 120)
{
	char *out;
	int compiles = 0;

	cr_assert_eq(run("B=$(sed -n 's|^<<kernel/tests/bench/\\(.*\\)\\.c>>=$|build/bench/\\1|p' "
			 "chapters/*.nw); test -n \"$B\" && make -nB -j4 $B", &out), 0, "%s", out);
	for (const char *p = out; (p = strstr(p, "-o build/host-bench/mm/page_alloc.c.o")); p++)
		compiles++;
	cr_expect_eq(compiles, 1, "page_alloc.c is compiled %d times for the benchmarks:\n%s",
		     compiles, out);
	free(out);
}
