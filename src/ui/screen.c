/*
 * Building one frame:
 *
 *   wide (>= 120 columns)                 narrow
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

#define WIDE 120
#define GUTTER 2   /* the current-step and selection markers */
#define EXPLAIN_LINES 2

struct glyphs {
	/* Each mark means one thing: the current step, the focused pane, the selection. */
	const char *rule, *bar, *marker, *focus, *selected, *open, *closed, *more;
	const char *top_left, *top_right, *bottom_left, *bottom_right;
};

static const struct glyphs unicode_glyphs = { "─", "│", "▶", "◆", "→", "▾", "▸", "…",
					      "┌", "┐", "└", "┘" };
static const struct glyphs ascii_glyphs = { "-", "|", ">", "#", "=", "-", "+", ">",
					    "+", "+", "+", "+" };

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

/* put() of `text`, whose last column shows `g->more` when the rest did not fit. */
static int put_marked(struct screen *s, int x, int y, int max, const char *text, int style,
		      const struct glyphs *g)
{
	if (max <= 0)
		return 0;
	if ((int)text_width(text) <= max && x + (int)text_width(text) <= s->width)
		return put(s, x, y, max, text, style);
	int used = put(s, x, y, max - 1, text, style);
	return used + put(s, x + used, y, 1, g->more, style);
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
	buf_printf(&label, "%s %s ", focused ? g->focus : g->rule, text);
	put(s, x, y, w, (char *)label.data, style);
	buf_release(&label);
}

/*
 * The name of the secret whose keys protect the current message. RFC 8446,
 * 7.1 and 7.3: each direction and phase of TLS 1.3 has its own traffic secret;
 * RFC 5246, 6.3: TLS 1.2's write keys are cut from the key block that
 * master_secret expands to.
 */
static void protecting_key(const struct view *v, char *out, size_t len)
{
	const struct step *st = view_step(v);
	if (!st || st->kind != STEP_MESSAGE) {
		snprintf(out, len, "TCP: no TLS keys");
		return;
	}
	const struct message *m = &v->trace.messages[st->index];
	const char *side = m->dir == DIR_CLIENT_TO_SERVER ? "client" : "server";
	static const char *const tls13_names[] = {
		[PROTECTION_EARLY] = "%s_early_traffic_secret",
		[PROTECTION_HANDSHAKE] = "%s_handshake_traffic_secret",
		[PROTECTION_APPLICATION] = "%s_application_traffic_secret_0",
	};
	if (m->protection == PROTECTION_PLAINTEXT)
		snprintf(out, len, "in clear: no keys yet");
	else if (m->protection == PROTECTION_INITIAL) /* RFC 9001, 5.2 */
		snprintf(out, len, "keys: %s_initial_secret, from the client's Destination Connection ID",
			 side);
	else if (v->trace.conns[m->conn].negotiated.version == 0x0304) {
		char name[64];
		snprintf(name, sizeof(name), tls13_names[m->protection], side);
		snprintf(out, len, "keys: %s", name);
	} else
		snprintf(out, len, "keys: %s_write_key from master_secret", side);
}

/* Which of this connection's messages the student has seen by the current step. */
struct revealed {
	bool hello;        /* a ServerHello (or HelloRetryRequest): version and suite */
	bool key_exchange; /* a TLS 1.2 ServerKeyExchange: the group */
	bool finished[2];  /* each side's Finished */
	bool last;         /* the last step is on the screen */
};

static struct revealed revealed_so_far(const struct view *v, unsigned conn)
{
	struct revealed r = { 0 };
	if (!v->step_count)
		return r;
	r.last = v->current + 1 == v->step_count;
	for (size_t i = 0; i <= v->steps[v->current]; i++) {
		const struct step *st = &v->trace.steps[i];
		if (st->kind != STEP_MESSAGE || st->conn != conn)
			continue;
		const struct message *m = &v->trace.messages[st->index];
		if (m->kind != MESSAGE_HANDSHAKE)
			continue;
		r.hello |= m->type == 2;
		r.key_exchange |= m->type == 12;
		if (m->type == 20)
			r.finished[m->dir == DIR_CLIENT_TO_SERVER ? 0 : 1] = true;
	}
	return r;
}

/*
 * What has been negotiated by the current step, and nothing later: the
 * version and suite from the ServerHello on (RFC 8446, 4.1.3; RFC 5246,
 * 7.4.1.3), TLS 1.3's group from its key_share there, TLS 1.2's from the
 * ServerKeyExchange (RFC 8422, 5.4), and "Finished verified" once both
 * Finished messages are on the screen.
 */
static void negotiated_so_far(const struct view *v, const struct connection *conn, struct buf *out)
{
	const struct negotiated *n = &conn->negotiated;
	struct revealed r = revealed_so_far(v, (unsigned)(conn - v->trace.conns));
	if (!r.hello || !n->version) {
		buf_printf(out, "nothing negotiated yet");
		return;
	}
	const char *version = registry_name(REG_PROTOCOL_VERSION, n->version);
	const char *suite = registry_name(REG_CIPHER_SUITE, n->cipher_suite);
	const char *group = registry_name(REG_NAMED_GROUP, n->group);
	buf_printf(out, "%s, %s", version ? version : "unknown version",
		   suite ? suite : "unknown cipher suite");
	bool tls13 = n->version == 0x0304;
	if (group && (tls13 || r.key_exchange))
		buf_printf(out, ", %s", group);
	else if (!tls13 && suite && strncmp(suite, "TLS_RSA_", 8) == 0)
		buf_printf(out, ", RSA key transport");
	if (r.finished[0] && r.finished[1])
		buf_printf(out, ", %s",
			   conn->finished_verified[0] && conn->finished_verified[1]
				   ? "Finished verified"
				   : "Finished NOT verified");
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

/* One line of the diagram at row `y` of pane `r`; the current step's stands out. */
static void draw_diagram_line(struct screen *s, struct view *v, const struct glyphs *g,
			      const struct rect *r, int y, const struct line *line, bool is_current)
{
	if (is_current)
		put(s, r->x, y, 1, g->marker, STYLE_CURRENT);
	/* A step the lesson has field notes on: there is more to find in its fields. */
	if (line->step != LINE_NO_STEP && view_step_has_field_notes(v, line->step))
		put(s, r->x + 1, y, 1, "*", STYLE_FOCUS);
	int x = r->x + GUTTER, wanted = r->x + GUTTER;
	for (size_t k = 0; k < line->count; k++) {
		wanted += (int)text_width(line->spans[k].text);
		if (x < r->x + r->w)
			x += put(s, x, y, r->x + r->w - x, line->spans[k].text,
				 is_current && line->spans[k].style != STYLE_LANE ? STYLE_CURRENT
										    : line->spans[k].style);
	}
	if (wanted > r->x + r->w) /* a note wider than the pane: its end is marked */
		put(s, r->x + r->w - 1, y, 1, g->more, STYLE_ALERT);
}

/* Whether `line` names the two lifelines ("│  Client  │ ... │  Server  │"). */
static bool names_lifelines(const struct line *line)
{
	for (size_t k = 0; line->step == LINE_NO_STEP && k < line->count; k++)
		if (strstr(line->spans[k].text, "Client"))
			return true;
	return false;
}

/* The line that names the two lifelines, or `count`. */
static size_t names_line(const struct layout *l, size_t count)
{
	for (size_t i = 0; i < count && l->lines[i].step == LINE_NO_STEP; i++)
		if (names_lifelines(&l->lines[i]))
			return i;
	return count;
}

static void draw_diagram(struct screen *s, struct view *v, const struct glyphs *g)
{
	struct rect *r = &s->panes[PANE_DIAGRAM];
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
	/*
	 * Scrolled past the lifelines' names, the pane's first row keeps them in
	 * sight; the pane is the rows below it (a click there is on the diagram).
	 */
	size_t names = names_line(&v->layout, shown);
	if (names < shown && r->h > 3 && v->scroll[PANE_DIAGRAM] > names) {
		draw_diagram_line(s, v, g, r, r->y, &v->layout.lines[names], false);
		r->y++;
		r->h--;
		keep_in_view(&v->scroll[PANE_DIAGRAM], last, (size_t)r->h);
		keep_in_view(&v->scroll[PANE_DIAGRAM], first, (size_t)r->h);
	}
	for (int row = 0; row < r->h; row++) {
		size_t i = v->scroll[PANE_DIAGRAM] + (size_t)row;
		if (i >= shown)
			break;
		const struct line *line = &v->layout.lines[i];
		if (i == 0 && line->count && line->spans[0].style == STYLE_TITLE) {
			/* The layout's title names what was negotiated: here, only so far. */
			struct buf heading = BUF_INIT;
			buf_printf(&heading, "%s: ", v->trace.scenario);
			negotiated_so_far(v, &v->trace.conns[0], &heading);
			buf_append(&heading, "", 1);
			put_marked(s, r->x + GUTTER, r->y + row, r->w - GUTTER, (char *)heading.data,
				   STYLE_TITLE, g);
			buf_release(&heading);
			continue;
		}
		draw_diagram_line(s, v, g, r, r->y + row, line, found && line->step == current_step);
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
			put(s, r->x, r->y + row, 1, g->selected, STYLE_SELECTED);
		const char *fold = f->error ? "!" : !f->count ? " " : v->collapsed[ff->node] ? g->closed
												: g->open;
		/* A list entry named by its value ("TLS_AES_128_GCM_SHA256 (0x1301)") says it once. */
		size_t name_len = strlen(f->name);
		bool named_by_value = f->value && strncmp(f->value, f->name, name_len) == 0 &&
				      (f->value[name_len] == '\0' || f->value[name_len] == ' ');
		struct buf text = BUF_INIT;
		if (named_by_value)
			buf_printf(&text, "%*s%s %s", ff->depth * 2, "", fold, f->value);
		else
			buf_printf(&text, "%*s%s %s%s%s", ff->depth * 2, "", fold, f->name,
				   f->value ? ": " : "", f->value ? f->value : "");
		buf_append(&text, "", 1);
		put_marked(s, r->x + GUTTER, r->y + row, r->w - GUTTER, (char *)text.data, style, g);
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
		if (*p == '\n') {
			/* A line break starts a row; a blank line between paragraphs stays blank. */
			size_t breaks = strspn(p, "\n");
			p += breaks;
			if (breaks < 2 || !*p)
				continue;
			if (skip)
				skip--;
			else
				row++;
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

/*
 * The status line's text, news first and in this order: the step and who
 * sends it to whom, what protects it, what is negotiated so far, the quiz's
 * score, the latest message, a failure's banner on the last step; the key
 * hint last, so that it never sits between two pieces of news.
 */
/*
 * Appends one piece of news to a status line of `width` columns whose
 * current row has `*col` used: after a " | " when it fits there, else from a
 * row of its own (a piece wider than a row wraps by words from there).
 */
static void status_piece(struct buf *text, int width, int *col, const char *piece)
{
	int w = (int)text_width(piece);
	if (*col && *col + 3 + w <= width) {
		buf_printf(text, " | %s", piece);
		*col += 3 + w;
		return;
	}
	buf_printf(text, "%s%s", *col ? "\n" : "", piece);
	*col = 0;
	for (const char *p = piece; *p;) {
		size_t cut = wrap_cut(p, (size_t)width);
		char row[512];
		snprintf(row, sizeof(row), "%.*s", (int)(cut < sizeof(row) ? cut : sizeof(row) - 1),
			 p);
		*col = (int)text_width(row);
		p += cut;
		p += strspn(p, " \n");
	}
}

static void status_text(struct view *v, int width, struct buf *text)
{
	if (!v->have_trace || !v->step_count) {
		buf_printf(text, "%s", v->message[0] ? v->message : "no trace");
		return;
	}
	const struct step *st = view_step(v);
	const struct connection *conn = trace_step_connection(&v->trace, v->steps[v->current]);
	char label[96], piece[160];
	int col = 0;
	layout_step_label(&v->trace, st, label, sizeof(label));
	enum direction dir = st->kind == STEP_SEGMENT ? v->trace.tcp.segments[st->index].dir
						       : v->trace.messages[st->index].dir;
	/* An opened capture says which of its connections this is ("connection 2"). */
	if (v->opened)
		status_piece(text, width, &col, v->trace.scenario);
	snprintf(piece, sizeof(piece), "step %zu/%zu %s %s", v->current + 1, v->step_count,
		 dir == DIR_CLIENT_TO_SERVER ? "client->server" : "server->client", label);
	status_piece(text, width, &col, piece);
	if (v->quiz_mode != QUIZ_OFF) {
		snprintf(piece, sizeof(piece), "quiz %u/%u right", v->right, v->asked);
		status_piece(text, width, &col, piece);
	}
	protecting_key(v, piece, sizeof(piece));
	status_piece(text, width, &col, piece);
	struct buf more = BUF_INIT;
	negotiated_so_far(v, conn, &more);
	buf_append(&more, "", 1);
	status_piece(text, width, &col, (char *)more.data);
	if (v->message[0])
		status_piece(text, width, &col, v->message);
	const char *failure = view_failure(v, true);
	if (failure)
		status_piece(text, width, &col, failure);
	buf_release(&more);
}

#define KEY_HINT "? help  q quit"

/*
 * The status line's columns: from the second to the last but one (curses
 * cannot write the bottom-right cell without scrolling the screen).
 */
static int status_width(const struct screen *s)
{
	return s->width - 2;
}

/* Rows the status line needs: all of it, up to a quarter of the screen. */
static int status_rows(const struct screen *s, const char *text)
{
	int rows = wrap(NULL, 0, 0, status_width(s), INT_MAX, 0, text, 0);
	int most = s->height / 4;
	return rows < 1 ? 1 : rows > most ? most : rows;
}

/* The status line from row `y`, `rows` high: wrapped, never cut without a mark. */
static void draw_status(struct screen *s, const char *text, int y, int rows,
			const struct glyphs *g)
{
	for (int row = 0; row < rows; row++)
		fill(s, 0, y + row, s->width, " ", STYLE_STATUS);
	int need = wrap(NULL, 0, 0, status_width(s), INT_MAX, 0, text, 0);
	wrap(s, 1, y, status_width(s), rows, 0, text, STYLE_STATUS);
	if (need > rows) {
		put(s, status_width(s), y + rows - 1, 1, g->more, STYLE_STATUS);
		return;
	}
	/* The key hint at the end of the last row, when it has room; else it is left out. */
	int last = 0;
	for (int x = s->width - 1; x > 0; x--)
		if (strcmp(cell_at(s, x, y + rows - 1)->text, " ") != 0) {
			last = x;
			break;
		}
	int hint = (int)strlen(KEY_HINT);
	if (s->width - 1 - last > hint + 2)
		put(s, s->width - 1 - hint, y + rows - 1, hint, KEY_HINT, STYLE_STATUS);
}

/*
 * A centred, bordered box of `w` x `h` (outside), cut to the screen it opens
 * on, its whole rectangle cleared so that nothing behind shows through;
 * returns its inner rectangle (a column of padding inside each side).
 */
static struct rect dialog_box(struct screen *s, const struct glyphs *g, int w, int h,
			      const char *name)
{
	if (w > s->width)
		w = s->width;
	if (h > s->height)
		h = s->height;
	int x = (s->width - w) / 2, y = (s->height - h) / 2;
	for (int row = 0; row < h; row++) {
		fill(s, x, y + row, w, " ", STYLE_DIALOG);
		put(s, x, y + row, 1, g->bar, STYLE_DIALOG);
		put(s, x + w - 1, y + row, 1, g->bar, STYLE_DIALOG);
	}
	fill(s, x, y, w, g->rule, STYLE_DIALOG);
	fill(s, x, y + h - 1, w, g->rule, STYLE_DIALOG);
	put(s, x, y, 1, g->top_left, STYLE_DIALOG);
	put(s, x + w - 1, y, 1, g->top_right, STYLE_DIALOG);
	put(s, x, y + h - 1, 1, g->bottom_left, STYLE_DIALOG);
	put(s, x + w - 1, y + h - 1, 1, g->bottom_right, STYLE_DIALOG);
	/* The title's mark is its own: "[ ... ]", not the current step's or the focus's. */
	struct buf label = BUF_INIT;
	buf_printf(&label, "[ %s ]", name);
	buf_append(&label, "", 1);
	put_marked(s, x + 2, y, w - 4, (char *)label.data, STYLE_FOCUS, g);
	buf_release(&label);
	return (struct rect){ x + 2, y + 1, w - 4, h - 2 };
}

/* A dialog's outer height for `rows` of content on this screen. */
static int dialog_height(const struct screen *s, int rows)
{
	return rows + 2 < s->height ? rows + 2 : s->height;
}

/* A dialog's outer width: `want`, or the screen's less a column each side. */
static int dialog_width(const struct screen *s, int want)
{
	return want < s->width - 2 ? want : s->width - 2;
}

/*
 * The title of a dialog whose `rows` of text show from `*top` in `room`
 * rows (moving *top back into range); says which rows show when not all do.
 */
static void scrolled_title(struct buf *title, const char *name, size_t *top, size_t rows,
			   size_t room, const char *closes)
{
	size_t most = rows > room ? rows - room : 0;
	if (*top > most)
		*top = most;
	if (most)
		buf_printf(title, "%s, rows %zu-%zu of %zu (Up Down PgUp PgDn; %s)", name,
			   *top + 1, *top + room, rows, closes);
	else
		buf_printf(title, "%s (any key closes)", name);
	buf_append(title, "", 1);
}

#define HELP_KEYS 19 /* the column of the keys in the help */

/*
 * Every key from the table that dispatches them, one action a row (its help
 * wrapped beside its keys); a screen too short for all of them scrolls.
 * With no screen, only counts the rows.
 */
static int help_rows(struct screen *s, const struct glyphs *g, struct rect r, size_t top)
{
	int row = 0, width = r.w - HELP_KEYS - 1;
	for (size_t i = 0; i < binding_count; i++) {
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
		int n = wrap(NULL, 0, 0, width, INT_MAX, 0, bindings[i].help, 0);
		if (s) {
			int y = r.y + row - (int)top;
			if (y >= r.y && y < r.y + r.h)
				put_marked(s, r.x, y, HELP_KEYS, (char *)keys.data, STYLE_TITLE, g);
			for (int k = 0; k < n; k++)
				if (row + k >= (int)top && row + k - (int)top < r.h)
					wrap(s, r.x + HELP_KEYS + 1, r.y + row + k - (int)top, width, 1,
					     (size_t)k, bindings[i].help, STYLE_DIALOG);
		}
		row += n;
		buf_release(&keys);
	}
	static const char mouse[] = "Mouse: click a step or a field to select it, the wheel scrolls.";
	int n = wrap(NULL, 0, 0, r.w, INT_MAX, 0, mouse, 0);
	int start = row + 1, y = start - (int)top;
	if (s)
		wrap(s, r.x, r.y + (y > 0 ? y : 0), r.w, r.h - (y > 0 ? y : 0),
		     y < 0 ? (size_t)-y : 0, mouse, STYLE_DIALOG);
	return row + 1 + n;
}

static void draw_help(struct screen *s, struct view *v, const struct glyphs *g)
{
	int w = dialog_width(s, 84);
	struct rect inner = { 0, 0, w - 4, 0 };
	int rows = help_rows(NULL, g, inner, 0);
	int h = dialog_height(s, rows);
	struct buf name = BUF_INIT;
	scrolled_title(&name, "Keys", &v->narration_top, (size_t)rows, (size_t)h - 2,
		       "other keys close");
	struct rect r = dialog_box(s, g, w, h, (char *)name.data);
	buf_release(&name);
	help_rows(s, g, r, v->narration_top);
}

/* Row `i` of the chooser: a scenario, or a lesson after them. */
static void chooser_row(const struct view *v, size_t i, const struct glyphs *g, struct buf *out,
			const char **about, const char **why)
{
	const char *mark = i == v->dialog_choice ? g->selected : " ";
	if (i < scenario_count) {
		const struct scenario *sc = &scenarios[i];
		*why = engine_unavailable_reason(sc);
		*about = sc->description;
		buf_printf(out, "%s %-21s %-12s %s", mark, sc->name, *why ? "unavailable" : "available",
			   sc->description);
	} else if (i == scenario_count + v->lesson_count) {
		*why = NULL;
		*about = "Open a capture someone else made: type its path, and its NSS key log's "
			 "after a space.";
		buf_printf(out, "%s %-21s %-12s %s", mark, "open a file...", "",
			   "a pcap or pcapng capture, and its key log");
	} else {
		const struct lesson_entry *e = &v->lessons[i - scenario_count];
		*why = e->broken;
		*about = e->title;
		buf_printf(out, "%s %-21s %-12s %s", mark, e->name, e->broken ? "broken lesson" : "lesson",
			   e->broken ? "" : e->title);
	}
	buf_append(out, "", 1);
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
 * The math view, over the whole screen but the status lines: this step's
 * math from v->math_scroll, the scroll kept within it.
 */
static void draw_math(struct screen *s, struct view *v, const struct glyphs *g, int status_h)
{
	struct rect r = { 1, 1, s->width - 2, s->height - status_h - 1 };
	for (int row = 0; row < s->height - status_h; row++)
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
	/* The scenarios, the lessons, then a capture someone else made. */
	size_t count = scenario_count + v->lesson_count + 1;
	struct rect r = dialog_box(s, g, dialog_width(s, 130), dialog_height(s, (int)count + 3),
				   "Scenarios, lessons, a capture (Enter runs, Esc closes)");
	/* The list scrolls to keep the choice in sight; two rows stay for the reason below. */
	int rows = r.h - 3 > 1 ? r.h - 3 : 1;
	size_t first = v->dialog_choice >= (size_t)rows ? v->dialog_choice - (size_t)rows + 1 : 0;
	const char *about = NULL, *why = NULL;
	struct buf line = BUF_INIT;
	for (int row = 0; row < rows && first + (size_t)row < count; row++) {
		size_t i = first + (size_t)row;
		line.len = 0;
		chooser_row(v, i, g, &line, &about, &why);
		put_marked(s, r.x, r.y + row, r.w, (char *)line.data,
			   i == v->dialog_choice ? STYLE_SELECTED : STYLE_DIALOG, g);
	}
	/* The chosen one in full: its description or title, or why it cannot run. */
	line.len = 0;
	chooser_row(v, v->dialog_choice, g, &line, &about, &why);
	if (!why && v->dialog_choice >= scenario_count &&
	    v->dialog_choice < scenario_count + v->lesson_count) {
		/* A lesson: its title, and the scenario it runs. */
		line.len = 0;
		buf_printf(&line, "%s (runs %s)", about,
			   v->lessons[v->dialog_choice - scenario_count].scenario);
		buf_append(&line, "", 1);
		about = (char *)line.data;
	}
	wrap(s, r.x, r.y + rows + 1, r.w, 2, 0, why ? why : about, why ? STYLE_ALERT : STYLE_DIALOG);
	buf_release(&line);
}

/* How each part of the explanation is painted: the lesson's own words stand out. */
static const int section_styles[] = {
	[SECTION_FAILURE] = STYLE_ALERT,
	[SECTION_LESSON] = STYLE_TITLE,
	[SECTION_NOTE] = STYLE_PLAIN,
	[SECTION_GENERIC] = STYLE_PLAIN,
};

/*
 * The parts of the explanation in `r`, a blank row between two, from their
 * row `top` on; returns the rows all of them take (s NULL: only counts).
 */
static int sections_paint(struct screen *s, struct rect r, const struct section *sections,
			  size_t count, size_t top, bool dialog)
{
	int row = 0;
	for (size_t i = 0; i < count; i++) {
		int n = wrap(NULL, 0, 0, r.w, INT_MAX, 0, sections[i].text, 0);
		int y = row - (int)top;
		if (s && y + n > 0 && y < r.h)
			wrap(s, r.x, r.y + (y > 0 ? y : 0), r.w, r.h - (y > 0 ? y : 0),
			     y < 0 ? (size_t)-y : 0, sections[i].text,
			     dialog && section_styles[sections[i].kind] == STYLE_PLAIN
				     ? STYLE_DIALOG
				     : section_styles[sections[i].kind]);
		row += n + (i + 1 < count);
	}
	return row;
}

/*
 * One paragraph of a dialog at its row `*row` of `r`, wrapped, then `gap`
 * blank rows; rows beyond `r` are counted, not painted (s NULL: only counts).
 */
static void paragraph(struct screen *s, struct rect r, int *row, const char *text, int style,
		      int gap)
{
	int n = wrap(NULL, 0, 0, r.w, INT_MAX, 0, text, 0);
	if (s && *row < r.h)
		wrap(s, r.x, r.y + *row, r.w, r.h - *row, 0, text, style);
	*row += n + gap;
}

/* The quiz's question, its choices and, once answered, the verdict: returns its rows. */
static int quiz_body(struct screen *s, struct rect r, const struct view *v)
{
	const struct quiz_question *q = &v->question;
	int row = 0;
	paragraph(s, r, &row, q->question, STYLE_TITLE, 1);
	struct buf line = BUF_INIT;
	for (size_t k = 0; k < q->count; k++) {
		bool mark = v->answered && (k == q->answer || k == v->picked);
		line.len = 0;
		buf_printf(&line, "%s %zu) %s", !mark ? " " : k == q->answer ? "+" : "x", k + 1,
			   q->choices[k]);
		buf_append(&line, "", 1);
		paragraph(s, r, &row, (char *)line.data, mark ? STYLE_SELECTED : STYLE_DIALOG, 0);
	}
	if (v->answered) {
		row++;
		line.len = 0;
		if (v->picked == q->answer)
			buf_printf(&line, "Right. (%u of %u so far)", v->right, v->asked);
		else
			buf_printf(&line, "Not quite: the answer is %zu) %s. (%u of %u so far)",
				   q->answer + 1, q->choices[q->answer], v->right, v->asked);
		buf_append(&line, "", 1);
		paragraph(s, r, &row, (char *)line.data,
			  v->picked == q->answer ? STYLE_TITLE : STYLE_ALERT, 0);
		paragraph(s, r, &row, q->explain, STYLE_DIALOG, 0);
	}
	buf_release(&line);
	return row;
}

/* A dialog of `rows` that `body` paints; when taller than the screen, its last row says so. */
static void body_overflows(struct screen *s, struct rect r, int rows, const struct glyphs *g)
{
	if (rows > r.h)
		put(s, r.x + r.w - 1, r.y + r.h - 1, 1, g->more, STYLE_ALERT);
}

static void draw_quiz(struct screen *s, const struct view *v, const struct glyphs *g)
{
	int w = dialog_width(s, 90);
	int rows = quiz_body(NULL, (struct rect){ 0, 0, w - 4, 0 }, v);
	struct rect r = dialog_box(s, g, w, dialog_height(s, rows),
				   v->answered ? "Quiz (any key: the next step)"
					       : "Quiz (answer with a number; Esc: later)");
	body_overflows(s, r, quiz_body(s, r, v), g);
}

/* The explanation pane's text whole (with a lesson's narration); one longer than the dialog scrolls. */
static void draw_narration(struct screen *s, struct view *v, const struct glyphs *g,
			   const struct section *sections, size_t count)
{
	int w = dialog_width(s, 84);
	int rows = sections_paint(NULL, (struct rect){ 0, 0, w - 4, INT_MAX }, sections, count, 0,
				  true);
	int h = dialog_height(s, rows);
	if (h > s->height - 2)
		h = s->height - 2; /* the status line stays in sight */
	struct buf name = BUF_INIT;
	scrolled_title(&name, v->lesson ? "Lesson" : "What is this?", &v->narration_top,
		       (size_t)rows, (size_t)h - 2, "other keys close");
	struct rect r = dialog_box(s, g, w, h, (char *)name.data);
	buf_release(&name);
	sections_paint(s, r, sections, count, v->narration_top, true);
}

/* The score beside what guessing would score, and what was missed: returns its rows. */
static int summary_body(struct screen *s, struct rect r, const struct view *v)
{
	char line[sizeof(v->missed) + 64];
	int row = 0;
	snprintf(line, sizeof(line), "%u of %u right.", v->right, v->asked);
	paragraph(s, r, &row, line, STYLE_TITLE, 1);
	if (v->fewest == v->most)
		snprintf(line, sizeof(line),
			 "Answering at random would score about %.1f (each question had %zu "
			 "choices).", v->chance, v->most);
	else
		snprintf(line, sizeof(line),
			 "Answering at random would score about %.1f (the questions had %zu to %zu "
			 "choices).", v->chance, v->fewest, v->most);
	paragraph(s, r, &row, line, STYLE_DIALOG, 1);
	if (v->missed[0])
		snprintf(line, sizeof(line), "Missed (step. the right answer): %s", v->missed);
	else
		snprintf(line, sizeof(line), "None missed.");
	paragraph(s, r, &row, line, STYLE_DIALOG, 0);
	return row;
}

static void draw_quiz_summary(struct screen *s, const struct view *v, const struct glyphs *g)
{
	int w = dialog_width(s, 90);
	int rows = summary_body(NULL, (struct rect){ 0, 0, w - 4, 0 }, v);
	struct rect r = dialog_box(s, g, w, dialog_height(s, rows), "Quiz done (any key closes)");
	body_overflows(s, r, summary_body(s, r, v), g);
}

static void draw_prompt(struct screen *s, const struct view *v, const struct glyphs *g)
{
	char go[64];
	snprintf(go, sizeof(go), "Go to step (1-%zu; Enter goes, Esc cancels)", v->step_count);
	const char *what = v->dialog == DIALOG_EXPORT
				   ? "Export to (.pcapng .txt .json .pcap .keys .md .mmd .puml; Enter writes)"
			   : v->dialog == DIALOG_GOTO ? go
			   : v->dialog == DIALOG_OPEN
				   ? "Open a capture (FILE [KEYLOG]; Enter opens, Esc cancels)"
				   : "Find a field or value (Enter finds, Esc cancels)";
	/* Two paths need the room. */
	struct rect r = dialog_box(s, g, dialog_width(s, v->dialog == DIALOG_OPEN ? 140 : 76), 3, what);
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
	/* The diagram keeps a third of the screen (its title row too); fields and bytes share the rest. */
	int diagram_rows = main_rows * 2 / 5 > s->height / 3 ? main_rows * 2 / 5 : s->height / 3;
	int fields_rows = (main_rows - diagram_rows) / 2;
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
	s->contrast = v->contrast;
	if (!begin_frame(s, width, height, SCREEN_MIN_WIDTH, SCREEN_MIN_HEIGHT))
		return;
	const struct glyphs *g = v->ascii ? &ascii_glyphs : &unicode_glyphs;
	struct section sections[SECTION_MAX];
	size_t section_count = view_sections(v, sections);
	int needed = sections_paint(NULL, (struct rect){ 0, 0, s->width - 2, INT_MAX }, sections,
				    section_count, 0, false);
	struct buf status = BUF_INIT;
	status_text(v, status_width(s), &status);
	buf_append(&status, "", 1);
	int status_h = status_rows(s, (char *)status.data);
	/*
	 * The explanation gets the rows it needs, up to a quarter of the screen
	 * or with a lesson up to what leaves the diagram a third and the fields
	 * and bytes two rows each (always at least one); beyond, its last row
	 * says where the rest is.
	 */
	int most = s->height - status_h - 1 - (s->height / 3 + (v->lesson ? 6 : 4));
	if (!v->lesson && most > s->height / 4)
		most = s->height / 4;
	if (most < EXPLAIN_LINES)
		most = EXPLAIN_LINES;
	int explain_rows = needed < EXPLAIN_LINES ? EXPLAIN_LINES : needed > most ? most : needed;
	int main_rows = s->height - explain_rows - 1 - status_h;
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

	struct buf heading = BUF_INIT;
	if (v->lesson)
		buf_printf(&heading, "Lesson: %s", v->lesson->title);
	else
		buf_printf(&heading, "What is this?");
	buf_append(&heading, "", 1);
	title(s, g, 0, main_rows, s->width, (char *)heading.data, false);
	buf_release(&heading);
	struct rect pane = { 1, main_rows + 1, s->width - 2, explain_rows };
	if (needed > explain_rows) {
		pane.h--;
		char more[80];
		snprintf(more, sizeof(more), "%s %d more rows (l: read it all)", g->more,
			 needed - pane.h);
		put(s, pane.x, pane.y + pane.h, pane.w, more, STYLE_FOCUS);
	}
	sections_paint(s, pane, sections, section_count, 0, false);
	draw_status(s, (char *)status.data, s->height - status_h, status_h, g);
	buf_release(&status);

	if (v->dialog == DIALOG_HELP)
		draw_help(s, v, g);
	if (v->dialog == DIALOG_NARRATION)
		draw_narration(s, v, g, sections, section_count);
	else if (v->dialog == DIALOG_SCENARIOS)
		draw_scenarios(s, v, g);
	else if (v->dialog == DIALOG_EXPORT || v->dialog == DIALOG_SEARCH ||
		 v->dialog == DIALOG_GOTO || v->dialog == DIALOG_OPEN)
		draw_prompt(s, v, g);
	else if (v->dialog == DIALOG_QUIZ)
		draw_quiz(s, v, g);
	else if (v->dialog == DIALOG_QUIZ_SUMMARY)
		draw_quiz_summary(s, v, g);
	else if (v->dialog == DIALOG_MATH)
		draw_math(s, v, g, status_h);
}

void screen_draw_compare(struct screen *s, const struct compare_view *c, int width, int height)
{
	int min_width = (int)c->width > SCREEN_MIN_WIDTH ? (int)c->width : SCREEN_MIN_WIDTH;
	s->ascii = c->ascii;
	if (!begin_frame(s, width, height, min_width, SCREEN_MIN_HEIGHT))
		return;
	const struct glyphs *g = c->ascii ? &ascii_glyphs : &unicode_glyphs;
	/* The top row says which run is which, however far the page has scrolled. */
	struct buf text = BUF_INIT;
	fill(s, 0, 0, s->width, " ", STYLE_FOCUS);
	if (c->stacked) {
		buf_printf(&text, "A = %s, B = %s (one after the other: side by side takes %zu "
				  "columns)", c->a->scenario, c->b->scenario, c->wide_width);
		buf_append(&text, "", 1);
		put_marked(s, 0, 0, s->width, (char *)text.data, STYLE_FOCUS, g);
	} else {
		buf_printf(&text, "left: %s", c->a->scenario);
		buf_append(&text, "", 1);
		put_marked(s, 0, 0, (int)c->right - 1, (char *)text.data, STYLE_FOCUS, g);
		text.len = 0;
		buf_printf(&text, "right: %s", c->b->scenario);
		buf_append(&text, "", 1);
		put_marked(s, (int)c->right, 0, s->width - (int)c->right, (char *)text.data,
			   STYLE_FOCUS, g);
	}
	size_t rows = (size_t)s->height - 2;
	size_t marked = c->rule_count ? c->rules[c->current] : LINE_NO_STEP;
	/*
	 * Scrolled past a diagram's lifeline names (stacked: the nearest above),
	 * the first row keeps them in sight, and the page goes on below it.
	 */
	int first_row = 1;
	for (size_t i = c->top; i-- > 0 && rows > 3;) {
		if (!names_lifelines(&c->layout.lines[i]))
			continue;
		const struct line *names = &c->layout.lines[i];
		int x = 0;
		for (size_t k = 0; k < names->count; k++)
			x += put(s, x, 1, s->width - x, names->spans[k].text, names->spans[k].style);
		if (c->stacked) /* the lifelines are both runs' there: no run's letter */
			fill(s, 0, 1, 1, " ", STYLE_PLAIN);
		first_row = 2;
		rows--;
		break;
	}
	for (size_t y = 0; y < rows && c->top + y < c->layout.count; y++) {
		const struct line *line = &c->layout.lines[c->top + y];
		int x = 0;
		for (size_t i = 0; i < line->count; i++)
			x += put(s, x, (int)y + first_row, s->width - x, line->spans[i].text,
				 c->top + y == marked ? STYLE_CURRENT : (int)line->spans[i].style);
	}
	text.len = 0;
	if (c->help)
		buf_printf(&text, " n Space Right: next round trip | p Left: previous | g G: first, "
				  "last | Up Down PgUp PgDn: scroll | + -: slower, faster | q: quit");
	else
		buf_printf(&text, " round trip %zu/%zu | lines %zu-%zu of %zu | %s | ? keys  q quit",
			   c->rule_count ? c->current + 1 : 0, c->rule_count, c->top + 1,
			   c->top + rows < c->layout.count ? c->top + rows : c->layout.count,
			   c->layout.count, c->summary);
	buf_append(&text, "", 1);
	fill(s, 0, s->height - 1, s->width, " ", STYLE_STATUS);
	put_marked(s, 0, s->height - 1, s->width - 1, (const char *)text.data, STYLE_STATUS, g);
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
