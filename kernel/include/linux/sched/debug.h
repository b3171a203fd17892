/* Tangled from chapters/01-reports.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_SCHED_DEBUG_H
#define _LINUX_SCHED_DEBUG_H

/* Print "Call Trace:", then @guess (if not 0) and the frames from @frame (0: the caller's). */
void show_stack(unsigned long frame, unsigned long guess);
/* Print the "CPU: 0 PID: 0 Comm: ..." line of a report. */
void print_context(void);

#endif
