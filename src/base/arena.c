#include "base/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif

#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define ARENA_REDZONE 16
#else
#define ASAN_POISON_MEMORY_REGION(at, len) ((void)(at), (void)(len))
#define ASAN_UNPOISON_MEMORY_REGION(at, len) ((void)(at), (void)(len))
#define ARENA_REDZONE 0
#endif

/* Blocks grow from the first, so a small tree costs one malloc and a large one a few. */
#define ARENA_FIRST_BLOCK 2048
#define ARENA_LARGEST_BLOCK (64 * 1024)

struct arena_block {
	struct arena_block *next;
	size_t size; /* of data[] */
	max_align_t data[];
};

static size_t round_up(size_t len)
{
	const size_t align = sizeof(max_align_t);
	return (len + align - 1) / align * align;
}

void *arena_alloc(struct arena *a, size_t len)
{
	size_t need = round_up(len + ARENA_REDZONE);
	struct arena_block *b = a->blocks;
	if (!b || b->size - a->used < need) {
		size_t size = b ? b->size * 2 : ARENA_FIRST_BLOCK;
		if (size > ARENA_LARGEST_BLOCK)
			size = ARENA_LARGEST_BLOCK;
		if (size < need)
			size = need;
		b = xmalloc(sizeof(*b) + size);
		b->next = a->blocks;
		b->size = size;
		ASAN_POISON_MEMORY_REGION(b->data, size);
		a->blocks = b;
		a->used = 0;
	}
	char *p = (char *)b->data + a->used;
	a->used += need;
	ASAN_UNPOISON_MEMORY_REGION(p, len);
	return memset(p, 0, len);
}

char *arena_strndup(struct arena *a, const char *s, size_t len)
{
	char *copy = arena_alloc(a, len + 1);
	memcpy(copy, s, len);
	return copy;
}

void *arena_grow(struct arena *a, void *items, size_t len, size_t cap, size_t size)
{
	if (cap > SIZE_MAX / size)
		abort();
	void *moved = arena_alloc(a, cap * size);
	if (len)
		memcpy(moved, items, len * size);
	return moved;
}

void arena_release(struct arena *a)
{
	while (a->blocks) {
		struct arena_block *next = a->blocks->next;
		ASAN_UNPOISON_MEMORY_REGION(a->blocks->data, a->blocks->size);
		free(a->blocks);
		a->blocks = next;
	}
	a->used = 0;
}
