/*
 * Text as a terminal shows it: UTF-8 characters, their display widths
 * (libc's mbrtowc and wcwidth, in a UTF-8 locale whatever the program's),
 * word wrapping by columns, and escaping what must not reach a terminal.
 * Shared by the viewer, the text exports and the lesson reader.
 */
#ifndef TLSVIZ_BASE_TEXT_H
#define TLSVIZ_BASE_TEXT_H

#include <stddef.h>

#include "base/buf.h"

/*
 * The character at `s` (at most `len` bytes, len >= 1): returns its length
 * in bytes and writes its columns to `*width`: 0 for a combining mark, 2 for
 * a wide one (CJK, emoji), and -1 for what is not printable (a control
 * character, a bidirectional override, invalid UTF-8: then the length is 1,
 * or that of the decoded character).
 */
size_t text_char(const char *s, size_t len, int *width);
/* The columns UTF-8 `text` takes (a character that is not printable counts one). */
size_t text_width(const char *text);
/*
 * The length in bytes of the next line of `text`: up to its first '\n', cut
 * at the last space within `width` columns when longer (or, with no space,
 * after the last whole character that fits; at least one character). Reads
 * no further than that line's first `width` columns: wrapping a paragraph
 * takes time linear in its length. The caller skips the spaces after it.
 */
size_t wrap_cut(const char *text, size_t width);
/* The length in bytes of the longest start of `text` within `columns` columns, never mid-character. */
size_t text_fit(const char *text, size_t columns);
/*
 * Appends <s, len> as text safe for a terminal: control characters (C0, DEL,
 * C1) and bidirectional overrides as \xNN or \uNNNN, each byte of invalid
 * UTF-8 as \xNN; a tab becomes a space. Everything else is copied.
 */
void text_escape(struct buf *out, const char *s, size_t len);

#endif
