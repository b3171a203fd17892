/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <linux/compiler.h>
#include <linux/types.h>

/* [[seq_file]]: a buffer, or the console */
struct seq_file {
	char *buf;		/* NULL: write to the console */
	size_t size;		/* of buf */
	size_t count;		/* bytes written to buf, without the final '\0' */
};

/* writing to a [[seq_file]]: [[seq_printf]] and [[seq_puts]] */
/**
 * seq_printf - append formatted text to @m (NULL: printk at KERN_INFO)
 *
 * Text past the buffer's size is dropped; the console writes at most 255
 * bytes a call. Context: any; never sleeps; @m needs no lock of its own.
 */
void __printf(2, 3) seq_printf(struct seq_file *m, const char *fmt, ...);
/* seq_printf(m, "%s", s). Same context. */
void seq_puts(struct seq_file *m, const char *s);

#endif
