/* Tangled from chapters/03-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/pgtable.h>

/* the table of mapped high pages */
/* the entries, their pool and the hash table */
#define PA_HASH_ORDER	7

struct page_address_map {
	const struct page *page;
	void *virtual;
	struct list_head list;		/* in a hash slot, or in the free pool */
};

static struct page_address_map page_address_maps[LAST_PKMAP];
static struct list_head page_address_pool;
static struct list_head page_address_htable[1 << PA_HASH_ORDER];

/* [[page_slot]]: the chain a page's entry is on */
/* The hash chain for @page: its pfn's low bits. */
static struct list_head *page_slot(const struct page *page)
{
	return &page_address_htable[page_to_pfn(page) & ((1 << PA_HASH_ORDER) - 1)];
}

/* [[page_address_init]]: every entry in the pool, every chain empty */
/* Set up the table of mapped high pages: none mapped. Boot only, before any kmap. */
void page_address_init(void)
{
	INIT_LIST_HEAD(&page_address_pool);
	for (int i = 0; i < LAST_PKMAP; i++)
		list_add(&page_address_maps[i].list, &page_address_pool);
	for (int i = 0; i < (1 << PA_HASH_ORDER); i++)
		INIT_LIST_HEAD(&page_address_htable[i]);
}

/* [[page_address]]: arithmetic for lowmem, a lookup for highmem */
/**
 * page_address - the kernel address of @page
 * @page: any page with a descriptor
 *
 * Context: any. The table has no lock yet: only kmap (not yet written) changes it.
 * Return: the direct-map address of a lowmem page; for a high page the address
 * it is mapped at, or NULL while it is not mapped.
 */
void *page_address(const struct page *page)
{
	struct page_address_map *pam;

	if (!PageHighMem(page))
		return lowmem_page_address(page);
	list_for_each_entry(pam, page_slot(page), list)
		if (pam->page == page)
			return pam->virtual;
	return NULL;
}

/* [[set_page_address]]: record or forget a high page's address */
/**
 * set_page_address - record that high page @page is mapped at @virtual
 * @page: a page of high memory; a lowmem page is a BUG
 * @virtual: its address, or NULL when it is no longer mapped
 *
 * Context: the caller of kmap, which serializes the table. Recording a second
 * address, or more than LAST_PKMAP of them, is a BUG.
 */
void set_page_address(struct page *page, void *virtual)
{
	struct page_address_map *pam;

	BUG_ON(!PageHighMem(page));
	/* if [[page]] has an entry, forget it and return */
	list_for_each_entry(pam, page_slot(page), list)
		if (pam->page == page) {
			BUG_ON(virtual);	/* mapped twice */
			list_del(&pam->list);
			list_add(&pam->list, &page_address_pool);
			return;
		}
	if (!virtual)
		return;
	/* take an entry from the pool and record [[virtual]] in it */
	BUG_ON(list_empty(&page_address_pool));
	pam = list_first_entry(&page_address_pool, struct page_address_map, list);
	list_del(&pam->list);
	pam->page = page;
	pam->virtual = virtual;
	list_add(&pam->list, page_slot(page));
}
