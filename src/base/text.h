/* Word wrapping, shared by the viewer and the text exports. */
#ifndef TLSVIZ_BASE_TEXT_H
#define TLSVIZ_BASE_TEXT_H

#include <stddef.h>

/*
 * The length of the next line of `text`: up to its first '\n', cut at the
 * last space within `width` when longer (or hard at `width` when there is no
 * space). The caller skips the spaces after it.
 */
size_t wrap_cut(const char *text, size_t width);
/* The columns UTF-8 `text` takes: one per code point (tlsviz draws no wide characters). */
size_t text_width(const char *text);

#endif
