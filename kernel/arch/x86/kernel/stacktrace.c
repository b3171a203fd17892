/* Tangled from chapters/01-reports.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/arch.h>
#include <linux/align.h>

#include <asm/processor-flags.h>

/* [[valid_frame]]: a frame pointer worth following */
/* Is @fp a plausible frame pointer on the stack at @stack, above @prev? */
static bool valid_frame(unsigned long fp, unsigned long prev, unsigned long stack)
{
	return fp > prev && IS_ALIGNED(fp, sizeof(long)) &&
	       fp >= stack && fp + 2 * sizeof(long) <= stack + THREAD_SIZE;
}

/* [[arch_stack_walk]]: follow the saved frame pointers up the stack */
/* linux/arch.h: at most until the zero frame of head_32.S. Any context; no lock. */
void arch_stack_walk(bool (*fn)(void *, unsigned long), void *cookie, unsigned long frame)
{
	unsigned long fp = (unsigned long)__builtin_frame_address(0);
	unsigned long stack = ALIGN_DOWN(fp, THREAD_SIZE), prev = 0;

	if (frame)
		fp = frame;
	else if (valid_frame(fp, 0, stack))
		fp = ((unsigned long *)fp)[0];		/* skip our own frame */

	while (valid_frame(fp, prev, stack)) {
		unsigned long ret = ((unsigned long *)fp)[1];

		if (!ret || !fn(cookie, ret))
			break;
		prev = fp;
		fp = ((unsigned long *)fp)[0];
	}
}
