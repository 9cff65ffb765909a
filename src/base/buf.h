/*
 * A growable byte buffer. The buffer owns its storage; callers borrow
 * `data` until the next append or buf_release().
 */
#ifndef TLSVIZ_BASE_BUF_H
#define TLSVIZ_BASE_BUF_H

#include <stddef.h>
#include <stdint.h>

struct buf {
	uint8_t *data;
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

/* Makes room for `extra` more bytes, so appending them does not move the data. */
void buf_reserve(struct buf *b, size_t extra);
/* Appends a copy of <bytes, len>. Aborts when memory runs out. */
void buf_append(struct buf *b, const void *bytes, size_t len);
/* Appends `v` in little-endian (file formats' own headers) or big-endian (network) order. */
void buf_le16(struct buf *b, uint16_t v);
void buf_le32(struct buf *b, uint32_t v);
void buf_be16(struct buf *b, uint16_t v);
#include <stdarg.h>

/*
 * Appends a printf-formatted string. The buffer stays NUL-terminated past
 * `len` (the terminator is not counted), so data can be read as a string.
 */
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/*
 * vsnprintf for the common conversions, fast: at most `room` bytes, no
 * terminator; the length, or -1 when it cannot (then `ap` is spent).
 */
int format_quick(char *out, size_t room, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
/* Appends string `s`, as buf_printf(b, "%s", s) does, without formatting it. */
void buf_puts(struct buf *b, const char *s);
/* Frees the storage and leaves an empty buffer. */
void buf_release(struct buf *b);

/* Allocation that never returns NULL: out of memory is not a recoverable state here. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);

/*
 * Grows a typed array `*items` holding `len` elements to room for at least
 * `len + 1`; `*cap` tracks the capacity.
 */
#define ARRAY_GROW(items, len, cap)                                                     \
	do {                                                                            \
		if ((len) >= (cap)) {                                                   \
			(cap) = (cap) ? (cap) * 2 : 16;                                 \
			(items) = xrealloc((items), (cap) * sizeof(*(items)));          \
		}                                                                       \
	} while (0)

#endif
