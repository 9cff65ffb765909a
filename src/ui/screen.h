/*
 * The screen model (after tmux's screen-redraw): one frame of the viewer as
 * a grid of styled cells, built from the view. ui.c paints it with curses;
 * the tests compare it, as text, with golden screens.
 */
#ifndef TLSVIZ_UI_SCREEN_H
#define TLSVIZ_UI_SCREEN_H

#include <stdbool.h>

#include "layout/layout.h"
#include "ui/compare.h"
#include "ui/view.h"

#define SCREEN_MIN_WIDTH 80
#define SCREEN_MIN_HEIGHT 24

/* Styles beyond the diagram's (layout.h): the viewer's own. */
enum {
	STYLE_FRAME = STYLE_NOTE + 1, /* pane titles */
	STYLE_FOCUS,                  /* the focused pane's title */
	STYLE_CURRENT,                /* the current step in the diagram */
	STYLE_SELECTED,               /* the selected field */
	STYLE_MARKED,                 /* the selected field's bytes */
	STYLE_STATUS,
	STYLE_DIALOG,
	STYLE_COUNT,
};

struct cell {
	/*
	 * One character and the combining mark on it, in UTF-8; a wide one (CJK,
	 * emoji) takes two cells, the second left empty ("").
	 */
	char text[8];
	unsigned char style;
};

struct rect {
	int x, y, w, h; /* content, below the pane's title */
};

struct screen {
	int width, height;
	struct cell *cells;
	bool too_small;
	bool ascii; /* only ASCII reaches the terminal: other characters are drawn '?' */
	struct rect panes[PANE_COUNT];
	int cursor_x, cursor_y; /* where a prompt's cursor goes; -1 when none */
};

/*
 * Draws the frame for a `width` x `height` terminal. The view's scroll
 * positions are moved so that the current step and the selection stay in
 * sight, which is why the view is not const.
 */
void screen_draw(struct screen *s, struct view *v, int width, int height);
/* The frame of --compare: the two diagrams, the current round trip marked, a status line. */
void screen_draw_compare(struct screen *s, const struct compare_view *c, int width, int height);
/* The frame as UTF-8 text, one line per row, trailing blanks dropped. Caller frees. */
char *screen_text(const struct screen *s);
void screen_release(struct screen *s);

#endif
