/*
 * Building one frame:
 *
 *   wide (>= 150 columns)                 narrow
 *   ┌ Diagram ──────┬ Fields ─────────┐   ┌ Diagram ─────────────┐
 *   │               │                 │   ├ Fields ──────────────┤
 *   │               ├ Bytes ──────────┤   ├ Bytes ───────────────┤
 *   ├ What is this? ┴─────────────────┤   ├ What is this? ───────┤
 *   └ status ─────────────────────────┘   └ status ──────────────┘
 */
#include "ui/screen.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "decode/names.h"
#include "lesson/lesson.h"
#include "ui/math.h"

#define WIDE 150
#define GUTTER 2   /* the current-step and selection markers */
#define EXPLAIN_LINES 2
#define LESSON_LINES 6 /* at least: a lesson's narration, then what the selection is */

struct glyphs {
	const char *rule, *bar, *marker, *open, *closed;
};

static const struct glyphs unicode_glyphs = { "─", "│", "▶", "▾", "▸" };
static const struct glyphs ascii_glyphs = { "-", "|", ">", "-", "+" };

static struct cell *cell_at(struct screen *s, int x, int y)
{
	return &s->cells[(size_t)y * (size_t)s->width + (size_t)x];
}

/*
 * Writes `n` bytes of `text` into a cell (none: the right half of the wide
 * character just written to its left), first blanking the other half of any
 * wide character it cuts.
 */
static void set_cell(struct screen *s, int x, int y, const char *text, size_t n, int style)
{
	struct cell *c = cell_at(s, x, y);
	if (n && c->text[0] == '\0' && x > 0)
		memcpy(cell_at(s, x - 1, y)->text, " ", 2);
	if (x + 1 < s->width && cell_at(s, x + 1, y)->text[0] == '\0')
		memcpy(cell_at(s, x + 1, y)->text, " ", 2);
	memcpy(c->text, text, n);
	c->text[n] = '\0';
	c->style = (unsigned char)style;
}

/* Adds combining mark <mark, n> to the character in the cell at (x, y), when it has room. */
static void combine(struct screen *s, int x, int y, const char *mark, size_t n)
{
	if (x < 0 || s->ascii)
		return;
	struct cell *c = cell_at(s, x, y);
	size_t have = strlen(c->text);
	if (have && have + n < sizeof(c->text)) {
		memcpy(c->text + have, mark, n);
		c->text[have + n] = '\0';
	}
}

/*
 * Writes the `len` bytes of UTF-8 `text` from (x, y), at most `max` columns,
 * each character by its display width; returns the columns used. Control
 * characters and invalid UTF-8 never reach the terminal: they are drawn '?'
 * (as is anything but ASCII on an ASCII terminal, a '?' per column).
 */
static int put_n(struct screen *s, int x, int y, int max, const char *text, size_t len,
		 int style)
{
	int used = 0;
	if (y < 0 || y >= s->height)
		return 0;
	for (size_t at = 0; at < len && used < max && x + used < s->width;) {
		int w;
		const char *glyph = text + at;
		size_t n = text_char(glyph, len - at, &w);
		at += n;
		if (w == 0) {
			combine(s, x + used - 1, y, glyph, n);
			continue;
		}
		bool plain = w > 0 && !(s->ascii && n > 1);
		int cols = w < 0 ? 1 : w;
		if (used + cols > max || x + used + cols > s->width)
			break; /* half of a wide character would not show */
		for (int k = 0; k < cols; k++) {
			int cx = x + used + k;
			if (cx < 0)
				continue;
			if (!plain || (k == 1 && cx == 0))
				set_cell(s, cx, y, "?", 1, style);
			else
				set_cell(s, cx, y, glyph, k == 0 ? n : 0, style);
		}
		used += cols;
	}
	return used;
}

/* put_n() of a NUL-terminated `text`. */
static int put(struct screen *s, int x, int y, int max, const char *text, int style)
{
	return put_n(s, x, y, max, text, strlen(text), style);
}

static void fill(struct screen *s, int x, int y, int w, const char *glyph, int style)
{
	for (int i = 0; i < w; i++)
		put(s, x + i, y, 1, glyph, style);
}

/* A pane's title row across `w` columns; the focused pane is marked, not only coloured. */
static void title(struct screen *s, const struct glyphs *g, int x, int y, int w, const char *text,
		  bool focused)
{
	int style = focused ? STYLE_FOCUS : STYLE_FRAME;
	fill(s, x, y, w, g->rule, style);
	struct buf label = BUF_INIT;
	buf_printf(&label, "%s %s ", focused ? g->marker : g->rule, text);
	put(s, x, y, w, (char *)label.data, style);
	buf_release(&label);
}

static void keep_in_view(size_t *scroll, size_t line, size_t rows)
{
	if (rows == 0)
		return;
	if (line < *scroll)
		*scroll = line;
	else if (line >= *scroll + rows)
		*scroll = line - rows + 1;
}

static void draw_diagram(struct screen *s, struct view *v, const struct glyphs *g)
{
	const struct rect *r = &s->panes[PANE_DIAGRAM];
	size_t shown = view_diagram_lines(v);
	const struct step *current = view_step(v);
	size_t current_step = current ? v->steps[v->current] : LINE_NO_STEP;
	size_t first = 0, last = 0;
	bool found = false;
	for (size_t i = 0; i < shown; i++) {
		if (v->layout.lines[i].step == current_step) {
			if (!found)
				first = i;
			last = i;
			found = true;
		}
	}
	/* Keep the whole current step (its arrow and label) in sight. */
	keep_in_view(&v->scroll[PANE_DIAGRAM], last, (size_t)r->h);
	keep_in_view(&v->scroll[PANE_DIAGRAM], first, (size_t)r->h);
	for (int row = 0; row < r->h; row++) {
		size_t i = v->scroll[PANE_DIAGRAM] + (size_t)row;
		if (i >= shown)
			break;
		const struct line *line = &v->layout.lines[i];
		bool is_current = found && line->step == current_step;
		if (is_current)
			put(s, r->x, r->y + row, 1, g->marker, STYLE_CURRENT);
		int x = r->x + GUTTER;
		for (size_t k = 0; k < line->count && x < r->x + r->w; k++)
			x += put(s, x, r->y + row, r->x + r->w - x, line->spans[k].text,
				 is_current && line->spans[k].style != STYLE_LANE ? STYLE_CURRENT
										 : line->spans[k].style);
	}
}

static void draw_fields(struct screen *s, struct view *v, const struct glyphs *g)
{
	const struct rect *r = &s->panes[PANE_FIELDS];
	keep_in_view(&v->scroll[PANE_FIELDS], v->selected, (size_t)r->h);
	for (int row = 0; row < r->h; row++) {
		size_t i = v->scroll[PANE_FIELDS] + (size_t)row;
		if (i >= v->flat_count)
			break;
		const struct flat_field *ff = &v->flat[i];
		const struct field *f = ff->f;
		bool selected = i == v->selected;
		int style = selected ? STYLE_SELECTED : f->error ? STYLE_ALERT : STYLE_PLAIN;
		if (selected)
			put(s, r->x, r->y + row, 1, g->marker, STYLE_SELECTED);
		const char *fold = f->error ? "!" : !f->count ? " " : v->collapsed[ff->node] ? g->closed
												: g->open;
		struct buf text = BUF_INIT;
		buf_printf(&text, "%*s%s %s%s%s", ff->depth * 2, "", fold, f->name,
			   f->value ? ": " : "", f->value ? f->value : "");
		buf_append(&text, "", 1);
		put(s, r->x + GUTTER, r->y + row, r->w - GUTTER, (char *)text.data, style);
		buf_release(&text);
	}
}

static void draw_bytes(struct screen *s, struct view *v)
{
	const struct rect *r = &s->panes[PANE_BYTES];
	/* 16 bytes a row when they fit: "0000  " + 3 per byte + " |" + 1 per byte + "|" */
	size_t per_row = r->w >= 6 + 16 * 4 + 3 ? 16 : 8;
	const struct field *f = v->flat_count ? v->flat[v->selected].f : NULL;
	size_t mark_from = f ? f->offset : 0;
	size_t mark_to = f ? f->offset + (f->length ? f->length : 1) : 0;
	if (v->selected == 0)
		mark_to = mark_from; /* the whole message is not "selected bytes" */
	size_t rows = (v->bytes_len + per_row - 1) / per_row;
	if (f && v->selected > 0 && v->focus != PANE_BYTES)
		keep_in_view(&v->scroll[PANE_BYTES], mark_from / per_row, (size_t)r->h);
	if (v->scroll[PANE_BYTES] >= rows)
		v->scroll[PANE_BYTES] = rows ? rows - 1 : 0;
	for (int row = 0; row < r->h; row++) {
		size_t line = v->scroll[PANE_BYTES] + (size_t)row;
		if (line >= rows)
			break;
		char text[16];
		snprintf(text, sizeof(text), "%04zx", line * per_row);
		put(s, r->x, r->y + row, r->w, text, STYLE_NOTE);
		for (size_t k = 0; k < per_row; k++) {
			size_t at = line * per_row + k;
			if (at >= v->bytes_len)
				break;
			bool marked = at >= mark_from && at < mark_to;
			int style = marked ? STYLE_MARKED : STYLE_PLAIN;
			snprintf(text, sizeof(text), "%02x", v->bytes[at]);
			put(s, r->x + 6 + (int)k * 3, r->y + row, 2, text, style);
			char ch[2] = { (char)(v->bytes[at] >= 0x20 && v->bytes[at] < 0x7f ? v->bytes[at]
											       : '.'),
				       0 };
			put(s, r->x + 6 + (int)per_row * 3 + 1 + (int)k, r->y + row, 1, ch, style);
		}
	}
}

/*
 * Word-wraps `text` into at most `lines` rows of `width` columns from (x, y),
 * leaving out its first `skip` rows (a scrolled dialog); returns the rows
 * used. With no screen, only counts them.
 */
static int wrap(struct screen *s, int x, int y, int width, int lines, size_t skip,
		const char *text, int style)
{
	const char *p = text;
	int row = 0;
	while (row < lines && *p) {
		if (*p == '\n') { /* a paragraph break */
			p += strspn(p, "\n");
			continue;
		}
		size_t cut = wrap_cut(p, (size_t)width);
		if (skip) {
			skip--;
		} else {
			if (s)
				put_n(s, x, y + row, width, p, cut, style);
			row++;
		}
		p += cut;
		while (*p == ' ')
			p++;
	}
	return row;
}

/* The name of the secret whose keys protect the current message, for the status line. */
static void protecting_key(const struct view *v, char *out, size_t len)
{
	const struct step *st = view_step(v);
	out[0] = '\0';
	if (!st || st->kind != STEP_MESSAGE)
		return;
	const struct message *m = &v->trace.messages[st->index];
	if (m->protection == PROTECTION_PLAINTEXT)
		return;
	static const char *const phases[] = {
		[PROTECTION_EARLY] = "early",
		[PROTECTION_HANDSHAKE] = "handshake",
		[PROTECTION_APPLICATION] = "application",
	};
	char name[64];
	snprintf(name, sizeof(name), "%s_%s_write_key",
		 m->dir == DIR_CLIENT_TO_SERVER ? "client" : "server", phases[m->protection]);
	bool tls13 = v->trace.conns[m->conn].negotiated.version == 0x0304;
	const char *key_name = tls13 ? name : "master_secret";
	for (size_t i = 0; i < v->trace.secret_count; i++) {
		const struct derived_secret *d = &v->trace.secrets[i];
		if (d->conn != m->conn || strcmp(d->name, key_name) != 0)
			continue;
		snprintf(out, len, "%s %02x%02x%02x%02x...", tls13 ? name : "key block from master_secret",
			 d->bytes[0], d->bytes[1], d->bytes[2], d->bytes[3]);
	}
}

static void draw_status(struct screen *s, const struct view *v, int y)
{
	const struct connection *conn = trace_step_connection(&v->trace, v->step_count ? v->steps[v->current] : 0);
	const struct negotiated *n = &conn->negotiated;
	const char *version = registry_name(REG_PROTOCOL_VERSION, n->version);
	const char *suite = registry_name(REG_CIPHER_SUITE, n->cipher_suite);
	const char *group = registry_name(REG_NAMED_GROUP, n->group);
	char key[96];
	protecting_key(v, key, sizeof(key));
	/* When the step arrives, and when this connection's client could send data. */
	char at[16] = "-", data[96];
	if (v->step_count)
		format_time_us(v->trace.arrival_us[v->steps[v->current]], at, sizeof(at));
	trace_client_data_brief(&v->trace, (unsigned)(conn - v->trace.conns), data, sizeof(data));
	/* The news first: a narrow terminal cuts the end of the line. */
	struct buf text = BUF_INIT;
	buf_printf(&text, " %s | step %zu/%zu at %s | %s | %s | %s | %s | Finished verified %d/2",
		   v->have_trace ? v->trace.scenario : "-", v->step_count ? v->current + 1 : 0,
		   v->step_count, at, v->message[0] ? v->message : "? help  q quit",
		   version ? version : "-", suite ? suite : "-",
		   group ? group : n->version == 0x0303 ? "no group" : "-",
		   conn->finished_verified[0] + conn->finished_verified[1]);
	if (v->quiz_mode != QUIZ_OFF)
		buf_printf(&text, " | quiz %u/%u", v->right, v->asked);
	buf_printf(&text, " | RTT %ums: client data %s", v->trace.rtt_ms, data);
	if (key[0])
		buf_printf(&text, " | %s", key);
	buf_append(&text, "", 1);
	fill(s, 0, y, s->width, " ", STYLE_STATUS);
	put(s, 0, y, s->width, (char *)text.data, STYLE_STATUS);
	buf_release(&text);
}

/* A centred box of `lines` for dialogs; returns its inner rectangle. */
static struct rect dialog_box(struct screen *s, const struct glyphs *g, int w, int h,
			      const char *name)
{
	if (w > s->width - 2)
		w = s->width - 2;
	if (h > s->height - 2)
		h = s->height - 2;
	int x = (s->width - w) / 2, y = (s->height - h) / 2;
	for (int row = 0; row < h; row++)
		fill(s, x, y + row, w, " ", STYLE_DIALOG);
	title(s, g, x, y, w, name, true);
	fill(s, x, y + h - 1, w, g->rule, STYLE_DIALOG);
	return (struct rect){ x + 2, y + 1, w - 4, h - 2 };
}

static void draw_help(struct screen *s, const struct glyphs *g)
{
	struct rect r = dialog_box(s, g, 72, (int)binding_count, "Keys (any key closes)");
	int row = 0;
	for (size_t i = 0; i < binding_count && row < r.h; i++) {
		if (!bindings[i].help)
			continue;
		/* The keys of one action, gathered from the same table that dispatches. */
		struct buf keys = BUF_INIT;
		for (size_t k = i; k < binding_count; k++) {
			if (bindings[k].action != bindings[i].action)
				continue;
			if (keys.len && strstr((char *)keys.data, bindings[k].label))
				continue;
			buf_printf(&keys, "%s%s", keys.len ? ", " : "", bindings[k].label);
			buf_append(&keys, "", 1);
			keys.len--;
		}
		char line[200];
		snprintf(line, sizeof(line), "%-20s %s", (char *)keys.data, bindings[i].help);
		put(s, r.x, r.y + row++, r.w, line, STYLE_DIALOG);
		buf_release(&keys);
	}
	put(s, r.x, r.y + row + 1 < r.y + r.h ? r.y + row + 1 : r.y + r.h - 1, r.w,
	    "Mouse: click a step or a field to select it, the wheel scrolls.", STYLE_DIALOG);
}

/* --open: the capture file's connections, to choose one. */
static void draw_connections(struct screen *s, const struct view *v, const struct glyphs *g)
{
	struct rect r = dialog_box(s, g, 158, (int)v->opened->count + 3,
				   "Connections of the capture (Enter opens, Esc closes)");
	int rows = r.h - 1 > 1 ? r.h - 1 : 1;
	size_t first = v->dialog_choice >= (size_t)rows ? v->dialog_choice - (size_t)rows + 1 : 0;
	for (int row = 0; row < rows && first + (size_t)row < v->opened->count; row++) {
		size_t i = first + (size_t)row;
		bool chosen = i == v->dialog_choice;
		char line[300];
		snprintf(line, sizeof(line), "%s %s", chosen ? g->marker : " ", v->opened->lines[i]);
		put(s, r.x, r.y + row, r.w, line, chosen ? STYLE_SELECTED : STYLE_DIALOG);
	}
}

/*
 * The math view, over the whole screen but the status line: this step's
 * math from v->math_scroll, the scroll kept within it.
 */
static void draw_math(struct screen *s, struct view *v, const struct glyphs *g)
{
	struct rect r = { 1, 1, s->width - 2, s->height - 2 };
	for (int row = 0; row < s->height - 1; row++)
		fill(s, 0, row, s->width, " ", STYLE_DIALOG);
	struct buf text = BUF_INIT;
	size_t lines = math_view_text(v, (size_t)r.w, &text);
	size_t rows = (size_t)r.h;
	if (v->math_scroll + rows > lines)
		v->math_scroll = lines > rows ? lines - rows : 0;
	char heading[160];
	snprintf(heading, sizeof(heading), "Math of this step, lines %zu-%zu of %zu "
		 "(Up Down PgUp PgDn g G; Esc closes)", v->math_scroll + 1,
		 v->math_scroll + rows < lines ? v->math_scroll + rows : lines, lines);
	title(s, g, 0, 0, s->width, heading, true);
	const char *line = (const char *)text.data;
	for (size_t i = 0; line && *line; i++) {
		const char *end = strchr(line, '\n');
		if (i >= v->math_scroll && i < v->math_scroll + rows) {
			char row[512];
			snprintf(row, sizeof(row), "%.*s", (int)(end - line), line);
			put(s, r.x, r.y + (int)(i - v->math_scroll), r.w, row, STYLE_DIALOG);
		}
		line = end + 1;
	}
	buf_release(&text);
}

static void draw_scenarios(struct screen *s, const struct view *v, const struct glyphs *g)
{
	if (v->opened) {
		draw_connections(s, v, g);
		return;
	}
	struct rect r = dialog_box(s, g, 130, (int)scenario_count + 6,
				   "Scenarios (Enter runs, Esc closes)");
	/* The list scrolls to keep the choice in sight; two rows stay for the reason below. */
	int rows = r.h - 3 > 1 ? r.h - 3 : 1;
	size_t first = v->dialog_choice >= (size_t)rows ? v->dialog_choice - (size_t)rows + 1 : 0;
	for (int row = 0; row < rows && first + (size_t)row <= scenario_count; row++) {
		size_t i = first + (size_t)row;
		if (i == scenario_count) { /* the last entry: a capture someone else made */
			bool chosen = i == v->dialog_choice;
			char line[128];
			snprintf(line, sizeof(line), "%s %-21s %-12s %s", chosen ? g->marker : " ",
				 "open a file...", "", "a pcap or pcapng capture, and its key log");
			put(s, r.x, r.y + row, r.w, line, chosen ? STYLE_SELECTED : STYLE_DIALOG);
			continue;
		}
		const struct scenario *sc = &scenarios[i];
		const char *why = engine_unavailable_reason(sc);
		bool chosen = i == v->dialog_choice;
		char line[256];
		snprintf(line, sizeof(line), "%s %-21s %-12s %s", chosen ? g->marker : " ", sc->name,
			 why ? "unavailable" : "available", sc->description);
		put(s, r.x, r.y + row, r.w, line, chosen ? STYLE_SELECTED : STYLE_DIALOG);
	}
	/* The chosen one in full: its description, or why this build cannot run it. */
	if (v->dialog_choice == scenario_count) {
		wrap(s, r.x, r.y + rows + 1, r.w, 2, 0,
		     "Open a capture someone else made: type its path, and its NSS key log's "
		     "after a space.", STYLE_DIALOG);
		return;
	}
	const struct scenario *chosen = &scenarios[v->dialog_choice];
	const char *why = engine_unavailable_reason(chosen);
	wrap(s, r.x, r.y + rows + 1, r.w, 2, 0, why ? why : chosen->description,
	     why ? STYLE_ALERT : STYLE_DIALOG);
}

static void draw_quiz(struct screen *s, const struct view *v, const struct glyphs *g)
{
	const struct quiz_question *q = &v->question;
	struct rect r = dialog_box(s, g, 90, (int)q->count + 11,
				   v->answered ? "Quiz (any key: the next step)"
					       : "Quiz (answer with a number; Esc: later)");
	int row = wrap(s, r.x, r.y, r.w, 2, 0, q->question, STYLE_TITLE) + 1;
	struct buf line = BUF_INIT;
	for (size_t k = 0; k < q->count; k++) {
		bool mark = v->answered && (k == q->answer || k == v->picked);
		line.len = 0;
		buf_printf(&line, "%s %zu) %s", !mark ? " " : k == q->answer ? "+" : "x", k + 1,
			   q->choices[k]);
		put(s, r.x, r.y + row++, r.w, (char *)line.data, mark ? STYLE_SELECTED : STYLE_DIALOG);
	}
	if (v->answered) {
		row++;
		line.len = 0;
		if (v->picked == q->answer)
			buf_printf(&line, "Right. (%u of %u so far)", v->right, v->asked);
		else
			buf_printf(&line, "Not quite: the answer is %zu) %s. (%u of %u so far)",
				   q->answer + 1, q->choices[q->answer], v->right, v->asked);
		put(s, r.x, r.y + row++, r.w, (char *)line.data,
		    v->picked == q->answer ? STYLE_TITLE : STYLE_ALERT);
		wrap(s, r.x, r.y + row, r.w, r.h - row, 0, q->explain, STYLE_DIALOG);
	}
	buf_release(&line);
}

/* The narration whole; one longer than the dialog scrolls. */
static void draw_narration(struct screen *s, struct view *v, const struct glyphs *g,
			   const char *narration)
{
	int w = s->width - 4, h = s->height - 2;
	size_t rows = (size_t)wrap(NULL, 0, 0, w - 4, INT_MAX, 0, narration, 0);
	size_t room = h > 2 ? (size_t)h - 2 : 1;
	size_t most = rows > room ? rows - room : 0;
	if (v->narration_top > most)
		v->narration_top = most;
	struct buf name = BUF_INIT;
	if (most)
		buf_printf(&name, "Lesson, lines %zu-%zu of %zu (Up Down PgUp PgDn scroll, any "
				  "other key closes)",
			   v->narration_top + 1, v->narration_top + room, rows);
	else
		buf_printf(&name, "Lesson (any key closes)");
	struct rect r = dialog_box(s, g, w, h, (char *)name.data);
	buf_release(&name);
	wrap(s, r.x, r.y, r.w, r.h, v->narration_top, narration, STYLE_DIALOG);
}

static void draw_quiz_summary(struct screen *s, const struct view *v, const struct glyphs *g)
{
	struct rect r = dialog_box(s, g, 90, 12, "Quiz done (any key closes)");
	char line[sizeof(v->missed) + 64];
	snprintf(line, sizeof(line), "%u of %u right.", v->right, v->asked);
	put(s, r.x, r.y, r.w, line, STYLE_TITLE);
	int row = 2;
	if (v->fewest == v->most)
		snprintf(line, sizeof(line),
			 "Answering at random would score about %.1f (each question had %zu "
			 "choices).", v->chance, v->most);
	else
		snprintf(line, sizeof(line),
			 "Answering at random would score about %.1f (the questions had %zu to %zu "
			 "choices).", v->chance, v->fewest, v->most);
	row += wrap(s, r.x, r.y + row, r.w, 2, 0, line, STYLE_DIALOG) + 1;
	if (v->missed[0]) {
		snprintf(line, sizeof(line), "Missed (step. the right answer): %s", v->missed);
		wrap(s, r.x, r.y + row, r.w, r.h - row, 0, line, STYLE_DIALOG);
	} else {
		put(s, r.x, r.y + row, r.w, "None missed.", STYLE_DIALOG);
	}
}

static void draw_prompt(struct screen *s, const struct view *v, const struct glyphs *g)
{
	const char *what = v->dialog == DIALOG_EXPORT
				   ? "Export to (.pcapng .txt .json .pcap .keys .md .mmd .puml; Enter writes)"
			   : v->dialog == DIALOG_OPEN
				   ? "Open a capture (FILE [KEYLOG]; Enter opens, Esc cancels)"
				   : "Find a field or value (Enter finds, Esc cancels)";
	/* Two paths need the room. */
	struct rect r = dialog_box(s, g, v->dialog == DIALOG_OPEN ? 140 : 76, 3, what);
	int used = put(s, r.x, r.y, r.w, v->input, STYLE_DIALOG);
	s->cursor_x = r.x + used;
	s->cursor_y = r.y;
}

/* Where each pane goes for this size. */
static void place_panes(struct screen *s, const struct view *v, int main_rows)
{
	int diagram_width = 0;
	for (size_t i = 0; i < v->layout.count; i++) {
		/* The title and the notes may be cut: the lanes and arrows set the width. */
		const struct line *line = &v->layout.lines[i];
		if (line->count && (line->spans[0].style == STYLE_TITLE ||
				    line->spans[0].style == STYLE_NOTE ||
				    line->spans[0].style == STYLE_ALERT))
			continue;
		int w = 0;
		for (size_t k = 0; k < v->layout.lines[i].count; k++)
			for (const char *p = v->layout.lines[i].spans[k].text; *p; p++)
				w += (*p & 0xc0) != 0x80;
		if (w > diagram_width)
			diagram_width = w;
	}
	if (s->width >= WIDE) {
		/* Side by side: the diagram as wide as it needs (within half), fields over bytes. */
		int dw = diagram_width + GUTTER + 1;
		if (dw > s->width / 2)
			dw = s->width / 2;
		int fields_rows = main_rows * 3 / 5;
		s->panes[PANE_DIAGRAM] = (struct rect){ 0, 1, dw, main_rows - 1 };
		s->panes[PANE_FIELDS] = (struct rect){ dw + 1, 1, s->width - dw - 1, fields_rows - 1 };
		s->panes[PANE_BYTES] = (struct rect){ dw + 1, fields_rows + 1, s->width - dw - 1,
						      main_rows - fields_rows - 1 };
		return;
	}
	int diagram_rows = main_rows * 2 / 5, fields_rows = main_rows * 3 / 10;
	s->panes[PANE_DIAGRAM] = (struct rect){ 0, 1, s->width, diagram_rows - 1 };
	s->panes[PANE_FIELDS] = (struct rect){ 0, diagram_rows + 1, s->width, fields_rows - 1 };
	s->panes[PANE_BYTES] = (struct rect){ 0, diagram_rows + fields_rows + 1, s->width,
					      main_rows - diagram_rows - fields_rows - 1 };
}

/*
 * Clears the frame for a `width` x `height` terminal; when that is smaller
 * than `min_width` x `min_height`, says so in the middle and returns false.
 */
static bool begin_frame(struct screen *s, int width, int height, int min_width, int min_height)
{
	s->width = width > 0 ? width : 1;
	s->height = height > 0 ? height : 1;
	s->cells = xrealloc(s->cells, (size_t)s->width * (size_t)s->height * sizeof(*s->cells));
	for (int i = 0; i < s->width * s->height; i++)
		s->cells[i] = (struct cell){ " ", STYLE_PLAIN };
	s->cursor_x = s->cursor_y = -1;
	s->too_small = width < min_width || height < min_height;
	memset(s->panes, 0, sizeof(s->panes));
	if (s->too_small) {
		char text[64];
		snprintf(text, sizeof(text), "terminal too small (needs %dx%d)", min_width,
			 min_height);
		int len = (int)strlen(text);
		put(s, (s->width - len) / 2 > 0 ? (s->width - len) / 2 : 0, s->height / 2, s->width,
		    text, STYLE_ALERT);
	}
	return !s->too_small;
}

void screen_draw(struct screen *s, struct view *v, int width, int height)
{
	s->ascii = v->ascii;
	if (!begin_frame(s, width, height, SCREEN_MIN_WIDTH, SCREEN_MIN_HEIGHT))
		return;
	const struct glyphs *g = v->ascii ? &ascii_glyphs : &unicode_glyphs;
	const char *narration = view_narration(v);
	int explain_rows = v->lesson ? LESSON_LINES : EXPLAIN_LINES;
	char explanation[1024];
	view_explanation(v, explanation, sizeof(explanation));
	if (!v->lesson) {
		/* What the selection is for, whole: it gets the rows it needs, up to a quarter. */
		int needed = wrap(NULL, 0, 0, s->width - 2, s->height, 0, explanation, 0);
		int most = s->height / 4;
		if (needed > explain_rows)
			explain_rows = needed < most ? needed : most;
	}
	int narration_rows = narration ? wrap(NULL, 0, 0, s->width - 2, s->height, 0, narration, 0)
				       : 0;
	if (narration) {
		/* A long narration gets the rows it needs, up to two fifths of the screen. */
		int needed = narration_rows + 2;
		int most = s->height * 2 / 5;
		if (needed > explain_rows)
			explain_rows = needed < most ? needed : most;
	}
	int main_rows = s->height - explain_rows - 2;
	place_panes(s, v, main_rows);

	char step_title[160], bytes_title[64];
	const struct rect *d = &s->panes[PANE_DIAGRAM], *f = &s->panes[PANE_FIELDS],
			  *b = &s->panes[PANE_BYTES];
	title(s, g, d->x, d->y - 1, d->w, "Diagram", v->focus == PANE_DIAGRAM);
	view_step_title(v, step_title, sizeof(step_title));
	title(s, g, f->x, f->y - 1, f->w, step_title, v->focus == PANE_FIELDS);
	snprintf(bytes_title, sizeof(bytes_title), "Bytes (%zu)", v->bytes_len);
	title(s, g, b->x, b->y - 1, b->w, bytes_title, v->focus == PANE_BYTES);
	if (f->x > 0)
		for (int row = 0; row < main_rows; row++)
			put(s, f->x - 1, row, 1, g->bar, STYLE_FRAME);
	draw_diagram(s, v, g);
	draw_fields(s, v, g);
	draw_bytes(s, v);

	if (v->lesson) {
		struct buf heading = BUF_INIT;
		buf_printf(&heading, "Lesson: %s", v->lesson->title);
		title(s, g, 0, main_rows, s->width, (char *)heading.data, false);
		buf_release(&heading);
		int room = explain_rows - 2, used = 0;
		if (narration_rows > room) {
			/* Cut: the last row says where the rest is. */
			used = wrap(s, 1, main_rows + 1, s->width - 2, room - 1, 0, narration,
				    STYLE_TITLE);
			put(s, 1, main_rows + 1 + used++, s->width - 2, "... (l: read it all)",
			    STYLE_FOCUS);
		} else if (narration) {
			used = wrap(s, 1, main_rows + 1, s->width - 2, room, 0, narration,
				    STYLE_TITLE);
		}
		wrap(s, 1, main_rows + 1 + used, s->width - 2, explain_rows - used, 0, explanation,
		     STYLE_PLAIN);
	} else {
		title(s, g, 0, main_rows, s->width, "What is this?", false);
		wrap(s, 1, main_rows + 1, s->width - 2, explain_rows, 0, explanation, STYLE_PLAIN);
	}
	draw_status(s, v, s->height - 1);

	if (v->dialog == DIALOG_HELP)
		draw_help(s, g);
	if (v->dialog == DIALOG_NARRATION && narration)
		draw_narration(s, v, g, narration);
	else if (v->dialog == DIALOG_SCENARIOS)
		draw_scenarios(s, v, g);
	else if (v->dialog == DIALOG_EXPORT || v->dialog == DIALOG_SEARCH || v->dialog == DIALOG_OPEN)
		draw_prompt(s, v, g);
	else if (v->dialog == DIALOG_QUIZ)
		draw_quiz(s, v, g);
	else if (v->dialog == DIALOG_QUIZ_SUMMARY)
		draw_quiz_summary(s, v, g);
	else if (v->dialog == DIALOG_MATH)
		draw_math(s, v, g);
}

void screen_draw_compare(struct screen *s, const struct compare_view *c, int width, int height)
{
	int min_width = (int)c->width > SCREEN_MIN_WIDTH ? (int)c->width : SCREEN_MIN_WIDTH;
	s->ascii = c->ascii;
	if (!begin_frame(s, width, height, min_width, SCREEN_MIN_HEIGHT))
		return;
	size_t rows = (size_t)s->height - 1;
	size_t marked = c->rule_count ? c->rules[c->current] : LINE_NO_STEP;
	for (size_t y = 0; y < rows && c->top + y < c->layout.count; y++) {
		const struct line *line = &c->layout.lines[c->top + y];
		int x = 0;
		for (size_t i = 0; i < line->count; i++)
			x += put(s, x, (int)y, s->width - x, line->spans[i].text,
				 c->top + y == marked ? STYLE_CURRENT : (int)line->spans[i].style);
	}
	struct buf text = BUF_INIT;
	if (c->help)
		buf_printf(&text, " n Space Right: next round trip | p Left: previous | g G: first, "
				  "last | Up Down PgUp PgDn: scroll | + -: slower, faster | q: quit");
	else
		buf_printf(&text, " %s | round trip %zu/%zu | lines %zu-%zu of %zu | ? keys  q quit",
			   c->summary, c->rule_count ? c->current + 1 : 0, c->rule_count, c->top + 1,
			   c->top + rows < c->layout.count ? c->top + rows : c->layout.count,
			   c->layout.count);
	buf_append(&text, "", 1);
	fill(s, 0, s->height - 1, s->width, " ", STYLE_STATUS);
	put(s, 0, s->height - 1, s->width, (const char *)text.data, STYLE_STATUS);
	buf_release(&text);
}

char *screen_text(const struct screen *s)
{
	struct buf text = BUF_INIT;
	for (int y = 0; y < s->height; y++) {
		int end = s->width;
		while (end > 0 && strcmp(s->cells[(size_t)y * (size_t)s->width + (size_t)end - 1].text,
					 " ") == 0)
			end--;
		for (int x = 0; x < end; x++) {
			const char *t = s->cells[(size_t)y * (size_t)s->width + (size_t)x].text;
			buf_append(&text, t, strlen(t));
		}
		buf_append(&text, "\n", 1);
	}
	buf_append(&text, "", 1);
	return (char *)text.data;
}

void screen_release(struct screen *s)
{
	free(s->cells);
	memset(s, 0, sizeof(*s));
}
