#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "qemu.h"
#include "points.h"

/*
 * The size kallsyms gives the text symbol @name of the kernel the test
 * booted: from its address to the next text symbol's, as nm lists them.
 * 0 if it is not a text symbol of that kernel.
 */
static unsigned long text_symbol_size(const char *name)
{
	const char *kernel = getenv("KERNEL");
	char cmd[1024], sym[256], type;
	unsigned long addr, found = 0, size = 0;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "nm -n '%s'", kernel ? kernel : "build/kernel/vmlinux");
	p = popen(cmd, "r");
	cr_assert_not_null(p);
	while (fscanf(p, "%lx %c %255s", &addr, &type, sym) == 3) {
		if (type != 't' && type != 'T')
			continue;
		if (found && addr > found) {
			size = addr - found;
			break;
		}
		if (!found && strcmp(sym, name) == 0)
			found = addr;
	}
	pclose(p);
	return size;
}

/*
 * Every frame of the call trace of a WARNING names a function of this
 * kernel, as "name+0xoffset/0xsize": the name is one of its text symbols,
 * the size is that symbol's (to the next one), and the offset falls inside
 * it; and the frames run from the warning down through lkdtm_WARNING and
 * the console's cmd_lkdtm. A made-up name, or a right name with a made-up
 * size, fails.
 */
Test(kallsyms_lookup_boot, a_warning_names_the_functions_of_its_call_trace,
     .description = POINTS(2), .timeout = 120)
{
	struct boot b;
	const char *report, *line;
	int frames = 0;

	cr_assert_eq(qemu_boot(&b, "128M", "", "lkdtm WARNING\nhalt\n", 90), 0);
	report = strstr(b.output, "Call Trace:\n");
	cr_assert(report, "no call trace; the kernel said:\n%s", b.output);
	for (line = strchr(report, '\n') + 1; *line == ' '; line = strchr(line, '\n') + 1, frames++) {
		char name[256];
		unsigned long off, size;

		cr_assert(strchr(line, '\n'), "the call trace was cut off:\n%s", report);
		cr_assert(sscanf(line, " %255[^+ \n]+0x%lx/0x%lx", name, &off, &size) == 3,
			  "frame %d is not name+0xoffset/0xsize:\n%.*s\nthe kernel said:\n%s", frames,
			  (int)(strchr(line, '\n') - line), line, report);
		cr_assert_eq(text_symbol_size(name), size, "frame %d: %s+0x%lx/0x%lx: %s is %s",
			     frames, name, off, size, name,
			     text_symbol_size(name) ? "a function of another size" : "no function of this kernel");
		cr_assert_lt(off, size, "frame %d: %s+0x%lx/0x%lx: the offset is past the end",
			     frames, name, off, size);
	}
	cr_expect_geq(frames, 3, "expected at least 3 frames:\n%s", report);
	cr_expect(strstr(report, "\n lkdtm_WARNING+0x"),
		  "expected the call trace to name lkdtm_WARNING+0x.../0x...; the kernel said:\n%s", report);
	cr_expect(strstr(report, " cmd_lkdtm+0x"),
		  "expected cmd_lkdtm+0x.../0x... further down the call trace; the kernel said:\n%s", report);
	boot_free(&b);
}
