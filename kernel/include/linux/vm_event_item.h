/* Tangled from chapters/11-page-tables.nw by tangle/tangle.c; edit the chapter, not this file. */
#ifndef _LINUX_VM_EVENT_ITEM_H
#define _LINUX_VM_EVENT_ITEM_H

enum vm_event_item {
	NR_TLB_LOCAL_FLUSH_ALL,
	NR_TLB_LOCAL_FLUSH_ONE,
	NR_VM_EVENT_ITEMS
};

extern unsigned long vm_events[NR_VM_EVENT_ITEMS];

/* Count one @item. Any context. */
static inline void count_vm_event(enum vm_event_item item)
{
	__atomic_fetch_add(&vm_events[item], 1, __ATOMIC_RELAXED);
}

#define count_vm_tlb_event(item)	count_vm_event(item)

#endif /* _LINUX_VM_EVENT_ITEM_H */
