/*
 * --compare in the viewer: two runs side by side (layout_compare), read like
 * a page and stepped a round trip at a time with the viewer's own keys.
 */
#ifndef TLSVIZ_UI_COMPARE_H
#define TLSVIZ_UI_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "layout/layout.h"
#include "ui/view.h"

struct compare_view {
	struct trace *a, *b;  /* borrowed; + and - change their round trip time */
	bool ascii;
	struct layout layout; /* the two diagrams, owned */
	size_t width;         /* of the widest line: the terminal must be this wide */
	bool stacked;         /* one run's lines after the other's: the screen is too narrow */
	size_t wide_width;    /* what side by side takes */
	size_t right;         /* the column where the right diagram starts (side by side) */
	size_t *rules;        /* the lines that start a round trip */
	size_t rule_count;
	size_t current; /* the round trip marked, an index into rules */
	size_t top;     /* the first line on screen */
	bool help;      /* the status line lists the keys */
	char summary[320]; /* when each client could send data (its last connection) */
};

void compare_view_open(struct compare_view *c, struct trace *a, struct trace *b, bool ascii);
/* Side by side when `columns` have room for it, else stacked. */
void compare_view_fit(struct compare_view *c, size_t columns);
/* Does `a` on a screen of `rows` lines of diagram; returns HANDLED, REDRAW and QUIT bits. */
int compare_view_act(struct compare_view *c, enum action a, size_t rows);
void compare_view_release(struct compare_view *c);

#endif
