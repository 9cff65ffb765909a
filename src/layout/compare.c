/*
 * Two diagrams side by side, aligned by round trip (--compare A,B). Each
 * diagram is laid out as usual (without section brackets); its lines are cut
 * into blocks by the round trip in which their step arrives, and the blocks
 * of the same round trip are printed beside each other, the shorter one
 * padded with its lifelines. A rule names each round trip.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "layout/layout.h"

#define GAP 6   /* columns between the two diagrams */
#define BOXES 2 /* the first line of the boxes, after the title and a blank line */

/* One side: its diagram, and where its parts lie. */
struct side {
	const struct trace *t;
	struct layout l;
	size_t width;       /* of its widest line */
	size_t body, tail;  /* the first line of the arrows, and the first after them */
	const struct line *filler; /* lifelines only: pads a block */
	size_t *block;      /* per line of the body: its round trip key */
};

static size_t line_width(const struct line *line)
{
	size_t w = 0;
	for (size_t i = 0; i < line->count; i++)
		w += text_width(line->spans[i].text);
	return w;
}

/* Connection and round trip in one number, so that keys sort as the run goes. */
static size_t step_key(const struct trace *t, size_t step)
{
	uint64_t rtt_us = (uint64_t)t->rtt_ms * 1000;
	uint64_t trip = (t->arrival_us[step] + rtt_us - 1) / rtt_us;
	return t->steps[step].conn * 1000 + (size_t)trip;
}

static void side_open(struct side *s, const struct trace *t, bool ascii)
{
	memset(s, 0, sizeof(*s));
	s->t = t;
	layout_diagram(&s->l, t, &(struct layout_options){ .ascii = ascii, .no_sections = true });
	size_t first = s->l.count, last = 0;
	for (size_t i = 0; i < s->l.count; i++) {
		if (s->l.lines[i].step == LINE_NO_STEP)
			continue;
		if (first == s->l.count)
			first = i;
		last = i;
	}
	/* The body starts with the blank lifeline row before the first arrow. */
	s->body = first > 0 ? first - 1 : 0;
	s->tail = first < s->l.count ? last + 1 : s->l.count;
	s->filler = s->body < s->l.count ? &s->l.lines[s->body] : NULL;
	/* Beside each other go the boxes and the arrows; the title and notes go above and below. */
	for (size_t i = BOXES; i < s->tail; i++) {
		size_t w = line_width(&s->l.lines[i]);
		if (w > s->width)
			s->width = w;
	}
	/* A line without a step belongs to the block of the next line that has one. */
	s->block = xcalloc(s->l.count ? s->l.count : 1, sizeof(*s->block));
	size_t key = 0;
	for (size_t i = s->tail; i-- > s->body;) {
		if (s->l.lines[i].step != LINE_NO_STEP)
			key = step_key(t, s->l.lines[i].step);
		s->block[i] = key;
	}
}

static void side_release(struct side *s)
{
	layout_release(&s->l);
	free(s->block);
}

static struct line *new_line(struct layout *out, size_t step)
{
	ARRAY_GROW(out->lines, out->count, out->cap);
	struct line *line = &out->lines[out->count++];
	memset(line, 0, sizeof(*line));
	line->step = step;
	return line;
}

/* Appends a copy of `text` to `line`, a line of `out`. */
static void add_span(struct layout *out, struct line *line, const char *text, enum style style)
{
	ARRAY_GROW(line->spans, line->count, line->cap);
	line->spans[line->count++] = (struct span){ layout_text(out, text, strlen(text)), style };
}

static void add_blanks(struct layout *out, struct line *line, size_t n)
{
	if (n == 0)
		return;
	char *text = arena_alloc(&out->texts, n + 1);
	memset(text, ' ', n);
	ARRAY_GROW(line->spans, line->count, line->cap);
	line->spans[line->count++] = (struct span){ text, STYLE_PLAIN };
}

/* A copy of `from`'s spans, padded to `width` columns when `pad`. */
static void add_line(struct layout *out, struct line *to, const struct line *from, size_t width,
		     bool pad)
{
	size_t used = 0;
	if (from) {
		for (size_t i = 0; i < from->count; i++)
			add_span(out, to, from->spans[i].text, from->spans[i].style);
		used = line_width(from);
	}
	if (pad)
		add_blanks(out, to, width - used);
}

static void text_line(struct layout *out, enum style style, const char *text)
{
	struct line *line = new_line(out, LINE_NO_STEP);
	if (text[0])
		add_span(out, line, text, style);
}

/* The tags of the stacked comparison's lines: which run each comes from. */
static const char *const tags[2] = { "A ", "B " };

/* Lines [from, to) of each side, one side's after the other's, each tagged with its side. */
static void stack(struct layout *out, const struct side *s, const size_t from[2],
		  const size_t to[2], size_t step)
{
	for (int k = 0; k < 2; k++)
		for (size_t i = from[k]; i < to[k]; i++) {
			struct line *line = new_line(out, step);
			add_span(out, line, tags[k], STYLE_TITLE);
			add_line(out, line, &s[k].l.lines[i], 0, false);
		}
}

/* Lines [from, to) of each side, beside each other; the shorter padded with lifelines. */
static void beside(struct layout *out, const struct side *s, const size_t from[2],
		   const size_t to[2], size_t step, bool pad_with_lifelines)
{
	size_t rows[2] = { to[0] - from[0], to[1] - from[1] };
	size_t n = rows[0] > rows[1] ? rows[0] : rows[1];
	for (size_t r = 0; r < n; r++) {
		struct line *line = new_line(out, step);
		for (int k = 0; k < 2; k++) {
			const struct line *src = r < rows[k] ? &s[k].l.lines[from[k] + r]
					       : pad_with_lifelines ? s[k].filler
								    : NULL;
			add_line(out, line, src, s[k].width + (k == 0 ? GAP : 0), k == 0);
		}
	}
}

/* "round trip 2 (50-100ms)", or "2nd connection, round trip 1 (0-50ms)". */
static void rule(struct layout *out, const struct trace *t, size_t key, size_t width, bool ascii)
{
	const char *dash = ascii ? "-" : "─";
	char from[16], to[16], text[128];
	size_t conn = key / 1000, trip = key % 1000;
	uint64_t rtt_us = (uint64_t)t->rtt_ms * 1000;
	format_time_us(trip ? (trip - 1) * rtt_us : 0, from, sizeof(from));
	format_time_us(trip * rtt_us, to, sizeof(to));
	int n = snprintf(text, sizeof(text), "%s%s %sround trip %zu (%s-%s) ", dash, dash,
			 conn ? "2nd connection, " : "", trip, from, to);
	struct buf line = BUF_INIT;
	buf_append(&line, text, (size_t)n);
	for (size_t w = text_width(text); w < width; w++)
		buf_append(&line, dash, strlen(dash));
	buf_append(&line, "", 1);
	text_line(out, STYLE_BRACKET, (const char *)line.data);
	buf_release(&line);
}

/* What each run came to: when its client could send data, how it ended. */
static void summary(struct layout *out, const struct trace *t)
{
	char text[320], data[96];
	for (unsigned c = 0; c < t->conn_count; c++) {
		trace_client_data_summary(t, c, data, sizeof(data));
		snprintf(text, sizeof(text), "%s%s: the client %s.",
			 t->scenario, t->conn_count == 1 ? "" : c == 0 ? " (1st connection)"
								  : " (2nd connection)",
			 data);
		text_line(out, STYLE_NOTE, text);
	}
	if (strcmp(t->outcome, "complete") != 0) {
		struct buf outcome = BUF_INIT; /* the engine's account whole: never cut mid-word */
		buf_printf(&outcome, "%s: %s: %s", t->scenario, t->outcome, t->detail);
		text_line(out, STYLE_ALERT, (const char *)outcome.data);
		buf_release(&outcome);
	}
	if (t->error[0]) {
		snprintf(text, sizeof(text), "%s: trace error: %s", t->scenario, t->error);
		text_line(out, STYLE_ALERT, text);
	}
}

size_t layout_compare(struct layout *out, const struct trace *a, const struct trace *b, bool ascii,
		      bool stacked)
{
	memset(out, 0, sizeof(*out));
	struct side s[2];
	side_open(&s[0], a, ascii);
	side_open(&s[1], b, ascii);
	size_t right = s[0].width + GAP;
	size_t width = stacked ? 2 + (s[0].width > s[1].width ? s[0].width : s[1].width)
			       : right + s[1].width;

	char text[256];
	snprintf(text, sizeof(text), "%s beside %s, aligned by round trip (%u ms)", a->scenario,
		 b->scenario, a->rtt_ms);
	text_line(out, STYLE_TITLE, text);
	for (int k = 0; k < 2; k++) {
		struct line *line = new_line(out, LINE_NO_STEP);
		add_span(out, line, stacked ? (k == 0 ? "A: " : "B: ") : k == 0 ? "left:  " : "right: ",
			 STYLE_NOTE);
		add_line(out, line, s[k].l.count ? &s[k].l.lines[0] : NULL, 0, false);
	}
	text_line(out, STYLE_PLAIN, "");
	if (stacked)
		stack(out, s, (size_t[2]){ BOXES, BOXES }, (size_t[2]){ s[0].body, s[1].body },
		      LINE_NO_STEP);
	else
		beside(out, s, (size_t[2]){ BOXES, BOXES }, (size_t[2]){ s[0].body, s[1].body },
		       LINE_NO_STEP, false);

	/* The round trips, in order: each side's lines of the same one beside each other. */
	size_t at[2] = { s[0].body, s[1].body };
	while (at[0] < s[0].tail || at[1] < s[1].tail) {
		size_t key = (size_t)-1;
		for (int k = 0; k < 2; k++)
			if (at[k] < s[k].tail && s[k].block[at[k]] < key)
				key = s[k].block[at[k]];
		size_t end[2];
		for (int k = 0; k < 2; k++) {
			end[k] = at[k];
			while (end[k] < s[k].tail && s[k].block[end[k]] == key)
				end[k]++;
		}
		rule(out, a, key, width, ascii);
		if (stacked)
			stack(out, s, at, end, key);
		else
			beside(out, s, at, end, key, true);
		at[0] = end[0];
		at[1] = end[1];
	}

	/* The legends, once, then each run's summary. */
	text_line(out, STYLE_PLAIN, "");
	for (int k = 0; k < 2; k++) {
		for (size_t i = s[k].tail; i < s[k].l.count; i++) {
			const struct line *line = &s[k].l.lines[i];
			if (line->count == 0 || line->spans[0].style != STYLE_NOTE)
				continue;
			const char *t = line->spans[0].text;
			bool legend = t[0] == '(' || t[0] == '{' || t[0] == '[' || !strncmp(t, "TCP", 3);
			bool seen = false;
			for (size_t j = 0; k == 1 && j < s[0].l.count; j++)
				seen |= s[0].l.lines[j].count &&
					!strcmp(s[0].l.lines[j].spans[0].text, t);
			if (legend && !seen)
				text_line(out, STYLE_NOTE, t);
		}
	}
	snprintf(text, sizeof(text),
		 "Times: when each step arrives, at a round trip of %u ms (--rtt), from each "
		 "connection's SYN.",
		 a->rtt_ms);
	text_line(out, STYLE_NOTE, text);
	summary(out, a);
	summary(out, b);
	side_release(&s[0]);
	side_release(&s[1]);
	return stacked ? 0 : right;
}
