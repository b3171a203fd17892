/* Tangled from chapters/00-machine.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/arch.h>
#include <linux/align.h>

extern char init_stack[], init_stack_end[];

/* Is @fp a plausible frame pointer on the kernel stack, above @prev? */
static bool valid_frame(unsigned long fp, unsigned long prev)
{
	return fp > prev && IS_ALIGNED(fp, sizeof(long)) &&
	       fp >= (unsigned long)init_stack &&
	       fp + 2 * sizeof(long) <= (unsigned long)init_stack_end;
}

void arch_stack_walk(bool (*fn)(void *, unsigned long), void *cookie, unsigned long frame)
{
	unsigned long fp = (unsigned long)__builtin_frame_address(0);
	unsigned long prev = 0;

	if (frame)
		fp = frame;
	else if (valid_frame(fp, 0))
		fp = ((unsigned long *)fp)[0];		/* skip our own frame */

	while (valid_frame(fp, prev)) {
		unsigned long ret = ((unsigned long *)fp)[1];

		if (!ret || !fn(cookie, ret))
			break;
		prev = fp;
		fp = ((unsigned long *)fp)[0];
	}
}
