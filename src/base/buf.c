#include "base/buf.h"

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
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

/* Writes `v` in `base` (10 or 16), at least `width` digits wide padded with `pad`; its length. */
static size_t format_unsigned(char *out, size_t room, unsigned long long v, unsigned base,
			      size_t width, char pad)
{
	char digits[24];
	size_t n = 0;
	do {
		digits[sizeof(digits) - ++n] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	size_t len = n > width ? n : width;
	if (len > room)
		return len;
	memset(out, pad, len - n);
	memcpy(out + len - n, digits + sizeof(digits) - n, n);
	return len;
}

/*
 * printf's own work for the conversions most of tlsviz's formats use (%s,
 * %c, %%, %d, %u and %x with the sizes hh, h, l, ll and z, and for %u and %x
 * a width, given or '*', padded with spaces or '0'), in a fraction of its
 * time: the decoders format a value for most of the hundreds of thousands of
 * nodes a capture's JSON holds. Writes at most `room` bytes (no terminator)
 * and returns the length, or -1 when `fmt` uses anything else or the text
 * does not fit; `ap` is then spent, and the caller formats with vsnprintf.
 */
int format_quick(char *out, size_t room, const char *fmt, va_list ap)
{
	size_t len = 0;
	for (const char *f = fmt; *f; f++) {
		if (*f != '%') {
			if (len == room)
				return -1;
			out[len++] = *f;
			continue;
		}
		f++;
		char pad = ' ';
		size_t width = 0;
		if (*f == '0') {
			pad = '0';
			f++;
		}
		if (*f == '*') {
			int w = va_arg(ap, int);
			if (w < 0)
				return -1; /* a negative width left-justifies */
			width = (size_t)w;
			f++;
		} else {
			for (; *f >= '0' && *f <= '9'; f++)
				width = width * 10 + (size_t)(*f - '0');
		}
		int size = 0; /* -2 hh, -1 h, 1 l, 2 ll, 3 z */
		if (*f == 'h')
			size = *++f == 'h' ? (f++, -2) : -1;
		else if (*f == 'l')
			size = *++f == 'l' ? (f++, 2) : 1;
		else if (*f == 'z')
			size = (f++, 3);
		size_t n;
		if (*f == 'u' || *f == 'x') {
			unsigned long long v = size == 3   ? va_arg(ap, size_t)
					       : size == 2 ? va_arg(ap, unsigned long long)
					       : size == 1 ? va_arg(ap, unsigned long)
							   : va_arg(ap, unsigned);
			if (size == -1)
				v = (unsigned short)v;
			else if (size == -2)
				v = (unsigned char)v;
			n = format_unsigned(out + len, room - len, v, *f == 'u' ? 10 : 16, width, pad);
		} else if (width || size > 2 || size < 0) {
			return -1; /* widths of %s, %c and %d, and %zd, %hd: printf's */
		} else if (*f == 'd') {
			long long v = size == 2 ? va_arg(ap, long long)
				      : size == 1 ? va_arg(ap, long)
						  : va_arg(ap, int);
			if (len == room)
				return -1;
			bool negative = v < 0;
			out[len] = '-'; /* written over by the digits when it is not */
			unsigned long long magnitude = negative ? 0 - (unsigned long long)v
								: (unsigned long long)v;
			n = negative + format_unsigned(out + len + negative, room - len - negative,
						       magnitude, 10, 0, ' ');
		} else if (*f == 's' && !size) {
			const char *s = va_arg(ap, const char *);
			n = strlen(s);
			if (n <= room - len)
				memcpy(out + len, s, n);
		} else if ((*f == 'c' && !size) || (*f == '%' && !size)) {
			if (len == room)
				return -1;
			out[len] = *f == '%' ? '%' : (char)va_arg(ap, int);
			n = 1;
		} else {
			return -1;
		}
		if (n > room - len)
			return -1;
		len += n;
	}
	return len > INT_MAX ? -1 : (int)len;
}

void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	/* Formatted once into the room there is; a second time only when it did not fit. */
	buf_reserve(b, 64);
	va_list copy;
	va_copy(copy, ap);
	int quick = format_quick((char *)b->data + b->len, b->cap - b->len - 1, fmt, copy);
	va_end(copy);
	if (quick >= 0) {
		b->len += (size_t)quick;
		b->data[b->len] = '\0'; /* as vsnprintf leaves it */
		return;
	}
	size_t room = b->cap - b->len;
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
