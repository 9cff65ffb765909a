#include "ui/compare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"

/* Lays the two traces out, as they are timed now. */
static void lay_out(struct compare_view *c)
{
	const struct trace *a = c->a, *b = c->b;
	layout_release(&c->layout);
	free(c->rules);
	c->rules = NULL;
	c->rule_count = 0;
	c->width = 0;
	layout_compare(&c->layout, a, b, c->ascii);
	/* The news first: the round trips before each client (last connection) could send data. */
	char data[2][32];
	trace_client_data_brief(a, (unsigned)a->conn_count - 1, data[0], sizeof(data[0]));
	trace_client_data_brief(b, (unsigned)b->conn_count - 1, data[1], sizeof(data[1]));
	snprintf(c->summary, sizeof(c->summary), "client data: %s %s, %s %s", a->scenario, data[0],
		 b->scenario, data[1]);
	size_t cap = 0;
	for (size_t i = 0; i < c->layout.count; i++) {
		const struct line *line = &c->layout.lines[i];
		size_t w = 0;
		for (size_t j = 0; j < line->count; j++)
			w += text_width(line->spans[j].text);
		/* The diagrams must fit; a longer title or note may be cut. */
		enum style first = line->count ? line->spans[0].style : STYLE_PLAIN;
		bool text = first == STYLE_TITLE || first == STYLE_NOTE || first == STYLE_ALERT;
		if (!text && w > c->width)
			c->width = w;
		/* A round trip's lines follow its rule, the line before them. */
		if (i > 0 && line->step != LINE_NO_STEP && c->layout.lines[i - 1].step == LINE_NO_STEP) {
			ARRAY_GROW(c->rules, c->rule_count, cap);
			c->rules[c->rule_count++] = i - 1;
		}
	}
}

void compare_view_open(struct compare_view *c, struct trace *a, struct trace *b, bool ascii)
{
	memset(c, 0, sizeof(*c));
	c->a = a;
	c->b = b;
	c->ascii = ascii;
	lay_out(c);
}

/* Marks the last round trip that starts at or above the top line. */
static void follow_top(struct compare_view *c)
{
	c->current = 0;
	for (size_t i = 0; i < c->rule_count && c->rules[i] <= c->top; i++)
		c->current = i;
}

int compare_view_act(struct compare_view *c, enum action a, size_t rows)
{
	size_t last_top = c->layout.count > rows ? c->layout.count - rows : 0;
	size_t page = rows > 2 ? rows - 2 : 1;
	c->help = false;
	switch (a) {
	case ACTION_NEXT:
	case ACTION_PREV:
	case ACTION_FIRST:
	case ACTION_LAST:
		if (c->rule_count == 0)
			return HANDLED;
		if (a == ACTION_NEXT && c->current + 1 < c->rule_count)
			c->current++;
		else if (a == ACTION_PREV && c->current > 0)
			c->current--;
		else if (a == ACTION_FIRST)
			c->current = 0;
		else if (a == ACTION_LAST)
			c->current = c->rule_count - 1;
		c->top = a == ACTION_FIRST ? 0 : c->rules[c->current];
		break;
	case ACTION_UP:
		c->top = c->top ? c->top - 1 : 0;
		follow_top(c);
		break;
	case ACTION_DOWN:
		c->top++;
		follow_top(c);
		break;
	case ACTION_PAGE_UP:
		c->top = c->top > page ? c->top - page : 0;
		follow_top(c);
		break;
	case ACTION_PAGE_DOWN:
		c->top += page;
		follow_top(c);
		break;
	case ACTION_HELP:
		c->help = true;
		break;
	case ACTION_RTT_UP:
	case ACTION_RTT_DOWN: {
		/* Both on the same network; the page starts again at the first round trip. */
		unsigned rtt = rtt_scaled(c->a->rtt_ms, a == ACTION_RTT_UP);
		trace_set_rtt(c->a, rtt);
		trace_set_rtt(c->b, rtt);
		lay_out(c);
		c->current = 0;
		c->top = 0;
		return HANDLED | REDRAW;
	}
	case ACTION_CLOSE:
		/* Esc closes the keys' help (above); it never leaves the comparison. */
		return HANDLED | REDRAW;
	case ACTION_QUIT:
		return QUIT;
	default:
		return 0;
	}
	if (c->top > last_top)
		c->top = last_top;
	return HANDLED | REDRAW;
}

void compare_view_release(struct compare_view *c)
{
	layout_release(&c->layout);
	free(c->rules);
	memset(c, 0, sizeof(*c));
}
