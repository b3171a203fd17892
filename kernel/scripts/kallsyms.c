/* Tangled from chapters/01-reports.nw by tangle/tangle.c; edit the chapter, not this file. */
/* Read `nm -n vmlinux` on stdin, write the kernel's symbol table as assembly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct sym { unsigned long addr; char name[128]; };

/* read the text symbols from [[nm]]'s listing */
/* Read the symbols of @in, sorted by address; set @count. Exits when out of memory. */
static struct sym *read_symbols(FILE *in, size_t *count)
{
	size_t n = 0, cap = 256;
	struct sym *syms = malloc(cap * sizeof(*syms));
	char line[256], type, name[128];
	unsigned long addr;

	while (syms && fgets(line, sizeof(line), in)) {
		/* skip a line that is not a text symbol the kernel could call */
		if (sscanf(line, "%lx %c %127s", &addr, &type, name) != 3)
			continue;
		if (!strchr("TtWw", type) || name[0] == '.' || strcmp(name, "_text") == 0 ||
		    strcmp(name, "_etext") == 0 || strstr(name, "_phys"))
			continue;
		if (n > 0 && syms[n - 1].addr == addr)
			continue;		/* keep the first name at an address */
		if (n == cap && !(syms = realloc(syms, (cap *= 2) * sizeof(*syms))))
			break;
		syms[n].addr = addr;
		snprintf(syms[n].name, sizeof(syms[n].name), "%s", name);
		n++;
	}
	if (!syms) {
		fprintf(stderr, "kallsyms: out of memory\n");
		exit(1);
	}
	*count = n;
	return syms;
}

/* write the table as assembly */
/* Write the three arrays of @n symbols, in the .kallsyms section, to @out. */
static void write_table(FILE *out, const struct sym *syms, size_t n)
{
	unsigned int off = 0;

	fprintf(out, "\t.section .kallsyms, \"a\"\n\t.balign 4\n");
	fprintf(out, "\t.globl kallsyms_num_syms\nkallsyms_num_syms:\n\t.long %zu\n", n);
	fprintf(out, "\t.globl kallsyms_addresses\nkallsyms_addresses:\n");
	for (size_t i = 0; i < n; i++)
		fprintf(out, "\t.long 0x%lx\n", syms[i].addr);
	fprintf(out, "\t.globl kallsyms_offsets\nkallsyms_offsets:\n");
	for (size_t i = 0; i < n; i++) {
		fprintf(out, "\t.long %u\n", off);
		off += (unsigned int)strlen(syms[i].name) + 1;
	}
	fprintf(out, "\t.globl kallsyms_names\nkallsyms_names:\n");
	for (size_t i = 0; i < n; i++)
		fprintf(out, "\t.asciz \"%s\"\n", syms[i].name);
}

/* [[main]]: from [[nm]]'s listing on stdin to assembly on stdout */
int main(void)
{
	size_t n = 0;
	struct sym *syms = read_symbols(stdin, &n);

	write_table(stdout, syms, n);
	free(syms);
	return 0;
}
