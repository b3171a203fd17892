/* Tangled from chapters/03-pages.nw, chapters/06-interrupts.nw, chapters/12-vmalloc.nw by tangle/tangle.c; edit the chapters, not this file. */
#ifndef _LINUX_LIST_H
#define _LINUX_LIST_H

#include <linux/types.h>
#include <linux/kernel.h>

/* [[struct list_head]]: a node, and a list's head */
struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name)	{ &(name), &(name) }
#define LIST_HEAD(name)		struct list_head name = LIST_HEAD_INIT(name)

/* the poison a removed node points to */
#define LIST_POISON1	((struct list_head *)0x00100100)
#define LIST_POISON2	((struct list_head *)0x00200200)

/* adding to and removing from a list */
/* [[INIT_LIST_HEAD]] and [[list_add]]: an empty list, and linking a node in */
/* [[INIT_LIST_HEAD]] and [[__list_add]]: an empty list, and a node between two */
/* Make @list an empty list (or a node on none). Any context; no lock of its own. */
static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

/* Link @new between @prev and @next, which must be neighbours. */
static inline void __list_add(struct list_head *new, struct list_head *prev,
			      struct list_head *next)
{
	next->prev = new;
	new->next = next;
	new->prev = prev;
	prev->next = new;
}

/* [[list_add]] and [[list_add_tail]]: a stack and a queue */
/* Add @new after @head: a stack. The list's lock held. */
static inline void list_add(struct list_head *new, struct list_head *head)
{
	__list_add(new, head, head->next);
}

/* Add @new before @head: a queue. The list's lock held. */
static inline void list_add_tail(struct list_head *new, struct list_head *head)
{
	__list_add(new, head->prev, head);
}

/* [[list_del]] and [[list_empty]]: unlinking a node, and poisoning it */
/* Unlink @entry and poison its pointers (LIST_POISON1, LIST_POISON2). The list's lock held. */
static inline void list_del(struct list_head *entry)
{
	entry->next->prev = entry->prev;
	entry->prev->next = entry->next;
	entry->next = LIST_POISON1;
	entry->prev = LIST_POISON2;
}

/* Is the list at @head empty? A snapshot unless the list's lock is held. */
static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

/* Take @entry off its list and leave it an empty list of its own. */
static inline void list_del_init(struct list_head *entry)
{
	entry->next->prev = entry->prev;
	entry->prev->next = entry->next;
	INIT_LIST_HEAD(entry);
}

/* Take @entry off its list and put it at the back of @head. */
static inline void list_move_tail(struct list_head *entry, struct list_head *head)
{
	entry->next->prev = entry->prev;
	entry->prev->next = entry->next;
	list_add_tail(entry, head);
}

/* Take @entry off its list and put it at the front of @head. */
static inline void list_move(struct list_head *entry, struct list_head *head)
{
	entry->next->prev = entry->prev;
	entry->prev->next = entry->next;
	list_add(entry, head);
}

/* Does @head hold exactly one entry? */
static inline bool list_is_singular(const struct list_head *head)
{
	return !list_empty(head) && head->next == head->prev;
}
/* Move every node of @list to the front of @head, and leave @list empty. */
static inline void list_splice_init(struct list_head *list, struct list_head *head)
{
	if (list_empty(list))
		return;
	list->next->prev = head;
	list->prev->next = head->next;
	head->next->prev = list->prev;
	head->next = list->next;
	INIT_LIST_HEAD(list);
}

/* walking a list */
/* The structure of @type that embeds @ptr as its @member. */
#define list_entry(ptr, type, member)	container_of(ptr, type, member)
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)
#define list_for_each_entry(pos, head, member)					\
	for (pos = list_entry((head)->next, __typeof__(*pos), member);		\
	     &pos->member != (head);						\
	     pos = list_entry(pos->member.next, __typeof__(*pos), member))
/* As list_for_each_entry, but @pos may be deleted: @n holds the next one. */
#define list_for_each_entry_safe(pos, n, head, member)				\
	for (pos = list_entry((head)->next, __typeof__(*pos), member),		\
	     n = list_entry(pos->member.next, __typeof__(*pos), member);	\
	     &pos->member != (head);						\
	     pos = n, n = list_entry(n->member.next, __typeof__(*n), member))
#define list_last_entry(head, type, member) list_entry((head)->prev, type, member)

#endif
