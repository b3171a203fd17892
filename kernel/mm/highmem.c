/* Tangled from chapters/03-pages.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/pgtable.h>

/* the table of mapped high pages */
#define PA_HASH_ORDER	7

struct page_address_map {
	const struct page *page;
	void *virtual;
	struct list_head list;		/* in a hash slot, or in the free pool */
};

static struct page_address_map page_address_maps[LAST_PKMAP];
static struct list_head page_address_pool;
static struct list_head page_address_htable[1 << PA_HASH_ORDER];

static struct list_head *page_slot(const struct page *page)
{
	return &page_address_htable[page_to_pfn(page) & ((1 << PA_HASH_ORDER) - 1)];
}

void page_address_init(void)
{
	INIT_LIST_HEAD(&page_address_pool);
	for (int i = 0; i < LAST_PKMAP; i++)
		list_add(&page_address_maps[i].list, &page_address_pool);
	for (int i = 0; i < (1 << PA_HASH_ORDER); i++)
		INIT_LIST_HEAD(&page_address_htable[i]);
}
/* [[page_address]]: arithmetic for lowmem, a lookup for highmem */
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
void set_page_address(struct page *page, void *virtual)
{
	struct page_address_map *pam;

	BUG_ON(!PageHighMem(page));
	list_for_each_entry(pam, page_slot(page), list)
		if (pam->page == page) {
			BUG_ON(virtual);	/* mapped twice */
			list_del(&pam->list);
			list_add(&pam->list, &page_address_pool);
			return;
		}
	if (!virtual)
		return;
	BUG_ON(list_empty(&page_address_pool));
	pam = list_first_entry(&page_address_pool, struct page_address_map, list);
	list_del(&pam->list);
	pam->page = page;
	pam->virtual = virtual;
	list_add(&pam->list, page_slot(page));
}
