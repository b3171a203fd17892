/*
 * tangle: write the kernel's files from the book's chapters.
 *
 *   tangle [--out DIR] [--src DIR] [--check] [--list-roots]
 *          [--replace NAME=FILE]... [--answers FILE.nw]... FILE.nw...
 *   tangle --chunk NAME FILE.nw...
 *
 * Every chunk that no other chunk uses is a root, named by the path of the
 * file it becomes (kernel/...).  Each root is written twice:
 *
 *   DIR(--out, default .)/kernel/x.c        clean, readable: a header naming
 *       the chapters it comes from, and each use that stands alone on its line
 *       preceded by a comment giving the chunk's name;
 *   DIR(--src, default build/src)/kernel/x.c  what the compiler sees: no
 *       chunk-name comments, and for .c .h .S files #line directives, so every
 *       diagnostic and every debugger line points into the chapter.
 *
 * A file is rewritten only when its content changes (cpif), so make rebuilds
 * only what changed.  Nothing is written when any chapter has an error; every
 * error is reported, as file:line: error: message.
 *
 * --check writes nothing: it compares what the clean copies would be with the
 * files under --out and reports each difference (with a unified diff) and each
 * file under --out/kernel/ that no root produces.  --list-roots prints the
 * root paths.  --replace NAME=FILE tangles with chunk NAME's body replaced by
 * FILE's text (for graded exercises); NAME is split from FILE at the last '='.
 *
 * --answers FILE.nw (graded exercises) reads a noweb file of a student's
 * answers: each code chunk it defines replaces the whole body (every = and +=
 * part) of the book's chunk of that name, as --replace does, with #line
 * directives pointing into FILE.nw.  A += in it continues a chunk defined
 * earlier in the same file; uses in it name the book's chunks.  An answer may
 * not define a chunk the book does not have, nor a root (a file's chunk), and
 * no chunk may be replaced twice (by two --replace or --answers).  The header
 * of a file an answers file contributes to names it too.  Cycles are looked
 * for in the book as written and, separately, in the book as tangled with its
 * replacements, so a replaced body's uses cannot make a false cycle.
 *
 * --chunk NAME prints the raw text of the book's chunk NAME, all its parts in
 * order, exactly as the chapters write it (uses and escapes left as written),
 * and exits 0; 1 if the chapters define no such chunk.  It reads but does not
 * check the chapters.
 *
 * Syntax (noweb's, see chapters/FORMAT.md): a line <<name>>= or <<name>>+=
 * (trailing blanks allowed) starts a code chunk, which ends at a line starting
 * with @ followed by a blank or the end of the line, at the next definition
 * line, or at the end of the file.  In code, <<name>> uses a chunk; @<< and @>>
 * are a literal << and >>, @@ at the start of a line is a literal @, and << with
 * no >> after it on the line is literal text.
 *
 * Exit status: 0 on success, 1 on any error or (with --check) any drift,
 * 2 on a bad command line.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---------------------------------------------------------------- memory */

/* Append item to the growable array vec of n elements with room for cap. */
#define APPEND(vec, n, cap, item)                                          \
	do {                                                                \
		if ((n) == (cap)) {                                         \
			(cap) = (cap) ? 2 * (cap) : 8;                      \
			(vec) = xrealloc((vec), (size_t)(cap) * sizeof *(vec)); \
		}                                                           \
		(vec)[(n)++] = (item);                                      \
	} while (0)

/* Exit with a message: the only failure we do not recover from is no memory. */
static void out_of_memory(void)
{
	fputs("tangle: out of memory\n", stderr);
	exit(1);
}

/* realloc that never returns NULL. */
static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	return p;
}

/* A NUL-terminated copy of the n bytes at s. */
static char *xstrndup(const char *s, size_t n)
{
	char *p = xrealloc(NULL, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* printf into a fresh string. */
static char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		out_of_memory();
	va_end(ap);
	return s;
}

/* A growable string; s is always NUL-terminated once anything is added. */
struct buf {
	char *s;
	size_t len, cap;
};

/* Append the n bytes at s to b. */
static void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = 2 * (b->len + n + 1);
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Append the string s to b. */
static void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* ----------------------------------------------------------- diagnostics */

/* What a source is: a chapter, a --replace file or an --answers file. */
enum source_kind { CHAPTER, REPLACE, ANSWERS };

/*
 * A source of chunk text: a chapter named on the command line, a --replace
 * file or an --answers file.  order sorts diagnostics into command-line order.
 */
struct source {
	const char *name;	/* the path as given on the command line */
	enum source_kind kind;
	int order;
	bool contributes;	/* gave text to the file being expanded now */
};

/* One error, kept until all are found so they can be printed in file order. */
struct diag {
	int order, line, seq;	/* sort key: source, line, discovery */
	char *msg;
};

static struct diag *diags;
static int ndiags, diags_cap;

/* Record an error at src:line (src NULL: an error of the command line). */
static void error_at(const struct source *src, int line, const char *fmt, ...)
{
	va_list ap;
	char *what, *msg;

	va_start(ap, fmt);
	if (vasprintf(&what, fmt, ap) < 0)
		out_of_memory();
	va_end(ap);
	if (src)
		msg = xasprintf("%s:%d: error: %s", src->name, line, what);
	else
		msg = xasprintf("tangle: error: %s", what);
	free(what);
	struct diag d = { src ? src->order : -1, line, ndiags, msg };
	APPEND(diags, ndiags, diags_cap, d);
}

/* qsort order for diagnostics: by source, then line, then discovery. */
static int diag_cmp(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq - y->seq;
}

/* Print every recorded error in file order; return how many there were. */
static int report_diagnostics(void)
{
	if (ndiags > 0)
		qsort(diags, (size_t)ndiags, sizeof *diags, diag_cmp);
	for (int i = 0; i < ndiags; i++)
		fprintf(stderr, "%s\n", diags[i].msg);
	return ndiags;
}

/* ---------------------------------------------------------------- chunks */

struct chunk;

/* A piece of a code line: literal text (escapes resolved), or a use. */
struct seg {
	char *text;		/* NULL for a use */
	size_t len;
	struct chunk *use;	/* NULL for text */
};

/* One line of code, split into text and uses. */
struct codeline {
	struct source *src;
	int lineno;		/* 1-based line in src */
	char *raw;		/* the line as written (for --chunk) */
	struct seg *segs;
	int nsegs;
	struct chunk *alone;	/* the chunk, when the line is only a use */
	char *indent;		/* then: the blanks before that use */
};

/* The text under one <<name>>= or <<name>>+= line, or a --replace file. */
struct part {
	struct source *src;
	int def_line;		/* line of the definition; 0 for --replace */
	struct chunk *owner;	/* the chunk it is (or would be) part of */
	struct codeline *lines;
	int nlines, cap;
};

enum mark { UNSEEN, ON_PATH, DONE };	/* depth-first search for cycles */

struct chunk {
	char *name;
	struct part **parts;	/* from the chapters, in order */
	int nparts, parts_cap;
	struct part **repl;	/* from --replace or --answers; replace all parts */
	int nrepl, repl_cap;
	struct source *repl_src; /* the one source replacing it; NULL if none */
	int repl_line;		/* where in repl_src (0 for --replace) */
	bool repl_def;		/* repl_src has a <<name>>= for it */
	struct source *def_src;	/* where its <<name>>= is; NULL if none */
	int def_line;
	int nuses;		/* uses by any chunk (chapters and replacements) */
	enum mark mark;
	struct chunk *hash_next;
};

static struct chunk **table;	/* hash table of chunks by name */
static size_t table_size, nchunks;
static struct chunk **defined;	/* chunks in order of first definition */
static int ndefined, defined_cap;

/* FNV-1a hash of a chunk name. */
static size_t hash(const char *s)
{
	size_t h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* Double the hash table, keeping every chunk. */
static void grow_table(void)
{
	size_t new_size = table_size ? 2 * table_size : 256;
	struct chunk **new_table = xrealloc(NULL, new_size * sizeof *new_table);

	memset(new_table, 0, new_size * sizeof *new_table);
	for (size_t i = 0; i < table_size; i++) {
		struct chunk *c, *next;
		for (c = table[i]; c; c = next) {
			next = c->hash_next;
			size_t h = hash(c->name) % new_size;
			c->hash_next = new_table[h];
			new_table[h] = c;
		}
	}
	free(table);
	table = new_table;
	table_size = new_size;
}

/* The chunk called name; if there is none, a new empty one when create, else NULL. */
static struct chunk *lookup(const char *name, bool create)
{
	struct chunk *c;

	if (table_size)
		for (c = table[hash(name) % table_size]; c; c = c->hash_next)
			if (strcmp(c->name, name) == 0)
				return c;
	if (!create)
		return NULL;
	if (nchunks >= table_size)
		grow_table();
	c = xrealloc(NULL, sizeof *c);
	memset(c, 0, sizeof *c);
	c->name = xstrndup(name, strlen(name));
	size_t h = hash(name) % table_size;
	c->hash_next = table[h];
	table[h] = c;
	nchunks++;
	return c;
}

/*
 * The i-th part of c that counts uses: its chapter parts, then its replacement
 * parts (so a chunk used only by a replaced body is still used); NULL past the end.
 */
static struct part *checked_part(const struct chunk *c, int i)
{
	if (i < c->nparts)
		return c->parts[i];
	return i - c->nparts < c->nrepl ? c->repl[i - c->nparts] : NULL;
}

/* The i-th part of c that the book alone has; NULL past the end. */
static struct part *book_part(const struct chunk *c, int i)
{
	return i < c->nparts ? c->parts[i] : NULL;
}

/* The i-th part of c that expansion reads (the replacement alone, if any); NULL past the end. */
static struct part *tangled_part(const struct chunk *c, int i)
{
	if (c->repl_src)
		return i < c->nrepl ? c->repl[i] : NULL;
	return i < c->nparts ? c->parts[i] : NULL;
}

/* Is c defined at all? */
static bool is_defined(const struct chunk *c)
{
	return c->nparts > 0;
}

/* Is c a root: defined, used by no chunk, and named like a path? */
static bool is_root(const struct chunk *c)
{
	return is_defined(c) && c->nuses == 0 && strchr(c->name, '/');
}

/* --------------------------------------------------------------- parsing */

/* Is ch a blank that may pad a line (space, tab, carriage return)? */
static bool is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

/* Are the n bytes at s all blanks? */
static bool all_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_blank(s[i]))
			return false;
	return true;
}

/*
 * If line is a definition line, <<name>>= or <<name>>+= and then only blanks,
 * set *name (a fresh string) and *cont (true for +=) and return true.
 */
static bool is_definition(const char *line, char **name, bool *cont)
{
	size_t n = strlen(line), len;

	while (n > 0 && is_blank(line[n - 1]))
		n--;
	if (n < 6 || strncmp(line, "<<", 2) != 0)
		return false;
	if (n >= 7 && memcmp(line + n - 4, ">>+=", 4) == 0) {
		*cont = true;
		len = n - 6;
	} else if (memcmp(line + n - 3, ">>=", 3) == 0) {
		*cont = false;
		len = n - 5;
	} else {
		return false;
	}
	*name = xstrndup(line + 2, len);
	if (strstr(*name, "<<") || strstr(*name, ">>")) {
		free(*name);
		return false;
	}
	return true;
}

/* Does line end a code chunk (an @ followed by a blank or nothing)? */
static bool ends_code(const char *line)
{
	return line[0] == '@' && (line[1] == '\0' || is_blank(line[1]));
}

/*
 * If p (just after a <<) holds a chunk name closed by >> before any other <<,
 * return the name's length; else return -1 (the << is literal).
 */
static long use_name_length(const char *p)
{
	for (long j = 0; p[j]; j++) {
		if (p[j] == '>' && p[j + 1] == '>')
			return j > 0 ? j : -1;
		if (p[j] == '<' && p[j + 1] == '<')
			return -1;
	}
	return -1;
}

/* End the text segment being collected in text, if any, adding it to cl. */
static void flush_text(struct codeline *cl, int *cap, struct buf *text)
{
	if (text->len == 0)
		return;
	struct seg s = { xstrndup(text->s, text->len), text->len, NULL };
	APPEND(cl->segs, cl->nsegs, *cap, s);
	text->len = 0;
}

/* Split the code line s into cl's text and use segments, resolving escapes. */
static void split_line(struct codeline *cl, const char *s)
{
	struct buf text = { 0 };
	int cap = 0;
	size_t i = 0;

	if (s[0] == '@' && s[1] == '@') {
		buf_add(&text, "@", 1);
		i = 2;
	}
	while (s[i]) {
		if (s[i] == '@' && (strncmp(s + i + 1, "<<", 2) == 0 ||
				    strncmp(s + i + 1, ">>", 2) == 0)) {
			buf_add(&text, s + i + 1, 2);
			i += 3;
			continue;
		}
		long n = s[i] == '<' && s[i + 1] == '<' ? use_name_length(s + i + 2) : -1;
		if (n > 0) {
			flush_text(cl, &cap, &text);
			char *name = xstrndup(s + i + 2, (size_t)n);
			struct seg use = { NULL, 0, lookup(name, true) };
			free(name);
			APPEND(cl->segs, cl->nsegs, cap, use);
			i += (size_t)n + 4;
			continue;
		}
		buf_add(&text, s + i, 1);
		i++;
	}
	flush_text(cl, &cap, &text);
	free(text.s);
}

/* If cl is only a use with blanks around it, note the chunk and the blanks before it. */
static void find_lone_use(struct codeline *cl)
{
	int i = 0;

	if (i < cl->nsegs && cl->segs[i].text && all_blank(cl->segs[i].text, cl->segs[i].len))
		i++;
	if (i >= cl->nsegs || !cl->segs[i].use)
		return;
	int u = i++;
	if (i < cl->nsegs && cl->segs[i].text && all_blank(cl->segs[i].text, cl->segs[i].len))
		i++;
	if (i != cl->nsegs)
		return;
	cl->alone = cl->segs[u].use;
	cl->indent = u > 0 ? cl->segs[0].text : "";
}

/* Add the code line s, line lineno of src, to part p. */
static void add_code_line(struct part *p, struct source *src, int lineno, const char *s)
{
	struct codeline cl = { .src = src, .lineno = lineno, .raw = xstrndup(s, strlen(s)) };

	split_line(&cl, s);
	find_lone_use(&cl);
	APPEND(p->lines, p->nlines, p->cap, cl);
}

/* A new empty part of chunk owner from src, defined at def_line. */
static struct part *new_part(struct chunk *owner, struct source *src, int def_line)
{
	struct part *p = xrealloc(NULL, sizeof *p);

	memset(p, 0, sizeof *p);
	p->owner = owner;
	p->src = src;
	p->def_line = def_line;
	return p;
}

/*
 * Start a part of chunk name at src:line (cont: a += line) and return it.
 * A second = or a += with no = before it is an error, but the part is kept,
 * so that its uses count and no further error follows from this one.
 */
static struct part *start_part(const char *name, bool cont, struct source *src, int line)
{
	struct chunk *c = lookup(name, true);
	struct part *p = new_part(c, src, line);

	if (!cont && c->def_src)
		error_at(src, line, "chunk <<%s>> is already defined at %s:%d; continue it with <<%s>>+=",
			 name, c->def_src->name, c->def_line, name);
	else if (!cont) {
		c->def_src = src;
		c->def_line = line;
	} else if (!c->def_src)
		error_at(src, line, "chunk <<%s>> is continued with += but no earlier <<%s>>= defines it",
			 name, name);
	if (!is_defined(c))
		APPEND(defined, ndefined, defined_cap, c);
	APPEND(c->parts, c->nparts, c->parts_cap, p);
	return p;
}

/*
 * Read the whole file at path into a fresh NUL-terminated string and set *len.
 * Returns NULL (with errno set) when it cannot be read.
 */
static char *read_whole(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = { 0 };
	char chunk[65536];
	size_t n;

	if (!f)
		return NULL;
	buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (ferror(f)) {
		int saved = errno;
		fclose(f);
		free(b.s);
		errno = saved;
		return NULL;
	}
	fclose(f);
	*len = b.len;
	return b.s;
}

/*
 * Split text into lines in place (a final line without a newline counts).
 * Returns the next line and advances *pos, or NULL at the end.
 */
static char *next_line(char *text, size_t len, size_t *pos)
{
	if (*pos >= len)
		return NULL;
	char *line = text + *pos;
	char *nl = memchr(line, '\n', len - *pos);
	if (nl) {
		*nl = '\0';
		*pos = (size_t)(nl - text) + 1;
	} else {
		*pos = len;
	}
	return line;
}

static struct source **sources;	/* chapters, then --replace and --answers files */
static int nsources, sources_cap;

/* Every part read from a --replace or --answers file, kept as a replacement or not. */
static struct part **extra_parts;
static int nextra, extra_cap;

/* A new source named name, of kind kind. */
static struct source *new_source(const char *name, enum source_kind kind)
{
	struct source *s = xrealloc(NULL, sizeof *s);

	s->name = name;
	s->kind = kind;
	s->order = nsources;
	s->contributes = false;
	APPEND(sources, nsources, sources_cap, s);
	return s;
}

/*
 * Read the noweb file at path as a source of kind kind, starting each code
 * chunk's part with start; errors are recorded.
 */
static void load_noweb(const char *path, enum source_kind kind,
		       struct part *(*start)(const char *name, bool cont, struct source *src, int line))
{
	struct part *code = NULL;	/* the chunk being read; NULL in documentation */
	size_t len, pos = 0;
	char *text = read_whole(path, &len), *line, *name;
	bool cont;
	int lineno = 0;

	if (!text) {
		if (kind == ANSWERS)
			error_at(NULL, 0, "--answers %s: cannot read %s: %s", path, path, strerror(errno));
		else
			error_at(NULL, 0, "cannot read %s: %s", path, strerror(errno));
		return;
	}
	struct source *src = new_source(path, kind);
	while ((line = next_line(text, len, &pos))) {
		lineno++;
		if (is_definition(line, &name, &cont)) {
			code = start(name, cont, src, lineno);
			free(name);
		} else if (code && ends_code(line)) {
			code = NULL;
		} else if (code) {
			add_code_line(code, src, lineno, line);
		}
	}
	free(text);
}

/* Read the chapter at path and record its code chunks; errors are recorded. */
static void load_chapter(const char *path)
{
	load_noweb(path, CHAPTER, start_part);
}

/* How the option that replaced c is named in a message (a fresh string). */
static char *replacer(const struct chunk *c)
{
	if (c->repl_src->kind == ANSWERS)
		return xasprintf("--answers %s (at %s:%d)", c->repl_src->name, c->repl_src->name,
				 c->repl_line);
	return xasprintf("--replace %s=%s", c->name, c->repl_src->name);
}

/* Make part p one of c's replacement parts; the first names the source replacing c. */
static void add_replacement(struct chunk *c, struct part *p)
{
	if (!c->repl_src) {
		c->repl_src = p->src;
		c->repl_line = p->def_line;
	}
	APPEND(c->repl, c->nrepl, c->repl_cap, p);
}

/*
 * Start a part of chunk name at line of the answers file src (cont: a +=
 * line) and return it.  It replaces the book's chunk of that name; when it
 * cannot (an error), it is kept aside so that its uses are still checked.
 */
static struct part *start_answer(const char *name, bool cont, struct source *src, int line)
{
	struct chunk *c = lookup(name, true);
	struct part *p = new_part(c, src, line);

	APPEND(extra_parts, nextra, extra_cap, p);
	if (is_defined(c) && !is_root(c) && (!c->repl_src || c->repl_src == src)) {
		if (!cont && c->repl_def) {
			error_at(src, line, "chunk <<%s>> is already defined at %s:%d; continue it with <<%s>>+=",
				 name, src->name, c->repl_line, name);
			return p;
		}
		if (!cont) {
			c->repl_def = true;
			c->repl_line = line;
		} else if (!c->repl_src)
			error_at(src, line,
				 "chunk <<%s>> is continued with += but no earlier <<%s>>= in %s defines it; "
				 "an answer replaces the whole chunk, so it begins with <<%s>>=",
				 name, name, src->name, name);
		add_replacement(c, p);
	} else if (is_defined(c) && !is_root(c)) {
		char *first = replacer(c);
		error_at(src, line, "chunk <<%s>> is replaced twice, by %s and by --answers %s; "
			 "a chunk can be replaced only once", name, first, src->name);
		free(first);
	} else if (strchr(name, '/')) {
		error_at(src, line, "chunk <<%s>> is a file (a root chunk); an answer cannot create or "
			 "replace a whole file, only the body of one of the book's chunks", name);
	} else {
		error_at(src, line, "chunk <<%s>> is not a chunk of the book; an answer can only replace one",
			 name);
	}
	return p;
}

/* Read the answers file at path (--answers); errors are recorded. */
static void load_answers(const char *path)
{
	load_noweb(path, ANSWERS, start_answer);
}

/* Replace the body of chunk name by the text of file (--replace); errors are recorded. */
static void load_replacement(const char *name, const char *file)
{
	struct chunk *c = lookup(name, false);
	size_t len, pos = 0;
	char *text, *line;
	int lineno = 0;

	if (!c || !is_defined(c)) {
		error_at(NULL, 0, "--replace %s=%s: the chapters define no chunk <<%s>>", name, file, name);
		return;
	}
	if (!(text = read_whole(file, &len))) {
		error_at(NULL, 0, "--replace %s=%s: cannot read %s: %s", name, file, file, strerror(errno));
		return;
	}
	struct source *src = new_source(file, REPLACE);
	struct part *p = new_part(c, src, 0);
	APPEND(extra_parts, nextra, extra_cap, p);
	if (c->repl_src) {
		char *first = replacer(c);
		error_at(NULL, 0, "--replace %s=%s: chunk <<%s>> is replaced twice, by %s and by --replace %s=%s; "
			 "a chunk can be replaced only once", name, file, name, first, name, file);
		free(first);
	} else {
		add_replacement(c, p);
		c->repl_def = true;
	}
	while ((line = next_line(text, len, &pos)))
		add_code_line(p, src, ++lineno, line);
	free(text);
}

/* ---------------------------------------------------------------- checks */

/* Count the uses in part p. */
static void count_part_uses(const struct part *p)
{
	for (int l = 0; l < p->nlines; l++)
		for (int s = 0; s < p->lines[l].nsegs; s++)
			if (p->lines[l].segs[s].use)
				p->lines[l].segs[s].use->nuses++;
}

/*
 * Count, for every chunk, how many times the chapters' chunks use it, and also
 * (with_replacements) the replacement texts: a chunk the book uses only in a
 * replaced body still counts as used.
 */
static void count_uses(bool with_replacements)
{
	for (size_t i = 0; i < table_size; i++)
		for (struct chunk *c = table[i]; c; c = c->hash_next)
			c->nuses = 0;
	for (int i = 0; i < ndefined; i++) {
		struct part *p;
		for (int k = 0; (p = with_replacements ? checked_part(defined[i], k)
						       : book_part(defined[i], k)); k++)
			count_part_uses(p);
	}
}

/*
 * Is name a path under kernel/ that a root may have: only [A-Za-z0-9_.+/-],
 * beginning kernel/, no "..", no "//", no "." component, not ending in "/"?
 */
static bool is_kernel_path(const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)name[i]) && !strchr("_.+/-", name[i]))
			return false;
	return strncmp(name, "kernel/", 7) == 0 && !strstr(name, "..") &&
	       !strstr(name, "//") && !strstr(name, "/./") && name[n - 1] != '/' &&
	       strcmp(name + n - 2, "/.") != 0;
}

/* Report every use in p of an undefined chunk, and every use of a chunk named as a file. */
static void check_part_uses(const struct part *p)
{
	for (int l = 0; l < p->nlines; l++) {
		struct codeline *cl = &p->lines[l];
		for (int s = 0; s < cl->nsegs; s++) {
			struct chunk *u = cl->segs[s].use;
			if (!u)
				continue;
			if (!is_defined(u))
				error_at(cl->src, cl->lineno, "chunk <<%s>> is used but never defined", u->name);
			else if (is_kernel_path(u->name))
				error_at(cl->src, cl->lineno,
					 "root chunk <<%s>> is used inside <<%s>>; a file's chunk cannot be part of another chunk",
					 u->name, p->owner->name);
		}
	}
}

/* Check the uses in every chapter chunk and in every --replace and --answers text. */
static void check_uses(void)
{
	for (int i = 0; i < ndefined; i++) {
		struct part *p;
		for (int k = 0; (p = book_part(defined[i], k)); k++)
			check_part_uses(p);
	}
	for (int i = 0; i < nextra; i++)
		check_part_uses(extra_parts[i]);
}

/* Report chunks that nothing uses: typos if named like prose, bad paths if named like files. */
static void check_roots(void)
{
	for (int i = 0; i < ndefined; i++) {
		struct chunk *c = defined[i];
		struct source *src = c->def_src ? c->def_src : c->parts[0]->src;
		int line = c->def_src ? c->def_line : c->parts[0]->def_line;
		if (c->nuses > 0)
			continue;
		if (!strchr(c->name, '/'))
			error_at(src, line,
				 "chunk <<%s>> is defined but never used (a typo in its name, or a use that was forgotten?)",
				 c->name);
		else if (!is_kernel_path(c->name))
			error_at(src, line, "root chunk <<%s>> is not a path under kernel/", c->name);
	}
}

static struct chunk **path;	/* the chunks on the search's current path */
static const struct codeline **path_via; /* path_via[i]: the use of path[i + 1] in path[i] */
static int path_len, path_cap, via_len, via_cap;

/*
 * Report the cycle closed by a use of u at cl: u is on the current path.  The
 * error names a use in the cycle and the chain from the chunk it uses back to
 * that chunk.  When replaced_only, only a cycle through a --replace or
 * --answers text is reported, at such a text's use (the closing one if it is).
 */
static void report_cycle(const struct chunk *u, const struct codeline *cl, bool replaced_only)
{
	struct buf chain = { 0 };
	int start = path_len - 1;

	while (path[start] != u)
		start--;
	int m = path_len - start;	/* the cycle's chunks: path[start + i], 0 <= i < m */
	int at = m - 1;			/* the use reported: in path[start + at] */
	const struct codeline *use = cl;
	if (replaced_only && cl->src->kind == CHAPTER) {
		for (at = 0; at < m - 1 && path_via[start + at]->src->kind == CHAPTER; at++)
			;
		if (at == m - 1)
			return;		/* in the book itself: the book's search reports it */
		use = path_via[start + at];
	}
	for (int i = 1; i <= m; i++) {
		buf_adds(&chain, "<<");
		buf_adds(&chain, path[start + (at + i) % m]->name);
		buf_adds(&chain, ">> -> ");
	}
	const char *first = path[start + (at + 1) % m]->name;
	error_at(use->src, use->lineno, "chunk <<%s>> uses itself: %s<<%s>>", first, chain.s, first);
	free(chain.s);
}

/* Depth-first search from c along part(), reporting each use that closes a cycle. */
static void visit(struct chunk *c, struct part *(*part)(const struct chunk *, int), bool replaced_only)
{
	struct part *p;

	c->mark = ON_PATH;
	APPEND(path, path_len, path_cap, c);
	for (int k = 0; (p = part(c, k)); k++)
		for (int l = 0; l < p->nlines; l++)
			for (int s = 0; s < p->lines[l].nsegs; s++) {
				struct chunk *u = p->lines[l].segs[s].use;
				if (u && u->mark == ON_PATH)
					report_cycle(u, &p->lines[l], replaced_only);
				else if (u && u->mark == UNSEEN) {
					via_len = path_len - 1;
					APPEND(path_via, via_len, via_cap, &p->lines[l]);
					visit(u, part, replaced_only);
				}
			}
	path_len--;
	c->mark = DONE;
}

/*
 * Report every cycle of uses: among the chapters' chunks as written, then, if
 * anything is replaced, every other cycle among them as tangled (with the
 * replacements instead of the bodies they replace), at a replacement's use.
 */
static void check_cycles(void)
{
	bool replaced = false;

	for (int i = 0; i < ndefined; i++)
		if (defined[i]->mark == UNSEEN)
			visit(defined[i], book_part, false);
	for (int i = 0; i < ndefined; i++) {
		replaced |= defined[i]->repl_src != NULL;
		defined[i]->mark = UNSEEN;
	}
	if (!replaced)
		return;
	for (int i = 0; i < ndefined; i++)
		if (defined[i]->mark == UNSEEN)
			visit(defined[i], tangled_part, true);
}

/* ------------------------------------------------------------- expansion */

/* How a file writes a comment: open text, close text ("" for line comments). */
struct comment_style {
	const char *open, *close;
};

/* Does path end with suffix? */
static bool ends_with(const char *path, const char *suffix)
{
	size_t n = strlen(path), m = strlen(suffix);

	return n >= m && strcmp(path + n - m, suffix) == 0;
}

/* The comment syntax for the file at path, chosen by its name. */
static struct comment_style comment_style(const char *path)
{
	static const char *const hash_exts[] = {
		"sh", "bash", "mk", "py", "gdb", "cfg", "conf", "yml", "yaml", "toml", NULL
	};
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *dot = strrchr(base, '.');

	if (!dot || dot == base || strcmp(base, "Makefile") == 0)
		return (struct comment_style){ "#", "" };
	for (int i = 0; hash_exts[i]; i++)
		if (strcmp(dot + 1, hash_exts[i]) == 0)
			return (struct comment_style){ "#", "" };
	if (strcmp(dot + 1, "lua") == 0)
		return (struct comment_style){ "--", "" };
	return (struct comment_style){ "/*", "*/" };
}

/* Does the compiler's copy of path get #line directives (.c .h .S, so also .lds.S)? */
static bool wants_line_directives(const char *path)
{
	return ends_with(path, ".c") || ends_with(path, ".h") || ends_with(path, ".S");
}

/*
 * The state of writing one file.  Text goes into line until the line ends;
 * pending is the indentation the line owes before its first text; at_src and
 * at_line say where that line's first non-blank text came from, and cpp_src
 * and cpp_line where the compiler believes the next line comes from.
 */
struct emitter {
	struct buf body, line;
	const char *pending;
	struct source *at_src, *cpp_src;
	int at_line, cpp_line;
	bool continued;			/* the last line ended in a backslash */
	bool line_directives;		/* write #line (the compiler's copy) */
	const struct comment_style *names; /* chunk-name comments, or NULL */
	const char *file;		/* the root's path, for messages */
	bool check_includes;		/* report an #include after code (.c files) */
	bool seen_code;			/* a line of code (not a comment or directive) was written */
	bool after_name;		/* the last line written was a chunk-name comment */
	char **owned;			/* indentation strings to free at the end */
	int nowned, owned_cap;
};

/* Append n bytes of text from src:lineno to the current line, after its indentation. */
static void put_text(struct emitter *e, const char *text, size_t n, struct source *src, int lineno)
{
	if (n == 0)
		return;
	if (e->line.len == 0 && e->pending)
		buf_adds(&e->line, e->pending);
	buf_add(&e->line, text, n);
	if (!e->at_src && !all_blank(text, n)) {
		e->at_src = src;
		e->at_line = lineno;
	}
}

/* Append s to b as the inside of a C string literal. */
static void add_quoted(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_add(b, "\\", 1);
		buf_add(b, s, 1);
	}
}

/*
 * For the #include check: a file's #includes come before its code, so a
 * chapter that needs a header adds it to the file's part that holds them,
 * not to the part where it first needs it.  Comments, blank lines, other
 * directives and the lines of a macro continued with a backslash are not code.
 */
static void note_line(struct emitter *e)
{
	const char *s = e->line.s ? e->line.s : "";
	size_t n = e->line.len, i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (n - i >= 8 && strncmp(s + i, "#include", 8) == 0) {
		if (e->seen_code && e->at_src)
			error_at(e->at_src, e->at_line, "#include after code in %s; add it to the "
				 "file's includes at its top (the part that lists them)", e->file);
		return;
	}
	if (e->continued || i == n || s[i] == '#' || s[i] == '*' ||
	    (n - i >= 2 && (strncmp(s + i, "/*", 2) == 0 || strncmp(s + i, "//", 2) == 0)))
		return;
	e->seen_code = true;
}

/*
 * End the current line, first writing a #line directive if the compiler would
 * otherwise misplace it (never inside a backslash-continued line).
 */
static void end_line(struct emitter *e)
{
	if (e->check_includes)
		note_line(e);
	if (e->line_directives && e->at_src && !e->continued &&
	    (e->at_src != e->cpp_src || e->at_line != e->cpp_line)) {
		char *num = xasprintf("#line %d \"", e->at_line);
		buf_adds(&e->body, num);
		free(num);
		add_quoted(&e->body, e->at_src->name);
		buf_adds(&e->body, "\"\n");
		e->cpp_src = e->at_src;
		e->cpp_line = e->at_line;
	}
	buf_add(&e->body, e->line.s ? e->line.s : "", e->line.len);
	buf_add(&e->body, "\n", 1);
	e->cpp_line++;
	e->continued = e->line.len > 0 && e->line.s[e->line.len - 1] == '\\';
	e->line.len = 0;
	e->at_src = NULL;
	e->after_name = false;
}

/*
 * Before a chunk-name comment at column 0 (a part of a file, not of a
 * function), a blank line, so that the parts of a skeleton stand apart in
 * the tangled file as its functions would in a hand-written one; none at the
 * top of the file, after a blank line, or between the comments of a part and
 * of the first part inside it.
 */
static void separate_part(struct emitter *e)
{
	size_t n = e->body.len;

	if (n == 0 || e->after_name || e->continued || e->line.len > 0 ||
	    (e->pending && e->pending[0] != '\0'))
		return;
	if (n >= 2 && e->body.s[n - 1] == '\n' && e->body.s[n - 2] == '\n')
		return;
	end_line(e);
}

/* Keep s (an indentation string) until the emitter is done, and return it. */
static char *own(struct emitter *e, char *s)
{
	APPEND(e->owned, e->nowned, e->owned_cap, s);
	return s;
}

static void expand(struct emitter *e, const struct chunk *c, const char *indent);

/* The blanks that begin the first non-blank line of c's body, in *n ("" if none). */
static const char *first_line_indent(const struct chunk *c, size_t *n)
{
	const struct part *p;

	for (int k = 0; (p = tangled_part(c, k)); k++)
		for (int l = 0; l < p->nlines; l++) {
			const char *raw = p->lines[l].raw;
			size_t blanks = strspn(raw, " \t");
			if (raw[blanks] != '\0' && raw[blanks] != '\n') {
				*n = blanks;
				return raw;
			}
		}
	*n = 0;
	return "";
}

/*
 * Write the comment line naming chunk c before its expansion, in the file's
 * syntax, at the indentation of the code it names: a use written at column 0
 * inside a function still gets its comment where its first line will stand.
 */
static void put_name_comment(struct emitter *e, const struct chunk *c, const struct codeline *cl)
{
	bool c_style = e->names->close[0] != '\0';
	struct buf text = { 0 };
	const char *saved = e->pending;
	size_t blanks;
	const char *first = first_line_indent(c, &blanks);

	if (blanks > 0) {
		struct buf indent = { 0 };
		buf_adds(&indent, saved ? saved : "");
		buf_add(&indent, first, blanks);
		e->pending = own(e, indent.s);
	}

	if (e->continued && !c_style)
		return;		/* a # or -- comment cannot sit in a continued line */
	separate_part(e);
	buf_adds(&text, e->names->open);
	buf_adds(&text, " ");
	for (const char *s = c->name; *s; s++) {
		buf_add(&text, s, 1);
		if (c_style && s[0] == '*' && s[1] == '/')
			buf_adds(&text, " ");	/* a star-slash in the name must not end the comment */
	}
	if (c_style) {
		buf_adds(&text, " ");
		buf_adds(&text, e->names->close);
	}
	if (e->continued)
		buf_adds(&text, " \\");
	put_text(e, text.s, text.len, cl->src, cl->lineno);
	end_line(e);
	e->after_name = true;
	e->pending = saved;
	free(text.s);
}

/* Write the use on line cl, which stands alone at the start of an output line. */
static void put_lone_use(struct emitter *e, const struct codeline *cl)
{
	struct buf indent = { 0 };

	buf_adds(&indent, e->pending ? e->pending : "");
	buf_adds(&indent, cl->indent);
	e->pending = own(e, indent.s);
	if (e->names)
		put_name_comment(e, cl->alone, cl);
	expand(e, cl->alone, indent.s);
}

/*
 * Write a use of c in the middle of a line: its first line continues this one,
 * its other lines are indented to the use's column (noweb's rule: the text
 * before the use, with everything but tabs turned into spaces).
 */
static void put_inline_use(struct emitter *e, const struct chunk *c)
{
	const char *before = e->line.len ? e->line.s : e->pending ? e->pending : "";
	char *indent = own(e, xstrndup(before, strlen(before)));

	for (char *s = indent; *s; s++)
		if (*s != '\t')
			*s = ' ';
	expand(e, c, indent);
}

/* Write the code line cl at the current position. */
static void put_code_line(struct emitter *e, const struct codeline *cl)
{
	if (cl->alone && e->line.len == 0) {
		put_lone_use(e, cl);
		return;
	}
	for (int s = 0; s < cl->nsegs; s++) {
		if (cl->segs[s].use)
			put_inline_use(e, cl->segs[s].use);
		else
			put_text(e, cl->segs[s].text, cl->segs[s].len, cl->src, cl->lineno);
	}
}

/*
 * Write the body of c at the current position, without its final newline:
 * its first line continues the current line, each later one starts a new
 * line owing indent.
 */
static void expand(struct emitter *e, const struct chunk *c, const char *indent)
{
	const struct part *p;
	int n = 0;

	for (int k = 0; (p = tangled_part(c, k)); k++) {
		if (p->nlines > 0)
			p->src->contributes = true;
		for (int l = 0; l < p->nlines; l++) {
			if (n++ > 0) {
				end_line(e);
				e->pending = indent;
			}
			put_code_line(e, &p->lines[l]);
		}
	}
}

/* How many lines the body of c has, before expansion. */
static int tangled_lines(const struct chunk *c)
{
	const struct part *p;
	int n = 0;

	for (int k = 0; (p = tangled_part(c, k)); k++)
		n += p->nlines;
	return n;
}

/*
 * The header line naming the chapters (and --replace files) that gave text to
 * root's file, the root's own first, then " and " each answers file that did.
 */
static char *header_line(const struct chunk *root, struct comment_style style)
{
	struct source *first = tangled_part(root, 0)->src;
	struct buf h = { 0 };
	int n = 0;

	buf_adds(&h, style.open);
	buf_adds(&h, " Tangled from ");
	buf_adds(&h, first->name);
	for (int answers = 0; answers <= 1; answers++)
		for (int i = 0; i < nsources; i++)
			if (sources[i]->contributes && sources[i] != first &&
			    (sources[i]->kind == ANSWERS) == answers) {
				buf_adds(&h, answers ? " and " : ", ");
				buf_adds(&h, sources[i]->name);
				n++;
			}
	buf_adds(&h, n ? " by tangle/tangle.c; edit the chapters, not this file."
		       : " by tangle/tangle.c; edit the chapter, not this file.");
	if (style.close[0]) {
		buf_adds(&h, " ");
		buf_adds(&h, style.close);
	}
	buf_adds(&h, "\n");
	return h.s;
}

/*
 * The text of root's file into out: the clean copy (chunk-name comments, no
 * #line) when clean, else the compiler's copy.  The header goes first, or
 * second after a #! line.
 */
static void tangle_root(const struct chunk *root, bool clean, struct buf *out)
{
	struct comment_style style = comment_style(root->name);
	struct emitter e = { .names = clean ? &style : NULL, .file = root->name,
			     .check_includes = clean && ends_with(root->name, ".c") };

	e.line_directives = !clean && wants_line_directives(root->name);
	for (int i = 0; i < nsources; i++)
		sources[i]->contributes = false;
	expand(&e, root, "");
	if (tangled_lines(root) > 0)
		end_line(&e);

	char *header = header_line(root, style);
	const char *body = e.body.s ? e.body.s : "";
	size_t shebang = 0;
	if (strncmp(body, "#!", 2) == 0)
		shebang = (size_t)(strchr(body, '\n') - body) + 1;
	buf_add(out, body, shebang);
	buf_adds(out, header);
	buf_add(out, body + shebang, e.body.len - shebang);

	free(header);
	free(e.body.s);
	free(e.line.s);
	for (int i = 0; i < e.nowned; i++)
		free(e.owned[i]);
	free(e.owned);
}

/* ---------------------------------------------------------------- output */

/* Create the directories leading to the file at path; return -1 (errno set) on failure. */
static int make_parents(const char *path)
{
	char *dir = xstrndup(path, strlen(path));
	int rc = 0;

	for (char *s = dir + 1; *s && rc == 0; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(dir, 0755) < 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	free(dir);
	return rc;
}

/* Write all n bytes at data to fd; return -1 on failure. */
static int write_all(int fd, const char *data, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, data, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		data += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * Make the file at path hold data with the given mode, touching it only if its
 * content differs (cpif), through a temporary file renamed into place.
 * Returns -1 after reporting on stderr when it cannot.
 */
static int write_if_changed(const char *path, const struct buf *data, mode_t mode)
{
	size_t len;
	char *old = read_whole(path, &len);
	struct stat st;

	if (old && len == data->len && memcmp(old, data->s, len) == 0) {
		free(old);
		if (stat(path, &st) == 0 && (st.st_mode & 07777) != mode)
			chmod(path, mode);
		return 0;
	}
	free(old);
	char *tmp = xasprintf("%s.tangle-XXXXXX", path);
	int fd = make_parents(path) < 0 ? -1 : mkstemp(tmp);
	if (fd < 0 || write_all(fd, data->s, data->len) < 0 || fchmod(fd, mode) < 0 ||
	    close(fd) < 0 || rename(tmp, path) < 0) {
		fprintf(stderr, "tangle: error: cannot write %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

/* The mode a tangled file gets: 0755 for scripts (.sh, or a #! first line), else 0644. */
static mode_t file_mode(const char *path, const struct buf *data)
{
	return ends_with(path, ".sh") || strncmp(data->s, "#!", 2) == 0 ? 0755 : 0644;
}

/* Tangle every .c root once, to report an #include written after code. */
static void check_includes(void)
{
	for (int i = 0; i < ndefined; i++) {
		if (!is_root(defined[i]) || !ends_with(defined[i]->name, ".c"))
			continue;
		struct buf text = { 0 };
		tangle_root(defined[i], true, &text);
		free(text.s);
	}
}

/* Write both copies of every root under out and src; return the number of failures. */
static int write_roots(const char *out, const char *src)
{
	int failures = 0;

	for (int i = 0; i < ndefined; i++) {
		if (!is_root(defined[i]))
			continue;
		const char *name = defined[i]->name;
		for (int clean = 1; clean >= 0; clean--) {
			struct buf text = { 0 };
			char *path = xasprintf("%s/%s", clean ? out : src, name);
			tangle_root(defined[i], clean, &text);
			failures += write_if_changed(path, &text, file_mode(name, &text)) < 0;
			free(path);
			free(text.s);
		}
	}
	return failures;
}

/* ----------------------------------------------------------------- check */

/* Show on stderr a unified diff from the file at path (label name) to text. */
static void show_diff(const char *path, const char *name, const struct buf *text)
{
	char tmp[] = "/tmp/tangle-check-XXXXXX";
	int fd = mkstemp(tmp);

	if (fd < 0 || write_all(fd, text->s, text->len) < 0) {
		fprintf(stderr, "tangle: cannot write a temporary file to diff: %s\n", strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		return;
	}
	close(fd);
	char *new_label = xasprintf("%s (as the chapters tangle it)", name);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(2, 1);
		execlp("diff", "diff", "-u", "--label", name, "--label", new_label,
		       access(path, F_OK) == 0 ? path : "/dev/null", tmp, (char *)NULL);
		fprintf(stderr, "tangle: cannot run diff: %s\n", strerror(errno));
		_exit(2);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
	unlink(tmp);
	free(new_label);
}

/* Add to *files the regular files under dir, named rel/..., recursively. */
static void list_files(const char *dir, const char *rel, char ***files, int *n, int *cap)
{
	DIR *d = opendir(dir);
	struct dirent *ent;
	struct stat st;

	if (!d)
		return;
	while ((ent = readdir(d))) {
		if (strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0)
			continue;
		char *path = xasprintf("%s/%s", dir, ent->d_name);
		char *name = xasprintf("%s/%s", rel, ent->d_name);
		bool found = lstat(path, &st) == 0;
		if (found && S_ISDIR(st.st_mode))
			list_files(path, name, files, n, cap);
		else if (found && S_ISREG(st.st_mode)) {
			APPEND(*files, *n, *cap, name);
			name = NULL;
		}
		free(path);
		free(name);
	}
	closedir(d);
}

/* qsort order for strings. */
static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The drift check: report each root whose clean copy differs from the file
 * under out, and each file under out/kernel/ that no root produces.
 * Returns the number of problems.
 */
static int check_drift(const char *out)
{
	int problems = 0, n = 0, cap = 0;
	char **files = NULL;

	for (int i = 0; i < ndefined; i++) {
		if (!is_root(defined[i]))
			continue;
		const char *name = defined[i]->name;
		struct buf text = { 0 };
		size_t len;
		char *path = xasprintf("%s/%s", out, name);
		char *old = read_whole(path, &len);
		tangle_root(defined[i], true, &text);
		if (!old || len != text.len || memcmp(old, text.s, len) != 0) {
			fprintf(stderr, "tangle: %s differs from what the chapters tangle to\n", name);
			show_diff(path, name, &text);
			problems++;
		}
		free(old);
		free(path);
		free(text.s);
	}

	char *top = xasprintf("%s/kernel", out);
	list_files(top, "kernel", &files, &n, &cap);
	if (n > 0)
		qsort(files, (size_t)n, sizeof *files, str_cmp);
	for (int i = 0; i < n; i++) {
		struct chunk *c = lookup(files[i], false);
		if (!c || !is_root(c)) {
			fprintf(stderr, "tangle: %s is not produced by any chapter\n", files[i]);
			problems++;
		}
		free(files[i]);
	}
	free(files);
	free(top);
	return problems;
}

/* Whether the file at path says it was written by this tangler (its first lines). */
static bool tangled_by_us(const char *path)
{
	char head[512];
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return false;
	n = fread(head, 1, sizeof(head) - 1, f);
	fclose(f);
	head[n] = '\0';
	return strstr(head, "by tangle/tangle.c; edit the chapter") != NULL;
}

/*
 * Remove each file under dir/kernel/ that this tangler wrote once but no root
 * produces now (its chapter, or the root, was deleted), and the directories
 * that leaves empty, so a removed chapter is not compiled from an old copy.
 * A file the tangler did not write is left alone.  Returns the failures.
 */
static int remove_stale(const char *dir)
{
	int failures = 0, n = 0, cap = 0;
	char **files = NULL;
	char *top = xasprintf("%s/kernel", dir);

	list_files(top, "kernel", &files, &n, &cap);
	for (int i = 0; i < n; i++) {
		struct chunk *c = lookup(files[i], false);
		char *path = xasprintf("%s/%s", dir, files[i]);

		if ((!c || !is_root(c)) && tangled_by_us(path)) {
			if (unlink(path) < 0) {
				fprintf(stderr, "tangle: error: cannot remove %s: %s\n", path, strerror(errno));
				failures++;
			} else {
				fprintf(stderr, "tangle: removed %s: no chapter tangles it now\n", path);
				for (char *slash; (slash = strrchr(path, '/')) && slash > path + strlen(top);) {
					*slash = '\0';
					if (rmdir(path) < 0)
						break;
				}
			}
		}
		free(path);
		free(files[i]);
	}
	free(files);
	free(top);
	return failures;
}

/* ------------------------------------------------------------------ main */

/* A --replace NAME=FILE or --answers FILE, in command-line order. */
struct replacement_option {
	enum source_kind kind;	/* REPLACE or ANSWERS */
	char *arg;
};

struct options {
	const char *out, *src;
	bool check, list_roots;
	const char *chunk;	/* --chunk NAME, or NULL */
	struct replacement_option *repl;
	int nrepl, repl_cap;
	char **chapters;
	int nchapters;
};

/* Print how to call tangle and exit with status 2. */
static void usage(void)
{
	fputs("usage: tangle [--out DIR] [--src DIR] [--check] [--list-roots]\n"
	      "              [--replace NAME=FILE]... [--answers FILE.nw]... FILE.nw...\n"
	      "       tangle --chunk NAME FILE.nw...\n", stderr);
	exit(2);
}

/* The value of option opt at argv[*i] (--opt VALUE or --opt=VALUE), or NULL if argv[*i] is not opt. */
static const char *option_value(char **argv, int argc, int *i, const char *opt)
{
	size_t n = strlen(opt);

	if (strncmp(argv[*i], opt, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc)
		usage();
	return argv[++*i];
}

/* Read the command line into o; exits through usage() when it is wrong. */
static void parse_options(int argc, char **argv, struct options *o)
{
	const char *v;
	int i;

	o->out = ".";
	o->src = "build/src";
	for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (strcmp(argv[i], "--check") == 0)
			o->check = true;
		else if (strcmp(argv[i], "--list-roots") == 0)
			o->list_roots = true;
		else if ((v = option_value(argv, argc, &i, "--out")))
			o->out = v;
		else if ((v = option_value(argv, argc, &i, "--src")))
			o->src = v;
		else if ((v = option_value(argv, argc, &i, "--chunk"))) {
			if (o->chunk)
				usage();
			o->chunk = v;
		} else if ((v = option_value(argv, argc, &i, "--replace"))) {
			const char *eq = strrchr(v, '=');
			if (!eq || eq == v)
				usage();
			struct replacement_option r = { REPLACE, (char *)v };
			APPEND(o->repl, o->nrepl, o->repl_cap, r);
		} else if ((v = option_value(argv, argc, &i, "--answers"))) {
			struct replacement_option r = { ANSWERS, (char *)v };
			APPEND(o->repl, o->nrepl, o->repl_cap, r);
		} else
			usage();
	}
	o->chapters = argv + i;
	o->nchapters = argc - i;
	if (o->nchapters == 0)
		usage();
	if (o->chunk && (o->check || o->list_roots || o->nrepl > 0)) {
		fputs("tangle: --chunk prints a chunk of the chapters; it takes no other option\n", stderr);
		usage();
	}
}

/* --chunk: print the raw text of the book's chunk name; return the exit status. */
static int print_chunk(const char *name)
{
	struct chunk *c = lookup(name, false);

	if (!c || !is_defined(c)) {
		fprintf(stderr, "tangle: error: --chunk %s: the chapters define no chunk <<%s>>\n", name, name);
		return 1;
	}
	for (int k = 0; k < c->nparts; k++)
		for (int l = 0; l < c->parts[k]->nlines; l++)
			printf("%s\n", c->parts[k]->lines[l].raw);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}

/*
 * Read the chapters (and --replace and --answers texts), check them, then
 * list, check or write the roots.  Returns 1 on any error or drift, having
 * written nothing if the chapters have an error.
 */
int main(int argc, char **argv)
{
	struct options o = { 0 };

	parse_options(argc, argv, &o);
	for (int i = 0; i < o.nchapters; i++)
		load_chapter(o.chapters[i]);
	if (o.chunk)
		return print_chunk(o.chunk);
	count_uses(false);	/* which chunks are the book's roots, for --answers */
	for (int i = 0; i < o.nrepl; i++) {
		if (o.repl[i].kind == ANSWERS) {
			load_answers(o.repl[i].arg);
			continue;
		}
		char *eq = strrchr(o.repl[i].arg, '=');
		*eq = '\0';
		load_replacement(o.repl[i].arg, eq + 1);
	}
	free(o.repl);
	count_uses(true);
	check_uses();
	check_roots();
	check_cycles();
	if (ndiags == 0)	/* a cycle would recurse for ever in tangling */
		check_includes();
	if (report_diagnostics() > 0)
		return 1;

	if (o.list_roots) {
		for (int i = 0; i < ndefined; i++)
			if (is_root(defined[i]))
				printf("%s\n", defined[i]->name);
		return 0;
	}
	if (o.check)
		return check_drift(o.out) > 0;
	int failures = write_roots(o.out, o.src);
	failures += remove_stale(o.out);
	if (o.src)
		failures += remove_stale(o.src);
	return failures > 0;
}
