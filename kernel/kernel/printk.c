/* Tangled from chapters/01-reports.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/arch.h>

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;

/* the log buffer */
#define LOG_BUF_LEN	(1 << 15)
static char log_buf[LOG_BUF_LEN];
static unsigned long log_next;		/* total bytes ever logged */

/* Append @len bytes to the ring, overwriting the oldest. Any context; one CPU, no lock. */
static void log_store(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		log_buf[log_next++ % LOG_BUF_LEN] = text[i];
}

/* [[printk_get_level]]: strip the level header from a message */
/*
 * Return the level of @*fmt (0-7, 'c' for a continuation, or -1 when it has
 * none) and advance @*fmt past the header.
 */
static int printk_get_level(const char **fmt)
{
	const char *s = *fmt;

	if (s[0] != KERN_SOH[0] || s[1] == '\0')
		return -1;
	*fmt = s + 2;
	if (s[1] >= '0' && s[1] <= '7')
		return s[1] - '0';
	return s[1] == 'c' ? 'c' : -1;
}

/* [[vprintk]]: format, keep and print one message */
int vprintk(const char *fmt, va_list args)
{
	static int line_level = LOGLEVEL_DEFAULT;
	char text[512];
	int level = printk_get_level(&fmt);
	int len;

	if (level != 'c')
		line_level = level < 0 ? LOGLEVEL_DEFAULT : level;
	len = vscnprintf(text, sizeof(text), fmt, args);
	log_store(text, (size_t)len);
	if (line_level < console_loglevel)
		arch_console_write(text, (size_t)len);
	return len;
}

/* [[printk]] and [[log_buf_dump]] */
int printk(const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vprintk(fmt, args);
	va_end(args);
	return len;
}

void log_buf_dump(void)
{
	unsigned long start = log_next > LOG_BUF_LEN ? log_next - LOG_BUF_LEN : 0;

	for (unsigned long i = start; i < log_next; i++)
		arch_console_write(&log_buf[i % LOG_BUF_LEN], 1);
}
