#include "base/text.h"

#include <limits.h>
#include <stdbool.h>
#include <locale.h>
#include <string.h>
#include <wchar.h>

/* The largest code point (RFC 3629); glibc's mbrtowc decodes beyond it. */
#define UNICODE_MAX 0x10ffff

/* A UTF-8 locale for decoding and widths, whatever LC_CTYPE the program runs in; 0 if none. */
static locale_t utf8_locale(void)
{
	static locale_t loc;
	static int tried;
	if (!tried) {
		tried = 1;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
		if (!loc)
			loc = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", (locale_t)0);
	}
	return loc;
}

/*
 * The bidirectional embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069): printable to wcwidth, yet they reorder what follows them
 * on the line, so that a narration or an error could show other than it
 * says. They are shown escaped, as control characters are.
 */
static bool reorders(wchar_t wc)
{
	return (wc >= 0x202a && wc <= 0x202e) || (wc >= 0x2066 && wc <= 0x2069);
}

size_t text_char(const char *s, size_t len, int *width)
{
	unsigned char c = (unsigned char)*s;
	if (c >= 0x20 && c < 0x7f) { /* the common case, without a locale */
		*width = 1;
		return 1;
	}
	if (c < 0x80 || !utf8_locale()) {
		*width = -1;
		return 1;
	}
	locale_t old = uselocale(utf8_locale());
	mbstate_t state;
	memset(&state, 0, sizeof(state));
	wchar_t wc;
	size_t n = mbrtowc(&wc, s, len, &state);
	int w = -1;
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0 || (unsigned long)wc > UNICODE_MAX)
		n = 1;
	else if (!reorders(wc))
		w = wcwidth(wc);
	uselocale(old);
	*width = w;
	return n;
}

size_t text_width(const char *text)
{
	size_t n = 0, len = strlen(text);
	for (size_t at = 0; at < len;) {
		int w;
		at += text_char(text + at, len - at, &w);
		n += w < 0 ? 1 : (size_t)w;
	}
	return n;
}

/* Bytes left in the string from `p`, looking no further than a character (it ends at NUL). */
static size_t char_room(const char *p)
{
	size_t n = 0;
	while (n < MB_LEN_MAX && p[n])
		n++;
	return n;
}

size_t text_fit(const char *text, size_t columns)
{
	size_t at = 0, used = 0;
	while (text[at]) {
		int w;
		size_t n = text_char(text + at, char_room(text + at), &w);
		size_t cols = w < 0 ? 1 : (size_t)w;
		if (used + cols > columns)
			break;
		used += cols;
		at += n;
	}
	return at;
}

size_t wrap_cut(const char *text, size_t width)
{
	size_t at = 0, used = 0, space = 0;
	while (text[at] && text[at] != '\n') {
		int w;
		size_t n = text_char(text + at, char_room(text + at), &w);
		size_t cols = w < 0 ? 1 : (size_t)w;
		if (used + cols > width) {
			if (text[at] == ' ')
				return at; /* the line ends just before a space */
			if (space)
				return space;
			return at ? at : n;
		}
		if (text[at] == ' ')
			space = at;
		used += cols;
		at += n;
	}
	return at;
}

void text_escape(struct buf *out, const char *s, size_t len)
{
	size_t clean = 0; /* the start of the run copied as it is */
	for (size_t at = 0; at < len;) {
		int w;
		size_t n = text_char(s + at, len - at, &w);
		if (w >= 0) {
			at += n;
			continue;
		}
		buf_append(out, s + clean, at - clean);
		unsigned char c = (unsigned char)s[at];
		if (c == '\t') {
			buf_append(out, " ", 1);
		} else if (n == 1) {
			buf_printf(out, "\\x%02x", c);
		} else {
			/* A decoded character that prints nothing (C1 controls, U+0085): by code point. */
			mbstate_t state;
			memset(&state, 0, sizeof(state));
			wchar_t wc = 0;
			locale_t old = uselocale(utf8_locale());
			mbrtowc(&wc, s + at, n, &state);
			uselocale(old);
			buf_printf(out, "\\u%04lx", (unsigned long)wc);
		}
		at += n;
		clean = at;
	}
	buf_append(out, s + clean, len - clean);
	/* Keep it a string, as buf_printf does. */
	buf_append(out, "", 1);
	out->len--;
}
