/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef TESTS_QEMU_H
#define TESTS_QEMU_H

struct boot {
	int status;	/* the kernel's exit status (0, 1, 2), or -1 on timeout */
	char *output;	/* what the serial line printed, without '\r' */
	int pid;	/* QEMU's process, already reaped when qemu_boot returns */
};

/*
 * Boot build/kernel/vmlinux (or $KERNEL) with @mem of RAM and kernel
 * command line @append, type @input, and wait at most @timeout seconds.
 * Returns 0, or -1 if QEMU could not be started.
 */
int qemu_boot(struct boot *b, const char *mem, const char *append, const char *input,
	      int timeout);
void boot_free(struct boot *b);

/*
 * Start QEMU and return its pid, with @to and @from the two ends of its
 * serial line; -1 on failure. The caller must kill and wait for it.
 */
int qemu_start(const char *mem, const char *append, int *to, int *from);

/* A boot that must start, and a line it must print, for the tests' bodies. */
#define BOOT(b, mem, append, input) \
	cr_assert_eq(qemu_boot(b, mem, append, input, 30), 0, "could not start QEMU")
#define EXPECT_OUTPUT(b, text) \
	cr_expect(strstr((b)->output, text), "expected \"%s\" in the output:\n%s", text, (b)->output)

#endif
