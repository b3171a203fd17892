/* Writing JSON strings, for the grading hook and gradetool. */
#ifndef EXERCISES_JSON_H
#define EXERCISES_JSON_H

#include <stdio.h>

/* Write @s as the body of a JSON string (without the quotes). */
static inline void json_body(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
}

#endif
