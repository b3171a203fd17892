/* Tangled from chapters/12-vmalloc.nw by tangle/tangle.c; edit the chapter, not this file. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <time.h>
#include <linux/kernel.h>
#include <linux/rbtree_augmented.h>

/* an item with a key, a size and its subtree's largest size */
struct item {
	struct rb_node rb;
	unsigned long key, size, max;
};

static unsigned long item_size(struct item *it) { return it->size; }

RB_DECLARE_CALLBACKS_MAX(static, item_cb, struct item, rb, unsigned long, max, item_size);

/* [[check_tree]]: the four rules, the parents and the values */
/* Check the subtree at @rb below @parent, keys in (@lo, @hi); return its black height. */
static int check_node(struct rb_node *rb, struct rb_node *parent, unsigned long lo,
		      unsigned long hi, int *count)
{
	struct item *it;
	int left, right;
	unsigned long max;

	if (!rb)
		return 1;
	it = rb_entry(rb, struct item, rb);
	(*count)++;
	cr_assert(rb_parent(rb) == parent, "key %lu: wrong parent", it->key);
	cr_assert(it->key > lo && it->key < hi, "key %lu out of order", it->key);
	if (!(rb->__rb_parent_color & 1))
		cr_assert((!rb->rb_left || (rb->rb_left->__rb_parent_color & 1)) &&
			  (!rb->rb_right || (rb->rb_right->__rb_parent_color & 1)),
			  "red key %lu has a red child", it->key);
	left = check_node(rb->rb_left, rb, lo, it->key, count);
	right = check_node(rb->rb_right, rb, it->key, hi, count);
	cr_assert_eq(left, right, "key %lu: black heights %d and %d", it->key, left, right);
	max = it->size;
	if (rb->rb_left && rb_entry(rb->rb_left, struct item, rb)->max > max)
		max = rb_entry(rb->rb_left, struct item, rb)->max;
	if (rb->rb_right && rb_entry(rb->rb_right, struct item, rb)->max > max)
		max = rb_entry(rb->rb_right, struct item, rb)->max;
	cr_assert_eq(it->max, max, "key %lu: subtree max %lu, should be %lu", it->key, it->max, max);
	return left + (rb->__rb_parent_color & 1);
}

/* Check all of @root, which should hold @n items. */
static void check_tree(struct rb_root *root, int n)
{
	int count = 0;

	cr_assert(!root->rb_node || (root->rb_node->__rb_parent_color & 1), "the root is red");
	check_node(root->rb_node, NULL, 0, ~0UL, &count);
	cr_assert_eq(count, n, "%d nodes in the tree, %d expected", count, n);
}

/* inserting an item, keeping the values on its path */
/* Insert @it by its key, raising the largest size along the path first. */
static void insert(struct rb_root *root, struct item *it)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	it->max = it->size;
	while (*link) {
		struct item *p = rb_entry(*link, struct item, rb);

		parent = *link;
		if (p->max < it->size)
			p->max = it->size;
		link = it->key < p->key ? &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&it->rb, parent, link);
	rb_insert_augmented(&it->rb, root, &item_cb);
}

/* host tests of the red-black tree */
Test(rbtree, a_random_workload_keeps_every_rule_and_value)
{
	enum { SLOTS = 256, OPS = 100000 };
	static struct item items[SLOTS];
	static bool in[SLOTS];
	struct rb_root root = RB_ROOT;
	unsigned int seed = (unsigned int)time(NULL);
	int n = 0;

	srand(seed);
	for (int op = 0; op < OPS; op++) {
		int i = rand() % SLOTS;

		if (in[i]) {
			rb_erase_augmented(&items[i].rb, &root, &item_cb);
			n--;
		} else {
			items[i].key = (unsigned long)i * 1000 + 1;
			items[i].size = 1 + (unsigned long)rand() % 100000;
			insert(&root, &items[i]);
			n++;
		}
		in[i] = !in[i];
		check_tree(&root, n);
	}
	cr_log_info("rbtree: %d ops, seed %u", OPS, seed);
}

Test(rbtree, in_order_walks_visit_the_keys_sorted_both_ways)
{
	static struct item items[1000];
	struct rb_root root = RB_ROOT;
	unsigned long last = 0;
	int seen = 0;

	srand(1);
	for (int i = 0; i < 1000; i++) {
		items[i].key = 1 + (((unsigned long)i * 7919) % 1000);	/* each of 1..1000 once */
		items[i].size = 1;
		insert(&root, &items[i]);
	}
	for (struct rb_node *rb = rb_first(&root); rb; rb = rb_next(rb), seen++) {
		cr_assert_gt(rb_entry(rb, struct item, rb)->key, last);
		last = rb_entry(rb, struct item, rb)->key;
	}
	cr_expect_eq(seen, 1000);
	for (struct rb_node *rb = rb_last(&root); rb; rb = rb_prev(rb), seen--)
		cr_assert_eq(rb_entry(rb, struct item, rb)->key, (unsigned long)seen);
	cr_expect_eq(seen, 0);
}
