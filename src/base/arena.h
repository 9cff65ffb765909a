/*
 * An arena: many small allocations that die together, taken from a few large
 * blocks and freed at once. A decoded field tree lives in one (a message of
 * the bulk scenario has tens of thousands of nodes, each with a name and a
 * value: one malloc each cost more than the decoding).
 *
 * Under AddressSanitizer every allocation keeps a poisoned gap after it, so
 * an overrun is caught as it would be between two mallocs.
 */
#ifndef TLSVIZ_BASE_ARENA_H
#define TLSVIZ_BASE_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *blocks; /* the newest first */
	size_t used;                /* bytes taken from the newest block */
};

#define ARENA_INIT { NULL, 0 }

/* `len` bytes, zeroed, aligned for any type; they live until arena_release(). */
void *arena_alloc(struct arena *a, size_t len);
/* A copy of <s, len> with a terminator after it. */
char *arena_strndup(struct arena *a, const char *s, size_t len);
/*
 * `items` (an array of `len` elements of `size` bytes, from `a` or NULL)
 * moved to room for `cap`; the old array stays in the arena, unused.
 */
void *arena_grow(struct arena *a, void *items, size_t len, size_t cap, size_t size);
/* Frees every allocation at once; `a` is empty again. */
void arena_release(struct arena *a);

#endif
