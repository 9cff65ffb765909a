/*
 * The math view (key m): every value the selected step computed, with its
 * inputs and a command, in a dialog that scrolls.
 */
#ifndef TLSVIZ_UI_MATH_H
#define TLSVIZ_UI_MATH_H

#include "base/buf.h"
#include "ui/view.h"

/* Opens the view on the current step, from its first line. */
int math_open(struct view *v);
/* A key while it is open: Up, Down, PgUp, PgDn, g and G scroll; Esc, m and q close. */
int math_act(struct view *v, enum action a);
/*
 * The text of the current step's math wrapped to `width`, appended to `out`
 * (NUL-terminated); returns its number of lines.
 */
size_t math_view_text(const struct view *v, size_t width, struct buf *out);

#endif
