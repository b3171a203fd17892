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

/* [[boot_case]]: a boot test as a line of a table */
struct boot_case {
	const char *name;		/* the behaviour checked, for the messages */
	const char *mem, *append, *input;
	int status;			/* the exit status expected */
	const char *expect[10];		/* text the output must hold, to the first NULL */
	const char *absent[2];		/* text it must not hold, to the first NULL */
};

/*
 * Boot @c->mem with @c->append, type @c->input, and check the status and
 * the output as @c says, with Criterion's expectations. In a test only.
 */
void boot_check(const struct boot_case *c);

/* A table of boot cases as a Criterion parameterized test boot/@name. */
#define BOOT_CASES(name, table)							\
	ParameterizedTestParameters(boot, name)					\
	{									\
		static size_t index[sizeof(table) / sizeof((table)[0])];	\
										\
		for (size_t i = 0; i < sizeof(index) / sizeof(index[0]); i++)	\
			index[i] = i;						\
		return cr_make_param_array(size_t, index,			\
					   sizeof(index) / sizeof(index[0]));	\
	}									\
	ParameterizedTest(size_t *i, boot, name, .timeout = 60)			\
	{									\
		boot_check(&(table)[*i]);					\
	}

#endif
