#include "ui/math.h"

#include <string.h>

#include "export/export.h"

#define PAGE 10

int math_open(struct view *v)
{
	v->dialog = DIALOG_MATH;
	v->math_scroll = 0;
	return HANDLED | REDRAW;
}

int math_act(struct view *v, enum action a)
{
	switch (a) {
	case ACTION_UP:
		v->math_scroll -= v->math_scroll > 0;
		break;
	case ACTION_DOWN:
		v->math_scroll++; /* the screen keeps it within the text */
		break;
	case ACTION_PAGE_UP:
		v->math_scroll = v->math_scroll > PAGE ? v->math_scroll - PAGE : 0;
		break;
	case ACTION_PAGE_DOWN:
	case ACTION_NEXT:
		v->math_scroll += PAGE;
		break;
	case ACTION_FIRST:
		v->math_scroll = 0;
		break;
	case ACTION_LAST:
		v->math_scroll = (size_t)-1 / 2;
		break;
	case ACTION_CLOSE:
	case ACTION_MATH:
	case ACTION_QUIT:
		v->dialog = DIALOG_NONE;
		break;
	default:
		return HANDLED;
	}
	return HANDLED | REDRAW;
}

size_t math_view_text(const struct view *v, size_t width, struct buf *out)
{
	const struct step *s = view_step(v);
	/* Cut to the screen a command does not paste: the export of this run has them whole. */
	buf_printf(out, "Commands are cut to fit: e and a .md name export them whole.\n\n");
	if (!s || s->kind != STEP_MESSAGE)
		buf_printf(out, "A TCP segment: nothing is computed at this step.\n");
	else
		math_step_text(&v->trace, s->index, width, out);
	size_t lines = 0;
	for (size_t i = 0; i < out->len; i++)
		lines += out->data[i] == '\n';
	return lines;
}
