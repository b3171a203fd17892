/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/arch.h>
#include <asm/io.h>

/* the UART's registers */
#define COM1		0x3F8
#define UART_TX		0	/* transmit holding register (write) */
#define UART_RX		0	/* receive buffer (read) */
#define UART_DLL	0	/* divisor latch, low byte (DLAB = 1) */
#define UART_IER	1	/* interrupt enable */
#define UART_DLM	1	/* divisor latch, high byte (DLAB = 1) */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */
#define UART_LCR_DLAB	0x80
#define UART_LCR_8N1	0x03
#define UART_LSR_DR	0x01	/* a received byte is waiting */
#define UART_LSR_THRE	0x20	/* the transmitter can take a byte */

/* [[serial_init]]: program COM1 for 115200 8N1, FIFOs off */
/**
 * serial_init - program COM1 for 115200 baud, 8N1, FIFOs and interrupts off
 *
 * Called once, first thing in C, so that printk() works from then on.
 * Context: boot only, interrupts off; cannot fail (there is nothing to check).
 */
void serial_init(void)
{
	outb(0x00, COM1 + UART_IER);
	outb(UART_LCR_DLAB, COM1 + UART_LCR);
	outb(0x01, COM1 + UART_DLL);
	outb(0x00, COM1 + UART_DLM);
	outb(UART_LCR_8N1, COM1 + UART_LCR);
	outb(0x03, COM1 + UART_MCR);	/* DTR and RTS */
}

/* write the console: [[arch_console_write]] */
/* Wait until the transmitter is free, then send @c. Any context; busy-waits. */
static void serial_putc(char c)
{
	while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE))
		__asm__ __volatile__("pause");
	outb((u8)c, COM1 + UART_TX);
}

/* linux/arch.h: send @len bytes, '\n' as "\r\n". Any context; takes no lock. */
void arch_console_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

/* read the console: [[arch_console_getc]] */
/* linux/arch.h: wait for a received byte and return it; never -1. Busy-waits. */
int arch_console_getc(void)
{
	while (!(inb(COM1 + UART_LSR) & UART_LSR_DR))
		__asm__ __volatile__("pause");
	return inb(COM1 + UART_RX);
}

/* linux/arch.h: a received byte, or -1 if none is waiting. */
int arch_console_poll(void)
{
	return inb(COM1 + UART_LSR) & UART_LSR_DR ? inb(COM1 + UART_RX) : -1;
}
