/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/arch.h>
#include <linux/seq_file.h>
#include <linux/string.h>

/* [[seq_printf]]: to the log, to a buffer, or to the console */
/* linux/seq_file.h. Any context; never sleeps. */
void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list args;
	char text[256];
	int len;

	va_start(args, fmt);
	if (!m) {
		char level_fmt[256];

		snprintf(level_fmt, sizeof(level_fmt), KERN_INFO "%s", fmt);
		len = vprintk(level_fmt, args);
	} else if (m->buf) {
		len = vscnprintf(m->buf + m->count, m->size - m->count, fmt, args);
		m->count += (size_t)len;
	} else {
		len = vsnprintf(text, sizeof(text), fmt, args);
		/* a line too long for [[text]] ends in [[...]], and with its newline */
		if (len >= (int)sizeof(text)) {
			bool newline = fmt[0] && fmt[strlen(fmt) - 1] == '\n';

			len = (int)sizeof(text) - 1;
			memcpy(text + len - 4, newline ? "...\n" : "....", 4);
		}
		arch_console_write(text, (size_t)len);
	}
	va_end(args);
}

/* [[seq_puts]]: a string as it is */
void seq_puts(struct seq_file *m, const char *s)
{
	seq_printf(m, "%s", s);
}
