#include "base/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		abort();
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		abort();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		abort();
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

void buf_reserve(struct buf *b, size_t extra)
{
	if (b->cap - b->len >= extra)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap - b->len < extra)
		cap *= 2;
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void buf_append(struct buf *b, const void *bytes, size_t len)
{
	if (len == 0)
		return;
	buf_reserve(b, len);
	memcpy(b->data + b->len, bytes, len);
	b->len += len;
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	/* Formatted once into the room there is; a second time only when it did not fit. */
	buf_reserve(b, 1);
	size_t room = b->cap - b->len;
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf((char *)b->data + b->len, room, fmt, copy);
	va_end(copy);
	if (n < 0)
		abort();
	/* +1 for the terminator vsnprintf writes; it is not counted in len. */
	if ((size_t)n >= room) {
		buf_reserve(b, (size_t)n + 1);
		vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void buf_puts(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	buf_reserve(b, n + 1);
	memcpy(b->data + b->len, s, n + 1);
	b->len += n;
}

void buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_le16(struct buf *b, uint16_t v)
{
	uint8_t p[2] = { (uint8_t)v, (uint8_t)(v >> 8) };
	buf_append(b, p, 2);
}

void buf_le32(struct buf *b, uint32_t v)
{
	uint8_t p[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
	buf_append(b, p, 4);
}

void buf_be16(struct buf *b, uint16_t v)
{
	uint8_t p[2] = { (uint8_t)(v >> 8), (uint8_t)v };
	buf_append(b, p, 2);
}

void buf_release(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
