/*
 * Drawing the sequence diagram, in the style of the seed:
 *
 *   ┌──────────┐                 ┌──────────┐
 *   │  Client  │                 │  Server  │
 *   └─────┬────┘                 └─────┬────┘
 *         │ ─────────────────────────► │  ──┐
 *         │ 1. SYN                     │    │ TCP
 *         │                            │    │
 *         │ ◄───────────────────────── │    │
 *         │                 2. SYN ACK │  ──┘
 *
 * Rows are first drawn on a grid of one-column cells (so that brackets can be
 * added once every row exists), then each row becomes a line of spans.
 */
#include "layout/layout.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/text.h"
#include "decode/decode.h"
#include "decode/names.h"
#include "trace/quic.h"

#define CLIENT_LANE 6  /* column of the client's lifeline */
#define BOX_WIDTH 12   /* "┌──────────┐" */
#define MIN_ARROW 26   /* the seed's arrow length */
#define LABEL_MAX 64

enum section {
	SECTION_TCP_OPEN,
	SECTION_TLS_HANDSHAKE,
	SECTION_APPLICATION,
	SECTION_TLS_CLOSE,
	SECTION_TCP_CLOSE,
};

/* Each connection's sections; a run's second connection resumes the first's session. */
static const char *const section_names[CONNECTION_MAX][SECTION_TCP_CLOSE + 1] = {
	{
		[SECTION_TCP_OPEN] = "TCP",
		[SECTION_TLS_HANDSHAKE] = "TLS handshake",
		[SECTION_APPLICATION] = "application data",
		[SECTION_TLS_CLOSE] = "TLS close",
		[SECTION_TCP_CLOSE] = "TCP close",
	},
	{
		[SECTION_TCP_OPEN] = "TCP, 2nd connection",
		[SECTION_TLS_HANDSHAKE] = "TLS handshake, 2nd",
		[SECTION_APPLICATION] = "application data, 2nd",
		[SECTION_TLS_CLOSE] = "TLS close, 2nd",
		[SECTION_TCP_CLOSE] = "TCP close, 2nd",
	},
};

struct glyphs {
	const char *horizontal, *vertical, *top_left, *top_right, *bottom_left, *bottom_right,
		*tee_down, *arrow_right, *arrow_left;
};

static const struct glyphs unicode_glyphs = { "─", "│", "┌", "┐", "└", "┘", "┬", "►", "◄" };
static const struct glyphs ascii_glyphs = { "-", "|", "+", "+", "+", "+", "+", ">", "<" };

/* One visible step of the diagram. */
struct item {
	size_t step;
	unsigned conn;
	uint64_t arrival_us; /* on the modeled timeline */
	enum direction dir;
	enum section section;
	enum style style;
	char label[LABEL_MAX];
};

_Static_assert(LABEL_MAX == sizeof(((struct sequence_item *)0)->label), "one label size");

struct cell {
	char text[4]; /* one UTF-8 code point, not terminated */
	uint8_t len;  /* its bytes */
	enum style style;
};

struct row {
	struct cell *cells;
	size_t width, cap;
	size_t step;
};

struct canvas {
	const struct trace *t;
	struct row *rows;
	size_t count, cap;
	const struct glyphs *g;
	size_t server_lane;
	size_t arrow_len;
	bool no_sections;
};

static struct row *canvas_row(struct canvas *c, size_t step)
{
	ARRAY_GROW(c->rows, c->count, c->cap);
	struct row *r = &c->rows[c->count++];
	memset(r, 0, sizeof(*r));
	r->step = step;
	return r;
}

/* Writes UTF-8 `text` into the row from column `col`, one code point per cell. */
static void put(struct row *r, size_t col, const char *text, enum style style)
{
	for (const char *p = text; *p;) {
		size_t n = 1;
		while (n < 4 && (p[n] & 0xc0) == 0x80)
			n++;
		if (col >= r->width) {
			if (col >= r->cap) {
				r->cap = col + 1 > 2 * r->cap ? col + 1 : 2 * r->cap;
				r->cap = r->cap < 64 ? 64 : r->cap;
				r->cells = xrealloc(r->cells, r->cap * sizeof(*r->cells));
			}
			for (size_t i = r->width; i <= col; i++)
				r->cells[i] = (struct cell){ " ", 1, STYLE_PLAIN };
			r->width = col + 1;
		}
		struct cell *cell = &r->cells[col++];
		memcpy(cell->text, p, n);
		cell->len = (uint8_t)n;
		cell->style = style;
		p += n;
	}
}

static void put_repeat(struct row *r, size_t col, const char *glyph, size_t count,
		       enum style style)
{
	for (size_t i = 0; i < count; i++)
		put(r, col + i, glyph, style);
}


static void lifelines(struct canvas *c, struct row *r)
{
	put(r, CLIENT_LANE, c->g->vertical, STYLE_LANE);
	put(r, c->server_lane, c->g->vertical, STYLE_LANE);
}

static void message_label(const struct message *m, char *out, size_t len)
{
	char name[LABEL_MAX];
	const char *alert;
	switch (m->kind) {
	case MESSAGE_ALERT:
		alert = registry_name(REG_ALERT_DESCRIPTION, m->type);
		if (alert)
			snprintf(name, sizeof(name), "Alert: %s", alert);
		else
			snprintf(name, sizeof(name), "Alert: %u", m->type);
		break;
	case MESSAGE_HANDSHAKE:
		if (!registry_name(REG_HANDSHAKE_TYPE, m->type)) {
			snprintf(name, sizeof(name), "Handshake(%u)", m->type);
			break;
		}
		/* fall through */
	default:
		snprintf(name, sizeof(name), "%s", message_name(m));
	}
	/*
	 * RFC 8446, 2: () for early traffic keys, {} for handshake traffic keys,
	 * [] for application traffic keys.
	 */
	char altered[32];
	snprintf(altered, sizeof(altered), "%s%s", m->altered ? " (altered!)" : "",
		 m->unread ? " (unread)" : "");
	if (m->protection == PROTECTION_EARLY)
		snprintf(out, len, "(%s)%s", name, altered);
	else if (m->protection == PROTECTION_HANDSHAKE)
		snprintf(out, len, "{%s}%s", name, altered);
	else if (m->protection == PROTECTION_APPLICATION)
		snprintf(out, len, "[%s]%s", name, altered);
	else
		snprintf(out, len, "%s%s", name, altered);
}

void layout_step_label(const struct trace *t, const struct step *s, char *out, size_t out_len)
{
	if (s->kind == STEP_SEGMENT) {
		const struct segment *seg = &t->tcp.segments[s->index];
		/* What the reassembly made of a captured segment. */
		static const char *const notes[] = {
			[CAPTURED_IN_ORDER] = "",
			[CAPTURED_RETRANSMISSION] = ", retransmission",
			[CAPTURED_OUT_OF_ORDER] = ", out of order",
			[CAPTURED_PREAMBLE] = ", before TLS",
			[CAPTURED_AFTER_GAP] = ", after a gap",
		};
		char flags[32], gap[48] = "";
		tcp_flags_name(seg->flags, flags, sizeof(flags));
		if (seg->note == CAPTURED_AFTER_GAP)
			snprintf(gap, sizeof(gap), " (%u bytes missing before it)", seg->gap);
		if (seg->len || seg->note != CAPTURED_IN_ORDER)
			snprintf(out, out_len, "%s (%zu bytes%s)%s", flags, seg->len, notes[seg->note],
				 gap);
		else
			snprintf(out, out_len, "%s", flags);
		return;
	}
	message_label(&t->messages[s->index], out, out_len);
}

static enum section message_section(const struct message *m)
{
	/* 0-RTT data travels in the client's first flight, inside the handshake. */
	if (m->protection == PROTECTION_EARLY)
		return SECTION_TLS_HANDSHAKE;
	switch (m->kind) {
	case MESSAGE_APPLICATION_DATA:
		return SECTION_APPLICATION;
	case MESSAGE_ALERT:
		return m->type == 0 ? SECTION_TLS_CLOSE : SECTION_TLS_HANDSHAKE;
	case MESSAGE_QUIC_FRAME:
		return m->type == QUIC_FRAME_HANDSHAKE_DONE ? SECTION_TLS_HANDSHAKE : SECTION_TLS_CLOSE;
	default:
		return SECTION_TLS_HANDSHAKE;
	}
}

static enum style message_style(const struct message *m)
{
	if (m->altered || m->kind == MESSAGE_UNREADABLE || (m->kind == MESSAGE_ALERT && m->type != 0))
		return STYLE_ALERT;
	if (m->protection != PROTECTION_PLAINTEXT)
		return STYLE_PROTECTED;
	return m->dir == DIR_CLIENT_TO_SERVER ? STYLE_CLIENT : STYLE_SERVER;
}

/* The steps the diagram shows, each with its section: sections never go backwards. */
static size_t collect_items(const struct trace *t, const struct layout_options *opts,
			    struct item **out)
{
	struct item *items = xcalloc(t->step_count ? t->step_count : 1, sizeof(*items));
	size_t count = 0;
	enum section current = SECTION_TCP_OPEN;
	unsigned conn = 0;
	for (size_t i = 0; i < t->step_count; i++) {
		const struct step *s = &t->steps[i];
		struct item *it = &items[count];
		enum section natural;
		if (s->conn != conn) {
			conn = s->conn;
			current = SECTION_TCP_OPEN;
		}
		if (s->kind == STEP_SEGMENT) {
			const struct segment *seg = &t->tcp.segments[s->index];
			bool lifecycle = seg->role == SEGMENT_OPEN || seg->role == SEGMENT_CLOSE;
			if (!lifecycle && !opts->all_segments)
				continue;
			it->dir = seg->dir;
			it->style = STYLE_TCP;
			natural = seg->role == SEGMENT_OPEN    ? SECTION_TCP_OPEN
				  : seg->role == SEGMENT_CLOSE ? SECTION_TCP_CLOSE
							       : current;
		} else {
			const struct message *m = &t->messages[s->index];
			it->dir = m->dir;
			it->style = message_style(m);
			natural = message_section(m);
		}
		if (natural > current)
			current = natural;
		it->step = i;
		it->conn = s->conn;
		it->arrival_us = t->arrival_us[i];
		it->section = current;
		layout_step_label(t, s, it->label, sizeof(it->label));
		count++;
	}
	*out = items;
	return count;
}

/* The name of `item`'s section: DTLS's and QUIC's handshake and close are theirs, not TLS's. */
static const char *section_name(const struct trace *t, const struct item *item)
{
	bool quic = t->capture.quic;
	if (t->capture.datagrams && item->section == SECTION_TLS_HANDSHAKE)
		return quic ? "QUIC handshake" : "DTLS handshake";
	if (t->capture.datagrams && item->section == SECTION_TLS_CLOSE)
		return quic ? "QUIC close" : "DTLS close";
	return section_names[item->conn][item->section];
}

/* Whether `b`, right after `a`, travels under the same arrow: one flight of one peer. */
static bool same_flight(const struct item *a, const struct item *b)
{
	return a->dir == b->dir && a->section == b->section && a->conn == b->conn;
}

size_t layout_sequence(const struct trace *t, const struct layout_options *opts,
		       struct sequence_item **out)
{
	struct item *items;
	size_t count = collect_items(t, opts, &items);
	*out = xcalloc(count ? count : 1, sizeof(**out));
	unsigned number = 0;
	for (size_t i = 0; i < count; i++) {
		struct sequence_item *s = &(*out)[i];
		if (i == 0 || !same_flight(&items[i - 1], &items[i]))
			number++;
		s->step = items[i].step;
		s->conn = items[i].conn;
		s->number = number;
		s->arrival_us = items[i].arrival_us;
		s->dir = items[i].dir;
		s->section = section_name(t, &items[i]);
		s->style = items[i].style;
		memcpy(s->label, items[i].label, sizeof(s->label));
	}
	free(items);
	return count;
}

static void draw_boxes(struct canvas *c)
{
	const struct glyphs *g = c->g;
	size_t starts[2] = { 0, c->server_lane - CLIENT_LANE };
	const char *names[2] = { "  Client  ", "  Server  " };
	struct row *top = canvas_row(c, LINE_NO_STEP);
	struct row *mid = canvas_row(c, LINE_NO_STEP);
	struct row *bottom = canvas_row(c, LINE_NO_STEP);
	for (int i = 0; i < 2; i++) {
		size_t x = starts[i];
		put(top, x, g->top_left, STYLE_LANE);
		put_repeat(top, x + 1, g->horizontal, BOX_WIDTH - 2, STYLE_LANE);
		put(top, x + BOX_WIDTH - 1, g->top_right, STYLE_LANE);
		put(mid, x, g->vertical, STYLE_LANE);
		put(mid, x + 1, names[i], STYLE_TITLE);
		put(mid, x + BOX_WIDTH - 1, g->vertical, STYLE_LANE);
		put(bottom, x, g->bottom_left, STYLE_LANE);
		put_repeat(bottom, x + 1, g->horizontal, BOX_WIDTH - 2, STYLE_LANE);
		put(bottom, x + CLIENT_LANE, g->tee_down, STYLE_LANE);
		put(bottom, x + BOX_WIDTH - 1, g->bottom_right, STYLE_LANE);
	}
}

/* One arrow and its stacked labels; the label of the flight's first step is numbered. */
static void draw_arrow(struct canvas *c, const struct item *items, size_t count, int number)
{
	const struct glyphs *g = c->g;
	enum direction dir = items[0].dir;
	enum style arrow_style = items[0].style == STYLE_TCP ? STYLE_TCP
				 : dir == DIR_CLIENT_TO_SERVER ? STYLE_CLIENT
							       : STYLE_SERVER;
	size_t from = CLIENT_LANE + 2;
	struct row *r = canvas_row(c, items[0].step);
	lifelines(c, r);
	if (dir == DIR_CLIENT_TO_SERVER) {
		put_repeat(r, from, g->horizontal, c->arrow_len - 1, arrow_style);
		put(r, from + c->arrow_len - 1, g->arrow_right, arrow_style);
	} else {
		put(r, from, g->arrow_left, arrow_style);
		put_repeat(r, from + 1, g->horizontal, c->arrow_len - 1, arrow_style);
	}

	char prefix[16];
	int prefix_len = snprintf(prefix, sizeof(prefix), "%d. ", number);
	for (size_t i = 0; i < count; i++) {
		char text[LABEL_MAX + 16];
		snprintf(text, sizeof(text), "%*s%s", prefix_len, i == 0 ? prefix : "",
			 items[i].label);
		size_t width = text_width(text);
		size_t col = dir == DIR_CLIENT_TO_SERVER ? from : from + c->arrow_len - width;
		r = canvas_row(c, items[i].step);
		lifelines(c, r);
		/* When it arrives, in the margin left of the client's lifeline. */
		char time[16];
		format_time_us(items[i].arrival_us, time, sizeof(time));
		put(r, CLIENT_LANE - 1 - strlen(time), time, STYLE_NOTE);
		/* The number belongs to the arrow; the name carries the message's own style. */
		put(r, col, text, items[i].style);
		if (i == 0)
			put(r, col, prefix, arrow_style);
	}
}

static void draw_bracket(struct canvas *c, size_t first, size_t last, const struct item *item)
{
	const struct glyphs *g = c->g;
	size_t x = c->server_lane + 3;
	const char *name = section_name(c->t, item);
	put_repeat(&c->rows[first], x, g->horizontal, 2, STYLE_BRACKET);
	put(&c->rows[first], x + 2, g->top_right, STYLE_BRACKET);
	for (size_t i = first + 1; i < last; i++)
		put(&c->rows[i], x + 2, g->vertical, STYLE_BRACKET);
	put_repeat(&c->rows[last], x, g->horizontal, 2, STYLE_BRACKET);
	put(&c->rows[last], x + 2, g->bottom_right, STYLE_BRACKET);
	size_t label_row = last - first >= 2 ? (first + last) / 2 : first;
	put(&c->rows[label_row], x + 4, name, STYLE_BRACKET);
}

static void draw_diagram(struct canvas *c, const struct item *items, size_t count)
{
	size_t section_first = 0;
	int number = 0;
	for (size_t i = 0; i < count;) {
		size_t end = i + 1;
		while (end < count && same_flight(&items[i], &items[end]))
			end++;
		bool new_section = i == 0 || items[i].section != items[i - 1].section ||
				   items[i].conn != items[i - 1].conn;
		if (new_section && i > 0 && !c->no_sections) {
			draw_bracket(c, section_first, c->count - 1, &items[i - 1]);
			lifelines(c, canvas_row(c, LINE_NO_STEP));
			struct row *sep = canvas_row(c, LINE_NO_STEP);
			lifelines(c, sep);
			put_repeat(sep, CLIENT_LANE + 2, "-", c->arrow_len, STYLE_LANE);
		}
		lifelines(c, canvas_row(c, LINE_NO_STEP));
		if (new_section)
			section_first = c->count;
		draw_arrow(c, items + i, end - i, ++number);
		i = end;
	}
	if (count && !c->no_sections)
		draw_bracket(c, section_first, c->count - 1, &items[count - 1]);
	lifelines(c, canvas_row(c, LINE_NO_STEP));
}

static void text_row(struct canvas *c, enum style style, const char *text)
{
	put(canvas_row(c, LINE_NO_STEP), 0, text, style);
}

void layout_title(const struct trace *t, struct buf *title)
{
	const struct negotiated *n = &t->conns[0].negotiated;
	const char *version = registry_name(REG_PROTOCOL_VERSION, n->version);
	const char *suite = registry_name(REG_CIPHER_SUITE, n->cipher_suite);
	const char *group = registry_name(REG_NAMED_GROUP, n->group);
	buf_printf(title, "%s: ", t->scenario);
	if (!n->version) {
		explain_no_server_hello(t, 0, title);
		return;
	}
	buf_printf(title, "%s%s", t->capture.quic ? "QUIC, " : "", version ? version : "unknown version");
	if (n->cipher_suite)
		buf_printf(title, ", %s", suite ? suite : "unknown cipher suite");
	if (group)
		buf_printf(title, ", %s", group);
	else if (n->version == 0x0303 && suite && strncmp(suite, "TLS_RSA_", 8) == 0)
		buf_printf(title, ", RSA key transport");
}

static void draw_title(struct canvas *c, const struct trace *t)
{
	struct buf title = BUF_INIT;
	layout_title(t, &title);
	text_row(c, STYLE_TITLE, (const char *)title.data);
	buf_release(&title);
	canvas_row(c, LINE_NO_STEP);
}

/* Appends a line of one span to `l`, as long as its text is. */
static void note_line(struct layout *l, enum style style, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void note_line(struct layout *l, enum style style, const char *fmt, ...)
{
	struct buf text = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&text, fmt, ap);
	va_end(ap);
	ARRAY_GROW(l->lines, l->count, l->cap);
	struct line *line = &l->lines[l->count++];
	memset(line, 0, sizeof(*line));
	line->step = LINE_NO_STEP;
	ARRAY_GROW(line->spans, line->count, line->cap);
	line->spans[line->count++] = (struct span){ layout_text(l, (const char *)text.data, text.len),
						    style };
	buf_release(&text);
}

void layout_notes(struct layout *out, const struct trace *t, bool times)
{
	memset(out, 0, sizeof(*out));
	struct item *items;
	size_t count = collect_items(t, &(struct layout_options){ 0 }, &items);
	bool parens = false, braces = false, brackets = false, initial = false;
	for (size_t i = 0; i < count; i++) {
		const struct step *st = &t->steps[items[i].step];
		initial |= st->kind == STEP_MESSAGE &&
			   t->messages[st->index].protection == PROTECTION_INITIAL;
		parens |= items[i].label[0] == '(';
		braces |= items[i].label[0] == '{';
		brackets |= items[i].label[0] == '[';
	}
	free(items);
	if (initial) /* RFC 9001, 5.2 */
		note_line(out, STYLE_NOTE, "Name    in Initial packets: their keys come from the client's "
					   "Destination Connection ID, so anyone on the path can open "
					   "them");
	if (parens)
		note_line(out, STYLE_NOTE, "(Name)  protected with early traffic keys (0-RTT)");
	if (braces)
		note_line(out, STYLE_NOTE, "{Name}  protected with handshake traffic keys");
	if (brackets)
		note_line(out, STYLE_NOTE, "%s",
			  trace_final(t)->version == 0x0304
				  ? "[Name]  protected with application traffic keys"
				  : "[Name]  protected with the keys ChangeCipherSpec switched on");
	if (t->capture.from_file) {
		if (t->capture.quic)
			note_line(out, STYLE_NOTE, "QUIC over UDP as captured: each step is a TLS message "
						   "its CRYPTO frames carried, one packet's stream data, "
						   "a HANDSHAKE_DONE or CONNECTION_CLOSE frame, or a "
						   "Retry or Version Negotiation packet; "
						   "packets of acknowledgements, padding or flow control "
						   "alone are no steps.");
		else if (t->capture.datagrams)
			note_line(out, STYLE_NOTE, "DTLS over UDP as captured: each step is what the "
						   "datagrams carried (a retransmitted message is drawn "
						   "once).");
		else
			note_line(out, STYLE_NOTE, "TCP as captured: every segment the file holds, "
						   "with its real sequence numbers and options.");
		if (times)
			note_line(out, STYLE_NOTE, "Times: when each step was captured, from the "
						   "connection's first packet.");
	} else {
		note_line(out, STYLE_NOTE, "TCP is modeled around the real TLS bytes (a socketpair "
					   "carries no TCP).");
		if (times)
			note_line(out, STYLE_NOTE,
				  "Times: when each step arrives, at a round trip of %u ms (--rtt), "
				  "from %s SYN.",
				  t->rtt_ms, t->conn_count > 1 ? "each connection's" : "the");
	}
	char summary[96];
	for (unsigned i = 0; i < t->conn_count; i++) {
		trace_client_data_summary(t, i, summary, sizeof(summary));
		note_line(out, STYLE_NOTE, "%s %s.",
			  t->conn_count == 1 ? "The client"
			  : i == 0	     ? "1st connection: the client"
					     : "2nd connection: the client",
			  summary);
	}
	for (size_t i = 0; i < t->message_count; i++) {
		if (!t->messages[i].altered)
			continue;
		note_line(out, STYLE_ALERT, "(altered!)  a man in the middle changed this message "
					    "on its way: the bytes sent and the bytes that arrived "
					    "differ");
		break;
	}
	for (size_t i = 0; i < t->message_count; i++) {
		if (!t->messages[i].unread)
			continue;
		note_line(out, STYLE_ALERT, "(unread)  sent, but never processed: its receiver had "
					    "already ended the connection with an alert");
		break;
	}
	/* The engine's account whole: never cut mid-word. */
	if (strcmp(t->outcome, "complete") != 0)
		note_line(out, STYLE_ALERT, "Outcome: %s: %s", t->outcome, t->detail);
	if (t->unopened[0])
		note_line(out, STYLE_ALERT, "Ciphertext only: %s", t->unopened);
	if (t->error[0])
		note_line(out, STYLE_ALERT, "Trace error: %s", t->error);
}

static void draw_notes(struct canvas *c, const struct trace *t)
{
	struct layout notes;
	layout_notes(&notes, t, true);
	canvas_row(c, LINE_NO_STEP);
	for (size_t i = 0; i < notes.count; i++)
		text_row(c, notes.lines[i].spans[0].style, notes.lines[i].spans[0].text);
	layout_release(&notes);
}

/* Turns a row of cells into a line of spans, trailing blanks dropped. */
static bool blank_cell(const struct cell *c)
{
	return c->len == 1 && c->text[0] == ' ';
}

static void emit_line(struct layout *l, const struct row *r)
{
	ARRAY_GROW(l->lines, l->count, l->cap);
	struct line *line = &l->lines[l->count++];
	memset(line, 0, sizeof(*line));
	line->step = r->step;
	size_t width = r->width;
	while (width > 0 && blank_cell(&r->cells[width - 1]))
		width--;
	for (size_t i = 0; i < width;) {
		/* Blanks join the span before them, so a line is a few spans, not one per gap. */
		enum style style = r->cells[i].style;
		size_t j = i, bytes = 0;
		for (; j < width; j++) {
			if (j > i && !blank_cell(&r->cells[j]) && r->cells[j].style != style)
				break;
			bytes += r->cells[j].len;
		}
		char *text = arena_alloc(&l->texts, bytes + 1), *at = text;
		for (size_t k = i; k < j; k++) {
			memcpy(at, r->cells[k].text, r->cells[k].len);
			at += r->cells[k].len;
		}
		*at = '\0';
		ARRAY_GROW(line->spans, line->count, line->cap);
		line->spans[line->count++] = (struct span){ text, style };
		i = j;
	}
}

void layout_diagram(struct layout *out, const struct trace *t, const struct layout_options *opts)
{
	memset(out, 0, sizeof(*out));
	struct item *items;
	size_t count = collect_items(t, opts, &items);

	struct canvas c = { .t = t, .g = opts->ascii ? &ascii_glyphs : &unicode_glyphs,
			    .no_sections = opts->no_sections };
	size_t widest = 0;
	for (size_t i = 0; i < count; i++)
		if (text_width(items[i].label) > widest)
			widest = text_width(items[i].label);
	/* Room for "NN. " before the widest label. */
	c.arrow_len = widest + 5 > MIN_ARROW ? widest + 5 : MIN_ARROW;
	c.server_lane = CLIENT_LANE + 3 + c.arrow_len;

	draw_title(&c, t);
	draw_boxes(&c);
	draw_diagram(&c, items, count);
	draw_notes(&c, t);

	for (size_t i = 0; i < c.count; i++) {
		emit_line(out, &c.rows[i]);
		free(c.rows[i].cells);
	}
	free(c.rows);
	free(items);
}

char *layout_text(struct layout *l, const char *text, size_t len)
{
	return arena_strndup(&l->texts, text, len);
}

void layout_release(struct layout *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->lines[i].spans);
	free(l->lines);
	arena_release(&l->texts);
	memset(l, 0, sizeof(*l));
}
