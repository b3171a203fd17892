/*
 * gradetool: the report half of `make grade` (exercises/grade.sh runs it).
 *
 *   gradetool header EXERCISE TITLE DECLARED [SUMS]  an exercise's first record;
 *                                                 SUMS is sha256sum's output for
 *                                                 the files its tests are made of
 *   gradetool record EXERCISE NAME MAX FILE       a zero-score record whose output
 *                                                 is FILE (a build error, a timeout)
 *   gradetool report OUTDIR RESULTS.jsonl...      print the scores; write
 *                                                 OUTDIR/results.json (Gradescope)
 *                                                 and OUTDIR/junit.xml
 *
 * Records are JSON objects, one a line, with flat string and integer fields;
 * grade_hook.c writes the tests' records, this program the others.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"

struct record {
	char *exercise, *name, *visibility, *output, *title, *files;
	int score, max_score, declared;
	int is_header;
};

/* ---- writing -------------------------------------------------------------- */

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	json_body(f, s);
	fputc('"', f);
}

static void xml_text(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
				fputc(*s, f);
		}
	}
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap);
	size_t n;

	if (!f || !buf) {
		free(buf);
		if (f)
			fclose(f);
		return strdup("");
	}
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (len + 1 == cap && !(buf = realloc(buf, cap *= 2)))
			exit(1);
	}
	buf[len] = '\0';
	fclose(f);
	if (len > 16000)		/* a compiler's cascade of errors: keep the start */
		strcpy(buf + 16000 - 40, "\n... (output cut at 16000 bytes)\n");
	return buf;
}

/* ---- reading our own records ------------------------------------------------ */

/* Parse the JSON string at *p (just after its opening quote) into a new buffer. */
static char *parse_string(const char **p)
{
	const char *s = *p;
	char *out = malloc(strlen(s) + 1), *o = out;

	while (*s && *s != '"') {
		if (*s == '\\' && s[1]) {
			s++;
			switch (*s) {
			case 'n': *o++ = '\n'; break;
			case 't': *o++ = '\t'; break;
			case 'u': *o++ = (char)strtol((char[]){ s[1], s[2], s[3], s[4], 0 }, NULL, 16);
				  s += 4; break;
			default: *o++ = *s;
			}
			s++;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	*p = *s ? s + 1 : s;
	return out;
}

/* Parse one line; returns 0, or -1 if it is not one of our records. */
static int parse_record(const char *line, struct record *r)
{
	const char *p = line;

	memset(r, 0, sizeof(*r));
	while ((p = strchr(p, '"'))) {
		char *key;

		p++;
		key = parse_string(&p);
		if (*p++ != ':') {
			free(key);
			return -1;
		}
		if (*p == '"') {
			char *v;

			p++;
			v = parse_string(&p);
			if (!strcmp(key, "exercise")) r->exercise = v;
			else if (!strcmp(key, "name")) r->name = v;
			else if (!strcmp(key, "visibility")) r->visibility = v;
			else if (!strcmp(key, "output")) r->output = v;
			else if (!strcmp(key, "title")) r->title = v;
			else if (!strcmp(key, "files")) r->files = v;
			else free(v);
		} else {
			int v = atoi(p);

			if (!strcmp(key, "score")) r->score = v;
			else if (!strcmp(key, "max_score")) r->max_score = v;
			else if (!strcmp(key, "declared")) { r->declared = v; r->is_header = 1; }
			while (*p && *p != ',' && *p != '}')
				p++;
		}
		free(key);
		if (*p == ',')
			p++;
	}
	return r->exercise ? 0 : -1;
}

/* ---- the report ----------------------------------------------------------------- */

static struct record *records;
static size_t nrecords;

static void add(struct record r)
{
	records = realloc(records, (nrecords + 1) * sizeof(*records));
	records[nrecords++] = r;
}

static void load(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;

	if (!f)
		return;
	while (getline(&line, &cap, f) > 0) {
		struct record r;

		if (parse_record(line, &r) == 0)
			add(r);
	}
	free(line);
	fclose(f);
}

/* Give each exercise whose tests reported fewer points than it declares a
 * record for the missing ones: its tests did not all run. */
static void reconcile(void)
{
	size_t n = nrecords;

	for (size_t i = 0; i < n; i++) {
		int sum = 0;

		if (!records[i].is_header)
			continue;
		for (size_t j = 0; j < n; j++)
			if (!records[j].is_header && !strcmp(records[j].exercise, records[i].exercise))
				sum += records[j].max_score;
		if (sum < records[i].declared)
			add((struct record){ .exercise = records[i].exercise, .name = "(tests that did not run)",
					     .max_score = records[i].declared - sum,
					     .visibility = "visible",
					     .output = "some tests did not report a result: the test program "
						       "stopped early (see build/grade/<exercise>/run.log)\n" });
	}
}

static void print_indented(const char *s)
{
	int lines = 0;

	while (s && *s && lines < 12) {
		const char *nl = strchr(s, '\n');
		int len = nl ? (int)(nl - s) : (int)strlen(s);

		printf("        %.*s\n", len, s);
		lines++;
		s = nl ? nl + 1 : s + len;
	}
	if (s && *s)
		printf("        ...\n");
}

static int print_scores(int *max_total)
{
	int total = 0;

	*max_total = 0;
	for (size_t i = 0; i < nrecords; i++) {
		int sub = 0, max = 0;

		if (!records[i].is_header)
			continue;
		printf("%s: %s\n", records[i].exercise, records[i].title ? records[i].title : "");
		for (size_t j = 0; j < nrecords; j++) {
			struct record *r = &records[j];

			if (r->is_header || strcmp(r->exercise, records[i].exercise))
				continue;
			printf("  %3d/%-3d %s\n", r->score, r->max_score, r->name);
			if (r->score < r->max_score)
				print_indented(r->output);
			sub += r->score;
			max += r->max_score;
		}
		printf("  subtotal %d/%d\n\n", sub, max);
		total += sub;
		*max_total += max;
	}
	printf("total %d/%d\n", total, *max_total);
	return total;
}

static void write_gradescope(const char *path, int total, int max_total)
{
	FILE *f = fopen(path, "w");
	int first = 1;

	if (!f) {
		perror(path);
		exit(1);
	}
	fprintf(f, "{\n  \"score\": %d,\n  \"output\": \"%d of %d points\",\n"
		   "  \"visibility\": \"visible\",\n  \"stdout_visibility\": \"visible\",\n  \"tests\": [",
		total, total, max_total);
	for (size_t i = 0; i < nrecords; i++) {
		struct record *r = &records[i];
		char name[512];

		if (r->is_header)
			continue;
		snprintf(name, sizeof(name), "%s: %s", r->exercise, r->name);
		fprintf(f, "%s\n    {\"name\": ", first ? "" : ",");
		json_string(f, name);
		fprintf(f, ", \"score\": %d, \"max_score\": %d, \"visibility\": ", r->score, r->max_score);
		json_string(f, r->visibility ? r->visibility : "visible");
		fputs(", \"output\": ", f);
		json_string(f, r->output);
		fputc('}', f);
		first = 0;
	}
	/* The files each exercise's tests were built from, and their sums. */
	fputs("\n  ],\n  \"extra_data\": {\"test_files\": {", f);
	first = 1;
	for (size_t i = 0; i < nrecords; i++) {
		int first_file = 1;

		if (!records[i].is_header || !records[i].files)
			continue;
		fprintf(f, "%s\n    ", first ? "" : ",");
		json_string(f, records[i].exercise);
		fputs(": {", f);
		for (const char *s = records[i].files; *s;) {
			const char *nl = strchr(s, '\n'), *sp = strstr(s, "  ");

			if (!nl)
				nl = s + strlen(s);
			if (sp && sp < nl && sp - s == 64) {	/* "SUM  FILE", as sha256sum prints it */
				char sum[65], file[1024];

				snprintf(sum, sizeof(sum), "%.64s", s);
				snprintf(file, sizeof(file), "%.*s", (int)(nl - sp - 2), sp + 2);
				fputs(first_file ? "" : ", ", f);
				json_string(f, file);
				fputs(": ", f);
				json_string(f, sum);
				first_file = 0;
			}
			s = *nl ? nl + 1 : nl;
		}
		fputc('}', f);
		first = 0;
	}
	fputs("\n  }}\n}\n", f);
	fclose(f);
}

static void write_junit(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		perror(path);
		exit(1);
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"make grade\">\n", f);
	for (size_t i = 0; i < nrecords; i++) {
		if (!records[i].is_header)
			continue;
		fputs("  <testsuite name=\"", f);
		xml_text(f, records[i].exercise);
		fputs("\">\n", f);
		for (size_t j = 0; j < nrecords; j++) {
			struct record *r = &records[j];

			if (r->is_header || strcmp(r->exercise, records[i].exercise))
				continue;
			fputs("    <testcase classname=\"", f);
			xml_text(f, r->exercise);
			fputs("\" name=\"", f);
			xml_text(f, r->name);
			fprintf(f, "\">\n      <properties><property name=\"points\" value=\"%d/%d\"/></properties>\n",
				r->score, r->max_score);
			if (r->score < r->max_score) {
				fprintf(f, "      <failure message=\"%d of %d points\">", r->score, r->max_score);
				xml_text(f, r->output);
				fputs("</failure>\n", f);
			}
			fputs("    </testcase>\n", f);
		}
		fputs("  </testsuite>\n", f);
	}
	fputs("</testsuites>\n", f);
	fclose(f);
}

int main(int argc, char **argv)
{
	if ((argc == 5 || argc == 6) && !strcmp(argv[1], "header")) {
		printf("{\"exercise\":");
		json_string(stdout, argv[2]);
		printf(",\"title\":");
		json_string(stdout, argv[3]);
		if (argc == 6) {
			char *sums = read_file(argv[5]);

			printf(",\"files\":");
			json_string(stdout, sums);
			free(sums);
		}
		printf(",\"declared\":%d}\n", atoi(argv[4]));
		return 0;
	}
	if (argc == 6 && !strcmp(argv[1], "record")) {
		char *out = read_file(argv[5]);

		printf("{\"exercise\":");
		json_string(stdout, argv[2]);
		printf(",\"name\":");
		json_string(stdout, argv[3]);
		printf(",\"score\":0,\"max_score\":%d,\"visibility\":\"visible\",\"output\":", atoi(argv[4]));
		json_string(stdout, out);
		printf("}\n");
		free(out);
		return 0;
	}
	if (argc >= 3 && !strcmp(argv[1], "report")) {
		char path[4096];
		int total, max_total;

		for (int i = 3; i < argc; i++)
			load(argv[i]);
		reconcile();
		total = print_scores(&max_total);
		snprintf(path, sizeof(path), "%s/results.json", argv[2]);
		write_gradescope(path, total, max_total);
		snprintf(path, sizeof(path), "%s/junit.xml", argv[2]);
		write_junit(path);
		printf("grade: wrote %s/results.json (Gradescope; extra_data.test_files has the sha256 of "
		       "each file the tests were built from) and %s/junit.xml (JUnit)\n",
		       argv[2], argv[2]);
		return 0;
	}
	fprintf(stderr, "usage: gradetool header EX TITLE DECLARED [SUMS] | record EX NAME MAX FILE | "
			"report OUTDIR RESULTS...\n");
	return 2;
}
