/* Tangled from chapters/02-memory-map.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <linux/compiler.h>
#include <linux/types.h>

struct seq_file {
	char *buf;		/* NULL: write to the console */
	size_t size;		/* of buf */
	size_t count;		/* bytes written to buf, without the final '\0' */
};

/*
 * Append formatted text to @m (NULL: printk at KERN_INFO). Text past its
 * size is dropped. Context: any; never sleeps; @m needs no lock of its own.
 */
void __printf(2, 3) seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_puts(struct seq_file *m, const char *s);

#endif
